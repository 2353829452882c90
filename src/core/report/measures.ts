// The measured leaves of a model, one row each: for `reform-evidence measures` and the reports.
import { t, type Locale } from '../i18n/messages';
import type { MeasurePeriodStatus, MeasureQuality, StatusModel } from '../model/types';
import { flattenCriteria } from '../status/computeStatus';
import { formatNumber } from '../present/numbers';
import { rateText } from './statusText';

export interface MeasureRow {
  id: string;
  title: string;
  owner?: string;
  rate: number | null;
  /** Rate in percent from which the rule gives its best score. */
  fullAt: number | null;
  /** Points the leaf secures (0 until it is complete). */
  secured: number;
  maxScore: number;
  atRisk: number;
  quality: MeasureQuality;
  dataFile: string;
  /** The last three months of the window, oldest first. */
  last: MeasurePeriodStatus[];
  periods: MeasurePeriodStatus[];
}

export function measureRows(model: StatusModel): MeasureRow[] {
  return flattenCriteria(model).flatMap((node) =>
    node.leaf && node.measure
      ? [{
          id: node.id,
          title: node.title,
          owner: node.owner,
          rate: node.measure.rate,
          fullAt: node.measure.fullAt,
          secured: node.totals.secured,
          maxScore: node.maxScore,
          atRisk: node.totals.atRisk,
          quality: node.measure.quality,
          dataFile: node.measure.dataFile,
          last: node.measure.periods.slice(-3),
          periods: node.measure.periods,
        }]
      : [],
  );
}

/** `3.5.2 Tỷ lệ thanh toán trực tuyến [VP]  62.0%  full at 80%  1/2  2025-08 55.0% · 2025-09 61.2% · 2025-10 70.1%` */
export function renderMeasuresText(rows: MeasureRow[], locale: Locale): string {
  if (rows.length === 0) return t(locale, 'measures.none') + '\n';
  return (
    rows
      .map((r) => {
        const num = (n: number) => formatNumber(n, locale);
        const last = r.last.map((p) => `${p.period} ${rateText(p.rate, locale)}`).join(' · ');
        const full = r.fullAt === null ? '' : t(locale, 'measures.fullAt', num(r.fullAt));
        const quality = r.quality === 'ok' ? '' : ` (${t(locale, `measures.quality.${r.quality}`)})`;
        return [`${r.id} ${r.title}${r.owner ? ` [${r.owner}]` : ''}`, rateText(r.rate, locale) + quality, full, `${num(r.secured)}/${num(r.maxScore)}`, last].filter(Boolean).join('  ');
      })
      .join('\n') + '\n'
  );
}
