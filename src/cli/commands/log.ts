import { parseArgs } from 'node:util';
import { EvidenceError } from '../../core/git/errors';
import { createGit } from '../../core/git/git';
import { criterionHistory } from '../../core/audit/history';
import { t } from '../../core/i18n/messages';
import { loadCriteria } from '../../core/workspace/loadWorkspace';
import { quotePath } from '../../core/git/pathBytes';
import { checkDateOption, CliError, cliFailure, cliLocale, jsonText, lineText, WORKSPACE_OPTIONS, workspaceFile, writeText, type Io } from '../args';

export async function log(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...WORKSPACE_OPTIONS, since: { type: 'string' } } });
  const locale = cliLocale(values.lang, io.env);
  const id = positionals[0];
  if (!id) throw new CliError(t(locale, 'evidence.unknownCriterion', ''));
  const since = checkDateOption('--since', values.since, locale);
  const doc = await loadCriteria(await workspaceFile(values.dir, io, locale), { locale, fastParse: true });
  try {
    const commits = await criterionHistory(createGit({ cwd: doc.baseDir }), doc, id, since);
    if (!commits) throw new EvidenceError('evidence.unknownCriterion', [id]);
    if (values.json) io.out(jsonText(commits, io));
    else if (commits.length === 0) writeText(io, t(locale, 'log.none', lineText(id)) + '\n');
    else {
      for (const c of commits) {
        if (c.unparsed) writeText(io, `${c.hash} ${t(locale, 'log.unparsed')}\n`);
        else writeText(io, `${c.shortHash} ${c.date.slice(0, 10)} ${lineText(c.author)} <${lineText(c.email)}> ${lineText(c.subject)}\n`);
        for (const file of c.files) writeText(io, `    ${lineText(quotePath(file))}\n`);
      }
    }
    return 0;
  } catch (error) {
    throw cliFailure(error, locale);
  }
}
