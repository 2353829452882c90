// A commit's tree read without a checkout: `ls-tree` and `diff-tree` entries streamed and decoded as bytes,
// blobs read bounded. Callers pass only resolved commit hashes (revision.ts) and paths from Git itself.
import { entrySplitter } from './nulEntries';
import type { Git, GitStream } from './git';
import { decodePath } from './pathBytes';
import { isCommitHash } from './revision';

export type EntryType = 'blob' | 'tree' | 'commit';

export interface TreeEntry {
  /** Git's file mode: 100644, 100755, 120000 (link), 040000 (tree), 160000 (submodule). */
  mode: string;
  type: EntryType;
  oid: string;
}

/** The mode of a symbolic link. */
export const LINK = '120000';

const TAB = 0x09;

function checkCommit(commit: string): void {
  // Anything else could be read by Git as an option or a revision expression.
  if (!isCommitHash(commit)) throw new Error(`not a commit hash: ${commit}`);
}

/**
 * Each entry of `commit`'s tree below the repository paths `paths` (every entry when empty), recursively, with
 * the trees themselves (`-t`): `each(path, entry)`, paths relative to the repository's top and decoded as bytes.
 * `recursive: false` lists only the entries named by `paths` (a single lookup).
 */
export async function listTree(git: Git, commit: string, paths: string[], each: (path: string, entry: TreeEntry) => void, recursive = true): Promise<void> {
  checkCommit(commit);
  // "<mode> SP <type> SP <object> TAB <path>"
  const splitter = entrySplitter((bytes, start, end) => {
    const tab = bytes.indexOf(TAB, start);
    if (tab < 0 || tab >= end) return;
    const [mode, type, oid] = bytes.toString('latin1', start, tab).split(' ');
    each(decodePath(bytes, tab + 1, end), { mode, type: type as EntryType, oid });
  });
  const args = ['ls-tree', '-z', '--full-tree', ...(recursive ? ['-r', '-t'] : []), commit, '--', ...paths];
  await git.readChunks(args, (chunk) => splitter.push(chunk));
  splitter.end();
}

export interface TreeChange {
  path: string;
  /** Undefined when the entry was added / deleted. */
  before?: TreeEntry;
  after?: TreeEntry;
}

