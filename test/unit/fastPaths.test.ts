import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { toNfc } from '../../src/core/evidence/listFiles';
import { filesOf, matchAll, compileRequirement, upsertFile, removeFile } from '../../src/core/evidence/match';
import { flattenCriteria } from '../../src/core/status/computeStatus';
import { guessEvidenceRoot, loadWorkspace } from '../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, writeFiles } from './helpers';

describe('fast paths of a large workspace', () => {
  afterEach(cleanupTempDirs);

  it('normalizes only the names that need it', () => {
    const nfc = 'Quyết định số 12.pdf';
    assert.equal(toNfc(nfc), nfc);
    assert.equal(toNfc(nfc.normalize('NFD')), nfc);
    assert.equal(toNfc('\u212b.pdf'), '\u00c5.pdf');
  });

  it('guesses the evidence root from block and flow mappings', () => {
    assert.equal(guessEvidenceRoot('index:\n  id: x\n  evidenceRoot: "Hồ sơ/"\n'), 'Hồ sơ');
    assert.equal(guessEvidenceRoot('index: { id: x, evidenceRoot: docs, year: 2025 }\n'), 'docs');
    assert.equal(guessEvidenceRoot('index:\n  id: x\n'), 'evidence');
  });

  it('lists again when the guess is wrong (an anchor before the value)', async () => {
    const dir = initRepo();
    const criteria = sampleCriteria().replace('evidenceRoot: evidence', 'evidenceRoot: &root "Hồ sơ"');
    writeFiles(dir, { 'criteria.yaml': criteria, 'Hồ sơ/1.1 Kế hoạch/Kế hoạch.pdf': '%PDF', 'evidence/1.1 Kế hoạch/Sai chỗ.pdf': '%PDF' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    assert.notEqual(guessEvidenceRoot(criteria), 'Hồ sơ');
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    const files = flattenCriteria(loaded.model).find((n) => n.id === '1.1')?.requirements.flatMap((r) => r.files.map((f) => f.path));
    assert.deepEqual(files, ['1.1 Kế hoạch/Kế hoạch.pdf']);
  });

  it('keeps sorted files current through upserts and removals', () => {
    const requirement = compileRequirement('criterion', '1.1', { title: 't', path: 'a/*.pdf', min: 1, index: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, valid: true, fields: {} });
    const state = matchAll([requirement], [{ path: 'a/b.pdf', git: 'committed' }]);
    assert.deepEqual(filesOf(state, requirement.key).map((f) => f.path), ['a/b.pdf']);
    upsertFile(state, { path: 'a/a.pdf', git: 'untracked' });
    upsertFile(state, { path: 'a/b.pdf', git: 'modified' });
    assert.deepEqual(filesOf(state, requirement.key), [{ path: 'a/a.pdf', git: 'untracked' }, { path: 'a/b.pdf', git: 'modified' }]);
    removeFile(state, 'a/a.pdf');
    const files = filesOf(state, requirement.key);
    files.pop();
    assert.deepEqual(filesOf(state, requirement.key).map((f) => f.path), ['a/b.pdf']);
  });
});
