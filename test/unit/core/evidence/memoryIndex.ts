// A Git whose index lives in memory, for the pure tests of adding and committing evidence: `add` stages a path
// from the work tree on disk (a temporary folder) as a blob, `commit --only` records the message and the paths,
// `update-index --index-info` puts entries back, and every call is kept (with the paths it read on stdin and
// whether it ran inside `exclusive`). Failures are scripted per command.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../../../../src/core/git/git';
import { decodePath, pathBytes } from '../../../../src/core/git/pathBytes';
import type { Repository } from '../../../../src/core/git/repository';
import type { SyncResult } from '../../../../src/core/sync/sync';

export interface IndexEntry {
  mode: string;
  blob: string;
  /** Merge stage (0 when omitted). */
  stage?: number;
}

export interface Call {
  method: string;
  args: string[];
  /** The NUL-separated paths read on stdin, decoded. */
  paths?: string[];
  /** update-index's input, as text. */
  input?: string;
  exclusive: boolean;
}

export interface Commit {
  hash: string;
  /** The `-m` values: subject, then the trailer block. */
  messages: string[];
  paths: string[];
}

export interface IndexScript {
  /** Entries already staged, by path. */
  index?: Record<string, IndexEntry>;
  /** Paths HEAD holds (`ls-tree -r --full-tree HEAD`); with neither this nor a commit, HEAD does not exist. */
  head?: string[];
  /** Errors thrown by a command, by its first argument (`add`, `commit`, `update-index`, `push`…). */
  fail?: Record<string, Error>;
  /** What `rev-parse --git-path hooks` answers (an Error: it fails). */
  hooks?: string | Error;
  /** What `rev-parse --absolute-git-dir --git-common-dir` answers. */
  gitDirs?: string;
  /** `rev-parse --symbolic-full-name HEAD`. */
  branch?: string;
  /** user.name and user.email (none when false). */
  identity?: boolean;
  /** The sync a push that lost its race starts: its result, or what it throws. */
  sync?: SyncResult | Error;
}

export interface MemoryIndex {
  repo: Repository;
  git: Git;
  index: Map<string, IndexEntry>;
  calls: Call[];
  commits: Commit[];
  /** The blob id Git would give `content`. */
  blobOf(content: string | Buffer): string;
}

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');
export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function nulPaths(input: string | Buffer): string[] {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input);
  const paths: string[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0); end >= 0; start = end + 1, end = bytes.indexOf(0, start)) paths.push(decodePath(bytes, start, end));
  return paths;
}

