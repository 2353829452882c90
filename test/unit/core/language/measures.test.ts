// The editor's help for measures (src/core/language/measures.ts) on the example ward's criteria file.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { columnCandidates, columnFieldAt, dataFileOf, dataLineAt, measureAt, measureHoverMarkdown, missingColumnProblems } from '../../../../src/core/language/measures';
import { allNodes } from '../../../../src/core/language/tokens';
import { sheetNames } from '../../../../src/core/measure/sheets';
import { flattenCriteria } from '../../../../src/core/status/computeStatus';
import { measureText } from '../../../../src/core/present/measures';
import type { CriterionStatus, MeasureStatus } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';

const FILE = path.resolve(__dirname, '../../../../../examples/ward-2025/criteria.yaml');
const TEXT = readFileSync(FILE, 'utf8');
const LINES = TEXT.split(/\r?\n/);

function lineOf(pattern: RegExp): number {
  const i = LINES.findIndex((l) => pattern.test(l));
  assert.ok(i >= 0, `no line matches ${pattern}`);
  return i;
}

describe('measures in the editor', () => {
  const doc = parseCriteria(TEXT, FILE);

  it('finds the column field being typed inside a measure, and nothing outside one', () => {
    const line = lineOf(/^\s*numerator: "Hồ sơ đúng hạn"/);
    const at = columnFieldAt(doc, TEXT, { line, character: LINES[line].length });
    assert.equal(at?.field, 'numerator');
    assert.equal(at?.node.measure?.numerator, 'Hồ sơ đúng hạn');
    assert.equal(columnFieldAt(doc, TEXT, { line, character: 3 }), undefined, 'before the colon');
    const title = lineOf(/^\s*title:/);
    assert.equal(columnFieldAt(doc, TEXT, { line: title, character: LINES[title].length }), undefined);
    const period = lineOf(/^\s*period: "Tháng"/);
    assert.equal(columnFieldAt(doc, TEXT, { line: period, character: LINES[period].length })?.field, 'period');
  });

  it('finds the measure whose data: line the cursor is on, for the quick fix that creates its folder', () => {
    const line = lineOf(/^\s*data: "3 Thủ tục hành chính\/3.4/);
    const node = dataLineAt(doc, { line, character: 0 });
    assert.ok(node?.measure);
    assert.equal(dataFileOf(doc, node.measure), path.join(path.dirname(FILE), 'evidence', node.measure.data));
    assert.equal(dataLineAt(doc, { line: line + 1, character: 0 }), undefined, 'the next line is sheet/period, not data');
  });

  it('completes sheet: with the sheet names of the .xlsx, and nothing for a CSV or a missing file', async () => {
    const line = lineOf(/^\s*sheet: "Số liệu"/);
    const at = columnFieldAt(doc, TEXT, { line, character: LINES[line].length });
    assert.equal(at?.field, 'sheet');
    const names = await sheetNames(dataFileOf(doc, at!.node.measure!));
    assert.ok(names.includes('Số liệu'), `sheets: ${names.join(', ')}`);
    const csv = allNodes(doc).find((n) => n.measure?.data.endsWith('.csv'))!;
    assert.deepEqual(await sheetNames(dataFileOf(doc, csv.measure!)), []);
    assert.deepEqual(await sheetNames(path.join(path.dirname(FILE), 'evidence', 'none.xlsx')), []);
  });

  it('offers each header once, trimmed, in the file order', () => {
    assert.deepEqual(columnCandidates([' Tháng', 'Hồ sơ', 'Hồ sơ ', '', 'Tử số']), ['Tháng', 'Hồ sơ', 'Tử số']);
  });

  it('marks the criteria file line of each header the data file lacks', () => {
    const measured = allNodes(doc).filter((n) => n.measure);
    assert.ok(measured.length >= 4);
    const all = (n: (typeof measured)[number]) => [n.measure!.period, n.measure!.numerator, n.measure!.denominator];
    assert.deepEqual(missingColumnProblems(doc, all, 'en'), [], 'every header present');
    assert.deepEqual(missingColumnProblems(doc, () => undefined, 'en'), [], 'a file not read says nothing');
    const target = measured[0];
    const problems = missingColumnProblems(doc, (n) => (n === target ? ['Tháng', n.measure!.denominator] : all(n)), 'vi');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'RE161');
    assert.equal(problems[0].file, FILE);
    assert.equal(problems[0].range.start.line, lineOf(new RegExp(`^\\s*numerator: "${target.measure!.numerator}"`)));
    assert.match(problems[0].message, /Thiếu cột "Hồ sơ đúng hạn"/);
  });

  it('hovers a measure with its rate and score, the unknown as unknown', async () => {
    const { model } = await loadWorkspace(FILE, { asOf: '2025-11-20', useGit: false });
    const leaf = allNodes(doc).find((n) => n.measure)!;
    assert.equal(measureAt(doc, { line: leaf.measure!.range.start.line, character: leaf.measure!.range.start.character + 1 })?.id, leaf.id);
    const status = flattenCriteria(model).find((c) => c.id === leaf.id)!;
    const m = status.measure!;
    assert.ok(m.rate !== null);
    const en = measureHoverMarkdown(leaf, status, 'en')!;
    assert.ok(en.startsWith(`**Rate**: ${m.rate.toFixed(1)}%`), en);
    assert.ok(en.includes(`secured ${Math.round(status.totals.secured * 100) / 100}/${leaf.maxScore}`), en);
    const vi = measureHoverMarkdown(leaf, status, 'vi')!;
    assert.ok(vi.includes(`${m.rate.toFixed(1).replace('.', ',')}%`), vi);
    const unknown: CriterionStatus = { ...status, measure: { ...m, quality: 'unknown', rate: null, score: null } };
    assert.ok(measureHoverMarkdown(leaf, unknown, 'en')!.startsWith('**Rate**: unknown'));
    assert.equal(measureHoverMarkdown(leaf, undefined, 'en'), undefined);
  });

  it('reads a measured leaf as rate · score, in Vietnamese with a decimal comma, never a number when unknown', () => {
    const m: MeasureStatus = { rate: 62, numerator: 62, denominator: 100, score: 1, over: 'year', periods: [], dataFile: 'a.csv', fullAt: 80, quality: 'ok' };
    const node = { state: 'committed' as const, totals: { secured: 1, max: 2, waived: 0 } as CriterionStatus['totals'], measure: m };
    assert.equal(measureText(node, 'en'), '62.0% · 1/2');
    assert.equal(measureText(node, 'vi'), '62,0% · 1/2');
    assert.equal(measureText({ ...node, measure: { ...m, quality: 'unknown', rate: null, score: null } }, 'en'), 'unknown · 1/2');
    assert.equal(measureText({ ...node, measure: { ...m, quality: 'noCases', rate: null } }, 'en'), 'no case · 1/2');
  });
});
