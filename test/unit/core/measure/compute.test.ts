// computeMeasures and monthsOf as docs/measures.md states them, without a disk: the data file is handed in
// through `readTable` and its presence through the match state. Pure and fast: run first by mutation testing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { computeMeasures, monthsOf, prefetchTables, type TableCache } from '../../../../src/core/measure/compute';
import { parseCsv, type Table, type TableResult } from '../../../../src/core/measure/table';
import { requirementKey, type MatchState } from '../../../../src/core/evidence/match';
import type { CriteriaDoc, EvidenceFile } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { cleanupTempDirs, tempDir } from '../../helpers';
import { measuredCriteria, measureLines, SPEC } from './fixtures';

const FILE = '/ws/criteria.yaml';
const HEADER = 'Tháng;Đã thanh toán;Phải nộp phí\n';

function table(csv: string): Table {
  const result = parseCsv(Buffer.from(csv, 'utf8'));
  assert.ok('table' in result, JSON.stringify(result));
  return result.table;
}

/** A criteria file whose leaf 1.1 (maxScore 2) is measured from evidence/3/tt.csv; `extra` adds measure lines. */
function measured(extra = '', year = 'year: 2025, ', file = FILE): CriteriaDoc {
  return parseCriteria(measuredCriteria({ index: `{ id: t, title: T, ${year}evidenceRoot: evidence }`, measure: measureLines('3/tt.csv', extra) }), file);
}

const BANDS = '          bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }]\n';

/** The match state in which the data file of 1.1 is present (or not). */
function matchState(doc: CriteriaDoc, present = true): MatchState {
  const requirement = doc.byId.get('1.1')!.evidence.find((r) => r.data);
  assert.ok(requirement, 'the data file is a requirement of its leaf');
  const files = new Map<string, EvidenceFile>();
  if (present) files.set('3/tt.csv', { path: '3/tt.csv', git: 'committed' } as EvidenceFile);
  return { requirements: [], files: new Map(files), matches: new Map([[requirementKey('criterion', '1.1', requirement.index), files]]) };
}

/** computeMeasures with the CSV `csv` as the data file; records the files read. */
async function compute(doc: CriteriaDoc, csv: string | TableResult, options: { asOf?: string; present?: boolean; locale?: 'en' | 'vi' } = {}) {
  const read: string[] = [];
  const result = await computeMeasures(doc, matchState(doc, options.present ?? true), {
    asOf: options.asOf ?? '2025-10-31',
    locale: options.locale,
    readTable: (file) => {
      read.push(file);
      return Promise.resolve(typeof csv === 'string' ? parseCsv(Buffer.from(csv, 'utf8')) : csv);
    },
  });
  return { ...result, read, status: result.byId.get('1.1') };
}

