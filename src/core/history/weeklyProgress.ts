// The weeks the dashboard and the weekly report draw: the same `progress` as `history --every week`, ending on
// the as-of date, never an error (undefined when Git cannot answer: the callers then say history is missing).
import type { Git } from '../git/git';
import type { Locale } from '../i18n/messages';
import { addDays } from '../report/format';
import { progress, type ProgressPoint } from './progress';
import { placeOf } from './statusAtRevision';

/** As `history`'s default for --every week: 12 points, the last on the as-of date. */
export const PROGRESS_WEEKS = 12;

export interface WeeklyProgressOptions {
  git?: Git;
  isTrusted?: () => boolean;
  locale?: Locale;
  exclude?: string[];
  weeks?: number;
}

/** `history <file> --from <asOf - 11 weeks> --to <asOf> --every week`'s points; undefined without Git. */
export async function weeklyProgress(file: string, asOf: string, options: WeeklyProgressOptions = {}): Promise<ProgressPoint[] | undefined> {
  const weeks = options.weeks ?? PROGRESS_WEEKS;
  try {
    const place = await placeOf(file, { git: options.git, isTrusted: options.isTrusted });
    return await progress(place, { from: addDays(asOf, -7 * (weeks - 1)), to: asOf, every: 'week', locale: options.locale, exclude: options.exclude });
  } catch {
    return undefined;
  }
}
