import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { addEvidence } from '../../core/evidence/addEvidence';
import { quotePath } from '../../core/git/pathBytes';
import { t } from '../../core/i18n/messages';
import { cliFailure, cliLocale, CliError, jsonText, workspaceFile, WORKSPACE_OPTIONS, lineText, writeText, type Io } from '../args';

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
