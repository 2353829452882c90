// Adding evidence: copy the chosen files into the requirement's folder under safe names, then commit exactly
// them with trailers. Commit pending evidence: files that already match a requirement, committed per criterion.
//
// On any failure after copying, the copies are removed again and the index entries of their paths restored,
// so the repository is as before; the user's own (source) files are only ever read.
import { crypto } from '../node/lazy';
import { constants, promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { commitEvidence, type CommitResult } from './commitEvidence';
import { EvidenceError } from '../git/errors';
import type { Git } from '../git/git';
import { decodePath } from '../git/pathBytes';
import { checkReadyToCommit, openRepository, type Repository } from '../git/repository';
import type { CriteriaDoc, Requirement } from '../model/types';
import { loadCriteria, loadWorkspace } from '../workspace/loadWorkspace';
import { compileRequirement, compileRequirements, filesOf, type MatchState } from './match';
import { byteLength, collisionKey, MAX_NAME_BYTES, MAX_PATH_BYTES, safeFileName, splitExtension, uniqueName } from './safeName';
import { isWithin } from '../fs/paths';

/** What evidence is added to: a leaf criterion or a task. */
export interface EvidenceTarget {
  kind: 'criterion' | 'task';
  id: string;
  requirements: Requirement[];
  /** Criterion ids for the `Criterion:` trailers (a task's linked criteria). */
  criteria: string[];
  task?: string;
  units: string[];
}

export function resolveTarget(doc: CriteriaDoc, id: string): EvidenceTarget {
  const node = doc.byId.get(id);
  if (node) {
    if (node.children.length > 0) throw new EvidenceError('evidence.notLeaf', [id, node.children.map((c) => c.id).join(', ')]);
    return { kind: 'criterion', id, requirements: node.evidence, criteria: [id], units: node.owner ? [node.owner] : [] };
  }
  const task = doc.tasks.find((t) => t.id === id);
  if (task) return { kind: 'task', id, requirements: task.evidence, criteria: task.criteria, task: id, units: task.owner ? [task.owner] : [] };
  throw new EvidenceError('evidence.unknownCriterion', [id]);
}

/** The requirement numbered `number` (1-based), or the only one when `number` is omitted. */
export function chooseRequirement(target: EvidenceTarget, number?: number): Requirement {
  const list = target.requirements;
  if (list.length === 0) throw new EvidenceError('evidence.noRequirements', [target.id]);
  if (number === undefined) {
    if (list.length === 1) return list[0];
    throw new EvidenceError('evidence.chooseRequirement', [target.id, list.map((r, i) => `${i + 1}. ${r.title} (${r.path})`).join('; ')]);
  }
  if (!Number.isInteger(number) || number < 1 || number > list.length) throw new EvidenceError('evidence.badRequirement', [String(number), String(list.length)]);
  return list[number - 1];
}

/** Where a requirement's files go: its glob's static folder (relative to evidenceRoot), and a fixed name for a literal path. */
export function requirementFolder(requirement: Requirement): { folder: string; fixedName?: string } {
  const compiled = compileRequirement('criterion', '', requirement);
  if (!requirement.valid || compiled.base === '\uffff') throw new EvidenceError('evidence.invalidRequirement', [requirement.title]);
  const glob = requirement.path.replace(/^\.\//, '');
  if (compiled.base === glob) return { folder: path.posix.dirname(glob) === '.' ? '' : path.posix.dirname(glob), fixedName: path.posix.basename(glob) };
  return { folder: compiled.base.replace(/\/+$/, '') };
}

function realDir(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return path.resolve(dir);
  }
}

export interface PlannedFile {
  source: string;
  /** Name chosen before collisions are resolved. */
  name: string;
}

/**
 * Safe names for the sources that the requirement's glob accepts, fitting the byte bounds. A name whose
 * extension only differs by case is given the glob's case (`SCAN.PDF` for `*.pdf`).
 */
export function planNames(sources: string[], requirement: Requirement, nameRoom: number, desiredName?: string): PlannedFile[] {
  const { folder, fixedName } = requirementFolder(requirement);
  const test = compileRequirement('criterion', '', requirement).test;
  const relative = (name: string) => (folder ? `${folder}/${name}` : name);
  return sources.map((source) => {
    const original = desiredName ?? path.basename(source);
    if (fixedName) return { source, name: fixedName };
    let name = safeFileName(original, nameRoom);
    if (!name) throw new EvidenceError('evidence.pathTooLong', [original]);
    if (!test(relative(name))) {
      const [stem, extension] = splitExtension(name);
      const lower = stem + extension.toLowerCase();
      if (test(relative(lower))) name = lower;
      else throw new EvidenceError('evidence.noGlobMatch', [original, requirement.title, requirement.path]);
    }
    return { source, name };
  });
}

/** Copies `source` into `folder` under `name` or a free variant, atomically and never over an existing file. */
async function placeCopy(source: string, folder: string, name: string, taken: Set<string>, nameRoom: number, fixed: boolean): Promise<string> {
  const temp = path.join(folder, `.reform-evidence-${process.pid}-${crypto().randomBytes(4).toString('hex')}.tmp`);
  await fs.copyFile(source, temp, constants.COPYFILE_EXCL);
  try {
    for (;;) {
      const candidate = fixed ? name : uniqueName(name, taken, nameRoom);
      if (fixed && taken.has(collisionKey(candidate))) throw new EvidenceError('evidence.literalExists', [candidate]);
      try {
        // link() fails when the name exists, unlike rename(): another process choosing the same name cannot be overwritten.
        await fs.link(temp, path.join(folder, candidate));
        taken.add(collisionKey(candidate));
        return candidate;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          taken.add(collisionKey(candidate));
          continue;
        }
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw error;
        // File systems without hard links (FAT, some shares): a copy that still refuses an existing name, and
        // tries the next one when another process took it meanwhile, as the link does.
        const copied = await fs.copyFile(temp, path.join(folder, candidate), constants.COPYFILE_EXCL).then(
          () => true,
          (e: NodeJS.ErrnoException) => {
            if (e.code !== 'EEXIST') throw e;
            return false;
          },
        );
        taken.add(collisionKey(candidate));
        if (copied) return candidate;
      }
    }
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function folderNames(folder: string): Promise<Set<string>> {
  try {
    return new Set((await fs.readdir(folder, { encoding: 'buffer' })).map((name) => collisionKey(decodePath(name))));
  } catch {
    return new Set();
  }
}

/** The NUL-separated paths a Git command lists, decoded as the listing of files decodes them. */
async function listedPaths(git: Git, args: string[]): Promise<string[]> {
  const output = await git.readBuffer(args);
  const paths: string[] = [];
  let start = 0;
  for (let end = output.indexOf(0); end >= 0; start = end + 1, end = output.indexOf(0, start)) if (end > start) paths.push(decodePath(output, start, end));
  return paths;
}

/**
 * Collision keys of the names directly in `folderFromTop` that the index or HEAD holds: a tracked file deleted
 * from the disk, skip-worktree or outside a sparse checkout is still committed evidence, never to be replaced.
 * Compared by collision key all along, so a folder or name stored in another case or normalization counts too.
 */
async function trackedNames(git: Git, folderFromTop: string): Promise<Set<string>> {
  // The whole tree, not a pathspec: the folder or a parent may be stored under another case or normalization.
  const [indexed, committed] = await Promise.all([
    listedPaths(git, ['ls-files', '-z', '--cached']),
    listedPaths(git, ['ls-tree', '-r', '-z', '--name-only', '--full-tree', 'HEAD']).catch(() => [] as string[]),
  ]);
  const prefix = folderFromTop ? collisionKey(folderFromTop) + '/' : '';
  const names = new Set<string>();
  for (const listed of [...indexed, ...committed]) {
    const key = collisionKey(listed);
    if (!key.startsWith(prefix)) continue;
    names.add(key.slice(prefix.length).split('/')[0]);
  }
  return names;
}

/** `p` with its longest existing part resolved through links (the rest does not exist yet). */
function realPathOfNew(p: string): string {
  const missing: string[] = [];
  for (let at = path.resolve(p); ; at = path.dirname(at)) {
    try {
      return path.join(realpathSync.native(at), ...missing);
    } catch {
      if (path.dirname(at) === at) return path.resolve(p);
      missing.unshift(path.basename(at));
    }
  }
}

/**
 * Refuses a target folder inside the Git directory (`.git`, or where a `.git` file or a worktree points, or the
 * common directory of worktrees), reached by name or through a link: evidence is never written there.
 */
async function refuseGitDirectory(repo: Repository, folder: string): Promise<void> {
  // The common directory comes relative to the top folder (Git's cwd) on Gits older than --path-format.
  const dirs = (await repo.git.read(['rev-parse', '--absolute-git-dir', '--git-common-dir'])).split('\n').filter((l) => l.trim() !== '');
  const target = realPathOfNew(folder);
  const fromTop = path.relative(repo.top, folder).split(path.sep);
  const gitDirs = [...dirs, repo.gitDir].map((d) => realPathOfNew(path.resolve(repo.top, d.trim())));
  const inside = gitDirs.find((d) => isWithin(target, d));
  if (inside !== undefined || fromTop.some((segment) => /^(\.git[. ]*|git~1)$/i.test(segment))) {
    throw new EvidenceError('evidence.insideGitDir', [folder, inside ?? path.join(repo.top, '.git')]);
  }
}

/** Creates `folder` and its missing parents; returns the ones it created, deepest last. */
async function makeFolders(folder: string): Promise<string[]> {
  const missing: string[] = [];
  for (let at = folder; ; at = path.dirname(at)) {
    try {
      await fs.stat(at);
      break;
    } catch {
      missing.unshift(at);
    }
    if (path.dirname(at) === at) break;
  }
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    // Part of the chain may have been made before the failure: leave no empty folder behind.
    for (const dir of [...missing].reverse()) await fs.rmdir(dir).catch(() => undefined);
    throw error;
  }
  return missing;
}

/** File-system errors that mean "this folder cannot take a new file" (read-only, a file in the way, full). */
const WRITE_FAILURES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR', 'ENOSPC', 'EDQUOT']);

/**
 * A file-system failure while copying, as a typed error: a source that vanished after it was chosen is
 * `noSource`, a folder that refuses the copy is `cannotWrite`. Anything else keeps its own message.
 */
async function copyFailure(error: unknown, folder: string, sources: string[]): Promise<unknown> {
  // Only errors of the file system (they name a syscall); typed Git errors carry a `code` of their own.
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !(error as NodeJS.ErrnoException).syscall) return error;
  for (const source of sources) if (!(await fs.stat(source).catch(() => undefined))) return new EvidenceError('evidence.noSource', [source]);
  if (WRITE_FAILURES.has(code) || code === 'ENOENT') return new EvidenceError('evidence.cannotWrite', [folder, code]);
  return error;
}

