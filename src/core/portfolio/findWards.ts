// Finds the wards under a folder: every directory holding a criteria file (usually its own clone).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findCriteriaFiles } from '../workspace/findCriteria';
import { isStrictlyWithin } from '../fs/paths';

/** How deep below the folder a ward may lie (a city's folder of clones, grouped by district: 2). */
export const MAX_WARD_DEPTH = 4;
/** Folders never looked into: Git's own data and installed packages hold no ward. */
const SKIPPED = new Set(['.git', 'node_modules']);

export interface FoundWard {
  /** The ward's folder, absolute. */
  dir: string;
  /** Its criteria file (`criteria.yaml` first, as `status` picks it). */
  criteriaFile: string;
}

/**
 * Every ward under `root`, sorted by folder. A ward's own folder is not descended into (its evidence could
 * hold any YAML), nor are links to folders (no loops), nor folders deeper than `maxDepth`. An unreadable
 * folder below the root is passed over; an unreadable root throws.
 */
export async function findWards(root: string, maxDepth = MAX_WARD_DEPTH): Promise<FoundWard[]> {
  const found: FoundWard[] = [];
  const visit = async (dir: string, depth: number, isRoot: boolean): Promise<void> => {
    let files: string[];
    let entries: import('node:fs').Dirent[];
    try {
      files = await findCriteriaFiles(dir);
      entries = files.length > 0 ? [] : await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isRoot) throw error;
      return;
    }
    if (files.length > 0) {
      found.push({ dir, criteriaFile: files[0] });
      return;
    }
    if (depth >= maxDepth) return;
    const subfolders = entries.filter((e) => e.isDirectory() && !SKIPPED.has(e.name)).map((e) => path.join(dir, e.name));
    await Promise.all(subfolders.map((sub) => visit(sub, depth + 1, false)));
  };
  await visit(path.resolve(root), 0, true);
  return found.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** Runs `task` on each item with at most `limit` running at once; results in the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * The wards among criteria files already found (the editor's loaded files): one per folder (`criteria.yaml`
 * first, then by name, as `status` picks), none inside another ward's folder (as findWards), sorted by folder.
 */
export function wardsOfCriteriaFiles(files: readonly string[]): FoundWard[] {
  const byDir = new Map<string, string>();
  const rank = (f: string) => (/^criteria\.ya?ml$/.test(path.basename(f)) ? `0${path.basename(f)}` : `1${path.basename(f)}`);
  for (const file of files) {
    const dir = path.dirname(path.resolve(file));
    const known = byDir.get(dir);
    if (known === undefined || rank(file) < rank(known)) byDir.set(dir, path.resolve(file));
  }
  const dirs = [...byDir.keys()];
  return dirs
    .filter((dir) => !dirs.some((other) => isStrictlyWithin(dir, other)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((dir) => ({ dir, criteriaFile: byDir.get(dir)! }));
}

/** The deepest folder holding every ward's folder (a ward alone: its parent), for the wards' relative paths. */
export function commonFolder(dirs: readonly string[]): string {
  if (dirs.length === 0) return path.resolve('.');
  if (dirs.length === 1) return path.dirname(path.resolve(dirs[0]));
  let common = path.resolve(dirs[0]);
  for (const dir of dirs.slice(1).map((d) => path.resolve(d))) {
    while (common !== dir && !isStrictlyWithin(dir, common)) {
      const up = path.dirname(common);
      if (up === common) return common;
      common = up;
    }
  }
  // A ward that holds all the others cannot happen (nested ones are dropped); equal folders give their parent.
  return dirs.every((d) => path.resolve(d) === common) ? path.dirname(common) : common;
}
