import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { addEvidence, commitPending } from '../../../../src/core/evidence/addEvidence';
import { isGitError, type GitErrorCode } from '../../../../src/core/git/errors';
import { gitProcessCount } from '../../../../src/core/git/git';
import { evidenceHashes, parseTrailers } from '../../../../src/core/git/trailers';
import { verifyAuditTrail } from '../../../../src/core/audit/verify';
import { createGit } from '../../../../src/core/git/git';
import { cleanupTempDirs, git, sampleCriteria, tempDir, writeFiles } from '../../helpers';
import { cli, isolateGitConfig, startConflictingMerge, sha256, snapshot, ward } from '../../gitHelpers';

const staged = (repo: string) => git(repo, 'diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean);

describe('git: adding evidence', () => {
  afterEach(cleanupTempDirs);

  it('copies under a safe NFC name, commits only that file with trailers and hashes, and verifies clean', async () => {
    const { repo, criteria, sources } = ward();
    const nfdName = 'Kế hoạch CCHC năm 2025.pdf'.normalize('NFD');
    writeFiles(sources, { [nfdName]: Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 0xff]) });
    // Something of the user's, already staged, must stay staged and out of our commit.
    writeFiles(repo, { 'notes.txt': 'draft' });
    git(repo, 'add', 'notes.txt');
    const before = snapshot(sources);
    const result = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, nfdName)] });
    assert.deepEqual(result.added, ['1.1 Kế hoạch/Kế hoạch CCHC năm 2025.pdf']);
    assert.equal(result.subject, 'evidence(1.1): add Kế hoạch CCHC năm 2025');
    const committed = git(repo, 'show', '--name-only', '-z', '--format=', 'HEAD').split('\0').filter(Boolean);
    assert.deepEqual(committed, ['evidence/1.1 Kế hoạch/Kế hoạch CCHC năm 2025.pdf'], 'NFC path, only our file');
    assert.equal(Buffer.from(committed[0]).equals(Buffer.from('evidence/1.1 Kế hoạch/Kế hoạch CCHC năm 2025.pdf'.normalize('NFC'))), true);
    const trailers = parseTrailers(git(repo, 'log', '-1', '--format=%(trailers:only,unfold)'));
    assert.deepEqual(
      trailers.filter((t) => t.key !== 'Evidence-SHA256'),
      [
        { key: 'Criterion', value: '1.1' },
        { key: 'Requirement', value: 'Kế hoạch' },
        { key: 'Unit', value: 'VHXH' },
      ],
    );
    assert.equal(evidenceHashes(trailers).get(committed[0]), sha256(readFileSync(path.join(sources, nfdName))));
    assert.deepEqual(staged(repo), ['notes.txt'], "the user's staged file is still staged, not committed");
    assert.deepEqual(snapshot(sources), before, 'the source files are untouched');
    const report = await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: 'HEAD~1' });
    assert.deepEqual(report.problems, []);
  });

  it('turns "/" of a document number into "-" and keeps the extension', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'scan001.pdf': 'decision' });
    const result = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'scan001.pdf')], name: 'Quyết định 248/QĐ-UBND ngày 31/7/2025.pdf' });
    assert.deepEqual(result.added, ['1.1 Kế hoạch/Quyết định 248-QĐ-UBND ngày 31-7-2025.pdf']);
    assert.equal(readFileSync(path.join(repo, 'evidence', result.added[0]), 'utf8'), 'decision');
  });

  it('never overwrites: a name taken (even in another case) gets " (2)"', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'OLD.pdf': 'new content' });
    const result = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'OLD.pdf')] });
    assert.deepEqual(result.added, ['1.1 Kế hoạch/OLD (2).pdf']);
    assert.equal(readFileSync(path.join(repo, 'evidence/1.1 Kế hoạch/old.pdf'), 'utf8'), 'old plan');
  });

  it('lower-cases an extension the glob only accepts in lower case, and refuses a file the requirement would not count', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'SCAN.PDF': 'x', 'Kế hoạch.docx': 'docx' });
    const ok = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'SCAN.PDF')] });
    assert.deepEqual(ok.added, ['1.1 Kế hoạch/SCAN.pdf']);
    const head = git(repo, 'rev-parse', 'HEAD');
    const before = snapshot(repo);
    await assert.rejects(addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'Kế hoạch.docx')] }), /would not count.*\*\.pdf/s);
    assert.equal(git(repo, 'rev-parse', 'HEAD'), head);
    assert.deepEqual(snapshot(repo), before);
  });

  it('asks for --requirement when there are several, and uses the static folder of the chosen glob', async () => {
    const { criteria, sources } = ward();
    writeFiles(sources, { 'Kế hoạch rà soát.docx': 'k', 'ket-qua-2025.pdf': 'r' });
    await assert.rejects(addEvidence({ criteriaFile: criteria, target: '2.1', files: [path.join(sources, 'ket-qua-2025.pdf')] }), /several evidence requirements/);
    const first = await addEvidence({ criteriaFile: criteria, target: '2.1', requirement: 1, files: [path.join(sources, 'Kế hoạch rà soát.docx')] });
    assert.deepEqual(first.added, ['2.1/Kế hoạch rà soát.docx']);
    const second = await addEvidence({ criteriaFile: criteria, target: '2.1', requirement: 2, files: [path.join(sources, 'ket-qua-2025.pdf')] });
    assert.deepEqual(second.added, ['2.1/ket-qua-2025.pdf']);
    await assert.rejects(addEvidence({ criteriaFile: criteria, target: '1', files: [path.join(sources, 'ket-qua-2025.pdf')] }), /sub-criteria/);
  });

  it('adds task evidence with Task and the linked Criterion trailers', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'Danh sách.pdf': 'list' });
    await addEvidence({ criteriaFile: criteria, target: 'NV-01', files: [path.join(sources, 'Danh sách.pdf')] });
    const trailers = parseTrailers(git(repo, 'log', '-1', '--format=%(trailers:only,unfold)'));
    assert.deepEqual(
      trailers.filter((t) => t.key === 'Criterion' || t.key === 'Task').map((t) => `${t.key}: ${t.value}`),
      ['Criterion: 1.1', 'Task: NV-01'],
    );
  });

  it('commit-pending commits untracked and modified matching files, one commit per criterion, nothing else', async () => {
    const { repo, criteria } = ward();
    writeFiles(repo, {
      'evidence/1.1 Kế hoạch/old.pdf': 'old plan, signed version',
      'evidence/1.2 Báo cáo/quý 3.pdf': 'q3',
      'evidence/1.2 Báo cáo/quý 4.pdf': 'q4',
      'evidence/unmatched.txt': 'not evidence of anything',
      'other.txt': 'user staged',
    });
    git(repo, 'add', 'other.txt');
    const results = await commitPending({ criteriaFile: criteria });
    assert.deepEqual(
      results.map((r) => r.subject),
      ['evidence(1.1): update old', 'evidence(1.2): add quý 3 (+1)'],
    );
    assert.deepEqual(git(repo, 'show', '--name-only', '-z', '--format=', 'HEAD').split('\0').filter(Boolean).sort(), ['evidence/1.2 Báo cáo/quý 3.pdf', 'evidence/1.2 Báo cáo/quý 4.pdf']);
    assert.deepEqual(staged(repo), ['other.txt']);
    assert.match(git(repo, 'status', '--porcelain', '--', 'evidence/unmatched.txt'), /^\?\?/);
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: 'HEAD~2' })).problems, []);
    assert.deepEqual(await commitPending({ criteriaFile: criteria }), []);
  });

  it('two add processes started at once both land, in two commits, nothing lost', async function () {
    this.timeout(60000);
    const { repo, sources } = ward();
    const cliPath = path.resolve(__dirname, '../../../../../dist/cli.js');
    assert.ok(existsSync(cliPath), 'npm run build first');
    writeFiles(sources, { 'a/Biên bản.pdf': 'from process A', 'b/Biên bản.pdf': 'from process B' });
    const { spawn } = await import('node:child_process');
    const start = (file: string) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [cliPath, 'add', '1.1', file, '-C', repo], { env: { ...process.env, LANG: 'C' } });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ code, err }));
      });
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const [a, b] = await Promise.all([start(path.join(sources, 'a/Biên bản.pdf')), start(path.join(sources, 'b/Biên bản.pdf'))]);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    assert.equal(git(repo, 'rev-list', '--count', `${head}..HEAD`).trim(), '2');
    const contents = ['Biên bản.pdf', 'Biên bản (2).pdf'].map((n) => readFileSync(path.join(repo, 'evidence/1.1 Kế hoạch', n), 'utf8')).sort();
    assert.deepEqual(contents, ['from process A', 'from process B']);
    assert.equal(git(repo, 'status', '--porcelain'), '');
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: head })).problems, []);
  });

  it('waits for a fresh index.lock to be released, and reports a stale one at once', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'a.pdf': 'a', 'b.pdf': 'b' });
    const lock = path.join(repo, '.git/index.lock');
    writeFileSync(lock, '');
    const release = setTimeout(() => rmSync(lock), 1200);
    const result = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'a.pdf')] });
    clearTimeout(release);
    assert.deepEqual(result.added, ['1.1 Kế hoạch/a.pdf']);

    writeFileSync(lock, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const before = snapshot(repo);
    const started = Date.now();
    await assert.rejects(addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'b.pdf')] }), (e: unknown) => isGitError(e, 'indexLocked') && /index\.lock/.test(e.message));
    assert.ok(Date.now() - started < 5000, 'a stale lock is reported without waiting out the bound');
    assert.deepEqual(snapshot(repo), before, 'the copy is removed again');
    assert.ok(existsSync(lock), 'we never delete the lock ourselves');
  });
});

