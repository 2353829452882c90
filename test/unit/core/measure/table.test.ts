// A data file as a table, as docs/measures.md states it: CSV (UTF-8 with or without BOM, `;` or `,` by the header
// line, located cells), .xlsx (size, zip bomb and row limits, the header row as the first non-empty row) and the
// problem each refusal gives (RE160, RE166, RE167, RE168, RE170) with its message arguments.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse as csvParse } from 'csv-parse/sync';
import { csvParseOptions, detectDelimiter, MAX_CSV_BYTES, MAX_ROWS, MAX_XLSX_BYTES, parseCsv, parseXlsx, plainCsvRecords, tableLimit, tableOfRead, type Table, type TableResult } from '../../../../src/core/measure/table';
import { readBounded, readBoundedSync } from '../../../../src/core/measure/readBounded';
import { cleanupTempDirs, tempDir } from '../../helpers';
import { storedZip, workbookBytes } from './fixtures';

function tableOf(result: TableResult): Table {
  assert.ok('table' in result, JSON.stringify(result));
  return result.table;
}

const csv = (text: string) => parseCsv(Buffer.from(text, 'utf8'));
/** Each header key with its column and place. */
const headersOf = (t: Table) => [...t.headers].map(([key, c]) => [key, t.columns.get(key), c.line, c.character, c.cell]);
const rowsOf = (t: Table) => t.rows.map((row) => [...row].map(([i, c]) => [i, c.text, c.line, c.character, c.cell]));

/** An .xlsx with one sheet `sheet` that `fill` writes. */
const xlsx = (fill: (ws: import('exceljs').Worksheet) => void, sheet = 'Số liệu'): Promise<Buffer> => workbookBytes((wb) => fill(wb.addWorksheet(sheet)));

