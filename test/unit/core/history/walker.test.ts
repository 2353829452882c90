// The walker (a history's points, a review's head): one listing, then the diff from commit to commit, must give
// at every commit what a fresh status at that revision gives, whatever order the commits come in.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { placeOf, statusAtRevision } from '../../../../src/core/history/statusAtRevision';
import { StatusWalker } from '../../../../src/core/history/walker';
import { gitCommandMark, gitCommandsSince } from '../../../../src/core/git/git';
import { cleanupTempDirs, git, initRepo, writeFiles } from '../../helpers';
import { isolateGitConfig } from '../../gitHelpers';
import { ASOF, buildHistory, comparable, criteria, FOLDERS, walkArbitraries } from './generatedHistory';

describe('status walker', function () {
  this.timeout(120_000);
  isolateGitConfig();

  it('gives at each commit of a walk (any order, repeats) the status at that revision, over generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        ...walkArbitraries,
        async (sub, steps, walk, exclude, expected) => {
          const { repo, ws, file, hashes } = buildHistory(sub, steps);
          const commits = [...hashes, ...walk.map((pick) => hashes[pick % hashes.length])];
          const walker = new StatusWalker(await placeOf(file), { exclude, fastParse: true });
          try {
            // Told only the start: the walk goes on past the expected commits, its other diffs read one by one.
            if (expected !== 'none') walker.expect(expected === 'all' ? commits : commits.slice(0, Math.ceil(commits.length / 2)));
            // Every commit in order (each step applied incrementally, as a history does), then anywhere.
            for (const commit of commits) {
              const walked = await walker.at(commit, ASOF);
              const fresh = await statusAtRevision(file, commit, { asOf: ASOF, exclude, fastParse: true });
              assert.equal(walked.commit, commit);
              assert.equal(comparable(walked.model, walked.doc.problems, ws), comparable(fresh.model, fresh.doc.problems, ws), `at ${commit}`);
            }
          } finally {
            walker.close();
            rmSync(repo, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  it('walks across merges as told, each diff read ahead from the commit before (first or second parent)', async () => {
    const repo = initRepo();
    const ws = path.join(repo, 'phường');
    const leaves = FOLDERS.map((f) => ({ glob: `${f}/**/*`, min: 2, due: '2025-12-31' }));
    writeFiles(ws, { 'criteria.yaml': criteria(leaves, 'evidence'), [`evidence/${FOLDERS[0]}/a.pdf`]: 'a' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'start');
    const start = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'checkout', '-qb', 'side');
    writeFiles(ws, { [`evidence/${FOLDERS[1]}/b.pdf`]: 'b', [`evidence/${FOLDERS[0]}/c.pdf`]: 'c' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'side');
    const side = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'checkout', '-q', '-');
    // The criteria file changes on the main line, the evidence on the side: the merge has both.
    leaves[1] = { glob: `${FOLDERS[1]}/*.pdf`, min: 1, due: '2025-03-31' };
    writeFiles(ws, { 'criteria.yaml': criteria(leaves, 'evidence'), [`evidence/${FOLDERS[2]}/${'đ'.normalize('NFD')}.pdf`]: 'd' });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'main');
    const main = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'merge', '-q', '--no-ff', '-m', 'merge', 'side');
    const merge = git(repo, 'rev-parse', 'HEAD').trim();
    const file = path.join(ws, 'criteria.yaml');
    const walk = [start, main, merge, side, merge, start, merge, merge, main];
    const walker = new StatusWalker(await placeOf(file), { fastParse: true });
    const mark = gitCommandMark();
    walker.expect(walk);
    try {
      const secured: number[] = [];
      for (const commit of walk) {
        const walked = await walker.at(commit, ASOF);
        const fresh = await statusAtRevision(file, commit, { asOf: ASOF, fastParse: true });
        assert.equal(comparable(walked.model, walked.doc.problems, ws), comparable(fresh.model, fresh.doc.problems, ws), `at ${commit}`);
        secured.push(walked.model.totals.secured);
      }
      // Not the same status everywhere: the walk did move.
      assert.ok(new Set(secured).size > 1, `secured ${secured.join(', ')}`);
      // Every diff of the walk came from the one diff-tree read ahead.
      const diffs = gitCommandsSince(mark).filter((c) => c.args[0] === 'diff-tree');
      assert.deepEqual(
        diffs.map((c) => c.args.includes('--stdin')),
        [true],
      );
    } finally {
      walker.close();
    }
  });

  after(() => cleanupTempDirs());
});
