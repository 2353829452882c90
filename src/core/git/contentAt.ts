// A file as committed in a revision, for the extension's `reform-evidence-git:` documents. Their URI says which
// repository, revision and path: anything may write such a URI, so each part is checked before Git runs.
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { GitOperationError, isGitError } from './errors';
import { createGit, findTopLevel } from './git';
import { isInsidePath, resolveCommit } from './revision';
import { isWithin } from '../fs/paths';

export interface FileAtRevision {
  /** The repository's top folder, as the URI says. */
  top: string;
  /** Any revision; resolved to a commit before use. */
  rev: string;
  /** The file's path from `top`, with "/" separators. */
  path: string;
  /** The open workspace folders: `top` must be one of them, inside one, or the top folder of one. */
  workspaceFolders: readonly string[];
  isTrusted?: () => boolean;
}

const real = (dir: string) => {
  try {
    return realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
};

/** Whether `top` is a repository the workspace opened: a folder, inside one, or the top folder of one. */
export function isWorkspaceRepository(top: string, workspaceFolders: readonly string[]): boolean {
  if (typeof top !== 'string' || !path.isAbsolute(top) || top.includes('\0')) return false;
  const target = real(top);
  return workspaceFolders.some((folder) => {
    const root = real(folder);
    return isWithin(target, root) || findTopLevel(root) === target;
  });
}

/**
 * The bytes of `path` in `rev`, or undefined when the revision or the file does not exist there (a root
 * commit's parent). A repository outside the workspace or a path leaving it is refused (`outsideWorkspace`).
 */
export async function fileAtRevision(request: FileAtRevision): Promise<Buffer | undefined> {
  if (!isWorkspaceRepository(request.top, request.workspaceFolders)) throw new GitOperationError('outsideWorkspace', 'git.outsideWorkspace', [String(request.top)]);
  if (typeof request.path !== 'string' || !isInsidePath(request.path)) throw new GitOperationError('outsideWorkspace', 'git.outsideWorkspace', [String(request.path)]);
  const git = createGit({ cwd: real(request.top), isTrusted: request.isTrusted });
  let hash: string;
  try {
    hash = await resolveCommit(git, String(request.rev));
  } catch (error) {
    if (isGitError(error, 'badRevision')) return undefined;
    throw error;
  }
  return git.readBuffer(['cat-file', 'blob', `${hash}:${request.path}`]).catch(() => undefined);
}
