import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { flattenCriteria } from '../../src/core/status/computeStatus';
import { applyEvidenceChanges } from '../../src/core/workspace/incremental';
import { loadWorkspace, type LoadedWorkspace } from '../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from './helpers';

const stateOf = (loaded: LoadedWorkspace, id: string) => flattenCriteria(loaded.model).find((n) => n.id === id)?.state;

describe('incremental evidence updates', () => {
  afterEach(cleanupTempDirs);

  for (const withGit of [true, false]) {
    it(`adds and removes one file without a full rescan (${withGit ? 'Git' : 'plain folder'})`, async () => {
      const dir = withGit ? initRepo() : tempDir();
      writeFiles(dir, { 'criteria.yaml': sampleCriteria(), '.gitignore': '*.tmp\n', 'evidence/keep.txt': '' });
      if (withGit) {
        git(dir, 'add', '-A');
        git(dir, 'commit', '-qm', 'init');
      }
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

  it('ignores a new file that .gitignore excludes', async () => {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria().replace('"1.1 Kế hoạch/*.pdf"', '"1.1 Kế hoạch/*"'), '.gitignore': '*.tmp\n', 'evidence/keep.txt': '' });
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    writeFiles(dir, { 'evidence/1.1 Kế hoạch/~lock.tmp': 'x' });
    await applyEvidenceChanges(loaded, [{ file: path.join(dir, 'evidence/1.1 Kế hoạch/~lock.tmp'), kind: 'created' }], '2025-11-20');
    assert.equal(stateOf(loaded, '1.1'), 'missing');
  });
});
