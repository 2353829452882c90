// Hostile revisions, commit texts, file names and discovery settings through the real CLI (a child process with a
// time bound per case): each case asserts the outcome (the exit code, one clear line, nothing written, the
// repository unchanged), never only that nothing crashed.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileAtRevision, isWorkspaceRepository } from '../../../../src/core/git/contentAt';
import { isGitError } from '../../../../src/core/git/errors';
import { createGit, findTopLevel, gitEnvironment, gitProcessCount } from '../../../../src/core/git/git';
import { parseLog } from '../../../../src/core/audit/history';
import { resolveCommit } from '../../../../src/core/git/revision';
import { quotePath } from '../../../../src/core/git/pathBytes';
import { replaceControls } from '../../../../src/core/parse/text';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const CLI = path.resolve(__dirname, '../../../../../dist/cli.js');
/** Time bound of one CLI run: a hang fails the case instead of the suite's timeout. */
const CASE_MS = 20_000;

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: CASE_MS,
    env: { ...process.env, LANG: 'C', LC_ALL: '', REFORM_EVIDENCE_LANG: '', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com', ...env },
  });
  assert.equal(result.error, undefined, `${args.join(' ')}: ${String(result.error)}`);
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** Exit 2 with exactly one line on stderr, no stack trace. */
function assertClearError(run: Run, what: string, pattern?: RegExp): void {
  assert.equal(run.code, 2, `${what}: exit 2, got ${run.code}\n${run.err}`);
  assert.doesNotMatch(run.err, /internal error|\n\s+at /, `${what}: no stack trace`);
  assert.equal(run.err.split('\n').filter(Boolean).length, 1, `${what}: one line on stderr:\n${run.err}`);
  assert.match(run.err, /^reform-evidence: /);
  if (pattern) assert.match(run.err, pattern, what);
}

