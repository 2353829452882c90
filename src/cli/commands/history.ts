import { parseArgs } from 'node:util';
import { t } from '../../core/i18n/messages';
import { progress, seriesDates, type ProgressPoint, type Step } from '../../core/history/progress';
import { placeOf } from '../../core/history/statusAtRevision';
import { formatNumber } from '../../core/present/numbers';
import { todayIso } from '../../core/validate/paths';
import { checkDateOption, cliFailure, cliLocale, CliError, jsonText, resolveCriteriaFile, writeText, type Io } from '../args';

const STEPS: Step[] = ['day', 'week', 'month'];
/** More points than this is a mistyped date (each point is a status). */
const MAX_POINTS = 1000;

/** `from` by default: 12 steps before `to` (12 weeks, 12 months, 30 days). */
function defaultFrom(to: string, every: Step): string {
  const d = new Date(`${to}T00:00:00Z`);
  if (every === 'day') d.setUTCDate(d.getUTCDate() - 29);
  else if (every === 'week') d.setUTCDate(d.getUTCDate() - 7 * 11);
  else d.setUTCMonth(d.getUTCMonth() - 11, 1);
  return d.toISOString().slice(0, 10);
}

const csvCell = (v: string | number) => (/[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** One row per point and scope (the index, each area, each unit): date,commit,scope,id,name,max,secured,atRisk,overdue. */
export function historyCsv(points: ProgressPoint[]): string {
  const rows = [['date', 'commit', 'scope', 'id', 'name', 'max', 'secured', 'atRisk', 'overdue']];
  for (const p of points) {
    rows.push([p.date, p.commit, 'total', '', '', String(p.totals.max), String(p.totals.secured), String(p.totals.atRisk), String(p.totals.overdue)]);
    for (const a of p.byArea) rows.push([p.date, p.commit, 'area', a.id, a.title, String(a.max), String(a.secured), String(a.atRisk), String(a.overdue)]);
    for (const u of p.byUnit) rows.push([p.date, p.commit, 'unit', u.id, u.name, String(u.max), String(u.secured), String(u.atRisk), String(u.overdue)]);
  }
  // BOM: Excel opens UTF-8 Vietnamese names correctly only with it (as the self-assessment CSV).
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function historyText(points: ProgressPoint[], locale: 'en' | 'vi'): string {
  const header = t(locale, 'history.header');
  const lines = points.map((p) => `${p.date}  ${p.commit.slice(0, 10)}  ${formatNumber(p.totals.secured, locale)}/${formatNumber(p.totals.max, locale)}  ${formatNumber(p.totals.atRisk, locale)}  ${p.totals.overdue}`);
  return [header, ...lines].join('\n') + '\n';
}

/** `history [dir|file] [--from DATE] [--to DATE] [--every day|week|month] [--json|--format csv]`. */
export async function history(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, every: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' }, lang: { type: 'string' } },
  });
  const locale = cliLocale(values.lang, io.env);
  const every = (values.every ?? 'week') as Step;
  if (!STEPS.includes(every)) throw new CliError(t(locale, 'cli.badFormat', '--every', values.every ?? '', STEPS.join('|')));
  if (values.format !== undefined && values.format !== 'csv' && values.format !== 'json' && values.format !== 'text') throw new CliError(t(locale, 'cli.badFormat', '--format', values.format, 'csv|json|text'));
  const to = checkDateOption('--to', values.to, locale) ?? todayIso();
  const from = checkDateOption('--from', values.from, locale) ?? defaultFrom(to, every);
  if (from > to) throw new CliError(t(locale, 'history.fromAfterTo', from, to));
  const dates = seriesDates(from, to, every);
  if (dates.length > MAX_POINTS) throw new CliError(t(locale, 'history.tooManyPoints', dates.length, MAX_POINTS));
  const file = await resolveCriteriaFile(positionals[0], io.cwd, locale);
  let points: ProgressPoint[];
  try {
    points = await progress(await placeOf(file), { from, to, every, locale });
  } catch (error) {
    throw cliFailure(error, locale);
  }
  if (values.json || values.format === 'json') io.out(jsonText({ from, to, every, points }, io));
  else if (values.format === 'csv') io.out(historyCsv(points));
  else writeText(io, historyText(points, locale));
  return 0;
}
