// An evidence file that is a symbolic link leading outside the workspace proves nothing about the workspace
// (and could expose any file of the machine): it never counts. Only matched files are checked, and of those
// only the ones Git cannot vouch for (links, untracked, modified), with one directory read per folder.
// The calls are synchronous: Git has just looked at each of these files, so each call is microseconds, and a
// promise per call cost the thread ~30 µs of its own (the second shape's ~1,600 files: the check took 250–300 ms
// of the thread, ~100 now; docs/benchmark.md).
import { readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { decodePath, fsPath } from '../git/pathBytes';
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, Problem, Requirement } from '../model/types';
import { escapeControls } from '../parse/text';
import { EMPTY_RANGE } from '../parse/yamlSource';
import { toNfc } from './listFiles';
import { isMatched, removeFile, type MatchState } from './match';
import { isWithin } from '../fs/paths';
import { lstatOrUndefined, onDisk, onDiskPath } from './onDisk';

export interface LinkCheckOptions {
  /** Absolute evidence folder. */
  evidenceDir: string;
  /** Absolute folder the links must stay in (the criteria file's folder). */
  workspaceDir: string;
  /** The only files that may be links (from Git's file modes); undefined checks every matched file on disk. */
  unverified?: Set<string>;
  /** Judges a file without the disk (a commit's tree: history/); the evidence folder is then taken as inside. */
  verdict?: (relative: string) => Promise<LinkVerdict>;
  /**
   * The matched files' states come from Git's listing of this same load: a file it lists as untracked was found by
   * its walk of the work tree, which never enters a linked folder (it lists the link itself), so no folder on that
   * file's way is a link and only the file itself is looked at (as committed files are not looked at at all).
   */
  gitWalked?: boolean;
}

/** ok: counts; outside: leads out of the workspace (RE205); broken: a link to nothing inside it, or a loop (RE207); gone: no file. */
export type LinkVerdict = 'ok' | 'outside' | 'broken' | 'gone';

function realpathOrUndefined(p: string): string | undefined {
  try {
    return decodePath(realpathSync.native(fsPath(p), { encoding: 'buffer' }));
  } catch {
    return undefined;
  }
}

/**
 * Whether the real folder `dir` (reached maybe through linked folders) is inside the workspace; once per folder and
 * check. A folder that is no link, in a folder that is really itself below the evidence folder, is itself too: one
 * lstat then, where a realpath looks at each segment of the path. Below a link, the realpath decides.
 */
function folderInside(dir: string, options: PreparedCheck): boolean {
  return folderState(dir, options) !== 'outside';
}

/** 'plain': the evidence folder, or a folder below it with no link on the way (inside when the evidence folder is). */
function folderState(dir: string, options: PreparedCheck): 'plain' | 'inside' | 'outside' {
  let state = options.folders.get(dir);
  if (state !== undefined) return state;
  // Below the evidence folder (its parent is the evidence folder or below it, so the walk up ends there). Both paths
  // are normalized (path.join, path.resolve): below is a prefix, without path.relative's resolving.
  // Stryker disable OptionalChaining: the folder was just found on disk (its lstat is undefined only if removed meanwhile)
  if (dir === options.evidenceDir && options.rootInside) state = 'plain';
  else if (dir.startsWith(options.evidencePrefix) && lstatOrUndefined(dir)?.isDirectory() && folderState(path.dirname(dir), options) === 'plain') state = 'plain';
  else {
    const real = realpathOrUndefined(dir);
    state = real !== undefined && isWithin(real, options.realWorkspace) ? 'inside' : 'outside';
  }
  // Stryker restore OptionalChaining
  options.folders.set(dir, state);
  return state;
}

/**
 * Whether the evidence file at `relative` (under evidenceDir) may count: a regular file, or a link whose
 * final target is a regular file inside the workspace. `rootInside` is the precomputed check of evidenceDir.
 */
export function linkVerdict(relative: string, options: PreparedCheck): LinkVerdict {
  return verdictOnDisk(relative, options);
}

