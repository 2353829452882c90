// The one module that runs Git. Every call sets a predictable environment, can be refused by
// the caller's trust check, and writes to one repository never overlap (within this process through a
// queue keyed by the repository's top folder, across processes by waiting out a live Git's index.lock).
import type { Hash } from 'node:crypto';
import { crypto } from '../node/lazy';
import { tmpdir } from 'node:os';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChildProcess, spawn as Spawn } from 'node:child_process';
import { MAX_GIT_BLOB_BYTES, UnreadableFileError } from '../fs/readBounded';
import { close, closeSync, existsSync, fstatSync, openSync, promises as fs, readFileSync, readSync, realpathSync, statSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { GitOperationError, lockFileIn, outputOf } from './errors';
import { LFS_POINTER_MAX_BYTES, parseLfsPointer } from './lfs';
import { shellRead, ShellGoneError } from './shellReads';

export interface GitOptions {
  /** Folder the commands run in. */
  cwd: string;
  /** Asked before every call; Git never runs while it answers false (VS Code restricted mode). */
  isTrusted?: () => boolean;
  /**
   * How long a write waits for a lock held by a live Git program before giving up (default 20 s, or
   * REFORM_EVIDENCE_LOCK_WAIT_MS: the real-VS-Code suite shortens the wait through the host's environment).
   */
  lockWaitMs?: number;
}

function lockWaitFromEnvironment(): number | undefined {
  const ms = Number(process.env.REFORM_EVIDENCE_LOCK_WAIT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** Raised when the caller's trust check refuses a Git call. */
export class GitNotTrustedError extends Error {
  constructor() {
    super('Git is disabled in an untrusted workspace. — Git bị tắt trong không gian làm việc chưa tin cậy.');
    this.name = 'GitNotTrustedError';
  }
}

/** Read size of an output Git wrote to a file (Git.readChunks' afterExit): a listing of 2,000 paths is ~430 KB. */
const CHUNK_BYTES = 1024 * 1024;
/**
 * Read size of an output followed in its file while Git writes it (Git.readChunks' follow): each chunk is one
 * synchronous task of our handlers, a short one in a thread other extensions share (the editor's host).
 */
const FOLLOW_CHUNK_BYTES = 256 * 1024;
/** How long a reader that caught up with Git waits before looking at the file again (or Git's exit, if sooner). */
const FOLLOW_POLL_MS = 10;

let tempFiles = 0;
let tempName: string | undefined;
/** The process id and a random part, once per process: the names of our temporary files cannot be guessed. */
const tempPrefix = () => (tempName ??= `${process.pid}-${randomHex(6)}`);

/**
 * Random bytes in hex, from /dev/urandom (half a millisecond): loading node:crypto takes 4–6 ms of a fresh process,
 * before its first Git call (the CLI's cold status). node:crypto where there is none (Windows).
 */
function randomHex(bytes: number): string {
  try {
    const fd = openSync('/dev/urandom', 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      if (readSync(fd, buffer, 0, bytes, null) === bytes) return buffer.toString('hex');
    } finally {
      closeSync(fd);
    }
  } catch {
    // No /dev/urandom: node:crypto below.
  }
  return crypto().randomBytes(bytes).toString('hex');
}

let spawned = 0;
/** How many Git processes this process has started: tests use it to prove restricted mode runs none. */
export function gitProcessCount(): number {
  return spawned;
}

/** The last Git commands started (folder and arguments): tests prove no call runs twice for one state. */
const started: { seq: number; cwd: string; args: string[]; at: number }[] = [];
let recorded = 0;
export function gitCommandLog(): readonly { seq: number; cwd: string; args: string[]; at: number }[] {
  return started;
}
/** A mark for gitCommandsSince: the log keeps its last 500 commands, so an index into it does not last. */
export function gitCommandMark(): number {
  return recorded;
}
/** The commands started after `mark` (of those the log still keeps). */
export function gitCommandsSince(mark: number): readonly { seq: number; cwd: string; args: string[]; at: number }[] {
  return started.filter((command) => command.seq > mark);
}
/**
 * Told of each Git process started for binary-safe output (readBuffer, readChunks, readInput…), with its arguments;
 * what it returns is told each stdout chunk's size and the time our handler took on it (ms). The editor's startup
 * trace only (REFORM_EVIDENCE_TRACE_STARTUP): where a listing's time goes. Undefined: nothing is told.
 */
export type GitProcessObserver = (child: ChildProcess, args: string[]) => ((bytes: number, handlerMs: number) => void) | undefined;
let processObserver: GitProcessObserver | undefined;
export function observeGitProcesses(observer: GitProcessObserver | undefined): void {
  processObserver = observer;
}
/** `handle` timed for the observer, when there is one. */
function observed(child: ChildProcess, args: string[], handle: (chunk: Buffer) => void): (chunk: Buffer) => void {
  const seen = processObserver?.(child, args);
  if (!seen) return handle;
  return (chunk) => {
    const t0 = performance.now();
    handle(chunk);
    seen(chunk.length, performance.now() - t0);
  };
}

function recordCommand(cwd: string, args: string[]): void {
  started.push({ seq: ++recorded, cwd, args: [...args], at: Date.now() });
  if (started.length > 500) started.splice(0, started.length - 500);
}

/** Git variables inherited from the caller; any other GIT_* (GIT_DIR, GIT_INDEX_FILE…) could redirect our calls. */
const INHERITED_GIT_VARIABLES = new Set([
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
  'GIT_CONFIG_NOSYSTEM',
  // Where discovery must stop: without them Git would climb into a parent repository the user fenced off.
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
]);
/** Programs Git could start on our behalf: we never want an editor or a prompt (simple-git refuses them too). */
const DROPPED_VARIABLES = new Set(['EDITOR', 'VISUAL', 'SSH_ASKPASS', 'PREFIX']);

/** Environment of every Git call: stable English output, no pager, no prompts, literal pathspecs. */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env, reading = false): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    const upper = key.toUpperCase();
    if (value === undefined || DROPPED_VARIABLES.has(upper)) continue;
    if (!upper.startsWith('GIT_') || INHERITED_GIT_VARIABLES.has(key)) env[key] = value;
  }
  Object.assign(env, {
    LC_ALL: 'C',
    LANG: 'C',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_TERMINAL_PROMPT: '0',
    GIT_LITERAL_PATHSPECS: '1',
  });
  // Reads must not take index.lock, or they would race the user's own Git commands.
  if (reading) env.GIT_OPTIONAL_LOCKS = '0';
  return env;
}

