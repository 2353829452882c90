import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { computeMeasures, monthsOf } from '../../../../src/core/measure/compute';
import { bandScore, figureOf, proportionalScore, scoreRate, windowPeriods } from '../../../../src/core/measure/score';
import { loadExcelJs, parseCsv, parseXlsx, readTable, type Table } from '../../../../src/core/measure/table';
import { checkZip } from '../../../../src/core/measure/zipGuard';
import { readSheet } from '../../../../src/core/measure/xlsx';
import { parseNumber, parsePeriod } from '../../../../src/core/measure/values';
import type { MeasurePeriodStatus } from '../../../../src/core/model/types';
import { run } from '../../../../src/cli/main';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, tempDir, writeFiles } from '../../helpers';
import { measuredCriteria, measureLines, SPEC, workbookBytes, zipOf } from './fixtures';

function table(csv: string | Buffer): Table {
  const result = parseCsv(Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'));
  assert.ok('table' in result, JSON.stringify(result));
  return result.table;
}

const months = (csv: string | Buffer) => monthsOf(table(csv), SPEC);
const figures = (csv: string | Buffer) => months(csv).periods.map((p) => [p.period, p.numerator, p.denominator]);

/** A zip holding one entry whose central directory declares `declared` bytes (garbage data: never inflatable). */
const zipDeclaring = (name: string, data: Buffer, declared: number, method = 8): Buffer => zipOf([{ name, data, method, size: declared }]);

describe('measures: reading data files', () => {
  after(cleanupTempDirs);

  it('reads every CSV dialect: BOM or not, comma or semicolon, CRLF or LF, quoted cells, separators', () => {
    const expected = [['2025-01', 1234, 2000], ['2025-02', 1500.5, 2000]];
    assert.deepEqual(figures('Tháng,Đã thanh toán,Phải nộp phí\n2025-01,"1,234",2000\n02/2025,"1,500.5","2,000"\n'), expected);
    assert.deepEqual(figures('\uFEFFTháng;Đã thanh toán;Phải nộp phí\r\n2025-01;1.234;2000\r\n2/2025;"1.500,5";2.000\r\n'), expected);
    assert.deepEqual(figures('"Tháng";" Đã thanh toán ";"Phải nộp phí"\n"2025-01";"1 234";"2000"\n\n"15/02/2025";"1500,5";"2000"\n'), expected, 'headers trimmed, blank lines skipped, a date text counts by its month');
    // Headers in NFD (as macOS file names are) still match the NFC written in the criteria file.
    assert.deepEqual(figures(`${'Tháng'.normalize('NFD')},${'Đã thanh toán'.normalize('NFD')},Phải nộp phí\n2025-01,1,2\n`), [['2025-01', 1, 2]]);
  });

  it('reads numbers and months as the staff write them', () => {
    assert.equal(parseNumber('1.234.567'), 1234567);
    assert.equal(parseNumber('1,5'), 1.5);
    assert.equal(parseNumber('12'), 12);
    assert.equal(parseNumber('abc'), undefined);
    assert.equal(parseNumber('1.2.3'), undefined);
    assert.equal(parsePeriod('2025-01'), '2025-01');
    assert.equal(parsePeriod('01/2025'), '2025-01');
    assert.equal(parsePeriod('1/2025'), '2025-01');
    assert.equal(parsePeriod('Tháng 3/2025'), '2025-03');
    assert.equal(parsePeriod('31/12/2025'), '2025-12');
    assert.equal(parsePeriod('31/02/2025'), undefined);
    assert.equal(parsePeriod(new Date(Date.UTC(2025, 4, 31))), '2025-05');
    assert.equal(parsePeriod('13/2025'), undefined);
  });

  it('reads an .xlsx by sheet name, with date cells and formulas by their cached values', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('Ghi chú').getCell('A1').value = 'không phải số liệu';
      const ws = wb.addWorksheet('Số liệu');
      ws.addRow(['Tháng', 'Đã thanh toán', 'Phải nộp phí']);
      ws.addRow([new Date(Date.UTC(2025, 0, 1)), 40, 50]);
      ws.addRow(['02/2025', { formula: 'B2+5', result: 45 }, { formula: '50', result: 50 }]);
    });
    const result = await parseXlsx(bytes, 'Số liệu');
    assert.ok('table' in result, JSON.stringify(result));
    const { periods, problems } = monthsOf(result.table, SPEC);
    assert.deepEqual(problems, []);
    assert.deepEqual(periods.map((p) => [p.period, p.numerator, p.denominator, p.rate]), [['2025-01', 40, 50, 80], ['2025-02', 45, 50, 90]]);
    const missing = await parseXlsx(bytes, 'Không có');
    assert.ok('error' in missing && missing.error.code === 'RE170');
  });

  it('reads SpreadsheetML cells: shared and inline strings, cached formula results, dates only where the style is a date, the 1904 system', () => {
    const parts = new Map(Object.entries({
      'xl/workbook.xml': '<workbook><workbookPr date1904="1"/><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/sharedStrings.xml': '<sst><si><t>Tháng</t></si><si><r><t>Đã </t></r><r><t xml:space="preserve">thanh toán</t></r></si></sst>',
      'xl/styles.xml': '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0&quot;d&quot;%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Ghi &lt;chú&gt;</t></is></c></row>' +
        '<row r="2"><c r="A2" s="1"><v>43831</v></c><c r="B2" s="2"><f>1+1</f><v>2</v></c><c r="C2" t="str"><f>"x"</f><v>x</v></c><c r="D2" s="1"/></row></sheetData></worksheet>',
    }).map(([k, v]) => [k, Buffer.from(v)]));
    const sheet = readSheet(parts, 'A & B', (a, b) => a === b);
    assert.ok('cells' in sheet, JSON.stringify(sheet));
    const byAddress = Object.fromEntries(sheet.cells.map((c) => [c.address, c.value instanceof Date ? c.value.toISOString().slice(0, 10) : c.value]));
    // 43831 in the 1904 system is 2024-01-02 (in the 1900 system, 2020-01-01: 1,462 days earlier).
    assert.deepEqual(byAddress, { A1: 'Tháng', B1: 'Đã thanh toán', C1: 'Ghi <chú>', A2: '2024-01-02', B2: 2, C2: 'x', D2: null });
    assert.deepEqual(readSheet(parts, 'Khác', (a, b) => a === b), { missingSheet: ['A & B'] });
  });

  it('refuses a zip bomb from its central directory, before inflating anything', () => {
    // The data is not deflate at all: had it been inflated, the verdict would be "damaged", not the size.
    const verdict = checkZip(zipDeclaring('xl/worksheets/sheet1.xml', Buffer.from('not deflate data'), 60 * 1024 * 1024), 50 * 1024 * 1024);
    assert.deepEqual(verdict, { ok: false, inflated: 60 * 1024 * 1024 });
    // A directory that lies (declares 100 bytes, holds 1 MB of zeros) is caught while inflating, at the cap.
    const liar = checkZip(zipDeclaring('xl/worksheets/sheet1.xml', deflateRawSync(Buffer.alloc(1024 * 1024)), 100), 50 * 1024 * 1024);
    assert.equal(liar.ok, false);
    assert.ok('inflated' in liar);
  });

  it('inflates only the parts it reads, unless asked for every part (exceljs reads them all)', () => {
    // A theme that lies about its size: the table reader never opens it; the sheet-name reader hands it to exceljs.
    const theme = zipDeclaring('xl/theme/theme1.xml', deflateRawSync(Buffer.alloc(1024 * 1024)), 100);
    assert.deepEqual(checkZip(theme, 50 * 1024 * 1024), { ok: true, parts: new Map(), rowsBySheet: new Map() });
    const every = checkZip(theme, 50 * 1024 * 1024, true);
    assert.equal(every.ok, false);
    assert.ok('inflated' in every);
  });

  it('locates each data problem: path:line:col for CSV, path:CELL for .xlsx', async () => {
    const csv = 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;abc;10\n2025-02;-1;10\n2025-03;11;10\n2025-03;1;10\nxyz;1;2\n';
    const found = months(csv).problems.map((p) => `${p.code}@${p.at.line + 1}:${p.at.character + 1}`);
    assert.deepEqual(found, ['RE162@2:9', 'RE163@3:9', 'RE164@4:9', 'RE165@5:1', 'RE169@6:1']);
    assert.deepEqual(monthsOf(table('Tháng;Khác\n2025-01;1\n'), SPEC).problems.map((p) => p.code), ['RE161', 'RE161']);
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Tháng', 'Đã thanh toán', 'Phải nộp phí']);
      for (let m = 1; m <= 5; m++) ws.addRow([`2025-0${m}`, 1, 2]);
      ws.addRow(['2025-06', 'nhiều', 2]);
    });
    const result = await parseXlsx(bytes, undefined);
    assert.ok('table' in result);
    assert.deepEqual(monthsOf(result.table, SPEC).problems.map((p) => `${p.code}@${p.at.cell}`), ['RE162@B7']);
  });

  it('names in each problem the value at fault, and for a repeated month where it first appeared (docs/problem-codes.md)', () => {
    const csv = 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;abc;10\n2025-02;-1;10\n2025-03;11;10\n2025-04;1;10\n2025-04;1;10\nxyz;1;2\n';
    const args = months(csv).problems.map((p) => [p.code, ...p.args]);
    assert.deepEqual(args, [
      ['RE162', 'abc'],
      ['RE163', '-1'],
      ['RE164', '11', '10', '2025-03'],
      ['RE165', '2025-04', '5:1'],
      ['RE169', 'xyz'],
    ]);
    const missing = monthsOf(table('Tháng;Khác\n2025-01;1\n'), SPEC).problems.map((p) => [p.code, ...p.args]);
    assert.deepEqual(missing, [['RE161', 'Đã thanh toán', 'Tháng, Khác'], ['RE161', 'Phải nộp phí', 'Tháng, Khác']]);
  });

  it('skips blank rows (empty or spaces only), and gives the months in calendar order whatever the row order', () => {
    const csv = 'Tháng;Đã thanh toán;Phải nộp phí\n2025-03;3;4\n;;\n  ; ;  \n2025-01;1;2\n2025-02;2;3\n';
    const { periods, problems } = months(csv);
    assert.deepEqual(problems, []);
    assert.deepEqual(periods.map((p) => [p.period, p.numerator, p.denominator]), [['2025-01', 1, 2], ['2025-02', 2, 3], ['2025-03', 3, 4]]);
    // A row with only its month filled is not blank: its missing figures are reported.
    assert.deepEqual(months('Tháng;Đã thanh toán;Phải nộp phí\n2025-01;;\n').problems.map((p) => p.code), ['RE162', 'RE162']);
  });

  it('refuses an .xlsx over 5 MB and a file that is not regular, without reading it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'big.xlsx': Buffer.alloc(5 * 1024 * 1024 + 1) });
    const big = await readTable(path.join(dir, 'big.xlsx'), undefined);
    assert.ok('error' in big && big.error.code === 'RE166');
    const folder = await readTable(dir + '/', undefined);
    assert.ok('error' in folder && folder.error.code === 'RE160');
  });

  it('refuses a sheet with more than 100,000 rows', () => {
    const rows = ['Tháng,Đã thanh toán,Phải nộp phí', ...Array.from({ length: 100_001 }, () => '2025-01,1,2')].join('\n');
    const result = parseCsv(Buffer.from(rows));
    assert.ok('error' in result && result.error.code === 'RE168');
  });
});

