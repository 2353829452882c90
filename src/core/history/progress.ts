// Progress over time: the status at the last commit of the branch on or before each date of a series, computed
// incrementally (one listing, then `diff-tree` from point to point; the matches updated file by file while the
// criteria file stays the same).
import type { Locale } from '../i18n/messages';
import type { AreaTotals, Totals, UnitTotals } from '../model/types';
import type { Place } from './statusAtRevision';
import { StatusWalker } from './walker';

export type Step = 'day' | 'week' | 'month';

export interface ProgressPoint {
  /** YYYY-MM-DD: deadlines are judged on it. */
  date: string;
  /** The commit the status was read from. */
  commit: string;
  totals: Totals;
  byArea: AreaTotals[];
  byUnit: UnitTotals[];
}

/** Dates from `from` to `to` (both YYYY-MM-DD), one per step, ending on `to`. */
export function seriesDates(from: string, to: string, every: Step): string[] {
  const dates: string[] = [];
  const end = new Date(`${to}T00:00:00Z`);
  for (let k = 0; ; k++) {
    const d = new Date(end);
    if (every === 'day') d.setUTCDate(d.getUTCDate() - k);
    else if (every === 'week') d.setUTCDate(d.getUTCDate() - 7 * k);
    else {
      // The same day k months back, or that month's last day.
      const day = end.getUTCDate();
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - k);
      const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      d.setUTCDate(Math.min(day, last));
    }
    const iso = d.toISOString().slice(0, 10);
    if (iso < from) break;
    dates.push(iso);
  }
  return dates.reverse();
}

/** The first-parent commits of HEAD, newest first, with their committer times (seconds). */
async function branchCommits(place: Place): Promise<Array<{ hash: string; time: number }>> {
  const out = await place.git.read(['rev-list', '--first-parent', '--timestamp', 'HEAD', '--']).catch(() => '');
  return out
    .split('\n')
    .map((line) => line.split(' '))
    .filter((parts) => parts.length === 2)
    .map(([time, hash]) => ({ hash, time: Number(time) }));
}

/** The commit `rev-list -1 --first-parent --before="<date> 23:59:59"` names (local time), from the one walk. */
export function commitOnDate(commits: Array<{ hash: string; time: number }>, date: string): string | undefined {
  const cutoff = Math.floor(new Date(`${date}T23:59:59`).getTime() / 1000);
  return commits.find((c) => c.time <= cutoff)?.hash;
}

export interface ProgressOptions {
  from: string;
  to: string;
  every: Step;
  locale?: Locale;
  exclude?: string[];
}

/** One point per date of the series (dates before the first commit, or without the criteria file, have none). */
export async function progress(place: Place, options: ProgressOptions): Promise<ProgressPoint[]> {
  const commits = await branchCommits(place);
  const walker = new StatusWalker(place, { locale: options.locale, exclude: options.exclude, fastParse: true });
  const points: ProgressPoint[] = [];
  const dated = seriesDates(options.from, options.to, options.every)
    .map((date) => ({ date, commit: commitOnDate(commits, date) }))
    .filter((d): d is { date: string; commit: string } => d.commit !== undefined);
  // Git reads the diffs of the next weeks while this week's status is computed.
  walker.expect(dated.map((d) => d.commit));
  try {
    for (const { date, commit } of dated) {
      // Without a readable criteria file at that commit: no point.
      const status = await walker.pointAt(commit, date);
      if (!status) continue;
      const { totals, byArea, byUnit } = status.model;
      points.push({ date, commit, totals, byArea, byUnit });
    }
  } finally {
    walker.close();
  }
  return points;
}
