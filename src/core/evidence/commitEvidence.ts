// Stage exactly some evidence files and commit only them, with trailers that hash each file as committed.
// Whatever fails, the index entries of those paths are put back as they were; no other path is touched.
import { classifyCommitFailure, GitOperationError, outputOf } from '../git/errors';
import type { Git } from '../git/git';
import { decodePath, hasRawBytes, pathBytes } from '../git/pathBytes';
import { commitHookInstalled, type Repository } from '../git/repository';
import { messageArgs, type EvidenceFileHash, type EvidenceMessage } from '../git/trailers';
import { remoteMovedOn, sync, type SyncResult } from '../sync/sync';

export interface CommitRequest {
  /** Paths relative to the repository's top folder, posix separators. */
  paths: string[];
  message: Omit<EvidenceMessage, 'files'>;
  /** Push to the configured remote after the commit. */
  push?: boolean;
}

export interface CommitResult {
  hash: string;
  shortHash: string;
  subject: string;
  files: EvidenceFileHash[];
  pushed: boolean;
  /** Set when the commit was made but the push failed. */
  pushError?: GitOperationError;
  /** Set when the push was rejected because the remote moved on, and a sync sent the commit instead. */
  synced?: SyncResult;
}

interface IndexEntry {
  mode: string;
  blob: string;
}

/**
 * A pathspec that reaches `p`: `p` itself, or for a path that is not UTF-8 (an argument cannot carry its bytes)
 * its nearest folder that is, whose listing is then filtered.
 */
function reachingPathspec(p: string): string {
  if (!hasRawBytes(p)) return p;
  const segments = p.split('/');
  while (segments.length > 0 && segments.some(hasRawBytes)) segments.pop();
  return segments.length > 0 ? segments.join('/') : '.';
}

/** Stage-0 index entries of `paths`: path (as decodePath reads Git's bytes) → mode and blob. */
async function indexEntries(git: Git, paths: string[]): Promise<Map<string, IndexEntry>> {
  const entries = new Map<string, IndexEntry>();
  const wanted = new Set(paths);
  const output = await git.readBuffer(['ls-files', '-s', '-z', '--', ...new Set(paths.map(reachingPathspec))]);
  let start = 0;
  for (let end = output.indexOf(0); end >= 0; start = end + 1, end = output.indexOf(0, start)) {
    const tab = output.indexOf(0x09, start);
    if (tab < 0 || tab > end) continue;
    const match = /^(\d+) ([0-9a-f]+) (\d)$/.exec(output.toString('latin1', start, tab));
    const listed = decodePath(output, tab + 1, end);
    if (match && match[3] === '0' && wanted.has(listed)) entries.set(listed, { mode: match[1], blob: match[2] });
  }
  return entries;
}

/** Paths as `--pathspec-from-file=- --pathspec-file-nul` reads them: their bytes, whatever they are. */
function pathspecInput(paths: string[]): Buffer {
  return Buffer.concat(paths.flatMap((p) => [pathBytes(p), Buffer.from([0])]));
}

const NO_BLOB = '0'.repeat(40);

/** Puts the index entries of `paths` back as `before` had them (absent ones removed), in one update-index. */
export async function restoreIndex(git: Git, paths: string[], before: Map<string, IndexEntry>): Promise<void> {
  const lines = paths.map((p) => {
    const entry = before.get(p);
    return Buffer.concat([Buffer.from(entry ? `${entry.mode} ${entry.blob}\t` : `0 ${NO_BLOB}\t`), pathBytes(p), Buffer.from([0])]);
  });
  await git.writeInput(['update-index', '-z', '--index-info'], Buffer.concat(lines));
}

/**
 * SHA-256 of each staged path's blob: what the commit will record, after any clean filter. For a file Git LFS
 * stores (its clean filter staged a pointer), the pointer's object id: the SHA-256 of the content itself.
 */
async function stagedHashes(git: Git, paths: string[]): Promise<EvidenceFileHash[]> {
  const entries = await indexEntries(git, paths);
  const byBlob = new Map<string, string>();
  await git.hashBlobs([...new Set([...entries.values()].map((e) => e.blob))], (id, hash, lfsOid) => byBlob.set(id, lfsOid ?? hash));
  // A path staged as deleted has no content to record: no trailer (an empty hash would be a malformed line).
  return paths.filter((p) => entries.has(p)).map((p) => ({ path: p.normalize('NFC'), sha256: byBlob.get(entries.get(p)?.blob ?? '') ?? '' }));
}

/**
 * `git add -- paths`, then `git commit --only -- paths` with the trailers: whatever else the user had staged
 * stays staged and out of the commit. The user's signing settings and hooks apply; a failure becomes a
 * typed error carrying their output, after the index entries of `paths` are restored.
 */
export async function commitEvidence(repo: Repository, request: CommitRequest): Promise<CommitResult> {
  const { git } = repo;
  const paths = [...new Set(request.paths)];
  const result = await git.exclusive(async () => {
    const before = await indexEntries(git, paths);
    let staged = false;
    try {
      // Paths on stdin, as bytes: a name that is not UTF-8 cannot be an argument, and no name is ever an option.
      await git.writeInput(['add', '--pathspec-from-file=-', '--pathspec-file-nul'], pathspecInput(paths));
      staged = true;
      const files = await stagedHashes(git, paths);
      const message = { ...request.message, files };
      try {
        await git.writeInput(['commit', '-q', '--only', ...messageArgs(message), '--pathspec-from-file=-', '--pathspec-file-nul'], pathspecInput(paths));
      } catch (error) {
        throw error instanceof GitOperationError ? error : classifyCommitFailure(error, await commitHookInstalled(git, repo.top));
      }
      const [hash, shortHash] = (await git.read(['log', '-1', '--format=%H%n%h', 'HEAD'])).trim().split('\n');
      return { hash, shortHash, subject: request.message.subject, files, pushed: false } as CommitResult;
    } catch (error) {
      let restoreFailure = '';
      if (staged) await restoreIndex(git, paths, before).catch((e: unknown) => (restoreFailure = `\n(index not restored: ${outputOf(e)})`));
      if (error instanceof GitOperationError) throw restoreFailure ? new GitOperationError(error.code, error.key, error.args, error.output + restoreFailure) : error;
      throw new GitOperationError('commandFailed', 'git.commandFailed', [staged ? 'commit' : 'add'], outputOf(error) + restoreFailure);
    }
  });
  if (request.push) {
    try {
      await git.write(['push', '--quiet']);
      result.pushed = true;
    } catch (error) {
      const output = outputOf(error);
      if (!remoteMovedOn(output)) result.pushError = new GitOperationError('pushRejected', 'git.pushRejected', [], output);
      else {
        // Another unit pushed first: fetch theirs, put this commit on top, push again (src/core/sync).
        try {
          result.synced = await sync(git, { gitDir: repo.gitDir });
          result.pushed = true;
          [result.hash, result.shortHash] = (await git.read(['log', '-1', '--format=%H%n%h', result.synced.head])).trim().split('\n');
        } catch (syncError) {
          result.pushError = syncError instanceof GitOperationError ? syncError : new GitOperationError('pushRejected', 'git.pushRejected', [], outputOf(syncError));
        }
      }
    }
  }
  return result;
}
