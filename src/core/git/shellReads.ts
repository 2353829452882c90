// Small Git reads (a portfolio's `git log -1` per ward) through one `sh` per thread, started once: a process of
// 170 MB forks once, not once per call (each fork copies its page tables and waits for the child's exec; ~0.75 s of
// the portfolio's CPU for 100 wards). The folder and arguments go as lines on stdin, read with `read -r` and only
// ever expanded in double quotes: nothing is parsed by the shell. POSIX only; undefined where it cannot serve.
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { crypto } from '../node/lazy';

/** The shell ended before answering (or could not start): the caller spawns Git itself. */
export class ShellGoneError extends Error {}

interface Pending {
  resolve: (out: Buffer) => void;
  reject: (error: Error) => void;
  what: string;
}

interface Shell {
  child: ChildProcessByStdio<Writable, Readable, null>;
  env: string;
  mark: Buffer;
  queue: Pending[];
  buffer: Buffer;
  /** Ended by us (another environment is asked for): its end is no failure. */
  retired?: boolean;
}

let shell: Shell | undefined;
let served = 0;
/** Reads the shell has taken (the tests prove it serves them). */
export function shellReadCount(): number {
  return served;
}
/** The environment of a shell that could not start or died: reads with it then spawn Git themselves. */
let broken: string | undefined;

function script(nonce: string): string {
  // Each request: the folder, the number of arguments, one argument per line. Each answer: Git's stdout, then
  // NUL, the nonce, the exit code, NUL (a subject cannot hold NUL, nor guess the nonce).
  return [
    'while IFS= read -r dir && IFS= read -r n; do',
    '  set --',
    '  while [ "$n" -gt 0 ]; do IFS= read -r a; set -- "$@" "$a"; n=$((n - 1)); done',
    '  git -C "$dir" "$@" </dev/null 2>/dev/null',
    `  printf '\\0%s %s\\0' '${nonce}' "$?"`,
    'done',
  ].join('\n');
}

function start(env: Record<string, string>, key: string): Shell | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const nonce = crypto().randomBytes(12).toString('hex');
    const child = spawn('sh', ['-c', script(nonce)], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    const started: Shell = { child, env: key, mark: Buffer.from(`\0${nonce} `), queue: [], buffer: Buffer.alloc(0) };
    const fail = () => {
      if (started.retired) return;
      broken = key;
      if (shell === started) shell = undefined;
      for (const p of started.queue.splice(0)) p.reject(new ShellGoneError(`${p.what}: the shell ended`));
    };
    child.on('error', fail);
    child.on('exit', fail);
    child.stdin.on('error', fail);
    child.stdout.on('data', (chunk: Buffer) => {
      started.buffer = started.buffer.length === 0 ? chunk : Buffer.concat([started.buffer, chunk]);
      for (;;) {
        const at = started.buffer.indexOf(started.mark);
        const end = at < 0 ? -1 : started.buffer.indexOf(0, at + started.mark.length);
        if (end < 0) return;
        const out = Buffer.from(started.buffer.subarray(0, at));
        const code = started.buffer.toString('latin1', at + started.mark.length, end);
        started.buffer = started.buffer.subarray(end + 1);
        const p = started.queue.shift();
        if (started.queue.length === 0) idle(started);
        if (code === '0') p?.resolve(out);
        else p?.reject(new Error(`${p.what} exited with ${code}`));
      }
    });
    // The shell never keeps the process alive by itself: only while an answer is awaited.
    child.unref();
    idle(started);
    return started;
  } catch {
    broken = key;
    return undefined;
  }
}

function idle(s: Shell): void {
  (s.child.stdout as Readable & { unref?: () => void }).unref?.();
  (s.child.stdin as Writable & { unref?: () => void }).unref?.();
}

function busy(s: Shell): void {
  (s.child.stdout as Readable & { ref?: () => void }).ref?.();
}

/**
 * Runs `git -C cwd ...argv` through the thread's shell with `env` (the shell's environment, fixed when it starts);
 * Git's stdout when it exits with 0, else a rejection (stderr is not kept). Undefined when the shell cannot serve
 * this call (Windows, a line break in an argument, another environment, a shell that failed): spawn Git instead.
 */
export function shellRead(cwd: string, argv: string[], env: Record<string, string>): Promise<Buffer> | undefined {
  const key = JSON.stringify(env);
  if (process.platform === 'win32' || broken === key || [cwd, ...argv].some((a) => /[\n\r\0]/.test(a))) return undefined;
  if (shell && shell.env !== key && shell.queue.length === 0) {
    // The environment changed (a test, an editor's setting): a new shell, the old one ends once its input does.
    shell.retired = true;
    shell.child.stdin.end();
    shell = undefined;
  }
  shell ??= start(env, key);
  const s = shell;
  if (!s || s.env !== key) return undefined;
  served++;
  return new Promise<Buffer>((resolve, reject) => {
    if (s.queue.length === 0) busy(s);
    s.queue.push({ resolve, reject, what: `git ${argv.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''}`.trim() });
    s.child.stdin.write(`${cwd}\n${argv.length}\n${argv.map((a) => `${a}\n`).join('')}`);
  });
}
