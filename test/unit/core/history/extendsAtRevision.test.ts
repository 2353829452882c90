import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { statusAtRevision } from '../../../../src/core/history/statusAtRevision';
import { cityIndex, WARD } from '../../extendsFixtures';
import { isolateGitConfig } from '../../gitHelpers';
import { cleanupTempDirs, git, initRepo, tempDir, writeFiles } from '../../helpers';

describe('status at a revision of a ward that extends the city\'s index', () => {
  isolateGitConfig();
  afterEach(cleanupTempDirs);

  it('reads the index file as committed in that commit, not the one on disk', async () => {
    const repo = initRepo(tempDir('re-extends-rev-'));
    writeFiles(repo, { 'ward/index/city.yaml': cityIndex('v1'), 'ward/criteria.yaml': WARD });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'ward on v1');
    // On disk the index moved on (a new version, another score) and is not committed.
    writeFiles(repo, { 'ward/index/city.yaml': cityIndex('v2').replace('maxScore: 1.5', 'maxScore: 2.5') });
    const at = await statusAtRevision(path.join(repo, 'ward/criteria.yaml'), 'HEAD', { asOf: '2025-10-20' });
    assert.equal(at.model.index.extends?.version, 'v1');
    assert.equal(at.model.totals.max, 5);
    assert.equal(at.doc.byId.get('1.1')!.owner, 'TP');

    // A commit whose index file is missing: the ward's error, not a crash.
    git(repo, 'rm', '-q', '-f', 'ward/index/city.yaml');
    git(repo, 'commit', '-q', '-m', 'index removed');
    const gone = await statusAtRevision(path.join(repo, 'ward/criteria.yaml'), 'HEAD', { asOf: '2025-10-20' });
    assert.deepEqual(gone.doc.problems.map((p) => `${p.code}@${p.range.start.line + 1}:${p.range.start.character + 1}`), ['RE181@2:10']);
  });
});
