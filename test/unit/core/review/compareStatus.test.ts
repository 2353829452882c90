import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CriterionStatus, State, StatusModel, TaskStatus, Totals } from '../../../../src/core/model/types';
import { changedLeaves, compareStatus } from '../../../../src/core/review/compareStatus';
import { emptyTotals, combineStates, isComplete } from '../../../../src/core/status/computeStatus';
import { roundScore } from '../../../../src/core/model/score';

// Hand-built models: leaves say their state, points and owner; parents, areas and totals are summed here.

interface LeafSpec {
  id: string;
  max: number;
  state: State;
  owner?: string;
  overdue?: boolean;
  /** Default: max when complete, else 0. */
  secured?: number;
}

function leaf(spec: LeafSpec): CriterionStatus {
  const secured = spec.secured ?? (isComplete(spec.state) ? spec.max : 0);
  const totals: Totals = { ...emptyTotals(), max: spec.max };
  if (spec.state === 'waived') totals.waived = spec.max;
  else Object.assign(totals, { criteria: 1, secured, atRisk: roundScore(spec.max - secured), complete: isComplete(spec.state) ? 1 : 0, missing: spec.state === 'missing' ? 1 : 0, overdue: spec.overdue ? 1 : 0 });
  return { id: spec.id, title: `Leaf ${spec.id}`, kind: 'criterion', leaf: true, state: spec.state, overdue: spec.overdue ?? false, maxScore: spec.max, secured, owner: spec.owner, requirements: [], children: [], totals };
}

function parent(id: string, children: CriterionStatus[], kind: 'area' | 'criterion' = 'area'): CriterionStatus {
  const totals = emptyTotals();
  for (const c of children) for (const key of Object.keys(totals) as Array<keyof Totals>) totals[key] = roundScore(totals[key] + c.totals[key]);
  return { id, title: `Area ${id}`, kind, leaf: false, state: combineStates(children.map((c) => c.state)), overdue: children.some((c) => c.overdue), maxScore: totals.max, secured: totals.secured, requirements: [], children, totals };
}

function task(id: string, state: State, overdue = false): TaskStatus {
  return { id, title: `Task ${id}`, owner: 'VP', support: [], criteria: [], state, overdue, requirements: [] };
}

const UNITS: Record<string, string> = { VP: 'Văn phòng', TP: 'Phòng Tư pháp' };

function model(areas: CriterionStatus[], tasks: TaskStatus[] = [], units = Object.keys(UNITS)): StatusModel {
  const totals = emptyTotals();
  const byUnit = new Map(units.map((u) => [u, { id: u, name: UNITS[u] ?? u, ...emptyTotals() }]));
  const visit = (n: CriterionStatus) => {
    if (n.leaf && n.owner && byUnit.has(n.owner)) {
      const u = byUnit.get(n.owner)!;
      u.secured = roundScore(u.secured + n.secured);
      u.max = roundScore(u.max + n.maxScore);
    }
    n.children.forEach(visit);
  };
  areas.forEach(visit);
  for (const a of areas) for (const key of Object.keys(totals) as Array<keyof Totals>) totals[key] = roundScore(totals[key] + a.totals[key]);
  return {
    schemaVersion: 1,
    criteriaFile: '/x/criteria.yaml',
    asOf: '2025-11-20',
    index: { id: 'x', title: 'X', evidenceRoot: 'evidence' },
    git: true,
    totals,
    areas,
    tasks,
    byArea: areas.map((a) => ({ id: a.id, title: a.title, ...a.totals })),
    byUnit: [...byUnit.values()],
    problems: { errors: 0, warnings: 0 },
  };
}

/** Area 1 (1.1 VP 1pt, 1.2 TP 2pt) and area 2 (2.1 VP 1.5pt). */
function ward(states: Partial<Record<'1.1' | '1.2' | '2.1', Partial<LeafSpec>>> = {}, tasks: TaskStatus[] = []): StatusModel {
  const l = (id: '1.1' | '1.2' | '2.1', max: number, owner: string) => leaf({ id, max, owner, state: 'missing', ...states[id] });
  return model([parent('1', [l('1.1', 1, 'VP'), l('1.2', 2, 'TP')]), parent('2', [l('2.1', 1.5, 'VP')])], tasks);
}

