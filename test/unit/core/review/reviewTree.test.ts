import * as assert from 'node:assert/strict';
import type { Review } from '../../../../src/core/review/review';
import { criterionMarkPrefix, criterionMarkText, evidenceOpen, fileMarkText, reviewMarks, reviewTree, type ReviewTreeNode } from '../../../../src/core/review/reviewTree';

const BASE = 'a'.repeat(40);

function review(overrides: Partial<Review> = {}): Review {
  return {
    base: { rev: 'main', commit: BASE },
    head: {},
    asOf: '2025-11-20',
    comparison: {
      criteria: [
        { kind: 'criterion', id: '1.1', title: 'Kế hoạch', leaf: true, owner: 'VP', area: '1', before: { state: 'committed', overdue: false, secured: 1, maxScore: 1 }, after: { state: 'missing', overdue: true, secured: 0, maxScore: 1 }, delta: -1 },
        { kind: 'criterion', id: '1', title: 'Area', leaf: false, area: '1', before: { state: 'committed', overdue: false, secured: 1, maxScore: 1 }, after: { state: 'missing', overdue: true, secured: 0, maxScore: 1 }, delta: -1 },
        { kind: 'criterion', id: '2.1', title: 'Báo cáo', leaf: true, owner: 'TP', area: '2', before: { state: 'missing', overdue: false, secured: 0, maxScore: 1.5 }, after: { state: 'committed', overdue: false, secured: 1.5, maxScore: 1.5 }, delta: 1.5 },
        { kind: 'criterion', id: '2.2', title: 'Chỉ trạng thái', leaf: true, area: '2', before: { state: 'missing', overdue: false, secured: 0, maxScore: 1 }, after: { state: 'partial', overdue: false, secured: 0, maxScore: 1 }, delta: 0 },
      ],
      tasks: [{ kind: 'task', id: 'NV-01', title: 'Tập huấn', leaf: true, owner: 'VP', after: { state: 'missing', overdue: false }, delta: 0 }],
      byArea: [
        { id: '1', name: 'Area', before: 1, after: 0, gained: 0, lost: 1 },
        { id: '3', name: 'Quiet', before: 2, after: 2, gained: 0, lost: 0 },
        { id: '2', name: 'Second', before: 0, after: 1.5, gained: 1.5, lost: 0 },
      ],
      byUnit: [],
      total: { id: '', name: '', before: 3, after: 3.5, gained: 1.5, lost: 1 },
      totals: { before: { max: 5, secured: 3, atRisk: 2, overdue: 0, complete: 2, criteria: 3 }, after: { max: 5, secured: 3.5, atRisk: 1.5, overdue: 1, complete: 2, criteria: 3 } },
      securedLost: true,
    },
    criteriaChanges: [{ kind: 'field', id: '1.1', field: 'due', before: '2025-12-01', after: '2025-11-01' }],
    evidence: [
      { kind: 'removed', path: '1.1/plan.pdf', counts: ['1.1'] },
      { kind: 'renamed', path: '1.2/b.pdf', from: '1.1/a.pdf', counts: ['1.2'], countedBefore: ['1.1'] },
      { kind: 'added', path: '2.1/bao-cao.pdf', counts: ['2.1'] },
      { kind: 'modified', path: '2.1/x.docx', counts: [] },
    ],
    commits: 3,
    untrailed: [{ hash: 'b'.repeat(40), shortHash: 'bbbbbbb', author: 'Lan', date: '2025-11-19T10:00:00+07:00', subject: 'scan', files: ['1.1/plan.pdf'] }],
    errors: { before: 0, after: 0 },
    ...overrides,
  };
}

const childrenOf = (node: ReviewTreeNode | undefined): ReviewTreeNode[] => (node && 'children' in node ? node.children : []);
const find = (nodes: ReviewTreeNode[], id: string) => nodes.find((n) => n.id === id);

