// Every measured leaf's figure: read its data file (once per change), take the months, score the rate.
import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { filesOf, requirementKey, type MatchState } from '../evidence/match';
import { onDiskPath } from '../evidence/onDisk';
import { isStrictlyWithin } from '../fs/paths';
import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { CriteriaDoc, CriterionNode, MeasurePeriodStatus, MeasureSpec, MeasureStatus, Problem } from '../model/types';
import { figureOf, fullPointsAt, rateOf, windowPeriods } from './score';
import { readTable, readTableSync, stampOf, type Cell, type CellAt, type Table, type TableResult } from './table';
import { headerKey, parseNumber, parsePeriod } from './values';

/** At most this many problems per data file: one bad column should not bury the rest. */
const MAX_PROBLEMS_PER_FILE = 20;

export interface MeasureResults {
  byId: Map<string, MeasureStatus>;
  problems: Problem[];
}

/** Tables read, by absolute path and sheet, kept while the file's size and time stay the same. */
export type TableCache = Map<string, { stamp: string; result: TableResult }>;

export interface MeasureOptions {
  asOf: string;
  locale?: Locale;
  cache?: TableCache;
  /** Keys of `cache` that prefetchTables read during this same load: used without a second stat. */
  readNow?: ReadonlySet<string>;
  /** Reads a data file instead of the disk (a commit's tree: history/). */
  readTable?: (file: string, sheet: string | undefined) => Promise<TableResult>;
}

interface DataProblem {
  code: MessageKey & `RE${string}`;
  args: Array<string | number>;
  at: CellAt;
}

export interface Months {
  periods: MeasurePeriodStatus[];
  problems: DataProblem[];
}

function numberIn(cell: Cell | undefined): number | undefined {
  if (!cell) return undefined;
  if (typeof cell.value === 'number') return Number.isFinite(cell.value) ? cell.value : undefined;
  if (typeof cell.value === 'string') return parseNumber(cell.value);
  return undefined;
}

function where(at: CellAt): string {
  return at.cell ?? `${at.line + 1}:${at.character + 1}`;
}

/** monthsOf, kept per table (a history's points share the tables of unchanged data files; the result is only read). */
const monthsByTable = new WeakMap<Table, Map<string, Months>>();
function monthsOfCached(table: Table, spec: Pick<MeasureSpec, 'period' | 'numerator' | 'denominator'>): Months {
  let byColumns = monthsByTable.get(table);
  if (!byColumns) monthsByTable.set(table, (byColumns = new Map()));
  const key = `${spec.period}\0${spec.numerator}\0${spec.denominator}`;
  let months = byColumns.get(key);
  if (!months) byColumns.set(key, (months = monthsOf(table, spec)));
  return months;
}

