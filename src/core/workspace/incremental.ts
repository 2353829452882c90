// Incremental updates: a few evidence files changed, so re-match only those and recompute the model.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isIgnoredByGit, type IgnoreContext } from '../evidence/ignoreRules';
import { listFromGit } from '../evidence/listFiles';
import { markLfsPointers } from '../evidence/lfsFiles';
import { compileRequirements, matchAll, removeFile, upsertFile } from '../evidence/match';
import { linkVerdict, prepareLinkCheck } from '../evidence/symlinks';
import type { Locale } from '../i18n/messages';
import { parseCriteria } from '../parse/parseCriteria';
import { extendsTarget, mergeExtends } from '../parse/extends';
import type { CriteriaDoc, EvidenceFile, StatusModel } from '../model/types';
import { computeStatus } from '../status/computeStatus';
import type { LoadedWorkspace } from './loadWorkspace';
import { computeMeasures } from '../measure/compute';
import { leadsOut } from '../fs/paths';

export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChange {
  /** Absolute path of the file that changed. */
  file: string;
  kind: FileChangeKind;
}

/** The path of `file` relative to the evidence folder (posix, as on disk), or undefined when outside it. */
export function evidenceRelative(loaded: Pick<LoadedWorkspace, 'doc'>, file: string): string | undefined {
  const root = path.resolve(loaded.doc.baseDir, loaded.doc.index.evidenceRoot);
  const relative = path.relative(root, path.resolve(file));
  if (!relative || leadsOut(relative)) return undefined;
  const posix = relative.split(path.sep).join('/');
  return posix.split('/').some((segment) => segment === '.git') ? undefined : posix;
}