describe('review tree', () => {
  it('starts with the summary, then the changed leaves under their areas in the comparison order, then tasks, files, criteria-file changes and untrailed commits', () => {
    const nodes = reviewTree(review(), 'en');
    assert.deepEqual(nodes.map((n) => n.id), ['summary', 'area|1', 'area|2', 'group|tasks', 'group|evidence', 'group|criteriaFile', 'group|untrailed']);
    const [summary] = nodes;
    assert.equal(summary.label, 'main (aaaaaaa) → working tree');
    assert.equal(summary.description, '3 → 3.5 (+1.5 gained, 1 lost)');
    assert.equal(summary.icon, 'warning');
    assert.match(summary.tooltip ?? '', /^Secured points: 3 → 3\.5 of 5 \(\+1\.5 gained, 1 lost\)\nSecured points lost: 1\.\nDeadlines as of 2025-11-20$/);
    const area1 = find(nodes, 'area|1')!;
    assert.equal(area1.label, '1 Area');
    assert.equal(area1.description, '1 → 0 (+0 gained, 1 lost)');
    // The area itself changed too, but only leaves are rows: the area row stands for it.
    assert.deepEqual(childrenOf(area1).map((n) => [n.label, n.description, n.icon]), [['1.1 Kế hoạch', 'committed, 1/1 → missing, overdue, 0/1 (−1)', 'clock']]);
    assert.deepEqual(childrenOf(find(nodes, 'area|2')).map((n) => [n.label, n.description, n.icon]), [
      ['2.1 Báo cáo', 'missing, 0/1.5 → committed, 1.5/1.5 (+1.5)', 'pass-filled'],
      ['2.2 Chỉ trạng thái', 'missing, 0/1 → partial, 0/1', 'pie-chart'],
    ]);
    assert.deepEqual(childrenOf(find(nodes, 'group|tasks')).map((n) => [n.label, n.description, n.icon]), [['NV-01 Tập huấn', 'absent → missing', 'circle-large-outline']]);
    assert.equal(find(nodes, 'group|evidence')!.label, 'Evidence files changed (4)');
    assert.deepEqual(childrenOf(find(nodes, 'group|evidence')).map((n) => [n.label, n.description, n.icon]), [
      ['1.1/plan.pdf', 'removed · 1.1', 'diff-removed'],
      ['1.2/b.pdf', 'renamed from 1.1/a.pdf · 1.2 (before: 1.1)', 'diff-renamed'],
      ['2.1/bao-cao.pdf', 'added · 2.1', 'diff-added'],
      ['2.1/x.docx', 'changed · counts for nothing', 'diff-modified'],
    ]);
    const criteriaFile = childrenOf(find(nodes, 'group|criteriaFile'));
    assert.deepEqual(criteriaFile.map((n) => n.label), ['1.1: due 2025-12-01 → 2025-11-01']);
    assert.deepEqual(criteriaFile[0].kind === 'criteriaChange' && criteriaFile[0].open, { kind: 'diff', left: { commit: BASE }, right: { commit: undefined } });
    assert.deepEqual(childrenOf(find(nodes, 'group|untrailed')).map((n) => [n.label, n.description]), [['bbbbbbb scan', 'Lan, 2025-11-19']]);
  });

  it('opens a changed file as a diff, an added one as it is now, a removed one as it was, on the right sides of a range', () => {
    const sides = { base: { rev: 'main', commit: BASE }, head: { rev: 'topic', commit: 'c'.repeat(40) } };
    const at = (commit: string | undefined, path: string) => ({ commit, path });
    assert.deepEqual(evidenceOpen({ kind: 'modified', path: 'x/a.pdf', counts: [] }, sides), { kind: 'diff', left: at(BASE, 'x/a.pdf'), right: at('c'.repeat(40), 'x/a.pdf') });
    assert.deepEqual(evidenceOpen({ kind: 'renamed', path: 'y/b.pdf', from: 'x/a.pdf', counts: [] }, sides), { kind: 'diff', left: at(BASE, 'x/a.pdf'), right: at('c'.repeat(40), 'y/b.pdf') });
    assert.deepEqual(evidenceOpen({ kind: 'added', path: 'y/b.pdf', counts: [] }, sides), { kind: 'open', file: at('c'.repeat(40), 'y/b.pdf') });
    assert.deepEqual(evidenceOpen({ kind: 'removed', path: 'x/a.pdf', counts: [] }, sides), { kind: 'open', file: at(BASE, 'x/a.pdf') });
    // Against the work tree the head side has no commit: the file on disk.
    assert.deepEqual(evidenceOpen({ kind: 'added', path: 'y/b.pdf', counts: [] }, { base: sides.base, head: {} }), { kind: 'open', file: at(undefined, 'y/b.pdf') });
  });

  it('leaves out tasks and untrailed commits when there are none, keeps the file groups, and shows a gain without a warning', () => {
    const r = review();
    r.comparison = { ...r.comparison, criteria: [], tasks: [], securedLost: false, total: { ...r.comparison.total, lost: 0 } };
    const nodes = reviewTree({ ...r, untrailed: [], evidence: [], criteriaChanges: [] }, 'en');
    assert.deepEqual(nodes.map((n) => [n.id, n.label]), [
      ['summary', 'main (aaaaaaa) → working tree'],
      ['group|evidence', 'Evidence files changed (0)'],
      ['group|criteriaFile', 'Criteria file changes (0)'],
    ]);
    assert.equal(nodes[0].icon, 'git-compare');
    assert.equal(nodes[0].color, undefined);
  });

  it('puts a leaf whose area the comparison does not list under a row of its own, after the known areas', () => {
    const r = review();
    r.comparison = { ...r.comparison, criteria: [{ ...r.comparison.criteria[0], area: 'X' }, r.comparison.criteria[2]] };
    const nodes = reviewTree(r, 'en');
    assert.deepEqual(nodes.filter((n) => n.kind === 'area').map((n) => [n.label, n.description, childrenOf(n).map((c) => c.label)]), [
      ['2 Second', '0 → 1.5 (+1.5 gained, 0 lost)', ['2.1 Báo cáo']],
      ['X', undefined, ['1.1 Kế hoạch']],
    ]);
  });

  it('speaks Vietnamese', () => {
    const nodes = reviewTree(review(), 'vi');
    assert.equal(nodes[0].label, 'main (aaaaaaa) → thư mục làm việc');
    assert.equal(nodes[0].description, '3 → 3,5 (được +1,5, mất 1)');
    assert.equal(childrenOf(find(nodes, 'area|1'))[0].description, 'đã commit, 1/1 → thiếu, quá hạn, 0/1 (−1)');
    assert.equal(find(nodes, 'group|evidence')!.label, 'Tệp tài liệu thay đổi (4)');
    assert.equal(childrenOf(find(nodes, 'group|evidence'))[1].description, 'đổi tên từ 1.1/a.pdf · 1.2 (trước đó: 1.1)');
  });

  it('gives every row an id of its own', () => {
    const ids: string[] = [];
    const visit = (n: ReviewTreeNode) => {
      ids.push(n.id);
      childrenOf(n).forEach(visit);
    };
    reviewTree(review(), 'en').forEach(visit);
    assert.equal(new Set(ids).size, ids.length, ids.join(' '));
    assert.ok(ids.length >= 15);
  });
});

