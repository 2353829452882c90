// Finds criteria files: `criteria.yaml`, or any YAML file whose first key is `reformEvidence: 1`.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readBounded } from '../fs/readBounded';

export const DEFAULT_CRITERIA_NAMES = ['criteria.yaml', 'criteria.yml'];

/** True when the text's first key (after comments, blank lines and a BOM) is `reformEvidence: 1`. */
export function startsAsCriteriaFile(head: string): boolean {
  for (const raw of head.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line === '---' || line.startsWith('%')) continue;
    return /^["']?reformEvidence["']?\s*:\s*["']?1["']?\s*(#.*)?$/.test(line);
  }
  return false;
}

/** The first `bytes` of a file as UTF-8, without reading the rest. */
export async function readHead(file: string, bytes = 4096): Promise<string> {
  // A FIFO or device named *.yaml is refused (throws) instead of blocking or reading forever.
  return (await readBounded(file, bytes, { head: true })).toString('utf8');
}

export async function isCriteriaFile(file: string): Promise<boolean> {
  if (DEFAULT_CRITERIA_NAMES.includes(path.basename(file))) return true;
  if (!/\.ya?ml$/i.test(file)) return false;
  try {
    return startsAsCriteriaFile(await readHead(file));
  } catch {
    return false;
  }
}

/** Criteria files directly in `dir`, `criteria.yaml` first, then others by name. */
export async function findCriteriaFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const candidates = entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort((a, b) => Number(DEFAULT_CRITERIA_NAMES.includes(b)) - Number(DEFAULT_CRITERIA_NAMES.includes(a)) || a.localeCompare(b));
  const found: string[] = [];
  for (const name of candidates) {
    const file = path.join(dir, name);
    if (await isCriteriaFile(file)) found.push(file);
  }
  return found;
}
