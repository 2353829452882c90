import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cacheKeyOf, extendsLine } from '../../../../src/core/workspace/modelCache';
import { cityIndex, WARD } from '../../extendsFixtures';
import { cleanupTempDirs, tempDir, writeFiles } from '../../helpers';

describe('model cache of a ward that extends the city\'s index', () => {
  afterEach(cleanupTempDirs);

  it('reads the extends line without parsing', () => {
    assert.equal(extendsLine(WARD), 'index/city.yaml');
    assert.equal(extendsLine('reformEvidence: 1\nextends: "index/a b.yaml"  # the city\'s\n'), 'index/a b.yaml');
    assert.equal(extendsLine('reformEvidence: 1\n  extends: nested.yaml\n'), undefined);
  });

  it('keys on the index file\'s bytes too: a changed index file misses the cache', async () => {
    const dir = tempDir('re-extends-cache-');
    writeFiles(dir, { 'index/city.yaml': cityIndex('v1'), 'criteria.yaml': WARD });
    const file = path.join(dir, 'criteria.yaml');
    const before = await cacheKeyOf(file, '1', 's');
    assert.equal((await cacheKeyOf(file, '1', 's')).criteriaHash, before.criteriaHash);
    writeFiles(dir, { 'index/city.yaml': cityIndex('v2') });
    assert.notEqual((await cacheKeyOf(file, '1', 's')).criteriaHash, before.criteriaHash);
  });
});