const period = (p: string, numerator: number, denominator: number): MeasurePeriodStatus => ({ period: p, numerator, denominator, rate: denominator ? (numerator / denominator) * 100 : null });

describe('measures: scoring', () => {
  const bands = [{ from: 98, score: 2 }, { from: 95, score: 1 }];

  it('bands: the first band the rate reaches, edges included; below all 0', () => {
    assert.equal(bandScore(98, bands), 2);
    assert.equal(bandScore(97.99, bands), 1);
    assert.equal(bandScore(95, bands), 1);
    assert.equal(bandScore(94.99, bands), 0);
    assert.equal(bandScore(100, bands), 2);
  });

  it('proportional: maxScore × min(1, rate ÷ target), to 0.01', () => {
    assert.equal(proportionalScore(80, 80, 2), 2);
    assert.equal(proportionalScore(100, 80, 2), 2);
    assert.equal(proportionalScore(40, 80, 2), 1);
    assert.equal(proportionalScore(33.333, 100, 6), 2);
    assert.equal(proportionalScore(0, 50, 6), 0);
  });

  it('sums the cases of the year up to the as-of month; other periods are ignored', () => {
    const all = [period('2024-12', 0, 100), period('2025-01', 90, 100), period('2025-02', 10, 100), period('2025-03', 100, 100), period('2026-01', 0, 100)];
    const window = windowPeriods(all, 2025, '2025-02-15');
    assert.deepEqual(window.map((p) => p.period), ['2025-01', '2025-02']);
    // (90 + 10) / 200 = 50%, not the average of 90% and 10% (also 50% here) — check with unequal months:
    const uneven = [period('2025-01', 9, 10), period('2025-02', 10, 100)];
    assert.equal(figureOf(uneven, { proportional: { target: 100 }, over: 'year' }, 10).rate, 17.2727);
    assert.equal(figureOf(uneven, { proportional: { target: 100 }, over: 'latest' }, 10).rate, 10);
    assert.equal(figureOf([], { bands, over: 'year' }, 2).score, null, 'no case: the caller applies noCases');
  });

  it('never scores a higher rate lower (property)', () => {
    const bandsArb = fc.array(fc.record({ from: fc.integer({ min: 0, max: 100 }), score: fc.integer({ min: 0, max: 8 }).map((n) => n / 4) }), { minLength: 1, maxLength: 5 })
      .map((bs) => [...new Map(bs.map((b) => [b.from, b])).values()].sort((a, b) => b.from - a.from))
      // Bands give more for more: a lower band never scores above a higher one.
      .map((bs) => bs.map((b, i) => ({ from: b.from, score: Math.min(...bs.slice(0, i + 1).map((x) => x.score)) })));
    const rule = fc.oneof(bandsArb.map((b) => ({ bands: b })), fc.double({ min: 1, max: 100, noNaN: true }).map((target) => ({ proportional: { target } })));
    fc.assert(
      fc.property(rule, fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (spec, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return scoreRate(low, spec, 2) <= scoreRate(high, spec, 2);
      }),
      { numRuns: 500 },
    );
  });
});

