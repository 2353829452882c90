// Progress over time: the status at the last commit of the branch on or before each date of a series, computed
// incrementally (one listing, then `diff-tree` from point to point; the matches updated file by file while the
// criteria file stays the same).
import { compileRequirements, matchAll, updateFile, type MatchState } from '../evidence/match';
import { inside, isExcluded, toNfc } from '../evidence/listFiles';
import { diffTrees, LINK, type TreeChange } from '../git/tree';
import type { Locale } from '../i18n/messages';
import type { AreaTotals, CriteriaDoc, Problem, Totals, UnitTotals } from '../model/types';
import type { TableResult } from '../measure/table';
import { criteriaAt, evidenceListing, evidencePathOf, modelAtTree, type Place } from './statusAtRevision';
import { RevisionTree } from './revisionTree';

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

/** Follows one criteria file from commit to commit, keeping what did not change. */
class Walker {
  private tree: RevisionTree | undefined;
  private doc: CriteriaDoc | undefined;
  private problems: Problem[] = [];
  private criteriaOid: string | undefined;
  private evidencePath = '';
  private matches: MatchState | undefined;
  /** How many repository paths give each key (an NFC/NFD pair is one file). */
  private keyCount = new Map<string, number>();
  private links = 0;
  private readonly tables = new Map<string, Promise<TableResult>>();

  constructor(
    private readonly place: Place,
    private readonly options: ProgressOptions,
  ) {}

  async at(commit: string, date: string): Promise<ProgressPoint | undefined> {
    let changes: TreeChange[] | undefined;
    if (!this.tree) {
      this.tree = new RevisionTree(this.place.git, commit, this.place.top);
      await this.tree.fill(this.place.folder);
    } else {
      changes = this.tree.commit === commit ? [] : await diffTrees(this.place.git, this.tree.commit, commit, this.place.folder ? [this.place.folder] : []);
      this.tree.moveTo(commit, changes);
    }
    const tree = this.tree;
    const criteriaPath = this.place.folder ? `${this.place.folder}/${basename(this.place.file)}` : basename(this.place.file);
    const criteriaEntry = tree.entries.get(criteriaPath);
    if (!criteriaEntry) return undefined;
    const sameCriteria = this.doc !== undefined && criteriaEntry.oid === this.criteriaOid && criteriaEntry.mode !== LINK;
    if (!sameCriteria) {
      try {
        this.doc = await criteriaAt(this.place, tree, { locale: this.options.locale, fastParse: true });
      } catch {
        // Not a readable criteria file at this commit: no point.
        this.doc = undefined;
        this.criteriaOid = undefined;
        return undefined;
      }
      this.problems = this.doc.problems.slice();
      this.criteriaOid = criteriaEntry.oid;
      this.evidencePath = evidencePathOf(this.place, this.doc);
    }
    const doc = this.doc!;
    doc.problems = this.problems.slice();
    const incremental = sameCriteria && changes !== undefined && this.matches !== undefined && this.links === 0 && !changes.some((c) => c.after?.mode === LINK);
    let listing: Pick<ReturnType<typeof evidenceListing>, 'links' | 'repoPathOf'> = { links: new Set(), repoPathOf: new Map() };
    if (incremental) {
      this.apply(changes!);
    } else {
      const full = evidenceListing(tree, this.evidencePath, this.options.exclude);
      listing = full;
      this.matches = matchAll(compileRequirements(doc), full.files);
      this.links = listing.links.size;
      this.keyCount = this.countKeys();
    }
    const status = await modelAtTree(this.place, tree, doc, this.evidencePath, this.matches!, listing, { asOf: date, locale: this.options.locale, tables: this.tables });
    // Links leading out were taken out of the matches: the next point starts again from the listing.
    if (this.links > 0) this.matches = undefined;
    const { totals, byArea, byUnit } = status.model;
    return { date, commit, totals, byArea, byUnit };
  }

  private countKeys(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [p, entry] of this.tree!.entries) {
      if (entry.type === 'tree') continue;
      const key = this.keyOf(p);
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  private keyOf(p: string): string | undefined {
    const relative = inside(p, this.evidencePath);
    if (relative === undefined) return undefined;
    const key = toNfc(relative);
    const excluded = (this.options.exclude ?? []).map((e) => e.normalize('NFC').replace(/^\/+|\/+$/g, ''));
    return excluded.length > 0 && isExcluded(key, excluded) ? undefined : key;
  }

  /** The changed entries below the evidence folder, applied to the matches. */
  private apply(changes: TreeChange[]): void {
    for (const change of changes) {
      const wasFile = change.before !== undefined && change.before.type !== 'tree';
      const isFile = change.after !== undefined && change.after.type !== 'tree';
      if (wasFile === isFile) continue;
      const key = this.keyOf(change.path);
      if (key === undefined) continue;
      const count = this.keyCount.get(key) ?? 0;
      if (isFile) {
        this.keyCount.set(key, count + 1);
        if (count === 0) updateFile(this.matches!, key, { path: key, git: 'committed' });
      } else {
        this.keyCount.set(key, Math.max(0, count - 1));
        if (count === 1) updateFile(this.matches!, key, undefined);
      }
    }
  }
}

function basename(file: string): string {
  return file.split(/[\\/]/).pop()!;
}

/** One point per date of the series (dates before the first commit, or without the criteria file, have none). */
export async function progress(place: Place, options: ProgressOptions): Promise<ProgressPoint[]> {
  const commits = await branchCommits(place);
  const walker = new Walker(place, options);
  const points: ProgressPoint[] = [];
  for (const date of seriesDates(options.from, options.to, options.every)) {
    const commit = commitOnDate(commits, date);
    if (!commit) continue;
    const point = await walker.at(commit, date);
    if (point) points.push(point);
  }
  return points;
}
