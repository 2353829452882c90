import * as assert from 'node:assert/strict';
import { renderReviewMarkdown, renderReviewText } from '../../../../src/core/review/render';
import type { Review } from '../../../../src/core/review/review';

function review(overrides: Partial<Review> = {}): Review {
  return {
    base: { rev: 'main', commit: 'a'.repeat(40) },
    head: {},
    asOf: '2025-11-20',
    comparison: {
      criteria: [
        { kind: 'criterion', id: '1.1', title: 'Kế hoạch | <b>x</b>', leaf: true, owner: 'VP', before: { state: 'committed', overdue: false, secured: 1, maxScore: 1 }, after: { state: 'missing', overdue: true, secured: 0, maxScore: 1 }, delta: -1 },
        { kind: 'criterion', id: '1', title: 'Area', leaf: false, before: { state: 'committed', overdue: false, secured: 1, maxScore: 1 }, after: { state: 'missing', overdue: true, secured: 0, maxScore: 1 }, delta: -1 },
      ],
      tasks: [{ kind: 'task', id: 'NV-01', title: 'Tập huấn', leaf: true, owner: 'VP', after: { state: 'missing', overdue: false }, delta: 0 }],
      byArea: [
        { id: '1', name: 'Area', before: 1, after: 0, gained: 0, lost: 1 },
        { id: '2', name: 'Quiet', before: 2, after: 2, gained: 0, lost: 0 },
      ],
      byUnit: [{ id: 'VP', name: 'Văn phòng', before: 1, after: 0, gained: 0, lost: 1 }],
      total: { id: '', name: '', before: 3, after: 2.5, gained: 0.5, lost: 1 },
      totals: { before: { max: 5, secured: 3, atRisk: 2, overdue: 0, complete: 2, criteria: 3 }, after: { max: 5, secured: 2.5, atRisk: 2.5, overdue: 1, complete: 2, criteria: 3 } },
      securedLost: true,
    },
    criteriaChanges: [{ kind: 'field', id: '1.1', field: 'due', before: '2025-12-01', after: '2025-11-01' }],
    evidence: [
      { kind: 'removed', path: '1.1/plan.pdf', counts: ['1.1'] },
      { kind: 'renamed', path: '1.2/b.pdf', from: '1.1/a.pdf', counts: ['1.2'], countedBefore: ['1.1'] },
      { kind: 'added', path: 'stray\u00ff.txt', counts: [] },
    ],
    commits: 3,
    untrailed: [{ hash: 'b'.repeat(40), shortHash: 'bbbbbbb', author: 'Lan', date: '2025-11-19T10:00:00+07:00', subject: 'scan', files: ['1.1/plan.pdf'] }],
    errors: { before: 0, after: 0 },
    ...overrides,
  };
}

describe('review rendering', () => {
  it('writes the text review: totals, the loss, leaves only, moved areas only, files with what they count for', () => {
    const text = renderReviewText(review(), { locale: 'en', file: 'criteria.yaml' });
    const lines = text.split('\n');
    assert.equal(lines[0], `Review of criteria.yaml: main (aaaaaaa) → working tree, as of 2025-11-20`);
    assert.equal(lines[1], 'Secured points: 3 → 2.5 of 5 (+0.5 gained, 1 lost)');
    assert.equal(lines[2], 'Secured points lost: 1.');
    assert.ok(lines.includes('  1.1 Kế hoạch | <b>x</b> [VP]: committed, 1/1 → missing, overdue, 0/1 (−1)'));
    assert.ok(!lines.some((l) => l.startsWith('  1 Area: committed')), 'areas are not listed among the changed criteria');
    assert.ok(lines.includes('  NV-01 Tập huấn: absent → missing'));
    assert.ok(lines.includes('  1 Area: 1 → 0 (+0 gained, 1 lost)'));
    assert.ok(!lines.some((l) => l.includes('Quiet')), 'an area where nothing moved is left out');
    assert.ok(lines.includes('  - 1.1: due 2025-12-01 → 2025-11-01'));
    assert.ok(lines.includes('  - 1.1/plan.pdf: 1.1'));
    assert.ok(lines.includes('  → 1.1/a.pdf → 1.2/b.pdf: 1.2 (before: 1.1)'));
    assert.ok(lines.includes('  + stray\u00ff.txt: counts for nothing'));
    assert.ok(lines.includes('Commits without an audit trailer (1 of 3 evidence commits)'));
    assert.ok(lines.includes('  bbbbbbb scan (Lan, 2025-11-19)'));
  });

  it('leaves the loss line out when nothing secured was lost, and names both commits of a range', () => {
    const r = review({ head: { rev: 'topic', commit: 'c'.repeat(40) } });
    r.comparison = { ...r.comparison, securedLost: false };
    const text = renderReviewText(r, { locale: 'vi', file: 'criteria.yaml' });
    assert.match(text, /^Xem xét thay đổi criteria\.yaml: main \(aaaaaaa\) → topic \(ccccccc\), tính đến 2025-11-20\n/);
    assert.doesNotMatch(text, /Mất điểm đã đạt/);
    assert.match(text, /Điểm đạt: 3 → 2,5 trên 5/);
  });

  it('escapes what the repository wrote in the Markdown comment (no table break, no HTML)', () => {
    const md = renderReviewMarkdown(review(), { locale: 'en', file: 'criteria.yaml' });
    assert.ok(md.startsWith('## Review of criteria.yaml: main (aaaaaaa) → working tree, as of 2025-11-20\n'));
    assert.ok(md.includes('| 1.1 Kế hoạch \\| &lt;b&gt;x&lt;/b&gt; | VP | committed, 1/1 | missing, overdue, 0/1 | −1 |'), md);
    assert.ok(!md.includes('<b>'));
    assert.match(md, /> ⚠️ Secured points lost: 1\./);
    assert.match(md, /\| renamed \| 1\.1\/a\.pdf → 1\.2\/b\.pdf \| 1\.2 \(before: 1\.1\) \|/);
    assert.match(md, /- bbbbbbb scan \(Lan, 2025-11-19\)\n$/);
  });
});
