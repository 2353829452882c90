// The progress chart's data, types only: the dashboard page's JSDoc imports them without the core behind them.

/** One scope (the index, or one unit) as plotted: parallel arrays, one entry per point. */
export interface ProgressSeries {
  dates: string[];
  commits: string[];
  max: number[];
  secured: number[];
  atRisk: number[];
  /** Overdue criteria and tasks (a count, not points). */
  overdue: number[];
}

export interface UnitSeries {
  id: string;
  name: string;
  series: ProgressSeries;
}

export type ProgressView =
  /** At least two points from at least two commits: a trend to draw. */
  | { kind: 'chart'; every: 'day' | 'week' | 'month'; total: ProgressSeries; units: UnitSeries[] }
  /** Not a Git work tree, untrusted, or Git failed: no history at all. */
  | { kind: 'noGit' }
  /** Git, but fewer than two commits behind the points: a line would show nothing true. */
  | { kind: 'tooFew'; points: number; commits: number };
