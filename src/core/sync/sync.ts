// Sync one clone with the upstream of its branch: fetch, put the local commits on top of what arrived, push.
// Evidence commits of different units touch different paths, so the rebase is computed in Git's object store
// (merge-tree + commit-tree) and the branch, index and work tree move once at the end, after every check passed.
// Whatever refuses (a path both sides changed, a rewritten upstream, a dirty file the remote changed), nothing
// of the repository has changed but its remote-tracking ref.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GitOperationError, outputOf } from '../git/errors';
import type { Git } from '../git/git';
import { decodePath, quotePath } from '../git/pathBytes';

export interface SyncOptions {
  /** Fetch-integrate-push rounds before giving up when others keep pushing (default 8). */
  attempts?: number;
  /** The repository's Git directory when the caller knows it (openRepository): one `rev-parse` less. */
  gitDir?: string;
}

export interface SyncResult {
  branch: string;
  /** The upstream as Git shows it, e.g. `origin/main`. */
  upstream: string;
  /** Commits that arrived from the remote and are now in the branch. */
  received: number;
  /** Local commits the remote now has (rebased ones counted once). */
  sent: number;
  /** Whether local commits were rebased onto the remote's. */
  rebased: boolean;
  /** Push rounds lost to someone else's push. */
  retries: number;
  head: string;
  /** The branch's commit before the sync: what arrived is what changed since it. */
  before: string;
}

interface Upstream {
  branchRef: string;
  remote: string;
  remoteRef: string;
  trackingRef: string;
  /** Short name for messages. */
  shown: string;
}

/** Git's words when a push lost the race: the remote's branch is not where we expected it. */
const REMOTE_MOVED = /\[rejected\]|non-fast-forward|fetch first|cannot lock ref|failed to update ref|incorrect old value|failed to lock|stale info/i;
/** Git's words when a remote refuses who we are, or cannot ask. */
const AUTH = /Authentication failed|Permission denied|could not read (Username|Password)|terminal prompts disabled|Access denied|HTTP (Basic|401|403)|returned error: 40[13]|Host key verification failed|Could not read from remote repository/i;

// Every call spawns Git directly (readBuffer / writeInput): a CLI sync never loads simple-git, whose loading
// costs more than a Git process (bench/sync.mjs).
const readText = async (git: Git, args: string[]) => (await git.readBuffer(args)).toString('utf8');
const run = (git: Git, args: string[]) => git.writeInput(args, '');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function classifyRemoteFailure(error: unknown, remote: string, step: 'fetch' | 'push'): GitOperationError {
  if (error instanceof GitOperationError) return error;
  const output = outputOf(error);
  if (AUTH.test(output)) return new GitOperationError('authFailed', 'git.authFailed', [remote], output);
  if (step === 'push') return new GitOperationError('pushRejected', 'git.pushFailed', [remote], output);
  return new GitOperationError('commandFailed', 'git.commandFailed', [step], output);
}

/** NUL-separated paths of a `-z` listing. */
function nulPaths(output: Buffer): string[] {
  const paths: string[] = [];
  let start = 0;
  for (let end = output.indexOf(0); end >= 0; start = end + 1, end = output.indexOf(0, start)) if (end > start) paths.push(decodePath(output, start, end));
  return paths;
}

/** Paths a `git status --porcelain=v1 -z` lists: modified, staged, untracked, both sides of a rename. */
export function dirtyPaths(output: Buffer): string[] {
  const paths: string[] = [];
  let start = 0;
  let renameSource = false;
  for (let end = output.indexOf(0); end >= 0; start = end + 1, end = output.indexOf(0, start)) {
    if (renameSource) {
      paths.push(decodePath(output, start, end));
      renameSource = false;
      continue;
    }
    if (end - start < 4) continue;
    const xy = output.toString('latin1', start, start + 2);
    paths.push(decodePath(output, start + 3, end));
    if (/[RC]/.test(xy)) renameSource = true;
  }
  return paths;
}

/** Paths in both lists, also when one side names a folder the other has files under (a file became a folder). */
export function overlapping(ours: string[], theirs: string[]): string[] {
  const theirSet = new Set(theirs);
  const prefixes = new Set<string>();
  for (const p of theirs) for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) prefixes.add(p.slice(0, i));
  const ourPrefixes = new Set<string>();
  for (const p of ours) for (let i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) ourPrefixes.add(p.slice(0, i));
  const both = new Set<string>();
  for (const p of ours) if (theirSet.has(p) || prefixes.has(p)) both.add(p);
  for (const p of theirs) if (ourPrefixes.has(p)) both.add(p);
  return [...both].sort();
}

