// An evidence file that is a symbolic link leading outside the workspace proves nothing about the workspace
// (and could expose any file of the machine): it never counts. Only matched files are checked, and of those
// only the ones Git cannot vouch for (links, untracked, modified), with one directory read per folder.
import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { decodePath, fsPath } from '../git/pathBytes';
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, Problem, Requirement } from '../model/types';
import { escapeControls } from '../parse/text';
import { EMPTY_RANGE } from '../parse/yamlSource';
import { toNfc } from './listFiles';
import { removeFile, type MatchState } from './match';

export interface LinkCheckOptions {
  /** Absolute evidence folder. */
  evidenceDir: string;
  /** Absolute folder the links must stay in (the criteria file's folder). */
  workspaceDir: string;
  /** The only files that may be links (from Git's file modes); undefined checks every matched file on disk. */
  unverified?: Set<string>;
  /** Judges a file without the disk (a commit's tree: history/); the evidence folder is then taken as inside. */
  verdict?: (relative: string) => Promise<LinkVerdict>;
}

/** ok: counts; outside: leads out of the workspace (RE205); broken: a link to nothing inside it, or a loop (RE207); gone: no file. */
export type LinkVerdict = 'ok' | 'outside' | 'broken' | 'gone';

/** True when `target` is `dir` or below it. */
function isInside(target: string, dir: string): boolean {
  const relative = path.relative(dir, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The on-disk path of `relative` (kept in NFC by the listing) below `dir`: the same path in most cases; else each
 * segment is looked up among its folder's entries by NFC, for names stored in another form (NFD on macOS).
 */
async function onDiskPath(dir: string, relative: string): Promise<string | undefined> {
  return (await onDisk(dir, relative))?.full;
}

/** onDiskPath, with the `lstat` of the path when that found it at once (the caller needs no second one). */
async function onDisk(dir: string, relative: string): Promise<{ full: string; stat?: Stats } | undefined> {
  const direct = path.join(dir, relative);
  try {
    return { full: direct, stat: await fs.lstat(fsPath(direct)) };
  } catch {
    let current = dir;
    for (const segment of relative.split('/')) {
      let entries: string[];
      try {
        entries = (await fs.readdir(fsPath(current), { encoding: 'buffer' })).map((e) => decodePath(e));
      } catch {
        return undefined;
      }
      const found = entries.find((e) => e.normalize('NFC') === segment);
      if (found === undefined) return undefined;
      current = path.join(current, found);
    }
    return { full: current };
  }
}

async function realpathOrUndefined(p: string): Promise<string | undefined> {
  try {
    return decodePath(await fs.realpath(fsPath(p), { encoding: 'buffer' }));
  } catch {
    return undefined;
  }
}

/** Whether the real folder `dir` (reached maybe through linked folders) is inside the workspace. */
async function folderInside(dir: string, options: PreparedCheck): Promise<boolean> {
  const real = await realpathOrUndefined(dir);
  return real !== undefined && isInside(real, options.realWorkspace);
}

/**
 * Whether the evidence file at `relative` (under evidenceDir) may count: a regular file, or a link whose
 * final target is a regular file inside the workspace. `rootInside` is the precomputed check of evidenceDir.
 */
export async function linkVerdict(relative: string, options: PreparedCheck): Promise<LinkVerdict> {
  const found = await onDisk(options.evidenceDir, relative);
  if (found === undefined) return 'gone';
  const full = found.full;
  let stat = found.stat;
  try {
    stat ??= await fs.lstat(fsPath(full));
  } catch {
    return 'gone';
  }
  if (!stat.isSymbolicLink()) {
    // A tracked file replaced by a folder is listed by Git as changed: not a file, it counts for nothing.
    if (!stat.isFile()) return 'gone';
    if (!options.rootInside) return 'outside';
    // A folder on the way may be a link: Git lists a tracked file whose folder was replaced by a link as changed.
    return relative.includes('/') && !(await folderInside(path.dirname(full), options)) ? 'outside' : 'ok';
  }
  const target = await realpathOrUndefined(full);
  // No final target (it does not exist, or the links loop): "to nothing", unless its own target lies outside.
  if (target === undefined) return (await danglingLeadsOut(full, options)) ? 'outside' : 'broken';
  if (!isInside(target, options.realWorkspace)) return 'outside';
  try {
    return (await fs.stat(fsPath(target))).isFile() ? 'ok' : 'gone';
  } catch {
    return 'gone';
  }
}

/**
 * Whether a link with no final target points outside the workspace in its own first step (its text, from its real
 * folder), as the status at a revision judges it (RevisionTree.linkStep): a dangling link out is still "outside".
 */
async function danglingLeadsOut(link: string, options: PreparedCheck): Promise<boolean> {
  try {
    const text = decodePath(await fs.readlink(fsPath(link), { encoding: 'buffer' }));
    const from = (await realpathOrUndefined(path.dirname(link))) ?? path.dirname(link);
    return !isInside(path.resolve(from, text), options.realWorkspace);
  } catch {
    return false;
  }
}

/**
 * Verdicts for files of one folder: one `lstat` each for a few files, else a single directory read; only links
 * cost more (a realpath each).
 */
async function folderVerdicts(folder: string, files: string[], check: PreparedCheck): Promise<LinkVerdict[]> {
  // Two lstat calls cost less than listing a folder of a dozen scans (the usual case: one new file in a folder).
  if (files.length <= 2) return Promise.all(files.map((f) => linkVerdict(f, check)));
  const dir = folder === '' ? check.evidenceDir : await onDiskPath(check.evidenceDir, folder);
  if (dir === undefined) return files.map(() => 'gone');
  let entries;
  try {
    entries = await fs.readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
  } catch {
    return files.map(() => 'gone');
  }
  // A folder below the evidence folder may be a link leading outside (see linkVerdict): one realpath per folder.
  const regular = check.rootInside && (folder === '' || (await folderInside(dir, check))) ? 'ok' : 'outside';
  // Names read as bytes: one that is not UTF-8 keeps the form the listing gave it (decodePath).
  const byName = new Map(entries.map((e) => [toNfc(decodePath(e.name)), e]));
  const verdicts: LinkVerdict[] = [];
  for (let i = 0; i < files.length; i++) {
    const entry = byName.get(files[i].slice(folder === '' ? 0 : folder.length + 1));
    if (!entry) verdicts.push('gone');
    else if (entry.isFile()) verdicts.push(regular);
    else if (entry.isSymbolicLink()) verdicts.push(await linkVerdict(files[i], check));
    else verdicts.push('gone');
  }
  return verdicts;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Prepared once per check: where the workspace really is, and whether the evidence folder stays in it. */
export type PreparedCheck = LinkCheckOptions & { rootInside: boolean; realWorkspace: string };

export async function prepareLinkCheck(options: LinkCheckOptions): Promise<PreparedCheck> {
  const realWorkspace = (await realpathOrUndefined(options.workspaceDir)) ?? path.resolve(options.workspaceDir);
  const realRoot = await realpathOrUndefined(options.evidenceDir);
  return { ...options, realWorkspace, rootInside: realRoot === undefined || isInside(realRoot, realWorkspace) };
}

export interface OutsideLink {
  /** Relative to the evidence folder. */
  path: string;
  /** Leads outside the workspace (RE205), or to nothing (RE207). */
  kind: 'outside' | 'broken';
  /** The requirements that matched it, where the warning is shown. */
  requirements: Requirement[];
}

/**
 * Removes from the match state every matched file that is a link leading outside the workspace or to nothing, in
 * place. Returns those links, for RE205 and RE207.
 */
export async function dropOutsideLinks(state: MatchState, options: LinkCheckOptions): Promise<OutsideLink[]> {
  const check = options.verdict ? { ...options, rootInside: true, realWorkspace: options.workspaceDir } : await prepareLinkCheck(options);
  // Git vouches for the other files being regular files, unless the evidence folder itself leads outside.
  const only = check.rootInside ? options.unverified : undefined;
  // Nothing to verify (a history's incremental point): no walk over every matched path.
  if (only && only.size === 0) return [];
  const matched = new Set<string>();
  for (const files of state.matches.values()) for (const p of files.keys()) if (!only || only.has(p)) matched.add(p);
  if (matched.size === 0) return [];
  const byFolder = new Map<string, string[]>();
  for (const p of matched) {
    const slash = p.lastIndexOf('/');
    const folder = slash < 0 ? '' : p.slice(0, slash);
    const list = byFolder.get(folder);
    if (list) list.push(p);
    else byFolder.set(folder, [p]);
  }
  const verdictOf = new Map<string, LinkVerdict>();
  await mapLimited([...byFolder], 32, async ([folder, files]) => {
    const verdicts = options.verdict ? await Promise.all(files.map(options.verdict)) : await folderVerdicts(folder, files, check);
    files.forEach((f, i) => verdictOf.set(f, verdicts[i]));
  });
  const paths = [...matched];
  const verdicts = paths.map((p) => verdictOf.get(p) ?? 'gone');
  const byKey = new Map(state.requirements.map((r) => [r.key, r.requirement]));
  const outside: OutsideLink[] = [];
  paths.forEach((p, i) => {
    const verdict = verdicts[i];
    if (verdict === 'ok') return;
    const keys = removeFile(state, p);
    if (verdict !== 'gone') outside.push({ path: p, kind: verdict, requirements: keys.flatMap((k) => byKey.get(k) ?? []) });
  });
  return outside.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** One warning per link that does not count: RE205 when it leads outside the workspace, RE207 when to nothing. */
export function outsideLinkProblems(doc: Pick<CriteriaDoc, 'file' | 'index'>, links: OutsideLink[], locale: Locale): Problem[] {
  return links.map(({ path: p, kind, requirements }) => {
    const shown = doc.index.evidenceRoot === '.' ? p : `${doc.index.evidenceRoot}/${p}`;
    const at = requirements[0];
    const range = at ? (at.fields.path ?? at.range) : EMPTY_RANGE;
    const code = kind === 'broken' ? 'RE207' : 'RE205';
    return { severity: 'warning', code, message: t(locale, code, escapeControls(shown)), file: doc.file, range, data: { path: p } };
  });
}
