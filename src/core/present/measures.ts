// How a measured criterion's figure reads: its rate (or why there is none) next to its score, and its months.
import { t, type Locale } from '../i18n/messages';
import type { CriterionStatus, MeasureStatus } from '../model/types';
import { escapeMarkdown } from '../report/format';
import { formatNumber, formatRate, scoreText } from './numbers';

/** The rate, or the word for why there is none: an unknown figure never reads as a number. */
export function rateOrWhy(measure: MeasureStatus, locale: Locale): string {
  if (measure.quality === 'unknown') return t(locale, 'measure.unknown');
  if (measure.quality === 'missing') return t(locale, 'measures.quality.missing');
  if (measure.rate === null) return t(locale, 'measures.quality.noCases');
  return formatRate(measure.rate, locale);
}

/** `62.0% · 1/2`: the rate and the points the leaf secures (as the CLI's `62.0% → 1/2`). */
export function measureText(node: Pick<CriterionStatus, 'state' | 'totals'> & { measure: MeasureStatus }, locale: Locale): string {
  return `${rateOrWhy(node.measure, locale)} · ${scoreText(node, locale)}`;
}

/**
 * Whether the figure falls short of full points: its rule scores it below the maximum, or it is unknown.
 * A leaf without its data file yet is just missing (its state says so).
 */
export function belowFullPoints(measure: MeasureStatus, maxScore: number): boolean {
  if (measure.quality === 'unknown') return true;
  if (measure.quality === 'missing') return false;
  return measure.score !== null && measure.score < maxScore;
}

/** The monthly series as a Markdown table (every cell escaped). Empty when there is no month. */
export function periodsMarkdown(measure: MeasureStatus, locale: Locale): string {
  if (measure.periods.length === 0) return '';
  const cell = (text: string) => escapeMarkdown(text);
  const head = [t(locale, 'measure.period'), t(locale, 'measure.rate'), t(locale, 'measure.numerator'), t(locale, 'measure.denominator')];
  const rows = measure.periods.map((p) => [p.period, p.rate === null ? '—' : formatRate(p.rate, locale), formatNumber(p.numerator, locale), formatNumber(p.denominator, locale)]);
  return [`| ${head.map(cell).join(' | ')} |`, '|:--|--:|--:|--:|', ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
