// The city's portfolio: every ward under a folder loaded (a few at a time), summed up, ranked, and set in a
// matrix of wards × areas. Plain JSON, which the CLI prints and the reports format.
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { verifyAuditTrail } from '../audit/verify';
import type { Git } from '../git/git';
import { t, type Locale } from '../i18n/messages';
import type { AreaTotals, CriteriaDoc, ExtendedIndex, Problem, StatusModel, Totals } from '../model/types';
import { replaceControls } from '../parse/text';
import { todayIso } from '../validate/paths';
import { loadWorkspace } from '../workspace/loadWorkspace';
import { createParseCache, type ParseCache } from '../workspace/parseCache';
import { findWards, mapLimited, MAX_WARD_DEPTH, type FoundWard } from './findWards';
import { createWardPool, type WardPool } from './pool';
import { numericCollator } from '../present/collators';

export interface LastEvidence {
  hash: string;
  shortHash: string;
  /** ISO 8601 author date. */
  date: string;
  subject: string;
}

export interface WardVerify {
  /** Evidence commits examined. */
  commits: number;
  problems: number;
  /** Abbreviated hashes of the commits with a problem, newest first. */
  offending: string[];
}

export interface PortfolioWard {
  /** The ward's folder relative to the portfolio's folder ('/'-separated; '.' for the folder itself). */
  path: string;
  criteriaFile: string;
  /**
   * The ward's index as its file names it; `extends` when the file extends the city's index file: the index it is
   * scored on and the version (`index.version` of that file, else its Git blob id).
   */
  index: { id: string; title: string; year?: number; extends?: ExtendedIndex };
  /** Whether file states came from Git. */
  git: boolean;
  totals: Totals;
  /** Share of scored criteria with complete evidence, 0..1 (the target is 1). */
  evidenceShare: number;
  byArea: AreaTotals[];
  /** The newest commit that touched the ward's evidence; null without Git or without such a commit. */
  lastEvidence: LastEvidence | null;
  /** The audit trail's check (`verify`); null when not asked for or without Git. */
  verify: WardVerify | null;
  problems: { errors: number; warnings: number };
  /** The first error of the criteria file, `file:line:col: message`: a ward with errors is listed, not ranked. */
  firstError?: string;
  /** 1 = best, among the wards scored on the same index; absent when not ranked. */
  rank?: number;
  /** The ward could not be loaded at all (unreadable criteria file, Git failure…): why. */
  error?: string;
}

export interface PortfolioArea {
  id: string;
  title: string;
}

export interface Portfolio {
  root: string;
  asOf: string;
  wards: PortfolioWard[];
  /** Ranked wards first (best first, by index), then the unranked ones by path. Indexes into `wards`. */
  ranking: number[];
  /**
   * Different indexes among the ranked wards (id and year of the ward's own file, or of the city's index it extends
   * with the version): each is ranked only against its own.
   */
  indexes: Array<{ id: string; year?: number; version?: string; wards: number }>;
  matrix: {
    areas: PortfolioArea[];
    /** Points at risk per ward (as in `wards`) and area; null when the ward has no such area or no model. */
    atRisk: Array<Array<number | null>>;
    /** The largest cell, for the heat map's scale. */
    max: number;
  };
}

export interface PortfolioOptions {
  locale?: Locale;
  asOf?: string;
  /** Wards loaded at once (default: the cores, at least 2). */
  jobs?: number;
  /** Check every ward's audit trail (reads every evidence blob: in a partial clone, downloads them). */
  verify?: boolean;
  maxDepth?: number;
  /**
   * Load the wards in worker threads running this script (`portfolioWorkerScript()`) too: this thread and a worker
   * per further thread (`threads`, at most `jobs`), the same rows, the JavaScript of the wards spread over the cores.
   * Without it, or with one thread, on this thread alone.
   */
  workerScript?: string;
  /**
   * JavaScript threads at most, this one included (default: the cores less one, for Git: on two cores one thread
   * with wards in flight took 5.3–5.8 s against 5.6–6.2 s with a worker, and 1.2 s less CPU, 3 alternations quiet).
   */
  threads?: number;
  /**
   * Each distinct criteria text (a ward's file, the index file it extends) parsed once per thread and run
   * (workspace/parseCache.ts); false parses every ward's own (the tests compare the two).
   */
  parseCache?: ParseCache | false;
}

const EMPTY_TOTALS: Totals = { max: 0, secured: 0, atRisk: 0, waived: 0, overdue: 0, criteria: 0, complete: 0, missing: 0 };

/**
 * The newest commit of HEAD that touched evidenceRoot (one `git log -1`); null when none or no commits. `viaShell`:
 * through the thread's one shell (Git.readSmall: the CLI's portfolio, a fork of a large process less per ward).
 */