/** `top`: the work tree (a real folder); `gitDir`: the Git directory the repository reports. */
export function memoryIndex(top: string, script: IndexScript = {}, gitDir = path.join(top, '.git')): MemoryIndex {
  const index = new Map<string, IndexEntry>(Object.entries(script.index ?? {}));
  const blobs = new Map<string, Buffer>();
  const calls: Call[] = [];
  const commits: Commit[] = [];
  let depth = 0;
  let syncNext = false;
  const blobOf = (content: string | Buffer) => {
    const bytes = Buffer.from(content);
    const id = sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
    blobs.set(id, bytes);
    return id;
  };
  const record = (method: string, args: string[], extra: Partial<Call> = {}) => {
    calls.push({ method, args, exclusive: depth > 0, ...extra });
    const failure = script.fail?.[args[0]];
    if (failure) throw failure;
  };
  const headPaths = () => {
    if (commits.length === 0 && !script.head) throw new Error("fatal: Not a valid object name HEAD");
    return [...new Set([...(script.head ?? []), ...commits.flatMap((c) => c.paths)])];
  };
  const under = (p: string, spec: string) => spec === '.' || p === spec || p.startsWith(spec + '/');
  const git: Git = {
    cwd: top,
    async read(args) {
      record('read', args);
      const [command] = args;
      if (command === 'log') {
        // Only the forms the code asks for: anything else is a mistake to be seen.
        if (args.length !== 4 || !/^-[1-9]\d*$/.test(args[1]) || !['--format=%H%n%h', '--format=%H %h'].includes(args[2])) throw new Error(`unexpected git ${args.join(' ')}`);
        const count = Number(args[1].slice(1));
        const rev = args.at(-1)!;
        if (rev !== 'HEAD') return `${rev}\n${rev.slice(0, 7)}\n`;
        const format = args[2];
        const shown = commits.slice(-count).reverse();
        return shown.map((c) => (format === '--format=%H %h' ? `${c.hash} ${c.hash.slice(0, 7)}` : `${c.hash}\n${c.hash.slice(0, 7)}`)).join('\n') + '\n';
      }
      if (command === 'rev-parse' && args[1] === '--git-path') {
        if (script.hooks instanceof Error) throw script.hooks;
        return (script.hooks ?? '.git/hooks') + '\n';
      }
      if (args.join(' ') === 'rev-parse --absolute-git-dir --git-common-dir') return script.gitDirs ?? `${gitDir}\n${gitDir}\n`;
      if (command === 'rev-parse' && args[1] === '--symbolic-full-name') return (script.branch ?? 'refs/heads/main') + '\n';
      if (command === 'config') {
        if (script.identity === false) throw new Error('exit 1');
        return args[2] === 'user.name' ? 'Nguyễn Văn A\n' : 'a@example.com\n';
      }
      throw new Error(`unexpected git ${args.join(' ')}`);
    },
    async readBuffer(args) {
      record('readBuffer', args);
      if (args[0] === 'ls-files' && args[1] === '-s') {
        const specs = args.slice(args.indexOf('--') + 1);
        const out: Buffer[] = [];
        for (const [p, e] of index) if (specs.some((s) => under(p, s))) out.push(Buffer.from(`${e.mode} ${e.blob} ${e.stage ?? 0}\t`), pathBytes(p), Buffer.from([0]));
        return Buffer.concat(out);
      }
      if (args.join(' ') === 'ls-files -z --cached') return Buffer.concat([...index.keys()].map((p) => Buffer.concat([pathBytes(p), Buffer.from([0])])));
      if (args.join(' ') === 'ls-tree -r -z --name-only --full-tree HEAD') return Buffer.concat(headPaths().map((p) => Buffer.concat([pathBytes(p), Buffer.from([0])])));
      throw new Error(`unexpected git ${args.join(' ')}`);
    },
    async hashBlobs(ids, each) {
      record('hashBlobs', ids);
      for (const id of ids) {
        const bytes = blobs.get(id);
        if (!bytes) continue;
        const lfs = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:([0-9a-f]{64})\n/.exec(bytes.toString('utf8'));
        each(id, sha256(bytes), lfs?.[1]);
      }
    },
    async writeInput(args, input) {
      const [command] = args;
      if (command === 'update-index') {
        record('writeInput', args, { input: String(input) });
        for (const line of nulPaths(input)) {
          const [head, p] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
          const [mode, blob] = head.split(' ');
          if (mode === '0') index.delete(p);
          else index.set(p, { mode, blob });
        }
        return '';
      }
      const paths = nulPaths(input);
      record('writeInput', args, { paths });
      if (command === 'add') {
        for (const p of paths) {
          const file = Buffer.concat([Buffer.from(top + path.sep), pathBytes(p.split('/').join(path.sep))]);
          if (existsSync(file)) index.set(p, { mode: '100644', blob: blobOf(readFileSync(file)) });
          // A tracked file gone from the disk: its deletion is staged. An unknown one: Git refuses the pathspec.
          else if (index.has(p)) index.delete(p);
          else throw new Error(`fatal: pathspec '${p}' did not match any files`);
        }
        return '';
      }
      if (command === 'commit') {
        const messages = args.flatMap((a, i) => (args[i - 1] === '-m' ? [a] : []));
        commits.push({ hash: sha1(`commit ${commits.length} ${messages.join('\n')}`), messages, paths });
        return '';
      }
      throw new Error(`unexpected git ${args.join(' ')}`);
    },
    async write(args) {
      try {
        record('write', args);
      } catch (error) {
        if (args[0] === 'push') syncNext = true;
        throw error;
      }
      return '';
    },
    async exclusive<T>(task: () => Promise<T>): Promise<T> {
      record('exclusive', []);
      // The exclusive after a failed push is the sync's: its own work is tested in the sync tests.
      if (syncNext && script.sync) {
        if (script.sync instanceof Error) throw script.sync;
        // A rebase gives every local commit a new hash.
        if (script.sync.rebased) for (const c of commits) c.hash = sha1(`rebased ${c.hash}`);
        return script.sync as T;
      }
      depth++;
      try {
        return await task();
      } finally {
        depth--;
      }
    },
    readInput: () => Promise.reject(new Error('unexpected readInput')),
    readChunks: () => Promise.reject(new Error('unexpected readChunks')),
    readBlobs: () => Promise.reject(new Error('unexpected readBlobs')),
    stream: () => {
      throw new Error('unexpected stream');
    },
  };
  return { repo: { git, top, gitDir }, git, index, calls, commits, blobOf };
}