describe('measures: computeMeasures', () => {
  it('reads the data file under evidenceRoot and scores the summed rate of the year by the bands', async () => {
    const doc = measured(BANDS);
    const { status, read, problems } = await compute(doc, HEADER + '2025-01;30;50\n2025-02;20;50\n2024-12;0;100\n');
    assert.deepEqual(read, [path.resolve('/ws', 'evidence', '3/tt.csv')]);
    assert.deepEqual(problems, []);
    assert.equal(status?.quality, 'ok');
    assert.equal(status?.rate, 50);
    assert.equal(status?.score, 1);
    assert.deepEqual(status?.periods.map((p) => p.period), ['2025-01', '2025-02']);
  });

  it('a measured leaf whose data file is not there is "missing": nothing is read, no score', async () => {
    const { status, read, problems } = await compute(measured(BANDS), HEADER + '2025-01;1;1\n', { present: false });
    assert.deepEqual(read, []);
    assert.deepEqual(problems, []);
    assert.deepEqual([status?.quality, status?.rate, status?.score], ['missing', null, null]);
  });

  it('a measure with an error (RE156: both bands and proportional) is ignored: never read, never scored', async () => {
    const doc = measured(BANDS + '          proportional: { target: 90 }\n');
    assert.ok(doc.problems.some((p) => p.code === 'RE156'));
    const { status, read } = await compute(doc, HEADER + '2025-01;1;1\n');
    assert.deepEqual(read, []);
    assert.deepEqual([status?.quality, status?.score], ['missing', null]);
  });

  it('a waived measured leaf has no measure status', async () => {
    const doc = measured(BANDS + '        notApplicable: Không có dịch vụ thu phí\n');
    const { byId, read } = await compute(doc, HEADER + '2025-01;1;1\n');
    assert.deepEqual([...byId.keys()], []);
    assert.deepEqual(read, []);
  });

  it('without an index year, the months of the as-of year count', async () => {
    const doc = measured(BANDS, '');
    assert.equal(doc.index.year, undefined);
    const { status } = await compute(doc, HEADER + '2024-05;0;10\n2026-01;0;10\n2026-02;9;10\n', { asOf: '2026-03-15' });
    assert.deepEqual(status?.periods.map((p) => p.period), ['2026-01', '2026-02']);
    assert.equal(status?.rate, 45);
  });

  it('an unreadable file is an unknown figure: the problem at its place in the data file, with the criterion', async () => {
    const error: TableResult = { error: { code: 'RE160', args: ['not UTF-8'], line: 3, character: 4 } };
    const { status, problems } = await compute(measured(BANDS), error);
    assert.deepEqual([status?.quality, status?.rate, status?.score], ['unknown', null, null]);
    assert.equal(problems.length, 1);
    const [p] = problems;
    assert.deepEqual([p.code, p.severity, p.file], ['RE160', 'error', path.resolve('/ws', 'evidence', '3/tt.csv')]);
    assert.deepEqual(p.range.start, { line: 3, character: 4 });
    assert.ok(p.range.end.line === 3 && p.range.end.character > 4, JSON.stringify(p.range));
    assert.deepEqual(p.data, { criterion: '1.1', dataFile: '3/tt.csv' });
  });

  it('a bad cell makes the figure unknown (score null, never full marks), at path:line:col', async () => {
    const { status, problems } = await compute(measured(BANDS), HEADER + '2025-01;80;100\n2025-02;nhiều;100\n', { locale: 'vi' });
    assert.deepEqual([status?.quality, status?.rate, status?.score], ['unknown', null, null]);
    assert.deepEqual(problems.map((p) => [p.code, p.range.start.line + 1, p.range.start.character + 1]), [['RE162', 3, 9]]);
    assert.ok(problems[0].message.includes('nhiều'));
  });

  it('reports at most 20 problems per data file', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `${2000 + i}-01;x;1\n`).join('');
    const { problems, status } = await compute(measured(BANDS), HEADER + rows);
    assert.equal(problems.length, 20);
    assert.equal(status?.quality, 'unknown');
  });

  it('no case in the window: noCases zero scores 0 with RE260 naming the year (or the last month with over: latest); full scores maxScore without warning', async () => {
    const csv = HEADER + '2025-01;0;0\n2025-02;0;0\n';
    const zero = await compute(measured(BANDS), csv);
    assert.deepEqual([zero.status?.quality, zero.status?.rate, zero.status?.score], ['noCases', null, 0]);
    assert.equal(zero.problems.length, 1);
    assert.deepEqual([zero.problems[0].code, zero.problems[0].severity, zero.problems[0].file], ['RE260', 'warning', FILE]);
    assert.ok(zero.problems[0].message.includes('2025'), zero.problems[0].message);
    assert.deepEqual(zero.problems[0].data, { criterion: '1.1' });
    assert.equal(zero.problems[0].range.start.line + 1, 13, 'at the measure\'s data line');

    const latest = await compute(measured(BANDS + '          over: latest\n'), csv);
    assert.ok(latest.problems[0].message.includes('2025-02'), latest.problems[0].message);

    const full = await compute(measured(BANDS + '          noCases: full\n'), csv);
    assert.deepEqual([full.status?.quality, full.status?.rate, full.status?.score], ['noCases', null, 2]);
    assert.deepEqual(full.problems, []);
  });
});

