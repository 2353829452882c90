// readSheet: the cells of one worksheet read from an .xlsx's inflated parts (docs/measures.md: by sheet name or the
// first sheet, date cells and formulas by their cached value), on hand-written SpreadsheetML. Pure and fast.
import * as assert from 'node:assert/strict';
import { decodeXml, readSheet, type SheetResult, type XlsxCell } from '../../../../src/core/measure/xlsx';

const WORKBOOK = (extra = '') =>
  `<workbook>${extra}<sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"/><sheet name="A &amp; B" sheetId="2" r:id="rId2"/></sheets></workbook>`;
const RELS =
  '<Relationships><Relationship Id="rId2" Type="ws" Target="/xl/worksheets/second.xml"/><Relationship Id="rId1" Type="ws" Target="./worksheets/sheet1.xml"/></Relationships>';

function parts(sheet: string, more: Record<string, string> = {}, workbook = WORKBOOK()): Map<string, Buffer> {
  const all: Record<string, string> = { 'xl/workbook.xml': workbook, 'xl/_rels/workbook.xml.rels': RELS, 'xl/worksheets/sheet1.xml': sheet, ...more };
  return new Map(Object.entries(all).map(([k, v]) => [k, Buffer.from(v)]));
}

const same = (a: string, b: string) => a === b;
function cellsOf(result: SheetResult): XlsxCell[] {
  assert.ok('cells' in result, JSON.stringify(result));
  return result.cells;
}
const values = (result: SheetResult) => Object.fromEntries(cellsOf(result).map((c) => [c.address, c.value]));

