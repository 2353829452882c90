// The walker (a history's points, a review's head): one listing, then the diff from commit to commit, must give
// at every commit what a fresh status at that revision gives, whatever order the commits come in.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { placeOf, statusAtRevision } from '../../../../src/core/history/statusAtRevision';
import { StatusWalker } from '../../../../src/core/history/walker';
import { cleanupTempDirs } from '../../helpers';
import { isolateGitConfig } from '../../gitHelpers';
import { ASOF, buildHistory, comparable, FOLDERS, historySteps } from './generatedHistory';

describe('status walker', function () {
  this.timeout(120_000);
  isolateGitConfig();

  it('gives at each commit of a walk (any order, repeats) the status at that revision, over generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('', 'phường'),
        historySteps,
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<string[]>([], [FOLDERS[1]]),
        async (sub, steps, walk, exclude) => {
          const { repo, ws, file, hashes } = buildHistory(sub, steps);
          try {
            const walker = new StatusWalker(await placeOf(file), { exclude, fastParse: true });
            // Every commit in order (each step applied incrementally, as a history does), then anywhere.
            for (const commit of [...hashes, ...walk.map((pick) => hashes[pick % hashes.length])]) {
              const walked = await walker.at(commit, ASOF);
              const fresh = await statusAtRevision(file, commit, { asOf: ASOF, exclude, fastParse: true });
              assert.equal(walked.commit, commit);
              assert.equal(comparable(walked.model, walked.doc.problems, ws), comparable(fresh.model, fresh.doc.problems, ws), `at ${commit}`);
            }
          } finally {
            rmSync(repo, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 8 },
    );
  });

  after(() => cleanupTempDirs());
});