describe('measures: monthsOf', () => {
  it('places a missing column on the header row, which is the first non-empty row', () => {
    const { problems } = monthsOf(table('\n\nTháng;Khác\n2025-01;1\n'), SPEC);
    assert.deepEqual(problems.map((p) => [p.code, p.at.line + 1]), [['RE161', 3], ['RE161', 3]]);
  });

  it('each missing column alone makes the table give no month, with one RE161 naming it', () => {
    for (const [header, missing] of [['Đã thanh toán;Phải nộp phí', 'Tháng'], ['Tháng;Phải nộp phí', 'Đã thanh toán'], ['Tháng;Đã thanh toán', 'Phải nộp phí']]) {
      const { periods, problems } = monthsOf(table(`${header}\n2025-01;1\n`), SPEC);
      assert.deepEqual(problems.map((p) => [p.code, p.args[0]]), [['RE161', missing]], header);
      assert.deepEqual(periods, [], header);
    }
  });

  it('a row without a month cell at all is "not a month", named as "", at its first cell', () => {
    const { problems } = monthsOf(table('Đã thanh toán;Phải nộp phí;Tháng\n1;2\n'), SPEC);
    assert.deepEqual(problems.map((p) => [p.code, ...p.args, p.at.line + 1, p.at.character + 1]), [['RE169', '', 2, 1]]);
  });

  it('a row with a bad figure gives no month; the other rows still do', () => {
    const { periods, problems } = monthsOf(table(HEADER + '2025-01;abc;10\n2025-02;1;2\n2025-03;3;-4\n'), SPEC);
    assert.deepEqual(problems.map((p) => p.code), ['RE162', 'RE163']);
    assert.deepEqual(periods.map((p) => [p.period, p.numerator, p.denominator]), [['2025-02', 1, 2]]);
  });

  it('a row whose month cell is empty is "not a month", named as ""', () => {
    const { problems } = monthsOf(table(HEADER + ';1;2\n'), SPEC);
    assert.deepEqual(problems.map((p) => [p.code, ...p.args, p.at.line + 1]), [['RE169', '', 2]]);
  });

  it('a row with a missing figure cell names it as ""', () => {
    const { problems } = monthsOf(table(HEADER + '2025-01;1\n'), SPEC);
    assert.deepEqual(problems.map((p) => [p.code, ...p.args, p.at.line + 1]), [['RE162', '', 2]]);
  });
});

describe('measures: prefetchTables', () => {
  after(cleanupTempDirs);
  const CSV = HEADER + '2025-01;9;10\n';

  /** A workspace with criteria.yaml measuring 1.1 from evidence/3/tt.csv; `extra` adds measure lines. */
  function workspace(extra = BANDS): { dir: string; doc: CriteriaDoc; data: string } {
    const dir = tempDir('re-prefetch-');
    mkdirSync(path.join(dir, 'evidence/3'), { recursive: true });
    return { dir, doc: measured(extra, 'year: 2025, ', path.join(dir, 'criteria.yaml')), data: path.join(dir, 'evidence/3/tt.csv') };
  }

  it('reads a measured leaf\'s data file ahead; computeMeasures then uses it without reading the disk again', async () => {
    const { doc, data } = workspace();
    writeFileSync(data, CSV);
    const cache: TableCache = new Map();
    const readNow = await prefetchTables(doc, cache);
    assert.equal(readNow.size, 1);
    assert.equal(cache.size, 1);
    rmSync(data);
    const { byId } = await computeMeasures(doc, matchState(doc), { asOf: '2025-10-31', cache, readNow });
    assert.deepEqual([byId.get('1.1')?.quality, byId.get('1.1')?.rate], ['ok', 90]);
  });

  it('reads nothing when there is no measure, no file, a link leading outside the workspace, a waived leaf or an invalid measure', async () => {
    const cases: Array<[string, () => CriteriaDoc]> = [
      ['no measure', () => parseCriteria('reformEvidence: 1\nindex: { id: t, title: T, year: 2025 }\nunits: { VP: { name: V } }\ncriteria: []\n', path.join(tempDir(), 'criteria.yaml'))],
      ['no file', () => workspace().doc],
      ['a link outside', () => {
        const { doc, data } = workspace();
        const outside = path.join(tempDir('re-outside-'), 'tt.csv');
        writeFileSync(outside, CSV);
        symlinkSync(outside, data);
        return doc;
      }],
      ['waived', () => {
        const { doc, data } = workspace(BANDS + '        notApplicable: Không thu phí\n');
        writeFileSync(data, CSV);
        return doc;
      }],
      ['invalid measure', () => {
        const { doc, data } = workspace('');
        writeFileSync(data, CSV);
        return doc;
      }],
      ['no workspace folder', () => {
        const { dir, doc, data } = workspace();
        writeFileSync(data, CSV);
        rmSync(dir, { recursive: true, force: true });
        return doc;
      }],
    ];
    for (const [name, make] of cases) {
      const cache: TableCache = new Map();
      const readNow = await prefetchTables(make(), cache);
      assert.deepEqual([readNow.size, cache.size], [0, 0], name);
    }
  });

  it('a link to a file inside the workspace is read', async () => {
    const { doc, data, dir } = workspace();
    writeFileSync(path.join(dir, 'evidence/real.csv'), CSV);
    symlinkSync(path.join(dir, 'evidence/real.csv'), data);
    const cache: TableCache = new Map();
    assert.equal((await prefetchTables(doc, cache)).size, 1);
  });
});