interface FailureCase {
  name: string;
  code: GitErrorCode;
  arrange: (repo: string) => void;
  pattern?: RegExp;
}

const FAILURES: FailureCase[] = [
  {
    name: 'a failing pre-commit hook',
    code: 'hookFailed',
    pattern: /refused by the ward hook/,
    arrange: (repo) => {
      writeFileSync(path.join(repo, '.git/hooks/pre-commit'), '#!/bin/sh\necho "refused by the ward hook" >&2\nexit 1\n');
      chmodSync(path.join(repo, '.git/hooks/pre-commit'), 0o755);
    },
  },
  {
    name: 'a failing commit signature',
    code: 'signingFailed',
    arrange: (repo) => {
      git(repo, 'config', 'commit.gpgsign', 'true');
      git(repo, 'config', 'gpg.program', '/bin/false');
    },
  },
  {
    name: 'a merge in progress',
    code: 'mergeInProgress',
    arrange: (repo) => {
      startConflictingMerge(repo);
    },
  },
  {
    name: 'a rebase in progress',
    code: 'rebaseInProgress',
    arrange: (repo) => mkdirSync(path.join(repo, '.git/rebase-merge')),
  },
  { name: 'a detached HEAD', code: 'detachedHead', arrange: (repo) => git(repo, 'checkout', '-q', '--detach') },
  {
    name: 'no user.name / user.email',
    code: 'noIdentity',
    arrange: (repo) => {
      git(repo, 'config', '--unset', 'user.name');
      git(repo, 'config', '--unset', 'user.email');
    },
  },
];

