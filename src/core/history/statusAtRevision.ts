// The status of a criteria file as it was at a commit: the criteria file and the evidence listing read from the
// commit's tree (never the work tree or the index), judged as a checkout of that commit would be. The model is
// the work tree's (statusOfMatches), every file `committed`.
import * as path from 'node:path';
import { compileRequirements, matchAll, type MatchState } from '../evidence/match';
import { inside, isExcluded, toNfc } from '../evidence/listFiles';
import { UnreadableFileError } from '../fs/readBounded';
import { EvidenceError, GitOperationError } from '../git/errors';
import { createGit, type Git } from '../git/git';
import { resolveCommit } from '../git/revision';
import { BlobBatch, readBlob } from '../git/tree';
import type { Locale } from '../i18n/messages';
import type { MeasureResults } from '../measure/compute';
import { tableLimit, tableOfRead, type TableResult } from '../measure/table';
import type { CriteriaDoc, EvidenceFile, StatusModel } from '../model/types';
import { MAX_CRITERIA_BYTES, refusedDoc } from '../parse/parseCriteria';
import { parseCriteriaBytes, sizeProblem } from '../parse/readCriteriaFile';
import { resolveExtends, type ReadIndexFile } from '../parse/extends';
import { todayIso } from '../validate/paths';
import { statusOfMatches } from '../workspace/loadWorkspace';
import { RevisionTree } from './revisionTree';
import { leadsOut } from '../fs/paths';

export interface RevisionOptions {
  locale?: Locale;
  /** YYYY-MM-DD, default today: the date deadlines are judged against (not the commit's date). */
  asOf?: string;
  /** Folder names or relative paths (under evidenceRoot) never counted, as for the work tree. */
  exclude?: string[];
  isTrusted?: () => boolean;
  /** The fast parse (ParseOptions.fast), for the CLI. */
  fastParse?: boolean;
  /** Git of the repository, when the caller has one. */
  git?: Git;
  /** Data files already read, by blob and sheet (kept across the points of a history). */
  tables?: Map<string, Promise<TableResult>>;
}

export interface RevisionStatus {
  /** The full hash of the commit. */
  commit: string;
  doc: CriteriaDoc;
  matches: MatchState;
  model: StatusModel;
  measures: MeasureResults;
}

/** Where a criteria file is in its repository. */
export interface Place {
  git: Git;
  /** Absolute top folder of the work tree. */
  top: string;
  /** The criteria file's folder, relative to the top ("" at the top), "/"-separated. */
  folder: string;
  /** The criteria file as the caller named it (absolute); the model's criteriaFile. */
  file: string;
}

