// A data file as a table of located cells: CSV through csv-parse, .xlsx through exceljs (loaded on first use).
import { columnName, headerKey } from './values';
import { readBounded, readBoundedSync, type BoundedRead } from './readBounded';
import { checkZip } from './zipGuard';
import { readSheet } from './xlsx';

export const MAX_XLSX_BYTES = 5 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;
/** CSV has no zip to bomb: its limit is the inflated one of an .xlsx. */
export const MAX_CSV_BYTES = MAX_INFLATED_BYTES;
export const MAX_ROWS = 100_000;

export type CellValue = string | number | Date | null;

/** Where a cell is: 0-based line and character for CSV; for .xlsx also its address (`B7`). */
export interface CellAt {
  line: number;
  character: number;
  cell?: string;
}

export interface Cell extends CellAt {
  value: CellValue;
  /** The value as the user sees it, for messages. */
  text: string;
}

export interface Table {
  /** Header cells by key (headerKey): the first cell with that header. */
  headers: Map<string, Cell>;
  /** Header texts in order, for messages. */
  headerTexts: string[];
  /** Data rows below the header row; cells by column index. */
  rows: Array<Map<number, Cell>>;
  /** Column index of each header key. */
  columns: Map<string, number>;
}

export type DataErrorCode = 'RE160' | 'RE166' | 'RE167' | 'RE168' | 'RE170';

export interface DataError extends CellAt {
  code: DataErrorCode;
  args: Array<string | number>;
}

export type TableResult = { table: Table } | { error: DataError };

const AT_START: CellAt = { line: 0, character: 0 };

function tableOf(headerRow: Cell[], rows: Array<Map<number, Cell>>): Table {
  const headers = new Map<string, Cell>();
  const columns = new Map<string, number>();
  headerRow.forEach((cell, index) => {
    const key = headerKey(cell.text);
    if (key !== '' && !headers.has(key)) {
      headers.set(key, cell);
      columns.set(key, index);
    }
  });
  return { headers, headerTexts: headerRow.map((c) => c.text.trim()).filter(Boolean), rows, columns };
}

// ---------- CSV ----------

/** `;` or `,`, whichever the header line uses more often outside quotes (a Vietnamese Excel saves `;`). */
export function detectDelimiter(firstLine: string): ';' | ',' {
  let quoted = false;
  let semicolons = 0;
  let commas = 0;
  for (const c of firstLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

/** 0-based start character of each field of one CSV line. */
function fieldStarts(line: string, delimiter: string): number[] {
  const starts = [0];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) starts.push(i + 1);
  }
  return starts;
}

/** A CSV record with the (1-based) line it ends on, as csv-parse's `info: true` gives it. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * The records of a CSV text with no quote character, from its lines: no field then spans lines or holds a delimiter,
 * so each non-empty line is a record split at each delimiter, as csv-parse reads it (a test compares the two).
 */
export function plainCsvRecords(lines: string[], delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i] !== '') records.push({ record: lines[i].split(delimiter), info: { lines: i + 1 } });
  return records;
}

/** How csv-parse reads a data file: records with their line numbers, rows of any length, empty lines skipped. */
export const csvParseOptions = (delimiter: string) => ({ delimiter, info: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] });

export function parseCsv(bytes: Buffer): TableResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: { code: 'RE160', args: ['not UTF-8 text (save the CSV as "CSV UTF-8")'], ...AT_START } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  const delimiter = detectDelimiter(lines.find((l) => l.trim() !== '') ?? '');
  // Refused before parsing: a header and at most MAX_ROWS rows (a quoted line break only lowers the real count).
  let filled = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '' && ++filled > MAX_ROWS + 1) return { error: { code: 'RE168', args: [MAX_ROWS], line: i, character: 0 } };
  }
  let records: CsvRecord[];
  // csv-parse takes ~0.5 ms a call even for a dozen lines, and a province's status reads a hundred such files on the
  // thread it waits on (docs/benchmark.md): a text with no quote is split here.
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; csv-parse reads the same records (the property test), only slower (the bundled CLI's test sees it not loaded)
  if (!text.includes('"')) records = plainCsvRecords(lines, delimiter);
  else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('csv-parse/sync') as typeof import('csv-parse/sync');
    try {
      records = parse(text, csvParseOptions(delimiter)) as never;
    } catch (error) {
      const e = error as Error & { lines?: number };
      return { error: { code: 'RE160', args: [e.message.split('\n')[0]], line: Math.max(0, (e.lines ?? 1) - 1), character: 0 } };
    }
  }
  // A line of blanks is an empty line (docs/measures.md: the first non-empty row is the header), as in the row count.
  const valued = records.filter(({ record }) => record.some((cell) => cell.trim() !== ''));
  const located = valued.map(({ record, info }) => {
    const line = info.lines - 1;
    const starts = fieldStarts(lines[line] ?? '', delimiter);
    return record.map((text, index): Cell => ({ value: text, text, line, character: starts[index] ?? 0 }));
  });
  if (located.length === 0) return { table: tableOf([], []) };
  const [header, ...rows] = located;
  return { table: tableOf(header, rows.map((row) => new Map(row.map((cell, index) => [index, cell])))) };
}

