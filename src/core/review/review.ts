// A review: what a change (a commit range, or the work tree against a base) does to the points, with the evidence
// files it touched, the criteria-file edits and the commits that lack an audit trailer.
import { diffCriteria, type CriteriaChange } from '../audit/criteriaDiff';
import type { Git } from '../git/git';
import { resolveCommit } from '../git/revision';
import type { Locale } from '../i18n/messages';
import type { CriteriaDoc, StatusModel } from '../model/types';
import { placeOf, statusAtRevision } from '../history/statusAtRevision';
import { StatusWalker } from '../history/walker';
import { todayIso } from '../validate/paths';
import { loadWorkspace } from '../workspace/loadWorkspace';
import { compareStatus, type StatusComparison } from './compareStatus';
import { changedEvidenceFiles, commitsWithoutTrailer, withCriteria, type EvidenceChange, type UntrailedCommit } from './evidenceChanges';

export interface ReviewSide {
  /** What the user named (`main`, `v1`, a hash); undefined for the work tree. */
  rev?: string;
  /** The full hash; undefined for the work tree. */
  commit?: string;
}

export interface Review {
  base: ReviewSide;
  head: ReviewSide;
  asOf: string;
  comparison: StatusComparison;
  /** Semantic changes of the criteria file (the `diff` command's). */
  criteriaChanges: CriteriaChange[];
  evidence: EvidenceChange[];
  /** Evidence commits in base..head (head: HEAD for the work tree). */
  commits: number;
  untrailed: UntrailedCommit[];
  /** Errors in the criteria file on each side (its figures may then be incomplete). */
  errors: { before: number; after: number };
}

/** The status at one commit, as statusAtRevision (core/history) gives it. */
export type StatusAt = (file: string, commit: string, options: { locale?: Locale; asOf?: string; fastParse?: boolean; git?: Git; isTrusted?: () => boolean; exclude?: string[] }) => Promise<{ doc: CriteriaDoc; model: StatusModel }>;

type Side = { doc: CriteriaDoc; model: StatusModel };

export interface ReviewRequest {
  /** The criteria file (absolute, in the work tree). */
  file: string;
  base: string;
  /** Undefined: the work tree. */
  head?: string;
  /** Git in the criteria file's folder. */
  git: Git;
  /**
   * Reads each side on its own (both read from their trees). Without it, the head's status is derived from the
   * base's through the range's diff (StatusWalker): the same result, in a fraction of the time.
   */
  statusAt?: StatusAt;
  locale?: Locale;
  asOf?: string;
  exclude?: string[];
  isTrusted?: () => boolean;
  /** The work tree's status when the caller has it already (the extension's model). */
  current?: { doc: CriteriaDoc; model: StatusModel };
}

export async function buildReview(request: ReviewRequest): Promise<Review> {
  const { git, file } = request;
  // What the user typed becomes a hash before any other Git call sees it.
  const baseCommit = await resolveCommit(git, request.base);
  const headCommit = request.head === undefined ? undefined : await resolveCommit(git, request.head);
  const common = { locale: request.locale, asOf: request.asOf, fastParse: true, git, isTrusted: request.isTrusted, exclude: request.exclude };
  const workTree = () => request.current ?? loadWorkspace(file, { locale: request.locale, asOf: request.asOf, fastParse: true, isTrusted: request.isTrusted, exclude: request.exclude });
  const range = headCommit ?? (await resolveCommit(git, 'HEAD'));
  const gitParts = (evidenceRoot: string) => Promise.all([changedEvidenceFiles(git, evidenceRoot, baseCommit, headCommit), commitsWithoutTrailer(git, evidenceRoot, baseCommit, range)]);
  let before: Side;
  let after: Side;
  let parts: ReturnType<typeof gitParts> | undefined;
  if (request.statusAt) {
    [before, after] = await Promise.all([request.statusAt(file, baseCommit, common), headCommit !== undefined ? request.statusAt(file, headCommit, common) : workTree()]);
  } else if (headCommit === undefined) {
    // The work tree's own status (its files' states come from its listing, not from a commit's tree).
    [before, after] = await Promise.all([statusAtRevision(file, baseCommit, common), workTree()]);
  } else {
    const walker = new StatusWalker(await placeOf(file, { git, isTrusted: request.isTrusted }), { locale: request.locale, exclude: request.exclude, fastParse: true });
    const asOfDay = request.asOf ?? todayIso();
    before = await walker.at(baseCommit, asOfDay);
    // Git's diff and log run while the head's status is derived, with the base's evidenceRoot (almost always the head's).
    const guess = before.doc.index.evidenceRoot;
    parts = gitParts(guess);
    parts.catch(() => undefined);
    after = await walker.at(headCommit, asOfDay);
    if (after.doc.index.evidenceRoot !== guess) parts = undefined;
  }
  const asOf = after.model.asOf;
  const [raw, log] = await (parts ?? gitParts(after.doc.index.evidenceRoot));
  const errors = (doc: CriteriaDoc) => doc.problems.filter((p) => p.severity === 'error').length;
  return {
    base: { rev: request.base, commit: baseCommit },
    head: headCommit === undefined ? {} : { rev: request.head, commit: headCommit },
    asOf,
    comparison: compareStatus(before.model, after.model),
    criteriaChanges: diffCriteria(before.doc, after.doc),
    evidence: withCriteria(raw, before.doc, after.doc),
    commits: log.commits,
    untrailed: log.untrailed,
    errors: { before: errors(before.doc), after: errors(after.doc) },
  };
}
