import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { flattenCriteria } from '../../../../src/core/status/computeStatus';
import { applyEvidenceChanges } from '../../../../src/core/workspace/incremental';
import { loadWorkspace, type LoadedWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const stateOf = (loaded: LoadedWorkspace, id: string) => flattenCriteria(loaded.model).find((n) => n.id === id)?.state;

describe('incremental evidence updates', () => {
  afterEach(cleanupTempDirs);

  /** The sample criteria file with an evidence folder, committed when `withGit`. */
  const sampleWorkspace = (withGit: boolean): string => {
    const dir = withGit ? initRepo() : tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), '.gitignore': '*.tmp\n', 'evidence/keep.txt': '' });
    if (withGit) {
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'init');
    }
    return dir;
  };

  for (const withGit of [true, false]) {
    it(`adds and removes one file without a full rescan (${withGit ? 'Git' : 'plain folder'})`, async () => {
      const dir = sampleWorkspace(withGit);
      const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
      assert.equal(stateOf(loaded, '1.1'), 'missing');

      const added = path.join(dir, 'evidence/1.1 Kế hoạch/Kế hoạch.pdf');
      writeFiles(dir, { 'evidence/1.1 Kế hoạch/Kế hoạch.pdf': '%PDF' });
      const keys = await applyEvidenceChanges(loaded, [{ file: added, kind: 'created' }], '2025-11-20');
      assert.deepEqual(keys, ['criterion:1.1#0']);
      assert.equal(stateOf(loaded, '1.1'), 'present');
      assert.equal(loaded.model.totals.secured, 1);

      const outside = path.join(dir, 'notes.txt');
      assert.deepEqual(await applyEvidenceChanges(loaded, [{ file: outside, kind: 'created' }], '2025-11-20'), []);

      rmSync(added);
      await applyEvidenceChanges(loaded, [{ file: added, kind: 'deleted' }], '2025-11-20');
      assert.equal(stateOf(loaded, '1.1'), 'missing');
    });
  }

  for (const withGit of [true, false]) {
    it(`takes a folder moved in as one event, and a folder removed as one event (${withGit ? 'Git' : 'plain folder'})`, async () => {
      const dir = sampleWorkspace(withGit);
      const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
      // Prepared outside, then moved in with one rename: the watcher reports only the folder.
      const outside = tempDir('re-incoming-');
      writeFiles(outside, { 'Quý I.pdf': '%PDF', 'Quý II.pdf': '%PDF', 'sub/Quý III.pdf': '%PDF', 'sub/Quý IV.pdf': '%PDF', 'nháp.tmp': 'x' });
      const { renameSync } = await import('node:fs');
      const folder = path.join(dir, 'evidence/1.2 Báo cáo');
      renameSync(outside, folder);
      const quarterly = '1.2 Báo cáo/*.pdf';
      await applyEvidenceChanges(loaded, [{ file: folder, kind: 'created' }], '2025-11-20');
      const files = () => [...loaded.matches.files.keys()].filter((k) => k.startsWith('1.2 Báo cáo/')).sort();
      assert.deepEqual(files(), ['1.2 Báo cáo/Quý I.pdf', '1.2 Báo cáo/Quý II.pdf', '1.2 Báo cáo/sub/Quý III.pdf', '1.2 Báo cáo/sub/Quý IV.pdf'].concat(withGit ? [] : ['1.2 Báo cáo/nháp.tmp']).sort());
      assert.equal(stateOf(loaded, '1.2'), 'partial', `two files directly under ${quarterly}, four needed`);
      rmSync(folder, { recursive: true });
      await applyEvidenceChanges(loaded, [{ file: folder, kind: 'deleted' }], '2025-11-20');
      assert.deepEqual(files(), []);
      assert.equal(stateOf(loaded, '1.2'), 'missing');
    });
  }

  it('ignores a new file that .gitignore excludes', async () => {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria().replace('"1.1 Kế hoạch/*.pdf"', '"1.1 Kế hoạch/*"'), '.gitignore': '*.tmp\n', 'evidence/keep.txt': '' });
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    writeFiles(dir, { 'evidence/1.1 Kế hoạch/~lock.tmp': 'x' });
    await applyEvidenceChanges(loaded, [{ file: path.join(dir, 'evidence/1.1 Kế hoạch/~lock.tmp'), kind: 'created' }], '2025-11-20');
    assert.equal(stateOf(loaded, '1.1'), 'missing');
  });
});