function listForMessage(paths: string[]): string {
  const shown = paths.slice(0, 5).map(quotePath).join(', ');
  return paths.length > 5 ? `${shown} (+${paths.length - 5})` : shown;
}

/** The branch HEAD names, read from `<gitDir>/HEAD` as Git writes it (no process); undefined when detached. */
async function headBranch(gitDir: string): Promise<string | undefined> {
  const text = await fs.readFile(path.join(gitDir, 'HEAD'), 'utf8');
  const match = /^ref: (refs\/heads\/\S.*?)\s*$/.exec(text);
  return match?.[1];
}

interface Start {
  upstream: Upstream;
  /** The branch's commit now. */
  head: string;
  /** The remote-tracking ref's commit before the fetch (undefined: not fetched yet). */
  tracking: string | undefined;
}

/**
 * The branch, its upstream, its commit and the remote-tracking ref's: one `for-each-ref` (and one `rev-parse`
 * when the caller does not know the Git directory).
 */
async function readStart(git: Git, knownGitDir: string | undefined): Promise<Start> {
  let gitDir = knownGitDir;
  let headRef: string | undefined;
  try {
    gitDir ??= (await readText(git, ['rev-parse', '--absolute-git-dir'])).trim();
    headRef = await headBranch(gitDir);
  } catch (error) {
    if (error instanceof Error && error.name === 'GitNotTrustedError') throw new GitOperationError('notTrusted', 'git.notTrusted');
    throw new GitOperationError('notRepo', 'git.notRepo', [git.cwd], outputOf(error));
  }
  if (existsSync(path.join(gitDir, 'rebase-merge')) || existsSync(path.join(gitDir, 'rebase-apply'))) throw new GitOperationError('rebaseInProgress', 'git.rebaseInProgress');
  if (['MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD'].some((f) => existsSync(path.join(gitDir, f)))) throw new GitOperationError('mergeInProgress', 'git.mergeInProgress');
  if (!headRef) throw new GitOperationError('detachedHead', 'git.detachedHead');
  const branch = headRef.slice('refs/heads/'.length);
  // The branch with its upstream, and every remote-tracking ref with its commit (the upstream's among them).
  const lines = (await git.readBuffer(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(upstream)%00%(upstream:remotename)%00%(upstream:remoteref)%00%(upstream:short)', headRef, 'refs/remotes/']))
    .toString('utf8')
    .split('\n')
    .map((line) => line.split('\0'));
  const own = lines.find((fields) => fields[0] === headRef);
  const [, head, trackingRef, remote, remoteRef, shown] = own ?? [];
  // A remote name read as an option (a hostile config) is no remote we would run Git with.
  if (!head || !trackingRef || !remote || !remoteRef || remote === '.' || remote.startsWith('-')) throw new GitOperationError('noUpstream', 'git.noUpstream', [branch]);
  const upstream = { branchRef: headRef, remote, remoteRef, trackingRef, shown: shown || trackingRef };
  // Outside refs/remotes/ (a custom fetch refspec) the listing does not say: asked for.
  const tracking = trackingRef.startsWith('refs/remotes/') ? lines.find((fields) => fields[0] === trackingRef)?.[1] : await optionalRev(git, trackingRef);
  return { upstream, head, tracking };
}

async function optionalRev(git: Git, rev: string): Promise<string | undefined> {
  try {
    return (await readText(git, ['rev-parse', '-q', '--verify', `${rev}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Author name, email and raw date of a commit, and its message exactly as stored. */
async function commitParts(git: Git, id: string): Promise<{ env: Record<string, string>; message: Buffer }> {
  const raw = await git.readBuffer(['cat-file', 'commit', id]);
  const split = raw.indexOf('\n\n');
  const headers = raw.toString('utf8', 0, split < 0 ? raw.length : split);
  const message = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 2);
  const author = /^author (.*) <([^>]*)> (\d+ [+-]\d{4})$/m.exec(headers);
  const env: Record<string, string> = author ? { GIT_AUTHOR_NAME: author[1], GIT_AUTHOR_EMAIL: author[2], GIT_AUTHOR_DATE: `@${author[3]}` } : {};
  return { env, message };
}

/**
 * The local commits replayed on `onto`: each one's tree is `onto` plus what that commit changed since `base`
 * (merge-tree, paths disjoint by the checks before), with its author, date and message, trailers included.
 * Only objects are written; no ref, index or file.
 */
async function replay(git: Git, local: string[], onto: string): Promise<string> {
  let parent = onto;
  for (const commit of local) {
    const parts = commitParts(git, commit);
    parts.catch(() => undefined);
    let tree: string;
    try {
      // readBuffer: any exit but 0 (1 is a conflict) rejects.
      tree = (await git.readBuffer(['merge-tree', '--write-tree', '--no-messages', onto, commit])).toString('utf8').trim().split('\n')[0];
    } catch (error) {
      // Exit 1 is a conflict the path check could not see (a merge in the local history, a file turned folder).
      throw new GitOperationError('syncConflict', 'git.syncConflict', [commit.slice(0, 12)], outputOf(error));
    }
    const { env, message } = await parts;
    parent = (await git.writeInput(['commit-tree', tree, '-p', parent, '-F', '-'], message, env)).trim();
  }
  return parent;
}

/**
 * Moves the branch, index and work tree from `from` to `to` as a checkout does: files the user changed stay
 * (the checks made sure the move touches none of them); Git refuses before writing if one would be lost.
 */
async function moveBranch(git: Git, upstream: Upstream, from: string, to: string, theirPaths: string[]): Promise<void> {
  try {
    await run(git, ['read-tree', '-m', '-u', from, to]);
  } catch (error) {
    throw new GitOperationError('syncConflict', 'git.syncDirty', [listForMessage(theirPaths)], outputOf(error));
  }
  try {
    await run(git, ['update-ref', '-m', `sync: onto ${upstream.shown}`, upstream.branchRef, to, from]);
  } catch (error) {
    // Someone moved the branch meanwhile: put the index and files back where that branch is.
    await run(git, ['read-tree', '-m', '-u', to, from]).catch(() => undefined);
    throw error;
  }
}

/** The two diffs (`base..theirs`, `base..ours`) from one `git diff-tree --stdin`: each diff follows its commit's id (`--always`: also when empty). */
async function changedPaths(git: Git, base: string, theirs: string, ours: string | undefined): Promise<{ theirs: string[]; ours: string[] }> {
  const input = `${theirs} ${base}\n` + (ours ? `${ours} ${base}\n` : '');
  const fields = nulPaths(await git.readInput(['diff-tree', '--stdin', '--always', '-r', '--name-only', '-z', '--no-renames'], input));
  // The first field is `theirs`; the second header is our local commit's id, which no remote path can know.
  const split = ours ? fields.indexOf(ours, 1) : -1;
  if (fields[0] !== theirs || (ours && split < 0)) throw new GitOperationError('commandFailed', 'git.commandFailed', ['diff-tree'], fields.slice(0, 2).join(' '));
  return { theirs: fields.slice(1, split < 0 ? undefined : split), ours: split < 0 ? [] : fields.slice(split + 1) };
}

/** One round: fetch, integrate; the commit to push, or undefined when the remote already has everything. */
async function integrate(git: Git, upstream: Upstream, at: { head: string; tracking: string | undefined }, tally: { received: number; rebased: boolean }): Promise<{ push?: string; head: string; ahead: number; theirs?: string }> {
  const { head, tracking: before } = at;
  try {
    await run(git, ['fetch', '--quiet', '--no-write-fetch-head', upstream.remote, `+${upstream.remoteRef}:${upstream.trackingRef}`]);
  } catch (error) {
    throw classifyRemoteFailure(error, upstream.remote, 'fetch');
  }
  // '<' commits only here, '>' commits only there, oldest first; '-' the boundary (the merge bases among them).
  const sides = (await readText(git, ['rev-list', '--left-right', '--topo-order', '--reverse', '--boundary', `${head}...${upstream.trackingRef}`])).split('\n').filter(Boolean);
  const local = sides.filter((l) => l.startsWith('<')).map((l) => l.slice(1));
  const incoming = sides.filter((l) => l.startsWith('>')).map((l) => l.slice(1));
  const boundary = sides.filter((l) => l.startsWith('-')).map((l) => l.slice(1));
  if (local.length === 0 && incoming.length === 0) return { head, ahead: 0 };
  // A tip the remote once had that only we still have: the remote's history was rewritten under us. Read while
  // the paths are compared (nothing is written before every check passed).
  const rewritten =
    local.length === 0
      ? Promise.resolve(false)
      : readText(git, ['log', '-g', '-n', '100', '--format=%H', upstream.trackingRef])
          .catch(() => '')
          .then((reflog) => {
            const known = new Set<string>([...(before ? [before] : []), ...reflog.split('\n').filter(Boolean)]);
            return local.some((id) => known.has(id));
          });
  const refuseRewritten = async () => {
    if (await rewritten) throw new GitOperationError('upstreamRewritten', 'git.upstreamRewritten', [upstream.shown]);
  };
  if (incoming.length === 0) {
    await refuseRewritten();
    return { push: head, head, ahead: local.length };
  }
  // Parents come before children: the remote's tip is its last commit.
  const theirs = incoming[incoming.length - 1];
  // Every merge base is a boundary commit: with one boundary commit, it is the merge base.
  const base = boundary.length === 1 ? boundary[0] : (await readText(git, ['merge-base', head, theirs])).trim();
  // Uncommitted work (staged, modified, untracked) on a path the remote changed would be overwritten: refuse.
  const listed = Promise.all([changedPaths(git, base, theirs, local.length > 0 ? head : undefined), git.readBuffer(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames'])]);
  listed.catch(() => undefined);
  await refuseRewritten();
  const [paths, status] = await listed;
  const theirPaths = paths.theirs;
  if (local.length > 0) {
    const both = overlapping(paths.ours, theirPaths);
    if (both.length > 0) throw new GitOperationError('syncConflict', 'git.syncConflict', [listForMessage(both)]);
  }
  const touched = overlapping(dirtyPaths(status), theirPaths);
  if (touched.length > 0) throw new GitOperationError('syncConflict', 'git.syncDirty', [listForMessage(touched)]);
  const target = local.length > 0 ? await replay(git, local, theirs) : theirs;
  await moveBranch(git, upstream, head, target, theirPaths);
  tally.received += incoming.length;
  if (local.length > 0) tally.rebased = true;
  return { push: local.length > 0 ? target : undefined, head: target, ahead: local.length, theirs };
}

/**
 * Fetches the upstream of the current branch, rebases the local commits onto it when both sides moved on
 * different paths, and pushes; a push that lost the race to another clone starts a new round (bounded).
 */
export async function sync(git: Git, options: SyncOptions = {}): Promise<SyncResult> {
  const attempts = Math.max(1, options.attempts ?? 8);
  return git.exclusive(async () => {
    const start = await readStart(git, options.gitDir);
    const { upstream } = start;
    const at = { head: start.head, tracking: start.tracking };
    const tally = { received: 0, rebased: false };
    let lastOutput = '';
    for (let round = 0; round < attempts; round++) {
      const { push, head, ahead, theirs } = await integrate(git, upstream, at, tally);
      const result = (sent: number): SyncResult => ({ branch: upstream.branchRef.slice('refs/heads/'.length), upstream: upstream.shown, received: tally.received, sent, rebased: tally.rebased, retries: round, head, before: start.head });
      if (!push) return result(0);
      try {
        // Git moves the remote-tracking ref with the push (the fetch refspec that made it the upstream maps it).
        await run(git, ['push', '--quiet', upstream.remote, `${push}:${upstream.remoteRef}`]);
        return result(ahead);
      } catch (error) {
        lastOutput = outputOf(error);
        if (!REMOTE_MOVED.test(lastOutput) || AUTH.test(lastOutput)) throw classifyRemoteFailure(error, upstream.remote, 'push');
      }
      // Someone pushed first: wait a little (jittered, so racing clones spread out), then fetch again from here.
      at.head = head;
      at.tracking = theirs ?? at.tracking;
      await sleep(Math.min(2000, 50 * 2 ** round) * (0.5 + Math.random()));
    }
    throw new GitOperationError('pushRejected', 'git.remoteKeptMoving', [String(attempts)], lastOutput);
  });
}

/** Whether a failed push says the remote moved on (a sync would fix it), not that it refused us. */
export function remoteMovedOn(output: string): boolean {
  return REMOTE_MOVED.test(output) && !AUTH.test(output);
}
