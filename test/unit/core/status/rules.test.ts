// The status rules of docs/criteria-format.md ("Evidence states") on small files, without a file system:
// each state, the overdue boundary, waived leaves and tasks, how parents combine, the scores and their sums,
// the order of units and tasks, and one unit's view.
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { compileRequirements, matchAll } from '../../../../src/core/evidence/match';
import type { CriterionStatus, EvidenceFile, GitFileState, MeasureStatus, State, StatusModel } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { combineCounts, combineStates, computeStatus, filterByUnit, flattenCriteria, sortTasks } from '../../../../src/core/status/computeStatus';

type Leaf = Record<string, unknown>;

/** A criteria file of one area per entry of `areas` (leaves under it), units VP and TP, and `tasks`. */
function model(areas: Leaf[][], files: Array<[string, GitFileState]>, options: { asOf?: string; tasks?: unknown[]; measures?: Map<string, MeasureStatus> } = {}): StatusModel {
  const criteria = areas.map((leaves, i) => ({ id: String(i + 1), title: `Area ${i + 1}`, children: leaves.map((l) => ({ title: `Leaf ${String(l.id)}`, maxScore: 1, owner: 'VP', ...l })) }));
  const text = stringify({ reformEvidence: 1, index: { id: 'x', title: 'x', year: 2025 }, units: { VP: { name: 'Văn phòng' }, TP: { name: 'Tư pháp' } }, criteria, tasks: options.tasks ?? [] });
  const doc = parseCriteria(text, '/w/criteria.yaml');
  assert.deepEqual(doc.problems.filter((p) => p.severity === 'error'), [], 'the test file is valid');
  const evidence: EvidenceFile[] = files.map(([path, git]) => ({ path, git }));
  return computeStatus(doc, matchAll(compileRequirements(doc), evidence), { asOf: options.asOf ?? '2025-11-20', git: true, measures: options.measures });
}

function node(m: StatusModel, id: string): CriterionStatus {
  const found = flattenCriteria(m).find((n) => n.id === id);
  assert.ok(found, `criterion ${id}`);
  return found;
}

const pdfs = (id: string, min = 1) => ({ id, evidence: [{ title: 'e', path: `${id}/*.pdf`, min }] });

