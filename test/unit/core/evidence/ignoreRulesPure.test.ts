// Git's ignore rules in process (gitignore(5)), without Git: the rules of one file's text, the sources and their
// precedence (core.excludesFile < .git/info/exclude < each folder's .gitignore, deeper wins; an ignored folder
// hides everything below it), and what the two Git calls at load give (the top folder, the exclude files, case).
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ignoreContextOf, isIgnoredByGit, parseIgnoreRules, type IgnoreContext } from '../../../../src/core/evidence/ignoreRules';
import type { Git } from '../../../../src/core/git/git';
import { cleanupTempDirs, tempDir, writeFiles } from '../../helpers';

/** For each rule: [negate, dirOnly, base] and the paths (relative to its base) it matches among `candidates`. */
function rulesOf(text: string, candidates: string[], base = '') {
  return parseIgnoreRules(text, base).map((r) => [r.negate, r.dirOnly, r.base, candidates.filter((c) => r.test(c))]);
}

function context(dir: string, excludeFiles: string[] = []): IgnoreContext {
  return { topDir: dir, prefix: '', excludeFiles, ignoreCase: false, absentTracked: new Set() };
}

describe('Git ignore rules without Git (gitignore(5))', () => {
  afterEach(cleanupTempDirs);

  it('blank lines and comments are no rules; "\\#" and "\\!" start a literal name; "!" negates', () => {
    const names = ['#a', '!b', 'c', 'x/c'];
    assert.deepEqual(rulesOf('\n# comment\n\\#a\n\\!b\n!c\n', names), [
      [false, false, '', ['#a']],
      [false, false, '', ['!b']],
      [true, false, '', ['c', 'x/c']],
    ]);
  });

  it('a trailing "/" makes a folder rule; "/" alone is no rule; CRLF and unescaped trailing blanks are dropped', () => {
    assert.deepEqual(rulesOf('build/\r\n/\r\nname  \r\nkeep\\ \n', ['build', 'x/build', 'name', 'keep ', 'keep']), [
      [false, true, '', ['build', 'x/build']],
      [false, false, '', ['name']],
      [false, false, '', ['keep ']],
    ]);
    assert.deepEqual(rulesOf('a//\n', ['a']), [[false, true, '', ['a']]]);
  });

  it('a slash before the end anchors the rule to its folder; otherwise it matches a name at any depth', () => {
    const candidates = ['build', 'x/build', 'docs/a.bak', 'x/docs/a.bak', 'a.tmp', 'x/y/a.tmp', '.hidden.tmp'];
    assert.deepEqual(rulesOf('/build\ndocs/*.bak\n*.tmp\n', candidates, 'sub'), [
      [false, false, 'sub', ['build']],
      [false, false, 'sub', ['docs/a.bak']],
      [false, false, 'sub', ['a.tmp', 'x/y/a.tmp', '.hidden.tmp']],
    ]);
  });

  it('"[!a]" is a negated class; braces and extglobs are literal characters; names are compared in NFC', () => {
    assert.deepEqual(rulesOf('[!a]x.log\n{a,b}.txt\n', ['bx.log', 'ax.log', 'a.txt', '{a,b}.txt']), [
      [false, false, '', ['bx.log']],
      [false, false, '', ['{a,b}.txt']],
    ]);
    assert.deepEqual(rulesOf('nháp*'.normalize('NFD'), ['nháp 1.docx', 'nhap.docx']), [[false, false, '', ['nháp 1.docx']]]);
  });

  it('no ignore file at all: nothing is ignored', async () => {
    const dir = tempDir();
    assert.equal(await isIgnoredByGit(context(dir, [path.join(dir, 'missing-exclude')]), 'a/b.pdf'), false);
  });

  it('exclude files, then the .gitignore of each folder, deeper and later rules winning', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'exclude': 'private*\n*.bak\n',
      '.gitignore': '*.tmp\n!keep.bak\n',
      'evidence/.gitignore': '*.pdf\n!Quyết định*.pdf\n',
      'evidence/1.1/.gitignore': 'nháp*\n',
    });
    const c = context(dir, [path.join(dir, 'exclude')]);
    const expected: Array<[string, boolean]> = [
      ['private.txt', true],
      ['x/private.txt', true],
      ['a.bak', true],
      ['keep.bak', false],
      ['a.tmp', true],
      ['evidence/a.pdf', true],
      ['evidence/x/a.pdf', true],
      ['a.pdf', false],
      ['evidence/Quyết định 1.pdf', false],
      ['evidence/Quyết định 1.pdf'.normalize('NFD'), false],
      ['evidence/1.1/nháp 1.docx', true],
      ['evidence/1.1/Báo cáo.docx', false],
      ['evidence/2/nháp.docx', false],
      ['nháp.docx', false],
      ['evidence/ok.docx', false],
    ];
    for (const [p, ignored] of expected) assert.equal(await isIgnoredByGit(c, p), ignored, p);
  });

  it('the rules of a folder apply strictly inside it, relative to it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'sub/.gitignore': '/a.pdf\nx/b.pdf\n' });
    const c = context(dir);
    assert.equal(await isIgnoredByGit(c, 'sub/a.pdf'), true);
    assert.equal(await isIgnoredByGit(c, 'sub/y/a.pdf'), false);
    assert.equal(await isIgnoredByGit(c, 'a.pdf'), false);
    assert.equal(await isIgnoredByGit(c, 'subx/a.pdf'), false);
    assert.equal(await isIgnoredByGit(c, 'sub/x/b.pdf'), true);
    assert.equal(await isIgnoredByGit(c, 'x/b.pdf'), false);
  });

  it('an ignored folder hides everything below it: a later "!" cannot bring a file back', async () => {
    const dir = tempDir();
    writeFiles(dir, { '.gitignore': 'scan-tmp/\n!scan-tmp/a.pdf\n!b.pdf\nbuild\n' });
    const c = context(dir);
    assert.equal(await isIgnoredByGit(c, 'scan-tmp/a.pdf'), true);
    assert.equal(await isIgnoredByGit(c, 'x/scan-tmp/b.pdf'), true);
    assert.equal(await isIgnoredByGit(c, 'build/c.pdf'), true);
    assert.equal(await isIgnoredByGit(c, 'build'), true);
  });

  it('a folder rule does not ignore a file of that name', async () => {
    const dir = tempDir();
    writeFiles(dir, { '.gitignore': 'scan-tmp/\n' });
    assert.equal(await isIgnoredByGit(context(dir), 'scan-tmp'), false);
    assert.equal(await isIgnoredByGit(context(dir), 'x/scan-tmp'), false);
    assert.equal(await isIgnoredByGit(context(dir), 'x/scan-tmp/a'), true);
  });

  it('a path through a file (ENOTDIR) reads as no .gitignore; an ignore file that cannot be read is an error (Git is asked)', async () => {
    const dir = tempDir();
    writeFiles(dir, { '.gitignore': '*.tmp\n', 'a.pdf': 'x' });
    assert.equal(await isIgnoredByGit(context(dir), 'a.pdf/b.tmp'), true);
    assert.equal(await isIgnoredByGit(context(dir), 'a.pdf/b.docx'), false);
    mkdirSync(path.join(dir, 'd/.gitignore'), { recursive: true });
    await assert.rejects(isIgnoredByGit(context(dir), 'd/x.pdf'));
  });

  it('the context from rev-parse and config: top folder, exclude files, info folder, core.ignoreCase', async () => {
    const base = path.join(os.tmpdir(), 'w', 'a', 'b');
    const fake = (revParse: string, config: string): Git =>
      ({
        readBuffer: async (args: string[]) => {
          if (args[0] === 'rev-parse') {
            assert.deepEqual(args, ['rev-parse', '--show-prefix', '--git-path', 'info/exclude']);
            return Buffer.from(revParse);
          }
          assert.deepEqual(args, ['config', '-z', '--list']);
          return Buffer.from(config);
        },
      }) as unknown as Git;
    const nested = await ignoreContextOf(fake('a/b/\n../../.git/info/exclude\n', 'core.excludesfile\n~/my-ignore\0core.ignorecase\nTrue\0'), base, new Set(['x.pdf']));
    assert.ok(nested);
    assert.equal(nested.topDir, path.join(os.tmpdir(), 'w'));
    assert.equal(nested.prefix, 'a/b');
    assert.deepEqual(nested.excludeFiles, [path.join(os.homedir(), 'my-ignore'), path.join(os.tmpdir(), 'w', '.git', 'info', 'exclude')]);
    assert.equal(nested.infoDir, path.join(os.tmpdir(), 'w', '.git', 'info'));
    assert.equal(nested.ignoreCase, true);
    assert.deepEqual([...nested.absentTracked], ['x.pdf']);

    const savedXdg = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = '/xdg';
    try {
      const top = await ignoreContextOf(fake('\n.git/info/exclude\n', 'core.ignorecase\nfalse\0user.name\nA\0'), base, new Set());
      assert.ok(top);
      assert.equal(top.topDir, base);
      assert.equal(top.prefix, '');
      assert.deepEqual(top.excludeFiles, [path.join('/xdg', 'git', 'ignore'), path.join(base, '.git', 'info', 'exclude')]);
      assert.equal(top.ignoreCase, false);
      const absolute = await ignoreContextOf(fake('\n.git/info/exclude\n', 'CORE.EXCLUDESFILE\n/etc/ignore\0core.ignorecase\n1\0'), base, new Set());
      assert.equal(absolute?.excludeFiles[0], '/etc/ignore');
      assert.equal(absolute?.ignoreCase, true);
      delete process.env.XDG_CONFIG_HOME;
      const home = await ignoreContextOf(fake('\n.git/info/exclude\n', 'core.ignorecase\nyes!\0'), base, new Set());
      assert.equal(home?.excludeFiles[0], path.join(os.homedir(), '.config', 'git', 'ignore'));
      assert.equal(home?.ignoreCase, false);
    } finally {
      if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = savedXdg;
    }
  });

  it('no context when Git fails: the caller asks Git file by file', async () => {
    const failing = { read: async () => Promise.reject(new Error('not a repository')) } as unknown as Git;
    assert.equal(await ignoreContextOf(failing, os.tmpdir(), new Set()), undefined);
  });
});
