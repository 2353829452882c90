import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { addEvidence } from '../../core/evidence/addEvidence';
import { EvidenceError, GitOperationError } from '../../core/git/errors';
import { t, type Locale } from '../../core/i18n/messages';
import { cliLocale, CliError, resolveCriteriaFile, jsonText, lineText, writeText, type Io } from '../args';
import { quotePath } from '../../core/git/pathBytes';

/** Options every Git command takes: the workspace (`-C`/`--dir`: a folder or the criteria file) and the language. */
export const WORKSPACE_OPTIONS = {
  dir: { type: 'string', short: 'C' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function workspaceFile(dir: string | undefined, io: Io, locale: Locale): Promise<string> {
  return resolveCriteriaFile(dir, io.cwd, locale);
}

/** Our typed errors as clean CLI failures: a wrong request (or revision) exits 2, a refused or failed Git operation 1. */
export function cliFailure(error: unknown, locale: Locale): unknown {
  if (error instanceof EvidenceError) return new CliError(error.localized(locale), 2);
  if (error instanceof GitOperationError) return new CliError(t(locale, error.key, ...error.args), error.code === 'badRevision' ? 2 : 1, error.output);
  return error;
}

export async function add(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...WORKSPACE_OPTIONS, requirement: { type: 'string', short: 'r' }, name: { type: 'string' }, push: { type: 'boolean' } },
  });
  const locale = cliLocale(values.lang, io.env);
  const [target, ...files] = positionals;
  if (!target || files.length === 0) throw new CliError(t(locale, 'evidence.noFiles'));
  const requirement = values.requirement === undefined ? undefined : Number(values.requirement);
  if (requirement !== undefined && !Number.isInteger(requirement)) throw new CliError(t(locale, 'evidence.badRequirement', values.requirement ?? '', '?'));
  const criteriaFile = await workspaceFile(values.dir, io, locale);
  try {
    // File arguments are relative to the current folder, whatever -C says (like cp, unlike git -C).
    const result = await addEvidence({ criteriaFile, target, requirement, files: files.map((f) => path.resolve(io.cwd, f)), name: values.name, push: values.push });
    if (values.json) io.out(jsonText({ ...result, pushError: result.pushError?.localized(locale) }, io));
    else {
      writeText(io, t(locale, 'evidence.added', result.shortHash, lineText(result.subject)) + '\n');
      for (const file of result.added) writeText(io, t(locale, 'evidence.file', lineText(quotePath(file))) + '\n');
      if (result.pushed) io.out(t(locale, 'evidence.pushed') + '\n');
    }
    if (result.pushError) {
      io.err(`reform-evidence: ${result.pushError.localized(locale)}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    throw cliFailure(error, locale);
  }
}