/** A ward repository with one committed evidence file and a second commit. */
function ward(): string {
  const repo = initRepo();
  writeFiles(repo, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/plan.pdf': 'plan v1' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'import', '-m', 'Criterion: 1.1');
  writeFiles(repo, { 'evidence/1.1 Kế hoạch/plan.pdf': 'plan v2' });
  git(repo, 'commit', '-q', '-am', 'plan v2');
  return repo;
}

/** HEAD, the index and the work tree's state: what a refused command must leave as it was. */
function repoState(repo: string): string {
  return [git(repo, 'rev-parse', 'HEAD'), git(repo, 'status', '--porcelain=v1', '-z', '--untracked-files=all'), git(repo, 'for-each-ref')].join('\n');
}

/** Revisions spelled as Git options: each would make Git write a file, run a program or read another repository. */
function hostileRevisions(marker: string): string[] {
  return [
    `--output=${marker}`,
    `--output=${marker}.2`,
    '-o' + marker,
    `--exec=touch ${marker}`,
    `--upload-pack=touch ${marker}`,
    `--git-dir=${path.dirname(marker)}`,
    `--work-tree=${path.dirname(marker)}`,
    `-c core.pager=touch ${marker}`,
    `--ext-diff`,
    `-`,
    `--`,
    `--end-of-options`,
    `-p`,
    `HEAD --output=${marker}`,
    `HEAD\n--output=${marker}`,
    `HEAD:criteria.yaml`,
    `HEAD..HEAD`,
    `@{-1}`,
  ];
}

describe('hostile inputs: revisions and option injection (issue 15, item 1)', function () {
  this.timeout(240_000);
  afterEach(() => cleanupTempDirs());

  it('diff and verify resolve every revision first: a revision spelled like an option writes nothing and exits 2 with one line', () => {
    const repo = ward();
    const outside = tempDir('re-marker-');
    const marker = path.join(outside, 'written');
    const before = repoState(repo);
    // Every spelling through the two commands that take revisions, and through each other place a revision goes.
    const shapes: Array<[string, (rev: string) => string[]]> = [
      ['diff -- <rev>', (rev) => ['diff', '--', rev]],
      ['diff HEAD -- <rev>', (rev) => ['diff', 'HEAD', '--', rev]],
      ['diff -- <rev> with --file', (rev) => ['diff', '--file', '1.1 Kế hoạch/plan.pdf', '--', rev]],
      ['diff HEAD -- <rev> with --file', (rev) => ['diff', '--file', '1.1 Kế hoạch/plan.pdf', 'HEAD', '--', rev]],
      ['diff <rev>', (rev) => ['diff', rev]],
    ];
    hostileRevisions(marker).forEach((rev, i) => {
      const [what, shape] = shapes[i % shapes.length];
      for (const [label, args] of [
        [`${what} with ${JSON.stringify(rev)}`, shape(rev)],
        [`verify --since=${JSON.stringify(rev)}`, ['verify', `--since=${rev}`]],
      ] as const) {
        // A revision parseArgs already refuses as an unknown option never gets as far as Git: also a clear error.
        assertClearError(cli([...args], repo), label, /Unknown revision|Unknown option|diff <rev>|argument/);
        assert.deepEqual(readdirSync(outside), [], `${label}: no file written`);
      }
    });
    assert.equal(repoState(repo), before, 'the repository is unchanged');
  });

  it('the same commands with real revisions still work (the control)', () => {
    const repo = ward();
    const diff = cli(['diff', 'HEAD~1'], repo);
    assert.equal(diff.code, 0, diff.err);
    assert.match(diff.out, /Criteria file criteria\.yaml: HEAD~1 → working tree/);
    const file = cli(['diff', 'HEAD~1', 'HEAD', '--file', '1.1 Kế hoạch/plan.pdf'], repo);
    assert.equal(file.code, 0, file.err);
    assert.match(file.out, /-plan v1\n(\\ No newline at end of file\n)?\+plan v2/);
    const since = cli(['verify', '--since', 'HEAD~1', '--json'], repo);
    assert.equal(JSON.parse(since.out).commits, 1, 'only the commit after --since is examined');
  });

  it('resolveCommit: only a full hash comes out, and Git is asked with --end-of-options', async () => {
    const repo = ward();
    const g = createGit({ cwd: repo });
    assert.equal(await resolveCommit(g, 'HEAD'), git(repo, 'rev-parse', 'HEAD').trim());
    for (const rev of ['--output=/tmp/x', '-h', '', 'a\0b', 'HEAD:criteria.yaml', 'nope', '--all']) {
      await assert.rejects(resolveCommit(g, rev), (e: unknown) => isGitError(e, 'badRevision'), JSON.stringify(rev));
    }
  });

  it("the extension's Git documents: a repository outside the workspace is refused before Git runs; a hostile revision reads nothing", async () => {
    const repo = ward();
    const elsewhere = ward();
    const outside = tempDir('re-marker-');
    const marker = path.join(outside, 'written');
    const count = gitProcessCount();
    await assert.rejects(fileAtRevision({ top: elsewhere, rev: 'HEAD', path: 'criteria.yaml', workspaceFolders: [repo] }), (e: unknown) => isGitError(e, 'outsideWorkspace'));
    await assert.rejects(fileAtRevision({ top: '/', rev: 'HEAD', path: 'etc/passwd', workspaceFolders: [repo] }), (e: unknown) => isGitError(e, 'outsideWorkspace'));
    await assert.rejects(fileAtRevision({ top: repo, rev: 'HEAD', path: '../x', workspaceFolders: [repo] }), (e: unknown) => isGitError(e, 'outsideWorkspace'));
    await assert.rejects(fileAtRevision({ top: 'relative', rev: 'HEAD', path: 'x', workspaceFolders: [repo] }), (e: unknown) => isGitError(e, 'outsideWorkspace'));
    assert.equal(gitProcessCount(), count, 'no Git process for a refused request');
    for (const rev of hostileRevisions(marker)) assert.equal(await fileAtRevision({ top: repo, rev, path: 'criteria.yaml', workspaceFolders: [repo] }), undefined, JSON.stringify(rev));
    assert.deepEqual(readdirSync(outside), []);
    const first = git(repo, 'rev-parse', 'HEAD~1').trim();
    assert.equal((await fileAtRevision({ top: repo, rev: first, path: 'evidence/1.1 Kế hoạch/plan.pdf', workspaceFolders: [repo] }))?.toString(), 'plan v1');
    // A workspace folder inside the repository opens its top folder's documents.
    assert.ok(isWorkspaceRepository(repo, [path.join(repo, 'evidence')]));
    assert.ok(!isWorkspaceRepository(path.dirname(repo), [repo]));
  });
});

describe('hostile inputs: separators and controls in commit texts (issue 15, items 5 and 7)', function () {
  this.timeout(240_000);
  afterEach(() => cleanupTempDirs());

  const TEXTS = ['a\x1eb', 'a\x1fb', 'a\x1db', '\x1e\x1f\x1d', 'x\x1b]0;pwned\x07y', 'x\x1b[2Jy', 'x\u202egnp.exe', 'x\x9bc'];

  /** A ward whose evidence commits carry the separators Git's output used to be split on, in subject and author. */
  function wardWithHostileCommits(): string {
    const repo = ward();
    TEXTS.forEach((text, i) => {
      writeFiles(repo, { [`evidence/1.1 Kế hoạch/f${i}.pdf`]: `file ${i}` });
      git(repo, 'add', '.');
      git(repo, '-c', `user.name=N${text}N`, 'commit', '-q', '--author', `N${text}N <a${i}@example.com>`, '-m', `S${text}S`, '-m', `Body ${text}\n\nCriterion: 1.1`);
    });
    return repo;
  }

  it('report weekly, report self-assessment, log, verify and status read such commits: no crash, every commit named', () => {
    const repo = wardWithHostileCommits();
    const asOf = new Date().toISOString().slice(0, 10);
    for (const args of [
      ['report', 'weekly', '--as-of', asOf],
      ['report', 'weekly', '--as-of', asOf, '--format', 'html'],
      ['report', 'self-assessment', '--as-of', asOf],
      ['report', 'self-assessment', '--as-of', asOf, '--format', 'html'],
      ['log', '1.1'],
      ['log', '1'],
      ['status', '--files'],
    ]) {
      const run = cli(args, repo);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.err}`);
      assert.equal(run.err, '', `${args.join(' ')}: nothing on stderr`);
    }
    const log = cli(['log', '1.1', '--json'], repo);
    const commits = JSON.parse(log.out) as Array<{ author: string; subject: string; hash: string }>;
    for (const text of TEXTS) {
      assert.ok(
        commits.some((c) => c.subject === `S${text}S`),
        `JSON keeps the exact subject ${JSON.stringify(text)}`,
      );
      assert.ok(
        commits.some((c) => c.author === `N${text}N`),
        `JSON keeps the exact author ${JSON.stringify(text)}`,
      );
    }
    const verify = cli(['verify', '--json'], repo);
    const report = JSON.parse(verify.out) as { commits: number; problems: Array<{ shortHash: string; subject: string }> };
    assert.equal(report.commits, TEXTS.length + 2);
    for (const p of report.problems) assert.match(p.shortHash, /^[0-9a-f]{7,}$/, 'each problem names its commit');
  });

  it('on the terminal, subjects, authors and file names carry no control character or bidi override; JSON keeps them', () => {
    const repo = wardWithHostileCommits();
    const nasty = 'evil\x1b]0;title\x07\u202e.pdf';
    writeFiles(repo, { [`evidence/1.1 Kế hoạch/${nasty}`]: 'x' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'name\x1b[31m', '-m', 'Criterion: 1.1');
    writeFiles(repo, { 'evidence/1.1 Kế hoạch/pending\u202egpj.pdf': 'y' });
    // eslint-disable-next-line no-control-regex
    const control = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
    for (const args of [['log', '1.1'], ['status', '--files'], ['verify'], ['report', 'weekly'], ['diff', 'HEAD~1', '--file', `1.1 Kế hoạch/${nasty}`]]) {
      const run = cli(args, repo);
      assert.ok(run.code === 0 || run.code === 1, `${args.join(' ')}: ${run.err}`);
      assert.doesNotMatch(run.out, control, `${args.join(' ')}: no control character on the terminal`);
      assert.doesNotMatch(run.err, control);
    }
    const status = cli(['status', '--files'], repo);
    // Quoted as Git quotes paths (controls as octal escapes), then cleaned for the terminal like every other text.
    assert.ok(status.out.includes(replaceControls(quotePath(`1.1 Kế hoạch/${nasty}`), { singleLine: true })), `the name is shown quoted, with its controls replaced: ${status.out}`);
    const json = cli(['status', '--json'], repo);
    assert.ok(json.out.includes(JSON.stringify(nasty).slice(1, -1)), 'JSON keeps the exact name');
    const pending = cli(['commit-pending'], repo);
    assert.equal(pending.code, 0, pending.err);
    assert.doesNotMatch(pending.out, control, 'commit-pending prints the name without its escapes');
    // Quoted as Git quotes paths: the bidi override as its UTF-8 bytes in octal.
    assert.match(pending.out, /pending\\342\\200\\256gpj\.pdf/);
  });

  it('parseLog: a record whose field count is wrong is kept by its hash, never dropped; the next record still reads', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const good = (h: string, subject: string) => [h, h.slice(0, 7), 'N', 'n@x', '2025-01-01T00:00:00+07:00', subject, 'Criterion: 1.1\n', h].join('\0') + '\0\nA\0evidence/x.pdf\0';
    const broken = [a, a.slice(0, 7), 'N', 'extra field', 'n@x', '2025', 's', '', a].join('\0') + '\0\nM\0evidence/y.pdf\0';
    const commits = parseLog(broken + good(b, 'fine \x1e\x1f\x1d'), 'evidence/', false);
    assert.equal(commits.length, 2);
    assert.equal(commits[0].hash, a);
    assert.equal(commits[0].unparsed, true);
    assert.deepEqual(commits[0].changes, [{ status: 'M', path: 'y.pdf', blob: undefined }], 'its files still count');
    assert.equal(commits[1].subject, 'fine \x1e\x1f\x1d');
    assert.deepEqual(commits[1].changes, [{ status: 'A', path: 'x.pdf', blob: undefined }]);
    // Cut short: the hash alone is enough to report it.
    assert.deepEqual(
      parseLog(`${a}\0${a.slice(0, 7)}\0N`, '', false).map((c) => [c.hash, c.unparsed]),
      [[a, true]],
    );
  });
});

describe('hostile inputs: Git discovery settings (issue 15, item 9)', function () {
  this.timeout(120_000);
  afterEach(() => cleanupTempDirs());

  it('GIT_CEILING_DIRECTORIES and GIT_DISCOVERY_ACROSS_FILESYSTEM reach Git; no other GIT_* does', () => {
    const env = gitEnvironment({ GIT_CEILING_DIRECTORIES: '/a:/b', GIT_DISCOVERY_ACROSS_FILESYSTEM: '1', GIT_DIR: '/x', GIT_WORK_TREE: '/y', PATH: '/bin' });
    assert.equal(env.GIT_CEILING_DIRECTORIES, '/a:/b');
    assert.equal(env.GIT_DISCOVERY_ACROSS_FILESYSTEM, '1');
    assert.equal(env.GIT_DIR, undefined);
    assert.equal(env.GIT_WORK_TREE, undefined);
  });

  it('findTopLevel stops below a ceiling folder, as Git does (the start folder itself is still looked at)', () => {
    const parent = initRepo();
    const ward = path.join(parent, 'ward', 'inner');
    mkdirSync(ward, { recursive: true });
    const real = findTopLevel(parent);
    assert.equal(findTopLevel(ward, {}), real, 'without a ceiling: the parent repository');
    assert.equal(findTopLevel(ward, { GIT_CEILING_DIRECTORIES: path.join(real, 'ward', 'inner') }), real, 'a ceiling at the start folder itself does not stop the climb');
    assert.notEqual(findTopLevel(ward, { GIT_CEILING_DIRECTORIES: real }), real, 'with the parent as ceiling: not the parent');
    assert.notEqual(findTopLevel(ward, { GIT_CEILING_DIRECTORIES: `/nonexistent${path.delimiter}${path.join(real, 'ward')}` }), real, 'any entry of the list counts');
    assert.equal(findTopLevel(parent, { GIT_CEILING_DIRECTORIES: real }), real, 'the start folder itself is looked at');
  });

  it('add under a ceiling never commits into the parent repository that Git itself would not use', () => {
    const parent = initRepo();
    writeFiles(parent, { 'README.md': 'parent' });
    git(parent, 'add', '.');
    git(parent, 'commit', '-q', '-m', 'parent');
    const ward = path.join(parent, 'ward');
    writeFiles(ward, { 'criteria.yaml': sampleCriteria() });
    const sources = tempDir('re-sources-');
    writeFileSync(path.join(sources, 'Kế hoạch.pdf'), 'plan');
    const head = git(parent, 'rev-parse', 'HEAD');
    const ceiling = findTopLevel(parent);
    const run = cli(['add', '1.1', path.join(sources, 'Kế hoạch.pdf'), '-C', ward], sources, { GIT_CEILING_DIRECTORIES: ceiling });
    assert.equal(run.code, 1, run.err);
    assert.match(run.err, /not inside a Git repository/);
    assert.equal(git(parent, 'rev-parse', 'HEAD'), head, 'no commit in the parent repository');
    assert.equal(existsSync(path.join(ward, 'evidence')), false, 'nothing copied');
    // The control: without the ceiling, Git (and we) use the parent repository.
    const control = cli(['add', '1.1', path.join(sources, 'Kế hoạch.pdf'), '-C', ward], sources);
    assert.equal(control.code, 0, control.err);
    assert.notEqual(git(parent, 'rev-parse', 'HEAD'), head);
  });
});

describe('hostile inputs: clear errors instead of crashes (issue 15, item 11)', function () {
  this.timeout(240_000);
  afterEach(() => cleanupTempDirs());

  it('each gives one line and exit code 2, in English and in Vietnamese', () => {
    const repo = ward();
    const folder = tempDir('re-out-');
    const cases: Array<[string[], RegExp, RegExp]> = [
      [['verify', '--since', 'nope'], /Unknown revision "nope"/, /Không có phiên bản "nope"/],
      [['verify', '--since=HEAD~99'], /Unknown revision/, /Không có phiên bản/],
      [['diff', 'nope'], /Unknown revision/, /Không có phiên bản/],
      [['diff', 'HEAD', '--file', '../../etc/passwd'], /not a path inside evidenceRoot/, /không phải đường dẫn bên trong evidenceRoot/],
      [['diff', 'HEAD', '--file', 'a/../../x'], /not a path inside evidenceRoot/, /evidenceRoot/],
      [['diff', 'HEAD', '--file', '/etc/passwd'], /not a path inside evidenceRoot/, /evidenceRoot/],
      [['diff', 'HEAD', '--file', 'missing.pdf'], /missing\.pdf exists neither at HEAD nor in the working tree/, /không tồn tại ở HEAD/],
      [['diff', 'HEAD~1', 'HEAD', '--file', 'missing.pdf'], /exists neither at HEAD~1 nor at HEAD/, /không tồn tại/],
      [['check', '/dev/null'], /is not a regular file but a device/, /không phải tệp thông thường/],
      [['status', '/dev/zero'], /is not a regular file but a device/, /không phải tệp thông thường/],
      [['check', '/proc/self/mem'], /\/proc\/self\/mem/, /\/proc\/self\/mem/],
      [['report', 'weekly', '--output', folder], /is a folder: give a file name/, /là thư mục/],
      [['report', 'self-assessment', '-o', folder + '/'], /is a folder/, /là thư mục/],
      [['report', 'weekly', '--output', path.join(folder, 'no', 'such', 'dir', 'r.md')], /Cannot write/, /Không ghi được/],
      [['check', 'no\nsuch\x1b[2J'], /No such file or folder: .*no\\u000asuch\\u001b\[2J/, /Không có tệp/],
    ];
    for (const [args, en, vi] of cases) {
      assertClearError(cli(args, repo), args.join(' '), en);
      assertClearError(cli([...args, ...(args[0] === 'check' || args[0] === 'report' ? ['--lang', 'vi'] : [])], repo, { REFORM_EVIDENCE_LANG: 'vi' }), `${args.join(' ')} (vi)`, vi);
    }
    assert.deepEqual(readdirSync(folder), [], 'nothing written into the folder given as --output');
  });
});
