import { parseArgs } from 'node:util';
import { commitPending as commitPendingEvidence } from '../../core/evidence/addEvidence';
import { t } from '../../core/i18n/messages';
import { quotePath } from '../../core/git/pathBytes';
import { cliFailure, cliLocale, jsonText, lineText, WORKSPACE_OPTIONS, workspaceFile, writeText, type Io } from '../args';

export async function commitPending(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...WORKSPACE_OPTIONS, push: { type: 'boolean' } } });
  const locale = cliLocale(values.lang, io.env);
  const criteriaFile = await workspaceFile(values.dir, io, locale);
  try {
    const results = await commitPendingEvidence({
      criteriaFile,
      push: values.push,
      onCommit: (result, group) => {
        if (values.json) return;
        writeText(io, t(locale, 'evidence.added', result.shortHash, lineText(result.subject)) + '\n');
        for (const file of group.files) writeText(io, t(locale, 'evidence.file', lineText(quotePath(file.path))) + '\n');
      },
    });
    const pushError = results.find((r) => r.pushError)?.pushError;
    if (values.json) io.out(jsonText(results.map((r) => ({ hash: r.hash, shortHash: r.shortHash, subject: r.subject, files: r.files, target: r.group.target.id, pushed: r.pushed })), io));
    else if (results.length === 0) io.out(t(locale, 'evidence.nothingPending') + '\n');
    else if (results.some((r) => r.pushed)) io.out(t(locale, 'evidence.pushed') + '\n');
    if (pushError) {
      io.err(`reform-evidence: ${pushError.localized(locale)}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    throw cliFailure(error, locale);
  }
}
