// Hostile repositories against `add`, `commit-pending`, `verify`, `status` and `log`: file names that try to
// forge audit trailers, committed evidence that is not on the disk, evidence folders inside the Git directory,
// and file names that are not UTF-8. Each case asserts the outcome: an unforged trail, an unchanged repository,
// or a clear error.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { addEvidence, commitPending } from '../../../../src/core/evidence/addEvidence';
import { EvidenceError } from '../../../../src/core/git/errors';
import { createGit } from '../../../../src/core/git/git';
import { decodePath, hasRawBytes, pathBytes, quotePath, unquotePath } from '../../../../src/core/git/pathBytes';
import { messageArgs, parseTrailers, recordedHashes, trailerBlock } from '../../../../src/core/git/trailers';
import { verifyAuditTrail } from '../../../../src/core/audit/verify';
import { loadCriteria } from '../../../../src/core/workspace/loadWorkspace';
import { git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';
import { cli, isolateGitConfig, sha256, ward } from '../../gitHelpers';

const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

/** Git's output as bytes (names that are not UTF-8 must not be decoded). */
function gitBytes(cwd: string, ...args: string[]): Buffer {
  return execFileSync('git', args, { cwd, env: GIT_ENV });
}

/** The NUL-separated paths a Git command prints, as decodePath reads them. */
function gitPaths(cwd: string, ...args: string[]): string[] {
  const out = gitBytes(cwd, ...args);
  const paths: string[] = [];
  let start = 0;
  for (let end = out.indexOf(0); end >= 0; start = end + 1, end = out.indexOf(0, start)) if (end > start) paths.push(decodePath(out, start, end));
  return paths;
}

/** Git's own trailer parser on the last commit's message: `Key: value` lines exactly as Git reads them. */
function gitTrailers(repo: string, rev = 'HEAD'): string[] {
  const message = gitBytes(repo, 'log', '-1', '--format=%B', rev);
  const parsed = execFileSync('git', ['interpret-trailers', '--parse'], { cwd: repo, env: GIT_ENV, input: message }).toString('utf8');
  return parsed.split('\n').filter(Boolean);
}

/** Every file under `dir` (including .git) as relative path → SHA-256, with names read as bytes. */
function treeSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (at: Buffer, rel: string) => {
    for (const name of readdirSync(at, { encoding: 'buffer' })) {
      const full = Buffer.concat([at, Buffer.from('/'), name]);
      const relative = rel ? `${rel}/${decodePath(name)}` : decodePath(name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) visit(full, relative);
      else out[relative] = stat ? createHash('sha256').update(readFileSync(full)).digest('hex') : 'dangling';
    }
  };
  visit(Buffer.from(dir), '');
  return out;
}

const FOLDER = 'evidence/1.1 Kế hoạch';

/** HEAD's files under `folder` as decoded path → content. */
function headFiles(repo: string, folder: string): Map<string, string> {
  const out = gitBytes(repo, 'ls-tree', '-r', '-z', 'HEAD', '--', folder);
  const files = new Map<string, string>();
  let start = 0;
  for (let end = out.indexOf(0); end >= 0; start = end + 1, end = out.indexOf(0, start)) {
    const tab = out.indexOf(0x09, start);
    const oid = out.toString('latin1', start, tab).split(' ')[2];
    files.set(decodePath(out, tab + 1, end), gitBytes(repo, 'cat-file', 'blob', oid).toString('utf8'));
  }
  return files;
}

/** Writes a file whose name is given as bytes (or text) into `dir`. */
function writeRaw(dir: string, name: Buffer | string, content: string | Buffer): string {
  const full = Buffer.concat([Buffer.from(dir + '/'), Buffer.isBuffer(name) ? name : Buffer.from(name)]);
  writeFileSync(full, content);
  return decodePath(Buffer.isBuffer(name) ? name : Buffer.from(name));
}

