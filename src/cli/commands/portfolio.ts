// `reform-evidence portfolio <folder>`: every ward under a folder, ranked, with the matrix of wards × areas.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { t, type Locale } from '../../core/i18n/messages';
import { buildPortfolio } from '../../core/portfolio/portfolio';
import { portfolioWorkerScript } from '../../core/portfolio/pool';
import { MAX_WARD_DEPTH } from '../../core/portfolio/findWards';
import { renderPortfolioCsv, renderPortfolioHtml, renderPortfolioMarkdown, renderPortfolioXlsx } from '../../core/portfolio/render';
import { checkDateOption, CliError, cliLocale, jsonText, writeText, type Io } from '../args';
import { writeOutputFile } from './report';

const FORMATS = ['md', 'html', 'csv', 'xlsx'];
/** More Git processes at once than this only queue up on the machine. */
export const MAX_JOBS = 64;

export function checkJobs(value: string | undefined, locale: Locale): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_JOBS) throw new CliError(t(locale, 'portfolio.badJobs', value, MAX_JOBS));
  return n;
}

export async function portfolio(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'fetch') return (await import('./portfolioFetch')).portfolioFetch(argv.slice(1), io);
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      'as-of': { type: 'string' },
      verify: { type: 'boolean' },
      jobs: { type: 'string' },
      output: { type: 'string', short: 'o' },
      lang: { type: 'string' },
    },
  });
  const locale = cliLocale(values.lang, io.env);
  if (positionals.length > 1) throw new CliError(t(locale, 'portfolio.usage'));
  const format = values.format ?? 'md';
  if (!FORMATS.includes(format)) throw new CliError(t(locale, 'cli.badFormat', '--format', format, FORMATS.join('|')));
  if (format === 'xlsx' && !values.output) throw new CliError(t(locale, 'cli.xlsxNeedsOutput'));
  const asOf = checkDateOption('--as-of', values['as-of'], locale);
  const jobs = checkJobs(values.jobs, locale);
  const root = path.resolve(io.cwd, positionals[0] ?? '.');
  if (root.includes('\0') || !(await fs.stat(root).then((s) => s.isDirectory(), () => false))) throw new CliError(t(locale, 'cli.noPath', root));

  const result = await buildPortfolio(root, { locale, asOf, jobs, verify: values.verify, workerScript: portfolioWorkerScript() });
  if (result.wards.length === 0) throw new CliError(t(locale, 'portfolio.none', root, MAX_WARD_DEPTH), 1);
  let text: string | Buffer;
  if (values.json) text = jsonText(result, io);
  else if (format === 'html') text = renderPortfolioHtml(result, locale);
  else if (format === 'csv') text = renderPortfolioCsv(result, locale);
  else if (format === 'xlsx') text = await renderPortfolioXlsx(result, locale);
  else text = renderPortfolioMarkdown(result, locale);

  if (values.output) {
    await writeOutputFile(io, locale, values.output, text);
  } else if (format === 'md' && !values.json) writeText(io, String(text));
  else io.out(String(text));
  // A ward that could not be loaded is reported in the table; the run still says something went wrong.
  return result.wards.some((w) => w.error !== undefined) ? 1 : 0;
}
