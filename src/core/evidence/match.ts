// Which evidence files satisfy which requirement. Files are kept sorted so that each glob only
// tests the files under its static folder prefix, and one changed file is re-matched on its own.
import type picomatchType from 'picomatch';
import { globTest as compileGlob, picomatch, REQUIREMENT_GLOB_OPTIONS } from '../glob/glob';
import type { CriteriaDoc, EvidenceFile, Requirement } from '../model/types';

export type OwnerKind = 'criterion' | 'task';

export interface CompiledRequirement {
  key: string;
  owner: OwnerKind;
  ownerId: string;
  requirement: Requirement;
  /** Static folder part of the glob: only paths starting with it can match. */
  base: string;
  /** The path names one file (no glob): `base` is that path. */
  literal?: boolean;
  /**
   * For `base/NAME` (`here`) and `base/<globstar>/NAME` (`below`), NAME without a slash: the test of a file's name
   * alone, once its folder is known to qualify. Shorter to run than the whole path's expression.
   */
  name?: { where: 'here' | 'below'; test: (name: string) => boolean };
  test: (path: string) => boolean;
}

/** Stable key of a requirement: `criterion:1.2#0`, `task:NV-01#1`. */
export function requirementKey(owner: OwnerKind, ownerId: string, index: number): string {
  return `${owner}:${ownerId}#${index}`;
}

const NEVER = () => false;

/** picomatch's answer for these options, in time linear in the path whatever the glob (see core/glob). */
const globTest = (glob: string) => compileGlob(glob, REQUIREMENT_GLOB_OPTIONS);

/** The name part of `base/NAME` or `base/<globstar>/NAME`, tested on its own (see CompiledRequirement.name). */
function nameOnly(glob: string, scan: ReturnType<typeof picomatchType.scan>): CompiledRequirement['name'] {
  if (scan.negated || glob.startsWith('!')) return undefined;
  const rest = scan.base === '' ? glob : glob.startsWith(scan.base + '/') ? glob.slice(scan.base.length + 1) : undefined;
  if (rest === undefined) return undefined;
  const below = rest.startsWith('**/');
  const name = below ? rest.slice(3) : rest;
  if (name === '' || name.includes('/') || name.includes('**')) return undefined;
  return { where: below ? 'below' : 'here', test: globTest(name) };
}

