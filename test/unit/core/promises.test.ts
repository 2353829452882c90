// Promises of the README that no other test states: the overdue boundary and waived items, the CSV formula
// guard, safe file names (backslash, bidirectional overrides, the 240-byte name and 400-byte path limits),
// `lockBusy` when a live Git holds the lock past the wait, and the problem codes RE002, RE122 and RE202 from
// real criteria files.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { addEvidence } from '../../../src/core/evidence/addEvidence';
import { safeFileName } from '../../../src/core/evidence/safeName';
import { isGitError } from '../../../src/core/git/errors';
import { createGit } from '../../../src/core/git/git';
import type { CriterionStatus, StatusModel } from '../../../src/core/model/types';
import { parseCriteria } from '../../../src/core/parse/parseCriteria';
import { csvField, toCsv } from '../../../src/core/report/format';
import { loadWorkspace } from '../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../helpers';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function criterion(model: StatusModel, id: string): CriterionStatus {
  const visit = (nodes: CriterionStatus[]): CriterionStatus | undefined => {
    for (const n of nodes) {
      if (n.id === id) return n;
      const inner = visit(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  const found = visit(model.areas);
  assert.ok(found, `criterion ${id} in the model`);
  return found;
}

describe('promises: overdue', () => {
  afterEach(cleanupTempDirs);

  /** The sample ward: 1.1 due 2025-12-15 (NV-01's evidence present, so only its own date counts), NV-01 due 2025-11-08. */
  async function model(asOf: string, files: Record<string, string> = { 'evidence/ISO/danh-sach.pdf': 'x' }, extra = ''): Promise<StatusModel> {
    const dir = tempDir();
    const text = sampleCriteria(extra).replace('        notApplicable:', '        due: "2025-01-01"\n        notApplicable:');
    writeFiles(dir, { 'criteria.yaml': text, ...files });
    return (await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf })).model;
  }

  it('a criterion due on the as-of date is not overdue; the day after it is', async () => {
    assert.equal(criterion(await model('2025-12-14'), '1.1').overdue, false);
    assert.equal(criterion(await model('2025-12-15'), '1.1').overdue, false, 'due date equal to the as-of date');
    assert.equal(criterion(await model('2025-12-16'), '1.1').overdue, true);
  });

  it('a task due on the as-of date is not overdue; the day after it is', async () => {
    const task = async (asOf: string) => (await model(asOf, {})).tasks.find((t) => t.id === 'NV-01');
    assert.equal((await task('2025-11-08'))?.overdue, false, 'due date equal to the as-of date');
    assert.equal((await task('2025-11-09'))?.overdue, true);
  });

  it('a waived criterion and a task that only serves waived criteria are never overdue, long after their dates', async () => {
    const extra = '  - id: NV-02\n    title: Rà soát\n    owner: VP\n    due: "2025-01-01"\n    criteria: ["2.2"]\n';
    const m = await model('2026-06-30', {}, extra);
    const waived = criterion(m, '2.2');
    assert.deepEqual([waived.state, waived.overdue], ['waived', false]);
    const task = m.tasks.find((t) => t.id === 'NV-02');
    assert.deepEqual([task?.state, task?.overdue], ['waived', false]);
    // The control: a missing criterion due the same day is overdue.
    assert.equal(criterion(m, '1.2').overdue, true);
    assert.equal(m.byArea.find((a) => a.id === '2')?.overdue, 0, 'area 2 counts nothing overdue');
  });
});

describe('promises: the CSV formula guard', () => {
  for (const [lead, text] of [
    ['=', '=HYPERLINK("http://example.invalid","x")'],
    ['+', '+1+1'],
    ['-', '-2+3'],
    ['@', '@SUM(A1:A2)'],
    ['tab', '\t=1+1'],
    ['carriage return', '\r=1+1'],
  ]) {
    it(`a cell starting with ${lead} gets a leading apostrophe`, () => {
      const cell = csvField(text);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      assert.equal(unquoted, `'${text}`);
      assert.equal(toCsv([['a', text]]), `\uFEFFa,${cell}\r\n`);
    });
  }

  it('leaves other text and negative numbers alone', () => {
    assert.equal(csvField('a=1'), 'a=1');
    assert.equal(csvField(' =1'), ' =1');
    assert.equal(csvField(-1.5), '-1.5');
    assert.equal(csvField('Kế hoạch, 2025'), '"Kế hoạch, 2025"');
  });
});

describe('promises: safe file names', () => {
  afterEach(cleanupTempDirs);

  it('a backslash becomes "-"', () => {
    assert.equal(safeFileName('Báo cáo\\Quý 3\\2025.pdf'), 'Báo cáo-Quý 3-2025.pdf');
  });

  it('bidirectional overrides, isolates and marks are removed', () => {
    // "invoice‮fdp.exe" would show as "invoiceexe.pdf" in a file list.
    assert.equal(safeFileName('invoice\u202efdp.exe'), 'invoicefdp.exe');
    assert.equal(safeFileName('a\u202ab\u202bc\u202cd\u202de.pdf'), 'abcde.pdf');
    assert.equal(safeFileName('x\u2066y\u2067z\u2068w\u2069.pdf'), 'xyzw.pdf');
    assert.equal(safeFileName('l\u200er\u200fm.pdf'), 'lrm.pdf');
  });

  it('a name is cut to 240 UTF-8 bytes on whole characters, keeping the extension', () => {
    const title = 'Nghị quyết ' + 'về cải cách hành chính '.repeat(30);
    const name = safeFileName(`${title}.pdf`);
    assert.ok(bytes(`${title}.pdf`) > 240);
    assert.ok(bytes(name) <= 240 && bytes(name) > 230, `${bytes(name)} bytes`);
    assert.ok(name.endsWith('.pdf'));
    assert.ok(`${title}.pdf`.startsWith(name.slice(0, -4).trimEnd()), 'a prefix of the title, whole characters');
    assert.equal(safeFileName('ệ'.repeat(100) + '.pdf').length, 78 + 4, '78 three-byte letters and ".pdf" fit 240 bytes');
  });

  it('the path from the repository top stays within 400 bytes; a folder leaving no room is refused', async () => {
    // Two 150-byte folders: evidence/ + 301 bytes = 310 bytes, so a name gets 400 - 310 - 1 = 89 bytes.
    const deep = `${'a'.repeat(150)}/${'b'.repeat(150)}`;
    const tooDeep = `${'c'.repeat(195)}/${'d'.repeat(195)}`;
    const repo = initRepo();
    const text = sampleCriteria().replace('path: "1.1 Kế hoạch/*.pdf"', `path: "${deep}/*.pdf"`).replace('path: "2.1/ket-qua-*.pdf"', `path: "${tooDeep}/*.pdf"`);
    writeFiles(repo, { 'criteria.yaml': text });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'import');
    const sources = tempDir('re-sources-');
    const long = `Kế hoạch cải cách hành chính ${'năm 2025 '.repeat(20)}.pdf`;
    writeFiles(sources, { [long]: '%PDF' });
    const result = await addEvidence({ criteriaFile: path.join(repo, 'criteria.yaml'), target: '1.1', files: [path.join(sources, long)] });
    const committed = git(repo, 'show', '--name-only', '-z', '--format=', 'HEAD').split('\0').filter(Boolean);
    assert.equal(committed.length, 1);
    assert.ok(bytes(committed[0]) <= 400 && bytes(committed[0]) > 390, `${bytes(committed[0])} bytes: ${committed[0]}`);
    assert.ok(committed[0].startsWith(`evidence/${deep}/Kế hoạch cải cách hành chính`) && committed[0].endsWith('.pdf'));
    assert.deepEqual(result.added, [committed[0].slice('evidence/'.length)]);
    await assert.rejects(
      addEvidence({ criteriaFile: path.join(repo, 'criteria.yaml'), target: '2.1', requirement: 2, files: [path.join(sources, long)] }),
      (e: Error) => /too long|quá dài/i.test(e.message),
    );
  });
});