describe('hostile repositories: paths and text in commit messages', () => {
  it('quotes like Git (C-style, octal for controls and bytes that are not UTF-8, non-ASCII kept) and reads it back', () => {
    assert.equal(quotePath('evidence/Kế hoạch.pdf'), 'evidence/Kế hoạch.pdf');
    assert.equal(quotePath('a\nCriterion: 9.9\n.pdf'), '"a\\nCriterion: 9.9\\n.pdf"');
    assert.equal(quotePath('t\tq"b\\.pdf'), '"t\\tq\\"b\\\\.pdf"');
    assert.equal(quotePath('\x1b]0;x\x07.pdf'), '"\\033]0;x\\a.pdf"');
    assert.equal(quotePath(decodePath(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x70, 0x64, 0x66]))), '"caf\\351.pdf"');
    assert.equal(quotePath('a\u2028b'), '"a\\342\\200\\250b"');
    assert.equal(quotePath(' lead.pdf'), '" lead.pdf"');
    // Git's own quoting of the same bytes is the same text: with core.quotepath=false for UTF-8 names; for bytes
    // that are not UTF-8 (which quotepath=false would print raw) as with core.quotepath=true.
    const repo = initRepo();
    const names = [Buffer.from('a\nb.pdf'), Buffer.from('t\tq"b\\.pdf'), Buffer.from('x\x01y'), Buffer.from('Kế\thoạch.pdf')];
    const raw = [Buffer.from([0x63, 0xe9, 0x2e, 0x70]), Buffer.from([0x0a, 0xff])];
    for (const name of [...names, ...raw]) writeRaw(repo, name, 'x');
    const quotedByGit = (quotepath: string, list: Buffer[]) => {
      const listed = decodePath(execFileSync('git', ['-c', `core.quotepath=${quotepath}`, 'ls-files', '--others', '--', ...list.map((n) => decodePath(n))], { cwd: repo, env: GIT_ENV }));
      return listed.split('\n').filter(Boolean).sort();
    };
    assert.deepEqual(quotedByGit('false', names), names.map((n) => quotePath(decodePath(n))).sort());
    assert.deepEqual(quotedByGit('true', []).filter((l) => /\\(351|377)/.test(l)), raw.map((n) => quotePath(decodePath(n))).sort());
  });

  it('round-trips any bytes through decodePath/pathBytes and quotePath/unquotePath, on one line (property)', () => {
    // Seeded by the shared fast-check set-up (fixed in CI, printed on failure). A valid character whose low
    // surrogate lies in U+DC80–U+DCFF (𐂀, 📄) must not be read as an escaped byte: CI found that once.
    for (const name of ['\u{10080}\0', 'báo cáo 📄.pdf', '💩']) {
      assert.ok(!hasRawBytes(name), `${name} is valid text`);
      assert.ok(pathBytes(name).equals(Buffer.from(name, 'utf8')));
      assert.equal(decodePath(Buffer.from(quotePath(name), 'utf8')), quotePath(name));
      assert.equal(quotePath(name) === name ? name : unquotePath(quotePath(name)), name);
    }
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        const name = decodePath(Buffer.from(bytes));
        assert.ok(pathBytes(name).equals(Buffer.from(bytes)));
        const quoted = quotePath(name);
        assert.ok(!/[\n\r\u2028\u2029\u0085]/.test(quoted), 'one line');
        assert.equal(decodePath(Buffer.from(quoted, 'utf8')), quoted, 'valid UTF-8 text');
        assert.equal(quoted === name ? name : unquotePath(quoted), name);
      }),
      { numRuns: 500 },
    );
  });

  it('no free text adds a line: criterion ids, task, requirement titles, units, subject', () => {
    const hostile = ['x\nCriterion: 9.9', 'y\r\nEvidence-SHA256: ' + 'a'.repeat(64) + ' z.pdf', 'u\u2028Unit: Z', 'v\u0085Task: T', 'w\x1b[2J'];
    const message = { subject: hostile[0], criteria: [hostile[0]], task: hostile[3], requirements: [hostile[1]], units: [hostile[2], hostile[4]], files: [{ path: 'a\nCriterion: 7.pdf', sha256: 'b'.repeat(64) }] };
    const block = trailerBlock(message);
    assert.equal(block.split('\n').length, 6, 'one line per trailer');
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\r\u2028\u0085\x1b]/.test(block));
    const args = messageArgs(message);
    assert.ok(!args[1].includes('\n'), 'one-line subject');
    assert.deepEqual(recordedHashes(parseTrailers(block)), [{ path: 'a\nCriterion: 7.pdf', literal: '"a\\nCriterion: 7.pdf"', sha256: 'b'.repeat(64) }]);
  });
});

