import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CriterionStatus, StatusModel } from '../../../../src/core/model/types';
import { flattenCriteria } from '../../../../src/core/status/computeStatus';
import { criteriaNeedingEvidence, indexOf, keptCriteria, leavesOf, needsEvidence, shownModel, taskKept } from '../../../../src/core/status/modelView';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';

const EXAMPLE = path.resolve(__dirname, '../../../../../examples/ward-2025/criteria.yaml');

// The filters and grouping of the Evidence and Tasks views, over the example's model.
describe('what the views show of a model (core/status/modelView)', () => {
  let model: StatusModel;
  let all: CriterionStatus[];
  before(async () => {
    model = (await loadWorkspace(EXAMPLE, { asOf: '2025-11-20', useGit: false })).model;
    all = flattenCriteria(model);
  });

  it('indexes every criterion with its parent, and the leaves by owning unit in document order', () => {
    const index = indexOf(model);
    assert.equal(index, indexOf(model), 'computed once per model');
    assert.deepEqual([...index.byId.keys()], all.map((c) => c.id));
    for (const area of model.areas) assert.equal(index.parentOf.get(area.id), undefined);
    for (const c of all) for (const child of c.children) assert.equal(index.parentOf.get(child.id), c.id);
    const grouped = [...index.leavesByUnit.values()].flat();
    assert.equal(grouped.length, leavesOf(model).length, 'every leaf in one group');
    for (const [unit, leaves] of index.leavesByUnit) {
      for (const leaf of leaves) assert.equal(leaf.owner ?? '', unit);
      assert.deepEqual(leaves, leavesOf(model).filter((l) => (l.owner ?? '') === unit), `order of ${unit}`);
    }
    assert.equal(index.unitNames.size, model.byUnit.length);
  });

  for (const filter of ['missing', 'overdue'] as const) {
    it(`filter "${filter}" keeps exactly its leaves and their ancestors`, () => {
      const kept = keptCriteria(model, filter)!;
      const wanted = (leaf: CriterionStatus) => (filter === 'missing' ? needsEvidence(leaf) : leaf.overdue);
      const keptLeaves = leavesOf(model).filter((l) => kept.has(l.id));
      assert.ok(keptLeaves.length > 0 && keptLeaves.length < leavesOf(model).length, 'the example has some of each');
      assert.deepEqual(keptLeaves, leavesOf(model).filter(wanted));
      const index = indexOf(model);
      for (const id of kept) {
        const parent = index.parentOf.get(id);
        if (parent !== undefined) assert.ok(kept.has(parent), `${parent}, parent of ${id}`);
        const node = index.byId.get(id)!;
        if (!node.leaf) assert.ok(node.children.some((c) => kept.has(c.id)), `${id} kept only for a kept child`);
      }
      assert.equal(keptCriteria(model, filter), kept, 'computed once per model and filter');
    });
  }

  it('"all" and "my unit" keep every criterion; tasks follow the same rules', () => {
    assert.equal(keptCriteria(model, 'all'), undefined);
    assert.equal(keptCriteria(model, 'myUnit'), undefined);
    assert.ok(model.tasks.length > 0);
    for (const task of model.tasks) {
      assert.equal(taskKept(task, 'all'), true);
      assert.equal(taskKept(task, 'missing'), needsEvidence(task));
      assert.equal(taskKept(task, 'overdue'), task.overdue);
    }
    assert.equal(needsEvidence({ state: 'waived' }), false);
    assert.equal(needsEvidence({ state: 'committed' }), false);
    assert.equal(needsEvidence({ state: 'partial' }), true);
  });

  it('"my unit" shows the core\'s view of that unit, the same object each time; without a unit, the whole model', () => {
    const unit = model.byUnit[0].id;
    const mine = shownModel(model, 'myUnit', unit);
    assert.notEqual(mine, model);
    assert.equal(shownModel(model, 'myUnit', unit), mine);
    assert.ok(leavesOf(mine).length > 0);
    for (const leaf of leavesOf(mine)) assert.equal(leaf.owner, unit);
    assert.equal(shownModel(model, 'myUnit', ''), model);
    assert.equal(shownModel(model, 'missing', unit), model);
  });

  it('the badge counts the scored leaves that still need evidence', () => {
    assert.equal(criteriaNeedingEvidence(model), leavesOf(model).filter(needsEvidence).length);
  });
});