function subject(id: string, verb: string, names: string[]): string {
  const first = splitExtension(path.posix.basename(names[0]))[0];
  return `evidence(${id}): ${verb} ${first}${names.length > 1 ? ` (+${names.length - 1})` : ''}`;
}

export interface AddEvidenceOptions {
  criteriaFile: string;
  /** Criterion id (a leaf) or task id. */
  target: string;
  /** 1-based; may be omitted when there is only one requirement. */
  requirement?: number;
  /** Absolute paths of the files to add. */
  files: string[];
  /** The evidence file's name (a document title), for a single file. */
  name?: string;
  push?: boolean;
  isTrusted?: () => boolean;
  /** The parsed criteria file when the caller has it (an unsaved editor). */
  doc?: CriteriaDoc;
  /** The repository when the caller has opened it (the pure tests give one whose Git is scripted). */
  repository?: Repository;
}

export interface AddEvidenceResult extends CommitResult {
  /** The added files, relative to evidenceRoot. */
  added: string[];
}

export async function addEvidence(options: AddEvidenceOptions): Promise<AddEvidenceResult> {
  if (options.files.length === 0) throw new EvidenceError('evidence.noFiles');
  if (options.name !== undefined && options.files.length > 1) throw new EvidenceError('evidence.nameOneFile');
  const doc = options.doc ?? (await loadCriteria(options.criteriaFile));
  const target = resolveTarget(doc, options.target);
  const requirement = chooseRequirement(target, options.requirement);
  const { folder: folderRelative, fixedName } = requirementFolder(requirement);
  for (const source of options.files) {
    const stat = await fs.stat(source).catch(() => undefined);
    if (!stat) throw new EvidenceError('evidence.noSource', [source]);
    if (!stat.isFile()) throw new EvidenceError('evidence.notAFile', [source]);
  }
  const repo = options.repository ?? (await openRepository(doc.baseDir, options.isTrusted));
  await checkReadyToCommit(repo);

  const evidenceRoot = path.resolve(realDir(doc.baseDir), doc.index.evidenceRoot);
  const folder = folderRelative ? path.join(evidenceRoot, ...folderRelative.split('/')) : evidenceRoot;
  const folderFromTop = path.relative(repo.top, folder).split(path.sep).join('/');
  const nameRoom = Math.min(MAX_NAME_BYTES, MAX_PATH_BYTES - byteLength(folderFromTop) - 1);
  if (nameRoom < 16) throw new EvidenceError('evidence.pathTooLong', [path.basename(options.files[0])]);
  const planned = planNames(options.files, requirement, nameRoom, options.name);
  await refuseGitDirectory(repo, folder);
  const tracked = await trackedNames(repo.git, folderFromTop);

  const createdFolders = await makeFolders(folder).catch(async (error: unknown) => {
    throw await copyFailure(error, folder, options.files);
  });
  const taken = await folderNames(folder);
  for (const name of tracked) taken.add(name);
  const placed: string[] = [];
  try {
    for (const file of planned) placed.push(await placeCopy(file.source, folder, file.name, taken, nameRoom, fixedName !== undefined));
    const paths = placed.map((name) => (folderFromTop ? `${folderFromTop}/${name}` : name));
    const result = await commitEvidence(repo, {
      paths,
      push: options.push,
      message: { subject: subject(target.id, 'add', placed), criteria: target.criteria, task: target.task, requirements: [requirement.title], units: target.units },
    });
    return { ...result, added: placed.map((name) => (folderRelative ? `${folderRelative}/${name}` : name)) };
  } catch (error) {
    await removeCopies(folder, placed, createdFolders);
    throw await copyFailure(error, folder, options.files);
  }
}

