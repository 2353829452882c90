// A review between two commits derives the head's status from the base's through the range's diff: it must equal
// the review read from two full statuses at those revisions, for any pair of commits of generated histories.
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { createGit } from '../../../../src/core/git/git';
import { statusAtRevision } from '../../../../src/core/history/statusAtRevision';
import { buildReview } from '../../../../src/core/review/review';
import { cleanupTempDirs } from '../../helpers';
import { isolateGitConfig } from '../../gitHelpers';
import { ASOF, buildHistory, historySteps } from '../history/generatedHistory';

describe('review between two commits, derived', function () {
  this.timeout(600_000);
  isolateGitConfig();

  it('equals the review of two full statuses at the revisions, over generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('', 'phường'), historySteps, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 2 }), async (sub, steps, pairs) => {
        const { repo, ws, file, hashes } = buildHistory(sub, steps);
        try {
          const git = createGit({ cwd: ws });
          for (const [a, b] of pairs) {
            const [base, head] = [hashes[a % hashes.length], hashes[b % hashes.length]];
            const request = { file, base, head, git, asOf: ASOF };
            const derived = await buildReview(request);
            const full = await buildReview({ ...request, statusAt: statusAtRevision });
            assert.deepEqual(derived, full, `${base}..${head}`);
          }
        } finally {
          rmSync(repo, { recursive: true, force: true });
        }
      }),
      { numRuns: 3 },
    );
  });

  after(() => cleanupTempDirs());
});