function measuredWorkspace(data: Record<string, string | Buffer>, measure: string): string {
  const dir = tempDir();
  writeFiles(dir, {
    'criteria.yaml': measuredCriteria({
      measure,
      after: '      - id: "1.2"\n        title: Other\n        maxScore: 1\n        owner: VP\n        evidence: [{ title: Plan, path: "plan.pdf" }]\n',
    }),
    'evidence/plan.pdf': 'x',
    ...Object.fromEntries(Object.entries(data).map(([k, v]) => [`evidence/${k}`, v])),
  });
  return dir;
}

const CSV_MEASURE = measureLines('tt.csv', '          bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }]\n');

describe('measures: in the status model and the CLI', () => {
  after(cleanupTempDirs);

  it('secures the computed score of a complete measured leaf; the data file alone completes it', async () => {
    const dir = measuredWorkspace({ 'tt.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;31;50\n2025-02;31;50\n2025-11;50;50\n' }, CSV_MEASURE);
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-31', useGit: false });
    const leaf = model.areas[0].children[0];
    assert.equal(leaf.state, 'present');
    assert.deepEqual({ rate: leaf.measure?.rate, score: leaf.measure?.score, n: leaf.measure?.numerator, d: leaf.measure?.denominator }, { rate: 62, score: 1, n: 62, d: 100 });
    assert.deepEqual(leaf.measure?.periods.map((p) => p.period), ['2025-01', '2025-02'], 'November is after the as-of month');
    assert.deepEqual([leaf.totals.secured, leaf.totals.atRisk, model.totals.secured, model.totals.max], [1, 1, 2, 3]);
  });

  it('reads a data file whose folder and name are stored NFD (as macOS names files) when the criteria file writes them NFC', async () => {
    const nfc = 'Số liệu/Thu phí.csv'.normalize('NFC');
    const csv = 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;31;50\n2025-02;31;50\n';
    const dir = measuredWorkspace({ [nfc.normalize('NFD')]: csv }, measureLines(nfc, '          bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }]\n'));
    const read = async () => (await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-31', useGit: false })).model.areas[0].children[0];
    const leaf = await read();
    assert.deepEqual([leaf.state, leaf.measure?.quality, leaf.measure?.rate, leaf.measure?.score], ['present', 'ok', 62, 1]);
    // The read that does not come from the load's prefetch (a later recompute, with a cache of its own).
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-31', useGit: false });
    const again = await computeMeasures(loaded.doc, loaded.matches, { asOf: '2025-10-31', cache: new Map() });
    assert.equal(again.byId.get('1.1')?.rate, 62);
  });

  it('scores an unknown figure 0 and keeps the other criteria; `check` exits 1 with the located problem', async () => {
    const dir = measuredWorkspace({ 'tt.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;x;50\n' }, CSV_MEASURE);
    const { model, doc } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-31', useGit: false });
    const leaf = model.areas[0].children[0];
    assert.deepEqual([leaf.state, leaf.totals.secured, leaf.measure?.quality, leaf.measure?.score], ['partial', 0, 'unknown', null]);
    assert.equal(model.areas[0].children[1].totals.secured, 1, 'the other criterion still counts');
    assert.ok(doc.problems.some((p) => p.code === 'RE162'));
    const out: string[] = [];
    const code = await run(['check', dir], { out: (s) => out.push(s), err: (s) => out.push(s), cwd: dir, env: {} });
    assert.equal(code, 1);
    assert.match(out.join(''), /evidence\/tt\.csv:2:9: error RE162/);
  });

  it('names the .xlsx cell in `check`, and `measures` prints one line per measured leaf', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Số liệu');
      ws.addRow(['Tháng', 'Đã thanh toán', 'Phải nộp phí']);
      ws.addRow(['2025-01', 40, 50]);
      ws.addRow(['2025-02', 45, 50]);
      ws.addRow(['2025-03', 60, 50]);
    });
    const dir = measuredWorkspace({ 'tt.xlsx': bytes }, CSV_MEASURE.replace('tt.csv', 'tt.xlsx') + '          sheet: Số liệu\n');
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), cwd: dir, env: {} };
    assert.equal(await run(['check', dir], io), 1);
    assert.match(out.join(''), /evidence\/tt\.xlsx:B4: error RE164/);
    writeFiles(dir, { 'evidence/tt.xlsx': await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Số liệu');
      ws.addRow(['Tháng', 'Đã thanh toán', 'Phải nộp phí']);
      for (const [m, n] of [['2025-01', 40], ['2025-02', 45], ['2025-03', 25], ['2025-04', 50]] as const) ws.addRow([m, n, 50]);
    }) });
    out.length = 0;
    assert.equal(await run(['measures', dir, '--as-of', '2025-10-31', '--no-git'], io), 0);
    assert.equal(out.join(''), '1.1 Tỷ lệ thanh toán trực tuyến [VP]  80.0%  full at 80%  2/2  2025-02 90.0% · 2025-03 50.0% · 2025-04 100.0%\n');
    out.length = 0;
    assert.equal(await run(['status', dir, '--as-of', '2025-10-31', '--no-git'], io), 0);
    assert.match(out.join(''), /1\.1 Tỷ lệ thanh toán trực tuyến {2}80\.0% → 2\/2/);
  });

  it('scores a window without cases by noCases, with a warning for zero', async () => {
    const empty = { 'tt.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;0;0\n' };
    const zero = await loadWorkspace(path.join(measuredWorkspace(empty, CSV_MEASURE), 'criteria.yaml'), { asOf: '2025-10-31', useGit: false });
    assert.deepEqual([zero.model.areas[0].children[0].measure?.rate, zero.model.areas[0].children[0].totals.secured], [null, 0]);
    assert.ok(zero.doc.problems.some((p) => p.code === 'RE260' && p.severity === 'warning'));
    const full = await loadWorkspace(path.join(measuredWorkspace(empty, CSV_MEASURE + '          noCases: full\n'), 'criteria.yaml'), { asOf: '2025-10-31', useGit: false });
    assert.deepEqual([full.model.areas[0].children[0].measure?.rate, full.model.areas[0].children[0].totals.secured], [null, 2]);
  });
});

