// The figures of the dashboard and the weekly briefing, derived from the one status model.
// Plain JSON: the webview page renders it as is, the reports format it.
import { isComplete, flattenCriteria } from '../status/computeStatus';
import type { AreaTotals, CriterionStatus, EvidenceCommit, MeasureQuality, MeasureStatus, State, StatusModel, Totals, UnitTotals } from '../model/types';
import { rateOf } from '../measure/score';
import { addDays, dayOf, daysBetween } from './format';
import { numericCollator, textCollator } from '../present/collators';

/** How far ahead "due soon" looks, and how far back "recent evidence" looks. */
export const WINDOW_DAYS = 7;
/** At most this many recent commits are listed (the count says how many there were). */
export const MAX_RECENT_COMMITS = 50;

export interface DashboardCriterion {
  id: string;
  title: string;
  /** 0 for a criterion directly under its area. */
  depth: number;
  leaf: boolean;
  state: State;
  overdue: boolean;
  maxScore: number;
  secured: number;
  atRisk: number;
  owner?: string;
  due?: string;
}

export interface DashboardArea extends AreaTotals {
  state: State;
  /** Every criterion under the area, depth first. */
  rows: DashboardCriterion[];
}

export interface DeadlineItem {
  kind: 'criterion' | 'task';
  id: string;
  title: string;
  owner?: string;
  ownerName?: string;
  due: string;
  overdue: boolean;
  /** Days from the as-of date to the due date; negative when past. */
  daysLeft: number;
  state: State;
  /** Points at stake (a criterion's maximum; 0 for a task). */
  points: number;
  /** Overdue tasks linked to this criterion: why it is overdue when its own due date is still ahead. */
  viaTasks: string[];
}

export interface RecentCommit {
  hash: string;
  shortHash: string;
  date: string;
  author: string;
  subject: string;
  criteria: string[];
  files: string[];
}

/** One measured leaf for the dashboard's Indicators charts and the weekly report: drawn, not computed, there. */
export interface DashboardIndicator {
  id: string;
  title: string;
  owner?: string;
  /** Percent over the measure's window, null without a figure. */
  rate: number | null;
  /** The rate from the months known a week (the window's `since`) earlier; null without one. */
  previousRate: number | null;
  /** rate − previousRate in percentage points, null when either is null. */
  change: number | null;
  /** Full-points threshold in percent: the line across the chart. */
  fullAt: number | null;
  /** The rule's score for the rate; null when unknown. */
  score: number | null;
  secured: number;
  maxScore: number;
  atRisk: number;
  quality: MeasureQuality;
  /** Monthly series of the index year up to the as-of month. */
  series: Array<{ period: string; rate: number | null; numerator: number; denominator: number }>;
}

export interface DashboardData {
  index: { id: string; title: string; year?: number };
  asOf: string;
  /** Whether file states (and so commit data) came from Git. */
  git: boolean;
  totals: Totals;
  /** Share of scored criteria with complete evidence, 0..1 (the target is 1). */
  evidenceShare: number;
  areas: DashboardArea[];
  /** Most points at risk first, as in the model. */
  units: UnitTotals[];
  /** Overdue and due within WINDOW_DAYS, not complete: overdue first, then by due date. */
  deadlines: DeadlineItem[];
  recent: {
    /** First day of the window (inclusive). */
    since: string;
    /** False without Git history (not a repository, untrusted workspace): the list is then empty, not "nothing happened". */
    available: boolean;
    /** Commits in the window, newest first, at most MAX_RECENT_COMMITS. */
    commits: RecentCommit[];
    /** How many commits the window holds. */
    total: number;
  };
  problems: { errors: number; warnings: number };
  /** Measured leaves in tree order (empty when the criteria file has no measure). */
  indicators: DashboardIndicator[];
}

