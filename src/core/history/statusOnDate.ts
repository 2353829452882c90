// The status a weekly report compares against: the criteria file and evidence as committed at the end of a day.
import { EvidenceError } from '../git/errors';
import type { Git } from '../git/git';
import type { Locale } from '../i18n/messages';
import type { StatusModel } from '../model/types';
import { commitOnOrBefore } from './commitAt';
import { RevisionTree } from './revisionTree';
import { placeOf, statusAtCommit } from './statusAtRevision';

export interface DayStatus {
  /** The full hash of the last commit of the branch on or before the day. */
  commit: string;
  /** Judged as of that day (deadlines after it are not overdue yet). */
  model: StatusModel;
}

/**
 * The status at the last commit of the current branch on or before the end of `date` (as `status --at`),
 * with deadlines judged against `date`; null when the branch has no commit that old.
 */
export async function statusOnDate(file: string, date: string, options: { git?: Git; locale?: Locale; isTrusted?: () => boolean; exclude?: string[]; fastParse?: boolean } = {}): Promise<DayStatus | null> {
  const place = await placeOf(file, options);
  const commit = await commitOnOrBefore(place.git, date);
  if (!commit) return null;
  const { model } = await statusAtCommit(place, new RevisionTree(place.git, commit, place.top), { ...options, asOf: date });
  return { commit, model };
}

/**
 * statusOnDate for a report, never an error: undefined when Git cannot answer (not a repository, not trusted,
 * a failure), null when the branch had no commit by then or the criteria file was not committed yet (so every
 * criterion counts as new).
 */
export async function baselineOnDate(file: string, date: string, options: Parameters<typeof statusOnDate>[2] = {}): Promise<DayStatus | null | undefined> {
  try {
    return await statusOnDate(file, date, options);
  } catch (error) {
    if (error instanceof EvidenceError && error.key === 'history.noCriteria') return null;
    return undefined;
  }
}
