// Faults against real Git repositories. Each fault: a typed error, the user's files byte-identical, the index
// and HEAD as they were, nothing left behind; then the cause is removed and the same operation succeeds,
// committing exactly our files. Then twenty adds at once, in one process and from several processes.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { addEvidence, commitPending } from '../../../../src/core/evidence/addEvidence';
import { EvidenceError, GitOperationError } from '../../../../src/core/git/errors';
import { createGit, gitProcessCount } from '../../../../src/core/git/git';
import { evidenceHashes, parseTrailers } from '../../../../src/core/git/trailers';
import { verifyAuditTrail } from '../../../../src/core/audit/verify';
import { cleanupTempDirs, git, initRepo, writeFiles } from '../../helpers';
import { isolateGitConfig, startConflictingMerge, sha256, snapshot, ward } from '../../gitHelpers';

interface Ward {
  repo: string;
  criteria: string;
  sources: string;
}

interface Fault {
  name: string;
  /** The typed error: a GitOperationError code or an EvidenceError key. */
  expect: string;
  /** Criterion the evidence is added to (default 1.1). */
  target?: string;
  arrange: (w: Ward) => void;
  /** Runs while the operation runs (a race). */
  during?: (w: Ward) => Promise<void>;
  /** Removes the cause. */
  heal: (w: Ward) => void;
  untrusted?: boolean;
  /** Arrange after the user's own work is in place (a lock would stop the user's `git add`). */
  arrangeLast?: boolean;
  /** Also run commit-pending under this fault (faults of Git, not of the evidence folder or the sources). */
  pending?: boolean;
}

const SOURCE_NAMES = ['Báo cáo 12-QĐ.pdf', 'Tờ trình.pdf'];
const SOURCE_BYTES: Record<string, Buffer> = { 'Báo cáo 12-QĐ.pdf': Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 255]), 'Tờ trình.pdf': Buffer.from('tờ trình') };