describe('review marks', () => {
  it('marks every changed criterion (areas and parents too) and the files there after the change, not the removed ones', () => {
    const marks = reviewMarks(review({ evidence: [...review().evidence, { kind: 'added', path: 'Nhận\u0300.pdf'.normalize('NFD'), counts: [] }] }));
    assert.deepEqual([...marks.criteria.keys()], ['1.1', '1', '2.1', '2.2']);
    assert.deepEqual([...marks.files], [['1.2/b.pdf', 'renamed'], ['2.1/bao-cao.pdf', 'added'], ['2.1/x.docx', 'modified'], ['Nhận\u0300.pdf'.normalize('NFC'), 'added']]);
  });

  it('prefixes a changed criterion with a dot and its points delta, and says since when in its tooltip', () => {
    const [lost, , gained, stateOnly] = review().comparison.criteria;
    assert.equal(criterionMarkPrefix(lost, 'en'), '● −1');
    assert.equal(criterionMarkPrefix(gained, 'vi'), '● +1,5');
    assert.equal(criterionMarkPrefix(stateOnly, 'en'), '●');
    assert.equal(criterionMarkText(gained, review(), 'en'), 'Changed since main (aaaaaaa): missing, 0/1.5 → committed, 1.5/1.5 (+1.5)');
    assert.equal(criterionMarkText(gained, review(), 'vi'), 'Thay đổi từ main (aaaaaaa): thiếu, 0/1,5 → đã commit, 1,5/1,5 (+1,5)');
    assert.equal(fileMarkText('added', review(), 'en'), 'added since main (aaaaaaa)');
    assert.equal(fileMarkText('modified', review(), 'vi'), 'sửa từ main (aaaaaaa)');
  });
});