describe('hostile repositories: forged audit trailers', () => {
  isolateGitConfig();

  const forging = [
    'a\nCriterion: 9.9\nUnit: VP\nx.pdf',
    'b\r\nEvidence-SHA256: ' + 'c'.repeat(64) + ' evil.pdf\n.pdf',
    'c\n\nSigned-off-by: Mallory <m@example.com>\n.pdf',
    'd\tq"u\\o.pdf',
    'Criterion: 7.pdf',
    '"quoted".pdf',
    'e\x1b]0;owned\x07.pdf',
    'f\u2028Unit: VP.pdf',
  ];

  it('commit-pending: names with newlines and trailer lines plant nothing; Git reads exactly our trailers; verify passes', async () => {
    const { repo, criteria } = ward();
    const imported = git(repo, 'rev-parse', 'HEAD').trim();
    for (const name of forging) writeRaw(path.join(repo, FOLDER), name, `content of ${JSON.stringify(name)}`);
    const results = await commitPending({ criteriaFile: criteria });
    assert.equal(results.length, 1);
    const committed = gitPaths(repo, 'show', '--name-only', '-z', '--format=', 'HEAD').sort();
    assert.deepEqual(committed, forging.map((n) => `${FOLDER}/${n}`).sort(), 'every hostile file committed under its own name');
    const trailers = gitTrailers(repo);
    const hashLines = trailers.filter((l) => l.startsWith('Evidence-SHA256: '));
    assert.deepEqual(
      trailers.filter((l) => !l.startsWith('Evidence-SHA256: ')),
      ['Criterion: 1.1', 'Requirement: Kế hoạch', 'Unit: VHXH'],
      'no planted Criterion/Unit/Signed-off-by',
    );
    assert.equal(hashLines.length, forging.length);
    for (const name of forging) {
      const full = `${FOLDER}/${name}`;
      assert.ok(hashLines.includes(`Evidence-SHA256: ${sha256(`content of ${JSON.stringify(name)}`)} ${quotePath(full)}`), full);
    }
    assert.ok(!/\n[^\n]*\n/.test(git(repo, 'log', '-1', '--format=%s')), 'a one-line subject');
    const report = await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: imported });
    assert.deepEqual(report.problems, []);
    const verified = await cli(['verify', '-C', repo, '--since', imported], repo);
    assert.equal(verified.code, 0, verified.out + verified.err);
  });

  it('add: a crafted --name or source name cannot add a line either', async () => {
    const { repo, criteria, sources } = ward();
    const imported = git(repo, 'rev-parse', 'HEAD').trim();
    writeRaw(sources, 'src\nCriterion: 9.9.pdf', 'doc');
    const result = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'src\nCriterion: 9.9.pdf')] });
    const named = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'src\nCriterion: 9.9.pdf')], name: 'T\nUnit: VP\r\nTask: X.pdf' });
    for (const added of [...result.added, ...named.added]) assert.ok(!/[\n\r]/.test(added), added);
    for (const rev of ['HEAD', 'HEAD~1']) assert.deepEqual(gitTrailers(repo, rev).filter((l) => !l.startsWith('Evidence-SHA256')), ['Criterion: 1.1', 'Requirement: Kế hoạch', 'Unit: VHXH']);
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: imported })).problems, []);
  });

  it('titles and unit names with line breaks in the criteria file stay on their trailer line', async () => {
    const repo = initRepo();
    const criteria = sampleCriteria().replace('          - title: Kế hoạch\n', '          - title: "Kế hoạch\\nCriterion: 9.9\\u2028Task: T"\n').replace('owner: VHXH', 'owner: "VHXH\\nUnit: VP"').replace('  VHXH:\n', '  "VHXH\\nUnit: VP":\n');
    writeFiles(repo, { 'criteria.yaml': criteria, [`${FOLDER}/a.pdf`]: 'a' });
    git(repo, 'add', 'criteria.yaml');
    git(repo, 'commit', '-q', '-m', 'criteria');
    await commitPending({ criteriaFile: path.join(repo, 'criteria.yaml') });
    const trailers = gitTrailers(repo);
    assert.deepEqual(trailers.slice(0, 3), ['Criterion: 1.1', 'Requirement: Kế hoạch Criterion: 9.9 Task: T', 'Unit: VHXH Unit: VP']);
    assert.equal(trailers.length, 4);
  });

  it('old commits with unquoted paths still verify, also a name that looks quoted', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria().replace('evidenceRoot: evidence', 'evidenceRoot: "."').replace('"1.1 Kế hoạch/*.pdf"', '"*.pdf"') });
    git(repo, 'add', 'criteria.yaml');
    git(repo, 'commit', '-q', '-m', 'criteria');
    const since = git(repo, 'rev-parse', 'HEAD').trim();
    for (const name of ['plain name.pdf', '"looks quoted.pdf"', '"a\\nb.pdf"']) {
      writeRaw(repo, name, name);
      git(repo, 'add', '--', name);
      // The message older versions wrote: the path as is.
      git(repo, 'commit', '-q', '-m', 'evidence(1.1): add', '-m', `Criterion: 1.1\nEvidence-SHA256: ${sha256(name)} ${name}`);
    }
    const report = await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: '.', since });
    assert.equal(report.commits, 3);
    assert.deepEqual(report.problems, []);
    // A forged hash under an old-style path is still caught.
    writeRaw(repo, 'plain name.pdf', 'changed');
    git(repo, 'commit', '-q', '-am', 'evidence(1.1): update', '-m', `Criterion: 1.1\nEvidence-SHA256: ${sha256('not it')} plain name.pdf`);
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: '.', since })).problems.map((p) => [p.kind, p.path]), [['hashMismatch', 'plain name.pdf']]);
  });
});

