import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { addEvidence } from '../../../../src/core/evidence/addEvidence';
import { byteLength, safeFileName, uniqueName, collisionKey } from '../../../../src/core/evidence/safeName';
import { diffCriteria, renderCriteriaDiff } from '../../../../src/core/audit/criteriaDiff';
import { diffEvidenceFile } from '../../../../src/core/git/diff';
import { createGit } from '../../../../src/core/git/git';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';
import { cli, ward } from '../../gitHelpers';

describe('git: safe file names', () => {
  it('cleans what Windows rejects and keeps Vietnamese text', () => {
    assert.equal(safeFileName('Quyết định 248/QĐ-UBND.pdf'), 'Quyết định 248-QĐ-UBND.pdf');
    assert.equal(safeFileName('Công bố ISO 9001:2015 <bản "chính"> | v2?*.pdf'), 'Công bố ISO 9001-2015 bản chính v2.pdf');
    assert.equal(safeFileName('a\u0000b\tc\n.pdf'), 'ab c.pdf');
    assert.equal(safeFileName('Báo cáo. . .'), 'Báo cáo');
    assert.equal(safeFileName('CON.pdf'), '_CON.pdf');
    assert.equal(safeFileName('lpt1'), '_lpt1');
    assert.equal(safeFileName('..hidden.pdf'), 'hidden.pdf');
    assert.equal(safeFileName('Kế hoạch.pdf'.normalize('NFD')), 'Kế hoạch.pdf'.normalize('NFC'));
  });

  it('shortens a long title within the byte bound, keeping the extension and whole characters', () => {
    const title = 'Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính của Ủy ban nhân dân phường '.repeat(6) + '.pdf';
    const name = safeFileName(title, 120);
    assert.ok(byteLength(name) <= 120, `${byteLength(name)} bytes`);
    assert.ok(name.endsWith('.pdf'));
    assert.ok(name.startsWith('Báo cáo kết quả'));
    assert.equal(name, name.normalize('NFC'));
    assert.ok(!/[ .]\.pdf$/.test(name), 'no trailing space before the extension');
  });

  it('adds " (2)", " (3)" on a case-insensitive collision', () => {
    const taken = new Set(['kế hoạch.pdf', 'kế hoạch (2).pdf'].map(collisionKey));
    assert.equal(uniqueName('KẾ HOẠCH.pdf', taken), 'KẾ HOẠCH (3).pdf');
    assert.equal(uniqueName('Khác.pdf', taken), 'Khác.pdf');
  });
});

