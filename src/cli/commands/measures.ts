// `reform-evidence measures`: one line per measured leaf — rate, full-points threshold, score, last months.
import { parseArgs } from 'node:util';
import { measureRows, renderMeasuresText } from '../../core/report/measures';
import { loadWorkspace } from '../../core/workspace/loadWorkspace';
import { checkDateOption, cliLocale, jsonText, resolveCriteriaFile, type Io } from '../args';
import { formatProblem } from './check';

export async function measures(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'as-of': { type: 'string' }, 'no-git': { type: 'boolean' }, lang: { type: 'string' } },
  });
  const locale = cliLocale(values.lang, io.env);
  const asOf = checkDateOption('--as-of', values['as-of'], locale);
  const file = await resolveCriteriaFile(positionals[0], io.cwd, locale);
  const { doc, model } = await loadWorkspace(file, { locale, asOf, useGit: !values['no-git'], fastParse: true });
  const rows = measureRows(model);
  if (values.json) {
    io.out(jsonText({ asOf: model.asOf, measures: rows }, io));
  } else {
    for (const p of doc.problems.filter((p) => p.severity === 'error')) io.err(formatProblem(p, io.cwd) + '\n');
    io.out(renderMeasuresText(rows, locale));
  }
  return 0;
}
