// Status at a revision: read from the commit's tree, it equals the status of a real checkout of that commit
// (property over generated histories), and it never touches the work tree or the index.
import * as assert from 'node:assert/strict';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isGitError } from '../../../../src/core/git/errors';
import { statusAtRevision } from '../../../../src/core/history/statusAtRevision';
import type { StatusModel } from '../../../../src/core/model/types';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';
import { isolateGitConfig } from '../../gitHelpers';

const ASOF = '2025-11-01';
const FOLDERS = ['1.1 Kế hoạch', '1.2 Báo cáo', '2.1 Quyết định'];
const NAMES = ['kế hoạch', 'báo cáo quý', 'biên bản'];
const EXTS = ['pdf', 'docx'];

interface Leaf {
  glob: string;
  min: number;
  due: string;
}

function criteria(leaves: Leaf[], evidenceRoot: string): string {
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
const op = fc.oneof(
  name.map((n) => ({ kind: 'add' as const, ...n })),
  fc.nat().map((pick) => ({ kind: 'delete' as const, pick })),
  fc.tuple(fc.nat(), name).map(([pick, n]) => ({ kind: 'rename' as const, pick, ...n })),
  fc.record({ leaf: fc.nat({ max: 2 }), glob: fc.constantFrom(...FOLDERS.flatMap((f) => [`${f}/*.pdf`, `${f}/**/*`])), min: fc.integer({ min: 1, max: 2 }), due: fc.constantFrom('2025-03-31', '2025-12-31') }).map((c) => ({ kind: 'criteria' as const, ...c })),
  fc.record({ folder: fc.constantFrom(...FOLDERS), target: fc.constantFrom('file', 'folder', 'outside', 'dangling', 'absolute') }).map((l) => ({ kind: 'link' as const, ...l })),
  fc.constant({ kind: 'moveRoot' as const }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

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
function apply(ws: string, root: string, leaves: Leaf[], o: Op, counter: { n: number }): string {
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
function comparable(model: StatusModel, problems: unknown[], folder: string): string {
  return JSON.stringify({ model, problems }).split(JSON.stringify(folder).slice(1, -1)).join('<ws>');
}

async function checkoutStatus(repo: string, commit: string, sub: string): Promise<{ model: StatusModel; problems: unknown[]; ws: string }> {
  const dir = path.join(tempDir('re-checkout-'), 'wt');
  git(repo, 'worktree', 'add', '-q', '--detach', dir, commit);
  try {
    const ws = path.join(dir, sub);
    const loaded = await loadWorkspace(path.join(ws, 'criteria.yaml'), { asOf: ASOF });
    return { model: loaded.model, problems: loaded.doc.problems, ws };
  } finally {
    git(repo, 'worktree', 'remove', '--force', dir);
  }
}

describe('status at a revision', function () {
  this.timeout(120_000);
  isolateGitConfig();

  it('equals the status of a real checkout of that revision, over generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', 'phường'), fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), async (sub, commits) => {
        const repo = initRepo();
        try {
          const ws = path.join(repo, sub);
          const leaves: Leaf[] = FOLDERS.map((f) => ({ glob: `${f}/*.pdf`, min: 1, due: '2025-12-31' }));
          let root = 'evidence';
          writeFiles(ws, { [`evidence/${FOLDERS[0]}/kế hoạch.pdf`]: 'first', 'criteria.yaml': criteria(leaves, root) });
          git(repo, 'add', '-A');
          git(repo, 'commit', '-q', '-m', 'start');
          const hashes = [git(repo, 'rev-parse', 'HEAD').trim()];
          const counter = { n: 0 };
          for (const step of commits) {
            for (const o of step) root = apply(ws, root, leaves, o, counter);
            git(repo, 'add', '-A');
            git(repo, 'commit', '-q', '--allow-empty', '-m', 'step');
            hashes.push(git(repo, 'rev-parse', 'HEAD').trim());
          }
          // The work tree moves on after the last commit: the status at a revision must not see it.
          writeFiles(ws, { [`evidence/${FOLDERS[1]}/chưa commit.pdf`]: 'x', 'criteria.yaml': criteria(leaves, root).replace('min: 1', 'min: 9') });
          const file = path.join(ws, 'criteria.yaml');
          for (const commit of hashes) {
            const atRev = await statusAtRevision(file, commit, { asOf: ASOF });
            const real = await checkoutStatus(repo, commit, sub);
            assert.equal(atRev.commit, commit);
            assert.equal(comparable(atRev.model, atRev.doc.problems, ws), comparable(real.model, real.problems, real.ws), `at ${commit}`);
          }
        } finally {
          rmSync(repo, { recursive: true, force: true });
        }
      }),
      { numRuns: 5 },
    );
  });

  it('reads the revision, not the work tree or the index, and leaves both untouched', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/a.pdf': 'a' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    const first = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'rm', '-q', 'evidence/1.1 Kế hoạch/a.pdf');
    git(repo, 'commit', '-q', '-m', 'two');
    writeFiles(repo, { 'evidence/1.1 Kế hoạch/staged.pdf': 's' });
    git(repo, 'add', '-A');
    const before = git(repo, 'status', '--porcelain=v2', '-z');
    const atFirst = await statusAtRevision(path.join(repo, 'criteria.yaml'), first, { asOf: ASOF });
    const atHead = await statusAtRevision(path.join(repo, 'criteria.yaml'), 'HEAD', { asOf: ASOF });
    assert.equal(git(repo, 'status', '--porcelain=v2', '-z'), before);
    const leaf = (m: StatusModel) => m.areas[0].children[0];
    assert.equal(leaf(atFirst.model).state, 'committed');
    assert.deepEqual(leaf(atFirst.model).requirements[0].files, [{ path: '1.1 Kế hoạch/a.pdf', git: 'committed' }]);
    assert.equal(leaf(atHead.model).state, 'missing');
    assert.equal(atFirst.model.git, true);
  });

  it('refuses an unknown revision with a typed error, and names a criteria file absent from the commit', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'other.txt': 'x' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'before');
    writeFiles(repo, { 'criteria.yaml': sampleCriteria() });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'criteria');
    const file = path.join(repo, 'criteria.yaml');
    await assert.rejects(statusAtRevision(file, 'no-such-branch'), (e: unknown) => isGitError(e, 'badRevision'));
    await assert.rejects(statusAtRevision(file, '--output=/tmp/x'), (e: unknown) => isGitError(e, 'badRevision'));
    await assert.rejects(statusAtRevision(file, 'HEAD~1'), /The criteria file criteria\.yaml does not exist in commit [0-9a-f]{12}\./);
  });

  it('refuses an oversized criteria blob as the disk read does (RE005), without reading it whole', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria('#' + 'x'.repeat(5 * 1024 * 1024) + '\n') });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'big');
    const atRev = await statusAtRevision(path.join(repo, 'criteria.yaml'), 'HEAD', { asOf: ASOF });
    const onDisk = await loadWorkspace(path.join(repo, 'criteria.yaml'), { asOf: ASOF });
    assert.deepEqual(
      atRev.doc.problems.map((p) => [p.code, p.message]),
      onDisk.doc.problems.map((p) => [p.code, p.message]),
    );
    assert.equal(atRev.doc.problems[0].code, 'RE005');
  });

  after(() => cleanupTempDirs());
});