async function removeCopies(folder: string, names: string[], createdFolders: string[]): Promise<void> {
  for (const name of names) await fs.rm(path.join(folder, name), { force: true });
  for (const dir of [...createdFolders].reverse()) await fs.rmdir(dir).catch(() => undefined);
}

export interface PendingGroup {
  target: EvidenceTarget;
  /** Paths relative to evidenceRoot. */
  files: { path: string; state: 'untracked' | 'modified' }[];
  requirements: string[];
}

/** Untracked or modified files that match a requirement, grouped by criterion (then task); each file in one group only. */
export async function pendingEvidence(criteriaFile: string, isTrusted?: () => boolean): Promise<{ doc: CriteriaDoc; groups: PendingGroup[] }> {
  const { doc, matches } = await loadWorkspace(criteriaFile, { isTrusted });
  return { doc, groups: pendingGroups(doc, matches) };
}

/** The grouping of pendingEvidence, on files already matched. */
export function pendingGroups(doc: CriteriaDoc, matches: MatchState): PendingGroup[] {
  const groups = new Map<string, PendingGroup>();
  const claimed = new Set<string>();
  for (const compiled of compileRequirements(doc)) {
    for (const file of filesOf(matches, compiled.key)) {
      if ((file.git !== 'untracked' && file.git !== 'modified') || claimed.has(file.path)) continue;
      claimed.add(file.path);
      const key = `${compiled.owner}:${compiled.ownerId}`;
      let group = groups.get(key);
      if (!group) {
        group = { target: resolveTarget(doc, compiled.ownerId), files: [], requirements: [] };
        groups.set(key, group);
      }
      group.files.push({ path: file.path, state: file.git });
      if (!group.requirements.includes(compiled.requirement.title)) group.requirements.push(compiled.requirement.title);
    }
  }
  return [...groups.values()];
}

