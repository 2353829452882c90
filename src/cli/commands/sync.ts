import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { openRepository } from '../../core/git/repository';
import { t } from '../../core/i18n/messages';
import { sync as syncRepository } from '../../core/sync/sync';
import { cliFailure, cliLocale, CliError, jsonText, lineText, WORKSPACE_OPTIONS, writeText, type Io } from '../args';

/** Fetch the branch's upstream, rebase the local commits onto it (disjoint paths only), push. */
export async function sync(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...WORKSPACE_OPTIONS } });
  const locale = cliLocale(values.lang, io.env);
  // -C names the repository's folder, or any file in it (the criteria file, as for the other commands).
  const given = path.resolve(io.cwd, values.dir ?? '.');
  if (given.includes('\0') || !existsSync(given)) throw new CliError(t(locale, 'cli.noPath', given));
  const dir = statSync(given).isDirectory() ? given : path.dirname(given);
  try {
    const repo = await openRepository(dir);
    const result = await syncRepository(repo.git, { gitDir: repo.gitDir });
    if (values.json) io.out(jsonText(result, io));
    else if (result.received === 0 && result.sent === 0) writeText(io, t(locale, 'sync.upToDate', lineText(result.upstream)) + '\n');
    else writeText(io, t(locale, 'sync.done', lineText(result.upstream), result.received, result.sent) + '\n');
    return 0;
  } catch (error) {
    throw cliFailure(error, locale);
  }
}
