// generatedHistory's steps applied to a repository held in memory (memoryRepo) instead of a work tree: the same
// additions, deletions, renames, NFD names, criteria edits, links of every kind and evidence-folder moves, one
// commit per step, for the pure properties of the walker (no Git process).
import * as path from 'node:path';
import { criteria, FOLDERS, type Leaf, type Op } from './generatedHistory';
import type { Entry } from './memoryRepo';

function fileName(n: { folder: string; name: string; ext: string; nfd: boolean }): string {
  const p = `${n.folder}/${n.name}.${n.ext}`;
  return n.nfd ? p.normalize('NFD') : p;
}

/** The commits of a history whose criteria file lives in `sub` ("" at the top): c0 (the start), c1, … one per step. */
export function memoryHistory(sub: string, steps: Op[][]): { commits: Record<string, Record<string, Entry>>; names: string[] } {
  const ws = sub ? `${sub}/` : '';
  const leaves: Leaf[] = FOLDERS.map((f) => ({ glob: `${f}/*.pdf`, min: 1, due: '2025-12-31' }));
  let root = 'evidence';
  const files: Record<string, Entry> = { [`${ws}evidence/${FOLDERS[0]}/kế hoạch.pdf`]: 'first', [`${ws}criteria.yaml`]: criteria(leaves, root) };
  const commits: Record<string, Record<string, Entry>> = { c0: { ...files } };
  const names = ['c0'];
  let n = 0;
  for (const step of steps) {
    for (const o of step) {
      const evidence = `${ws}${root}`;
      const existing = Object.keys(files)
        .filter((p) => p.startsWith(evidence + '/'))
        .map((p) => p.slice(evidence.length + 1))
        .sort();
      n++;
      switch (o.kind) {
        case 'add':
          files[`${evidence}/${fileName(o)}`] = `content ${n}`;
          break;
        case 'delete':
          if (existing.length > 0) delete files[`${evidence}/${existing[o.pick % existing.length]}`];
          break;
        case 'rename': {
          if (existing.length === 0) break;
          const from = `${evidence}/${existing[o.pick % existing.length]}`;
          const entry = files[from];
          delete files[from];
          files[`${evidence}/${fileName(o)}`] = entry;
          break;
        }
        case 'criteria':
          leaves[o.leaf] = { glob: o.glob, min: o.min, due: o.due };
          break;
        case 'link': {
          const at = `${o.folder}/liên kết ${n}.pdf`;
          const target = { file: existing.length > 0 ? path.posix.relative(path.posix.dirname(at), existing[0]) : 'nothing.pdf', folder: '..', outside: '../../../../outside.pdf', dangling: 'gone.pdf', absolute: '/etc/hostname' }[o.target];
          files[`${evidence}/${at}`] = { link: target };
          break;
        }
        case 'moveRoot': {
          const next = root === 'evidence' ? 'hồ sơ' : 'evidence';
          for (const p of Object.keys(files).filter((q) => q.startsWith(evidence + '/'))) {
            files[`${ws}${next}/${p.slice(evidence.length + 1)}`] = files[p];
            delete files[p];
          }
          root = next;
          break;
        }
      }
    }
    files[`${ws}criteria.yaml`] = criteria(leaves, root);
    const name = `c${names.length}`;
    commits[name] = { ...files };
    names.push(name);
  }
  return { commits, names };
}