describe('measures: reports', () => {
  after(cleanupTempDirs);

  it('self-assessment .xlsx keeps criterion ids as text ("3.10" is not 3.1), numbers as numbers, areas bold, the rate beside the score', async () => {
    const dir = tempDir();
    const leaf = (id: string) => `      - id: "${id}"\n        title: Leaf ${id}\n        maxScore: 1\n        owner: VP\n        evidence: [{ title: Doc, path: "${id}.pdf" }]\n`;
    writeFiles(dir, {
      'criteria.yaml': `reformEvidence: 1\nindex: { id: t, title: T, year: 2025 }\nunits: { VP: { name: V } }\ncriteria:\n  - id: "3"\n    title: Area\n    children:\n${leaf('3.1')}${leaf('3.10')}      - id: "3.2"\n        title: Rate\n        maxScore: 2\n        owner: VP\n        measure:\n${CSV_MEASURE}`,
      'evidence/3.10.pdf': 'x',
      'evidence/tt.csv': 'Tháng,Đã thanh toán,Phải nộp phí\n2025-01,62,100\n',
    });
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), cwd: dir, env: {} };
    assert.equal(await run(['report', 'self-assessment', '--format', 'xlsx', '--no-git', '--as-of', '2025-10-31'], io), 2, 'a workbook needs --output');
    assert.equal(await run(['report', 'self-assessment', '--format', 'xlsx', '--no-git', '--as-of', '2025-10-31', '--output', 'tu-cham.xlsx'], io), 0, out.join(''));
    const { Workbook } = loadExcelJs();
    const wb = new Workbook();
    await wb.xlsx.readFile(path.join(dir, 'tu-cham.xlsx'));
    const ws = wb.worksheets[0];
    const rows = new Map<string, import('exceljs').Row>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    assert.ok(rows.has('3.1') && rows.has('3.10'), [...rows.keys()].join(' '));
    const r310 = rows.get('3.10')!;
    assert.equal(r310.getCell(1).value, '3.10');
    assert.equal(typeof r310.getCell(1).value, 'string');
    assert.equal(r310.getCell(1).numFmt, '@');
    assert.equal(r310.getCell(6).value, 1, 'secured is a number');
    assert.equal(rows.get('3.1')!.getCell(6).value, 0);
    assert.equal(rows.get('3')!.font?.bold, true, 'areas in bold');
    assert.equal(ws.getRow(1).font?.bold, true, 'header row in bold');
    const rate = rows.get('3.2')!;
    assert.deepEqual([rate.getCell(6).value, rate.getCell(7).value, rate.getCell(7).numFmt], [1, 0.62, '0.0%']);
    assert.ok((ws.getColumn(2).width ?? 0) >= 40, 'titles get a wide column');
  });

  it('weekly report and dashboard data carry each indicator: rate, change since last week\'s months, points at risk, monthly series', async () => {
    const dir = measuredWorkspace({ 'tt.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-09;40;100\n2025-10;80;100\n' }, CSV_MEASURE);
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s), cwd: dir, env: {} };
    assert.equal(await run(['report', 'weekly', '--no-git', '--as-of', '2025-10-03'], io), 0);
    // Up to September: 40%; with October: 120/200 = 60%.
    assert.match(out.join(''), /\| 1\.1 Tỷ lệ thanh toán trực tuyến \| 60\.0% \| \+20\.0 \| 80% \| 1\/2 \| 1 \|/);
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-03', useGit: false });
    const { dashboardData } = await import('../../../../src/core/report/dashboardData');
    const [indicator] = dashboardData(model).indicators;
    assert.deepEqual(indicator.series.map((p) => [p.period, p.rate]), [['2025-09', 40], ['2025-10', 80]]);
    assert.deepEqual([indicator.fullAt, indicator.rate, indicator.previousRate, indicator.atRisk], [80, 60, 40, 1]);
  });
});