describe('compareStatus', () => {
  it('reports nothing between equal models', () => {
    const m = ward({ '1.1': { state: 'committed' } }, [task('NV-01', 'partial', true)]);
    const c = compareStatus(m, ward({ '1.1': { state: 'committed' } }, [task('NV-01', 'partial', true)]));
    assert.deepEqual(c.criteria, []);
    assert.deepEqual(c.tasks, []);
    assert.deepEqual(c.total, { id: '', name: '', before: 1, after: 1, gained: 0, lost: 0 });
    assert.equal(c.securedLost, false);
    assert.deepEqual(c.byArea.map((a) => [a.id, a.gained, a.lost]), [['1', 0, 0], ['2', 0, 0]]);
  });

  it('counts a completed criterion as points gained for its area, its unit and the total', () => {
    const before = ward({ '1.2': { state: 'partial' } });
    const after = ward({ '1.2': { state: 'committed' } });
    const c = compareStatus(before, after);
    assert.deepEqual(changedLeaves(c), [
      { kind: 'criterion', id: '1.2', title: 'Leaf 1.2', leaf: true, owner: 'TP', area: '1', before: { state: 'partial', overdue: false, secured: 0, maxScore: 2 }, after: { state: 'committed', overdue: false, secured: 2, maxScore: 2 }, delta: 2 },
    ]);
    // The area changed too (partial → partial, 0 → 2 points): listed as a parent.
    assert.deepEqual(c.criteria.filter((x) => !x.leaf).map((x) => [x.id, x.delta, x.before?.state, x.after?.state]), [['1', 2, 'partial', 'partial']]);
    assert.deepEqual(c.total, { id: '', name: '', before: 0, after: 2, gained: 2, lost: 0 });
    assert.deepEqual(c.byArea, [
      { id: '1', name: 'Area 1', before: 0, after: 2, gained: 2, lost: 0 },
      { id: '2', name: 'Area 2', before: 0, after: 0, gained: 0, lost: 0 },
    ]);
    assert.deepEqual(c.byUnit, [
      { id: 'VP', name: 'Văn phòng', before: 0, after: 0, gained: 0, lost: 0 },
      { id: 'TP', name: 'Phòng Tư pháp', before: 0, after: 2, gained: 2, lost: 0 },
    ]);
    assert.equal(c.securedLost, false);
    assert.deepEqual(c.totals.before.secured, 0);
    assert.deepEqual(c.totals.after, { max: 4.5, secured: 2, atRisk: 2.5, overdue: 0, complete: 1, criteria: 3 });
  });

  it('flags secured points lost, kept apart from the points gained elsewhere in the same change', () => {
    const before = ward({ '1.1': { state: 'committed' }, '2.1': { state: 'partial' } });
    const after = ward({ '1.1': { state: 'partial' }, '2.1': { state: 'committed' } });
    const c = compareStatus(before, after);
    assert.equal(c.securedLost, true);
    assert.deepEqual(c.total, { id: '', name: '', before: 1, after: 1.5, gained: 1.5, lost: 1 });
    assert.deepEqual(c.byArea.map((a) => [a.id, a.before, a.after, a.gained, a.lost]), [['1', 1, 0, 0, 1], ['2', 0, 1.5, 1.5, 0]]);
    // Both leaves belong to VP: the unit gained 1.5 and lost 1, not "gained 0.5".
    assert.deepEqual(c.byUnit.find((u) => u.id === 'VP'), { id: 'VP', name: 'Văn phòng', before: 1, after: 1.5, gained: 1.5, lost: 1 });
    assert.deepEqual(changedLeaves(c).map((x) => [x.id, x.delta]), [['1.1', -1], ['2.1', 1.5]]);
  });

  it('lists a change of the overdue flag alone, with no points moving', () => {
    const c = compareStatus(ward({ '1.2': { state: 'partial' } }), ward({ '1.2': { state: 'partial', overdue: true } }));
    assert.deepEqual(changedLeaves(c).map((x) => [x.id, x.before?.overdue, x.after?.overdue, x.delta]), [['1.2', false, true, 0]]);
    assert.equal(c.total.gained + c.total.lost, 0);
    assert.equal(c.securedLost, false);
  });

  it('lists a change of state alone (committed evidence modified in the work tree)', () => {
    const c = compareStatus(ward({ '2.1': { state: 'committed' } }), ward({ '2.1': { state: 'present' } }));
    assert.deepEqual(changedLeaves(c).map((x) => [x.id, x.before?.state, x.after?.state, x.delta]), [['2.1', 'committed', 'present', 0]]);
    assert.equal(c.securedLost, false);
  });

  it('lists a change of the points alone (a measured leaf whose rate fell)', () => {
    const c = compareStatus(ward({ '1.2': { state: 'committed', secured: 2 } }), ward({ '1.2': { state: 'committed', secured: 1.5 } }));
    assert.deepEqual(changedLeaves(c).map((x) => [x.id, x.delta]), [['1.2', -0.5]]);
    assert.equal(c.total.lost, 0.5);
    assert.equal(c.securedLost, true);
  });

  it('counts a removed leaf as a loss and an added one as a gain, each with one side only', () => {
    const before = model([parent('1', [leaf({ id: '1.1', max: 1, owner: 'VP', state: 'committed' })])]);
    const after = model([parent('1', [leaf({ id: '1.2', max: 1, owner: 'TP', state: 'committed' })])]);
    const c = compareStatus(before, after);
    const added = c.criteria.find((x) => x.id === '1.2')!;
    const removed = c.criteria.find((x) => x.id === '1.1')!;
    assert.equal(added.before, undefined);
    assert.equal(added.after?.secured, 1);
    assert.equal(removed.after, undefined);
    assert.equal(removed.before?.secured, 1);
    assert.equal(removed.delta, -1);
    assert.equal(c.criteria.at(-1)?.id, '1.1', 'removed items come last');
    assert.deepEqual([c.total.gained, c.total.lost, c.securedLost], [1, 1, true]);
    assert.deepEqual(c.byUnit.map((u) => [u.id, u.gained, u.lost]), [['VP', 0, 1], ['TP', 1, 0]]);
  });

  it('moves the points of a leaf handed to another unit or area from the old place to the new', () => {
    const before = model([parent('1', [leaf({ id: '1.1', max: 1, owner: 'VP', state: 'committed' })]), parent('2', [])]);
    const after = model([parent('1', []), parent('2', [leaf({ id: '1.1', max: 1, owner: 'TP', state: 'committed' })])]);
    const c = compareStatus(before, after);
    assert.deepEqual(c.byUnit.map((u) => [u.id, u.gained, u.lost]), [['VP', 0, 1], ['TP', 1, 0]]);
    assert.deepEqual(c.byArea.map((a) => [a.id, a.gained, a.lost]), [['1', 0, 1], ['2', 1, 0]]);
    assert.deepEqual([c.total.gained, c.total.lost, c.securedLost], [0, 0, false], 'the index as a whole lost nothing');
  });

  it('leaves out owners that are not declared units', () => {
    const before = model([parent('1', [leaf({ id: '1.1', max: 1, owner: 'XX', state: 'missing' })])]);
    const after = model([parent('1', [leaf({ id: '1.1', max: 1, owner: 'XX', state: 'committed' })])]);
    const c = compareStatus(before, after);
    assert.deepEqual(c.byUnit.map((u) => u.id), ['VP', 'TP']);
    assert.deepEqual(c.byUnit.map((u) => u.gained), [0, 0]);
    assert.equal(c.total.gained, 1);
  });

  it('compares tasks by state and overdue flag, added and removed included', () => {
    const before = ward({}, [task('NV-01', 'missing', true), task('NV-02', 'partial'), task('NV-03', 'committed')]);
    const after = ward({}, [task('NV-01', 'committed'), task('NV-02', 'partial', true), task('NV-04', 'missing')]);
    const c = compareStatus(before, after);
    assert.deepEqual(
      c.tasks.map((x) => [x.id, x.before?.state, x.before?.overdue, x.after?.state, x.after?.overdue, x.delta, x.kind]),
      [
        ['NV-01', 'missing', true, 'committed', false, 0, 'task'],
        ['NV-02', 'partial', false, 'partial', true, 0, 'task'],
        ['NV-04', undefined, undefined, 'missing', false, 0, 'task'],
        ['NV-03', 'committed', false, undefined, undefined, 0, 'task'],
      ],
    );
    assert.equal(c.tasks[0].title, 'Task NV-01');
    assert.equal(c.tasks[0].owner, 'VP');
    assert.deepEqual(c.criteria, []);
  });

  it('keeps gained − lost equal to the change of secured points, for the total and each area and unit (property)', () => {
    const states: State[] = ['missing', 'partial', 'present', 'committed', 'waived'];
    const side = fc.record({ state: fc.constantFrom(...states), owner: fc.constantFrom('VP', 'TP'), area: fc.constantFrom('1', '2'), max: fc.constantFrom(0.25, 0.5, 1, 2), present: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.tuple(side, side), { maxLength: 12 }), (leaves) => {
        const build = (pick: 0 | 1) => {
          const byArea: Record<string, CriterionStatus[]> = { '1': [], '2': [] };
          leaves.forEach((pair, i) => {
            const s = pair[pick];
            if (s.present) byArea[s.area].push(leaf({ id: `L${i}`, max: s.max, owner: s.owner, state: s.state }));
          });
          return model([parent('1', byArea['1']), parent('2', byArea['2'])]);
        };
        const before = build(0);
        const after = build(1);
        const c = compareStatus(before, after);
        for (const d of [c.total, ...c.byArea, ...c.byUnit]) assert.equal(roundScore(d.gained - d.lost), roundScore(d.after - d.before), `${d.id}`);
        assert.equal(c.securedLost, c.total.lost > 0);
      }),
    );
  });
});
