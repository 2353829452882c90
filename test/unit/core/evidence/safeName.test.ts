// The safe names of docs/audit-trail.md ("Adding"), without a file system: NFC; "/", "\" and ":" become "-";
// `<>"|?*`, control characters and bidirectional controls are dropped; no leading dots, no trailing dots or
// spaces; reserved device names get "_"; a long title is cut (whole characters, extension kept) to 240 UTF-8
// bytes; a name taken without case becomes `name (2).pdf`.
import * as assert from 'node:assert/strict';
import {
  byteLength,
  collisionKey,
  cutToBytes,
  fitName,
  MAX_NAME_BYTES,
  MAX_PATH_BYTES,
  safeFileName,
  splitExtension,
  uniqueName,
} from '../../../../src/core/evidence/safeName';

const taken = (...names: string[]) => new Set(names.map(collisionKey));

describe('safe evidence names (docs/audit-trail.md)', () => {
  it('the bounds: 240 bytes a name, 400 a path from the repository top', () => {
    assert.equal(MAX_NAME_BYTES, 240);
    assert.equal(MAX_PATH_BYTES, 400);
    assert.equal(byteLength('a'), 1);
    assert.equal(byteLength('ệ'), 3);
    assert.equal(byteLength('Quyết định'), 15);
  });

  it('splitExtension keeps the dot, 1 to 10 letters or digits, the last one only', () => {
    assert.deepEqual(splitExtension('Báo cáo.pdf'), ['Báo cáo', '.pdf']);
    assert.deepEqual(splitExtension('a.tar.gz'), ['a.tar', '.gz']);
    assert.deepEqual(splitExtension('scan.PDF'), ['scan', '.PDF']);
    assert.deepEqual(splitExtension('a.1234567890'), ['a', '.1234567890']);
    assert.deepEqual(splitExtension('a.12345678901'), ['a.12345678901', '']);
    assert.deepEqual(splitExtension('README'), ['README', '']);
    assert.deepEqual(splitExtension('.pdf'), ['.pdf', '']);
    assert.deepEqual(splitExtension('a.'), ['a.', '']);
    assert.deepEqual(splitExtension('a.p-f'), ['a.p-f', '']);
    assert.deepEqual(splitExtension('a.pdf x'), ['a.pdf x', '']);
    assert.deepEqual(splitExtension('x.ệ'), ['x.ệ', '']);
  });

  it('cutToBytes cuts on whole characters, up to and including the bound, and drops a dangling combining mark', () => {
    assert.equal(cutToBytes('abc', 3), 'abc');
    assert.equal(cutToBytes('abc', 2), 'ab');
    assert.equal(cutToBytes('abc', 0), '');
    assert.equal(cutToBytes('ệệ', 5), 'ệ');
    assert.equal(cutToBytes('ệệ', 6), 'ệệ');
    // "é" written as e + U+0301: cutting after the e, or keeping a trailing mark, leaves no lone accent.
    assert.equal(cutToBytes('ae\u0301b', 2), 'ae');
    assert.equal(cutToBytes('ae\u0301\u0323', 6), 'ae');
    // A mark inside the kept text stays: only a dangling one at the end goes.
    assert.equal(cutToBytes('ae\u0301b', 10), 'ae\u0301b');
    assert.equal(cutToBytes('😀x', 3), '');
    assert.equal(cutToBytes('😀x', 5), '😀x');
  });

  it('document numbers: "/", "\\" and ":" become "-"', () => {
    assert.equal(safeFileName('Quyết định 248/QĐ-UBND.pdf'), 'Quyết định 248-QĐ-UBND.pdf');
    assert.equal(safeFileName('ISO 9001:2015 a\\b.pdf'), 'ISO 9001-2015 a-b.pdf');
  });

  it('drops <>"|?*, control characters, zero-width, bidirectional controls and the BOM', () => {
    assert.equal(safeFileName('a<b>c"d|e?f*g.pdf'), 'abcdefg.pdf');
    assert.equal(safeFileName('a\u0000b\u0001c\u001fd\u007fe.pdf'), 'abcde.pdf');
    assert.equal(safeFileName('in\u200bvoice\u200f.pdf'), 'invoice.pdf');
    // U+202E would show "fdp.exe" as "exe.pdf"; the isolates U+2066–U+2069 and U+202A–U+202D likewise.
    assert.equal(safeFileName('a\u202eb\u202ac\u2066d\u2069e\ufeff.pdf'), 'abcde.pdf');
    assert.equal(safeFileName('a\u2065b\u2070.pdf'), 'a\u2065b\u2070.pdf');
  });

  it('white space of any kind collapses to one space, also where a dropped character was', () => {
    assert.equal(safeFileName('Báo\t\tcáo\n quý.pdf'), 'Báo cáo quý.pdf');
    assert.equal(safeFileName('a < > b.pdf'), 'a b.pdf');
  });

  it('NFC: a decomposed title gives the precomposed name', () => {
    const nfd = 'Quyết định.pdf'.normalize('NFD');
    assert.notEqual(nfd, 'Quyết định.pdf');
    assert.equal(safeFileName(nfd), 'Quyết định.pdf');
  });

  it('no leading dots or spaces (hidden files match no glob), no trailing dots or spaces', () => {
    assert.equal(safeFileName('. .hidden.pdf'), 'hidden.pdf');
    assert.equal(safeFileName('report. . '), 'report');
    assert.equal(safeFileName('report .pdf'), 'report.pdf');
    assert.equal(safeFileName('report..pdf'), 'report.pdf');
    assert.equal(safeFileName('a. b.pdf'), 'a. b.pdf');
  });

  it('a name with nothing left is "evidence"', () => {
    assert.equal(safeFileName(''), 'evidence');
    // Nothing left before the extension: it is kept, so a `*.pdf` requirement still takes the file.
    assert.equal(safeFileName('???.pdf'), 'evidence.pdf');
    assert.equal(safeFileName('<>|.PDF'), 'evidence.PDF');
    assert.equal(safeFileName(' . .docx '), 'evidence.docx');
    assert.equal(safeFileName('???'), 'evidence');
    assert.equal(safeFileName(' . '), 'evidence');
  });

  it('reserved device names get a "_" prefix, with any extension and any case; longer names do not', () => {
    for (const name of ['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'COM9', 'COM0', 'LPT1', 'LPT9', 'COM¹', 'LPT³'])
      assert.equal(safeFileName(`${name}.pdf`), `_${name}.pdf`, name);
    assert.equal(safeFileName('con'), '_con');
    assert.equal(safeFileName('nul.tar.gz'), '_nul.tar.gz');
    assert.equal(safeFileName('CON .tar.gz'), '_CON .tar.gz');
    for (const name of ['CONSOLE.pdf', 'COM10.pdf', 'LPT.pdf', 'ACON.pdf', 'COM.pdf', 'NULL.pdf']) assert.equal(safeFileName(name), name, name);
  });

  it('a long title is cut to 240 bytes on whole characters, the extension kept; 240 bytes exactly stay', () => {
    const exact = 'a'.repeat(236) + '.pdf';
    assert.equal(safeFileName(exact), exact);
    assert.equal(safeFileName('a'.repeat(237) + '.pdf'), 'a'.repeat(236) + '.pdf');
    const title = 'Báo cáo kết quả thực hiện công tác cải cách hành chính '.repeat(6) + '.pdf';
    const safe = safeFileName(title);
    assert.ok(byteLength(safe) <= 240 && byteLength(safe) > 230, `${byteLength(safe)} bytes`);
    assert.ok(safe.endsWith('.pdf'));
    assert.ok(!/[ .]\.pdf$/.test(safe), 'no trailing space before the extension');
    assert.ok(title.startsWith(safe.slice(0, -4)));
    assert.equal(safeFileName('ệ'.repeat(10) + '.pdf', 20), 'ệệệệệ.pdf');
  });

  it('fitName shortens the stem only, keeps suffix and extension, and gives up below one byte', () => {
    assert.equal(fitName('abcdef', '.pdf', 7), 'abc.pdf');
    assert.equal(fitName('abcdef', '.pdf', 9, ' (2)'), 'a (2).pdf');
    assert.equal(fitName('abcdef', '.pdf', 8, ' (2)'), '');
    assert.equal(fitName('abcdef', '.pdf', 4), '');
    assert.equal(fitName('abcdef', '.pdf', 5), 'a.pdf');
    assert.equal(fitName('ab cd', '.pdf', 7), 'ab.pdf');
    assert.equal(fitName('...', '', 5), 'evide');
    assert.equal(fitName('é', '.pdf', 5), 'e.pdf');
    assert.equal(fitName('abc', '.pdf', 240), 'abc.pdf');
  });

  it('names collide without case and in NFC, as on Windows and macOS', () => {
    assert.equal(collisionKey('ĐỀ ÁN.PDF'), 'đề án.pdf');
    assert.equal(collisionKey('Đề án.pdf'.normalize('NFD')), 'đề án.pdf');
  });

  it('uniqueName: the name when free, else "name (2).pdf", "(3)"…, compared without case, fitting the bound', () => {
    assert.equal(uniqueName('scan.pdf', taken('other.pdf')), 'scan.pdf');
    assert.equal(uniqueName('scan.pdf', taken('SCAN.PDF')), 'scan (2).pdf');
    assert.equal(uniqueName('scan.pdf', taken('scan.pdf', 'Scan (2).pdf')), 'scan (3).pdf');
    assert.equal(uniqueName('README', taken('readme')), 'README (2)');
    const long = 'a'.repeat(236) + '.pdf';
    const second = uniqueName(long, taken(long));
    assert.equal(second, 'a'.repeat(232) + ' (2).pdf');
    assert.equal(byteLength(second), 240);
    assert.equal(uniqueName('abcdef.pdf', taken('abcdef.pdf'), 10), 'ab (2).pdf');
  });
});