function criterionRows(area: CriterionStatus): DashboardCriterion[] {
  const rows: DashboardCriterion[] = [];
  const visit = (node: CriterionStatus, depth: number) => {
    rows.push({
      id: node.id,
      title: node.title,
      depth,
      leaf: node.leaf,
      state: node.state,
      overdue: node.overdue,
      maxScore: node.maxScore,
      secured: node.totals.secured,
      atRisk: node.totals.atRisk,
      owner: node.owner,
      due: node.due,
    });
    node.children.forEach((c) => visit(c, depth + 1));
  };
  area.children.forEach((c) => visit(c, 0));
  return rows;
}


/** Leaves and tasks that are overdue, or due within `days` of the as-of date, and not complete. */
export function deadlineItems(model: StatusModel, days = WINDOW_DAYS): DeadlineItem[] {
  const horizon = addDays(model.asOf, days);
  const unitName = new Map(model.byUnit.map((u) => [u.id, u.name]));
  const pending = (state: State) => !isComplete(state) && state !== 'waived';
  const soon = (due: string | undefined): due is string => due !== undefined && due >= model.asOf && due <= horizon;
  // Overdue tasks by the criterion they name, in task order: a leaf looks up its id and each ancestor's.
  const lateByCriterion = new Map<string, number[]>();
  model.tasks.forEach((t, i) => {
    if (!t.overdue) return;
    for (const c of new Set(t.criteria)) lateByCriterion.set(c, [...(lateByCriterion.get(c) ?? []), i]);
  });
  // A leaf's list: its parent's (shared, not copied, when the leaf adds none) merged with the tasks naming it.
  const lateOf = new Map<string, number[]>();
  const lateIndexes = (id: string): number[] => {
    let found = lateOf.get(id);
    if (found) return found;
    const dot = id.lastIndexOf('.');
    const above = dot < 0 ? [] : lateIndexes(id.slice(0, dot));
    const own = lateByCriterion.get(id);
    found = own ? [...new Set([...above, ...own])].sort((a, b) => a - b) : above;
    lateOf.set(id, found);
    return found;
  };
  // Read-only lists, shared by the leaves of one folder that add no task of their own.
  const idsOf = new Map<number[], string[]>();
  const lateTasksOf = (id: string): string[] => {
    const indexes = lateIndexes(id);
    let ids = idsOf.get(indexes);
    if (!ids) idsOf.set(indexes, (ids = indexes.map((i) => model.tasks[i].id)));
    return ids;
  };
  const items: DeadlineItem[] = [];
  for (const leaf of flattenCriteria(model).filter((n) => n.leaf)) {
    if (!pending(leaf.state) || !(leaf.overdue || soon(leaf.due)) || !leaf.due) continue;
    items.push({
      kind: 'criterion',
      id: leaf.id,
      title: leaf.title,
      owner: leaf.owner,
      ownerName: leaf.owner ? unitName.get(leaf.owner) : undefined,
      due: leaf.due,
      overdue: leaf.overdue,
      daysLeft: daysBetween(model.asOf, leaf.due),
      state: leaf.state,
      points: leaf.maxScore,
      viaTasks: lateTasksOf(leaf.id),
    });
  }
  for (const task of model.tasks) {
    if (!pending(task.state) || !(task.overdue || soon(task.due)) || !task.due) continue;
    items.push({
      kind: 'task',
      id: task.id,
      title: task.title,
      owner: task.owner,
      ownerName: unitName.get(task.owner),
      due: task.due,
      overdue: task.overdue,
      daysLeft: daysBetween(model.asOf, task.due),
      state: task.state,
      points: 0,
      viaTasks: [],
    });
  }
  const [text, numeric] = [textCollator(), numericCollator()];
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || text.compare(a.due, b.due) || text.compare(a.kind, b.kind) || numeric.compare(a.id, b.id));
}

/** Commits whose author day lies in [since, until], newest first. */
export function commitsBetween(commits: readonly EvidenceCommit[], since: string, until: string): EvidenceCommit[] {
  return commits.filter((c) => dayOf(c.date) >= since && dayOf(c.date) <= until).sort((a, b) => b.date.localeCompare(a.date));
}

