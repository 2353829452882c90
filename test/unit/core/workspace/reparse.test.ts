import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { isUnreadable, reparseCriteria } from '../../../../src/core/workspace/incremental';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, sampleCriteria, tempDir, writeFiles } from '../../helpers';

// What the extension's model store does on every keystroke in a criteria file, tested where it lives.
describe('reparsing the criteria file as it is typed (core/workspace/incremental)', () => {
  afterEach(cleanupTempDirs);

  const load = async () => {
    const dir = tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/keep.txt': '' });
    return loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
  };

  it('an edit gives a new doc and model over the files already known, and leaves the loaded workspace as it was', async () => {
    const loaded = await load();
    const before = { doc: loaded.doc, model: loaded.model, matches: loaded.matches };
    const text = sampleCriteria().replace(/title: ([^\n]+)/, 'title: Đã sửa');
    const result = reparseCriteria(loaded, text, { asOf: '2025-11-20' });
    assert.equal(result.kind, 'parsed');
    if (result.kind !== 'parsed') return;
    assert.notEqual(result.loaded.doc, before.doc);
    assert.notEqual(result.loaded.model, before.model);
    assert.deepEqual([...result.loaded.matches.files.keys()], [...before.matches.files.keys()]);
    assert.equal(loaded.doc, before.doc, 'the loaded workspace is not changed');
    assert.equal(loaded.model, before.model);
  });

  it('a syntax error that loses the whole tree keeps the last good tree: only the doc (with its problems) is new', async () => {
    const loaded = await load();
    const result = reparseCriteria(loaded, 'reformEvidence: 1\nindex: [unclosed\n', { asOf: '2025-11-20' });
    assert.equal(result.kind, 'unreadable');
    if (result.kind !== 'unreadable') return;
    assert.ok(isUnreadable(result.doc));
    assert.ok(result.doc.problems.some((p) => p.code === 'RE001'));
  });

  it('a new evidence folder means listing files again', async () => {
    const loaded = await load();
    const text = sampleCriteria().replace(/^(\s*)evidenceRoot: .*$/m, '$1evidenceRoot: other');
    assert.notEqual(text, sampleCriteria(), 'the sample declares an evidenceRoot');
    assert.equal(reparseCriteria(loaded, text, { asOf: '2025-11-20' }).kind, 'relist');
    // Compared with the doc the shown tree came from, when the file was unreadable in between.
    assert.equal(reparseCriteria(loaded, sampleCriteria(), { asOf: '2025-11-20', lastGood: { ...loaded.doc, index: { ...loaded.doc.index, evidenceRoot: 'other' } } }).kind, 'relist');
  });

  it('a file with no areas is unreadable only when YAML itself failed', async () => {
    const loaded = await load();
    assert.equal(isUnreadable(loaded.doc), false);
    assert.equal(isUnreadable({ ...loaded.doc, areas: [] }), false, 'empty but readable');
  });
});
