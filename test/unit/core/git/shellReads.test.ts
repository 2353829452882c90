// readSmall (the portfolio's `git log -1` per ward) goes through one shell per thread: the same bytes as a spawn of
// Git, answers in order when many are asked at once, a failure rejects, and what the shell cannot carry (a line
// break) is spawned as before. The shell never keeps the process alive (mocha would not end).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { createGit, gitCommandMark, gitCommandsSince, gitProcessCount } from '../../../../src/core/git/git';
import { shellReadCount } from '../../../../src/core/git/shellReads';
import { cleanupTempDirs, git, initRepo, tempDir, writeFiles } from '../../helpers';

const LOG = (root: string) => ['log', '-1', '-z', '--no-color', '--format=%H%x00%h%x00%aI%x00%s', 'HEAD', '--', root];

describe('small Git reads through one shell', () => {
  after(cleanupTempDirs);

  it('gives the bytes a spawn gives, in order for many at once, each counted and logged', async () => {
    const repos = [0, 1, 2, 3].map((i) => {
      const repo = initRepo();
      // Subjects with what a shell could misread: quotes, $, backslashes, a glob, Vietnamese.
      writeFiles(repo, { [`evidence/a b/${i}.pdf`]: 'x', 'other.txt': 'y' });
      git(repo, 'add', '.');
      git(repo, 'commit', '-qm', `Bổ sung "${i}" $HOME \\n '*' \`x\``);
      return repo;
    });
    const mark = gitCommandMark();
    const before = gitProcessCount();
    const served = shellReadCount();
    const small = await Promise.all(repos.flatMap((r) => [createGit({ cwd: r }).readSmall!(LOG('evidence')), createGit({ cwd: r }).readSmall!(LOG('other.txt'))]));
    assert.equal(gitProcessCount() - before, 8);
    if (process.platform !== 'win32') assert.equal(shellReadCount() - served, 8, 'the shell served them');
    assert.equal(gitCommandsSince(mark).filter((c) => c.args[0] === 'log').length, 8);
    const spawned = await Promise.all(repos.flatMap((r) => [createGit({ cwd: r }).readBuffer(LOG('evidence')), createGit({ cwd: r }).readBuffer(LOG('other.txt'))]));
    assert.deepEqual(small.map((b) => b.toString('utf8')), spawned.map((b) => b.toString('utf8')));
    assert.match(small[0].toString('utf8'), /Bổ sung "0" \$HOME \\n '\*' `x`/);
    // A path no commit touched: an empty answer.
    assert.equal((await createGit({ cwd: repos[0] }).readSmall!(LOG('nothing-here'))).length, 0);
  });

  it('rejects when Git fails; a line break in an argument is spawned as before', async () => {
    const notRepo = tempDir();
    await assert.rejects(createGit({ cwd: notRepo }).readSmall!(LOG('evidence')), /git log exited with 128/);
    const repo = initRepo();
    writeFiles(repo, { 'evi\ndence/1.pdf': 'x' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'line break');
    const served = shellReadCount();
    const spawned = await createGit({ cwd: repo }).readSmall!(LOG('evi\ndence'));
    assert.equal(shellReadCount(), served, 'spawned, not through the shell');
    assert.match(spawned.toString('utf8'), /line break/);
    // The shell still answers after a fallback and a failure.
    assert.match((await createGit({ cwd: repo }).readSmall!(['log', '-1', '--format=%s'])).toString('utf8'), /^line break/);
    if (process.platform !== 'win32') assert.equal(shellReadCount(), served + 1);
  });

  it('without a shell on PATH, the same read is spawned', async function () {
    if (process.platform === 'win32') this.skip();
    const repo = initRepo();
    writeFiles(repo, { 'evidence/1.pdf': 'x' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'no shell');
    const expected = (await createGit({ cwd: repo }).readBuffer(LOG('evidence'))).toString('utf8');
    const bin = tempDir();
    symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), path.join(bin, 'git'));
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      assert.equal((await createGit({ cwd: repo }).readSmall!(LOG('evidence'))).toString('utf8'), expected);
    } finally {
      process.env.PATH = saved;
    }
    // Back on the usual PATH, the shell serves again.
    const served = shellReadCount();
    assert.equal((await createGit({ cwd: repo }).readSmall!(LOG('evidence'))).toString('utf8'), expected);
    assert.equal(shellReadCount(), served + 1);
  });
});
