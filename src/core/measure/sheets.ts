// The sheet names of an .xlsx data file, for completion of `sheet:`. Same limits as reading its table
// (size, zip bomb), exceljs loaded on first use; kept while the file's size and time stay the same.
import { promises as fs } from 'node:fs';
import { readBounded } from './readBounded';
import { loadExcelJs, MAX_INFLATED_BYTES, MAX_XLSX_BYTES } from './table';
import { checkZip } from './zipGuard';

const cache = new Map<string, { stamp: string; names: string[] }>();

/** The workbook's sheet names in order; empty when the file is not a readable .xlsx within the limits. Never throws. */
export async function sheetNames(file: string): Promise<string[]> {
  if (!/\.xlsx$/i.test(file)) return [];
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return [];
  const stamp = `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  const cached = cache.get(file);
  if (cached?.stamp === stamp) return cached.names;
  const read = await readBounded(file, MAX_XLSX_BYTES);
  if (!('bytes' in read) || !checkZip(read.bytes, MAX_INFLATED_BYTES, true).ok) return [];
  try {
    const { Workbook } = loadExcelJs();
    const workbook = new Workbook();
    await workbook.xlsx.load(read.bytes as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((s) => s.name);
    cache.set(file, { stamp, names });
    return names;
  } catch {
    return [];
  }
}
