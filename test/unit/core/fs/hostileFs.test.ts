// Hostile repositories through the CLI, each with a time bound (child timeout) and a memory bound
// (--max-old-space-size): criteria files that are devices, FIFOs, folders or links to them; globs built to make a
// backtracking matcher run for hours against long names. Each must end with the clear outcome, not just end.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readBounded, readBoundedSync, UnreadableFileError } from '../../../../src/core/fs/readBounded';
import { isIgnoredByGit } from '../../../../src/core/evidence/ignoreRules';
import { createGit } from '../../../../src/core/git/git';
import { cleanupTempDirs, git, initRepo, tempDir, writeFiles } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

function cli(args: string[]): { code: number | null; out: string; err: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=128', CLI, ...args], { encoding: 'utf8', timeout: 30000, env: { ...process.env, REFORM_EVIDENCE_LANG: 'en' } });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

const CRITERIA = (paths: string[]) =>
  [
    'reformEvidence: 1',
    'index: { id: x, title: x, year: 2025, evidenceRoot: evidence }',
    'units: { VP: { name: VP } }',
    'criteria:',
    '  - id: "1"',
    '    title: A',
    '    maxScore: 1',
    '    owner: VP',
    '    evidence:',
    ...paths.map((p) => `      - { title: t, path: ${JSON.stringify(p)} }`),
    '',
  ].join('\n');

describe('hostile repositories: nothing hangs, nothing grows without bound', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  const cases: Array<{ name: string; make: (file: string) => void; kind: RegExp }> = [
    { name: 'a link to /dev/zero', make: (f) => symlinkSync('/dev/zero', f), kind: /device/ },
    { name: 'a link to /dev/urandom', make: (f) => symlinkSync('/dev/urandom', f), kind: /device/ },
    { name: 'a link to a link to /dev/zero', make: (f) => (symlinkSync('/dev/zero', f + '.target'), symlinkSync(path.basename(f) + '.target', f)), kind: /device/ },
    { name: 'a FIFO', make: (f) => assert.equal(spawnSync('mkfifo', [f]).status, 0), kind: /FIFO/ },
  ];
  for (const c of cases) {
    it(`a criteria file that is ${c.name}: one clear line, exit 2`, () => {
      const dir = tempDir('re-hostile-');
      const file = path.join(dir, 'criteria.yaml');
      c.make(file);
      for (const target of [file, dir]) {
        const r = cli(['check', target]);
        assert.equal(r.signal, null, 'ended on its own');
        assert.equal(r.code, 2, r.err);
        assert.equal(r.err.trim().split('\n').length, 1, r.err);
        // A folder's search only considers files and links: a FIFO there is passed over, not opened.
        if (target === dir && c.kind.source === 'FIFO') {
          assert.match(r.err, /No criteria file found/);
          continue;
        }
        assert.match(r.err, /Not read: .*criteria\.yaml is not a regular file/);
        assert.match(r.err, c.kind);
      }
    });
  }

  it('a folder named criteria.yaml is not a criteria file; a criteria file beside it still loads', () => {
    const dir = tempDir('re-hostile-');
    mkdirSync(path.join(dir, 'criteria.yaml'));
    writeFiles(dir, { 'other.yaml': CRITERIA(['*.pdf']) });
    const r = cli(['check', dir]);
    assert.equal(r.code, 0, r.err);
  });

  it('globs with 10 to 30 wildcards of every kind against 200+ character names: the right matches, quickly', () => {
    const dir = tempDir('re-hostile-');
    const long = 'a'.repeat(240);
    const globs = [
      `${'*a'.repeat(12)}*c.pdf`,
      `${'*a'.repeat(30)}*c.pdf`,
      `${'?*'.repeat(20)}c.pdf`,
      `${'[a-z]*'.repeat(15)}c.pdf`,
      `${'{a,aa}'.repeat(10)}*c.pdf`,
      `${'**/'.repeat(10)}${'*a'.repeat(10)}*b.pdf`,
      `!(${'*a'.repeat(10)}*b).pdf`,
    ];
    writeFiles(dir, {
      'criteria.yaml': CRITERIA(globs),
      [`evidence/${long}.pdf`]: 'x',
      [`evidence/${long}c.pdf`]: 'x',
      [`evidence/${'a/'.repeat(5)}${long}b.pdf`]: 'x',
    });
    const r = cli(['status', dir, '--json', '--as-of', '2025-11-20']);
    assert.equal(r.signal, null, 'ended on its own');
    assert.equal(r.code, 0, r.err);
    const model = JSON.parse(r.out) as { areas: Array<{ requirements: Array<{ path: string; files: Array<{ path: string }> }> }> };
    const matched = Object.fromEntries(model.areas[0].requirements.map((q) => [q.path, q.files.map((f) => f.path)]));
    const cFile = `${long}c.pdf`;
    assert.deepEqual(matched[globs[0]], [cFile]);
    assert.deepEqual(matched[globs[1]], [cFile]);
    assert.deepEqual(matched[globs[2]], [cFile]);
    assert.deepEqual(matched[globs[3]], [cFile]);
    assert.deepEqual(matched[globs[4]], [cFile]);
    assert.deepEqual(matched[globs[5]], [`${'a/'.repeat(5)}${long}b.pdf`]);
    assert.deepEqual(matched[globs[6]].sort(), [`${long}.pdf`, cFile].sort());
  });
});