describe('git: every failure leaves the user’s files and index as they were', () => {
  isolateGitConfig();

  for (const failure of FAILURES) {
    it(`${failure.name}: typed error "${failure.code}", nothing lost, nothing extra staged`, async () => {
      const { repo, criteria, sources } = ward();
      writeFiles(sources, { 'Báo cáo 12-QĐ.pdf': Buffer.from([1, 2, 3, 0, 255]), 'Tờ trình.pdf': 'to trinh' });
      failure.arrange(repo);
      writeFiles(repo, { 'mine.txt': 'user work' });
      git(repo, 'add', 'mine.txt');
      const repoBefore = snapshot(repo);
      const sourcesBefore = snapshot(sources);
      const stagedBefore = staged(repo);
      const headBefore = git(repo, 'rev-parse', 'HEAD');
      await assert.rejects(
        addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'Báo cáo 12-QĐ.pdf'), path.join(sources, 'Tờ trình.pdf')] }),
        (e: unknown) => {
          assert.ok(isGitError(e, failure.code), `expected ${failure.code}, got ${String(e)}`);
          if (failure.pattern) assert.match(e.message, failure.pattern);
          assert.ok(e.localized('vi').length > 0 && e.localized('vi') !== e.localized('en'), 'Vietnamese message');
          return true;
        },
      );
      assert.deepEqual(snapshot(sources), sourcesBefore, 'source files byte for byte');
      assert.deepEqual(snapshot(repo), repoBefore, 'work tree byte for byte (copies removed)');
      assert.deepEqual(staged(repo), stagedBefore, 'index: only what the user had staged');
      assert.equal(git(repo, 'rev-parse', 'HEAD'), headBefore);
    });
  }

  it('not a Git work tree: typed "notRepo", nothing copied', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria() });
    const sources = tempDir('re-sources-');
    writeFiles(sources, { 'a.pdf': 'a' });
    const before = snapshot(dir);
    await assert.rejects(addEvidence({ criteriaFile: path.join(dir, 'criteria.yaml'), target: '1.1', files: [path.join(sources, 'a.pdf')] }), (e: unknown) => isGitError(e, 'notRepo'));
    assert.deepEqual(snapshot(dir), before);
    const { code, err } = await cli(['add', '1.1', path.join(sources, 'a.pdf'), '-C', dir], dir);
    assert.equal(code, 1);
    assert.match(err, /not inside a Git repository/);
  });

  it('an untrusted workspace runs no Git at all', async () => {
    const { repo, criteria, sources } = ward();
    writeFiles(sources, { 'a.pdf': 'a' });
    const before = snapshot(repo);
    const count = gitProcessCount();
    await assert.rejects(addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'a.pdf')], isTrusted: () => false }), (e: unknown) => isGitError(e, 'notTrusted'));
    assert.equal(gitProcessCount(), count);
    assert.deepEqual(snapshot(repo), before);
  });
});