export function compileRequirement(owner: OwnerKind, ownerId: string, requirement: Requirement): CompiledRequirement {
  const key = requirementKey(owner, ownerId, requirement.index);
  if (!requirement.valid) return { key, owner, ownerId, requirement, base: '\uffff', test: NEVER };
  try {
    const glob = requirement.path.replace(/^\.\//, '');
    // A data file names one file: "[", "(" or "*" in its name are characters, not a pattern.
    if (requirement.data) return { key, owner, ownerId, requirement, base: glob, literal: true, test: (p) => p === glob };
    const scan = picomatch().scan(glob);
    if (!scan.isGlob) return { key, owner, ownerId, requirement, base: glob, literal: true, test: globTest(glob) };
    return { key, owner, ownerId, requirement, base: scan.base, name: nameOnly(glob, scan), test: globTest(glob) };
  } catch {
    return { key, owner, ownerId, requirement, base: '\uffff', test: NEVER };
  }
}

/** Every requirement of every leaf criterion and task of the file. */
export function compileRequirements(doc: CriteriaDoc): CompiledRequirement[] {
  const compiled: CompiledRequirement[] = [];
  for (const node of doc.byId.values()) {
    if (node.children.length === 0) for (const r of node.evidence) compiled.push(compileRequirement('criterion', node.id, r));
  }
  for (const task of doc.tasks) for (const r of task.evidence) compiled.push(compileRequirement('task', task.id, r));
  return compiled;
}

/** Every known evidence file, and requirement key → matched files. Plain data, updated in place on file events. */
export interface MatchState {
  requirements: CompiledRequirement[];
  files: Map<string, EvidenceFile>;
  matches: Map<string, Map<string, EvidenceFile>>;
}

const baseIndexes = new WeakMap<CompiledRequirement[], Map<string, CompiledRequirement[]>>();

/**
 * Requirements by their static folder prefix (for a literal path, the path itself), in document order: a path
 * only meets those filed under one of its prefixes. Built once per requirement list.
 */
export function requirementsByBase(requirements: CompiledRequirement[]): Map<string, CompiledRequirement[]> {
  let index = baseIndexes.get(requirements);
  if (!index) {
    index = new Map();
    for (const r of requirements) {
      const list = index.get(r.base);
      if (list) list.push(r);
      else index.set(r.base, [r]);
    }
    baseIndexes.set(requirements, index);
  }
  return index;
}

/** "", then each folder prefix of `p` ("a", "a/b", …), then `p` itself; just "" for "". */
export function pathPrefixes(p: string): string[] {
  const prefixes = [''];
  if (p === '') return prefixes;
  for (let slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) prefixes.push(p.slice(0, slash));
  prefixes.push(p);
  return prefixes;
}

/** A requirement a file of some folder may meet, with the test to run: on the file's name when the folder alone qualifies it. */
type Candidate = { r: CompiledRequirement; test: (s: string) => boolean; onName: boolean };

const folderIndexes = new WeakMap<CompiledRequirement[], { candidatesIn: (dir: string) => Candidate[]; exact: Map<string, CompiledRequirement[]> }>();

/**
 * Per folder, the candidate requirements of its files (found once per folder, kept with the requirement list).
 * A folder's list is its parent's `below` list (what reaches into subfolders) plus the requirements filed at the
 * folder itself: one step per folder, not a walk of its prefixes (a province lists some 14,000 folders).
 */
function folderCandidates(requirements: CompiledRequirement[]): { candidatesIn: (dir: string) => Candidate[]; exact: Map<string, CompiledRequirement[]> } {
  let found = folderIndexes.get(requirements);
  if (found) return found;
  const index = requirementsByBase(requirements);
  // Requirements naming one file exactly (no glob): looked up by the whole path, only when there are some.
  const exact = new Map<string, CompiledRequirement[]>();
  for (const r of requirements) if (r.literal) exact.set(r.base, [...(exact.get(r.base) ?? []), r]);
  // What a folder passes to its subfolders: whole-path tests filed at it or above, and `base/<globstar>/NAME` name
  // tests not yet across a folder whose name starts with a dot (`**` crosses none: dot: false).
  const belowOf = new Map<string, Candidate[]>();
  const byFolder = new Map<string, Candidate[]>();
  const own = (dir: string): CompiledRequirement[] => index.get(dir) ?? [];
  /** The candidates `dir` receives from its ancestors (its parent's below list, seen through dir's own name). */
  const inherited = (dir: string): Candidate[] => {
    if (dir === '') return [];
    const slash = dir.lastIndexOf('/');
    const fromParent = below(slash < 0 ? '' : dir.slice(0, slash));
    if (fromParent.length === 0 || dir.charCodeAt(slash + 1) !== 0x2e) return fromParent;
    return fromParent.filter((c) => !c.onName);
  };
  const below = (dir: string): Candidate[] => {
    const known = belowOf.get(dir);
    if (known) return known;
    const mine = own(dir);
    // Shared with the parent when the folder adds nothing (most folders).
    let list = inherited(dir);
    if (mine.length > 0) {
      list = list.slice();
      for (const r of mine) {
        if (!r.name) list.push({ r, test: r.test, onName: false });
        else if (r.name.where === 'below') list.push({ r, test: r.name.test, onName: true });
      }
    }
    belowOf.set(dir, list);
    return list;
  };
  const candidatesIn = (dir: string): Candidate[] => {
    const known = byFolder.get(dir);
    if (known) return known;
    const mine = own(dir);
    let list = inherited(dir);
    if (mine.length > 0) list = [...list, ...mine.map((r): Candidate => (r.name ? { r, test: r.name.test, onName: true } : { r, test: r.test, onName: false }))];
    byFolder.set(dir, list);
    return list;
  };
  found = { candidatesIn, exact };
  folderIndexes.set(requirements, found);
  return found;
}

/**
 * Calls `visit` with the key of each requirement whose glob meets `p`: its folder's candidates, then those naming
 * `p` exactly. The listing's matcher (startMatching) does the same with a cache of the last folder.
 */
function forEachMeeting(requirements: CompiledRequirement[], p: string, visit: (key: string) => void): void {
  const { candidatesIn, exact } = folderCandidates(requirements);
  const slash = p.lastIndexOf('/');
  const name = p.slice(slash + 1);
  // Stryker disable next-line EqualityOperator: a listed path never starts with a slash.
  for (const c of candidatesIn(slash < 0 ? '' : p.slice(0, slash))) if (c.test(c.onName ? name : p)) visit(c.r.key);
  // Stryker disable next-line ConditionalExpression: a requirement filed under the exact path names that path.
  for (const r of exact.get(p) ?? []) if (r.test(p)) visit(r.key);
}

/** Whether a requirement of `state` counts `p` among its matches (only one whose glob meets `p` can). */
export function isMatched(state: MatchState, p: string): boolean {
  let matched = false;
  // Stryker disable next-line OptionalChaining: startMatching gives every requirement its map.
  forEachMeeting(state.requirements, p, (key) => (matched ||= state.matches.get(key)?.has(p) === true));
  return matched;
}

/** Matches files one at a time, as a listing arrives; `state` holds the result so far. */
export interface Matcher {
  state: MatchState;
  add(file: EvidenceFile): void;
  remove(path: string): void;
}

/**
 * `listed`: the map a listing fills with the same files (ListOptions.files), taken as the state's `files`: each
 * added file is already in it.
 */
export function startMatching(requirements: CompiledRequirement[], listed?: Map<string, EvidenceFile>): Matcher {
  const state: MatchState = { requirements, files: listed ?? new Map(), matches: new Map() };
  for (const r of requirements) state.matches.set(r.key, new Map());
  const { candidatesIn, exact } = folderCandidates(requirements);
  let lastDir: string | undefined;
  let candidates: Candidate[] = [];
  return {
    state,
    add(file) {
      const p = file.path;
      // Stryker disable next-line ConditionalExpression: with `listed`, the listing has set this same file at this path.
      if (!listed) state.files.set(p, file);
      const slash = p.lastIndexOf('/');
      // The same folder as the file before (a listing goes folder by folder): known without a slice of the path.
      if (lastDir === undefined || lastDir.length !== (slash < 0 ? 0 : slash) || !p.startsWith(lastDir)) {
        lastDir = slash < 0 ? '' : p.slice(0, slash);
        candidates = candidatesIn(lastDir);
      }
      if (candidates.length > 0) {
        // Only a name test needs the name; a whole-path test takes the path itself.
        let name: string | undefined;
        for (const c of candidates) if (c.test(c.onName ? (name ??= slash < 0 ? p : p.slice(slash + 1)) : p)) state.matches.get(c.r.key)!.set(p, file);
      }
      const named = exact.size > 0 ? exact.get(p) : undefined;
      if (named) for (const r of named) if (r.test(p)) state.matches.get(r.key)!.set(p, file);
    },
    remove(p) {
      removeFile(state, p);
    },
  };
}

export function matchAll(requirements: CompiledRequirement[], files: Iterable<EvidenceFile>): MatchState {
  const matcher = startMatching(requirements);
  for (const file of files) matcher.add(file);
  return matcher.state;
}

/** Adds or updates one file (created, changed, or its Git state moved); returns the keys it matches. */
export function upsertFile(state: MatchState, file: EvidenceFile): string[] {
  state.files.set(file.path, file);
  const keys: string[] = [];
  for (const r of state.requirements) {
    if (file.path.startsWith(r.base) && r.test(file.path)) {
      const files = state.matches.get(r.key);
      if (files) sortedCache.delete(files);
      files?.set(file.path, file);
      keys.push(r.key);
    }
  }
  return keys;
}

/** Removes one file (deleted or renamed away); returns the keys it had matched. */
export function removeFile(state: MatchState, filePath: string): string[] {
  state.files.delete(filePath);
  const keys: string[] = [];
  for (const [key, files] of state.matches) {
    if (files.delete(filePath)) {
      sortedCache.delete(files);
      keys.push(key);
    }
  }
  return keys;
}

/**
 * Sorted files per match map, kept until upsertFile/removeFile touch that map: recomputing the model after one
 * file event then sorts one requirement's files, not all of them (100,000 paths in a province's repository).
 */
const sortedCache = new WeakMap<Map<string, EvidenceFile>, { size: number; sorted: EvidenceFile[] }>();
/** Paths updateFile changed in a match map since its sorted list was made (read back from the map on merge). */
const pending = new WeakMap<Map<string, EvidenceFile>, Set<string>>();

// One ordering comparison: `>` would scan the shared folders of two long paths a second time, and the sort of a
// listing in Git's order calls this with the later path first (`===` on paths of different lengths is one check).
// Stryker disable next-line ConditionalExpression,EqualityOperator: one map's paths differ, so no two are equal
const byPath = (a: EvidenceFile, b: EvidenceFile) => (a.path < b.path ? -1 : a.path === b.path ? 0 : 1);

/** The first index of `sorted` from `lo` on whose path is not before `p`. */
function lowerBound(sorted: EvidenceFile[], p: string, lo: number): number {
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].path < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `sorted` without the `changed` paths, merged with the files the map now holds at those paths. The changed paths
 * are sorted and each found by bisection; the runs between them are copied as they are: a history's week touches
 * some paths of lists of thousands, and comparing long paths that share their folders is what costs.
 */
function mergeChanges(sorted: EvidenceFile[], changed: Set<string>, files: Map<string, EvidenceFile>): EvidenceFile[] {
  // The default sort compares UTF-16 code units, as `<` does.
  const paths = [...changed].sort();
  const out: EvidenceFile[] = [];
  let from = 0;
  for (const p of paths) {
    const at = lowerBound(sorted, p, from);
    for (let i = from; i < at; i++) out.push(sorted[i]);
    from = at < sorted.length && sorted[at].path === p ? at + 1 : at;
    const file = files.get(p);
    if (file) out.push(file);
  }
  for (let i = from; i < sorted.length; i++) out.push(sorted[i]);
  return out;
}

/** The files matched by a requirement, sorted by path (a new array each call). */
export function filesOf(state: MatchState, key: string): EvidenceFile[] {
  const files = state.matches.get(key);
  if (!files) return [];
  let cached = sortedCache.get(files);
  const changed = pending.get(files);
  if (changed) {
    pending.delete(files);
    if (cached) {
      cached = { size: files.size, sorted: mergeChanges(cached.sorted, changed, files) };
      sortedCache.set(files, cached);
    }
  }
  // The size check also catches a map changed by code other than upsertFile/removeFile/updateFile.
  if (!cached || cached.size !== files.size) {
    cached = { size: files.size, sorted: [...files.values()].sort(byPath) };
    sortedCache.set(files, cached);
  }
  return cached.sorted.slice();
}

/**
 * upsertFile (file given) or removeFile (undefined), testing only the requirements the file's folder may meet, as
 * the listing's matcher does: for many updates at once (a history applying a week of changes). The sorted lists of
 * the requirements it touches are brought up to date on their next read, by a merge rather than a new sort.
 */
export function updateFile(state: MatchState, filePath: string, file: EvidenceFile | undefined): void {
  if (file) state.files.set(filePath, file);
  else state.files.delete(filePath);
  forEachMeeting(state.requirements, filePath, (key) => {
    const files = state.matches.get(key);
    if (!files) return;
    if (file) files.set(filePath, file);
    else files.delete(filePath);
    const changed = pending.get(files);
    if (changed) changed.add(filePath);
    else pending.set(files, new Set([filePath]));
  });
}
