import { parseArgs } from 'node:util';
import { t, type Locale } from '../../core/i18n/messages';
import { resolveCommit } from '../../core/git/revision';
import { commitAtDate } from '../../core/history/commitAt';
import { RevisionTree } from '../../core/history/revisionTree';
import { placeOf, statusAtCommit } from '../../core/history/statusAtRevision';
import { renderStatusText } from '../../core/report/statusText';
import { filterByUnit } from '../../core/status/computeStatus';
import { loadWorkspace } from '../../core/workspace/loadWorkspace';
import { replaceControls } from '../../core/parse/text';
import { checkDateOption, cliFailure, cliLocale, CliError, jsonSpace, resolveCriteriaFile, writeText, type Io } from '../args';
import { formatProblem } from './check';
import { writeJson } from '../jsonStream';

/** The status at `--rev`, or at the last commit of the branch on or before `--at`. */
async function loadAtRevision(file: string, rev: string | undefined, at: string | undefined, options: { locale: Locale; asOf?: string }) {
  try {
    const place = await placeOf(file);
    const commit = rev !== undefined ? await resolveCommit(place.git, rev) : await commitAtDate(place.git, at!);
    return await statusAtCommit(place, new RevisionTree(place.git, commit, place.top), { ...options, fastParse: true });
  } catch (error) {
    // In the language of --lang, as the command's own messages.
    throw cliFailure(error, options.locale);
  }
}

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
      rev: { type: 'string' },
      at: { type: 'string' },
    },
  });
  const locale = cliLocale(values.lang, io.env);
  const asOf = checkDateOption('--as-of', values['as-of'], locale);
  const file = await resolveCriteriaFile(positionals[0], io.cwd, locale);
  const at = checkDateOption('--at', values.at, locale);
  if (values.rev !== undefined && at !== undefined) throw new CliError(t(locale, 'cli.revAndAt'));
  if ((values.rev !== undefined || at !== undefined) && values['no-git']) throw new CliError(t(locale, 'cli.revNoGit', values.rev !== undefined ? '--rev' : '--at'));
  const { doc, model: full } = values.rev !== undefined || at !== undefined ? await loadAtRevision(file, values.rev, at, { locale, asOf: asOf ?? at }) : await loadWorkspace(file, { locale, asOf, useGit: !values['no-git'], fastParse: true });
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
