// The cells of the staff's spreadsheets read as docs/measures.md states it: numbers in Vietnamese or English
// writing, periods as months, column letters and header keys. Pure and fast: run first by mutation testing.
import * as assert from 'node:assert/strict';
import { columnName, headerKey, parseNumber, parsePeriod } from '../../../../src/core/measure/values';

describe('measure values', () => {
  it('reads a count written with thousands separators, a decimal mark or a sign', () => {
    const cases: [string, number | undefined][] = [
      ['1234', 1234],
      [' 1 234 ', 1234],
      ['1\u00a0234', 1234],
      ['1\u202f234', 1234],
      ["1'234", 1234],
      ['+5', 5],
      ['-5', -5],
      ['1.234', 1234],
      ['1,234', 1234],
      ['1.234.567', 1234567],
      ['12.345', 12345],
      ['123,456', 123456],
      ['1.234,5', 1234.5],
      ['1,234.5', 1234.5],
      ['1.234.567,25', 1234567.25],
      // one separator followed by a group other than three digits: the decimal mark
      ['1,5', 1.5],
      ['1,25', 1.25],
      ['1.2345', 1.2345],
      ['1.1234', 1.1234],
      ['1234.567', 1234.567],
      ['1234,5', 1234.5],
      ['.5', 0.5],
      [',5', 0.5],
      ['12.', 12], // a trailing decimal mark
      // groups that are not groups of three
      ['1.234.56', undefined],
      ['12,34.5', undefined],
      ['1234,567.5', undefined],
      ['1.2.3', undefined],
      ['', undefined],
      ['   ', undefined],
      ['12a', undefined],
      ['a12', undefined],
      ['.', undefined],
      ['-', undefined],
      ['chưa có', undefined],
    ];
    for (const [text, value] of cases) assert.equal(parseNumber(text), value, JSON.stringify(text));
  });

  it('reads every period form of docs/measures.md as its month', () => {
    const cases: [string, string | undefined][] = [
      ['2025-01', '2025-01'],
      ['2025/1', '2025-01'],
      ['2025.12', '2025-12'],
      ['01/2025', '2025-01'],
      ['1/2025', '2025-01'],
      [' 1/2025 ', '2025-01'],
      ['Tháng 1/2025', '2025-01'],
      ['tháng 03/2025', '2025-03'],
      ['Tha\u0301ng 1/2025', '2025-01'], // decomposed (NFD) as some exports write it
      ['Thang 2/2025', '2025-02'],
      ['Th 4/2025', '2025-04'],
      ['Th. 4/2025', '2025-04'],
      ['T5/2025', '2025-05'],
      ['Tháng1/2025', '2025-01'],
      ['2025-01-15', '2025-01'],
      ['2025-01-15T10:00', '2025-01'],
      ['2025-01-15 10:00:00', '2025-01'],
      ['2025-01-15T10:00:00.000Z', '2025-01'],
      ['2025-01-31T23:00:00+07:00', '2025-01'],
      ['2025-01-31T23:00:00-0700', '2025-01'],
      ['15/01/2025', '2025-01'],
      ['5-3-2025', '2025-03'],
      ['15/01/2025 10:00', '2025-01'],
      // a day that does not exist, a month or year out of range, anything around the period
      ['2025-02-30', undefined],
      ['31/04/2025', undefined],
      ['2025-02-29', undefined],
      ['2024-02-29', '2024-02'],
      ['2025-13', undefined],
      ['2025-00', undefined],
      ['13/2025', undefined],
      ['1899-12', undefined],
      ['1900-01', '1900-01'],
      ['2200-12', '2200-12'],
      ['2201-01', undefined],
      ['12025-01', undefined],
      ['2025-01x', undefined],
      ['01/20255', undefined],
      ['12025-01-15', undefined],
      ['2025-01-15x', undefined],
      ['2025-01-15T', undefined],
      ['115/01/2025', undefined],
      ['15/01/20255', undefined],
      ['15/01/2025x', undefined],
      ['2025', undefined],
      ['', undefined],
    ];
    for (const [text, month] of cases) assert.equal(parsePeriod(text), month, JSON.stringify(text));
  });

  it('reads a date cell by its UTC month and never a bare number as a period', () => {
    assert.equal(parsePeriod(new Date(Date.UTC(2025, 0, 31, 23, 30))), '2025-01');
    assert.equal(parsePeriod(new Date(Date.UTC(2025, 11, 1))), '2025-12');
    assert.equal(parsePeriod(new Date(Number.NaN)), undefined);
    assert.equal(parsePeriod(new Date(Date.UTC(1899, 11, 31))), undefined);
    assert.equal(parsePeriod(45658), undefined);
    assert.equal(parsePeriod(202501), undefined);
  });

  it('names a column by its letters (0 is A, 26 is AA)', () => {
    const cases: [number, string][] = [[0, 'A'], [1, 'B'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [51, 'AZ'], [52, 'BA'], [701, 'ZZ'], [702, 'AAA']];
    for (const [index, name] of cases) assert.equal(columnName(index), name, String(index));
  });

  it('matches headers trimmed, in NFC, with runs of white space as one space', () => {
    assert.equal(headerKey('  Đã  thanh\ttoán \n'), 'Đã thanh toán');
    assert.equal(headerKey('Pha\u0309i nộp phí'), 'Phải nộp phí');
    assert.equal(headerKey('Tháng'), 'Tháng');
  });
});
