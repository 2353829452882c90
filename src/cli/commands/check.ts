import { parseArgs } from 'node:util';
import { t } from '../../core/i18n/messages';
import type { Problem } from '../../core/model/types';
import { loadCriteria } from '../../core/workspace/loadWorkspace';
import { dataFileProblems } from '../../core/measure/check';
import { cliLocale, displayPath, resolveCriteriaFile, jsonText, writeText, type Io } from '../args';

/** `path:line:col: severity code message`, 1-based like compilers print. */
export function formatProblem(problem: Problem, cwd: string): string {
  const { line, character } = problem.range.start;
  // A spreadsheet cell is named as the spreadsheet names it: thanh-toan.xlsx:B7.
  const at = problem.cell ?? `${line + 1}:${character + 1}`;
  return `${displayPath(problem.file, cwd)}:${at}: ${problem.severity} ${problem.code} ${problem.message}`;
}

export async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { lang: { type: 'string' }, json: { type: 'boolean' } } });
  const locale = cliLocale(values.lang, io.env);
  const file = await resolveCriteriaFile(positionals[0], io.cwd, locale);
  const doc = await loadCriteria(file, { locale, fastParse: true });
  // The measures' data files are checked too: a wrong figure is a problem like a wrong maxScore.
  const dataProblems = await dataFileProblems(doc, { locale });
  const problems = [...doc.problems, ...dataProblems].sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (values.json) {
    io.out(jsonText({ file, errors, warnings: problems.length - errors, problems }, io));
  } else {
    for (const p of problems) writeText(io, formatProblem(p, io.cwd) + '\n');
    writeText(io, (problems.length === 0 ? t(locale, 'cli.ok', displayPath(file, io.cwd)) : t(locale, 'cli.summary', errors, problems.length - errors)) + '\n');
  }
  return errors > 0 ? 1 : 0;
}