/** The monthly figures a table holds for a measure, with every problem located on its cell. Pure. */
export function monthsOf(table: Table, spec: Pick<MeasureSpec, 'period' | 'numerator' | 'denominator'>): Months {
  const problems: DataProblem[] = [];
  const headerAt: CellAt = [...table.headers.values()][0] ?? { line: 0, character: 0 };
  const column = (name: string) => {
    const index = table.columns.get(headerKey(name));
    if (index === undefined) problems.push({ code: 'RE161', args: [name, table.headerTexts.join(', ')], at: { ...headerAt, ...(headerAt.cell ? { cell: headerAt.cell } : {}) } });
    return index;
  };
  const [periodCol, numCol, denCol] = [column(spec.period), column(spec.numerator), column(spec.denominator)];
  if (periodCol === undefined || numCol === undefined || denCol === undefined) return { periods: [], problems };
  const seen = new Map<string, CellAt>();
  const periods: MeasurePeriodStatus[] = [];
  for (const row of table.rows) {
    const [periodCell, numCell, denCell] = [row.get(periodCol), row.get(numCol), row.get(denCol)];
    const blank = (c: Cell | undefined) => !c || c.text.trim() === '';
    if (blank(periodCell) && blank(numCell) && blank(denCell)) continue;
    const anyCell = periodCell ?? numCell ?? denCell!;
    const period = periodCell && periodCell.value !== null ? parsePeriod(periodCell.value) : undefined;
    if (!period) {
      problems.push({ code: 'RE169', args: [periodCell?.text ?? ''], at: periodCell ?? anyCell });
      continue;
    }
    const values: number[] = [];
    for (const cell of [numCell, denCell]) {
      const value = numberIn(cell);
      if (value === undefined) problems.push({ code: 'RE162', args: [cell?.text ?? ''], at: cell ?? periodCell! });
      else if (value < 0) problems.push({ code: 'RE163', args: [cell!.text], at: cell! });
      else values.push(value);
    }
    if (values.length < 2) continue;
    const [numerator, denominator] = values;
    if (numerator > denominator) problems.push({ code: 'RE164', args: [numCell!.text, denCell!.text, period], at: numCell! });
    const first = seen.get(period);
    if (first) {
      problems.push({ code: 'RE165', args: [period, where(first)], at: periodCell! });
      continue;
    }
    seen.set(period, periodCell!);
    periods.push({ period, numerator, denominator, rate: rateOf(numerator, denominator) });
  }
  periods.sort((a, b) => (a.period < b.period ? -1 : 1));
  return { periods, problems };
}

const cacheKey = (file: string, sheet: string | undefined) => `${file}\0${sheet ?? ''}`;

/**
 * Where a measure's data file is on disk: the path as written, else each name found by NFC among its folder's (a
 * file named on macOS is stored NFD, and Linux does not equate the two forms). `file` stays the key and the name
 * shown in problems.
 */
function dataFileOnDisk(doc: CriteriaDoc, data: string): string {
  return onDiskPath(path.resolve(doc.baseDir, doc.index.evidenceRoot), data.normalize('NFC')) ?? path.resolve(doc.baseDir, doc.index.evidenceRoot, data);
}

/** `onDiskOf` is asked only when the table was not read by this load's prefetch (its lookup costs an lstat). */
async function tableFor(file: string, onDiskOf: () => string, sheet: string | undefined, cache: TableCache | undefined, readNow: ReadonlySet<string> | undefined): Promise<TableResult> {
  const key = cacheKey(file, sheet);
  const cached = cache?.get(key);
  if (cached && readNow?.has(key)) return cached.result;
  const onDisk = onDiskOf();
  const stat = await fs.stat(onDisk).catch(() => undefined);
  const stamp = stat ? stampOf(stat) : '';
  if (cached && stamp && cached.stamp === stamp) return cached.result;
  const result = await readTable(onDisk, sheet);
  if (stamp) cache?.set(key, { stamp, result });
  return result;
}

/**
 * Reads the data files of the measures into `cache` ahead of computeMeasures, so that a cold status reads them
 * while Git still lists the files. Only regular files whose real path stays inside the workspace are read here;
 * whether a file counts (listed, not a link leading out) is decided later, by computeMeasures. Returns the keys
 * it read (MeasureOptions.readNow).
 *
 * Each file is read synchronously (a few small files: libuv's thread pool costs more than the reads), and the
 * event loop gets a turn between files, so that Git's output keeps flowing into the matching.
 */
export async function prefetchTables(doc: CriteriaDoc, cache: TableCache): Promise<Set<string>> {
  const read = new Set<string>();
  const measured = doc.areas.flatMap(leaves).filter((leaf) => leaf.measure?.valid && !leaf.notApplicable);
  if (measured.length === 0) return read;
  const realpath = (p: string) => {
    try {
      return realpathSync.native(p);
    } catch {
      return undefined;
    }
  };
  const base = realpath(doc.baseDir);
  if (!base) return read;
  for (const leaf of measured) {
    await new Promise((resolve) => setImmediate(resolve));
    const spec = leaf.measure!;
    const file = path.resolve(doc.baseDir, doc.index.evidenceRoot, spec.data);
    const key = cacheKey(file, spec.sheet);
    if (read.has(key)) continue;
    const onDisk = dataFileOnDisk(doc, spec.data);
    const real = realpath(onDisk);
    if (!real || !isStrictlyWithin(real, base)) continue;
    const { result, stamp } = readTableSync(onDisk, spec.sheet);
    if (!stamp) continue;
    cache.set(key, { stamp, result });
    read.add(key);
  }
  return read;
}