describe('git: review and verification', () => {
  afterEach(cleanupTempDirs);

  it('verify: a repository built by add is clean; a commit changing evidence without trailers is named, exit 1', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'a.pdf': 'a', 'b.pdf': 'b' });
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'a.pdf')] });
    await addEvidence({ criteriaFile: criteria, target: '1.2', files: [path.join(sources, 'b.pdf')] });
    let result = await cli(['verify', '--since', base], repo);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /2 evidence commit\(s\), no problem/);
    writeFiles(repo, { 'evidence/1.1 Kế hoạch/a.pdf': 'a, edited without trailers' });
    git(repo, 'commit', '-q', '-am', 'edit plan');
    const bad = git(repo, 'rev-parse', '--short', 'HEAD').trim();
    result = await cli(['verify', '--since', base, '--json'], repo);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.out) as { offending: string[]; problems: Array<{ kind: string }> };
    assert.deepEqual(report.offending, [bad]);
    assert.deepEqual(report.problems.map((p) => p.kind).sort(), ['noCriterion', 'noHash']);
    // Without --since, the import commit (no trailers) is named as well.
    result = await cli(['verify'], repo);
    assert.equal(result.code, 1);
    assert.match(result.out, new RegExp(`^${bad} edit plan`, 'm'));
    assert.match(result.out, new RegExp(`^${git(repo, 'rev-parse', '--short', base).trim()} import`, 'm'));
  });

  it('verify: a forged hash and a hash for a file the commit did not change are reported', async () => {
    const { repo } = ward();
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    writeFiles(repo, { 'evidence/1.2 Báo cáo/q.pdf': 'q' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'evidence(1.2): add q', '-m', `Criterion: 1.2\nEvidence-SHA256: ${'0'.repeat(64)} evidence/1.2 Báo cáo/q.pdf\nEvidence-SHA256: ${'1'.repeat(64)} evidence/other.pdf`);
    const { code, out } = await cli(['verify', '--since', base, '--json'], repo);
    assert.equal(code, 1);
    const kinds = (JSON.parse(out) as { problems: Array<{ kind: string; path: string }> }).problems.map((p) => `${p.kind} ${p.path}`);
    assert.deepEqual(kinds.sort(), ['hashMismatch evidence/1.2 Báo cáo/q.pdf', 'hashUnknownPath evidence/other.pdf']);
  });

  it('verify --require-signed reports unsigned commits', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'a.pdf': 'a' });
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'a.pdf')] });
    assert.equal((await cli(['verify', '--since', base], repo)).code, 0);
    const { code, out } = await cli(['verify', '--since', base, '--require-signed'], repo);
    assert.equal(code, 1);
    assert.match(out, /not signed/);
  });

  it('CLI add, log and commit-pending through -C', async () => {
    const { repo, sources } = ward();
    writeFiles(sources, { 'Kế hoạch 2025.pdf': 'k' });
    const elsewhere = tempDir();
    const added = await cli(['add', '1.1', path.join(sources, 'Kế hoạch 2025.pdf'), '-C', repo], elsewhere);
    assert.equal(added.code, 0, added.err);
    assert.match(added.out, /^Committed [0-9a-f]{7,}: evidence\(1\.1\): add Kế hoạch 2025\n {2}\+ 1\.1 Kế hoạch\/Kế hoạch 2025\.pdf\n$/);
    const log = await cli(['log', '1.1', '-C', repo, '--json'], elsewhere);
    const commits = JSON.parse(log.out) as Array<{ subject: string; files: string[] }>;
    assert.deepEqual(
      commits.map((c) => c.subject),
      ['evidence(1.1): add Kế hoạch 2025', 'import'],
    );
    assert.deepEqual(commits[1].files, ['1.1 Kế hoạch/old.pdf']);
    assert.equal((await cli(['log', '9.9', '-C', repo], elsewhere)).code, 2);
    const pending = await cli(['commit-pending', '-C', repo], elsewhere);
    assert.match(pending.out, /No pending evidence/);
    const wrong = await cli(['add', '1.1', path.join(sources, 'nope.pdf'), '-C', repo], elsewhere);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /No such file/);
  });

  it('semantic diff of the criteria file: added, removed, moved, changed fields and requirements', async () => {
    const { repo } = ward();
    const before = sampleCriteria();
    const after = before
      .replace('maxScore: 2\n        owner: VP\n        due: "2025-10-15"', 'maxScore: 2\n        owner: VHXH\n        due: "2025-11-15"')
      .replace('path: "1.2 Báo cáo/*.pdf"\n            min: 4', 'path: "1.2 Báo cáo/**/*.pdf"\n            min: 3')
      .replace('id: "2.2"', 'id: "2.3"')
      .replace('          - title: Kết quả rà soát\n            path: "2.1/ket-qua-*.pdf"\n', '')
      .replace('tasks:\n', 'tasks:\n  - id: NV-02\n    title: Rà soát TTHC\n    owner: VP\n    criteria: ["2.1"]\n');
    writeFiles(repo, { 'criteria.yaml': after });
    git(repo, 'commit', '-q', '-am', 'criteria changes');
    const changes = diffCriteria(parseCriteria(before, 'c.yaml'), parseCriteria(after, 'c.yaml'));
    const text = renderCriteriaDiff(changes, 'en');
    for (const line of [
      '- moved 2.2 → 2.3 "Không áp dụng"',
      '- added NV-02 "Rà soát TTHC"',
      '- 1.2: owner VP → VHXH',
      '- 1.2: due 2025-10-15 → 2025-11-15',
      '- 1.2: evidence requirement "Báo cáo quý": path 1.2 Báo cáo/*.pdf → 1.2 Báo cáo/**/*.pdf',
      '- 1.2: evidence requirement "Báo cáo quý": min 4 → 3',
      '- 2.1: evidence requirement removed "Kết quả rà soát" (2.1/ket-qua-*.pdf)',
    ])
      assert.ok(text.includes(line), `${line}\n---\n${text}`);
    assert.equal(changes.length, 7, text);
    const { code, out } = await cli(['diff', 'HEAD~1', 'HEAD'], repo);
    assert.equal(code, 0);
    assert.ok(out.includes('- 1.2: owner VP → VHXH'));
    const none = await cli(['diff', 'HEAD'], repo);
    assert.match(none.out, /No change to criteria/);
    assert.equal((await cli(['diff', 'no-such-rev'], repo)).code, 2);
  });

  it('diff of an evidence file: text diff for text, a summary (size, hash, who, when) for binary', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria(), 'evidence/x.pdf': Buffer.from([37, 80, 68, 70, 0, 1]), 'evidence/notes.txt': 'line one\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    writeFiles(repo, { 'evidence/x.pdf': Buffer.from([37, 80, 68, 70, 0, 2, 3]), 'evidence/notes.txt': 'line two\n' });
    git(repo, 'commit', '-q', '-am', 'two');
    const g = createGit({ cwd: repo });
    const binary = await diffEvidenceFile(g, 'evidence/x.pdf', 'HEAD~1', 'HEAD');
    assert.equal(binary.binary, true);
    if (binary.binary) {
      assert.equal(binary.before.size, 6);
      assert.equal(binary.after.size, 7);
      assert.equal(binary.after.commit?.subject, 'two');
      assert.equal(binary.before.commit?.author, 'Test');
    }
    const text = await diffEvidenceFile(g, 'evidence/notes.txt', 'HEAD~1');
    assert.equal(text.binary, false);
    if (!text.binary) assert.match(text.text, /-line one\n\+line two/);
    const { out } = await cli(['diff', 'HEAD~1', '--file', 'x.pdf'], repo);
    assert.match(out, /before \(HEAD~1\): 6 bytes, SHA-256 [0-9a-f]{64}/);
    assert.match(out, /after \(working tree\): 7 bytes/);
  });

  it('push after commit: pushed to the remote; a push rejected because the remote moved on syncs; one sync cannot fix keeps the commit and says so', async () => {
    const remote = tempDir('re-remote-');
    git(remote, 'init', '-q', '--bare', '-b', 'main');
    const { repo, criteria, sources } = ward();
    git(repo, 'remote', 'add', 'origin', remote);
    git(repo, 'push', '-q', '-u', 'origin', 'main');
    writeFiles(sources, { 'a.pdf': 'a', 'b.pdf': 'b', 'c.pdf': 'c' });
    const pushed = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'a.pdf')], push: true });
    assert.equal(pushed.pushed, true);
    assert.equal(git(remote, 'rev-parse', 'main').trim(), pushed.hash);
    // Someone else pushes first: ours is rejected (non-fast-forward), then synced on top of theirs.
    const other = tempDir('re-other-');
    git(other, 'clone', '-q', remote, '.');
    git(other, 'config', 'user.name', 'Other');
    git(other, 'config', 'user.email', 'o@example.com');
    git(other, 'commit', '-q', '--allow-empty', '-m', 'other');
    git(other, 'push', '-q');
    const synced = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'b.pdf')], push: true });
    assert.equal(synced.pushed, true);
    assert.equal(synced.pushError, undefined);
    assert.deepEqual([synced.synced?.received, synced.synced?.sent, synced.synced?.rebased], [1, 1, true]);
    assert.equal(git(remote, 'rev-parse', 'main').trim(), synced.hash);
    assert.equal(git(repo, 'rev-parse', 'HEAD~1').trim(), git(other, 'rev-parse', 'HEAD').trim());
    // The other unit commits the very file we are about to add: the sync refuses, our commit stays here.
    git(other, 'pull', '-q');
    writeFiles(other, { 'evidence/1.1 Kế hoạch/c.pdf': 'theirs' });
    git(other, 'add', '.');
    git(other, 'commit', '-q', '-m', 'c');
    git(other, 'push', '-q');
    const rejected = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'c.pdf')], push: true });
    assert.equal(rejected.pushed, false);
    assert.equal(rejected.pushError?.code, 'syncConflict');
    assert.match(rejected.pushError?.localized('en') ?? '', /c\.pdf/);
    assert.equal(git(repo, 'rev-parse', 'HEAD').trim(), rejected.hash);
    assert.equal(readFileSync(path.join(repo, 'evidence/1.1 Kế hoạch/c.pdf'), 'utf8'), 'c');
  });

  it('adds the first evidence of a repository without commits', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria() });
    const sources = tempDir();
    writeFiles(sources, { 'a.pdf': 'a' });
    const result = await addEvidence({ criteriaFile: path.join(repo, 'criteria.yaml'), target: '1.1', files: [path.join(sources, 'a.pdf')] });
    assert.equal(git(repo, 'rev-parse', 'HEAD').trim(), result.hash);
    assert.match(git(repo, 'status', '--porcelain'), /^\?\? criteria\.yaml\n$/);
  });
});
