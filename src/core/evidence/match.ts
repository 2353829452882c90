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
  test: (path: string) => boolean;
}

/** Stable key of a requirement: `criterion:1.2#0`, `task:NV-01#1`. */
export function requirementKey(owner: OwnerKind, ownerId: string, index: number): string {
  return `${owner}:${ownerId}#${index}`;
}

const NEVER = () => false;

export function compileRequirement(owner: OwnerKind, ownerId: string, requirement: Requirement): CompiledRequirement {
  const key = requirementKey(owner, ownerId, requirement.index);
  if (!requirement.valid) return { key, owner, ownerId, requirement, base: '\uffff', test: NEVER };
  try {
    const glob = requirement.path.replace(/^\.\//, '');
    const scan = picomatch.scan(glob);
    const test = picomatch(glob, { dot: false, strictSlashes: true });
    return { key, owner, ownerId, requirement, base: scan.isGlob ? scan.base : glob, test };
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

export function matchAll(requirements: CompiledRequirement[], files: EvidenceFile[]): MatchState {
  const byPath = new Map<string, EvidenceFile>();
  const matches = new Map<string, Map<string, EvidenceFile>>();
  for (const r of requirements) matches.set(r.key, new Map());
  const index = byBase(requirements);
  // Each file looks up its own folder prefixes ("", "a", "a/b", …, and itself for literal paths): one map
  // lookup per level instead of a sort of every path (100,000 in a province's repository).
  const test = (file: EvidenceFile, base: string) => {
    const candidates = index.get(base);
    if (candidates) for (const r of candidates) if (r.test(file.path)) matches.get(r.key)!.set(file.path, file);
  };
  const rootCandidates = index.get('');
  for (const file of files) {
    byPath.set(file.path, file);
    const p = file.path;
    if (rootCandidates) test(file, '');
    for (let slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) test(file, p.slice(0, slash));
    test(file, p);
  }
  return { requirements, files: byPath, matches };
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