function verdictOnDisk(relative: string, options: PreparedCheck): LinkVerdict {
  const found = onDisk(options.evidenceDir, relative);
  if (found === undefined) return 'gone';
  const full = found.full;
  const stat = found.stat ?? lstatOrUndefined(full);
  if (!stat) return 'gone';
  if (!stat.isSymbolicLink()) {
    // A tracked file replaced by a folder is listed by Git as changed: not a file, it counts for nothing.
    if (!stat.isFile()) return 'gone';
    if (!options.rootInside) return 'outside';
    // A folder on the way may be a link: Git lists a tracked file whose folder was replaced by a link as changed
    // (a file Git's walk found has none: see LinkCheckOptions.gitWalked).
    return relative.includes('/') && !options.walked?.has(relative) && !folderInside(path.dirname(full), options) ? 'outside' : 'ok';
  }
  const target = realpathOrUndefined(full);
  // No final target (it does not exist, or the links loop): "to nothing", unless its own target lies outside.
  if (target === undefined) return danglingLeadsOut(full, options) ? 'outside' : 'broken';
  if (!isWithin(target, options.realWorkspace)) return 'outside';
  try {
    // Stryker disable next-line OptionalChaining,ObjectLiteral,BooleanLiteral: the realpath just found the target; a throw lands in the catch, which answers the same
    return statSync(fsPath(target), { throwIfNoEntry: false })?.isFile() ? 'ok' : 'gone';
  } catch {
    return 'gone';
  }
}

/**
 * Whether a link with no final target points outside the workspace in its own first step (its text, from its real
 * folder), as the status at a revision judges it (RevisionTree.linkStep): a dangling link out is still "outside".
 */
function danglingLeadsOut(link: string, options: PreparedCheck): boolean {
  try {
    const text = decodePath(readlinkSync(fsPath(link), { encoding: 'buffer' }));
    const from = realpathOrUndefined(path.dirname(link)) ?? path.dirname(link);
    return !isWithin(path.resolve(from, text), options.realWorkspace);
  } catch {
    return false;
  }
}

/**
 * Verdicts for files of one folder: one `lstat` each for a few files, else a single directory read; only links
 * cost more (a realpath each), and the folder's own check (folderInside) is made once per check.
 */