async function isRegularFile(file: string): Promise<boolean> {
  try {
    return (await fs.lstat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Applies file events to a loaded workspace in place and recomputes its model.
 * Only the changed paths are asked of Git (or of the file system), and only they are re-matched.
 * Returns the requirement keys whose files changed (empty: nothing the model depends on changed).
 */
export async function applyEvidenceChanges(loaded: LoadedWorkspace, changes: FileChange[], asOf: string): Promise<string[]> {
  const relevant = new Map<string, FileChange>();
  for (const change of changes) {
    const relative = evidenceRelative(loaded, change.file);
    if (relative !== undefined) relevant.set(relative, change);
  }
  if (relevant.size === 0) return [];
  await expandFolders(loaded, relevant);
  const affected = new Set<string>();
  const present = new Map<string, EvidenceFile>();
  const probe = [...relevant].filter(([, c]) => c.kind !== 'deleted').map(([relative]) => relative);
  if (probe.length > 0) {
    // A created file Git has never seen is untracked unless ignored: decided in process, Git asked for the rest.
    const placed = loaded.git && loaded.ignore ? await placeWithoutGit(loaded, loaded.ignore, probe.filter((r) => relevant.get(r)?.kind === 'created')) : new Map<string, EvidenceFile | null>();
    const rest = probe.filter((relative) => !placed.has(relative));
    const fromGit = loaded.git ? (rest.length > 0 ? await listFromGit(loaded.git, loaded.doc.index.evidenceRoot, rest) : []) : undefined;
    if (fromGit) {
      const found = [...fromGit, ...[...placed.values()].filter((f): f is EvidenceFile => f !== null)];
      // Git lists links as files: one leading outside the workspace must not count (symlinks.ts).
      const check = prepareLinkCheck({ evidenceDir: path.resolve(loaded.doc.baseDir, loaded.doc.index.evidenceRoot), workspaceDir: loaded.doc.baseDir });
      for (const f of found) if (linkVerdict(f.path, check) === 'ok') present.set(f.path, f);
    } else {
      for (const relative of probe) {
        if (await isRegularFile(path.join(loaded.doc.baseDir, loaded.doc.index.evidenceRoot, relative))) present.set(relative.normalize('NFC'), { path: relative.normalize('NFC'), git: 'none' });
      }
    }
  }
  if (loaded.lfs) await markLfsPointers(path.resolve(loaded.doc.baseDir, loaded.doc.index.evidenceRoot), present.values());
  for (const relative of relevant.keys()) {
    const key = relative.normalize('NFC');
    const before = loaded.matches.files.get(key);
    for (const k of removeFile(loaded.matches, key)) affected.add(k);
    const file = present.get(key);
    // A tracked file that left the work tree stays in the index: if it comes back, only Git can tell its state.
    if (!file && (before?.git === 'committed' || before?.git === 'modified')) loaded.ignore?.absentTracked.add(key);
    if (file) loaded.ignore?.absentTracked.delete(key);
    if (file) for (const k of upsertFile(loaded.matches, file)) affected.add(k);
  }
  // A data file changed, came or went: its measure is read again (only changed files are re-read).
  const dataKeys = new Set(loaded.doc.areas.length > 0 ? measuredDataKeys(loaded) : []);
  if ([...affected].some((k) => dataKeys.has(k)) || [...relevant.keys()].some((r) => dataKeys.has(`data:${r.normalize('NFC')}`))) await refreshMeasures(loaded, asOf);
  loaded.model = recompute(loaded, asOf);
  return [...affected];
}

/** Requirement keys of the data files, and `data:PATH` of each data file. */
function measuredDataKeys(loaded: Pick<LoadedWorkspace, 'doc'>): string[] {
  const keys: string[] = [];
  for (const node of loaded.doc.byId.values()) {
    const r = node.measure && node.children.length === 0 ? node.evidence.find((e) => e.data) : undefined;
    if (r) keys.push(`criterion:${node.id}#${r.index}`, `data:${r.path}`);
  }
  return keys;
}

/**
 * Reads the measures again (a data file changed, or the criteria file's measures did) and recomputes the model.
 * Files whose size and time did not change are not read again.
 */
export async function refreshMeasures(loaded: LoadedWorkspace, asOf: string): Promise<void> {
  const previous = new Set(loaded.measures?.problems ?? []);
  loaded.tables ??= new Map();
  loaded.measures = await computeMeasures(loaded.doc, loaded.matches, { asOf, locale: loaded.locale, cache: loaded.tables });
  loaded.doc.problems = [...loaded.doc.problems.filter((p) => !previous.has(p)), ...loaded.measures.problems];
  loaded.model = recompute(loaded, asOf);
}

/**
 * A folder moved or copied in arrives as one event for the folder: stand in an event for each file inside it.
 * A folder that went away takes every known file below it.
 */
async function expandFolders(loaded: LoadedWorkspace, relevant: Map<string, FileChange>): Promise<void> {
  const evidenceDir = path.resolve(loaded.doc.baseDir, loaded.doc.index.evidenceRoot);
  for (const [relative, change] of [...relevant]) {
    if (change.kind === 'deleted') {
      const key = relative.normalize('NFC');
      if (loaded.matches.files.has(key)) continue;
      const below = key + '/';
      for (const known of loaded.matches.files.keys()) {
        if (known.startsWith(below) && !relevant.has(known)) relevant.set(known, { file: path.join(evidenceDir, known), kind: 'deleted' });
      }
      continue;
    }
    const stat = await fs.lstat(change.file).catch(() => undefined);
    if (!stat?.isDirectory()) continue;
    relevant.delete(relative);
    const entries = await fs.readdir(change.file, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const file = path.join(entry.parentPath, entry.name);
      const inside = evidenceRelative(loaded, file);
      if (inside !== undefined) relevant.set(inside, { file, kind: 'created' });
    }
  }
}

/**
 * Created files that neither the listing nor the index knows: untracked, or absent (null) when Git ignores them
 * or they are gone again. Paths left out (already known, tracked, or a rule we cannot read) are for Git to answer.
 */
async function placeWithoutGit(loaded: LoadedWorkspace, context: IgnoreContext, created: string[]): Promise<Map<string, EvidenceFile | null>> {
  const placed = new Map<string, EvidenceFile | null>();
  if (context.ignoreCase) return placed;
  const root = loaded.doc.index.evidenceRoot === '.' ? '' : loaded.doc.index.evidenceRoot;
  for (const relative of created) {
    const key = relative.normalize('NFC');
    if (loaded.matches.files.has(key) || context.absentTracked.has(key)) continue;
    try {
      const ignored = await isIgnoredByGit(context, [context.prefix, root, relative].filter(Boolean).join('/'));
      const exists = !ignored && (await isFileOrLink(path.join(loaded.doc.baseDir, loaded.doc.index.evidenceRoot, relative)));
      placed.set(relative, exists ? { path: key, git: 'untracked' } : null);
    } catch {
      // Unreadable or unusual ignore rules: Git decides.
    }
  }
  return placed;
}

async function isFileOrLink(file: string): Promise<boolean> {
  try {
    const stat = await fs.lstat(file);
    return stat.isFile() || stat.isSymbolicLink();
  } catch {
    return false;
  }
}

/** The model again from the current matches: no file access, cheap even for a thousand criteria. */
export function recompute(loaded: Pick<LoadedWorkspace, 'doc' | 'matches' | 'model' | 'measures'>, asOf: string): StatusModel {
  return computeStatus(loaded.doc, loaded.matches, { asOf, git: loaded.model.git, measures: loaded.measures?.byId });
}

/** Problems that mean the file could not be read as YAML at all. */
const UNREADABLE = new Set(['RE001', 'RE004', 'RE005', 'RE006', 'RE007']);

/** A parse that lost the whole tree to a syntax error: the views keep showing the last good one instead. */
export function isUnreadable(doc: CriteriaDoc): boolean {
  return doc.areas.length === 0 && doc.problems.some((p) => p.severity === 'error' && UNREADABLE.has(p.code));
}

export type Reparse =
  /** Unreadable while a tree is shown: take only the new doc (its problems), keep matches and model. */
  | { kind: 'unreadable'; doc: CriteriaDoc }
  /** The evidence folder changed: the files must be listed again (loadWorkspace). */
  | { kind: 'relist' }
  /** The new doc, its matches among the files already known, and its model. */
  | { kind: 'parsed'; loaded: LoadedWorkspace };

export interface ReparseOptions {
  asOf: string;
  locale?: Locale;
  /** The doc the shown tree came from, when it is not `loaded.doc` (the file is unreadable now). */
  lastGood?: CriteriaDoc;
}

/**
 * The criteria file's text changed (typed in an editor): parse it again and re-match the files already known,
 * without file access. `loaded` is not changed.
 */
export function reparseCriteria(loaded: LoadedWorkspace, text: string, options: ReparseOptions): Reparse {
  // The fast reading gives `yaml`'s node ranges (fastCompose.ts): the editor's features read them.
  const parsed = parseCriteria(text, loaded.doc.file, { locale: options.locale, fast: true });
  if (isUnreadable(parsed) && loaded.model.areas.length > 0) return { kind: 'unreadable', doc: parsed };
  const previous = options.lastGood ?? loaded.doc;
  // A ward on the city's index: merged with the index file already read; another index file is read by a reload.
  const base = previous.base;
  const target = parsed.extends ? extendsTarget(parsed, options.locale) : undefined;
  if (target && !('file' in target && base?.file === target.file)) return { kind: 'relist' };
  const doc = parsed.extends ? mergeExtends(parsed, base!, options.locale) : parsed;
  if (doc.index.evidenceRoot !== previous.index.evidenceRoot || doc.baseDir !== previous.baseDir) return { kind: 'relist' };
  // The data files' problems stay until refreshMeasures reads them again (the caller runs it when measures changed).
  doc.problems.push(...(loaded.measures?.problems ?? []));
  const matches = matchAll(compileRequirements(doc), [...loaded.matches.files.values()]);
  const next: LoadedWorkspace = { ...loaded, doc, matches };
  next.model = recompute(next, options.asOf);
  return { kind: 'parsed', loaded: next };
}
