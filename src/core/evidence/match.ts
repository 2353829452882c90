// Which evidence files satisfy which requirement. Files are kept sorted so that each glob only
// tests the files under its static folder prefix, and one changed file is re-matched on its own.
import picomatch from 'picomatch';
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
  test: (path: string) => boolean;
}

/** Stable key of a requirement: `criterion:1.2#0`, `task:NV-01#1`. */
export function requirementKey(owner: OwnerKind, ownerId: string, index: number): string {
  return `${owner}:${ownerId}#${index}`;
}

const NEVER = () => false;

const GLOB_OPTIONS = { dot: false, strictSlashes: true } as const;

/**
 * What picomatch's matcher does for these options (an exact path equal to the glob matches; otherwise the
 * regular expression), with the expression built on the first test: a province's 2,000 globs cost 0.2 s to
 * compile up front, and a requirement whose folder holds no file never needs its expression.
 */
function globTest(glob: string): (path: string) => boolean {
  let re: RegExp | undefined;
  return (p) => {
    if (p === '') return false;
    if (p === glob) return true;
    if (!re) {
      try {
        re = picomatch.makeRe(glob, GLOB_OPTIONS);
      } catch {
        re = /(?!)/;
      }
    }
    return re.test(p);
  };
}

export function compileRequirement(owner: OwnerKind, ownerId: string, requirement: Requirement): CompiledRequirement {
  const key = requirementKey(owner, ownerId, requirement.index);
  if (!requirement.valid) return { key, owner, ownerId, requirement, base: '\uffff', test: NEVER };
  try {
    const glob = requirement.path.replace(/^\.\//, '');
    const scan = picomatch.scan(glob);
    return { key, owner, ownerId, requirement, base: scan.isGlob ? scan.base : glob, literal: !scan.isGlob, test: globTest(glob) };
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

/** Requirements by their static folder prefix: a path only meets those filed under one of its ancestors. */
function byBase(requirements: CompiledRequirement[]): Map<string, CompiledRequirement[]> {
  const index = new Map<string, CompiledRequirement[]>();
  for (const r of requirements) {
    const list = index.get(r.base);
    if (list) list.push(r);
    else index.set(r.base, [r]);
  }
  return index;
}

/** Matches files one at a time, as a listing arrives; `state` holds the result so far. */
export interface Matcher {
  state: MatchState;
  add(file: EvidenceFile): void;
  remove(path: string): void;
}

export function startMatching(requirements: CompiledRequirement[]): Matcher {
  const state: MatchState = { requirements, files: new Map(), matches: new Map() };
  for (const r of requirements) state.matches.set(r.key, new Map());
  const index = byBase(requirements);
  // The requirements a file of folder `dir` may meet: those filed under the folder or one of its ancestors.
  // Found once per folder (a province has 100,000 files in some 14,000 folders, listed folder by folder).
  const candidatesOf = (dir: string): CompiledRequirement[] => {
    const found: CompiledRequirement[] = [...(index.get('') ?? [])];
    if (dir === '') return found;
    for (let slash = dir.indexOf('/'); ; slash = dir.indexOf('/', slash + 1)) {
      const ancestor = slash < 0 ? dir : dir.slice(0, slash);
      const filed = index.get(ancestor);
      if (filed) found.push(...filed);
      if (slash < 0) return found;
    }
  };
  // Requirements naming one file exactly (no glob): looked up by the whole path, only when there are some.
  const exact = new Map<string, CompiledRequirement[]>();
  for (const r of requirements) if (r.literal) exact.set(r.base, [...(exact.get(r.base) ?? []), r]);
  const byFolder = new Map<string, CompiledRequirement[]>();
  let lastDir: string | undefined;
  let candidates: CompiledRequirement[] = [];
  return {
    state,
    add(file) {
      const p = file.path;
      state.files.set(p, file);
      const dir = p.slice(0, Math.max(0, p.lastIndexOf('/')));
      if (dir !== lastDir) {
        let known = byFolder.get(dir);
        if (!known) byFolder.set(dir, (known = candidatesOf(dir)));
        candidates = known;
        lastDir = dir;
      }
      for (const r of candidates) if (r.test(p)) state.matches.get(r.key)!.set(p, file);
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

/** The files matched by a requirement, sorted by path (a new array each call). */
export function filesOf(state: MatchState, key: string): EvidenceFile[] {
  const files = state.matches.get(key);
  if (!files) return [];
  let cached = sortedCache.get(files);
  // The size check also catches a map changed by code other than upsertFile/removeFile.
  if (!cached || cached.size !== files.size) {
    cached = { size: files.size, sorted: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
    sortedCache.set(files, cached);
  }
  return cached.sorted.slice();
}