describe('measure table', () => {
  after(cleanupTempDirs);

  it('takes `;` or `,`, whichever the header line uses more outside quotes (`,` on a tie)', () => {
    assert.equal(detectDelimiter('Tháng;Đã thanh toán;Phải nộp phí'), ';');
    assert.equal(detectDelimiter('Tháng,Đã thanh toán,Phải nộp phí'), ',');
    assert.equal(detectDelimiter('a;b,c'), ',');
    assert.equal(detectDelimiter('"a;b;c;d",e,f'), ',');
    assert.equal(detectDelimiter('"a,b,c,d";e;f'), ';');
    assert.equal(detectDelimiter(''), ',');
  });

  it('splits a CSV text with no quote as csv-parse reads it: the same records on the same lines, for any such text', () => {
    // Cells of letters, digits, spaces, tabs, Vietnamese, the other delimiter and odd characters; never a quote.
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ' ', '\t', 'ệ', ';', ',', '.', '-', '#', "'", '\u00a0', '\u{1F600}'), maxLength: 6 });
    const line = fc.array(cell, { maxLength: 5 }).map((cells) => cells.join(''));
    const text = fc.tuple(fc.array(line, { maxLength: 8 }), fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 8, maxLength: 8 }), fc.boolean()).map(([lines, ends, last]) =>
      lines.map((l, i) => l + (i < lines.length - 1 || last ? ends[i] : '')).join(''),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(';', ','), (t, delimiter) => {
        const theirs = (csvParse(t, csvParseOptions(delimiter)) as unknown as Array<{ record: string[]; info: { lines: number } }>).map(({ record, info }) => ({ record, line: info.lines }));
        const ours = plainCsvRecords(t.split(/\r\n|\n|\r/), delimiter).map(({ record, info }) => ({ record, line: info.lines }));
        assert.deepEqual(ours, theirs);
      }),
    );
    // What parseCsv then reads from it, against csv-parse's reading (a quote in the last cell sends it there; the
    // cells before it keep their places): the same headers and rows, at the same lines and characters.
    const plain = 'Tháng;Tử số;Mẫu số\r\n\r\n2025-01;9;10\n  \n2025-02;;\r2025-03;1;2;3\nx;y;z';
    const viaCsvParse = plain.replace(/z$/, '"z"');
    assert.deepEqual(headersOf(tableOf(csv(plain))), headersOf(tableOf(csv(viaCsvParse))));
    assert.deepEqual(rowsOf(tableOf(csv(plain))).slice(0, -1), rowsOf(tableOf(csv(viaCsvParse))).slice(0, -1));
    assert.deepEqual(rowsOf(tableOf(csv(plain))).at(-1)?.slice(0, 2), rowsOf(tableOf(csv(viaCsvParse))).at(-1)?.slice(0, 2));
  });

  it('reads a CSV header and rows with each cell at its line and character, quoted delimiters kept in their cell', () => {
    const t = tableOf(csv('\ufeffTháng;"Đã; thanh toán";Phải nộp phí\r\n2025-01;"1;5";10\n\n2025-02;3;12\r'));
    assert.deepEqual(headersOf(t), [
      ['Tháng', 0, 0, 0, undefined],
      ['Đã; thanh toán', 1, 0, 6, undefined],
      ['Phải nộp phí', 2, 0, 23, undefined],
    ]);
    assert.deepEqual(rowsOf(t), [
      [[0, '2025-01', 1, 0, undefined], [1, '1;5', 1, 8, undefined], [2, '10', 1, 14, undefined]],
      [[0, '2025-02', 3, 0, undefined], [1, '3', 3, 8, undefined], [2, '12', 3, 10, undefined]],
    ]);
  });

  it('takes the delimiter from the first non-empty line; the first cell with a header wins; empty headers are no columns', () => {
    const t = tableOf(csv('\n\nTháng, X ,,Tháng\n2025-01,1,2,3\n'));
    assert.deepEqual(headersOf(t), [['Tháng', 0, 2, 0, undefined], ['X', 1, 2, 6, undefined]]);
    assert.deepEqual(t.headerTexts, ['Tháng', 'X', 'Tháng']);
  });

  it('skips lines of blanks before the header and between rows: the header is the first line with a value', () => {
    const t = tableOf(csv('  \n \t \n;  ;\nTháng;Đã thanh toán\n   \n2025-01;1\n'));
    assert.deepEqual(headersOf(t), [['Tháng', 0, 3, 0, undefined], ['Đã thanh toán', 1, 3, 6, undefined]]);
    assert.deepEqual(rowsOf(t), [[[0, '2025-01', 5, 0, undefined], [1, '1', 5, 8, undefined]]]);
  });

  it('reads an empty CSV as a table without headers or rows', () => {
    for (const text of ['', '\n\n', '\r\n  \r\n']) {
      const t = tableOf(csv(text));
      assert.equal(t.headers.size, 0, JSON.stringify(text));
      assert.deepEqual(t.rows, []);
    }
  });

  it('refuses a CSV that is not UTF-8 or cannot be parsed (RE160), located', () => {
    assert.deepEqual(parseCsv(Buffer.from([0x54, 0x68, 0xe1, 0x6e, 0x67, 0x0a])), {
      error: { code: 'RE160', args: ['not UTF-8 text (save the CSV as "CSV UTF-8")'], line: 0, character: 0 },
    });
    const bad = parseCsv(Buffer.from('Tháng;Số\n2025-01;1\n2025-02;"2\n', 'utf8'));
    assert.ok('error' in bad);
    assert.equal(bad.error.code, 'RE160');
    assert.ok(bad.error.line > 0, JSON.stringify(bad));
    assert.ok(!String(bad.error.args[0]).includes('\n'));
  });

  it('refuses a CSV with more than 100,000 rows below its header (RE168, at the first row too many); blank lines do not count', () => {
    const rows = (n: number) => 'Tháng;Số\n' + '  \n'.repeat(3) + '2025-01;1\n'.repeat(n);
    assert.ok('table' in csv(rows(MAX_ROWS)));
    assert.deepEqual(csv(rows(MAX_ROWS + 1)), { error: { code: 'RE168', args: [MAX_ROWS], line: MAX_ROWS + 4, character: 0 } });
  });

  it('reads an .xlsx header as the first non-empty row, a missing header cell named by its address, dates by their day', async () => {
    const bytes = await xlsx((ws) => {
      ws.getCell('A1').value = ' ';
      ws.getCell('A3').value = 'Tháng';
      ws.getCell('C3').value = 'Phải nộp phí';
      ws.getCell('A5').value = new Date(Date.UTC(2025, 0, 15));
      ws.getCell('B5').value = 4;
      ws.getCell('C5').value = 10;
      ws.getCell('A4').value = '2024-12';
      ws.getCell('C4').value = 8;
    });
    const t = tableOf(await parseXlsx(bytes, undefined));
    assert.deepEqual(headersOf(t), [['Tháng', 0, 2, 0, 'A3'], ['Phải nộp phí', 2, 2, 2, 'C3']]);
    assert.deepEqual(t.headerTexts, ['Tháng', 'Phải nộp phí']);
    assert.deepEqual(rowsOf(t), [
      [[0, '2024-12', 3, 0, 'A4'], [2, '8', 3, 2, 'C4']],
      [[0, '2025-01-15', 4, 0, 'A5'], [1, '4', 4, 1, 'B5'], [2, '10', 4, 2, 'C5']],
    ]);
    assert.ok(t.rows[1].get(0)!.value instanceof Date);
    assert.deepEqual(tableOf(await parseXlsx(await xlsx(() => undefined), undefined)).rows, []);
  });

  it('names the sheets there are when the named sheet is missing (RE170)', async () => {
    const bytes = await xlsx((ws) => (ws.getCell('A1').value = 'Tháng'), 'Số liệu');
    assert.deepEqual(await parseXlsx(bytes, 'Khác'), { error: { code: 'RE170', args: ['Khác', 'Số liệu'], line: 0, character: 0 } });
  });

  it('refuses an .xlsx that is no zip, a zip bomb (RE167, in MB) or a sheet of more than 100,000 rows (RE168)', async () => {
    assert.deepEqual(await parseXlsx(Buffer.from('Tháng;Số\n'), undefined), {
      error: { code: 'RE160', args: ['not a zip archive (no central directory)'], line: 0, character: 0 },
    });
    const bomb = storedZip({ 'xl/worksheets/sheet1.xml': 'x' });
    bomb.writeUInt32LE(60 * 1024 * 1024 + 512 * 1024, bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    assert.deepEqual(await parseXlsx(bomb, undefined), { error: { code: 'RE167', args: ['60.5', 50], line: 0, character: 0 } });
    const sheet = (rows: number) => '<worksheet><sheetData>' + '<row r="1"/>'.repeat(rows) + '</sheetData></worksheet>';
    // Two sheets, one of them too long: refused whichever sheet is read.
    const long = storedZip({ 'xl/worksheets/sheet1.xml': sheet(1), 'xl/worksheets/sheet2.xml': sheet(MAX_ROWS + 2) });
    assert.deepEqual(await parseXlsx(long, undefined), { error: { code: 'RE168', args: [MAX_ROWS], line: 0, character: 0 } });
    // A header and 100,000 rows pass the row limit (this zip then lacks its workbook part: RE160).
    const notLong = await parseXlsx(storedZip({ 'xl/worksheets/sheet1.xml': sheet(MAX_ROWS + 1) }), undefined);
    assert.ok('error' in notLong);
    assert.equal(notLong.error.code, 'RE160');
  });

  it('gives each kind its size limit: an .xlsx 5 MB (RE166), a CSV 50 MB (RE160), and an unreadable file RE160', () => {
    assert.equal(tableLimit('a.xlsx'), MAX_XLSX_BYTES);
    assert.equal(tableLimit('A.XLSX'), MAX_XLSX_BYTES);
    assert.equal(tableLimit('a.xlsx.csv'), MAX_CSV_BYTES);
    assert.equal(tableLimit('a.csv'), MAX_CSV_BYTES);
    const big = 5.5 * 1048576;
    assert.deepEqual(tableOfRead('a.xlsx', undefined, { tooLarge: big }), { error: { code: 'RE166', args: ['5.5', 5], line: 0, character: 0 } });
    assert.deepEqual(tableOfRead('a.csv', undefined, { tooLarge: 60 * 1048576 }), {
      error: { code: 'RE160', args: ['60.0 MB, more than 50 MB'], line: 0, character: 0 },
    });
    assert.deepEqual(tableOfRead('a.csv', undefined, { error: 'EACCES' }), { error: { code: 'RE160', args: ['EACCES'], line: 0, character: 0 } });
    // Named .xlsx.csv: read as CSV, not as a workbook.
    assert.deepEqual(headersOf(tableOf(tableOfRead('a.xlsx.csv', undefined, { bytes: Buffer.from('Tháng;Số\n') }))), [['Tháng', 0, 0, 0, undefined], ['Số', 1, 0, 6, undefined]]);
  });

  it('reads a file within its limit, and turns a file too large, missing or not regular into an outcome', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.csv'), 'Tháng;Số\n');
    mkdirSync(path.join(dir, 'folder.csv'));
    const file = path.join(dir, 'a.csv');
    for (const read of [readBounded, readBoundedSync]) {
      const ok = await read(file, 100);
      assert.ok('bytes' in ok && ok.bytes.toString('utf8') === 'Tháng;Số\n', read.name);
      assert.deepEqual(await read(file, 4), { tooLarge: Buffer.byteLength('Tháng;Số\n') }, read.name);
      assert.deepEqual(await read(path.join(dir, 'missing.csv'), 100), { error: 'ENOENT' }, read.name);
      assert.deepEqual(await read(path.join(dir, 'folder.csv'), 100), { error: 'not a regular file' }, read.name);
    }
  });

  it('locates the cells of a CSV after its BOM; RE160 gives the first line of csv-parse\'s message, at the opening quote', () => {
    assert.deepEqual(headersOf(tableOf(csv('\uFEFFTháng;Số\n2025-01;1\n'))), [['Tháng', 0, 0, 0, undefined], ['Số', 1, 0, 6, undefined]]);
    const bad = parseCsv(Buffer.from('Tháng;Số\n2025-01;1\n2025-02;"2\n', 'utf8'));
    assert.ok('error' in bad);
    assert.equal(bad.error.args.length, 1);
    assert.match(String(bad.error.args[0]), /^Quote Not Closed: /);
    assert.equal(bad.error.line, 2, 'the line of the opening quote, 0-based');
  });

  it('skips a row of empty styled cells, keeps a data row with an empty cell, and reads a header that starts in column B', async () => {
    const bold = { font: { bold: true } };
    const bytes = await xlsx((ws) => {
      ws.getCell('A1').style = bold;
      ws.getCell('B2').value = 'Tháng';
      ws.getCell('C2').value = 'Số';
      ws.getCell('B3').value = '2025-01';
      ws.getCell('D3').style = bold;
      ws.getCell('C4').value = 5;
    });
    const t = tableOf(await parseXlsx(bytes, undefined));
    assert.deepEqual(headersOf(t), [['Tháng', 1, 1, 1, 'B2'], ['Số', 2, 1, 2, 'C2']]);
    assert.deepEqual(rowsOf(t), [
      [[1, '2025-01', 2, 1, 'B3'], [3, '', 2, 3, 'D3']],
      [[2, '5', 3, 2, 'C4']],
    ]);
  });

  it('orders an .xlsx\'s rows by number, names every sheet on RE170, and refuses a zip that is no workbook (RE160)', async () => {
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const workbook = {
      'xl/workbook.xml': '<workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/worksheets/sheet1.xml':
        `<worksheet><sheetData><row r="3">${inline('A3', '2025-02')}</row><row r="1">${inline('A1', 'Tháng')}</row><row r="2">${inline('A2', '2025-01')}</row></sheetData></worksheet>`,
    };
    const t = tableOf(await parseXlsx(storedZip(workbook), 'A'));
    assert.deepEqual(headersOf(t), [['Tháng', 0, 0, 0, 'A1']]);
    assert.deepEqual(rowsOf(t), [[[0, '2025-01', 1, 0, 'A2']], [[0, '2025-02', 2, 0, 'A3']]]);
    assert.deepEqual(await parseXlsx(storedZip(workbook), 'C'), { error: { code: 'RE170', args: ['C', 'A, B'], line: 0, character: 0 } });
    assert.deepEqual(await parseXlsx(storedZip({ 'xl/workbook.xml': '<workbook><sheets/></workbook>' }), undefined), {
      error: { code: 'RE170', args: ['', ''], line: 0, character: 0 },
    });
    assert.deepEqual(await parseXlsx(storedZip({ 'xl/worksheets/sheet1.xml': '<worksheet/>' }), undefined), {
      error: { code: 'RE160', args: ['no xl/workbook.xml: not a workbook'], line: 0, character: 0 },
    });
  });
});
