// Finds the wards under a folder: every directory holding a criteria file (usually its own clone).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findCriteriaFiles } from '../workspace/findCriteria';

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
