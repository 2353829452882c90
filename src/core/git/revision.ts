// Revisions from a user, a URI or a file never reach Git's argument list as given: each is resolved to a commit
// hash first, with `--end-of-options` so a revision spelled like an option (`--output=FILE`) is only ever a name.
import { GitOperationError } from './errors';
import type { Git } from './git';

const HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Whether `text` is a full commit hash (SHA-1 or SHA-256), the only revision form we hand to Git. */
export function isCommitHash(text: string): boolean {
  return HASH.test(text);
}

/**
 * The full hash of the commit `rev` names, or a typed `badRevision` error. The only way a revision
 * from outside reaches Git: `rev-parse --verify --end-of-options <rev>^{commit}`.
 */
export async function resolveCommit(git: Git, rev: string): Promise<string> {
  // A NUL cannot be passed to a program, and an empty revision would name nothing.
  if (rev === '' || rev.includes('\0')) throw new GitOperationError('badRevision', 'git.badRevision', [rev]);
  let output: string;
  try {
    output = await git.read(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`]);
  } catch (error) {
    if (error instanceof Error && error.name === 'GitNotTrustedError') throw error;
    throw new GitOperationError('badRevision', 'git.badRevision', [rev]);
  }
  const hash = output.trim();
  if (!isCommitHash(hash)) throw new GitOperationError('badRevision', 'git.badRevision', [rev]);
  return hash;
}

/** A path inside the repository given as `<hash>:<path>` to Git: never absolute, never climbing out with "..". */
export function isInsidePath(relative: string): boolean {
  if (relative === '' || relative.includes('\0') || relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return false;
  return !relative.split(/[\\/]/).some((segment) => segment === '..');
}
