// Loads one criteria file with its evidence: parse, list files, match, compute the status model.
import * as path from 'node:path';
import { compileRequirements, startMatching, type CompiledRequirement, type Matcher, type MatchState } from '../evidence/match';
import { ignoreContextOf, type IgnoreContext } from '../evidence/ignoreRules';
import { listEvidenceFiles, type ListObserver } from '../evidence/listFiles';
import { markLfsPointers, matchedFiles, usesLfs } from '../evidence/lfsFiles';
import { dropUncountedLinks, uncountedLinkProblems, type LinkCheckOptions } from '../evidence/symlinks';
import { createGit, type Git } from '../git/git';
import { t, type Locale } from '../i18n/messages';
import type { CriteriaDoc, EvidenceFile, StatusModel } from '../model/types';
import { EMPTY_RANGE } from '../parse/yamlSource';
import { MAX_CRITERIA_BYTES, parseCriteria } from '../parse/parseCriteria';
import { readBounded } from '../fs/readBounded';
import { readHead } from './findCriteria';
import { parseCriteriaFile } from '../parse/readCriteriaFile';
import { resolveExtends } from '../parse/extends';
import { computeStatus } from '../status/computeStatus';
import { computeMeasures, prefetchTables, type MeasureOptions, type MeasureResults, type TableCache } from '../measure/compute';
import { todayIso } from '../validate/paths';
import type { ParseCache } from './parseCache';

export interface LoadOptions {
  locale?: Locale;
  /** YYYY-MM-DD, default today. */
  asOf?: string;
  /** Use Git for file states (default true). False, or a failing trust check, walks the folder instead. */
  useGit?: boolean;
  isTrusted?: () => boolean;
  exclude?: string[];
  /** The file's text when the caller already has it (an unsaved editor). */
  text?: string;
  /** Read with the fast path first (ParseOptions.fast), as the CLI and the editor do. */
  fastParse?: boolean;
  /**
   * Awaited once Git's listing has started, before the criteria file is parsed (a long synchronous task): the
   * editor lets its views draw the cached model first.
   */
  beforeParse?: Promise<unknown>;
  /** Called at each phase (the editor's startup trace). */
  onPhase?: (phase: 'listing started' | 'parsed' | 'listed' | 'model') => void;
  /**
   * Only the model's figures are wanted (the portfolio): no ignore context (it places files created later)
   * and no staged/committed distinction (both count as present). Two Git processes fewer per load. The listing is
   * read once Git has ended (ListOptions.afterExit): many wards load at once, none needs its matching early. The
   * model's lists of files are not sorted (StatusOptions.unsortedFiles).
   */
  summaryOnly?: boolean;
  /** Parses of the same bytes reused (the portfolio: its wards share their index); the file read from disk only. */
  parseCache?: ParseCache;
}

export interface LoadedWorkspace {
  doc: CriteriaDoc;
  matches: MatchState;
  model: StatusModel;
  git?: Git;
  /** Git's ignore rules and absent tracked paths: lets a created file be placed without starting Git. */
  ignore?: IgnoreContext;
  /** Figures of the measured leaves and their data files' problems (also in doc.problems). */
  measures?: MeasureResults;
  /** Data files read, kept until they change (refreshMeasures reads only what changed). */
  tables?: TableCache;
  locale?: Locale;
  /** The repository's attributes name Git LFS: changed files are checked for pointers (lfsFiles.ts). */
  lfs?: boolean;
}

/** Reads a criteria file as UTF-8, reporting invalid bytes instead of silently replacing them. */
export async function readCriteriaText(file: string): Promise<{ text: string; invalidUtf8: boolean }> {
  const bytes = await readBounded(file, MAX_CRITERIA_BYTES);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalidUtf8: true };
  }
}

export async function loadCriteria(file: string, options: LoadOptions = {}): Promise<CriteriaDoc> {
  const locale = options.locale ?? 'en';
  // Refuses an oversized file before reading it; locates invalid UTF-8.
  const parseBytes = options.parseCache?.parseBytes;
  const doc = options.text !== undefined ? parseCriteria(options.text, file, { locale, fast: options.fastParse }) : await parseCriteriaFile(file, { locale, fast: options.fastParse, parseBytes });
  // A ward's file on the city's index: the index file is read and merged in (one model from here on).
  return resolveExtends(doc, { locale, fast: options.fastParse, parseBytes });
}

