// Generated histories of a criteria file and its evidence (added, deleted, renamed files, NFD names, criteria edits,
// links of every kind, the evidence folder moved), for the properties comparing ways of reading a status at a commit.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { StatusModel } from '../../../../src/core/model/types';
import { git, initRepo, writeFiles } from '../../helpers';

export const ASOF = '2025-11-01';
export const FOLDERS = ['1.1 Kế hoạch', '1.2 Báo cáo', '2.1 Quyết định'];
const NAMES = ['kế hoạch', 'báo cáo quý', 'biên bản'];
const EXTS = ['pdf', 'docx'];

export interface Leaf {
  glob: string;
  min: number;
  due: string;
}

export function criteria(leaves: Leaf[], evidenceRoot: string): string {
  const items = leaves
    .map(
      (leaf, i) => `      - id: "1.${i + 1}"
        title: Tiêu chí ${i + 1}
        maxScore: ${i + 1}
        owner: ${i % 2 ? 'VP' : 'VHXH'}
        due: "${leaf.due}"
        evidence:
          - title: Tài liệu
            path: "${leaf.glob}"
            min: ${leaf.min}`,
    )
    .join('\n');
  return `reformEvidence: 1
index:
  id: t-2025
  title: Thử
  year: 2025
  evidenceRoot: ${evidenceRoot}
units:
  VP:
    name: Văn phòng
  VHXH:
    name: Văn hóa
criteria:
  - id: "1"
    title: Chỉ đạo
    children:
${items}
tasks:
  - id: NV-01
    title: Nhiệm vụ
    owner: VP
    due: "2025-06-30"
    criteria: ["1.1"]
`;
}

const name = fc.record({ folder: fc.constantFrom(...FOLDERS), name: fc.constantFrom(...NAMES), ext: fc.constantFrom(...EXTS), nfd: fc.boolean() });
export const op = fc.oneof(
  name.map((n) => ({ kind: 'add' as const, ...n })),
  fc.nat().map((pick) => ({ kind: 'delete' as const, pick })),
  fc.tuple(fc.nat(), name).map(([pick, n]) => ({ kind: 'rename' as const, pick, ...n })),
  fc.record({ leaf: fc.nat({ max: 2 }), glob: fc.constantFrom(...FOLDERS.flatMap((f) => [`${f}/*.pdf`, `${f}/**/*`])), min: fc.integer({ min: 1, max: 2 }), due: fc.constantFrom('2025-03-31', '2025-12-31') }).map((c) => ({ kind: 'criteria' as const, ...c })),
  fc.record({ folder: fc.constantFrom(...FOLDERS), target: fc.constantFrom('file', 'folder', 'outside', 'dangling', 'absolute') }).map((l) => ({ kind: 'link' as const, ...l })),
  fc.constant({ kind: 'moveRoot' as const }),
);
export type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Every file (not folder) below `dir`, relative, as stored on disk. */
function filesBelow(dir: string, relative = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const r = relative ? `${relative}/${e.name}` : e.name;
    return e.isDirectory() ? filesBelow(path.join(dir, e.name), r) : [r];
  });
}

function fileName(n: { folder: string; name: string; ext: string; nfd: boolean }): string {
  const p = `${n.folder}/${n.name}.${n.ext}`;
  return n.nfd ? p.normalize('NFD') : p;
}

/** Applies one step to the work tree of `ws` (the criteria file's folder); returns the new evidenceRoot. */
export function apply(ws: string, root: string, leaves: Leaf[], o: Op, counter: { n: number }): string {
  const evidence = path.join(ws, root);
  const existing = filesBelow(evidence).sort();
  counter.n++;
  switch (o.kind) {
    case 'add':
      writeFiles(evidence, { [fileName(o)]: `content ${counter.n}` });
      break;
    case 'delete':
      if (existing.length > 0) rmSync(path.join(evidence, existing[o.pick % existing.length]));
      break;
    case 'rename': {
      if (existing.length === 0) break;
      const to = path.join(evidence, fileName(o));
      mkdirSync(path.dirname(to), { recursive: true });
      renameSync(path.join(evidence, existing[o.pick % existing.length]), to);
      break;
    }
    case 'criteria':
      leaves[o.leaf] = { glob: o.glob, min: o.min, due: o.due };
      break;
    case 'link': {
      const at = path.join(evidence, o.folder, `liên kết ${counter.n}.pdf`);
      mkdirSync(path.dirname(at), { recursive: true });
      const target = { file: existing.length > 0 ? path.relative(path.dirname(at), path.join(evidence, existing[0])) : 'nothing.pdf', folder: '..', outside: '../../../../outside.pdf', dangling: 'gone.pdf', absolute: '/etc/hostname' }[o.target];
      symlinkSync(target, at);
      break;
    }
    case 'moveRoot': {
      const next = root === 'evidence' ? 'hồ sơ' : 'evidence';
      if (existsSync(evidence)) renameSync(evidence, path.join(ws, next));
      root = next;
      break;
    }
  }
  writeFileSync(path.join(ws, 'criteria.yaml'), criteria(leaves, root));
  return root;
}

/** The model as JSON with the workspace folder replaced, so two folders holding the same commit compare equal. */
export function comparable(model: StatusModel, problems: unknown[], folder: string): string {
  return JSON.stringify({ model, problems }).split(JSON.stringify(folder).slice(1, -1)).join('<ws>');
}

/** The generated steps of a history: commits of one to three operations each. */
export const historySteps = fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 });

/**
 * The arbitraries of the walker's property, in the order its predicate takes them: the ward's folder ('' = the
 * top), the history's steps, the walk (picks among the commits, repeats allowed), the excluded folders, and how much
 * of the walk the walker is told in advance (its diffs then read ahead through one `diff-tree --stdin`).
 */
export const walkArbitraries = [
  fc.constantFrom('', 'phường'),
  historySteps,
  fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  fc.constantFrom<string[]>([], [FOLDERS[1]]),
  fc.constantFrom<'none' | 'all' | 'part'>('none', 'all', 'part'),
] as const;

/**
 * A repository whose criteria file (in `sub`) went through `steps`, one commit per step after a first one, and a
 * work tree that moved on after the last commit. Returns the commits, oldest first.
 */
export function buildHistory(sub: string, steps: Op[][]): { repo: string; ws: string; file: string; hashes: string[] } {
  const repo = initRepo();
  const ws = path.join(repo, sub);
  const leaves: Leaf[] = FOLDERS.map((f) => ({ glob: `${f}/*.pdf`, min: 1, due: '2025-12-31' }));
  let root = 'evidence';
  writeFiles(ws, { [`evidence/${FOLDERS[0]}/kế hoạch.pdf`]: 'first', 'criteria.yaml': criteria(leaves, root) });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'start');
  const hashes = [git(repo, 'rev-parse', 'HEAD').trim()];
  const counter = { n: 0 };
  for (const step of steps) {
    for (const o of step) root = apply(ws, root, leaves, o, counter);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'step');
    hashes.push(git(repo, 'rev-parse', 'HEAD').trim());
  }
  // The work tree moves on after the last commit: a status at a revision must not see it.
  writeFiles(ws, { [`evidence/${FOLDERS[1]}/chưa commit.pdf`]: 'x', 'criteria.yaml': criteria(leaves, root).replace('min: 1', 'min: 9') });
  return { repo, ws, file: path.join(ws, 'criteria.yaml'), hashes };
}
