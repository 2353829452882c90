// Many tree diffs through one long-lived `git diff-tree --stdin` (a history's weeks read ahead): each pair answered
// in the order asked, exactly as its own `git diff-tree` would, whatever the paths look like.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createGit, gitCommandMark, gitCommandsSince } from '../../../../src/core/git/git';
import { diffTrees, TreeDiffStream } from '../../../../src/core/git/tree';
import { cleanupTempDirs, git, initRepo } from '../../helpers';

/** Commits `files` (path → content, undefined deletes it) and returns the commit. */
function commit(repo: string, files: Record<string, string | undefined>): string {
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(repo, name);
    if (content === undefined) rmSync(full, { force: true });
    else {
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  }
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '--allow-empty', '-m', 'step');
  return git(repo, 'rev-parse', 'HEAD').trim();
}

describe('TreeDiffStream: diffs through one git diff-tree --stdin', () => {
  after(cleanupTempDirs);

  it('answers each pair in order as diffTrees does, in one process: empty diffs, paths like its marks', async () => {
    const repo = initRepo();
    const a = commit(repo, { 'ha/a.pdf': '1', '.ẩn/b.pdf': '2' });
    // Names that look like the "." line marking an answer's end, or like a record's start.
    const b = commit(repo, { '.\n': '3', 'ha/.x\n.\n': '4', ':100644 x': '5', '.ẩn/b.pdf': undefined });
    const c = commit(repo, {});
    const d = commit(repo, { 'ha/a.pdf': '6', ['mới/ngày.pdf'.normalize('NFD')]: '7', '.\n': undefined });
    const gitOf = createGit({ cwd: repo });
    const pairs: [string, string][] = [
      [a, b],
      [b, c],
      [c, c],
      [c, d],
      [d, a],
      [a, d],
      [b, b],
    ];
    const expected = await Promise.all(pairs.map(([from, to]) => diffTrees(gitOf, from, to, ['.'])));
    assert.ok(expected[0].some((change) => change.path === '.\n'), 'the odd names are in the diff');
    const mark = gitCommandMark();
    const stream = new TreeDiffStream(gitOf, ['.']);
    try {
      const answers = await Promise.all(pairs.map(([from, to]) => stream.diff(from, to)));
      assert.deepEqual(answers, expected);
      // Asked again after the first answers came: the same process goes on.
      assert.deepEqual(await stream.diff(d, b), await diffTrees(gitOf, d, b, ['.']));
    } finally {
      stream.close();
    }
    assert.deepEqual(
      gitCommandsSince(mark)
        .filter((c) => c.args.includes('--stdin'))
        .map((c) => c.args[0]),
      ['diff-tree'],
    );
  });

  it('rejects the pairs still owed when closed, and every pair when Git fails', async () => {
    const repo = initRepo();
    const a = commit(repo, { 'a.pdf': '1' });
    const b = commit(repo, { 'b.pdf': '2' });
    const stream = new TreeDiffStream(createGit({ cwd: repo }), ['.']);
    const first = stream.diff(a, b);
    const second = stream.diff(b, a);
    stream.close();
    await Promise.all([first, second].map((p) => p.then(() => assert.fail('answered after close'), (error: Error) => assert.match(error.message, /closed/))));
    await assert.rejects(stream.diff(a, b), /closed/);
    // A parent that is no object: Git stops, and the pairs asked cannot be answered.
    const failing = new TreeDiffStream(createGit({ cwd: repo }), ['.']);
    try {
      const asked = [failing.diff('f'.repeat(40), b), failing.diff(a, b)];
      for (const p of asked) await assert.rejects(p);
    } finally {
      failing.close();
    }
  });
});