describe('hostile repositories: add never replaces committed evidence', () => {
  isolateGitConfig();

  const headBlob = (repo: string, file: string) => git(repo, 'rev-parse', `HEAD:${file}`).trim();

  const variants: Array<{ name: string; arrange: (repo: string) => void; source: string; expected: string }> = [
    { name: 'tracked, deleted from the disk', arrange: (repo) => rmSync(path.join(repo, FOLDER, 'old.pdf')), source: 'old.pdf', expected: 'old (2).pdf' },
    {
      name: 'skip-worktree',
      arrange: (repo) => {
        git(repo, 'update-index', '--skip-worktree', `${FOLDER}/old.pdf`);
        rmSync(path.join(repo, FOLDER, 'old.pdf'));
      },
      source: 'old.pdf',
      expected: 'old (2).pdf',
    },
    { name: 'in another case', arrange: (repo) => rmSync(path.join(repo, FOLDER, 'old.pdf')), source: 'OLD.pdf', expected: 'OLD (2).pdf' },
    {
      name: 'only in the index (staged, then deleted from the disk)',
      arrange: (repo) => {
        writeFiles(repo, { [`${FOLDER}/staged.pdf`]: 'staged' });
        git(repo, 'add', '--', `${FOLDER}/staged.pdf`);
        rmSync(path.join(repo, FOLDER, 'staged.pdf'));
      },
      source: 'staged.pdf',
      expected: 'staged (2).pdf',
    },
    {
      name: 'only in HEAD (deletion staged)',
      arrange: (repo) => git(repo, 'rm', '-q', '--', `${FOLDER}/old.pdf`),
      source: 'old.pdf',
      expected: 'old (2).pdf',
    },
    {
      name: 'committed in NFD, added in NFC',
      arrange: (repo) => {
        writeFiles(repo, { [`${FOLDER}/${'Quyết định.pdf'.normalize('NFD')}`]: 'nfd' });
        git(repo, 'add', '.');
        git(repo, 'commit', '-q', '-m', 'nfd');
        rmSync(path.join(repo, FOLDER, 'Quyết định.pdf'.normalize('NFD')));
      },
      source: 'Quyết định.pdf',
      expected: 'Quyết định (2).pdf',
    },
    {
      name: 'the folder committed in NFD',
      arrange: (repo) => {
        git(repo, 'rm', '-q', '-r', '--', 'evidence');
        writeFiles(repo, { [`${FOLDER.normalize('NFD')}/old.pdf`]: 'old plan' });
        git(repo, 'add', '.');
        git(repo, 'commit', '-q', '-m', 'nfd folder');
        rmSync(path.join(repo, FOLDER.normalize('NFD')), { recursive: true });
      },
      source: 'old.pdf',
      expected: 'old (2).pdf',
    },
  ];

  for (const variant of variants) {
    it(`${variant.name}: the new file gets a free name and the committed one is untouched`, async () => {
      const { repo, criteria, sources } = ward();
      variant.arrange(repo);
      const head = git(repo, 'rev-parse', 'HEAD').trim();
      writeFiles(sources, { [variant.source]: 'NEW content' });
      const result = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, variant.source)] });
      assert.deepEqual(result.added, [`1.1 Kế hoạch/${variant.expected}`]);
      assert.deepEqual(gitPaths(repo, 'show', '--name-only', '-z', '--format=', 'HEAD'), [`${FOLDER}/${variant.expected}`], 'only the new file in our commit');
      assert.equal(git(repo, 'rev-parse', 'HEAD~1').trim(), head);
      assert.deepEqual(gitPaths(repo, 'diff', '--name-status', '-z', '--no-renames', 'HEAD~1', 'HEAD'), ['A', `${FOLDER}/${variant.expected}`], 'every committed file keeps its blob');
    });
  }

  it('sparse checkout: the evidence folder outside the cone keeps its committed file', async () => {
    const { repo, criteria, sources } = ward();
    git(repo, 'sparse-checkout', 'set', '--no-cone', '/criteria.yaml');
    assert.equal(existsSync(path.join(repo, FOLDER, 'old.pdf')), false);
    const before = headBlob(repo, `${FOLDER}/old.pdf`);
    writeFiles(sources, { 'old.pdf': 'NEW content' });
    let added: string[] | undefined;
    try {
      added = (await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'old.pdf')] })).added;
    } catch (error) {
      // Git may refuse a path outside the sparse checkout: then nothing is left behind.
      assert.ok(!existsSync(path.join(repo, FOLDER, 'old.pdf')) && !existsSync(path.join(repo, FOLDER, 'old (2).pdf')), String(error));
    }
    if (added) assert.deepEqual(added, ['1.1 Kế hoạch/old (2).pdf']);
    assert.equal(headBlob(repo, `${FOLDER}/old.pdf`), before);
  });

  it('a literal requirement whose file is committed but absent is refused, not replaced', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria().replace('"1.1 Kế hoạch/*.pdf"', '"1.1/ke-hoach.pdf"'), 'evidence/1.1/ke-hoach.pdf': 'committed' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'import');
    rmSync(path.join(repo, 'evidence/1.1/ke-hoach.pdf'));
    const sources = tempDir('re-sources-');
    writeFiles(sources, { 'new.pdf': 'new' });
    await assert.rejects(addEvidence({ criteriaFile: path.join(repo, 'criteria.yaml'), target: '1.1', files: [path.join(sources, 'new.pdf')] }), (e: unknown) => e instanceof EvidenceError && e.key === 'evidence.literalExists');
    assert.equal(git(repo, 'show', 'HEAD:evidence/1.1/ke-hoach.pdf'), 'committed');
    assert.equal(git(repo, 'rev-list', '--count', 'HEAD').trim(), '1');
  });
});

