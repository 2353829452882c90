// `reform-evidence portfolio fetch <wards.yaml>`: clone or update every ward's remote, a few at a time.
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readBounded } from '../../core/fs/readBounded';
import { t } from '../../core/i18n/messages';
import { fetchWards, MAX_WARDS_FILE_BYTES, parseWardsFile } from '../../core/portfolio/fetch';
import { CliError, cliLocale, displayPath, jsonText, lineText, writeText, type Io } from '../args';
import { checkJobs } from './portfolio';

export async function portfolioFetch(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { into: { type: 'string' }, jobs: { type: 'string' }, json: { type: 'boolean' }, lang: { type: 'string' } },
  });
  const locale = cliLocale(values.lang, io.env);
  if (positionals.length !== 1) throw new CliError(t(locale, 'portfolio.usage'));
  const jobs = checkJobs(values.jobs, locale) ?? Math.max(2, availableParallelism());
  const file = path.resolve(io.cwd, positionals[0]);
  const shown = displayPath(file, io.cwd);
  const text = new TextDecoder('utf-8').decode(await readBounded(file, MAX_WARDS_FILE_BYTES));
  const { wards, problems } = parseWardsFile(text, locale);
  if (problems.length > 0) {
    throw new CliError(t(locale, 'fetch.invalidFile', shown, problems.length), 2, problems.map((p) => `${shown}:${p.line}:${p.col}: ${p.message}`).join('\n'));
  }
  const into = path.resolve(io.cwd, values.into ?? path.dirname(file));
  const results = await fetchWards(wards, { into, jobs, locale });
  if (values.json) io.out(jsonText(results, io));
  else {
    for (const r of results) {
      writeText(io, `${lineText(r.id)}\t${t(locale, `fetch.${r.action}`)}${r.error ? `\t${lineText(r.error)}` : ''}\n`);
    }
    const count = (action: string) => results.filter((r) => r.action === action).length;
    writeText(io, t(locale, 'fetch.summary', count('cloned'), count('updated'), count('failed')) + '\n');
  }
  return results.some((r) => r.action === 'failed') ? 1 : 0;
}