describe('status rules (docs/criteria-format.md)', () => {
  it('each state of a leaf: missing, partial (fewer than min, or one of two requirements), present, committed, waived', () => {
    const m = model(
      [[pdfs('1.1'), pdfs('1.2', 2), { id: '1.3', evidence: [{ title: 'a', path: '1.3/a/*.pdf' }, { title: 'b', path: '1.3/b/*.pdf' }] }, pdfs('1.4'), pdfs('1.5'), { ...pdfs('1.6'), notApplicable: 'n/a' }, { id: '1.7', evidence: [] }]],
      [
        ['1.2/x.pdf', 'committed'],
        ['1.3/a/x.pdf', 'committed'],
        ['1.4/x.pdf', 'committed'],
        ['1.4/y.pdf', 'untracked'],
        ['1.5/x.pdf', 'committed'],
        ['1.5/y.pdf', 'committed'],
        ['1.6/x.pdf', 'committed'],
      ],
    );
    const states = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7'].map((id) => node(m, id).state);
    assert.deepEqual(states, ['missing', 'partial', 'partial', 'present', 'committed', 'waived', 'missing']);
    assert.deepEqual(node(m, '1.2').requirements.map((r) => [r.min, r.met, r.files.length]), [[2, false, 1]]);
    assert.deepEqual(node(m, '1.3').requirements.map((r) => r.met), [true, false]);
  });

  it('committed needs every file of every requirement committed', () => {
    const m = model([[{ id: '1.1', evidence: [{ title: 'a', path: '1.1/a/*.pdf' }, { title: 'b', path: '1.1/b/*.pdf' }] }]], [['1.1/a/x.pdf', 'committed'], ['1.1/b/x.pdf', 'untracked']]);
    assert.equal(node(m, '1.1').state, 'present');
  });

  it('kinds, the index and the count of problems: areas are `area`, groups and leaves `criterion`; errors and warnings apart', () => {
    const criteria = [
      { id: '1', title: 'Area', children: [{ id: '1.1', title: 'Group', children: [{ id: '1.1.1', title: 'Leaf', maxScore: 1, owner: 'VP', selfScore: 2, evidence: [] }] }] },
      { id: '2', title: 'Area without criteria', maxScore: 1, owner: 'VP', evidence: [] },
    ];
    const doc = parseCriteria(stringify({ reformEvidence: 1, index: { id: 'x', title: 'Bộ chỉ số', year: 2025 }, units: { VP: { name: 'V' } }, criteria }), '/w/criteria.yaml');
    const m = computeStatus(doc, matchAll(compileRequirements(doc), []), { asOf: '2025-11-20', git: false });
    assert.deepEqual(['1', '1.1', '1.1.1', '2'].map((id) => [node(m, id).kind, node(m, id).leaf]), [
      ['area', false],
      ['criterion', false],
      ['criterion', true],
      ['area', true],
    ]);
    assert.deepEqual([m.index.id, m.index.title, m.index.year], ['x', 'Bộ chỉ số', 2025]);
    const errors = doc.problems.filter((p) => p.severity === 'error').length;
    assert.ok(doc.problems.length > errors, 'the selfScore above the maxScore is a warning');
    assert.deepEqual(m.problems, { errors, warnings: doc.problems.length - errors });
    assert.equal(m.git, false);
  });

  it('a modified file keeps a leaf present, not committed', () => {
    const m = model([[pdfs('1.1')]], [['1.1/x.pdf', 'modified']]);
    assert.equal(node(m, '1.1').state, 'present');
  });

  it('overdue: a due date before the as-of date, not complete; a due date equal to it is not overdue', () => {
    const leaves = [
      { ...pdfs('1.1'), due: '2025-11-19' },
      { ...pdfs('1.2'), due: '2025-11-20' },
      { ...pdfs('1.3'), due: '2025-11-19' },
      { ...pdfs('1.4'), due: '2025-11-19', notApplicable: 'n/a' },
      { ...pdfs('1.5', 2), due: '2025-01-01' },
      pdfs('1.6'),
    ];
    const m = model([leaves], [['1.3/x.pdf', 'committed'], ['1.5/x.pdf', 'untracked']]);
    assert.deepEqual(
      ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6'].map((id) => node(m, id).overdue),
      [true, false, false, false, true, false],
      'past and missing, due today, complete, waived, past and partial, no due date',
    );
    assert.equal(node(m, '1').overdue, true, 'an area with an overdue leaf is overdue');
    assert.equal(m.totals.overdue, 2);
    assert.deepEqual(m.byArea.map((a) => a.overdue), [2]);
  });

  it('tasks: overdue past their due date unless complete; a task whose linked criteria are all waived is never overdue', () => {
    const m = model(
      [[pdfs('1.1'), { ...pdfs('1.2'), notApplicable: 'n/a' }, pdfs('1.3')]],
      [['1.3/x.pdf', 'committed'], ['t/3/x.pdf', 'untracked']],
      {
        tasks: [
          { id: 'NV-1', title: 'past, missing', owner: 'VP', due: '2025-11-01', criteria: ['1.1'] },
          { id: 'NV-2', title: 'past, waived', owner: 'VP', due: '2025-11-01', criteria: ['1.2'] },
          { id: 'NV-3', title: 'past, own evidence present', owner: 'TP', due: '2025-11-01', criteria: ['1.1'], evidence: [{ title: 't', path: 't/3/*.pdf' }] },
          { id: 'NV-4', title: 'due today', owner: 'TP', due: '2025-11-20', criteria: ['1.1'] },
          { id: 'NV-5', title: 'past, linked committed', owner: 'TP', due: '2025-11-01', criteria: ['1.3'] },
        ],
      },
    );
    const byId = new Map(m.tasks.map((t) => [t.id, t]));
    assert.deepEqual(['NV-1', 'NV-2', 'NV-3', 'NV-4', 'NV-5'].map((id) => [byId.get(id)!.state, byId.get(id)!.overdue]), [
      ['missing', true],
      ['waived', false],
      ['present', false],
      ['missing', false],
      ['committed', false],
    ]);
    // NV-1 makes 1.1 overdue (it has no due date of its own); the index total adds the overdue task.
    assert.equal(node(m, '1.1').overdue, true);
    assert.equal(node(m, '1.3').overdue, false, 'complete');
    assert.equal(m.totals.overdue, 2, 'the leaf 1.1 and the task NV-1');
    assert.equal(m.byUnit.find((u) => u.id === 'VP')!.overdue, 2, "the unit's overdue leaf and task");
    assert.equal(m.byUnit.find((u) => u.id === 'TP')!.overdue, 0);
  });

  it("a task linked to an area is judged by the area's leaves", () => {
    const m = model([[pdfs('1.1'), pdfs('1.2')]], [['1.1/x.pdf', 'committed'], ['1.2/x.pdf', 'committed']], {
      tasks: [{ id: 'NV-1', title: 't', owner: 'VP', due: '2025-01-01', criteria: ['1'] }],
    });
    assert.deepEqual([m.tasks[0].state, m.tasks[0].overdue], ['committed', false]);
  });

  it('a parent combines its children: waived left out unless all are waived', () => {
    const cases: Array<[State[], State]> = [
      [[], 'missing'],
      [['waived', 'waived'], 'waived'],
      [['committed', 'committed', 'waived'], 'committed'],
      [['committed', 'present'], 'present'],
      [['present', 'waived'], 'present'],
      [['missing', 'missing', 'waived'], 'missing'],
      [['missing', 'committed'], 'partial'],
      [['partial', 'committed'], 'partial'],
      [['missing', 'present'], 'partial'],
    ];
    for (const [states, expected] of cases) {
      assert.equal(combineStates(states), expected, states.join(','));
      const counts = { missing: 0, partial: 0, present: 0, committed: 0, waived: 0 };
      for (const s of states) counts[s]++;
      assert.equal(combineCounts(counts), expected, `counts of ${states.join(',')}`);
    }
  });

  it('scores: max = secured + atRisk + waived at every node; secured is the maxScore of complete leaves', () => {
    const m = model(
      [
        [{ ...pdfs('1.1'), maxScore: 2, owner: 'VP' }, { ...pdfs('1.2'), maxScore: 1.5, owner: 'TP' }, { ...pdfs('1.3'), maxScore: 0.5, owner: 'VP', notApplicable: 'n/a' }],
        [{ ...pdfs('2.1'), maxScore: 3, owner: 'TP' }],
      ],
      [['1.1/x.pdf', 'committed'], ['2.1/x.pdf', 'untracked']],
    );
    const t = (id: string) => {
      const n = node(m, id);
      return { max: n.totals.max, secured: n.totals.secured, atRisk: n.totals.atRisk, waived: n.totals.waived, criteria: n.totals.criteria, complete: n.totals.complete, missing: n.totals.missing };
    };
    assert.deepEqual(t('1.1'), { max: 2, secured: 2, atRisk: 0, waived: 0, criteria: 1, complete: 1, missing: 0 });
    assert.deepEqual(t('1.2'), { max: 1.5, secured: 0, atRisk: 1.5, waived: 0, criteria: 1, complete: 0, missing: 1 });
    assert.deepEqual(t('1.3'), { max: 0.5, secured: 0, atRisk: 0, waived: 0.5, criteria: 0, complete: 0, missing: 0 });
    assert.deepEqual(t('1'), { max: 4, secured: 2, atRisk: 1.5, waived: 0.5, criteria: 2, complete: 1, missing: 1 });
    assert.equal(node(m, '1').secured, 2);
    assert.deepEqual(
      { max: m.totals.max, secured: m.totals.secured, atRisk: m.totals.atRisk, waived: m.totals.waived, criteria: m.totals.criteria, complete: m.totals.complete, missing: m.totals.missing },
      { max: 7, secured: 5, atRisk: 1.5, waived: 0.5, criteria: 3, complete: 2, missing: 1 },
    );
    assert.deepEqual(m.byArea.map((a) => [a.id, a.title, a.max, a.secured]), [['1', 'Area 1', 4, 2], ['2', 'Area 2', 3, 3]]);
    // Units: most points at risk first (TP 1.5, VP 0); their own sums.
    assert.deepEqual(m.byUnit.map((u) => [u.id, u.name, u.max, u.secured, u.atRisk, u.waived]), [
      ['TP', 'Tư pháp', 4.5, 3, 1.5, 0],
      ['VP', 'Văn phòng', 2.5, 2, 0, 0.5],
    ]);
    assert.equal(node(m, '1').kind, 'area');
    assert.equal(node(m, '1.1').kind, 'criterion');
  });

  it('units with equal points at risk are sorted by id; the model says whether Git was read and counts problems', () => {
    const m = model([[{ ...pdfs('1.1'), owner: 'VP' }, { ...pdfs('1.2'), owner: 'TP' }]], []);
    assert.deepEqual(m.byUnit.map((u) => u.id), ['TP', 'VP']);
    assert.equal(m.git, true);
    assert.deepEqual(m.problems, { errors: 0, warnings: 0 });
    assert.equal(m.asOf, '2025-11-20');
    assert.equal(m.schemaVersion, 1);
  });

  it('a measured leaf secures the score of its rate (at most its maxScore); without a computed figure it is partial and secures 0', () => {
    const measureOf = (score: number | null, quality: MeasureStatus['quality']): MeasureStatus => ({ rate: 50, numerator: 1, denominator: 2, score, over: 'year', periods: [], dataFile: 'd.csv', fullAt: 80, quality });
    const spec = { period: 'Tháng', numerator: 'a', denominator: 'b', bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }] };
    const leaves = ['1.1', '1.2', '1.3', '1.4'].map((id) => ({ ...pdfs(id), maxScore: 2, measure: { ...spec, data: `${id}/d.csv` } }));
    const files: Array<[string, GitFileState]> = ['1.1', '1.2', '1.3', '1.4'].flatMap((id): Array<[string, GitFileState]> => [[`${id}/x.pdf`, 'committed'], [`${id}/d.csv`, 'committed']]);
    const m = model([leaves], files, { measures: new Map([['1.1', measureOf(1.25, 'ok')], ['1.2', measureOf(5, 'ok')], ['1.3', measureOf(null, 'unknown')]]) });
    assert.deepEqual(['1.1', '1.2', '1.3', '1.4'].map((id) => [node(m, id).state, node(m, id).totals.secured, node(m, id).totals.atRisk, node(m, id).measure?.quality]), [
      ['committed', 1.25, 0.75, 'ok'],
      ['committed', 2, 0, 'ok'],
      ['partial', 0, 2, 'unknown'],
      ['partial', 0, 2, 'unknown'],
    ]);
    assert.equal(node(m, '1.4').measure?.score, null, 'not computed: no score');
  });

  it('tasks: overdue first, then by due date (none last), then by id', () => {
    const task = (id: string, overdue: boolean, due?: string) => ({ id, overdue, due }) as never;
    const sorted = sortTasks([task('B', false, '2025-12-01'), task('A', false), task('C', true, '2025-11-01'), task('A2', false, '2025-12-01'), task('D', true, '2025-10-01'), task('E', false, '2025-11-30')]);
    assert.deepEqual(sorted.map((t: { id: string }) => t.id), ['D', 'C', 'E', 'A2', 'B', 'A']);
  });

  it("one unit's view: its leaves with their ancestors, its tasks (owner or support), its own totals", () => {
    const m = model(
      [
        [{ ...pdfs('1.1'), owner: 'VP' }, { ...pdfs('1.2'), owner: 'TP' }],
        [{ ...pdfs('2.1'), owner: 'TP' }],
      ],
      [['1.1/x.pdf', 'committed']],
      {
        tasks: [
          { id: 'NV-1', title: 'a', owner: 'VP', due: '2025-12-01', criteria: ['1.1'] },
          { id: 'NV-2', title: 'b', owner: 'TP', support: ['VP'], due: '2025-12-01', criteria: ['1.2'] },
          { id: 'NV-3', title: 'c', owner: 'TP', due: '2025-12-01', criteria: ['2.1'] },
        ],
      },
    );
    const vp = filterByUnit(m, 'VP');
    assert.deepEqual(flattenCriteria(vp).map((n) => n.id), ['1', '1.1']);
    assert.deepEqual(vp.tasks.map((t) => t.id), ['NV-1', 'NV-2']);
    assert.equal(node(vp, '1').state, 'committed', "the area's state from the unit's leaves only");
    assert.deepEqual([node(vp, '1').totals.max, node(vp, '1').secured], [1, 1]);
    assert.deepEqual([vp.totals.max, vp.totals.secured, vp.totals.atRisk], [1, 1, 0]);
    assert.deepEqual(vp.byUnit.map((u) => u.id), ['VP']);
    assert.deepEqual(vp.byArea.map((a) => [a.id, a.max]), [['1', 1]]);
    const tp = filterByUnit(m, 'TP');
    assert.deepEqual(flattenCriteria(tp).map((n) => n.id), ['1', '1.2', '2', '2.1']);
    assert.equal(node(tp, '1').state, 'missing');
    assert.deepEqual([tp.totals.max, tp.totals.atRisk], [2, 2]);
    const nobody = filterByUnit(m, 'XX');
    assert.deepEqual([nobody.areas, nobody.tasks, nobody.totals.max], [[], [], 0]);
  });
});