/** The evidenceRoot a criteria text most likely declares, read without parsing (see loadWorkspace). */
export function guessEvidenceRoot(text: string): string {
  const found = /^[ \t{,]*evidenceRoot:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s"'#,}][^#,}\n]*?))[ \t]*(?:[,}#].*)?$/m.exec(text) ?? /[{,][ \t]*evidenceRoot:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s"'#,}][^#,}\n]*?))[ \t]*[,}]/.exec(text);
  const value = found ? (found[1] ?? found[2] ?? found[3]) : 'evidence';
  return value.normalize('NFC').replace(/\/+$/, '') || '.';
}

/** Follows one listing: keeps the files Git lists before the criteria file is parsed, then matches each as it comes. */
function matchingObserver(listed?: Map<string, EvidenceFile>): ListObserver & { start(requirements: CompiledRequirement[]): Matcher } {
  let matcher: Matcher | undefined;
  // A list, not a map: a listing adds each path once, and removes (rarely) only what it added.
  let early: EvidenceFile[] = [];
  let gone: Set<string> | undefined;
  return {
    added: (file) => (matcher ? matcher.add(file) : early.push(file)),
    removed: (p) => (matcher ? matcher.remove(p) : (gone ??= new Set()).add(p)),
    start(requirements) {
      matcher = startMatching(requirements, listed);
      for (const file of early) if (!gone?.has(file.path)) matcher.add(file);
      early = [];
      return matcher;
    },
  };
}

export async function loadWorkspace(file: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const trusted = options.isTrusted ? options.isTrusted() : true;
  const baseDir = path.dirname(file);
  const git = options.useGit !== false && trusted ? createGit({ cwd: baseDir, isTrusted: options.isTrusted }) : undefined;
  const list = (evidenceRoot: string) => {
    const absentTracked = new Set<string>();
    // One map of the listed files for the listing and the matching.
    const files = new Map<string, EvidenceFile>();
    const observer = matchingObserver(files);
    const done = Promise.all([
      listEvidenceFiles({ baseDir, evidenceRoot, git, exclude: options.exclude, absentTracked, observer, staged: !options.summaryOnly, afterExit: options.summaryOnly, files }),
      git && !options.summaryOnly ? ignoreContextOf(git, baseDir, absentTracked) : undefined,
    ] as const);
    return { observer, done };
  };
  // Git lists the files while the criteria file is parsed (most of a cold status on a large repository):
  // started with the evidenceRoot the text most likely declares, and started again if the parse says otherwise.
  let guess: string | undefined;
  if (git) guess = guessEvidenceRoot(options.text ?? (await readHead(file, 64 * 1024).catch(() => '')));
  const early = guess !== undefined ? list(guess) : undefined;
  early?.done.catch(() => undefined);
  options.onPhase?.('listing started');
  await options.beforeParse;
  const doc = await loadCriteria(file, options);
  options.onPhase?.('parsed');
  const listed = early && doc.index.evidenceRoot === guess ? early : list(doc.index.evidenceRoot);
  // The measures' data files are read while Git lists (computeMeasures then finds them in the cache).
  const tables: TableCache = new Map();
  const prefetched = prefetchTables(doc, tables);
  // From here on each file is matched as Git lists it, while Git still works on the rest.
  const matcher = listed.observer.start(compileRequirements(doc));
  const [listing, ignore] = await listed.done;
  options.onPhase?.('listed');
  // LFS files not downloaded: marked before the model is computed (its files carry the mark).
  const lfs = listing.git && ignore ? await usesLfs({ topDir: ignore.topDir, evidenceDir: path.resolve(baseDir, doc.index.evidenceRoot), infoAttributes: path.join(ignore.infoDir ?? ignore.topDir, 'attributes'), listed: matcher.state.files.keys() }) : false;
  if (lfs) await markLfsPointers(path.resolve(baseDir, doc.index.evidenceRoot), matchedFiles(matcher.state));
  const { model, measures } = await statusOfMatches(doc, matcher.state, listing, { asOf: options.asOf ?? todayIso(), locale: options.locale, cache: tables, prefetched, unsortedFiles: options.summaryOnly });
  options.onPhase?.('model');
  return { doc, matches: matcher.state, model, git: listing.git ? git : undefined, ignore: listing.git ? ignore : undefined, measures, tables, locale: options.locale, lfs };
}

export interface MatchedListing {
  /** False when the evidence folder does not exist (RE204). */
  exists: boolean;
  /** Whether the file states came from Git. */
  git: boolean;
  /** The only files that may be links (see listFromGit); undefined: any may be. */
  unverified?: Set<string>;
}

export interface ModelOptions {
  asOf: string;
  locale?: Locale;
  cache?: TableCache;
  /** Data files being read into `cache` meanwhile (prefetchTables): awaited before the measures; the keys it read now. */
  prefetched?: Promise<ReadonlySet<string> | undefined>;
  /** Where files are judged and data files read instead of the disk (a commit's tree: history/statusAtRevision). */
  verdict?: LinkCheckOptions['verdict'];
  readTable?: MeasureOptions['readTable'];
  /** StatusOptions.unsortedFiles (the portfolio's summaryOnly loads). */
  unsortedFiles?: boolean;
}

/**
 * From a parsed criteria file and its matched listing to the status model: the one path shared by the work-tree
 * status and the status at a revision (links leading out, measures, scores). Adds its problems to doc.problems.
 */
export async function statusOfMatches(doc: CriteriaDoc, matches: MatchState, listing: MatchedListing, options: ModelOptions): Promise<{ model: StatusModel; measures: MeasureResults }> {
  const locale = options.locale ?? 'en';
  if (!listing.exists && doc.problems.every((p) => p.severity !== 'error')) {
    doc.problems.push({ severity: 'warning', code: 'RE204', message: t(locale, 'RE204', doc.index.evidenceRoot), file: doc.file, range: EMPTY_RANGE });
  }
  const links = await dropUncountedLinks(matches, { evidenceDir: path.resolve(doc.baseDir, doc.index.evidenceRoot), workspaceDir: doc.baseDir, unverified: listing.unverified, verdict: options.verdict, gitWalked: listing.git && !options.verdict });
  doc.problems.push(...uncountedLinkProblems(doc, links, locale));
  const readNow = await options.prefetched;
  const measures = await computeMeasures(doc, matches, { asOf: options.asOf, locale: options.locale, cache: options.cache, readNow, readTable: options.readTable });
  doc.problems.push(...measures.problems);
  const model = computeStatus(doc, matches, { asOf: options.asOf, git: listing.git, measures: measures.byId, unsortedFiles: options.unsortedFiles });
  return { model, measures };
}
