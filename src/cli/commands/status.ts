import { parseArgs } from 'node:util';
import { t } from '../../core/i18n/messages';
import { renderStatusText } from '../../core/report/statusText';
import { filterByUnit } from '../../core/status/computeStatus';
import { loadWorkspace } from '../../core/workspace/loadWorkspace';
import { replaceControls } from '../../core/parse/text';
import { checkDateOption, cliLocale, CliError, jsonSpace, resolveCriteriaFile, writeText, type Io } from '../args';
import { formatProblem } from './check';
import { writeJson } from '../jsonStream';

export async function status(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      unit: { type: 'string' },
      'as-of': { type: 'string' },
      files: { type: 'boolean' },
      'no-git': { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  const locale = cliLocale(values.lang, io.env);
  const asOf = checkDateOption('--as-of', values['as-of'], locale);
  const file = await resolveCriteriaFile(positionals[0], io.cwd, locale);
  const { doc, model: full } = await loadWorkspace(file, { locale, asOf, useGit: !values['no-git'], fastParse: true });
  if (values.unit !== undefined && !doc.units.has(values.unit)) throw new CliError(t(locale, 'cli.unknownUnit', values.unit));
  const model = values.unit ? filterByUnit(full, values.unit) : full;
  if (values.json) {
    // Streamed: the whole text of a province's model would be a 25 MB string.
    await writeJson(model, { write: io.out, drained: io.drained }, jsonSpace(io));
  } else {
    for (const p of doc.problems.filter((p) => p.severity === 'error')) io.err(replaceControls(formatProblem(p, io.cwd)) + '\n');
    writeText(io, renderStatusText(model, { locale, files: values.files }));
  }
  return 0;
}