describe('hostile repositories: nothing is written inside the Git directory', () => {
  isolateGitConfig();

  const roots = ['.git', '.GIT', 'x/.git/y', './.git', '.git/hooks', '.Git.', 'git~1'];
  for (const root of roots) {
    it(`evidenceRoot "${root}": RE141 at the value, and add refuses before writing anything`, async () => {
      const repo = initRepo();
      writeFiles(repo, { 'criteria.yaml': sampleCriteria().replace('evidenceRoot: evidence', `evidenceRoot: "${root}"`) });
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', 'criteria');
      const doc = await loadCriteria(path.join(repo, 'criteria.yaml'));
      const problem = doc.problems.find((p) => p.code === 'RE141');
      assert.ok(problem, JSON.stringify(doc.problems.map((p) => p.code)));
      assert.equal(problem.severity, 'error');
      const line = sampleCriteria().split('\n').findIndex((l) => l.includes('evidenceRoot'));
      assert.deepEqual([problem.range.start.line, problem.range.start.character], [line, '  evidenceRoot: '.length]);
      assert.match(problem.message, /\.git|git~1/i);
      const before = treeSnapshot(repo);
      const sources = tempDir('re-sources-');
      writeFiles(sources, { 'pre-commit.pdf': '#!/bin/sh\necho owned\n' });
      await assert.rejects(addEvidence({ criteriaFile: path.join(repo, 'criteria.yaml'), target: '1.1', files: [path.join(sources, 'pre-commit.pdf')] }), EvidenceError);
      assert.deepEqual(treeSnapshot(repo), before, 'nothing written, in .git or elsewhere');
    });
  }

  it('evidenceRoot "evidence/../.git" is refused as leaving the folder (RE141)', async () => {
    const doc = await loadCriteria('criteria.yaml', { text: sampleCriteria().replace('evidenceRoot: evidence', 'evidenceRoot: "evidence/../.git"') });
    assert.ok(doc.problems.some((p) => p.code === 'RE141'));
  });

  for (const glob of ['.git/hooks/*.pdf', '.GIT/*.pdf', 'a/.git/b/*.pdf', '{x,.git}/*.pdf', '@(.git)/*.pdf']) {
    it(`a requirement path "${glob}" is an error (RE141, as an evidenceRoot there) and add refuses it`, async () => {
      const repo = initRepo();
      writeFiles(repo, { 'criteria.yaml': sampleCriteria().replace('"1.1 Kế hoạch/*.pdf"', JSON.stringify(glob)) });
      const doc = await loadCriteria(path.join(repo, 'criteria.yaml'));
      const problem = doc.problems.find((p) => p.code === 'RE141');
      assert.equal(problem?.severity, 'error');
      assert.equal(problem?.data?.path, glob);
      assert.ok(!doc.problems.some((p) => p.code === 'RE140'), 'one code for one fault');
      const before = treeSnapshot(repo);
      const sources = tempDir('re-sources-');
      writeFiles(sources, { 'x.pdf': 'x' });
      await assert.rejects(addEvidence({ criteriaFile: path.join(repo, 'criteria.yaml'), target: '1.1', files: [path.join(sources, 'x.pdf')] }), EvidenceError);
      assert.deepEqual(treeSnapshot(repo), before);
    });
  }

  const linked: Array<{ name: string; arrange: (repo: string) => string }> = [
    { name: 'an evidence folder that is a link to .git/hooks', arrange: (repo) => (symlinkSync(path.join(repo, '.git/hooks'), path.join(repo, 'evidence')), repo) },
    { name: 'a link to the .git folder', arrange: (repo) => (symlinkSync('.git', path.join(repo, 'evidence')), repo) },
    {
      name: 'a .git file pointing elsewhere (separate Git directory), linked',
      arrange: (repo) => {
        const elsewhere = path.join(tempDir('re-gitdir-'), 'store.git');
        git(repo, 'init', '-q', `--separate-git-dir=${elsewhere}`);
        symlinkSync(elsewhere, path.join(repo, 'evidence'));
        return repo;
      },
    },
    {
      name: 'a worktree whose evidence folder links to the common Git directory',
      arrange: (repo) => {
        const worktree = path.join(tempDir('re-wt-'), 'wt');
        git(repo, 'worktree', 'add', '-q', '-b', 'other', worktree);
        symlinkSync(path.join(repo, '.git'), path.join(worktree, 'evidence'));
        return worktree;
      },
    },
  ];
  for (const variant of linked) {
    it(`${variant.name}: add refuses, nothing written`, async () => {
      const repo = initRepo();
      writeFiles(repo, { 'criteria.yaml': sampleCriteria() });
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', 'criteria');
      const work = variant.arrange(repo);
      const before = { repo: treeSnapshot(repo), work: treeSnapshot(work) };
      const sources = tempDir('re-sources-');
      writeFiles(sources, { 'pre-commit.pdf': 'x' });
      await assert.rejects(addEvidence({ criteriaFile: path.join(work, 'criteria.yaml'), target: '1.1', files: [path.join(sources, 'pre-commit.pdf')] }), (e: unknown) => e instanceof EvidenceError && e.key === 'evidence.insideGitDir');
      assert.deepEqual({ repo: treeSnapshot(repo), work: treeSnapshot(work) }, before);
    });
  }
});

