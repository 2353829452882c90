// Tasks linked to areas and groups: the status and the deadlines computed once per node give the same results as
// walking each linked node's leaves for every task (the former, quadratic way), on a generated file with many tasks.
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { compileRequirements, matchAll } from '../../../../src/core/evidence/match';
import type { CriterionStatus, EvidenceFile, State } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { deadlineItems } from '../../../../src/core/report/dashboardData';
import { combineStates, computeStatus, flattenCriteria, isComplete } from '../../../../src/core/status/computeStatus';

describe('tasks linked to areas: results of the linear computation', () => {
  it('task states, overdue leaves and the deadlines’ tasks equal the leaf-by-leaf reference', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const dues = ['2025-03-01', '2025-11-25', '2025-12-20'];
    const criteria = [1, 2, 3].map((a) => ({
      id: String(a),
      title: `Area ${a}`,
      children: [1, 2, 3, 4].map((g) => ({
        id: `${a}.${g}`,
        title: `Group ${a}.${g}`,
        children: [1, 2, 3, 4, 5].map((l) => ({
          id: `${a}.${g}.${l}`,
          title: `Leaf ${a}.${g}.${l}`,
          maxScore: 1,
          owner: 'VP',
          due: dues[Math.floor(rnd() * 3)],
          ...(rnd() < 0.1 ? { notApplicable: 'n/a' } : {}),
          evidence: [{ title: 'e', path: `${a}/${g}/${l}/*.pdf`, min: 1 + Math.floor(rnd() * 2) }],
        })),
      })),
    }));
    const ids = criteria.flatMap((a) => [a.id, ...a.children.flatMap((g) => [g.id, ...g.children.map((l) => l.id)])]);
    const tasks = Array.from({ length: 300 }, (_, i) => ({
      id: `NV-${i}`,
      title: `Task ${i}`,
      owner: 'VP',
      due: dues[i % 3],
      criteria: [...new Set([ids[Math.floor(rnd() * ids.length)], ids[Math.floor(rnd() * ids.length)]])],
      ...(i % 4 === 0 ? { evidence: [{ title: 't', path: `tasks/${i}/*.pdf` }] } : {}),
    }));
    const text = stringify({ reformEvidence: 1, index: { id: 'x', title: 'x', year: 2025 }, units: { VP: { name: 'VP' } }, criteria, tasks });
    const files: EvidenceFile[] = [];
    for (const id of ids.filter((x) => x.split('.').length === 3)) {
      const n = Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) files.push({ path: `${id.replace(/\./g, '/')}/f${k}.pdf`, git: rnd() < 0.5 ? 'committed' : 'untracked' });
    }
    const doc = parseCriteria(text, '/w/criteria.yaml');
    assert.deepEqual(doc.problems.filter((p) => p.severity === 'error'), []);
    const model = computeStatus(doc, matchAll(compileRequirements(doc), files), { asOf: '2025-11-20', git: true });

    const nodes = new Map(flattenCriteria(model).map((n) => [n.id, n]));
    const leavesOf = (n: CriterionStatus): CriterionStatus[] => (n.leaf ? [n] : n.children.flatMap(leavesOf));
    const overdueTaskNodes = model.tasks.filter((t) => t.overdue).flatMap((t) => t.criteria);
    let linkedJudged = 0;
    for (const task of model.tasks) {
      if (task.requirements.length > 0) continue;
      const states: State[] = task.criteria.flatMap((id) => leavesOf(nodes.get(id)!).map((l) => l.state));
      assert.equal(task.state, states.length > 0 ? combineStates(states) : 'missing', task.id);
      linkedJudged++;
    }
    assert.ok(linkedJudged > 100);
    let byTask = 0;
    for (const leaf of [...nodes.values()].filter((n) => n.leaf)) {
      const viaTask = overdueTaskNodes.some((id) => leavesOf(nodes.get(id)!).includes(leaf));
      const expected = leaf.state !== 'waived' && !isComplete(leaf.state) && ((leaf.due ?? '') < model.asOf || viaTask);
      assert.equal(leaf.overdue, expected, leaf.id);
      if (expected && !((leaf.due ?? '') < model.asOf)) byTask++;
    }
    assert.ok(byTask > 0, 'some leaves are overdue only through a task');
    const late = model.tasks.filter((t) => t.overdue);
    for (const item of deadlineItems(model).filter((d) => d.kind === 'criterion')) {
      const expected = late.filter((t) => t.criteria.some((c) => item.id === c || item.id.startsWith(c + '.'))).map((t) => t.id);
      assert.deepEqual(item.viaTasks, expected, item.id);
    }
  });
});
