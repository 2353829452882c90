// Progress over the weeks, from the core's history points: the series the dashboard plots, the inline SVG of
// the weekly HTML report (no script, no external resource) and a one-line trend for Markdown.
import type { ProgressPoint, Step } from '../history/progress';
import { t, type Locale } from '../i18n/messages';
import type { Totals } from '../model/types';
import { daysBetween, escapeHtml } from './format';
import { formatNumber } from '../present/numbers';
import type { ProgressSeries, ProgressView } from './progressTypes';

export type { ProgressSeries, ProgressView, UnitSeries } from './progressTypes';

function seriesOf(points: ProgressPoint[], totals: (p: ProgressPoint) => Totals | undefined): ProgressSeries {
  const s: ProgressSeries = { dates: [], commits: [], max: [], secured: [], atRisk: [], overdue: [] };
  for (const p of points) {
    const x = totals(p);
    s.dates.push(p.date);
    s.commits.push(p.commit);
    s.max.push(x?.max ?? 0);
    s.secured.push(x?.secured ?? 0);
    s.atRisk.push(x?.atRisk ?? 0);
    s.overdue.push(x?.overdue ?? 0);
  }
  return s;
}

/** The whole index's series (the same numbers as `history --json`'s totals). */
export function totalSeries(points: ProgressPoint[]): ProgressSeries {
  return seriesOf(points, (p) => p.totals);
}

/** What the dashboard and the report show for `points` (undefined: no Git history). */
export function progressView(points: ProgressPoint[] | undefined, every: Step = 'week'): ProgressView {
  if (!points) return { kind: 'noGit' };
  const commits = new Set(points.map((p) => p.commit)).size;
  if (points.length < 2 || commits < 2) return { kind: 'tooFew', points: points.length, commits };
  // Units of the newest point, in its order (points at risk first); a unit absent at a point counts zero there.
  const last = points[points.length - 1];
  const units = last.byUnit.map((u) => ({ id: u.id, name: u.name, series: seriesOf(points, (p) => p.byUnit.find((x) => x.id === u.id)) }));
  return { kind: 'chart', every, total: totalSeries(points), units };
}

// ── Inline SVG ──────────────────────────────────────────────────────────────

/** The chart's frame, in SVG user units: the plot area runs from (LEFT, TOP) to (WIDTH - RIGHT, HEIGHT - BOTTOM). */
export const CHART = { WIDTH: 720, HEIGHT: 280, LEFT: 52, RIGHT: 48, TOP: 36, BOTTOM: 40 } as const;

/** The maximum dashed, the overdue count dotted (another axis), the points solid. */
const DASHES: Partial<Record<keyof ProgressSeries, string>> = { max: '6 4', overdue: '2 3' };

const COLORS = { max: '#57606a', secured: '#1a7f37', atRisk: '#cf222e', overdue: '#bc4c00', grid: '#d0d7de', ink: '#57606a' } as const;

/** The smallest "round" step (1, 2, 5 × 10^k) that splits `top` into at most `parts`. */
function niceStep(top: number, parts: number, integer: boolean): number {
  const raw = Math.max(top, integer ? 1 : 1e-9) / parts;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * power;
    if (step >= raw && (!integer || Number.isInteger(step))) return step;
  }
  return integer ? Math.max(1, Math.ceil(raw)) : 10 * power;
}

