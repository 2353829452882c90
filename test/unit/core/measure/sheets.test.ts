// sheetNames (completion of `sheet:`): a workbook's sheet names in order, within the same limits as reading its
// table (docs/measures.md: at most 5 MB, no zip bomb), never throwing; kept while the file's size and time stay.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { utimesSync, writeFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { sheetNames } from '../../../../src/core/measure/sheets';
import { MAX_INFLATED_BYTES, MAX_XLSX_BYTES } from '../../../../src/core/measure/table';
import { centralDirectory } from '../../../../src/core/measure/zipGuard';
import { cleanupTempDirs, tempDir } from '../../helpers';
import { storedZip, workbookBytes, zipOf } from './fixtures';

/** An .xlsx with the sheets `sheets`, in order. */
const workbook = (...sheets: string[]): Promise<Buffer> =>
  workbookBytes((wb) => {
    for (const name of sheets) wb.addWorksheet(name).getCell('A1').value = name;
  });

describe('measure sheetNames', () => {
  after(cleanupTempDirs);

  it('lists the sheets of an .xlsx in order, whatever the case of its extension', async () => {
    const dir = tempDir();
    const bytes = await workbook('Số liệu', 'Ghi chú', 'Tổng hợp');
    writeFileSync(path.join(dir, 'a.xlsx'), bytes);
    writeFileSync(path.join(dir, 'B.XLSX'), bytes);
    assert.deepEqual(await sheetNames(path.join(dir, 'a.xlsx')), ['Số liệu', 'Ghi chú', 'Tổng hợp']);
    assert.deepEqual(await sheetNames(path.join(dir, 'B.XLSX')), ['Số liệu', 'Ghi chú', 'Tổng hợp']);
  });

  it('lists nothing for a file that is not an .xlsx, is missing, too large, not a zip or not a workbook', async () => {
    const dir = tempDir();
    const bytes = await workbook('Số liệu');
    writeFileSync(path.join(dir, 'a.csv'), bytes);
    writeFileSync(path.join(dir, 'a.xlsx.bak'), bytes);
    writeFileSync(path.join(dir, 'text.xlsx'), 'Tháng;Số\n2025-01;1\n');
    writeFileSync(path.join(dir, 'big.xlsx'), Buffer.concat([bytes, Buffer.alloc(MAX_XLSX_BYTES)]));
    writeFileSync(path.join(dir, 'broken.xlsx'), storedZip({ 'xl/workbook.xml': '<workbook><sheets><sheet' }));
    for (const name of ['a.csv', 'a.xlsx.bak', 'missing.xlsx', 'text.xlsx', 'big.xlsx', 'broken.xlsx']) {
      assert.deepEqual(await sheetNames(path.join(dir, name)), [], name);
    }
  });

  it('keeps the names while the file keeps its size and time, and reads it again when they change', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tt.xlsx');
    const first = await workbook('Một');
    writeFileSync(file, first);
    const mtime = new Date('2025-06-01T00:00:00Z');
    utimesSync(file, mtime, mtime);
    assert.deepEqual(await sheetNames(file), ['Một']);
    // Same size and time (rewritten in place): the kept names, though the bytes are no workbook any more.
    writeFileSync(file, Buffer.alloc(first.length));
    utimesSync(file, mtime, mtime);
    assert.deepEqual(await sheetNames(file), ['Một']);
    // Another workbook: read again.
    writeFileSync(file, await workbook('Hai', 'Ba'));
    utimesSync(file, mtime, new Date(mtime.getTime() + 5000));
    assert.deepEqual(await sheetNames(file), ['Hai', 'Ba']);
  });

  it('lists nothing for a workbook whose parts would inflate past 50 MB, though each size is declared truly', async () => {
    const bytes = await workbook('Số liệu');
    const entries = centralDirectory(bytes);
    assert.ok(Array.isArray(entries), String(entries));
    const parts = entries.map((e) => {
      const start = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
      const data = bytes.subarray(start, start + e.compressed);
      return { name: e.name, data: e.method === 8 ? inflateRawSync(data) : data };
    });
    const dir = tempDir();
    // The same parts stored: a workbook that lists its sheet.
    writeFileSync(path.join(dir, 'stored.xlsx'), zipOf(parts));
    assert.deepEqual(await sheetNames(path.join(dir, 'stored.xlsx')), ['Số liệu']);
    const filler = { name: 'customXml/item1.xml', data: deflateRawSync(Buffer.alloc(MAX_INFLATED_BYTES)), method: 8, size: MAX_INFLATED_BYTES };
    writeFileSync(path.join(dir, 'bomb.xlsx'), zipOf([...parts, filler]));
    assert.deepEqual(await sheetNames(path.join(dir, 'bomb.xlsx')), []);
  });
});