describe('readBounded: the one reader of repository files', () => {
  after(cleanupTempDirs);
  const refused = (reason: string, kind?: RegExp) => (e: unknown) =>
    e instanceof UnreadableFileError && e.reason === reason && (!kind || kind.test(e.messageIn('en'))) && e.messageIn('vi').startsWith('Không đọc');

  it('reads a regular file up to the limit, refuses one byte more, and reads a head of anything regular', async () => {
    const dir = tempDir('re-read-');
    const file = path.join(dir, 'a.yaml');
    writeFileSync(file, 'x'.repeat(100));
    assert.equal((await readBounded(file, 100)).length, 100);
    await assert.rejects(readBounded(file, 99), refused('tooLarge'));
    assert.equal((await readBounded(file, 10, { head: true })).toString(), 'x'.repeat(10));
  });

  it('refuses devices, FIFOs (without blocking), folders and links to them, head reads included', async () => {
    const dir = tempDir('re-read-');
    symlinkSync('/dev/zero', path.join(dir, 'zero'));
    symlinkSync('zero', path.join(dir, 'link-to-link'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo')]).status, 0);
    mkdirSync(path.join(dir, 'folder'));
    for (const [name, kind] of [['zero', /device/], ['link-to-link', /device/], ['fifo', /FIFO/], ['folder', /folder/]] as const) {
      await assert.rejects(readBounded(path.join(dir, name), 1024), refused('notFile', kind), name);
      await assert.rejects(readBounded(path.join(dir, name), 1024, { head: true }), refused('notFile', kind), name);
    }
  });

  it('readBoundedSync (the data files of measures) reads and refuses as readBounded does, and gives the opened file\'s stat', () => {
    const dir = tempDir('re-read-');
    const file = path.join(dir, 'a.csv');
    writeFileSync(file, 'x'.repeat(100));
    const read = readBoundedSync(file, 100);
    assert.equal(read.bytes.toString(), 'x'.repeat(100));
    assert.equal(read.stat.size, 100);
    assert.throws(() => readBoundedSync(file, 99), refused('tooLarge'));
    // Larger than one read: the chunks come back whole.
    writeFileSync(file, Buffer.alloc(200 * 1024, 7));
    assert.ok(readBoundedSync(file, 1024 * 1024).bytes.equals(Buffer.alloc(200 * 1024, 7)));
    symlinkSync('/dev/zero', path.join(dir, 'zero'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo')]).status, 0);
    mkdirSync(path.join(dir, 'folder'));
    for (const [name, kind] of [['zero', /device/], ['fifo', /FIFO/], ['folder', /folder/]] as const) {
      assert.throws(() => readBoundedSync(path.join(dir, name), 1024), refused('notFile', kind), name);
    }
  });

  it('counts bytes while reading: a file growing past the limit is refused whatever stat said', async () => {
    const dir = tempDir('re-read-');
    const file = path.join(dir, 'grows.yaml');
    writeFileSync(file, 'a'.repeat(10));
    // A writer appends while we read; stat saw 10 bytes.
    let writes = 0;
    const timer = setInterval(() => {
      if (writes++ < 200) appendFileSync(file, 'b'.repeat(64 * 1024));
    }, 0);
    try {
      const outcome = await readBounded(file, 1024 * 1024).then(
        (b) => b.length,
        (e: unknown) => e,
      );
      // Either it finished before the file passed the limit, or it stopped at the limit: never more.
      assert.ok(typeof outcome === 'number' ? outcome <= 1024 * 1024 : refused('tooLarge')(outcome), String(outcome));
    } finally {
      clearInterval(timer);
    }
    appendFileSync(file, 'c'.repeat(2 * 1024 * 1024));
    await assert.rejects(readBounded(file, 1024 * 1024), refused('tooLarge'));
  });

  it('an ignore file that is a link to /dev/zero is refused, so the caller asks Git instead', async () => {
    const dir = tempDir('re-read-');
    symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
    await assert.rejects(isIgnoredByGit({ topDir: dir, prefix: '', excludeFiles: [], ignoreCase: false, absentTracked: new Set() }, 'a.pdf'), refused('notFile', /device/));
  });
});

describe('blob hashing streams: no blob is held whole in memory', () => {
  after(cleanupTempDirs);

  it('hashBlobs gives the SHA-256 of each blob (empty, small, larger than a pipe chunk, repeated) as Git streams them', async () => {
    const repo = tempDir();
    initRepo(repo);
    const contents = { 'empty.pdf': Buffer.alloc(0), 'small.pdf': Buffer.from('tài liệu\n'), 'large.pdf': Buffer.alloc(3 * 1024 * 1024 + 17, 7), 'nl.pdf': Buffer.from('\n\n') };
    for (const [name, bytes] of Object.entries(contents)) writeFileSync(path.join(repo, name), bytes);
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'blobs');
    const ids = Object.keys(contents).map((name) => git(repo, 'rev-parse', `HEAD:${name}`).trim());
    const seen: Array<[string, string]> = [];
    await createGit({ cwd: repo }).hashBlobs([...ids, ids[2]], (id, sha) => seen.push([id, sha]));
    const expected = Object.values(contents).map((bytes, i): [string, string] => [ids[i], createHash('sha256').update(bytes).digest('hex')]);
    assert.deepEqual(seen, [...expected, expected[2]]);
  });
});