/** Which leaves each evidence file backs now (a file can back several). */
export function criteriaByFile(model: StatusModel): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const leaf of flattenCriteria(model)) {
    for (const file of leaf.requirements.flatMap((r) => r.files)) {
      const ids = map.get(file.path) ?? [];
      if (!ids.includes(leaf.id)) ids.push(leaf.id);
      map.set(file.path, ids);
    }
  }
  return map;
}

/** A commit as the reports show it: its `Criterion:` trailers, or else the criteria its files back now. */
export function recentCommit(commit: EvidenceCommit, byFile: ReadonlyMap<string, string[]>): RecentCommit {
  const criteria = commit.criteria.length > 0 ? [...commit.criteria] : [...new Set(commit.files.flatMap((f) => byFile.get(f) ?? []))];
  return { hash: commit.hash, shortHash: commit.shortHash, date: commit.date, author: commit.author, subject: commit.subject, criteria, files: [...commit.files] };
}

export interface DashboardOptions {
  /** Evidence commits from Git (any range: the window is applied here); undefined when there is no Git history. */
  commits?: readonly EvidenceCommit[];
  /** Length of the recent-evidence and due-soon windows. */
  days?: number;
}

export function dashboardData(model: StatusModel, options: DashboardOptions = {}): DashboardData {
  const days = options.days ?? WINDOW_DAYS;
  const since = addDays(model.asOf, -days);
  const recent = options.commits ? commitsBetween(options.commits, since, model.asOf) : [];
  const byFile = criteriaByFile(model);
  const areaTotals = new Map(model.byArea.map((a) => [a.id, a]));
  return {
    index: { id: model.index.id, title: model.index.title, year: model.index.year },
    asOf: model.asOf,
    git: model.git,
    totals: { ...model.totals },
    evidenceShare: model.totals.criteria > 0 ? model.totals.complete / model.totals.criteria : 1,
    areas: model.areas.map((area) => ({
      ...(areaTotals.get(area.id) ?? { id: area.id, title: area.title, ...area.totals }),
      state: area.state,
      rows: criterionRows(area),
    })),
    units: model.byUnit.map((u) => ({ ...u })),
    deadlines: deadlineItems(model, days),
    indicators: indicatorsOf(model, since),
    recent: {
      since,
      available: options.commits !== undefined,
      commits: recent.slice(0, MAX_RECENT_COMMITS).map((c) => recentCommit(c, byFile)),
      total: recent.length,
    },
    problems: { ...model.problems },
  };
}

/** The rate of a measure from the months up to `since`'s month only (what last week's data could show). */
export function rateUpTo(measure: MeasureStatus, since: string): number | null {
  const known = measure.periods.filter((p) => p.period <= since.slice(0, 7));
  const used = measure.over === 'latest' ? known.slice(-1) : known;
  const denominator = used.reduce((sum, p) => sum + p.denominator, 0);
  return rateOf(used.reduce((sum, p) => sum + p.numerator, 0), denominator);
}

export function indicatorsOf(model: StatusModel, since: string): DashboardIndicator[] {
  return flattenCriteria(model).flatMap((node) => {
    const m = node.leaf ? node.measure : undefined;
    if (!m) return [];
    const previousRate = m.quality === 'unknown' ? null : rateUpTo(m, since);
    return [{
      id: node.id,
      title: node.title,
      owner: node.owner,
      rate: m.rate,
      previousRate,
      change: m.rate !== null && previousRate !== null ? Math.round((m.rate - previousRate) * 100) / 100 : null,
      fullAt: m.fullAt,
      score: m.score,
      secured: node.totals.secured,
      maxScore: node.maxScore,
      atRisk: node.totals.atRisk,
      quality: m.quality,
      series: m.periods.map((p) => ({ period: p.period, rate: p.rate, numerator: p.numerator, denominator: p.denominator })),
    }];
  });
}
