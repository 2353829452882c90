import { parseArgs } from 'node:util';
import { t } from '../../core/i18n/messages';
import type { Problem } from '../../core/model/types';
import { loadCriteria } from '../../core/workspace/loadWorkspace';
import { cliLocale, displayPath, resolveCriteriaFile, jsonText, writeText, type Io } from '../args';

/** `path:line:col: severity code message`, 1-based like compilers print. */
export function formatProblem(problem: Problem, cwd: string): string {
  const { line, character } = problem.range.start;
  return `${displayPath(problem.file, cwd)}:${line + 1}:${character + 1}: ${problem.severity} ${problem.code} ${problem.message}`;
}

export async function check(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { lang: { type: 'string' }, json: { type: 'boolean' } } });
  const locale = cliLocale(values.lang, io.env);
  const file = await resolveCriteriaFile(positionals[0], io.cwd, locale);
  const doc = await loadCriteria(file, { locale, fastParse: true });
  const problems = [...doc.problems].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (values.json) {
    io.out(jsonText({ file, errors, warnings: problems.length - errors, problems }, io));
  } else {
    for (const p of problems) writeText(io, formatProblem(p, io.cwd) + '\n');
    writeText(io, (problems.length === 0 ? t(locale, 'cli.ok', displayPath(file, io.cwd)) : t(locale, 'cli.summary', errors, problems.length - errors)) + '\n');
  }
  return errors > 0 ? 1 : 0;
}