/** Finds the repository of `file` (Git's own answer, so links in the folder path are resolved as Git does). */
export async function placeOf(file: string, options: Pick<RevisionOptions, 'git' | 'isTrusted'> = {}): Promise<Place> {
  const dir = path.dirname(file);
  const git = options.git ?? createGit({ cwd: dir, isTrusted: options.isTrusted });
  let lines: string[];
  try {
    lines = (await git.read(['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n');
  } catch (error) {
    if (error instanceof Error && error.name === 'GitNotTrustedError') throw error;
    throw new GitOperationError('notRepo', 'git.notRepo', [dir]);
  }
  return { git, top: lines[0], folder: (lines[1] ?? '').replace(/\/+$/, ''), file };
}

const join = (folder: string, relative: string) => (folder === '' ? relative : relative === '' ? folder : `${folder}/${relative}`);

/** `rev` (any revision a user may type) resolved first, then the status at that commit. */
export async function statusAtRevision(file: string, rev: string, options: RevisionOptions = {}): Promise<RevisionStatus> {
  const place = await placeOf(file, options);
  const commit = await resolveCommit(place.git, rev);
  return statusAtCommit(place, new RevisionTree(place.git, commit, place.top), options);
}

/** The criteria file of `place` as committed in `tree`'s commit, parsed as parseCriteriaFile parses it from disk. */
export async function criteriaAt(place: Place, tree: RevisionTree, options: Pick<RevisionOptions, 'locale' | 'fastParse'>): Promise<CriteriaDoc> {
  const locale = options.locale ?? 'en';
  const found = await tree.resolve(join(place.folder, path.basename(place.file)));
  if (found.kind === 'missing' || found.kind === 'outside') throw new EvidenceError('history.noCriteria', [join(place.folder, path.basename(place.file)), tree.commit.slice(0, 12)]);
  if (found.kind !== 'blob') throw new UnreadableFileError(place.file, 'notFile', 'directory');
  const read = await readBlob(place.git, found.entry!.oid, MAX_CRITERIA_BYTES);
  if ('tooLarge' in read) return refusedDoc(place.file, sizeProblem(place.file, read.tooLarge, locale));
  const doc = parseCriteriaBytes(read.bytes, place.file, { locale, fast: options.fastParse });
  // A ward's file on the city's index: the index file as committed in the same commit.
  return resolveExtends(doc, { locale, fast: options.fastParse, read: indexReader(place, tree) });
}

/** Reads the index file a ward extends from the commit's tree (the path is already known to stay in the ward's folder). */
function indexReader(place: Place, tree: RevisionTree): ReadIndexFile {
  return async (file) => {
    const relative = path.relative(path.dirname(place.file), file).split(path.sep).join('/');
    const found = await tree.resolve(join(place.folder, relative));
    if (found.kind === 'missing') return { reason: 'reason.noSuchFile' };
    if (found.kind === 'outside') return { reason: 'reason.linkOutside' };
    if (found.kind !== 'blob') return { reason: 'reason.notAFile' };
    if (place.folder !== '' && !found.path.startsWith(place.folder + '/')) return { reason: 'reason.linkOutside' };
    const read = await readBlob(place.git, found.entry!.oid, MAX_CRITERIA_BYTES);
    return 'tooLarge' in read ? { reason: 'reason.tooLargeIndex' } : { bytes: read.bytes };
  };
}

/** The repository path of the evidence folder of `doc`. */
export function evidencePathOf(place: Place, doc: CriteriaDoc): string {
  const root = doc.index.evidenceRoot === '.' ? '' : path.posix.normalize(doc.index.evidenceRoot).replace(/\/+$/, '');
  return join(place.folder, root === '.' ? '' : root);
}

/** The evidence files of the tree (as a fresh checkout's `ls-files` lists them), keyed like listFromGit's. */
export function evidenceListing(tree: RevisionTree, evidencePath: string, exclude: string[] = []): { files: EvidenceFile[]; links: Set<string>; repoPathOf: Map<string, string> } {
  const excluded = exclude.map((e) => e.normalize('NFC').replace(/^\/+|\/+$/g, ''));
  const files = new Map<string, EvidenceFile>();
  const links = new Set<string>();
  const repoPathOf = new Map<string, string>();
  for (const [p, entry] of tree.entries) {
    if (entry.type === 'tree') continue;
    const relative = inside(p, evidencePath);
    if (relative === undefined) continue;
    const key = toNfc(relative);
    if (excluded.length > 0 && isExcluded(key, excluded)) continue;
    if (entry.mode === '120000') links.add(key);
    // Two names that differ only in Unicode form are one file to the status (the first listed, as listFromGit).
    if (!files.has(key)) files.set(key, { path: key, git: 'committed' });
    if (!repoPathOf.has(key) || relative === key) repoPathOf.set(key, p);
  }
  return { files: [...files.values()], links, repoPathOf };
}

/**
 * The status at `tree`'s commit. `tree` is listed here unless it already covers the evidence folder (a history
 * keeps one tree and moves it from commit to commit).
 */
export async function statusAtCommit(place: Place, tree: RevisionTree, options: RevisionOptions = {}): Promise<RevisionStatus> {
  const doc = await criteriaAt(place, tree, options);
  const evidencePath = evidencePathOf(place, doc);
  if (!tree.covers(evidencePath)) await tree.fill(evidencePath);
  const listing = evidenceListing(tree, evidencePath, options.exclude);
  const matches = matchAll(compileRequirements(doc), listing.files);
  return modelAtTree(place, tree, doc, evidencePath, matches, listing, options);
}

/** The model of a parsed criteria file and its matched listing at `tree`'s commit (statusOfMatches on the tree). */
export async function modelAtTree(
  place: Place,
  tree: RevisionTree,
  doc: CriteriaDoc,
  evidencePath: string,
  matches: MatchState,
  listing: { links: Set<string>; repoPathOf: Map<string, string> },
  options: RevisionOptions,
): Promise<RevisionStatus> {
  const root = await tree.resolve(evidencePath);
  const workspace = place.folder;
  const baseDir = path.dirname(place.file);
  const tables = options.tables ?? new Map<string, Promise<TableResult>>();
  // computeMeasures asks for every data file at once: their blobs come through one `git cat-file --batch`.
  const blobs = new BlobBatch(place.git);
  const { model, measures } = await statusOfMatches(
    doc,
    matches,
    // As listEvidenceFiles: without an evidence folder the states did not come from Git.
    { exists: root.kind === 'tree', git: root.kind === 'tree', unverified: listing.links },
    {
      asOf: options.asOf ?? todayIso(),
      locale: options.locale,
      // As linkVerdict on a checkout: a link counts when it leads to a file inside the criteria file's folder.
      verdict: async (key) => {
        const repoPath = listing.repoPathOf.get(key) ?? join(evidencePath, key);
        const found = await tree.resolve(repoPath);
        if (found.kind === 'missing') {
          // A link to nothing: "outside" still when its own target lies out of the workspace (as linkVerdict).
          const step = await tree.linkStep(repoPath);
          return step === 'outside' || (step !== undefined && workspace !== '' && step !== workspace && !step.startsWith(workspace + '/')) ? 'outside' : 'broken';
        }
        if (found.kind === 'outside') return 'outside';
        if (workspace !== '' && found.path !== workspace && !found.path.startsWith(workspace + '/')) return 'outside';
        return found.kind === 'blob' ? 'ok' : 'gone';
      },
      readTable: async (file, sheet) => {
        const relative = path.relative(baseDir, file).split(path.sep).join('/');
        let found = leadsOut(relative, '/') ? ({ kind: 'outside' } as const) : await tree.resolve(join(workspace, relative));
        // A name stored in another normalization form (NFD, named on macOS) is found by NFC, as on disk (onDisk.ts).
        const stored = found.kind === 'missing' ? tree.storedAs(join(workspace, relative)) : undefined;
        if (stored !== undefined) found = await tree.resolve(stored);
        if (found.kind === 'missing' || found.kind === 'outside') return tableOfRead(file, sheet, { error: 'ENOENT' });
        if (found.kind !== 'blob') return tableOfRead(file, sheet, { error: 'not a regular file' });
        const key = `${found.entry!.oid}\0${sheet ?? ''}\0${path.extname(file).toLowerCase()}`;
        let table = tables.get(key);
        if (!table) {
          table = blobs.read(found.entry!.oid, tableLimit(file)).then((read) => tableOfRead(file, sheet, read));
          tables.set(key, table);
        }
        return table;
      },
    },
  );
  return { commit: tree.commit, doc, matches, model, measures };
}