describe('hostile repositories: file names that are not UTF-8', () => {
  isolateGitConfig();

  const names = [
    Buffer.from('caf\xe9.pdf', 'latin1'),
    Buffer.from([0xff, 0xfe, 0x2e, 0x70, 0x64, 0x66]),
    Buffer.concat([Buffer.from('cắt'), Buffer.from([0xc3]), Buffer.from('.pdf')]),
    Buffer.concat([Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('.pdf')]),
    Buffer.concat([Buffer.from([0xc0, 0xaf]), Buffer.from('\n.pdf')]),
  ];
  const decoded = names.map((n) => decodePath(n));

  function repoWithRawNames(): { repo: string; criteria: string; since: string } {
    const { repo, criteria } = ward();
    for (const name of names) writeRaw(path.join(repo, FOLDER), name, 'first');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'raw names', '-m', 'Criterion: 1.1');
    return { repo, criteria, since: git(repo, 'rev-parse', 'HEAD').trim() };
  }

  it('a modified file keeps its place: status, commit-pending, verify, log', async () => {
    const { repo, criteria, since } = repoWithRawNames();
    for (const name of names) writeRaw(path.join(repo, FOLDER), name, 'second');
    const status = await cli(['status', '--files', criteria], repo);
    for (const name of decoded) assert.ok(status.out.includes(`${quotePath(`1.1 Kế hoạch/${name}`)} [modified]`), `${quotePath(name)} in\n${status.out}`);
    const json = JSON.parse((await cli(['status', '--json', criteria], repo)).out) as unknown;
    const jsonText = JSON.stringify(json);
    for (const name of decoded) assert.ok(jsonText.includes(JSON.stringify(`1.1 Kế hoạch/${name}`).slice(1, -1)), `faithful JSON form of ${quotePath(name)}`);

    const pending = await cli(['commit-pending', '-C', repo], repo);
    assert.equal(pending.code, 0, pending.err);
    for (const name of decoded) assert.ok(pending.out.includes(quotePath(`1.1 Kế hoạch/${name}`)), pending.out);
    assert.equal(gitBytes(repo, 'status', '--porcelain', '-z', '--', 'evidence').length, 0, 'nothing left modified');
    const committed = gitPaths(repo, 'show', '--name-only', '-z', '--format=', 'HEAD').sort();
    assert.deepEqual(committed, decoded.map((n) => `${FOLDER}/${n}`).sort());
    const contents = headFiles(repo, FOLDER);
    for (const name of decoded) assert.equal(contents.get(`${FOLDER}/${name}`), 'second', quotePath(name));
    const trailers = gitTrailers(repo);
    assert.deepEqual(trailers.filter((l) => !l.startsWith('Evidence-SHA256')), ['Criterion: 1.1', 'Requirement: Kế hoạch', 'Unit: VHXH']);
    const report = await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since });
    assert.deepEqual(report.problems, []);

    const log = await cli(['log', '1.1', '-C', repo], repo);
    for (const name of decoded) assert.ok(log.out.includes(`    ${quotePath(name.replace(/^/, '1.1 Kế hoạch/'))}`), log.out);
    const logJson = JSON.stringify(JSON.parse((await cli(['log', '1.1', '--json', '-C', repo], repo)).out));
    for (const name of decoded) assert.ok(logJson.includes(JSON.stringify(name).slice(1, -1)));
  });

  it('untracked files with such names are committed by commit-pending under their own bytes', async () => {
    const { repo, criteria } = ward();
    const since = git(repo, 'rev-parse', 'HEAD').trim();
    for (const [i, name] of names.entries()) writeRaw(path.join(repo, FOLDER), name, `body ${i}`);
    const results = await commitPending({ criteriaFile: criteria });
    assert.equal(results.length, 1);
    const committed = gitPaths(repo, 'show', '--name-only', '-z', '--format=', 'HEAD').sort();
    assert.deepEqual(committed, decoded.map((n) => `${FOLDER}/${n}`).sort());
    const contents = headFiles(repo, FOLDER);
    for (const [i, name] of decoded.entries()) assert.equal(contents.get(`${FOLDER}/${name}`), `body ${i}`, quotePath(name));
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since })).problems, []);
    const verified = await cli(['verify', '-C', repo, '--since', since], repo);
    assert.equal(verified.code, 0, verified.out);
  });

  it('outside Git (a plain folder walk) such files are listed too, shown quoted', async () => {
    const dir = tempDir('re-plain-');
    writeFiles(dir, { 'criteria.yaml': sampleCriteria() });
    mkdirSync(path.join(dir, FOLDER), { recursive: true });
    for (const name of names) writeRaw(path.join(dir, FOLDER), name, 'x');
    const status = await cli(['status', '--files', '--no-git', path.join(dir, 'criteria.yaml')], dir);
    for (const name of decoded) assert.ok(status.out.includes(quotePath(`1.1 Kế hoạch/${name}`)), `${quotePath(name)} in\n${status.out}`);
  });

  it('diff --file takes such a name as the CLI prints it (quoted) and diffs that file only', async () => {
    const { repo, criteria, since } = repoWithRawNames();
    for (const name of names) writeRaw(path.join(repo, FOLDER), name, 'second');
    for (const name of decoded) {
      const shown = quotePath(`1.1 Kế hoạch/${name}`);
      const result = await cli(['diff', since, '--file', shown, '-C', path.dirname(criteria)], repo);
      assert.equal(result.code, 0, `${shown}: ${result.err}`);
      assert.match(result.out, /^-first$/m, shown);
      assert.match(result.out, /^\+second$/m, shown);
      assert.equal(result.out.match(/^diff --git/gm)?.length, 1, `one file only for ${shown}:\n${result.out}`);
    }
    // Committed on both sides: the second revision is a commit, not the working tree.
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'second');
    const json = JSON.parse((await cli(['diff', since, 'HEAD', '--json', '--file', quotePath(`1.1 Kế hoạch/${decoded[0]}`), '-C', path.dirname(criteria)], repo)).out) as { binary: boolean; text: string };
    assert.equal(json.binary, false);
    assert.match(json.text, /^\+second$/m);
  });

  it('diff --file refuses a name that is not UTF-8 when another file differs from it only in those bytes', async () => {
    const { repo, criteria, since } = repoWithRawNames();
    writeRaw(path.join(repo, FOLDER), Buffer.from('caf\xe8.pdf', 'latin1'), 'twin');
    const result = await cli(['diff', since, '--file', quotePath(`1.1 Kế hoạch/${decoded[0]}`), '-C', path.dirname(criteria)], repo);
    assert.equal(result.code, 2, result.out);
    assert.match(result.err, /another file differs from it only in those bytes/);
    assert.equal(result.err.trim().split('\n').length, 1);
  });

  it('add: a folder holding such names takes a new file and leaves them as they are', async () => {
    const { repo, criteria } = repoWithRawNames();
    const sources = tempDir('re-sources-');
    writeFiles(sources, { 'new.pdf': 'new' });
    const result = await addEvidence({ criteriaFile: criteria, target: '1.1', files: [path.join(sources, 'new.pdf')] });
    assert.deepEqual(result.added, ['1.1 Kế hoạch/new.pdf']);
    for (const name of names) assert.equal(readFileSync(Buffer.concat([Buffer.from(path.join(repo, FOLDER) + '/'), name]), 'utf8'), 'first');
    assert.deepEqual(gitPaths(repo, 'show', '--name-only', '-z', '--format=', 'HEAD'), [`${FOLDER}/new.pdf`]);
  });
});
