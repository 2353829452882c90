import * as assert from 'node:assert/strict';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { measuredCriteria } from './fixtures';

const FILE = '/ws/criteria.yaml';

/** A criteria file whose one leaf 1.1 (maxScore 2) carries `measure` (indented YAML lines). */
const withMeasure = (measure: string, evidence = ''): string => measuredCriteria({ beforeMeasure: evidence, measure });

const BASE = `          data: "3/thanh-toan.csv"
          period: " Tháng "
          numerator: Đã thanh toán
          denominator: Phải nộp phí
`;

const codes = (text: string) => parseCriteria(text, FILE).problems.map((p) => p.code);

describe('measure: format and rules', () => {
  it('reads a valid measure and adds its data file as the leaf\'s last requirement', () => {
    const doc = parseCriteria(withMeasure(BASE + '          bands:\n            - { from: 80, score: 2 }\n            - { from: 50, score: 1 }\n'), FILE, { locale: 'vi' });
    assert.deepEqual(doc.problems, []);
    const leaf = doc.byId.get('1.1')!;
    assert.equal(leaf.measure?.period, 'Tháng', 'headers are trimmed');
    assert.deepEqual(leaf.measure?.bands, [{ from: 80, score: 2 }, { from: 50, score: 1 }]);
    assert.equal(leaf.measure?.noCases, 'zero');
    assert.equal(leaf.measure?.over, 'year');
    assert.equal(leaf.evidence.length, 1);
    assert.deepEqual([leaf.evidence[0].title, leaf.evidence[0].path, leaf.evidence[0].data], ['Số liệu', '3/thanh-toan.csv', true]);
  });

  it('rejects bands out of order, a band above maxScore, both or neither rule', () => {
    assert.deepEqual(codes(withMeasure(BASE + '          bands:\n            - { from: 50, score: 1 }\n            - { from: 80, score: 2 }\n')), ['RE151']);
    assert.deepEqual(codes(withMeasure(BASE + '          bands:\n            - { from: 80, score: 3 }\n')), ['RE152']);
    assert.deepEqual(codes(withMeasure(BASE + '          bands: [{ from: 80, score: 2 }]\n          proportional: { target: 90 }\n')), ['RE156']);
    assert.deepEqual(codes(withMeasure(BASE)), ['RE156']);
  });

  it('keeps the data file under evidenceRoot, .csv or .xlsx only, sheet only for .xlsx', () => {
    const rule = '          proportional: { target: 100 }\n';
    assert.deepEqual(codes(withMeasure(BASE.replace('3/thanh-toan.csv', '../secret.csv') + rule)), ['RE153']);
    assert.deepEqual(codes(withMeasure(BASE.replace('3/thanh-toan.csv', '3/thanh-toan.pdf') + rule)), ['RE154']);
    assert.deepEqual(codes(withMeasure(BASE + '          sheet: Số liệu\n' + rule)), ['RE155']);
    assert.deepEqual(codes(withMeasure(BASE.replace('.csv', '.xlsx') + '          sheet: Số liệu\n' + rule)), []);
    const doc = parseCriteria(withMeasure(BASE.replace('3/thanh-toan.csv', '/etc/passwd.csv') + rule), FILE);
    assert.equal(doc.byId.get('1.1')?.measure?.valid, false);
    assert.equal(doc.byId.get('1.1')?.evidence[0].valid, false, 'an unsafe data file never counts as evidence');
  });

  it('rejects an unknown key, a bad noCases and a target above 100 by the schema', () => {
    assert.deepEqual(codes(withMeasure(BASE + '          proportional: { target: 120 }\n          noCases: maybe\n          colour: red\n')), ['RE010', 'RE010', 'RE010']);
  });

  it('refuses a measure on a parent', () => {
    const text = withMeasure(BASE + '          proportional: { target: 100 }\n').replace('    children:\n', '    measure: { data: a.csv, period: p, numerator: n, denominator: d, proportional: { target: 100 } }\n    children:\n');
    assert.deepEqual(codes(text), ['RE150']);
  });
});
