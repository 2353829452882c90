import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { listEvidenceFiles, listFromGit } from '../../../../src/core/evidence/listFiles';
import { createGit } from '../../../../src/core/git/git';
import type { CriterionStatus, StatusModel } from '../../../../src/core/model/types';
import { flattenCriteria, filterByUnit } from '../../../../src/core/status/computeStatus';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';
import { conflictIn } from '../../gitHelpers';

const PDF = '%PDF-1.4\n% placeholder\n';

function node(model: StatusModel, id: string): CriterionStatus {
  const found = flattenCriteria(model).find((n) => n.id === id);
  assert.ok(found, `criterion ${id}`);
  return found;
}

describe('evidence status', () => {
  afterEach(cleanupTempDirs);

  it('computes states, overdue and scores from a plain folder', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'criteria.yaml': sampleCriteria(),
      'evidence/1.1 Kế hoạch/Kế hoạch 248-QĐ-UBND.pdf': PDF,
      'evidence/1.2 Báo cáo/Quý I.pdf': PDF,
      'evidence/1.2 Báo cáo/Quý II.pdf': PDF,
      'evidence/2.1/sub/deep/Kế hoạch rà soát.docx': 'docx',
      'evidence/2.1/ket-qua-2025.pdf': PDF,
      'evidence/stray.txt': 'not evidence',
    });
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    assert.equal(model.git, false);
    assert.equal(node(model, '1.1').state, 'present');
    assert.equal(node(model, '1.2').state, 'partial', '2 of 4 quarterly reports');
    assert.equal(node(model, '1.2').overdue, true, 'due 2025-10-15 and incomplete');
    assert.equal(node(model, '1.1').overdue, false, 'complete criteria are never overdue');
    assert.equal(node(model, '2.1').state, 'present');
    assert.equal(node(model, '2.2').state, 'waived');
    assert.equal(node(model, '1').state, 'partial');
    assert.equal(node(model, '2').state, 'present', 'waived children are left out of the parent state');
    assert.deepEqual(
      { max: model.totals.max, secured: model.totals.secured, atRisk: model.totals.atRisk, waived: model.totals.waived },
      { max: 5, secured: 2.5, atRisk: 2, waived: 0.5 },
    );
    assert.equal(model.totals.criteria, 3);
    assert.equal(model.totals.complete, 2);
    // 1.2 overdue by date, task NV-01 overdue (due 2025-11-08, no list of participants).
    assert.equal(model.tasks[0].overdue, true);
    assert.equal(model.totals.overdue, 2);
    assert.deepEqual(model.byUnit.map((u) => [u.id, u.atRisk, u.secured]), [['VP', 2, 1.5], ['VHXH', 0, 1]]);
    assert.equal(model.byUnit.find((u) => u.id === 'VHXH')?.overdue, 1, 'the overdue task counts for its owner');
  });

  it('makes a criterion overdue when a linked task is overdue', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/.keep': '' });
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    assert.equal(node(model, '1.1').state, 'missing');
    assert.equal(node(model, '1.1').overdue, true, 'due 2025-12-15 but its ISO task is overdue');
    const before = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-01' });
    assert.equal(node(before.model, '1.1').overdue, false);
  });

  it('reads committed, modified and untracked states from Git, with Vietnamese NFC and NFD names', async () => {
    const dir = initRepo();
    const nfc = 'evidence/1.1 Kế hoạch/Kế hoạch cải cách.pdf';
    const nfd = 'evidence/1.2 Báo cáo/' + 'Báo cáo quý (I).pdf'.normalize('NFD');
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), [nfc]: PDF, [nfd]: PDF, '.gitignore': '*.tmp\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    writeFiles(dir, {
      'evidence/1.2 Báo cáo/Báo cáo "quý" II.pdf': PDF,
      'evidence/1.2 Báo cáo/ignored.tmp': 'x',
      'evidence/2.1/ket-qua-tab\tname.pdf': PDF,
    });
    writeFiles(dir, { [nfc]: PDF + 'changed' });

    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    assert.equal(model.git, true);
    const files11 = node(model, '1.1').requirements[0].files;
    assert.deepEqual(files11, [{ path: '1.1 Kế hoạch/Kế hoạch cải cách.pdf', git: 'modified' }]);
    assert.equal(node(model, '1.1').state, 'present');
    const files12 = node(model, '1.2').requirements[0].files;
    assert.deepEqual(files12.map((f) => [f.path, f.git]), [
      ['1.2 Báo cáo/Báo cáo "quý" II.pdf', 'untracked'],
      ['1.2 Báo cáo/Báo cáo quý (I).pdf'.normalize('NFC'), 'committed'],
    ]);
    assert.ok(files12.every((f) => f.path === f.path.normalize('NFC')));
    assert.deepEqual(node(model, '2.1').requirements[1].files.map((f) => f.path), ['2.1/ket-qua-tab\tname.pdf']);

    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'more');
    const after = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    assert.equal(node(after.model, '1.1').state, 'committed');
  });

  it('works when the criteria file sits in a subfolder of the repository', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'ward/criteria.yaml': sampleCriteria(), 'ward/evidence/1.1 Kế hoạch/a.pdf': PDF, 'other/evidence/1.1 Kế hoạch/b.pdf': PDF });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'init');
    writeFiles(repo, { 'ward/evidence/1.1 Kế hoạch/a.pdf': 'changed' });
    const { model } = await loadWorkspace(path.join(repo, 'ward/criteria.yaml'), { asOf: '2025-11-20' });
    assert.deepEqual(node(model, '1.1').requirements[0].files, [{ path: '1.1 Kế hoạch/a.pdf', git: 'modified' }]);
  });

  it('drops files deleted from the work tree but still in the index', async () => {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/a.pdf': PDF });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    git(dir, 'rm', '-q', '--cached', 'criteria.yaml');
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'evidence/1.1 Kế hoạch/a.pdf'));
    const listing = await listEvidenceFiles({ baseDir: dir, evidenceRoot: 'evidence', git: createGit({ cwd: dir }) });
    assert.deepEqual(listing.files, []);
  });

  it('runs no Git process when the trust check refuses', async () => {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/a.pdf': PDF });
    const { gitProcessCount } = await import('../../../../src/core/git/git');
    const before = gitProcessCount();
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20', isTrusted: () => false });
    assert.equal(gitProcessCount(), before);
    assert.equal(model.git, false);
    assert.equal(node(model, '1.1').state, 'present', 'files still come from a folder walk');
  });

  it('reads every Git state as `git status` does: staged, changed, deleted, unmerged, before the first commit', async () => {
    // The states `git status --porcelain=v2` gives, as the oracle: ".M"/"M."/"A." modified, ".D" gone, "u" modified.
    const statusOf = (dir: string) => {
      const states = new Map<string, string>();
      for (const entry of git(dir, 'status', '--porcelain=v2', '-z', '--untracked-files=all', '--', 'evidence').split('\0')) {
        const fields = entry.split(' ');
        const at = entry[0] === '1' ? 8 : entry[0] === 'u' ? 10 : entry[0] === '?' ? 1 : -1;
        if (at < 0) continue;
        const p = fields.slice(at).join(' ').slice('evidence/'.length);
        states.set(p, entry[0] === '?' ? 'untracked' : fields[1][1] === 'D' ? 'gone' : 'modified');
      }
      return states;
    };
    const ours = async (dir: string) => {
      const files = (await listFromGit(createGit({ cwd: dir }), 'evidence')) ?? [];
      return new Map(files.filter((f) => f.git !== 'committed').map((f) => [f.path, f.git as string]));
    };
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/unborn a.pdf': PDF, 'evidence/x/unborn b.pdf': PDF });
    git(dir, 'add', '-A');
    assert.deepEqual(await ours(dir), statusOf(dir), 'before the first commit everything staged is modified');
    git(dir, 'commit', '-qm', 'init');
    writeFiles(dir, { 'evidence/a b.pdf': PDF, 'evidence/đổi.pdf': PDF, 'evidence/xoá.pdf': PDF, 'evidence/both.pdf': PDF, 'evidence/conflict.pdf': 'base' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'more');
    conflictIn(dir, 'evidence/conflict.pdf');
    writeFiles(dir, { 'evidence/a b.pdf': 'changed', 'evidence/staged new.pdf': '%PDF new', 'evidence/untracked.pdf': PDF, 'evidence/both.pdf': 'staged' });
    git(dir, 'add', 'evidence/staged new.pdf', 'evidence/both.pdf');
    rmSync(path.join(dir, 'evidence/both.pdf'));
    rmSync(path.join(dir, 'evidence/xoá.pdf'));
    git(dir, 'rm', '-q', '--cached', 'evidence/đổi.pdf');
    const expected = statusOf(dir);
    // A staged deletion of a file still on disk: `git status` shows "D." and "??"; the file is untracked.
    expected.set('đổi.pdf', 'untracked');
    for (const [p, state] of expected) if (state === 'gone') expected.delete(p);
    assert.deepEqual(new Map([...(await ours(dir))].sort()), new Map([...expected].sort()));
    assert.equal((await ours(dir)).get('conflict.pdf'), 'modified');
  });

  it('filters the model to one unit', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/a.pdf': PDF });
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    const vhxh = filterByUnit(model, 'VHXH');
    assert.deepEqual(flattenCriteria(vhxh).map((n) => n.id), ['1', '1.1']);
    assert.equal(vhxh.totals.secured, 1);
    assert.deepEqual(vhxh.tasks.map((t) => t.id), ['NV-01']);
  });
});
