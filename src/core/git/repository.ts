// Opening the repository that holds a folder and checking, before anything is copied, that a commit can be made.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { outputOf, GitOperationError } from './errors';
import { createGit, type Git } from './git';

export interface Repository {
  /** Git running in the top folder of the work tree. */
  git: Git;
  top: string;
  gitDir: string;
}

/** The repository holding `dir`, or a typed `notRepo` error. */
export async function openRepository(dir: string, isTrusted?: () => boolean): Promise<Repository> {
  const probe = createGit({ cwd: dir, isTrusted });
  let lines: string[];
  try {
    lines = (await probe.readBuffer(['rev-parse', '--show-toplevel', '--absolute-git-dir'])).toString('utf8').trim().split('\n');
  } catch (error) {
    if (error instanceof Error && error.name === 'GitNotTrustedError') throw new GitOperationError('notTrusted', 'git.notTrusted');
    throw new GitOperationError('notRepo', 'git.notRepo', [dir], outputOf(error));
  }
  if (lines.length < 2 || !lines[0]) throw new GitOperationError('notRepo', 'git.notRepo', [dir]);
  const top = path.resolve(lines[0]);
  return { git: createGit({ cwd: top, isTrusted }), top, gitDir: path.resolve(lines[1]) };
}

/** `user.name` / `user.email` from Git's configuration or the environment Git reads. */
async function hasIdentity(git: Git): Promise<boolean> {
  const get = async (key: string) => {
    try {
      return (await git.read(['config', '--get', key])).trim();
    } catch {
      return '';
    }
  };
  const env = process.env;
  const name = (await get('user.name')) || (env.GIT_AUTHOR_NAME && env.GIT_COMMITTER_NAME) || '';
  const email = (await get('user.email')) || (env.GIT_AUTHOR_EMAIL && env.GIT_COMMITTER_EMAIL) || '';
  return name.trim() !== '' && email.trim() !== '';
}

/**
 * Refuses, with a typed error, every state in which our commit would be wrong or fail half-way:
 * a merge, cherry-pick, revert or rebase in progress, a detached HEAD, no identity.
 */
export async function checkReadyToCommit(repo: Repository): Promise<void> {
  const at = (name: string) => existsSync(path.join(repo.gitDir, name));
  if (at('rebase-merge') || at('rebase-apply')) throw new GitOperationError('rebaseInProgress', 'git.rebaseInProgress');
  if (at('MERGE_HEAD') || at('CHERRY_PICK_HEAD') || at('REVERT_HEAD')) throw new GitOperationError('mergeInProgress', 'git.mergeInProgress');
  // "HEAD" itself when detached, "refs/heads/<branch>" otherwise (also on a branch without commits yet).
  const head = await repo.git.read(['rev-parse', '--symbolic-full-name', 'HEAD']).catch(() => 'refs/heads/');
  if (!head.trim().startsWith('refs/heads/')) throw new GitOperationError('detachedHead', 'git.detachedHead');
  if (!(await hasIdentity(repo.git))) throw new GitOperationError('noIdentity', 'git.noIdentity');
}

/** Whether a hook that can refuse a commit is installed (honours core.hooksPath). */
export async function commitHookInstalled(git: Git, top: string): Promise<boolean> {
  let hooks: string;
  try {
    hooks = (await git.read(['rev-parse', '--git-path', 'hooks'])).trim();
  } catch {
    return false;
  }
  const dir = path.resolve(top, hooks);
  return ['pre-commit', 'commit-msg', 'prepare-commit-msg'].some((hook) => existsSync(path.join(dir, hook)));
}

/** `git init` in `dir` (the "Initialize Repository" action of a notRepo error). */
export async function initRepository(dir: string, isTrusted?: () => boolean): Promise<void> {
  await createGit({ cwd: dir, isTrusted }).write(['init', '-q']);
}

/** Sets user.name and user.email in the repository's own configuration (the "Configure Identity" action). */
export async function setIdentity(dir: string, name: string, email: string, isTrusted?: () => boolean): Promise<void> {
  const git = createGit({ cwd: dir, isTrusted });
  await git.write(['config', 'user.name', name]);
  await git.write(['config', 'user.email', email]);
}
