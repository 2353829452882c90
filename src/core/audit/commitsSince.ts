// Evidence commits since a day, for the weekly report and the dashboard (CLI and extension alike).
import type { Git } from '../git/git';
import { evidenceCommits } from './history';
import type { EvidenceCommit } from '../model/types';
import { addDays, dayOf } from '../report/format';

/**
 * Evidence commits whose author day is `since` or later (all of them without `since`), newest first.
 * `git log --since=DAY` counts from DAY at the current time of day, and compares committer times in the
 * reader's zone: ask from a day earlier, then keep exactly the author days wanted.
 */
export async function evidenceCommitsSince(git: Git, evidenceRoot: string, since?: string): Promise<EvidenceCommit[]> {
  const commits = await evidenceCommits(git, { evidenceRoot, since: since ? addDays(since, -1) : undefined });
  return since ? commits.filter((c) => dayOf(c.date) >= since) : commits;
}