/**
 * `-c` options of every call. `core.fsmonitor=false`: a repository's own config can name any program as its
 * file-system monitor, and `git status` / `ls-files` would run it on every read; our reads never need it.
 */
const CONFIG = ['core.quotepath=false', 'color.ui=false', 'core.fsmonitor=false'];

const writeQueues = new Map<string, Promise<unknown>>();
/** Which repository's queue the current async context holds, so nested writes don't wait on themselves. */
const holding = new AsyncLocalStorage<string>();

/** One blob of readBlobs: its bytes, its size when over the limit, or missing (or not a blob). */
export type BlobBytes = { bytes: Buffer } | { tooLarge: number } | { missing: true };

export interface Git {
  readonly cwd: string;
  /** A read-only command; its stdout. */
  read(args: string[]): Promise<string>;
  /**
   * A read-only command whose output may be binary (`show rev:path`, `cat-file blob`), at most `limit.bytes` of it
   * (MAX_GIT_BLOB_BYTES by default): more stops Git and throws UnreadableFileError naming `limit.path`.
   */
  readBuffer(args: string[], limit?: { bytes: number; path: string }, env?: Record<string, string>): Promise<Buffer>;
  /** A read-only command that reads `input` on stdin (`diff-tree --stdin`); its stdout as bytes. */
  readInput(args: string[], input: string): Promise<Buffer>;
  /**
   * A read-only command with a small output (the portfolio's `log -1` per ward), through the thread's one shell
   * where there is one (shellReads.ts: no fork of this process per call); its stdout. Failures reject without
   * Git's message. Optional: test doubles read with readBuffer.
   */
  readSmall?(args: string[]): Promise<Buffer>;
  /**
   * A read-only command whose stdout is handed to `each` chunk by chunk, never held whole (large listings).
   * `afterExit`: Git writes to a temporary file (deleted at once) and the chunks come after it ends, in a few large
   * reads: for a caller that would only collect them (the portfolio's listings), no wake-up per 4 KB Git writes.
   * `follow`: Git writes to a temporary file too, read as it grows while Git runs: Git never waits on a full pipe
   * while our thread is busy elsewhere (a criteria file parsed while Git lists: loadWorkspace; in the editor's
   * host, other extensions: a 100,000-file listing's Git spent 10.8 of its 23.5 s blocked on a pipe there).
   */
  readChunks(args: string[], each: (chunk: Buffer) => void, options?: { afterExit?: boolean; follow?: boolean }): Promise<void>;
  /** Streams each blob of `ids` through one `git cat-file --batch`; `each` gets its bytes. Missing ids are skipped. */
  /**
   * SHA-256 of each blob, hashed as Git streams it (never a whole blob in memory); for a blob that is a Git LFS
   * pointer, also the pointer's object id (the SHA-256 of the content it stands for: lfs.ts).
   */
  hashBlobs(ids: string[], each: (id: string, sha256: string, lfsOid?: string) => void): Promise<void>;
  /**
   * The bytes of each blob of `ids` (full object ids), through one `git cat-file --batch`: `each` once per id, in
   * order. A blob larger than its limit (`limitPerBlob`, or `limitPerBlob[i]` for `ids[i]`) is refused from its
   * size, never read: Git is stopped there and started again for the ids after it.
   */
  readBlobs(ids: string[], limitPerBlob: number | readonly number[], each: (id: string, read: BlobBytes) => void): Promise<void>;
  /**
   * A long-lived read-only command fed on stdin as the caller goes (`diff-tree --stdin`): `each` gets its stdout
   * chunk by chunk as Git answers. The caller must `end` it (stdin closed, Git's exit awaited) or `stop` it.
   */
  stream(args: string[], each: (chunk: Buffer) => void): GitStream;
  /** A command that changes the repository; queued behind every other write to the same repository. */
  write(args: string[]): Promise<string>;
  /**
   * A write that reads `input` on stdin (`update-index --index-info`, `--pathspec-from-file=-`); queued like `write`.
   * `env` adds variables after the filtered environment (sync's `commit-tree` keeps each commit's author).
   */
  writeInput(args: string[], input: string | Buffer, env?: Record<string, string>): Promise<string>;
  /** Runs `task` while holding this repository's write queue, for multi-step operations (stage + commit). */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

/** A running Git fed on stdin (Git.stream). */
export interface GitStream {
  /** Sends more input (ignored once Git has ended). */
  write(input: string): void;
  /** Closes stdin; resolves when Git exits with 0, rejects with its stderr otherwise (or when it was stopped). */
  end(): Promise<void>;
  /** Stops Git at once (its answers still owed are abandoned); `end` then resolves. */
  stop(): void;
  /** Settles as `end` does, without closing stdin: how a reader learns that Git failed before answering. */
  readonly done: Promise<void>;
}

/** `GIT_CEILING_DIRECTORIES` as absolute folders (empty entries and relative ones are ignored, as Git does). */
function ceilingDirectories(env: NodeJS.ProcessEnv): string[] {
  return (env.GIT_CEILING_DIRECTORIES ?? '')
    .split(path.delimiter)
    .filter((entry) => entry !== '' && path.isAbsolute(entry))
    .map((entry) => {
      try {
        return realpathSync.native(entry);
      } catch {
        return path.resolve(entry);
      }
    });
}

/** Git's boolean spelling: "1", "true", "yes", "on" (any case). */
function gitTrue(value: string | undefined): boolean {
  return /^(1|true|yes|on)$/i.test((value ?? '').trim());
}

function deviceOf(dir: string): number | undefined {
  try {
    return statSync(dir).dev;
  } catch {
    return undefined;
  }
}

/**
 * The top folder of the work tree that holds `dir` (the nearest folder with a `.git` entry), found on disk
 * without running Git so the queue key is known at once. Like Git, it never climbs into a folder of
 * `GIT_CEILING_DIRECTORIES` (the start folder itself is still looked at) nor, unless
 * `GIT_DISCOVERY_ACROSS_FILESYSTEM` is true, onto another file system. Falls back to `dir` itself.
 */
export function findTopLevel(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  let current = path.resolve(dir);
  try {
    current = realpathSync.native(current);
  } catch {
    // A folder that does not exist yet keeps its given name.
  }
  const ceilings = new Set(ceilingDirectories(env));
  const acrossFileSystems = gitTrue(env.GIT_DISCOVERY_ACROSS_FILESYSTEM);
  const startDevice = deviceOf(current);
  for (let at = current; ; ) {
    if (existsSync(path.join(at, '.git'))) return at;
    const parent = path.dirname(at);
    if (parent === at || ceilings.has(parent)) return current;
    if (!acrossFileSystems && startDevice !== undefined && deviceOf(parent) !== startDevice) return current;
    at = parent;
  }
}

/** The Git directory of a top folder: `.git`, or where a worktree's `.git` file points. */
export function gitDirOf(topLevel: string): string {
  const dotGit = path.join(topLevel, '.git');
  try {
    if (statSync(dotGit).isFile()) {
      const text = readFileSync(dotGit, 'utf8');
      const match = /^gitdir:\s*(.+)$/m.exec(text);
      if (match) return path.resolve(topLevel, match[1].trim());
    }
  } catch {
    // No .git at all: callers find out from Git itself.
  }
  return dotGit;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const REF_MOVED = /cannot lock ref '[^']+': is at [0-9a-f]+ but expected [0-9a-f]+/;

/** Lock files younger than this are never called stale: a Git (or another tool) may have just taken them. */
const FRESH_LOCK_MS = 3000;

/**
 * Whether a Git process runs in `topLevel` (Linux: its /proc entries). `undefined` where that cannot be
 * known (no /proc, or other users' processes unreadable), so callers fall back to the lock's age.
 */
export async function gitProcessRunsIn(topLevel: string): Promise<boolean | undefined> {
  let pids: string[];
  try {
    pids = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return undefined;
  }
  let unreadable = false;
  for (const pid of pids) {
    try {
      const comm = (await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim();
      if (comm !== 'git' && !comm.startsWith('git-')) continue;
      const cwd = await fs.readlink(`/proc/${pid}/cwd`);
      if (cwd === topLevel || cwd.startsWith(topLevel + path.sep)) return true;
    } catch (error) {
      // A process that ended meanwhile is no loss; one we may not inspect leaves the answer open.
      if ((error as NodeJS.ErrnoException).code === 'EACCES') unreadable = true;
    }
  }
  return unreadable ? undefined : false;
}

async function lockAge(lockFile: string): Promise<number | undefined> {
  try {
    return Date.now() - (await fs.stat(lockFile)).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Runs a write, waiting while another Git program holds a lock of the repository. A lock is stale when no
 * Git process runs in the repository and the lock is not fresh (or, where processes cannot be seen, when it
 * outlives the whole wait): that is reported at once as `indexLocked`, never deleted by us.
 */
async function withLockWait<T>(topLevel: string, waitMs: number, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const output = outputOf(error);
      const lockFile = lockFileIn(output);
      if (!lockFile) {
        // Another process's commit moved the branch between our read of HEAD and our ref update: nothing was
        // written, so the command can run again on the new HEAD.
        if (!REF_MOVED.test(output)) throw error;
        if (Date.now() - started >= waitMs) throw new GitOperationError('lockBusy', 'git.lockBusy', ['HEAD', String(Math.round(waitMs / 1000))], output);
        await sleep(Math.min(1000, 25 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
        continue;
      }
      const age = await lockAge(lockFile);
      if (age === undefined) continue; // Released meanwhile: try again at once.
      const live = await gitProcessRunsIn(topLevel);
      const elapsed = Date.now() - started;
      const stale = live === false ? age > FRESH_LOCK_MS : live === undefined && age > waitMs && elapsed >= waitMs;
      if (stale && (await lockAge(lockFile)) !== undefined) throw new GitOperationError('indexLocked', 'git.indexLocked', [lockFile], output);
      if (elapsed >= waitMs) throw new GitOperationError('lockBusy', 'git.lockBusy', [lockFile, String(Math.round(waitMs / 1000))], output);
      // Exponential backoff with jitter, so two waiting processes do not retry in step.
      await sleep(Math.min(1000, 25 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
    }
  }
}

/**
 * How a Git process ended, the one handling of every call that spawns Git itself: its stderr collected, resolved
 * when it exits with 0 or was `stopped` on purpose, else rejected with `refused` or with what Git printed (stderr,
 * then `stdout` when given: what a hook printed belongs to the failure too; stderr alone is trimmed).
 */
function exitOf(child: ChildProcess, args: string[], state: { stopped?: boolean; refused?: Error; stdout?: Buffer[] } = {}): Promise<void> {
  const err: Buffer[] = [];
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  return new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (state.refused) reject(state.refused);
      else if (code === 0 || state.stopped) resolve();
      else {
        const stderr = Buffer.concat(err).toString('utf8');
        const said = state.stdout ? [stderr, Buffer.concat(state.stdout).toString('utf8')].filter((t) => t.trim()).join('\n') : stderr.trim();
        reject(new Error(said || `git ${args[0]} exited with ${code}`));
      }
    });
  });
}

export function createGit(options: GitOptions): Git {
  const cwd = path.resolve(options.cwd);
  const lockWaitMs = options.lockWaitMs ?? lockWaitFromEnvironment() ?? 20_000;
  const checkTrust = () => {
    if (options.isTrusted && !options.isTrusted()) throw new GitNotTrustedError();
  };
  const client = (reading: boolean): SimpleGit => {
    checkTrust();
    spawned++;
    const env = gitEnvironment(process.env, reading);
    // Loaded when Git is first called, not when the extension activates (bench/).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { simpleGit } = require('simple-git') as typeof import('simple-git');
    return simpleGit({
      baseDir: cwd,
      config: CONFIG,
      maxConcurrentProcesses: 4,
      trimmed: false,
      // simple-git refuses environment variables it does not know to be safe; these are ours, and GIT_PAGER is `cat`.
      // It also refuses any `-c core.fsmonitor`, even the `false` of CONFIG that turns the monitor off.
      allowEnvironment: Object.keys(env),
      unsafe: { allowUnsafePager: true, allowUnsafeFsMonitor: true },
    }).env(env);
  };
  /** The trust check (it throws), the count and the command log of every binary-safe call, before it starts. */
  const begin = (args: string[]): void => {
    checkTrust();
    spawned++;
    recordCommand(cwd, args);
  };
  const spawnFn = (): typeof Spawn => {
    // Loaded on the first Git call: child_process costs the extension's activation several ms.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:child_process') as { spawn: typeof Spawn }).spawn;
  };
  const argv = (args: string[]) => [...CONFIG.flatMap((c) => ['-c', c]), ...args];
  const env = (reading: boolean, extraEnv?: Record<string, string>) => ({ ...gitEnvironment(process.env, reading), ...extraEnv });
  /** Git with our configuration and filtered environment, its three pipes open. */
  const spawnChild = (args: string[], reading: boolean, extraEnv?: Record<string, string>) => spawnFn()('git', argv(args), { cwd, env: env(reading, extraEnv), stdio: ['pipe', 'pipe', 'pipe'] });
  /** The same with stdin on /dev/null: one pipe and one stream less for a call without input (a portfolio makes hundreds). */
  const spawnReader = (args: string[], reading: boolean, extraEnv?: Record<string, string>) => spawnFn()('git', argv(args), { cwd, env: env(reading, extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  /** Binary-safe calls simple-git cannot make (stdin, Buffer output): same environment, trust check and count. */
  /** `onStdout` returning true stops Git: the call then resolves whatever Git's exit (the caller has what it needs). */
  const spawnGit = (args: string[], input?: string | Buffer, onStdout?: (chunk: Buffer) => boolean | void, reading = true, limit?: { bytes: number; path: string }, extraEnv?: Record<string, string>): Promise<Buffer> => {
    begin(args);
    let child: ReturnType<typeof spawnChild> | ReturnType<typeof spawnReader>;
    try {
      child = input === undefined ? spawnReader(args, reading, extraEnv) : spawnChild(args, reading, extraEnv);
    } catch (error) {
      // As before: a spawn that throws (bad arguments) is a rejected call.
      return Promise.reject(error as Error);
    }
    const out: Buffer[] = [];
    let total = 0;
    const state: { stopped?: boolean; refused?: UnreadableFileError; stdout: Buffer[] } = { stdout: out };
    child.stdout.on('data', observed(child, args, (chunk: Buffer) => {
      if (state.stopped) return;
      if (onStdout) {
        if (onStdout(chunk) === true) {
          state.stopped = true;
          child.kill();
        }
        return;
      }
      total += chunk.length;
      if (limit && total > limit.bytes) {
        // A blob larger than the caller can hold: stop Git instead of buffering it.
        state.refused ??= new UnreadableFileError(limit.path, 'tooLarge', limit.bytes, total);
        child.kill();
        return;
      }
      out.push(chunk);
    }));
    const done = exitOf(child, args, state).then(() => Buffer.concat(out));
    if (input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
    return done;
  };
  /**
   * A temporary file for Git's stdout, open for reading and writing; undefined when none can be made. Its `close`
   * also removes it where it could not be unlinked while open (Windows).
   */
  const tempFile = (): { fd: number; close: () => Promise<void> } | undefined => {
    try {
      const name = path.join(tmpdir(), `reform-evidence-${tempPrefix()}-${++tempFiles}`);
      // Created by us alone (wx, 0600), and nameless from here on: nothing else can open it, and it goes with us.
      // Synchronous (microseconds): Git starts in this turn, before any other work of the thread can delay it.
      const fd = openSync(name, 'wx+', 0o600);
      let unlinked = true;
      try {
        unlinkSync(name);
      } catch {
        unlinked = false;
      }
      return {
        fd,
        close: async () => {
          await new Promise<void>((resolve) => close(fd, () => resolve()));
          if (!unlinked) await fs.unlink(name).catch(() => undefined);
        },
      };
    } catch {
      return undefined;
    }
  };
  /**
   * stdout into a temporary file (see Git.readChunks). `follow`: read as Git writes it, whatever it wrote since the
   * last read, up to FOLLOW_CHUNK_BYTES at a time, and when caught up a look again FOLLOW_POLL_MS later or at Git's
   * exit; else read once Git has ended, in chunks of CHUNK_BYTES. Undefined when no temporary file can be made (the
   * caller reads through a pipe instead).
   */
  const spawnToFile = async (args: string[], each: (chunk: Buffer) => void, follow: boolean): Promise<true | undefined> => {
    const file = tempFile();
    if (!file) return undefined;
    try {
      begin(args);
      const child = spawnFn()('git', argv(args), { cwd, env: env(true), stdio: ['ignore', file.fd, 'pipe'] });
      const told = observed(child, args, each);
      let ended = false;
      const exit = exitOf(child, args).finally(() => (ended = true));
      exit.catch(() => undefined);
      if (!follow) await exit;
      // Once Git has ended the output's size is known: buffers of exactly what is left (a ward's ~430 KB), no copy.
      const size = follow ? undefined : fstatSync(file.fd).size;
      const chunkBytes = follow ? FOLLOW_CHUNK_BYTES : CHUNK_BYTES;
      // A buffer read into but not handed out (nothing new was there) serves the next read.
      let spare: Buffer | undefined;
      for (let at = 0; ; ) {
        // Git's end seen before the read: a read that then finds nothing more is the end of the output.
        const last = ended;
        // Read synchronously (a file Git just wrote is in memory: microseconds), then let the host's other tasks
        // run with setImmediate, which never leaves the thread idle. An asynchronous read would: on a busy machine
        // each wake-up waits for a CPU (docs/editor-startup.md).
        const chunk = spare ?? Buffer.allocUnsafe(size === undefined ? chunkBytes : Math.max(4096, Math.min(chunkBytes, size - at)));
        spare = undefined;
        const bytesRead = readSync(file.fd, chunk, 0, chunk.length, at);
        if (bytesRead > 0) {
          at += bytesRead;
          told(bytesRead < chunk.length ? Buffer.from(chunk.subarray(0, bytesRead)) : chunk);
          if (follow) await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        if (last) break;
        spare = chunk;
        await Promise.race([exit, sleep(FOLLOW_POLL_MS)]).catch(() => undefined);
      }
      await exit;
      return true;
    } finally {
      await file.close();
    }
  };
  // async (as readInput and readChunks): a refused trust check is a rejected promise, never a synchronous throw.
  const readBuffer = async (args: string[], limit?: { bytes: number; path: string }, extraEnv?: Record<string, string>) =>
    spawnGit(args, undefined, undefined, true, limit ?? { bytes: MAX_GIT_BLOB_BYTES, path: `git ${args.join(' ')}` }, extraEnv);
  const stream = (args: string[], each: (chunk: Buffer) => void): GitStream => {
    begin(args);
    const child = spawnChild(args, true);
    const state = { stopped: false };
    let ended = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!state.stopped) each(chunk);
    });
    child.stdin.on('error', () => undefined);
    child.on('close', () => (ended = true));
    const done = exitOf(child, args, state);
    // Whoever awaits `end` or `done` hears of a failure; nobody awaiting it is no unhandled rejection.
    done.catch(() => undefined);
    return {
      write: (input) => {
        if (!ended && !child.stdin.destroyed) child.stdin.write(input);
      },
      end: () => {
        child.stdin.end();
        return done;
      },
      stop: () => {
        if (ended) return;
        state.stopped = true;
        child.stdin.destroy();
        child.kill();
      },
      done,
    };
  };
  const queueKey = findTopLevel(cwd);
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    if (holding.getStore() === queueKey) return task();
    const run = () => holding.run(queueKey, task);
    const previous = writeQueues.get(queueKey) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    writeQueues.set(queueKey, settled);
    void settled.then(() => {
      if (writeQueues.get(queueKey) === settled) writeQueues.delete(queueKey);
    });
    return next;
  };
  const hashBlobs = async (ids: string[], each: (id: string, sha256: string, lfsOid?: string) => void): Promise<void> => {
    if (ids.length === 0) return;
    // Output: "<id> blob <size>\n<bytes>\n" per object, or "<name> missing\n". Each blob is hashed as it streams:
    // memory stays bounded whatever size a blob of a cloned repository claims.
    let pending: Buffer = Buffer.alloc(0);
    // `small` keeps the bytes of a blob small enough to be an LFS pointer.
    let current: { id: string; left: number; hash: Hash; small?: Buffer[] } | undefined;
    const queue = [...ids];
    const consume = () => {
      for (;;) {
        if (!current) {
          const newline = pending.indexOf(10);
          if (newline < 0) return;
          const header = pending.subarray(0, newline).toString('utf8');
          pending = pending.subarray(newline + 1);
          const asked = queue.shift() ?? '';
          const match = /^(\S+) (\S+) (\d+)$/.exec(header);
          if (match) current = { id: asked, left: Number(match[3]), hash: crypto().createHash('sha256'), small: Number(match[3]) < LFS_POINTER_MAX_BYTES ? [] : undefined };
          continue;
        }
        if (current.left > 0) {
          const take = Math.min(current.left, pending.length);
          current.hash.update(pending.subarray(0, take));
          current.small?.push(pending.subarray(0, take));
          current.left -= take;
          pending = pending.subarray(take);
          if (current.left > 0) return;
        }
        // The newline after the bytes.
        if (pending.length < 1) return;
        each(current.id, current.hash.digest('hex'), current.small && parseLfsPointer(Buffer.concat(current.small))?.oid);
        pending = pending.subarray(1);
        current = undefined;
      }
    };
    await spawnGit(['cat-file', '--batch'], ids.join('\n') + '\n', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      consume();
    });
  };
  const readBlobs = async (ids: string[], limitPerBlob: number | readonly number[], each: (id: string, read: BlobBytes) => void): Promise<void> => {
    for (const id of ids) if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(id)) throw new Error(`not an object id: ${id}`);
    const limitOf = (i: number) => (typeof limitPerBlob === 'number' ? limitPerBlob : limitPerBlob[i]);
    let next = 0;
    while (next < ids.length) {
      // One process for every id from `next` on, unless a blob over its limit stops it (then again after that blob).
      const start = next;
      let pending: Buffer = Buffer.alloc(0);
      let current: { id: string; left: number; parts: Buffer[]; blob: boolean } | undefined;
      const consume = (): boolean => {
        for (;;) {
          if (!current) {
            if (next >= ids.length) return true;
            const newline = pending.indexOf(10);
            if (newline < 0) return false;
            const header = pending.subarray(0, newline).toString('utf8');
            pending = pending.subarray(newline + 1);
            const id = ids[next];
            // "<id> <type> <size>", or "<id> missing".
            const match = /^\S+ (\S+) (\d+)$/.exec(header);
            if (!match) {
              next++;
              each(id, { missing: true });
              continue;
            }
            const size = Number(match[2]);
            if (match[1] === 'blob' && size > limitOf(next)) {
              // Refused from its size: Git stops here rather than stream bytes nobody keeps.
              next++;
              each(id, { tooLarge: size });
              return true;
            }
            current = { id, left: size, parts: [], blob: match[1] === 'blob' };
            continue;
          }
          if (current.left > 0) {
            const take = Math.min(current.left, pending.length);
            if (current.blob) current.parts.push(pending.subarray(0, take));
            current.left -= take;
            pending = pending.subarray(take);
            if (current.left > 0) return false;
          }
          // The newline after the bytes.
          if (pending.length < 1) return false;
          pending = pending.subarray(1);
          next++;
          each(current.id, current.blob ? { bytes: Buffer.concat(current.parts) } : { missing: true });
          current = undefined;
        }
      };
      await spawnGit(['cat-file', '--batch'], ids.slice(start).join('\n') + '\n', (chunk) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        return consume();
      });
      // Git ended before answering every id (it should not): the rest are missing rather than asked forever.
      if (next === start) throw new Error('git cat-file --batch gave no answer');
    }
  };
  return {
    cwd,
    read: async (args) => {
      const git = client(true);
      recordCommand(cwd, args);
      return git.raw(args);
    },
    readBuffer,
    readInput: async (args, input) => spawnGit(args, input),
    readSmall: async (args) => {
      checkTrust();
      const viaShell = shellRead(cwd, argv(args), env(true));
      const spawnIt = () => readBuffer(args);
      if (!viaShell) return spawnIt();
      spawned++;
      recordCommand(cwd, args);
      // A shell that could not start or died (no `sh`): the same call, spawned.
      return viaShell.catch((error: unknown) => (error instanceof ShellGoneError ? spawnIt() : Promise.reject(error as Error)));
    },
    readChunks: async (args, each, options) => {
      if ((options?.afterExit || options?.follow) && (await spawnToFile(args, each, !options.afterExit))) return;
      // Braces: whatever `each` returns never stops Git.
      await spawnGit(args, undefined, (chunk) => {
        each(chunk);
      });
    },
    hashBlobs,
    readBlobs,
    stream,
    write: (args) =>
      exclusive(() =>
        withLockWait(queueKey, lockWaitMs, async () => {
          const git = client(false);
          recordCommand(cwd, args);
          return git.raw(args);
        }),
      ),
    writeInput: (args, input, env) => exclusive(() => withLockWait(queueKey, lockWaitMs, async () => (await spawnGit(args, input, undefined, false, undefined, env)).toString('utf8'))),
    exclusive,
  };
}