export interface CommitPendingOptions {
  criteriaFile: string;
  push?: boolean;
  isTrusted?: () => boolean;
  /** Called after each commit (progress). */
  onCommit?: (result: CommitResult, group: PendingGroup) => void;
}

/** One commit per criterion (or task) of its pending files. Stops at the first failure; earlier commits stay. */
export async function commitPending(options: CommitPendingOptions): Promise<Array<CommitResult & { group: PendingGroup }>> {
  // The repository first: outside Git, or untrusted, no file is "pending", and an empty answer would say
  // "everything is committed" instead of the error that can be fixed.
  const repo: Repository = await openRepository(path.dirname(path.resolve(options.criteriaFile)), options.isTrusted);
  const { doc, groups } = await pendingEvidence(options.criteriaFile, options.isTrusted);
  if (groups.length === 0) return [];
  await checkReadyToCommit(repo);
  return commitGroups(repo, doc, groups, options);
}

/** The commits of commitPending, once the repository is ready and the groups are known. */
export async function commitGroups(
  repo: Repository,
  doc: CriteriaDoc,
  groups: PendingGroup[],
  options: Pick<CommitPendingOptions, 'push' | 'onCommit'>,
): Promise<Array<CommitResult & { group: PendingGroup }>> {
  const rootFromTop = path.relative(repo.top, path.resolve(realDir(doc.baseDir), doc.index.evidenceRoot)).split(path.sep).join('/');
  const results: Array<CommitResult & { group: PendingGroup }> = [];
  for (const [i, group] of groups.entries()) {
    const paths = group.files.map((f) => (rootFromTop ? `${rootFromTop}/${f.path}` : f.path));
    const verb = group.files.every((f) => f.state === 'modified') ? 'update' : 'add';
    const result = await commitEvidence(repo, {
      paths,
      // Push once, after the last commit.
      push: options.push && i === groups.length - 1,
      message: { subject: subject(group.target.id, verb, group.files.map((f) => f.path)), criteria: group.target.criteria, task: group.target.task, requirements: group.requirements, units: group.target.units },
    });
    results.push({ ...result, group });
    options.onCommit?.(result, group);
  }
  // A sync that rebased the commits gave each of them a new hash: the last one is HEAD, the others precede it.
  if (results.at(-1)?.synced?.rebased) {
    const ids = (await repo.git.read(['log', `-${results.length}`, '--format=%H %h', 'HEAD'])).trim().split('\n').reverse();
    for (const [i, r] of results.entries()) [r.hash, r.shortHash] = (ids[i] ?? '').split(' ');
  }
  return results;
}
