// Verifying the audit trail: every commit that touched evidence says for which criterion (or task), and
// records a SHA-256 per added or changed file that matches the blob it committed. Optionally, signed.
import { t, type Locale } from '../i18n/messages';
import { replaceControls } from '../parse/text';
import type { Git } from '../git/git';
import { logEvidence } from './history';
import { resolveCommit } from '../git/revision';
import { recordedHashes, TRAILER, trailerValues } from '../git/trailers';
import { quotePath } from '../git/pathBytes';

export type VerifyProblemKind = 'unparsed' | 'noCriterion' | 'noHash' | 'hashMismatch' | 'hashUnknownPath' | 'unsigned' | 'badSignature';

export interface VerifyProblem {
  hash: string;
  shortHash: string;
  subject: string;
  kind: VerifyProblemKind;
  /** The file concerned, relative to the repository's top folder. */
  path?: string;
  /** The signature status letter for `badSignature`. */
  signature?: string;
}

export interface VerifyReport {
  /** Evidence commits examined. */
  commits: number;
  problems: VerifyProblem[];
  /** Abbreviated hashes of the commits with a problem, newest first. */
  offending: string[];
}

export interface VerifyOptions {
  evidenceRoot: string;
  /** Report commits that are not signed with a good signature. */
  requireSigned?: boolean;
  /** Only commits after this revision (`<rev>..HEAD`), e.g. the commit that imported older evidence. */
  since?: string;
}

export async function verifyAuditTrail(git: Git, options: VerifyOptions): Promise<VerifyReport> {
  const prefix = (await git.read(['rev-parse', '--show-prefix'])).trim();
  const root = options.evidenceRoot.replace(/^\.\/?/, '').replace(/\/+$/, '');
  const rootFromTop = [prefix.replace(/\/$/, ''), root === '.' ? '' : root].filter(Boolean).join('/');
  const fromTop = (relative: string) => (rootFromTop ? `${rootFromTop}/${relative}` : relative);
  // `--since` names a commit: resolved first, so only a hash (never the text given) reaches `git log`.
  const since = options.since === undefined ? undefined : await resolveCommit(git, options.since);
  const commits = await logEvidence(git, {
    evidenceRoot: options.evidenceRoot,
    blobs: true,
    signatures: options.requireSigned,
    range: since ? `${since}..HEAD` : undefined,
  });
  const blobs = new Set<string>();
  for (const c of commits) for (const change of c.changes) if (change.blob) blobs.add(change.blob);
  const sha256 = new Map<string, string>();
  // An LFS pointer's blob answers to its object id (the content's SHA-256, checked without the content) and,
  // for commits recorded before LFS was understood, to the SHA-256 of the pointer itself.
  const lfsOid = new Map<string, string>();
  await git.hashBlobs([...blobs], (id, hash, oid) => {
    sha256.set(id, hash);
    if (oid) lfsOid.set(id, oid);
  });

  const problems: VerifyProblem[] = [];
  for (const commit of commits) {
    const add = (kind: VerifyProblemKind, extra: Partial<VerifyProblem> = {}) => problems.push({ hash: commit.hash, shortHash: commit.shortHash, subject: commit.subject, kind, ...extra });
    if (commit.unparsed) {
      add('unparsed');
      continue;
    }
    const owners = [...trailerValues(commit.trailers, TRAILER.criterion), ...trailerValues(commit.trailers, TRAILER.task)];
    if (owners.length === 0) add('noCriterion');
    const recorded = recordedHashes(commit.trailers);
    const byPath = new Map(recorded.map((r) => [r.path, r.sha256]));
    // A quoted-looking path of an older commit, written before paths were quoted, is also read as written.
    const byLiteral = new Map(recorded.filter((r) => r.literal !== undefined).map((r) => [r.literal as string, r.sha256]));
    const changed = new Set<string>();
    for (const change of commit.changes) {
      if (!change.blob) continue;
      const file = fromTop(change.path);
      changed.add(file);
      const expected = byPath.get(file) ?? byLiteral.get(file);
      if (expected === undefined) add('noHash', { path: file });
      else if (expected !== sha256.get(change.blob) && expected !== lfsOid.get(change.blob)) add('hashMismatch', { path: file });
    }
    for (const r of recorded) if (!changed.has(r.path) && !(r.literal !== undefined && changed.has(r.literal))) add('hashUnknownPath', { path: r.path });
    if (options.requireSigned) {
      if (commit.signature === 'N' || commit.signature === '') add('unsigned');
      else if (commit.signature !== 'G' && commit.signature !== 'U') add('badSignature', { signature: commit.signature });
    }
  }
  const offending = [...new Set(problems.map((p) => p.shortHash))];
  return { commits: commits.length, problems, offending };
}

export function problemText(problem: VerifyProblem, locale: Locale): string {
  switch (problem.kind) {
    case 'unparsed':
      return t(locale, 'verify.unparsed', problem.hash);
    case 'noCriterion':
      return t(locale, 'verify.noCriterion');
    case 'noHash':
      return t(locale, 'verify.noHash', quotePath(problem.path ?? ''));
    case 'hashMismatch':
      return t(locale, 'verify.hashMismatch', quotePath(problem.path ?? ''));
    case 'hashUnknownPath':
      return t(locale, 'verify.hashUnknownPath', quotePath(problem.path ?? ''));
    case 'unsigned':
      return t(locale, 'verify.unsigned');
    case 'badSignature':
      return t(locale, 'verify.badSignature', problem.signature ?? '');
  }
}

/** One line per problem, `<short hash> <subject>: <problem>`, then a summary line. */
export function renderVerifyReport(report: VerifyReport, locale: Locale): string {
  if (report.problems.length === 0) return t(locale, 'verify.ok', report.commits) + '\n';
  const lines: string[] = [];
  for (const short of report.offending) {
    const mine = report.problems.filter((p) => p.shortHash === short);
    lines.push(`${short} ${replaceControls(mine[0].subject, { singleLine: true })}`);
    // A commit that imported many files without hashes would print a line per file: show a few, then a count.
    const missing = mine.filter((p) => p.kind === 'noHash');
    const shown = [...mine.filter((p) => p.kind !== 'noHash'), ...missing.slice(0, 3)];
    for (const p of shown) lines.push(`    ${replaceControls(problemText(p, locale), { singleLine: true })}`);
    if (missing.length > 3) lines.push(`    ${t(locale, 'verify.moreNoHash', missing.length - 3)}`);
  }
  lines.push(t(locale, 'verify.summary', report.problems.length, report.offending.length, report.commits));
  return lines.join('\n') + '\n';
}
