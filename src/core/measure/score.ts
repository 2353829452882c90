// Scoring a measure: pure functions from monthly figures to a rate and a score.
import type { MeasureBand, MeasurePeriodStatus, MeasureSpec } from '../model/types';

/** Rate in percent kept to four decimals (text shows one), null without a case. */
export function rateOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 100 * 1e4) / 1e4 : null;
}

/** Two decimals, as the portal publishes scores. */
export function round2(n: number): number {
  return Math.round(n * 100 + Number.EPSILON * 100) / 100;
}

/** The first band whose `from` the rate reaches (bands in falling order of `from`); below all: 0. */
export function bandScore(rate: number, bands: MeasureBand[]): number {
  for (const band of bands) if (rate >= band.from - 1e-9) return band.score;
  return 0;
}

/** maxScore × min(1, rate ÷ target), rounded to 0.01. */
export function proportionalScore(rate: number, target: number, maxScore: number): number {
  return round2(maxScore * Math.min(1, Math.max(0, rate) / target));
}

export function scoreRate(rate: number, spec: Pick<MeasureSpec, 'bands' | 'proportional'>, maxScore: number): number {
  if (spec.proportional) return proportionalScore(rate, spec.proportional.target, maxScore);
  return bandScore(rate, spec.bands ?? []);
}

/** The rate from which the rule gives its best score: the top band's `from`, or the target. */
export function fullPointsAt(spec: Pick<MeasureSpec, 'bands' | 'proportional'>): number | null {
  if (spec.proportional) return spec.proportional.target;
  return spec.bands && spec.bands.length > 0 ? spec.bands[0].from : null;
}

/** YYYY-MM of a YYYY-MM-DD date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** The months of `year` up to the as-of month that the data holds, sorted; other months are ignored. */
export function windowPeriods(periods: MeasurePeriodStatus[], year: number, asOf: string): MeasurePeriodStatus[] {
  const last = monthOf(asOf);
  return periods.filter((p) => Number(p.period.slice(0, 4)) === year && p.period <= last).sort((a, b) => (a.period < b.period ? -1 : 1));
}

export interface Figure {
  rate: number | null;
  numerator: number;
  denominator: number;
  /** Null: no case in the window; the caller scores it by noCases. */
  score: number | null;
}

/**
 * Rate and score over the window: `year` sums every month's cases (not an average of monthly rates);
 * `latest` takes the last month only.
 */
export function figureOf(window: MeasurePeriodStatus[], spec: Pick<MeasureSpec, 'bands' | 'proportional' | 'over'>, maxScore: number): Figure {
  const used = spec.over === 'latest' ? window.slice(-1) : window;
  const numerator = used.reduce((sum, p) => sum + p.numerator, 0);
  const denominator = used.reduce((sum, p) => sum + p.denominator, 0);
  const rate = rateOf(numerator, denominator);
  return { rate, numerator, denominator, score: rate === null ? null : scoreRate(rate, spec, maxScore) };
}
