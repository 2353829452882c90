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

/** Rates: always one decimal (`62.0%`, `62,0%`), as the CLI's text shows them. */
export function rateFormat(locale: Locale): NumberFormatSpec {
  const spec = numberFormat(locale);
  return { locale: spec.locale, options: { ...spec.options, minimumFractionDigits: 1, maximumFractionDigits: 1 } };
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

const rateFormatters = new Map<Locale, Intl.NumberFormat>();

/** One decimal, always: `3.0` in English, `3,0` in Vietnamese (a rate's change in percentage points). */
export function formatOneDecimal(n: number, locale: Locale): string {
  let format = rateFormatters.get(locale);
  if (!format) {
    const spec = rateFormat(locale);
    format = new Intl.NumberFormat(spec.locale, spec.options);
    rateFormatters.set(locale, format);
  }
  return format.format(n);
}

/** A rate in percent with one decimal and its sign: `62.0%` in English, `62,0%` in Vietnamese. */
export function formatRate(rate: number, locale: Locale): string {
  return `${formatOneDecimal(rate, locale)}%`;
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