const typeOfMode = (mode: string): EntryType => (mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob');
const ZERO = /^0+$/;

const DOT = 0x2e;
const NEWLINE = 0x0a;

/**
 * A parser of diff-tree's raw `-z` output, chunk by chunk: ":<mode> <mode> <oid> <oid> <status>\0<path>\0" per
 * change, handed to `change`; a "." line where a record would start (echoed by `diff-tree --stdin`, as it echoes
 * every line that is not a commit) to `mark`. A path never starts a record, so a path "./…" is never a mark.
 */
function rawDiffParser(change: (change: TreeChange) => void, mark: () => void): (chunk: Buffer) => void {
  let carry: Buffer | undefined;
  let header: string | undefined;
  const entry = (mode: string, oid: string): TreeEntry | undefined => (ZERO.test(mode) ? undefined : { mode, type: typeOfMode(mode), oid });
  return (chunk) => {
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    let at = 0;
    while (at < bytes.length) {
      if (header === undefined && bytes[at] === DOT) {
        if (at + 1 >= bytes.length) break;
        if (bytes[at + 1] === NEWLINE) {
          at += 2;
          mark();
          continue;
        }
      }
      const nul = bytes.indexOf(0, at);
      if (nul < 0) break;
      if (header === undefined) {
        header = bytes.toString('latin1', at, nul);
      } else {
        const [modeA, modeB, oidA, oidB] = header.slice(1).split(' ');
        header = undefined;
        change({ path: decodePath(bytes, at, nul), before: entry(modeA, oidA), after: entry(modeB, oidB) });
      }
      at = nul + 1;
    }
    // A copy: a view would keep the whole chunk alive.
    if (at < bytes.length) carry = Buffer.from(bytes.subarray(at));
  };
}

/** diff-tree's options for TreeChange: every entry (trees too), no renames, full object ids, submodules as entries. */
const DIFF_OPTIONS = ['-r', '-t', '-z', '--no-renames', '--no-commit-id', '--full-index', '--ignore-submodules=none'];

/**
 * The entries that differ between two commits' trees below `paths` (trees included, `-t`), without rename
 * detection: a rename is a deletion and an addition, as a listing sees it. Unlike listTree's, `paths` are read
 * from Git's folder (diff-tree has no --full-tree); the changes' paths are the repository's.
 */
export async function diffTrees(git: Git, from: string, to: string, paths: string[]): Promise<TreeChange[]> {
  checkCommit(from);
  checkCommit(to);
  const changes: TreeChange[] = [];
  const parse = rawDiffParser(
    (change) => changes.push(change),
    () => undefined,
  );
  await git.readChunks(['diff-tree', ...DIFF_OPTIONS, from, to, '--', ...paths], parse);
  return changes;
}

/**
 * diffTrees for many pairs through one long-lived `git diff-tree --stdin`: the pairs are answered in the order
 * asked, Git working on the next ones while the caller uses the first (a history's weeks). `close` ends it.
 */
export class TreeDiffStream {
  private stream: GitStream | undefined;
  private readonly waiting: { changes: TreeChange[]; resolve: (changes: TreeChange[]) => void; reject: (error: unknown) => void }[] = [];
  private closed = false;

  constructor(
    private readonly git: Git,
    private readonly paths: string[],
  ) {}

  /** As diffTrees(git, from, to, paths). */
  diff(from: string, to: string): Promise<TreeChange[]> {
    checkCommit(from);
    checkCommit(to);
    if (this.closed) return Promise.reject(new Error('tree diffs closed'));
    const stream = this.stream ?? this.start();
    return new Promise<TreeChange[]>((resolve, reject) => {
      this.waiting.push({ changes: [], resolve, reject });
      // "<commit> <parent>": the commit diffed from the parent the line names (Git grafts it for this line only);
      // the "." line comes back after the answer, marking its end (an empty answer is the mark alone).
      stream.write(`${to} ${from}\n.\n`);
    });
  }

  /** Stops Git; pairs still unanswered are rejected. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Every pair answered: Git ends on its own once stdin closes; else it is stopped where it is.
    if (this.waiting.length === 0) void this.stream?.end().catch(() => undefined);
    else this.stream?.stop();
    this.fail(new Error('tree diffs closed'));
  }

  private start(): GitStream {
    const parse = rawDiffParser(
      (change) => this.waiting[0]?.changes.push(change),
      () => {
        const answered = this.waiting.shift();
        answered?.resolve(answered.changes);
      },
    );
    const stream = this.git.stream(['diff-tree', '--stdin', ...DIFF_OPTIONS, '--', ...this.paths], parse);
    // Git ended (failed, or stopped) with pairs unanswered: they never will be.
    stream.done.then(
      () => this.fail(new Error('git diff-tree --stdin gave no answer')),
      (error) => this.fail(error),
    );
    this.stream = stream;
    return stream;
  }

  private fail(error: unknown): void {
    for (const one of this.waiting.splice(0)) one.reject(error);
  }
}

export type BlobRead = { bytes: Buffer } | { tooLarge: number };

/** A blob readBlobs did not find: Git's own words for it, as `cat-file` would fail. */
function missingBlob(oid: string): Error {
  return new Error(`fatal: Not a valid object name ${oid}`);
}

/**
 * A blob's bytes, or its size when it is larger than `limit` (as a file read from disk would be refused): one
 * `git cat-file --batch`.
 */
export async function readBlob(git: Git, oid: string, limit: number): Promise<BlobRead> {
  return new BlobBatch(git).read(oid, limit);
}

/**
 * Reads blobs in batches: every `read` asked before the event loop turns (a status's data files, asked together
 * by computeMeasures) goes through one `git cat-file --batch`, instead of two processes per blob.
 */
export class BlobBatch {
  private queue: { oid: string; limit: number; resolve: (read: BlobRead) => void; reject: (error: unknown) => void }[] = [];

  constructor(private readonly git: Git) {}

  /** As readBlob, answered with the other reads of the same turn. */
  read(oid: string, limit: number): Promise<BlobRead> {
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(oid)) return Promise.reject(new Error(`not an object id: ${oid}`));
    return new Promise<BlobRead>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => void this.flush());
      this.queue.push({ oid, limit, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const asked = this.queue;
    this.queue = [];
    let answered = 0;
    try {
      await this.git.readBlobs(
        asked.map((a) => a.oid),
        asked.map((a) => a.limit),
        (_id, read) => {
          const one = asked[answered++];
          if ('missing' in read) one.reject(missingBlob(one.oid));
          else one.resolve(read);
        },
      );
    } catch (error) {
      for (const one of asked.slice(answered)) one.reject(error);
    }
  }
}