function leaves(node: CriterionNode): CriterionNode[] {
  return node.children.length === 0 ? [node] : node.children.flatMap(leaves);
}

/** The status of every measured leaf of `doc`, and the problems its data files have. Never throws. */
export async function computeMeasures(doc: CriteriaDoc, matches: MatchState, options: MeasureOptions): Promise<MeasureResults> {
  const locale = options.locale ?? 'en';
  const byId = new Map<string, MeasureStatus>();
  const year = doc.index.year ?? Number(options.asOf.slice(0, 4));
  const measured = doc.areas.flatMap(leaves).filter((leaf) => leaf.measure && !leaf.notApplicable);
  // Each leaf's problems apart, joined in document order: the order never depends on which read finished first.
  const perLeaf: Problem[][] = measured.map(() => []);
  await Promise.all(
    measured.map(async (leaf, index) => {
      const problems = perLeaf[index];
      const spec = leaf.measure!;
      const base: MeasureStatus = { rate: null, numerator: 0, denominator: 0, score: null, over: spec.over, periods: [], dataFile: spec.data, fullAt: fullPointsAt(spec), quality: 'missing' };
      const requirement = leaf.evidence.find((r) => r.data);
      const present = spec.valid && requirement && filesOf(matches, requirementKey('criterion', leaf.id, requirement.index)).length > 0;
      if (!present) {
        byId.set(leaf.id, base);
        return;
      }
      const file = path.resolve(doc.baseDir, doc.index.evidenceRoot, spec.data);
      const located = (code: DataProblem['code'], args: Array<string | number>, at: CellAt, severity: Problem['severity'] = 'error'): Problem => ({
        severity,
        code,
        message: t(locale, code, ...args),
        file,
        range: { start: { line: at.line, character: at.character }, end: { line: at.line, character: at.character + 1 } },
        ...(at.cell ? { cell: at.cell } : {}),
        data: { criterion: leaf.id, dataFile: spec.data },
      });
      const read = options.readTable ? await options.readTable(file, spec.sheet) : await tableFor(file, () => dataFileOnDisk(doc, spec.data), spec.sheet, options.cache, options.readNow);
      if ('error' in read) {
        problems.push(located(read.error.code, read.error.args, read.error));
        byId.set(leaf.id, { ...base, quality: 'unknown' });
        return;
      }
      const months = monthsOfCached(read.table, spec);
      const window = windowPeriods(months.periods, year, options.asOf);
      if (months.problems.length > 0) {
        // A figure we cannot compute honestly is unknown: no rate, no score, never full marks.
        for (const p of months.problems.slice(0, MAX_PROBLEMS_PER_FILE)) problems.push(located(p.code, p.args, p.at));
        byId.set(leaf.id, { ...base, periods: window, quality: 'unknown' });
        return;
      }
      const figure = figureOf(window, spec, leaf.maxScore);
      if (figure.score === null) {
        const score = spec.noCases === 'full' ? leaf.maxScore : 0;
        if (spec.noCases === 'zero') {
          problems.push({ severity: 'warning', code: 'RE260', message: t(locale, 'RE260', spec.over === 'latest' ? (window.at(-1)?.period ?? String(year)) : String(year)), file: doc.file, range: spec.fields.data ?? spec.range, data: { criterion: leaf.id } });
        }
        byId.set(leaf.id, { ...base, ...figure, score, periods: window, quality: 'noCases' });
        return;
      }
      byId.set(leaf.id, { ...base, ...figure, periods: window, quality: 'ok' });
    }),
  );
  return { byId, problems: perLeaf.flat() };
}