function folderVerdicts(folder: string, files: string[], check: PreparedCheck): LinkVerdict[] {
  // Two lstat calls cost less than listing a folder of a dozen scans (the usual case: one new file in a folder).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: only the cost differs; both ways judge each file alike
  if (files.length <= 2) return files.map((f) => verdictOnDisk(f, check));
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; onDiskPath finds the evidence folder itself (one lstat more)
  const dir = folder === '' ? check.evidenceDir : onDiskPath(check.evidenceDir, folder);
  if (dir === undefined) return files.map(() => 'gone');
  let entries;
  try {
    entries = readdirSync(fsPath(dir), { withFileTypes: true, encoding: 'buffer' });
  } catch {
    return files.map(() => 'gone');
  }
  // A folder below the evidence folder may be a link leading outside (see linkVerdict): judged once (folderInside; the
  // evidence folder itself is 'plain' there when it stays inside).
  const regular = check.rootInside && (files.every((f) => check.walked?.has(f)) || folderInside(dir, check)) ? 'ok' : 'outside';
  // Names read as bytes: one that is not UTF-8 keeps the form the listing gave it (decodePath).
  const byName = new Map(entries.map((e) => [toNfc(decodePath(e.name)), e]));
  const verdicts: LinkVerdict[] = [];
  for (let i = 0; i < files.length; i++) {
    const entry = byName.get(files[i].slice(folder === '' ? 0 : folder.length + 1));
    if (!entry) verdicts.push('gone');
    else if (entry.isFile()) verdicts.push(regular);
    else {
      // Stryker disable next-line ConditionalExpression: for what is neither file nor link verdictOnDisk answers 'gone' too (true); a link taken as 'gone' (false) fails the tests of links among many files
      if (entry.isSymbolicLink()) verdicts.push(verdictOnDisk(files[i], check));
      else verdicts.push('gone');
    }
  }
  return verdicts;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function mapLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Files looked at on disk between two turns of the event loop: the editor's host stays responsive. */
const FILES_PER_TURN = 256;

/**
 * Prepared once per check: where the workspace really is, whether the evidence folder stays in it, and the
 * folders already judged (folderInside).
 */
export type PreparedCheck = LinkCheckOptions & { rootInside: boolean; realWorkspace: string; folders: Map<string, 'plain' | 'inside' | 'outside'>; evidencePrefix: string; walked?: ReadonlySet<string> };

export function prepareLinkCheck(options: LinkCheckOptions): PreparedCheck {
  const realWorkspace = realpathOrUndefined(options.workspaceDir) ?? path.resolve(options.workspaceDir);
  const realRoot = realpathOrUndefined(options.evidenceDir);
  // evidencePrefix: made once, not once per folder looked at (folderState).
  return { ...options, realWorkspace, rootInside: realRoot === undefined || isWithin(realRoot, realWorkspace), folders: new Map(), evidencePrefix: options.evidenceDir + path.sep };
}

/** A matched evidence file that is a link and does not count. */
export interface UncountedLink {
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
export async function dropUncountedLinks(state: MatchState, options: LinkCheckOptions): Promise<UncountedLink[]> {
  const verdict = options.verdict;
  // On disk, a prepared check; a commit's tree judges each file itself (verdict), its evidence folder taken as inside.
  const check = verdict ? undefined : prepareLinkCheck(options);
  // Git vouches for the other files being regular files, unless the evidence folder itself leads outside.
  const only = !check || check.rootInside ? options.unverified : undefined;
  // Nothing to verify (a history's incremental point): no walk over every matched path.
  if (only && only.size === 0) return [];
  const matched = new Set<string>();
  // The fewer of the two: the few files Git cannot vouch for, each looked up among its folder's requirements.
  if (only) for (const p of only) if (isMatched(state, p)) matched.add(p);
  if (!only) for (const files of state.matches.values()) for (const p of files.keys()) matched.add(p);
  if (matched.size === 0) return [];
  // Stryker disable next-line OptionalChaining: a matched path is always among the state's files.
  if (check && options.gitWalked) check.walked = new Set([...matched].filter((p) => state.files.get(p)?.git === 'untracked'));
  const byFolder = new Map<string, string[]>();
  for (const p of matched) {
    const slash = p.lastIndexOf('/');
    const folder = slash < 0 ? '' : p.slice(0, slash);
    const list = byFolder.get(folder);
    if (list) list.push(p);
    else byFolder.set(folder, [p]);
  }
  const verdictOf = new Map<string, LinkVerdict>();
  if (verdict) {
    // A commit's tree answers asynchronously (Git reads): many folders in flight.
    await mapLimited([...byFolder.values()], 32, async (files) => {
      const verdicts = await Promise.all(files.map(verdict));
      files.forEach((f, i) => verdictOf.set(f, verdicts[i]));
    });
  } else {
    let sinceTurn = 0;
    for (const [folder, files] of byFolder) {
      folderVerdicts(folder, files, check!).forEach((v, i) => verdictOf.set(files[i], v));
      sinceTurn += files.length;
      if (sinceTurn >= FILES_PER_TURN) {
        sinceTurn = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
  const paths = [...matched];
  const verdicts = paths.map((p) => verdictOf.get(p) ?? 'gone');
  const byKey = new Map(state.requirements.map((r) => [r.key, r.requirement]));
  const uncounted = new Map<string, UncountedLink>();
  paths.forEach((p, i) => {
    const verdict = verdicts[i];
    if (verdict === 'ok') return;
    const keys = removeFile(state, p);
    // Stryker disable next-line ArrayDeclaration: never used; every key removeFile answers is one of state.requirements
    if (verdict !== 'gone') uncounted.set(p, { path: p, kind: verdict, requirements: keys.flatMap((k) => byKey.get(k) ?? []) });
  });
  // Sorted by path: the paths are unique, and the default sort compares them by UTF-16 code units as `<` does.
  return [...uncounted.keys()].sort().map((p) => uncounted.get(p)!);
}

/** One warning per link that does not count: RE205 when it leads outside the workspace, RE207 when to nothing. */
export function uncountedLinkProblems(doc: Pick<CriteriaDoc, 'file' | 'index'>, links: UncountedLink[], locale: Locale): Problem[] {
  return links.map(({ path: p, kind, requirements }) => {
    const shown = doc.index.evidenceRoot === '.' ? p : `${doc.index.evidenceRoot}/${p}`;
    const at = requirements[0];
    const range = at ? (at.fields.path ?? at.range) : EMPTY_RANGE;
    const code = kind === 'broken' ? 'RE207' : 'RE205';
    return { severity: 'warning', code, message: t(locale, code, escapeControls(shown)), file: doc.file, range, data: { path: p } };
  });
}
