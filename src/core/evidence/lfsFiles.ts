// Evidence files that Git LFS stores but whose content is not downloaded (a clone with GIT_LFS_SKIP_SMUDGE=1,
// a partial `git lfs fetch`): the work tree holds the pointer. They count as evidence; the views say
// "not downloaded". Cheap: nothing is read unless the repository's attributes mention `filter=lfs`, and then
// only matched files small enough to be a pointer.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readLfsPointerFile } from '../git/lfs';
import type { EvidenceFile } from '../model/types';
import type { MatchState } from './match';
import { leadsOut } from '../fs/paths';

const LFS_ATTRIBUTE = /\bfilter\s*=\s*lfs\b/;

/**
 * Whether any attributes file that can reach the evidence folder names the LFS filter: `$GIT_DIR/info/attributes`,
 * each `.gitattributes` from the top folder down to the evidence folder, and those listed inside it.
 */
export async function usesLfs(options: { topDir: string; evidenceDir: string; infoAttributes: string; listed: Iterable<string> }): Promise<boolean> {
  const files = [options.infoAttributes];
  const below = path.relative(options.topDir, options.evidenceDir);
  let folder = options.topDir;
  files.push(path.join(folder, '.gitattributes'));
  if (below && !leadsOut(below)) {
    for (const segment of below.split(path.sep)) {
      folder = path.join(folder, segment);
      files.push(path.join(folder, '.gitattributes'));
    }
  }
  for (const listed of options.listed) if (listed === '.gitattributes' || listed.endsWith('/.gitattributes')) files.push(path.join(options.evidenceDir, listed));
  for (const file of new Set(files)) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    if (LFS_ATTRIBUTE.test(text)) return true;
  }
  return false;
}

/** Sets `lfs: 'pointer'` on each file (relative to `evidenceDir`) that is a pointer on disk, clears it on the others. */
export async function markLfsPointers(evidenceDir: string, files: Iterable<EvidenceFile>): Promise<void> {
  const queue = [...files];
  // A few reads at a time: a large repository has thousands of matched files.
  const worker = async () => {
    for (let file = queue.pop(); file; file = queue.pop()) {
      if (await readLfsPointerFile(path.join(evidenceDir, file.path))) file.lfs = 'pointer';
      else delete file.lfs;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** The matched files of `matches`, each once. */
export function matchedFiles(matches: MatchState): Set<EvidenceFile> {
  const out = new Set<EvidenceFile>();
  for (const files of matches.matches.values()) for (const file of files.values()) out.add(file);
  return out;
}