/** The axis' top (a multiple of its step, never 0) and its ticks from 0. */
export function axisTicks(highest: number, integer = false): { top: number; ticks: number[] } {
  const step = niceStep(highest, 4, integer);
  const top = Math.max(step, Math.ceil(highest / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { top, ticks };
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A point's date on the axis: `20/11` in Vietnamese, `Nov 20` in English. */
export function shortDate(iso: string, locale: Locale): string {
  const [, m, d] = iso.split('-').map(Number);
  return locale === 'vi' ? `${d}/${m}` : `${MONTHS_EN[m - 1]} ${d}`;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** "Secured points 12 on … → 30 on … (of 100); at risk …; overdue …": first and last point. */
export function trendText(series: ProgressSeries, locale: Locale): string {
  const n = series.dates.length;
  if (n === 0) return '';
  // As the report's tables write numbers (1.5, 1,5 in Vietnamese), so the trend reads the same as the tables around it.
  const num = (n: number) => formatNumber(n, locale);
  const [a, b] = [0, n - 1];
  return t(locale, 'progress.trend', num(series.secured[a]), series.dates[a], num(series.secured[b]), series.dates[b], num(series.max[b]), num(series.atRisk[a]), num(series.atRisk[b]), series.overdue[a], series.overdue[b]);
}

/** Eight-level bars of the secured points against the highest maximum: a trend that fits a line of text. */
export function sparkline(series: ProgressSeries): string {
  const bars = '▁▂▃▄▅▆▇█';
  const top = Math.max(...series.max, ...series.secured, 0);
  return series.secured.map((v) => bars[top > 0 ? Math.min(7, Math.max(0, Math.round((v / top) * 7))) : 0]).join('');
}

export interface SvgOptions {
  locale: Locale;
  /** The chart's title (escaped here); default "Secured points over the weeks". */
  title?: string;
  /** Prefix of the ids the title and description are referred by (unique within the page). */
  idPrefix?: string;
}

/**
 * The series as a self-contained SVG: points on the left axis (maximum dashed, secured, at risk), overdue items
 * on the right axis; a title and a description listing every point for screen readers and print; each point a
 * circle with its own tooltip. Vertical positions are proportional to the values, horizontal ones to the dates.
 * Every text is escaped; nothing but SVG shapes and text.
 */
export function progressSvg(series: ProgressSeries, options: SvgOptions): string {
  const { locale } = options;
  const { WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM } = CHART;
  const id = escapeHtml(options.idPrefix ?? 'progress');
  const title = options.title ?? t(locale, 'progress.title');
  const n = series.dates.length;
  // As the report's tables write numbers (1.5, 1,5 in Vietnamese), so the trend reads the same as the tables around it.
  const num = (n: number) => formatNumber(n, locale);
  const lines = series.dates.map((d, i) => t(locale, 'progress.pointLine', d, num(series.secured[i]), num(series.max[i]), num(series.atRisk[i]), series.overdue[i]));
  const desc = [trendText(series, locale), ...lines].filter(Boolean).join(' ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="inherit" font-size="11">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(desc)}</desc>`,
  ];
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const bottom = HEIGHT - BOTTOM;
  const left = axisTicks(Math.max(0, ...series.max, ...series.secured, ...series.atRisk));
  const right = axisTicks(Math.max(0, ...series.overdue), true);
  const yLeft = (v: number) => bottom - (v / left.top) * plotH;
  const yRight = (v: number) => bottom - (v / right.top) * plotH;
  const span = n > 1 ? daysBetween(series.dates[0], series.dates[n - 1]) : 0;
  const x = (i: number) => (span > 0 ? LEFT + (daysBetween(series.dates[0], series.dates[i]) / span) * plotW : LEFT + plotW / 2);
  const c = (v: number) => fmt(v);

  // Grid and the left axis (points).
  for (const v of left.ticks) {
    out.push(`<line x1="${LEFT}" y1="${c(yLeft(v))}" x2="${WIDTH - RIGHT}" y2="${c(yLeft(v))}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    out.push(`<text x="${LEFT - 6}" y="${c(yLeft(v) + 4)}" text-anchor="end" fill="${COLORS.ink}">${escapeHtml(num(v))}</text>`);
  }
  out.push(`<text x="${LEFT - 6}" y="${TOP - 10}" text-anchor="end" fill="${COLORS.ink}">${escapeHtml(t(locale, 'progress.points'))}</text>`);
  // The right axis (overdue items).
  for (const v of right.ticks) out.push(`<text x="${WIDTH - RIGHT + 6}" y="${c(yRight(v) + 4)}" text-anchor="start" fill="${COLORS.overdue}">${escapeHtml(String(v))}</text>`);
  // Dates along the bottom: at most about 12 labels.
  const every = Math.max(1, Math.ceil(n / 12));
  for (let i = 0; i < n; i += every) out.push(`<text x="${c(x(i))}" y="${bottom + 16}" text-anchor="middle" fill="${COLORS.ink}">${escapeHtml(shortDate(series.dates[i], locale))}</text>`);
  out.push(`<line x1="${LEFT}" y1="${bottom}" x2="${WIDTH - RIGHT}" y2="${bottom}" stroke="${COLORS.ink}" stroke-width="1"/>`);

  // Legend, across the top.
  const legend: Array<[keyof ProgressSeries, string, string]> = [
    ['max', COLORS.max, t(locale, 'progress.max')],
    ['secured', COLORS.secured, t(locale, 'progress.secured')],
    ['atRisk', COLORS.atRisk, t(locale, 'progress.atRisk')],
    ['overdue', COLORS.overdue, t(locale, 'progress.overdue')],
  ];
  let lx = LEFT;
  for (const [key, color, label] of legend) {
    const dash = DASHES[key] ? ` stroke-dasharray="${DASHES[key]}"` : '';
    out.push(`<line x1="${lx}" y1="12" x2="${lx + 18}" y2="12" stroke="${color}" stroke-width="2"${dash}/><text x="${lx + 22}" y="16" fill="${COLORS.ink}">${escapeHtml(label)}</text>`);
    lx += 34 + label.length * 6.2;
  }

  // The lines, then a circle per point with its own tooltip.
  const plotted: Array<[keyof ProgressSeries, string, (v: number) => number]> = [
    ['max', COLORS.max, yLeft],
    ['secured', COLORS.secured, yLeft],
    ['atRisk', COLORS.atRisk, yLeft],
    ['overdue', COLORS.overdue, yRight],
  ];
  for (const [key, color, y] of plotted) {
    const values = series[key] as number[];
    const dash = DASHES[key] ? ` stroke-dasharray="${DASHES[key]}"` : '';
    if (n > 1) out.push(`<polyline class="line ${key}" data-series="${key}" fill="none" stroke="${color}" stroke-width="2"${dash} points="${values.map((v, i) => `${c(x(i))},${c(y(v))}`).join(' ')}"/>`);
    if (key === 'max') continue;
    for (let i = 0; i < n; i++) {
      out.push(`<circle class="dot ${key}" cx="${c(x(i))}" cy="${c(y(values[i]))}" r="3" fill="${color}"><title>${escapeHtml(lines[i])}</title></circle>`);
    }
  }
  if (n === 0) out.push(`<text x="${LEFT + plotW / 2}" y="${TOP + plotH / 2}" text-anchor="middle" fill="${COLORS.ink}">${escapeHtml(t(locale, 'progress.tooFew', 0))}</text>`);
  out.push('</svg>');
  return out.join('\n');
}
