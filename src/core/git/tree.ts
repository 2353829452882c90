// A commit's tree read without a checkout: `ls-tree` and `diff-tree` entries streamed and decoded as bytes,
// blobs read bounded. Callers pass only resolved commit hashes (revision.ts) and paths from Git itself.
import { entrySplitter } from './nulEntries';
import type { Git } from './git';
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

/**
 * The entries that differ between two commits' trees below `paths` (trees included, `-t`), without rename
 * detection: a rename is a deletion and an addition, as a listing sees it. Unlike listTree's, `paths` are read
 * from Git's folder (diff-tree has no --full-tree); the changes' paths are the repository's.
 */
export async function diffTrees(git: Git, from: string, to: string, paths: string[]): Promise<TreeChange[]> {
  checkCommit(from);
  checkCommit(to);
  const changes: TreeChange[] = [];
  let header: string | undefined;
  // ":<mode> <mode> <oid> <oid> <status>\0<path>\0" per change.
  const splitter = entrySplitter((bytes, start, end) => {
    if (header === undefined) {
      header = bytes.toString('latin1', start, end);
      return;
    }
    const [modeA, modeB, oidA, oidB] = header.slice(1).split(' ');
    header = undefined;
    const entry = (mode: string, oid: string): TreeEntry | undefined => (ZERO.test(mode) ? undefined : { mode, type: typeOfMode(mode), oid });
    changes.push({ path: decodePath(bytes, start, end), before: entry(modeA, oidA), after: entry(modeB, oidB) });
  });
  await git.readChunks(['diff-tree', '-r', '-t', '-z', '--no-renames', '--no-commit-id', '--full-index', '--ignore-submodules=none', from, to, '--', ...paths], (chunk) => splitter.push(chunk));
  splitter.end();
  return changes;
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