describe('measure xlsx readSheet', () => {
  it('decodes the XML entities a cell text may hold', () => {
    assert.equal(decodeXml('A &amp; B &lt;1&gt; &quot;x&quot; &apos;y&apos; &#272;&#x1EA1;'), 'A & B <1> "x" \'y\' Đạ');
    assert.equal(decodeXml('&unknown; &amp'), '&unknown; &amp');
  });

  it('reads each kind of cell: shared and inline strings, numbers, formulas\' cached values, booleans, errors, empty', () => {
    const sheet =
      '<worksheet><sheetData><row r="1">' +
      '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>9</v></c>' +
      '<c r="E1" t="inlineStr"><is><t>Phải &amp; nộp</t></is></c><c r="F1" t="inlineStr"/>' +
      '</row><row r="2">' +
      '<c r="A2"><v>12.5</v></c><c r="B2" t="n"><f>A2*2</f><v>25</v></c><c r="C2" t="str"><f>"x"</f><v>a&lt;b</v></c>' +
      '<c r="D2" t="b"><v>1</v></c><c r="E2" t="b"><v>0</v></c><c r="F2" t="e"><v>#DIV/0!</v></c><c r="G2" s="0"/><c r="H2"></c>' +
      '<c r="AA2"><v>-3</v></c><c r="bad"><v>1</v></c><c><v>2</v></c>' +
      '</row></sheetData></worksheet>';
    const strings = '<sst><si><t>Tháng</t></si><si><r><t>Đã </t></r><r><t xml:space="preserve">thanh toán</t></r><rPh><t>phiên âm</t></rPh></si><si/></sst>';
    const result = readSheet(parts(sheet, { 'xl/sharedStrings.xml': strings }), undefined, same);
    assert.deepEqual(values(result), {
      A1: 'Tháng',
      B1: 'Đã thanh toán',
      C1: '',
      D1: '',
      E1: 'Phải & nộp',
      F1: '',
      A2: 12.5,
      B2: 25,
      C2: 'a<b',
      D2: 'TRUE',
      E2: 'FALSE',
      F2: '#DIV/0!',
      G2: null,
      H2: null,
      AA2: -3,
    });
    assert.deepEqual(
      cellsOf(result).filter((c) => ['A1', 'E1', 'B2', 'AA2'].includes(c.address)).map((c) => [c.address, c.row, c.column]),
      [['A1', 0, 0], ['E1', 0, 4], ['B2', 1, 1], ['AA2', 1, 26]],
    );
  });

  it('reads a number in a date style as its UTC day (1900 and 1904 systems), and a date cell', () => {
    const styles =
      '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0%"/>' +
      '<numFmt numFmtId="166" formatCode="[Red]&quot;Số&quot; 0"/><numFmt numFmtId="167" formatCode="[$-42A]mmmm yyyy"/></numFmts>' +
      '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"></xf><xf/></cellXfs></styleSheet>';
    const sheet =
      '<worksheet><sheetData><row r="1">' +
      '<c r="A1" s="0"><v>45672</v></c><c r="B1" s="1"><v>45672</v></c><c r="C1" s="2"><v>45672.75</v></c><c r="D1" s="3"><v>0.5</v></c>' +
      '<c r="E1" s="4"><v>7</v></c><c r="F1" s="5"><v>45672</v></c><c r="G1" s="6"><v>45672</v></c><c r="H1" t="d"><v>2025-03-01T00:00:00.000Z</v></c>' +
      '</row></sheetData></worksheet>';
    const day = new Date(Date.UTC(2025, 0, 15));
    assert.deepEqual(values(readSheet(parts(sheet, { 'xl/styles.xml': styles }), undefined, same)), {
      A1: 45672,
      B1: day,
      C1: new Date(Date.UTC(2025, 0, 15, 18)),
      D1: 0.5,
      E1: 7,
      F1: day,
      G1: 45672,
      H1: new Date(Date.UTC(2025, 2, 1)),
    });
    const in1904 = values(readSheet(parts(sheet, { 'xl/styles.xml': styles }, WORKBOOK('<workbookPr date1904="1"/>')), undefined, same));
    assert.deepEqual(in1904.B1, new Date(Date.UTC(2029, 0, 16)));
    // Without a styles part no number is a date.
    assert.equal(values(readSheet(parts(sheet), undefined, same)).B1, 45672);
  });

  it('finds a sheet by name through the workbook\'s relationships, or names the sheets there are', () => {
    const second = '<worksheet><sheetData><row r="1"><c r="B3"><v>2</v></c></row></sheetData></worksheet>';
    const p = parts('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>', { 'xl/worksheets/second.xml': second });
    assert.deepEqual(values(readSheet(p, undefined, same)), { A1: 1 });
    assert.deepEqual(values(readSheet(p, 'Số liệu', same)), { A1: 1 });
    assert.deepEqual(values(readSheet(p, 'A & B', same)), { B3: 2 });
    assert.deepEqual(readSheet(p, 'Khác', same), { missingSheet: ['Số liệu', 'A & B'] });
    assert.deepEqual(readSheet(new Map([['xl/workbook.xml', Buffer.from('<workbook><sheets/></workbook>')]]), undefined, same), { missingSheet: [] });
  });

  it('gives a reason when the workbook or the sheet\'s part is missing', () => {
    assert.deepEqual(readSheet(new Map(), undefined, same), { error: 'no xl/workbook.xml: not a workbook' });
    const p = parts('');
    p.delete('xl/worksheets/sheet1.xml');
    assert.deepEqual(readSheet(p, undefined, same), { error: 'no part xl/worksheets/sheet1.xml for sheet "Số liệu"' });
    assert.deepEqual(readSheet(p, 'A & B', same), { error: 'no part xl/worksheets/second.xml for sheet "A & B"' });
    p.delete('xl/_rels/workbook.xml.rels');
    assert.deepEqual(readSheet(p, undefined, same), { error: 'no part xl/ for sheet "Số liệu"' });
  });

  it('reads elements written open and closed, attributes in any order, rows past 9 and texts with spaces; skips a malformed reference', () => {
    const styles = (numFmts: string, xfs: string) => `<styleSheet><numFmts count="3">${numFmts}</numFmts>${xfs}</styleSheet>`;
    const formats =
      '<numFmt numFmtId="164" formatCode="mm/yyyy"></numFmt><numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/><numFmt numFmtId="166"/>';
    const all = (stylesXml: string) =>
      new Map(Object.entries({
        'xl/workbook.xml': '<workbook><workbookPr filterPrivacy="1" date1904="1"/><sheets><sheet name="Số liệu" sheetId="1" r:id="rId1"></sheet></sheets></workbook>',
        'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="ws" Target="worksheets/sheet1.xml"></Relationship></Relationships>',
        'xl/styles.xml': stylesXml,
        'xl/worksheets/sheet1.xml':
          '<worksheet><sheetData><row r="12"><c r="A12" s="1"><v>0</v></c><c r="B12" s="2"><v>1.5</v></c><c r="C12" s="3"><v>2</v></c>' +
          '<c r="D12" t="str"><v>Tổng cộng</v></c><c r="E12" t="s"><v>7</v></c><c r="1A12"><v>1</v></c><c r="A12B"><v>1</v></c></row></sheetData></worksheet>',
      }).map(([k, v]) => [k, Buffer.from(v)]));
    // Style 1 is a date (mm/yyyy, day 0 of the 1904 system); 2 has "days" only in quoted text; 3 has no format code.
    const withStyles = all(styles(formats, '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>'));
    assert.deepEqual(values(readSheet(withStyles, 'Số liệu', same)), { A12: new Date(Date.UTC(1904, 0, 1)), B12: 1.5, C12: 2, D12: 'Tổng cộng', E12: '' });
    // Styles without cell formats: every number stays a number.
    assert.deepEqual(values(readSheet(all(styles(formats, '')), 'Số liệu', same)).A12, 0);
  });

  it('reads an empty text run written self-closed, with an attribute, as nothing', () => {
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t xml:space="preserve"/></r><r><t>Tháng</t></r></is></c>' +
      '<c r="B1" t="s"><v>0</v></c></row></sheetData></worksheet>';
    const strings = '<sst><si><r><t xml:space="preserve"/></r><r><t>Số</t></r></si></sst>';
    assert.deepEqual(values(readSheet(parts(sheet, { 'xl/sharedStrings.xml': strings }), undefined, same)), { A1: 'Tháng', B1: 'Số' });
  });
});
