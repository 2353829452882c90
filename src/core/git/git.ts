// The one module that runs Git. Every call sets a predictable environment, can be refused by
// the caller's trust check, and writes to one repository never overlap.
import { AsyncLocalStorage } from 'node:async_hooks';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';

export interface GitOptions {
  /** Folder the commands run in. */
  cwd: string;
  /** Asked before every call; Git never runs while it answers false (VS Code restricted mode). */
  isTrusted?: () => boolean;
}

/** Raised when the caller's trust check refuses a Git call. */
export class GitNotTrustedError extends Error {
  constructor() {
    super('Git is disabled in an untrusted workspace. — Git bị tắt trong không gian làm việc chưa tin cậy.');
    this.name = 'GitNotTrustedError';
  }
}

let spawned = 0;
/** How many Git processes this process has started: tests use it to prove restricted mode runs none. */
export function gitProcessCount(): number {
  return spawned;
}

/** Git variables inherited from the caller; any other GIT_* (GIT_DIR, GIT_INDEX_FILE…) could redirect our calls. */
const INHERITED_GIT_VARIABLES = new Set(['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE', 'GIT_CONFIG_NOSYSTEM']);
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

const writeQueues = new Map<string, Promise<unknown>>();
/** Which repository's queue the current async context holds, so nested writes don't wait on themselves. */
const holding = new AsyncLocalStorage<string>();

export interface Git {
  readonly cwd: string;
  /** A read-only command; its stdout. */
  read(args: string[]): Promise<string>;
  /** A command that changes the repository; queued behind every other write to the same folder. */
  write(args: string[]): Promise<string>;
  /** Runs `task` while holding this repository's write queue, for multi-step operations (stage + commit). */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

export function createGit(options: GitOptions): Git {
  const cwd = path.resolve(options.cwd);
  const client = (reading: boolean): SimpleGit => {
    if (options.isTrusted && !options.isTrusted()) throw new GitNotTrustedError();
    spawned++;
    const env = gitEnvironment(process.env, reading);
    return simpleGit({
      baseDir: cwd,
      config: ['core.quotepath=false', 'color.ui=false'],
      maxConcurrentProcesses: 4,
      trimmed: false,
      // simple-git refuses environment variables it does not know to be safe; these are ours, and GIT_PAGER is `cat`.
      allowEnvironment: Object.keys(env),
      unsafe: { allowUnsafePager: true },
    }).env(env);
  };
  const queueKey = cwd;
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
  return {
    cwd,
    read: async (args) => client(true).raw(args),
    write: (args) => exclusive(async () => client(false).raw(args)),
    exclusive,
  };
}
