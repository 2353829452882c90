// `reform-evidence report weekly|self-assessment`: the briefing report and the self-assessment table.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { lastCommitsForFiles } from '../../core/audit/history';
import { evidenceCommitsSince } from '../../core/audit/commitsSince';
import type { Git } from '../../core/git/git';
import { baselineOnDate } from '../../core/history/statusOnDate';
import { weeklyProgress } from '../../core/history/weeklyProgress';
import { t, type Locale } from '../../core/i18n/messages';
import { escapeControls } from '../../core/parse/text';
import type { EvidenceCommit, FileRecord } from '../../core/model/types';
import { WINDOW_DAYS } from '../../core/report/dashboardData';
import { addDays } from '../../core/report/format';
import { renderSelfAssessmentCsv, renderSelfAssessmentHtml, renderSelfAssessmentXlsx, selfAssessment } from '../../core/report/selfAssessment';
import { renderWeeklyHtml, renderWeeklyMarkdown, weeklyData } from '../../core/report/weekly';
import { loadWorkspace } from '../../core/workspace/loadWorkspace';
import { checkDateOption, cliLocale, CliError, displayPath, resolveCriteriaFile, writeText, type Io } from '../args';

const FORMATS = { weekly: ['md', 'html'], 'self-assessment': ['csv', 'html', 'xlsx'] } as const;
type Kind = keyof typeof FORMATS;

interface History {
  commits?: EvidenceCommit[];
  fileRecords?: Map<string, FileRecord>;
}

/** Commit data for the reports; none without Git, and none (not an error) when Git fails to answer. */
export async function readHistory(git: Git | undefined, evidenceRoot: string, since?: string, files = true): Promise<History> {
  if (!git) return {};
  try {
    const [commits, fileRecords] = await Promise.all([evidenceCommitsSince(git, evidenceRoot, since), files ? lastCommitsForFiles(git, evidenceRoot) : undefined]);
    return { commits, fileRecords };
  } catch {
    return {};
  }
}

/** Writes through a temporary file in the same folder, then renames: a reader never sees half a report. */
export async function writeAtomically(file: string, text: string | Buffer): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** `--output FILE` (report, portfolio): written whole or not at all, a folder or a failed write is a one-line error, "wrote …" on stderr. */
export async function writeOutputFile(io: Io, locale: Locale, output: string, text: string | Buffer): Promise<void> {
  const target = path.resolve(io.cwd, output);
  if (await fs.stat(target).then((s) => s.isDirectory(), () => false)) throw new CliError(t(locale, 'cli.outputIsFolder', target));
  try {
    await writeAtomically(target, text);
  } catch (error) {
    throw new CliError(t(locale, 'cli.cannotWrite', target, (error as Error).message));
  }
  io.err(t(locale, 'cli.wrote', escapeControls(displayPath(target, io.cwd), { singleLine: true })) + '\n');
}

function checkFormat(kind: Kind, value: string | undefined, locale: Locale): string {
  const allowed: readonly string[] = FORMATS[kind];
  const format = value ?? allowed[0];
  if (!allowed.includes(format)) throw new CliError(t(locale, 'cli.badFormat', '--format', format, allowed.join('|')));
  return format;
}

export async function report(argv: string[], io: Io): Promise<number> {
  const [kind, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      since: { type: 'string' },
      'as-of': { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'no-git': { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  const locale = cliLocale(values.lang, io.env);
  if (kind !== 'weekly' && kind !== 'self-assessment') throw new CliError(t(locale, 'cli.reportUsage'));
  const format = checkFormat(kind, values.format, locale);
  // A workbook is binary: it goes to a file, never to the terminal.
  if (format === 'xlsx' && !values.output) throw new CliError(t(locale, 'cli.xlsxNeedsOutput'));
  const asOf = checkDateOption('--as-of', values['as-of'], locale);
  const since = checkDateOption('--since', values.since, locale);
  if (kind === 'self-assessment' && since !== undefined) throw new CliError(t(locale, 'cli.reportUsage'));
  const file = await resolveCriteriaFile(positionals[0], io.cwd, locale);
  const { doc, model, git } = await loadWorkspace(file, { locale, asOf, useGit: !values['no-git'], fastParse: true });
  if (since !== undefined && since > model.asOf) throw new CliError(t(locale, 'cli.sinceAfterAsOf', since, model.asOf));

  let text: string | Buffer;
  if (kind === 'weekly') {
    const from = since ?? addDays(model.asOf, -WINDOW_DAYS);
    const history = await readHistory(git, doc.index.evidenceRoot, from, false);
    // The status at --since, read from the branch's commit of that day: what changed is the exact difference.
    const before = git ? await baselineOnDate(file, from, { git, locale, fastParse: true }) : undefined;
    // The weeks up to the as-of date, as `history --every week` gives them.
    const progress = git ? await weeklyProgress(file, model.asOf, { git, locale }) : undefined;
    const data = weeklyData(model, { since: from, commits: history.commits, before, progress });
    text = format === 'html' ? renderWeeklyHtml(data, locale) : renderWeeklyMarkdown(data, locale);
  } else {
    const history = await readHistory(git, doc.index.evidenceRoot);
    const table = selfAssessment(model, history.fileRecords);
    text = format === 'html' ? renderSelfAssessmentHtml(table, locale) : format === 'xlsx' ? await renderSelfAssessmentXlsx(table, locale) : renderSelfAssessmentCsv(table, locale);
  }

  if (values.output) {
    await writeOutputFile(io, locale, values.output, text);
  } else {
    // Markdown is read on the terminal: names and subjects from the history cannot carry escapes there.
    // CSV (CRLF line ends for Excel) and HTML are documents and keep their exact bytes.
    if (format === 'md') writeText(io, String(text));
    else io.out(typeof text === 'string' ? text : text.toString());
  }
  return 0;
}