const isRepo = (dir: string) => existsSync(path.join(dir, '.git'));
const staged = (repo: string) => (isRepo(repo) ? git(repo, 'diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean) : []);
/** The whole index (mode, blob, stage, path): stronger than the names of staged paths. */
const indexState = (repo: string) => (isRepo(repo) ? git(repo, 'ls-files', '-s', '-z') : '');
function head(repo: string): string {
  if (!isRepo(repo)) return '';
  try {
    return git(repo, 'rev-parse', '-q', '--verify', 'HEAD').trim();
  } catch {
    return ''; // Not a repository, or no commit yet.
  }
}
const fsck = (repo: string) => git(repo, 'fsck', '--full', '--strict', '--no-dangling');
const commitFiles = (repo: string, rev = 'HEAD') => git(repo, 'show', '--name-only', '-z', '--format=', rev).split('\0').filter(Boolean).sort();

/**
 * Makes `dir` refuse new files even for root (tests run as root in CI, and root ignores permission bits):
 * chmod 0555, then the immutable attribute where the file system and our capabilities allow it. Returns
 * false when nothing made a write fail, so the caller can say so instead of testing nothing.
 */
function makeReadOnly(dir: string): boolean {
  chmodSync(dir, 0o555);
  if (canWrite(dir)) {
    try {
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    } catch {
      // No chattr, or a file system / container without immutable files.
    }
  }
  return !canWrite(dir);
}

function makeWritable(dir: string): void {
  try {
    execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
  } catch {
    // It was never made immutable.
  }
  chmodSync(dir, 0o755);
}

function canWrite(dir: string): boolean {
  const probe = path.join(dir, `.probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

function hook(repo: string, name: string, script: string): void {
  const file = path.join(repo, '.git/hooks', name);
  writeFileSync(file, script);
  chmodSync(file, 0o755);
}

const FAULTS: Fault[] = [
  {
    name: 'a failing pre-commit hook',
    expect: 'hookFailed',
    pending: true,
    arrange: ({ repo }) => hook(repo, 'pre-commit', '#!/bin/sh\necho "refused by the ward hook" >&2\nexit 1\n'),
    heal: ({ repo }) => rmSync(path.join(repo, '.git/hooks/pre-commit')),
  },
  {
    name: 'a failing commit-msg hook',
    expect: 'hookFailed',
    pending: true,
    arrange: ({ repo }) => hook(repo, 'commit-msg', '#!/bin/sh\necho "message refused" >&2\nexit 1\n'),
    heal: ({ repo }) => rmSync(path.join(repo, '.git/hooks/commit-msg')),
  },
  {
    name: 'a failing commit signature',
    expect: 'signingFailed',
    pending: true,
    arrange: ({ repo }) => {
      git(repo, 'config', 'commit.gpgsign', 'true');
      git(repo, 'config', 'gpg.program', '/bin/false');
    },
    heal: ({ repo }) => git(repo, 'config', 'commit.gpgsign', 'false'),
  },
  {
    name: 'a merge in progress',
    expect: 'mergeInProgress',
    pending: true,
    arrange: ({ repo }) => {
      startConflictingMerge(repo);
      assert.ok(existsSync(path.join(repo, '.git/MERGE_HEAD')));
    },
    heal: ({ repo }) => git(repo, 'merge', '--abort'),
  },
  {
    name: 'a rebase in progress',
    expect: 'rebaseInProgress',
    pending: true,
    arrange: ({ repo }) => {
      // A real interrupted rebase: an `edit` stop leaves .git/rebase-merge behind.
      writeFiles(repo, { 'a.txt': 'a' });
      git(repo, 'add', 'a.txt');
      git(repo, 'commit', '-q', '-m', 'a');
      execFileSync('git', ['rebase', '-q', '-i', 'HEAD~1'], { cwd: repo, env: { ...process.env, GIT_SEQUENCE_EDITOR: "sed -i 's/^pick/edit/'" }, stdio: 'ignore' });
      assert.ok(existsSync(path.join(repo, '.git/rebase-merge')));
    },
    heal: ({ repo }) => git(repo, 'rebase', '--abort'),
  },
  {
    name: 'a detached HEAD',
    expect: 'detachedHead',
    pending: true,
    arrange: ({ repo }) => git(repo, 'checkout', '-q', '--detach'),
    heal: ({ repo }) => git(repo, 'checkout', '-q', 'main'),
  },
  {
    name: 'no user.name / user.email',
    expect: 'noIdentity',
    pending: true,
    arrange: ({ repo }) => {
      git(repo, 'config', '--unset', 'user.name');
      git(repo, 'config', '--unset', 'user.email');
    },
    heal: ({ repo }) => {
      git(repo, 'config', 'user.name', 'Nguyễn Văn A');
      git(repo, 'config', 'user.email', 'a@example.gov.vn');
    },
  },
  {
    name: 'a stale index.lock',
    expect: 'indexLocked',
    pending: true,
    arrangeLast: true,
    arrange: ({ repo }) => {
      const lock = path.join(repo, '.git/index.lock');
      writeFileSync(lock, '');
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
    },
    heal: ({ repo }) => rmSync(path.join(repo, '.git/index.lock')),
  },
  {
    name: 'not a Git repository',
    expect: 'notRepo',
    pending: true,
    arrange: ({ repo }) => rmSync(path.join(repo, '.git'), { recursive: true, force: true }),
    heal: ({ repo }) => void initRepo(repo),
  },
  {
    name: 'an untrusted workspace',
    expect: 'notTrusted',
    pending: true,
    untrusted: true,
    arrange: () => undefined,
    heal: () => undefined,
  },
  {
    name: 'a read-only evidence folder',
    expect: 'evidence.cannotWrite',
    arrange: ({ repo }) => {
      const folder = path.join(repo, 'evidence/1.1 Kế hoạch');
      if (!makeReadOnly(folder)) throw new Error('SKIP: neither chmod nor chattr makes a folder read-only here');
    },
    heal: ({ repo }) => makeWritable(path.join(repo, 'evidence/1.1 Kế hoạch')),
  },
  {
    name: 'a file where the evidence folder should be',
    expect: 'evidence.cannotWrite',
    target: '1.2',
    arrange: ({ repo }) => writeFiles(repo, { 'evidence/1.2 Báo cáo': 'a file, not a folder' }),
    heal: ({ repo }) => rmSync(path.join(repo, 'evidence/1.2 Báo cáo')),
  },
  {
    name: 'the evidence file deleted before the add starts',
    expect: 'evidence.noSource',
    arrange: ({ sources }) => rmSync(path.join(sources, SOURCE_NAMES[1])),
    heal: ({ sources }) => writeFiles(sources, { [SOURCE_NAMES[1]]: SOURCE_BYTES[SOURCE_NAMES[1]] }),
  },
  {
    name: 'the evidence file deleted between choosing and copying',
    expect: 'evidence.noSource',
    arrange: () => undefined,
    // The sources are checked before the first Git call; once Git runs (several calls before any copy), delete.
    during: async ({ sources }) => {
      const start = gitProcessCount();
      const limit = Date.now() + 20_000;
      while (gitProcessCount() === start && Date.now() < limit) await new Promise((resolve) => setImmediate(resolve));
      rmSync(path.join(sources, SOURCE_NAMES[1]));
    },
    heal: ({ sources }) => writeFiles(sources, { [SOURCE_NAMES[1]]: SOURCE_BYTES[SOURCE_NAMES[1]] }),
  },
];

function isTyped(error: unknown, expected: string): error is GitOperationError | EvidenceError {
  if (error instanceof GitOperationError) return error.code === expected;
  if (error instanceof EvidenceError) return error.key === expected;
  return false;
}

/** Everything a failed operation must leave exactly as it was. */
function userState(w: Ward) {
  return { repo: snapshot(w.repo), sources: snapshot(w.sources), index: indexState(w.repo), staged: staged(w.repo), head: head(w.repo) };
}

/** A ward with the user's own work in progress: a staged file and a modified, unstaged evidence file. */
function wardWithUserWork(): Ward {
  const w = ward();
  writeFiles(w.sources, SOURCE_BYTES);
  return w;
}

function addUserWork(w: Ward): void {
  writeFiles(w.repo, { 'mine.txt': 'user work', 'evidence/1.1 Kế hoạch/old.pdf': 'old plan, edited by the user' });
  if (isRepo(w.repo)) git(w.repo, 'add', 'mine.txt');
}

async function expectTypedFailure(operation: Promise<unknown>, expected: string): Promise<void> {
  await assert.rejects(operation, (e: unknown) => {
    assert.ok(isTyped(e, expected), `expected ${expected}, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    const vi = e.localized('vi');
    assert.ok(vi.length > 0 && vi !== e.localized('en'), 'a Vietnamese message');
    return true;
  });
}

describe('faults: every failure is typed, changes nothing, and the next operation works', function () {
  // Real Git processes on a loaded machine.
  this.timeout(60_000);
  isolateGitConfig();

  for (const fault of FAULTS) {
    it(`add evidence, ${fault.name}: "${fault.expect}", files and index unchanged; once removed, add works`, async function () {
      const w = wardWithUserWork();
      const target = fault.target ?? '1.1';
      if (fault.arrangeLast) addUserWork(w);
      try {
        fault.arrange(w);
      } catch (error) {
        if (String(error).includes('SKIP:')) this.skip();
        throw error;
      }
      try {
        if (!fault.arrangeLast) addUserWork(w);
        const before = userState(w);
        const processes = gitProcessCount();
        const files = SOURCE_NAMES.map((n) => path.join(w.sources, n));
        const trusted = () => !fault.untrusted;
        await expectTypedFailure(Promise.all([addEvidence({ criteriaFile: w.criteria, target, files, isTrusted: trusted }), fault.during?.(w)]), fault.expect);
        if (fault.untrusted) assert.equal(gitProcessCount(), processes, 'no Git process in an untrusted workspace');
        const after = userState(w);
        if (fault.during) {
          // The race deleted one source: the other is untouched, and nothing else changed.
          delete before.sources[SOURCE_NAMES[1]];
        }
        assert.deepEqual(after.sources, before.sources, 'source files byte for byte');
        assert.deepEqual(after.repo, before.repo, 'work tree byte for byte: no copy, no temporary file, no new folder');
        assert.equal(after.index, before.index, 'the index entry for entry');
        assert.deepEqual(after.staged, before.staged, 'only what the user had staged');
        assert.equal(after.head, before.head, 'no commit');
        if (isRepo(w.repo)) fsck(w.repo);
      } finally {
        fault.heal(w);
      }

      // The cause removed, the same operation succeeds and commits exactly the added files.
      const stagedBefore = staged(w.repo);
      const headBefore = head(w.repo);
      const edited = readFileSync(path.join(w.repo, 'evidence/1.1 Kế hoạch/old.pdf'));
      const result = await addEvidence({ criteriaFile: w.criteria, target, files: SOURCE_NAMES.map((n) => path.join(w.sources, n)) });
      const folder = target === '1.1' ? 'evidence/1.1 Kế hoạch' : 'evidence/1.2 Báo cáo';
      assert.deepEqual(commitFiles(w.repo), SOURCE_NAMES.map((n) => `${folder}/${n}`).sort(), 'the commit holds our files only');
      for (const name of SOURCE_NAMES) assert.deepEqual(readFileSync(path.join(w.repo, folder, name)), SOURCE_BYTES[name]);
      const hashes = evidenceHashes(parseTrailers(git(w.repo, 'log', '-1', '--format=%(trailers:only,unfold)')));
      for (const name of SOURCE_NAMES) assert.equal(hashes.get(`${folder}/${name}`), sha256(SOURCE_BYTES[name]));
      assert.equal(result.files.length, 2);
      assert.deepEqual(staged(w.repo), stagedBefore, "the user's staged files stay staged, outside our commit");
      assert.deepEqual(readFileSync(path.join(w.repo, 'evidence/1.1 Kế hoạch/old.pdf')), edited, "the user's edit is neither reverted nor committed");
      // (An aborted rebase or merge may have reset the user's edit: that is Git's doing, before our add.)
      assert.doesNotMatch(git(w.repo, 'status', '--porcelain', '--', 'evidence/1.1 Kế hoạch/old.pdf'), /^[MADRC]/, 'not staged by us');
      fsck(w.repo);
      assert.deepEqual((await verifyAuditTrail(createGit({ cwd: w.repo }), { evidenceRoot: 'evidence', since: headBefore || undefined })).problems, []);
    });
  }

  for (const fault of FAULTS.filter((f) => f.pending)) {
    it(`commit pending, ${fault.name}: "${fault.expect}", nothing staged or committed; once removed, it commits`, async () => {
      const w = wardWithUserWork();
      if (fault.arrangeLast) addUserWork(w);
      fault.arrange(w);
      try {
        if (!fault.arrangeLast) addUserWork(w);
        // Pending evidence of the user's: a new report for 1.2 (and the edited plan of 1.1).
        writeFiles(w.repo, { 'evidence/1.2 Báo cáo/quý 3.pdf': 'q3' });
        const before = userState(w);
        const processes = gitProcessCount();
        await expectTypedFailure(commitPending({ criteriaFile: w.criteria, isTrusted: () => !fault.untrusted }), fault.expect);
        if (fault.untrusted) assert.equal(gitProcessCount(), processes, 'no Git process in an untrusted workspace');
        assert.deepEqual(userState(w), before, 'work tree, sources, index and HEAD exactly as before');
        if (isRepo(w.repo)) fsck(w.repo);
      } finally {
        fault.heal(w);
      }
      const stagedBefore = staged(w.repo);
      const headBefore = head(w.repo);
      const results = await commitPending({ criteriaFile: w.criteria });
      const committed = results.flatMap((r) => commitFiles(w.repo, r.hash)).sort();
      assert.ok(committed.includes('evidence/1.2 Báo cáo/quý 3.pdf'), 'the pending report is committed');
      assert.ok(
        committed.every((p) => p.startsWith('evidence/')),
        `only evidence is committed: ${committed.join(', ')}`,
      );
      assert.deepEqual(staged(w.repo), stagedBefore, "the user's staged files stay staged");
      if (headBefore) assert.equal(git(w.repo, 'rev-list', '--count', `${headBefore}..HEAD`).trim(), String(results.length));
      assert.equal(git(w.repo, 'status', '--porcelain', '--', 'evidence').trim(), '', 'no pending evidence left');
      fsck(w.repo);
    });
  }
});

describe('faults: twenty add-evidence operations at once', function () {
  this.timeout(240_000);
  afterEach(cleanupTempDirs);

  it('twenty adds in one process (same file name) all land: 20 commits, 20 distinct files, fsck and audit clean', async () => {
    const { repo, criteria, sources } = ward();
    const start = head(repo);
    // Twenty different documents with the same name, from twenty folders: every one must get its own name.
    const files = Array.from({ length: 20 }, (_, i) => {
      writeFiles(sources, { [`${i}/Biên bản họp.pdf`]: `biên bản ${i}` });
      return path.join(sources, `${i}/Biên bản họp.pdf`);
    });
    const results = await Promise.all(files.map((file) => addEvidence({ criteriaFile: criteria, target: '1.1', files: [file] })));
    assert.equal(git(repo, 'rev-list', '--count', `${start}..HEAD`).trim(), '20', 'one commit per add');
    const added = results.map((r) => r.added[0]);
    assert.equal(new Set(added).size, 20, `distinct names: ${added.join(', ')}`);
    const contents = added.map((a) => readFileSync(path.join(repo, 'evidence', a), 'utf8')).sort();
    assert.deepEqual(contents, Array.from({ length: 20 }, (_, i) => `biên bản ${i}`).sort(), 'no file lost or overwritten');
    assert.equal(git(repo, 'status', '--porcelain'), '', 'everything committed, nothing left over');
    assert.deepEqual(readdirSync(path.join(repo, 'evidence/1.1 Kế hoạch')).filter((n) => n.endsWith('.tmp')), []);
    fsck(repo);
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: start })).problems, []);
  });

  it('five CLI processes adding four files each, at once: 20 files in 5 commits, fsck and audit clean', async () => {
    const { repo, sources } = ward();
    const cliPath = path.resolve(__dirname, '../../../../../dist/cli.js');
    assert.ok(existsSync(cliPath), 'npm run build first');
    const start = head(repo);
    const batches = Array.from({ length: 5 }, (_, p) =>
      Array.from({ length: 4 }, (_, i) => {
        const name = `p${p}/Tài liệu ${i}.pdf`;
        writeFiles(sources, { [name]: `process ${p} file ${i}` });
        return path.join(sources, name);
      }),
    );
    const runCli = (files: string[]) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, [cliPath, 'add', '1.1', ...files, '-C', repo], { env: { ...process.env, LANG: 'C' } });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('close', (code) => resolve({ code, err }));
      });
    const outcomes = await Promise.all(batches.map(runCli));
    for (const o of outcomes) assert.equal(o.code, 0, o.err);
    assert.equal(git(repo, 'rev-list', '--count', `${start}..HEAD`).trim(), '5', 'one commit per process');
    const folder = path.join(repo, 'evidence/1.1 Kế hoạch');
    const contents = readdirSync(folder)
      .filter((n) => n !== 'old.pdf')
      .map((n) => readFileSync(path.join(folder, n), 'utf8'))
      .sort();
    assert.deepEqual(contents, batches.flatMap((b, p) => b.map((_, i) => `process ${p} file ${i}`)).sort(), 'all 20 files, none lost or overwritten');
    assert.equal(git(repo, 'status', '--porcelain'), '');
    fsck(repo);
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: start })).problems, []);
  });
});