describe('measures: incremental updates', () => {
  after(cleanupTempDirs);

  it('reads a saved data file again and recomputes the model; a criteria edit keeps the data problems', async () => {
    const { applyEvidenceChanges, reparseCriteria } = await import('../../../../src/core/workspace/incremental');
    const dir = measuredWorkspace({ 'tt.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;40;100\n' }, CSV_MEASURE);
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-31', useGit: false });
    assert.equal(loaded.model.areas[0].children[0].measure?.rate, 40);
    writeFiles(dir, { 'evidence/tt.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;40;100\n2025-02;x;100\n' });
    await applyEvidenceChanges(loaded, [{ file: path.join(dir, 'evidence/tt.csv'), kind: 'changed' }], '2025-10-31');
    assert.equal(loaded.model.areas[0].children[0].measure?.quality, 'unknown');
    assert.deepEqual(loaded.doc.problems.map((p) => p.code), ['RE162']);
    reparseCriteria(loaded, (await import('node:fs')).readFileSync(path.join(dir, 'criteria.yaml'), 'utf8'), { asOf: '2025-10-31' });
    assert.deepEqual(loaded.doc.problems.map((p) => p.code), ['RE162'], 'the data problem survives a re-parse');
    writeFiles(dir, { 'evidence/tt.csv': 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;40;100\n2025-02;90;100\n' });
    await applyEvidenceChanges(loaded, [{ file: path.join(dir, 'evidence/tt.csv'), kind: 'changed' }], '2025-10-31');
    assert.deepEqual([loaded.model.areas[0].children[0].measure?.rate, loaded.model.areas[0].children[0].totals.secured, loaded.doc.problems.length], [65, 1, 0]);
  });
});