describe('promises: lockBusy', function () {
  this.timeout(30_000);
  afterEach(cleanupTempDirs);

  it('a live Git holding index.lock past the (shortened) wait gives lockBusy, naming the lock and the wait', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'a.txt': 'a' });
    const lock = path.join(repo, '.git/index.lock');
    writeFileSync(lock, '');
    // A live Git program working in the repository: waits on its stdin until we close it.
    const live = spawn('git', ['hash-object', '--stdin'], { cwd: repo, stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      const gitApi = createGit({ cwd: repo, lockWaitMs: 1500 });
      const started = Date.now();
      await assert.rejects(gitApi.write(['add', 'a.txt']), (e: unknown) => {
        assert.ok(isGitError(e, 'lockBusy'), `expected lockBusy, got ${String(e)}`);
        assert.match(e.localized('en'), /index\.lock held for more than 2 s/);
        assert.match(e.localized('vi'), /Một chương trình Git khác/);
        return true;
      });
      const waited = Date.now() - started;
      assert.ok(waited >= 1500 && waited < 10_000, `waited ${waited} ms`);
    } finally {
      live.stdin.end();
      live.kill();
    }
  });
});

describe('promises: problem codes from real criteria files', () => {
  const FILE = '/ward/criteria.yaml';
  const problems = (text: string, locale: 'en' | 'vi' = 'en') => parseCriteria(text, FILE, { locale }).problems.map((p) => ({ code: p.code, severity: p.severity, message: p.message, line: p.range.start.line + 1 }));

  it('RE002: a YAML warning (an unknown tag) is reported on its line', () => {
    const text = sampleCriteria().replace('title: Bộ chỉ số thử nghiệm', 'title: !custom Bộ chỉ số thử nghiệm');
    assert.deepEqual(problems(text), [{ code: 'RE002', severity: 'warning', message: 'YAML warning: Unresolved tag: !custom', line: 4 }]);
    assert.match(problems(text, 'vi')[0].message, /^Cảnh báo YAML: /);
  });

  it('RE122: an area id with a dot', () => {
    const text = sampleCriteria().replace('  - id: "2"\n    title: Cải cách thể chế\n    children:\n      - id: "2.1"', '  - id: "2.5"\n    title: Cải cách thể chế\n    children:\n      - id: "2.5.1"');
    const found = problems(text).filter((p) => p.code === 'RE122');
    assert.deepEqual(found, [{ code: 'RE122', severity: 'error', message: 'An area id must be a single number, not "2.5".', line: 34 }]);
  });

  it('RE202: a selfScore above the maxScore', () => {
    const text = sampleCriteria().replace('        owner: VHXH\n        due: "2025-12-15"', '        owner: VHXH\n        selfScore: 1.5\n        due: "2025-12-15"');
    assert.deepEqual(problems(text), [{ code: 'RE202', severity: 'warning', message: 'selfScore 1.5 is greater than maxScore 1.', line: 21 }]);
    assert.equal(problems(text.replace('selfScore: 1.5', 'selfScore: 1')).length, 0, 'equal to the maximum is fine');
  });
});
