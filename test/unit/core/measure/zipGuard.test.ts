// The zip check of an .xlsx (docs/measures.md: its zip directory is read first; a file whose parts would inflate
// past the limit is refused, a directory that lies about a size is caught too): which parts it keeps, how it
// counts a sheet's rows, and the reason it gives for an archive it cannot read. Pure and fast.
import * as assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { centralDirectory, checkZip } from '../../../../src/core/measure/zipGuard';
import { zipOf as zip } from './fixtures';

const MB = 1024 * 1024;
const kept = (z: Buffer, everyPart = false) => {
  const v = checkZip(z, 50 * MB, everyPart);
  assert.ok(v.ok, JSON.stringify(v));
  return v;
};

describe('measure zipGuard', () => {
  it('keeps only the parts a workbook is read from, each with its content', () => {
    const names = [
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/_rels/sheet1.xml.rels',
      'xl/theme/theme1.xml',
      'docProps/app.xml',
      'axl/workbook.xml',
      'xl/workbook.xml.bak',
      'xl/worksheets/sub/sheet2.xml',
    ];
    const v = kept(zip(names.map((name) => ({ name, data: `<${name}/>` }))), true);
    assert.deepEqual([...v.parts.keys()], names.slice(0, 5));
    assert.equal(v.parts.get('xl/styles.xml')!.toString(), '<xl/styles.xml/>');
    assert.deepEqual([...v.rowsBySheet.keys()], ['xl/worksheets/sheet1.xml']);
  });

  it('counts a sheet\'s <row> elements whatever follows the name, not other elements starting with "row"', () => {
    const xml = '<sheetData><row r="1"></row><row>x</row><row/><row\tr="4"/><row\nr="5"/><row\rr="6"/><rows/><rowBreaks/><row';
    const v = kept(zip([{ name: 'xl/worksheets/sheet1.xml', data: xml }, { name: 'xl/worksheets/sheet2.xml', data: '<sheetData/>' }]));
    assert.deepEqual([...v.rowsBySheet], [['xl/worksheets/sheet1.xml', 6], ['xl/worksheets/sheet2.xml', 0]]);
  });

  it('reads entries past extra fields, entry comments and an archive comment, and inflates deflated parts', () => {
    const sheet = '<row r="1"/><row r="2"/>';
    const z = zip(
      [
        { name: 'xl/workbook.xml', data: '<workbook/>', localExtra: 7, centralExtra: 5, comment: 3 },
        { name: 'xl/worksheets/sheet1.xml', data: deflateRawSync(Buffer.from(sheet)), method: 8, size: sheet.length, localExtra: 2 },
      ],
      40,
    );
    const entries = centralDirectory(z);
    assert.ok(Array.isArray(entries));
    assert.deepEqual(entries.map((e) => [e.name, e.method, e.size]), [['xl/workbook.xml', 0, 11], ['xl/worksheets/sheet1.xml', 8, sheet.length]]);
    const v = kept(z);
    assert.equal(v.parts.get('xl/workbook.xml')!.toString(), '<workbook/>');
    assert.equal(v.parts.get('xl/worksheets/sheet1.xml')!.toString(), sheet);
    assert.deepEqual([...v.rowsBySheet], [['xl/worksheets/sheet1.xml', 2]]);
  });

  it('gives a reason for an archive it cannot read', () => {
    assert.equal(centralDirectory(Buffer.from('PK')), 'not a zip archive (no central directory)');
    assert.equal(centralDirectory(Buffer.alloc(200)), 'not a zip archive (no central directory)');
    assert.deepEqual(checkZip(Buffer.from('Tháng;Số\n'), 50 * MB), { ok: false, error: 'not a zip archive (no central directory)' });
    // The end record points to a central directory that is not there.
    const moved = zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]);
    moved.writeUInt32LE(3, moved.length - 6);
    assert.equal(centralDirectory(moved), 'damaged central directory');
    // The end record counts two entries where there is one.
    const short = zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]);
    short.writeUInt16LE(2, short.length - 12);
    assert.equal(centralDirectory(short), 'damaged central directory');
    // An entry whose local header is not where the directory says.
    const noLocal = zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]);
    noLocal.writeUInt32LE(0, 0);
    assert.deepEqual(checkZip(noLocal, 50 * MB), { ok: false, error: 'damaged part xl/workbook.xml' });
    // Deflate data that is not deflate.
    const garbage = zip([{ name: 'xl/styles.xml', data: Buffer.from([0xff, 0xff, 0xff, 0xff]), method: 8, size: 10 }]);
    assert.deepEqual(checkZip(garbage, 50 * MB), { ok: false, error: 'damaged part xl/styles.xml' });
    // A method it cannot inflate: the part is kept empty (the reader then finds no cells in it).
    assert.equal(kept(zip([{ name: 'xl/workbook.xml', data: 'xxxx', method: 12 }])).parts.get('xl/workbook.xml')!.length, 0);
  });

  it('refuses by the sizes declared, summed, and by a stored or deflated part larger than declared', () => {
    const two = zip([{ name: 'xl/workbook.xml', data: 'a', size: 30 * MB }, { name: 'xl/styles.xml', data: 'b', size: 30 * MB }]);
    assert.deepEqual(checkZip(two, 50 * MB), { ok: false, inflated: 60 * MB });
    assert.deepEqual(checkZip(zip([{ name: 'xl/workbook.xml', data: 'a', size: 50 * MB + 1 }]), 50 * MB), { ok: false, inflated: 50 * MB + 1 });
    // Exactly at the limit by declaration: accepted (the data then is smaller than declared).
    const atLimit = checkZip(zip([{ name: 'docProps/app.xml', data: 'a', size: 50 * MB }]), 50 * MB);
    assert.equal(atLimit.ok, true);
    // Stored data longer than declared.
    assert.deepEqual(checkZip(zip([{ name: 'xl/workbook.xml', data: '<workbook/>', size: 4 }]), 50 * MB), { ok: false, inflated: 50 * MB + 1 });
    // Deflated data that inflates past its declared size: caught at the cap.
    const liar = zip([{ name: 'xl/styles.xml', data: deflateRawSync(Buffer.alloc(4096)), method: 8, size: 100 }]);
    assert.deepEqual(checkZip(liar, 50 * MB), { ok: false, inflated: 50 * MB + 1 });
    assert.deepEqual(checkZip(liar, 10), { ok: false, inflated: 100 });
  });

  it('finds the end record behind the longest archive comment, reads an empty archive, and calls a truncated record damaged', () => {
    // A 65,535-byte archive comment: the end record is as far from the end as it can be.
    const commented = zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }], 0xffff);
    assert.equal(kept(commented).parts.get('xl/workbook.xml')!.toString('utf8'), '<workbook/>');
    // An archive of no part is its end record alone, at offset 0.
    const empty = zip([]);
    assert.equal(empty.length, 22);
    assert.deepEqual(centralDirectory(empty), []);
    assert.deepEqual(checkZip(empty, 50 * MB), { ok: true, parts: new Map(), rowsBySheet: new Map() });
    const end = (entries: number, size: number) => {
      const record = Buffer.alloc(22);
      record.writeUInt32LE(0x06054b50, 0);
      record.writeUInt16LE(entries, 8);
      record.writeUInt16LE(entries, 10);
      record.writeUInt32LE(size, 12);
      return record;
    };
    // A directory entry cut short: its signature, then the end record within its 46 bytes.
    const cut = Buffer.alloc(20);
    cut.writeUInt32LE(0x02014b50, 0);
    assert.equal(centralDirectory(Buffer.concat([cut, end(1, 20)])), 'damaged central directory');
    // A part whose local header is cut short by the end of the archive.
    const name = Buffer.from('xl/workbook.xml');
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(46 + name.length, 42);
    const local = Buffer.alloc(4);
    local.writeUInt32LE(0x04034b50, 0);
    const cutPart = Buffer.concat([central, name, local, end(1, 46 + name.length)]);
    cutPart.writeUInt32LE(0, cutPart.length - 6);
    assert.deepEqual(checkZip(cutPart, 50 * MB), { ok: false, error: 'damaged part xl/workbook.xml' });
  });

  it('counts the rows of worksheet parts only, and only at a `<row` element', () => {
    const verdict = kept(zip([
      { name: 'xl/worksheets/sheet1.xml', data: '<ws1>\n<row r="1"/></ws1>' },
      { name: 'xl/worksheets/sheet1.xml.bak', data: '<row/><row/>' },
      { name: 'old/xl/worksheets/sheet1.xml', data: '<row/><row/>' },
    ]), true);
    assert.deepEqual([...verdict.rowsBySheet], [['xl/worksheets/sheet1.xml', 1]]);
  });
});
