import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { diffCriteriaRevisions, renderCriteriaDiff } from '../../core/audit/criteriaDiff';
import { diffEvidenceFile, renderFileDiff } from '../../core/git/diff';
import { EvidenceError } from '../../core/git/errors';
import { createGit } from '../../core/git/git';
import { quotePath, unquotePath } from '../../core/git/pathBytes';
import { isInsidePath } from '../../core/git/revision';
import { openRepository } from '../../core/git/repository';
import { t } from '../../core/i18n/messages';
import { loadCriteria } from '../../core/workspace/loadWorkspace';
import { CliError, cliFailure, cliLocale, displayPath, jsonText, WORKSPACE_OPTIONS, workspaceFile, writeText, type Io } from '../args';

/** `diff <rev> [<rev>]`: semantic diff of the criteria file; with `--file PATH` (relative to evidenceRoot), of one evidence file. */
export async function diff(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...WORKSPACE_OPTIONS, file: { type: 'string' } } });
  const locale = cliLocale(values.lang, io.env);
  const [from, to] = positionals;
  if (!from) throw new CliError('diff <rev> [<rev>]');
  const file = await workspaceFile(values.dir, io, locale);
  const doc = await loadCriteria(file, { locale, fastParse: true });
  try {
    const repo = await openRepository(doc.baseDir);
    if (values.file !== undefined) {
      // A name as the CLI prints it, quoted by Git's rules, is read back: its bytes may not be UTF-8.
      const name = unquotePath(values.file) ?? values.file;
      // Relative to evidenceRoot and inside it: `../` would leave it before Git ever sees the path.
      if (!isInsidePath(name)) throw new EvidenceError('diff.fileOutside', [quotePath(name)]);
      const relative = path.posix.join(doc.index.evidenceRoot, name);
      const evidenceGit = createGit({ cwd: doc.baseDir });
      const result = await diffEvidenceFile(evidenceGit, relative, from, to);
      if (values.json) io.out(jsonText(result, io));
      else writeText(io, renderFileDiff(result, locale));
      return 0;
    }
    const { before, after, changes } = await diffCriteriaRevisions(repo.git, repo.top, file, from, to);
    if (!before) throw new CliError(t(locale, 'cdiff.missing', from));
    if (!after) throw new CliError(t(locale, 'cdiff.missing', to ?? t(locale, 'cdiff.worktree')));
    if (values.json) io.out(jsonText({ from, to: to ?? null, changes }, io));
    else writeText(io, renderCriteriaDiff(changes, locale, t(locale, 'cdiff.header', displayPath(file, io.cwd), from, to ?? t(locale, 'cdiff.worktree'))));
    return 0;
  } catch (error) {
    throw cliFailure(error, locale);
  }
}