// ---------- .xlsx ----------

type ExcelJs = typeof import('exceljs');
let exceljs: ExcelJs | undefined;

/** exceljs on first use only, to write workbooks (the self-assessment form); reading is xlsx.ts's (scripts/build.mjs). */
export function loadExcelJs(): ExcelJs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  exceljs ??= require('exceljs') as ExcelJs;
  return exceljs;
}

function textOf(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

export async function parseXlsx(bytes: Buffer, sheetName: string | undefined): Promise<TableResult> {
  return parseXlsxSync(bytes, sheetName);
}

function parseXlsxSync(bytes: Buffer, sheetName: string | undefined): TableResult {
  const guard = checkZip(bytes, MAX_INFLATED_BYTES);
  if (!guard.ok) {
    if ('inflated' in guard) return { error: { code: 'RE167', args: [(guard.inflated / 1048576).toFixed(1), MAX_INFLATED_BYTES / 1048576], ...AT_START } };
    return { error: { code: 'RE160', args: [guard.error], ...AT_START } };
  }
  if ([...guard.rowsBySheet.values()].some((n) => n > MAX_ROWS + 1)) return { error: { code: 'RE168', args: [MAX_ROWS], ...AT_START } };
  const sheet = readSheet(guard.parts, sheetName, (a, b) => headerKey(a) === headerKey(b));
  if ('error' in sheet) return { error: { code: 'RE160', args: [sheet.error], ...AT_START } };
  if ('missingSheet' in sheet) return { error: { code: 'RE170', args: [sheetName ?? '', sheet.missingSheet.join(', ')], ...AT_START } };
  const byRow = new Map<number, Cell[]>();
  for (const c of sheet.cells) {
    const cell: Cell = { value: c.value, text: textOf(c.value), line: c.row, character: c.column, cell: c.address };
    const row = byRow.get(c.row);
    if (row) row[c.column] = cell;
    else byRow.set(c.row, Object.assign([], { [c.column]: cell }));
  }
  const rows = [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([, cells]) => cells).filter((cells) => cells.some((c) => c && c.text.trim() !== ''));
  if (rows.length === 0) return { table: tableOf([], []) };
  const [header, ...data] = rows;
  const line = header.find(Boolean)!.line;
  const headerCells = Array.from({ length: header.length }, (_, i) => header[i] ?? { value: null, text: '', line, character: i, cell: `${columnName(i)}${line + 1}` });
  return { table: tableOf(headerCells, data.map((row) => new Map(row.flatMap((cell, index) => (cell ? [[index, cell] as [number, Cell]] : []))))) };
}

/** Reads one data file as a table, or the reason it cannot be read. Never throws. */
export async function readTable(file: string, sheet: string | undefined): Promise<TableResult> {
  return tableOfRead(file, sheet, await readBounded(file, tableLimit(file)));
}

/** The byte limit of a data file, by its kind. */
export function tableLimit(file: string): number {
  return /\.xlsx$/i.test(file) ? MAX_XLSX_BYTES : MAX_CSV_BYTES;
}

/**
 * readTable without the thread pool (many small files in a row: see readBoundedSync), with the size, time and
 * inode of the file it read (`stamp`, as TableCache keeps it; '' when it could not be opened). Never throws.
 */
export function readTableSync(file: string, sheet: string | undefined): { result: TableResult; stamp: string } {
  const read = readBoundedSync(file, tableLimit(file));
  return { result: tableOfRead(file, sheet, read), stamp: read.stat ? stampOf(read.stat) : '' };
}

/** What identifies a version of a data file, for TableCache. */
export function stampOf(stat: { size: number; mtimeMs: number; ino: number }): string {
  return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
}

/** The table of a bounded read (from disk or from a commit's tree), or the reason it cannot be read. Never throws. */
export function tableOfRead(file: string, sheet: string | undefined, read: BoundedRead): TableResult {
  const xlsx = /\.xlsx$/i.test(file);
  if ('error' in read) return { error: { code: 'RE160', args: [read.error], ...AT_START } };
  if ('tooLarge' in read) {
    const mb = (read.tooLarge / 1048576).toFixed(1);
    return { error: xlsx ? { code: 'RE166', args: [mb, MAX_XLSX_BYTES / 1048576], ...AT_START } : { code: 'RE160', args: [`${mb} MB, more than ${MAX_CSV_BYTES / 1048576} MB`], ...AT_START } };
  }
  try {
    return xlsx ? parseXlsxSync(read.bytes, sheet) : parseCsv(read.bytes);
  } catch (error) {
    return { error: { code: 'RE160', args: [(error as Error).message.split('\n')[0]], ...AT_START } };
  }
}
