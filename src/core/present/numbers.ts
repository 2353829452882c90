// Numbers and dates as the reader writes them: `4,5` and dd/mm/yyyy in Vietnamese, `4.5` and ISO in English.
import { t, type Locale } from '../i18n/messages';
import type { CriterionStatus } from '../model/types';

/** Arguments of Intl.NumberFormat, so the dashboard page builds the very same formatter. */
export interface NumberFormatSpec {
  locale: string;
  options: Intl.NumberFormatOptions;
}

export function numberFormat(locale: Locale): NumberFormatSpec {
  return { locale: locale === 'vi' ? 'vi-VN' : 'en-US', options: { maximumFractionDigits: 2, useGrouping: false } };
}

// Building an Intl.NumberFormat costs far more than formatting: one per locale.
const formatters = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(n: number, locale: Locale): string {
  let format = formatters.get(locale);
  if (!format) {
    const spec = numberFormat(locale);
    format = new Intl.NumberFormat(spec.locale, spec.options);
    formatters.set(locale, format);
  }
  return format.format(n);
}

/** `secured/max` of the scored part (waived points left out); the word for waived when all is waived. */
export function scoreText(node: Pick<CriterionStatus, 'state' | 'totals'>, locale: Locale): string {
  if (node.state === 'waived') return t(locale, 'state.waived');
  return `${formatNumber(node.totals.secured, locale)}/${formatNumber(node.totals.max - node.totals.waived, locale)}`;
}

/** ISO dates in data; dd/mm/yyyy for Vietnamese readers. */
export function formatDate(iso: string | undefined, locale: Locale): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m && locale === 'vi' ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
