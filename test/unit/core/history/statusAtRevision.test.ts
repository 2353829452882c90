// Status at a revision: read from the commit's tree, it equals the status of a real checkout of that commit
// (property over generated histories), and it never touches the work tree or the index.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { isGitError } from '../../../../src/core/git/errors';
import { gitCommandMark, gitCommandsSince } from '../../../../src/core/git/git';
import { statusAtRevision } from '../../../../src/core/history/statusAtRevision';
import type { StatusModel } from '../../../../src/core/model/types';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';
import { isolateGitConfig } from '../../gitHelpers';
import { ASOF, buildHistory, comparable, historySteps } from './generatedHistory';

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
      fc.asyncProperty(fc.constantFrom('', 'phường'), historySteps, async (sub, steps) => {
        const { repo, ws, file, hashes } = buildHistory(sub, steps);
        try {
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


  it('reads the data files of every measured leaf through git cat-file --batch, as a checkout reads them from disk', async () => {
    const measure = (id: string, data: string) => `      - id: "1.${id}"
        title: Tỷ lệ ${id}
        maxScore: 2
        owner: VP
        measure:
          data: ${data}
          period: Tháng
          numerator: Đã thanh toán
          denominator: Phải nộp phí
          bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }]
`;
    const criteria = `reformEvidence: 1
index: { id: t, title: T, year: 2025 }
units: { VP: { name: Văn phòng } }
criteria:
  - id: "1"
    title: Area
    children:
${measure('1', 'a.csv')}${measure('2', 'b.csv')}${measure('3', 'big.xlsx')}${measure('4', 'absent.csv')}${measure('5', 'bad.csv')}${measure('6', 'c.xlsx')}`;
    const good = 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;31;50\n2025-02;31;50\n';
    const repo = initRepo();
    writeFiles(repo, {
      'criteria.yaml': criteria,
      'evidence/a.csv': good,
      // The same blob as a.csv: read once.
      'evidence/b.csv': good,
      // Over the workbook limit: refused from its size (RE166), never read whole.
      'evidence/big.xlsx': randomBytes(5 * 1024 * 1024 + 1),
      'evidence/bad.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;x;50\n',
      'evidence/c.xlsx': 'not a workbook',
    });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    writeFiles(repo, { 'evidence/a.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;50;50\n' });
    git(repo, 'commit', '-q', '-am', 'two');
    for (const commit of git(repo, 'rev-list', 'HEAD').trim().split('\n')) {
      const mark = gitCommandMark();
      const atRev = await statusAtRevision(path.join(repo, 'criteria.yaml'), commit, { asOf: ASOF });
      const catFiles = gitCommandsSince(mark)
        .filter((c) => c.args[0] === 'cat-file')
        .map((c) => c.args.join(' '));
      // The criteria file, then the data files: one process, and one more after the refused workbook.
      assert.deepEqual(catFiles, ['cat-file --batch', 'cat-file --batch', 'cat-file --batch'], `at ${commit}`);
      const real = await checkoutStatus(repo, commit, '');
      assert.equal(comparable(atRev.model, atRev.doc.problems, repo), comparable(real.model, real.problems, real.ws), `at ${commit}`);
      assert.deepEqual(
        atRev.model.areas[0].children.map((leaf) => leaf.measure?.quality),
        ['ok', 'ok', 'unknown', 'missing', 'unknown', 'unknown'],
      );
      assert.ok(atRev.doc.problems.some((p) => p.code === 'RE166'));
    }
  });

  after(() => cleanupTempDirs());
});