export async function lastEvidenceCommit(git: Git, evidenceRoot: string, viaShell = false): Promise<LastEvidence | null> {
  const root = evidenceRoot.replace(/^\.\/?/, '').replace(/\/+$/, '') || '.';
  let out: string;
  try {
    // readBuffer spawns Git directly (read goes through simple-git, a few ms more per ward).
    const args = ['log', '-1', '-z', '--no-color', '--format=%H%x00%h%x00%aI%x00%s', 'HEAD', '--', root];
    out = (await (viaShell && git.readSmall ? git.readSmall(args) : git.readBuffer(args))).toString('utf8');
  } catch {
    return null;
  }
  const [hash, shortHash, date, subject] = out.split('\0');
  return hash && /^[0-9a-f]{40,64}$/.test(hash) ? { hash, shortHash, date, subject: subject ?? '' } : null;
}

function firstErrorOf(problems: readonly Problem[], root: string): string | undefined {
  const p = problems.find((x) => x.severity === 'error');
  if (!p) return undefined;
  const file = path.relative(root, p.file).split(path.sep).join('/') || path.basename(p.file);
  return replaceControls(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.code} ${p.message}`, { singleLine: true });
}

function relativeDir(root: string, dir: string): string {
  return path.relative(root, dir).split(path.sep).join('/') || '.';
}

/** What a ward's summary is made of: its parsed file and status model (from `status`, or a view's own load). */
export interface WardLoad {
  doc: Pick<CriteriaDoc, 'problems'>;
  model: StatusModel;
}

/**
 * One ward's row from its loaded model: the one summary the CLI's portfolio and the editor's Wards view both
 * make (so their figures cannot differ).
 */
export function summarizeWard(root: string, found: FoundWard, loaded: WardLoad, extra: { lastEvidence: LastEvidence | null; verify: WardVerify | null }): PortfolioWard {
  const { doc, model } = loaded;
  return {
    path: relativeDir(root, found.dir),
    criteriaFile: relativeDir(root, found.criteriaFile),
    index: { id: model.index.id, title: model.index.title, ...(model.index.year !== undefined ? { year: model.index.year } : {}), ...(model.index.extends ? { extends: { ...model.index.extends } } : {}) },
    git: model.git,
    totals: { ...model.totals },
    evidenceShare: model.totals.criteria > 0 ? model.totals.complete / model.totals.criteria : 1,
    byArea: model.byArea.map((a) => ({ ...a })),
    lastEvidence: extra.lastEvidence,
    verify: extra.verify,
    problems: { ...model.problems },
    firstError: firstErrorOf(doc.problems, root),
  };
}

/** The row of a ward that could not be loaded at all. */
export function failedWard(root: string, found: FoundWard, error: unknown, locale: Locale = 'en'): PortfolioWard {
  const message = replaceControls(String((error as Error)?.message ?? error), { singleLine: true });
  return {
    path: relativeDir(root, found.dir),
    criteriaFile: relativeDir(root, found.criteriaFile),
    index: { id: '', title: '' },
    git: false,
    totals: { ...EMPTY_TOTALS },
    evidenceShare: 0,
    byArea: [],
    lastEvidence: null,
    verify: null,
    problems: { errors: 1, warnings: 0 },
    error: t(locale, 'portfolio.loadFailed', message),
  };
}

/** Loads one ward and keeps only its summary (the model of 2,000 files is dropped at once). */
export async function loadWard(root: string, found: FoundWard, options: PortfolioOptions = {}): Promise<PortfolioWard> {
  try {
    // summaryOnly: the ward's Git listing and nothing else (no ignore context, no staged/committed split).
    const parseCache = options.parseCache || undefined;
    const { doc, model, git } = await loadWorkspace(found.criteriaFile, { locale: options.locale, asOf: options.asOf, fastParse: true, summaryOnly: true, parseCache });
    const [lastEvidence, verify] = await Promise.all([
      git ? lastEvidenceCommit(git, doc.index.evidenceRoot, true) : null,
      git && options.verify ? verifyAuditTrail(git, { evidenceRoot: doc.index.evidenceRoot }).then((r) => ({ commits: r.commits, problems: r.problems.length, offending: r.offending })) : null,
    ]);
    return summarizeWard(root, found, { doc, model }, { lastEvidence, verify });
  } catch (error) {
    return failedWard(root, found, error, options.locale);
  }
}

/** Secured share of the scored points (waived ones left out). */
export function securedShare(totals: Totals): number {
  const scored = totals.max - totals.waived;
  return scored > 0 ? totals.secured / scored : 0;
}

/** The index a ward is scored on: its own file's, or the city's index it extends at one version. */
export function scoredOn(w: PortfolioWard): { id: string; year?: number; version?: string } {
  const on = w.index.extends;
  if (!on) return { id: w.index.id, ...(w.index.year !== undefined ? { year: w.index.year } : {}) };
  return { id: on.id, ...(on.year !== undefined ? { year: on.year } : {}), version: on.version };
}

function indexKey(w: PortfolioWard): string {
  const on = scoredOn(w);
  return `${on.id}\u0000${on.year ?? ''}\u0000${on.version ?? ''}`;
}

/** A ward is ranked when it loaded and its criteria file has no error (a broken file's score means nothing). */
export function isRanked(w: PortfolioWard): boolean {
  return w.error === undefined && w.problems.errors === 0;
}

/** Best first: secured share, then fewer points at risk, fewer overdue, more criteria with evidence, then path. */
export function compareWards(a: PortfolioWard, b: PortfolioWard): number {
  return (
    securedShare(b.totals) - securedShare(a.totals) ||
    a.totals.atRisk - b.totals.atRisk ||
    a.totals.overdue - b.totals.overdue ||
    b.evidenceShare - a.evidenceShare ||
    numericCollator().compare(a.path, b.path)
  );
}

/** Ranks the wards in place (per index) and returns the ranking order and the indexes met. */
export function rankWards(wards: PortfolioWard[]): Pick<Portfolio, 'ranking' | 'indexes'> {
  const groups = new Map<string, number[]>();
  wards.forEach((w, i) => {
    if (!isRanked(w)) return;
    const key = indexKey(w);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const ordered = [...groups.entries()].sort(([a], [b]) => numericCollator().compare(a, b));
  const ranking: number[] = [];
  for (const [, members] of ordered) {
    members.sort((x, y) => compareWards(wards[x], wards[y]));
    members.forEach((i, r) => (wards[i].rank = r + 1));
    ranking.push(...members);
  }
  const unranked = wards.map((_, i) => i).filter((i) => !isRanked(wards[i]));
  ranking.push(...unranked.sort((x, y) => numericCollator().compare(wards[x].path, wards[y].path)));
  const indexes = ordered.map(([, members]) => ({ ...scoredOn(wards[members[0]]), wards: members.length }));
  return { ranking, indexes };
}

/** Areas of every ward by id (numeric order; the first title met), and each ward's points at risk in each. */
export function areaMatrix(wards: readonly PortfolioWard[]): Portfolio['matrix'] {
  const titles = new Map<string, string>();
  for (const w of wards) for (const a of w.byArea) if (!titles.has(a.id)) titles.set(a.id, a.title);
  const areas = [...titles].map(([id, title]) => ({ id, title })).sort((a, b) => numericCollator().compare(a.id, b.id));
  let max = 0;
  const atRisk = wards.map((w) => {
    const byId = new Map(w.byArea.map((a) => [a.id, a.atRisk]));
    return areas.map((a) => {
      const value = byId.get(a.id);
      if (value !== undefined && value > max) max = value;
      return value ?? null;
    });
  });
  return { areas, atRisk, max };
}

/** Ranks the wards' rows and sets the matrix: the portfolio of rows already made (the editor's Wards view). */
export function assemblePortfolio(root: string, asOf: string, wards: PortfolioWard[]): Portfolio {
  return { root, asOf, wards, ...rankWards(wards), matrix: areaMatrix(wards) };
}

/** Finds, loads, ranks: the whole portfolio of `root`. */
export async function buildPortfolio(root: string, options: PortfolioOptions = {}): Promise<Portfolio> {
  const full = path.resolve(root);
  const found = await findWards(full, options.maxDepth ?? MAX_WARD_DEPTH);
  const jobs = Math.max(1, options.jobs ?? Math.max(2, availableParallelism()));
  const asOf = options.asOf ?? todayIso();
  // Every ward scored on the same day, even when the run crosses midnight.
  const parseCache = options.parseCache ?? createParseCache();
  const here = (ward: FoundWard) => loadWard(full, ward, { ...options, asOf, parseCache });
  // This thread is one of the threads: a worker less to start, and one JIT less to warm up.
  const threads = Math.min(options.threads ?? Math.max(1, availableParallelism() - 1), jobs, found.length);
  const pool: WardPool | undefined = options.workerScript && threads >= 2 ? createWardPool(options.workerScript, threads - 1) : undefined;
  let local = 0;
  const loadHere = (ward: FoundWard) => {
    local++;
    return here(ward).finally(() => local--);
  };
  try {
    const request = { locale: options.locale, asOf, verify: options.verify, cacheParses: parseCache !== false };
    // Each ward to the thread with the fewest in flight. A worker that died (out of memory…) leaves its wards to
    // this thread: the same rows, only slower.
    const wards = await mapLimited(found, jobs, (ward) => (pool && pool.inFlight() < (threads - 1) * (local + 1) ? pool.load({ root: full, found: ward, options: request }).catch(() => here(ward)) : loadHere(ward)));
    return assemblePortfolio(full, asOf, wards);
  } finally {
    await pool?.close();
  }
}
