import { parseArgs } from 'node:util';
import { openRepository } from '../../core/git/repository';
import { createGit } from '../../core/git/git';
import { renderVerifyReport, verifyAuditTrail } from '../../core/audit/verify';
import { loadCriteria } from '../../core/workspace/loadWorkspace';
import { cliFailure, cliLocale, jsonText, WORKSPACE_OPTIONS, workspaceFile, writeText, type Io } from '../args';

/** Exit 1 when any evidence commit lacks its trailers, has a wrong hash, or (with --require-signed) is unsigned. */
export async function verify(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...WORKSPACE_OPTIONS, 'require-signed': { type: 'boolean' }, since: { type: 'string' } } });
  const locale = cliLocale(values.lang, io.env);
  const doc = await loadCriteria(await workspaceFile(values.dir, io, locale), { locale, fastParse: true });
  try {
    await openRepository(doc.baseDir);
    const report = await verifyAuditTrail(createGit({ cwd: doc.baseDir }), { evidenceRoot: doc.index.evidenceRoot, requireSigned: values['require-signed'], since: values.since });
    if (values.json) io.out(jsonText(report, io));
    else writeText(io, renderVerifyReport(report, locale));
    return report.problems.length > 0 ? 1 : 0;
  } catch (error) {
    throw cliFailure(error, locale);
  }
}
