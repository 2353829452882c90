// The dashboard's figures (docs/reports.md "In VS Code" and the weekly report's deadline list), on a hand-made
// model: which items are overdue or due within 7 days and in what order, the recent evidence window, the areas,
// and the measured indicators' change since a week earlier.
import * as assert from 'node:assert/strict';
import { commitsBetween, criteriaByFile, dashboardData, deadlineItems, indicatorsOf, MAX_RECENT_COMMITS, rateUpTo, recentCommit, WINDOW_DAYS } from '../../../../src/core/report/dashboardData';
import { evidenceCommit, file, leaf, measure, model, parent, task, totals } from './fixtureModel';

function deadlines() {
  const area1 = parent('1', 'Chỉ đạo', [
    leaf('1.1', 'Đến hạn hôm nay', { due: '2025-11-20', owner: 'VP' }),
    leaf('1.2', 'Đến hạn cuối cửa sổ', { due: '2025-11-27' }),
    leaf('1.3', 'Sau cửa sổ', { due: '2025-11-28' }),
    leaf('1.4', 'Quá hạn', { state: 'partial', due: '2025-11-10', overdue: true, owner: 'VP', maxScore: 2 }),
    leaf('1.5', 'Đã commit', { state: 'committed', due: '2025-11-21' }),
    leaf('1.6', 'Đã có', { state: 'present', due: '2025-11-21' }),
    leaf('1.7', 'Miễn', { state: 'waived', due: '2025-11-21' }),
    leaf('1.8', 'Không có hạn', { overdue: true }),
    leaf('1.9', 'Hôm qua, không quá hạn', { due: '2025-11-19' }),
    leaf('1.10', 'Quá hạn theo nhiệm vụ', { due: '2025-12-31', overdue: true }),
    leaf('1.12', 'Cùng hạn với 1.2', { due: '2025-11-27' }),
  ]);
  // A parent with a due date is no deadline item: only leaves and tasks are.
  const area2 = parent('2', 'Thể chế', [parent('2.1', 'Nhóm', [leaf('2.1.1', 'Sâu', { due: '2025-11-22' })], { due: '2025-11-21' })]);
  return model([area1, area2], {
    byUnit: [{ id: 'VP', name: 'Văn phòng', ...totals() }, { id: 'VHXH', name: 'Văn hóa', ...totals() }],
    tasks: [
      task('NV-1', { overdue: true, due: '2025-11-15', criteria: ['1'], owner: 'VHXH' }),
      task('NV-2', { due: '2025-11-20', owner: 'XX', criteria: ['1.2'] }),
      task('NV-3', { state: 'committed', due: '2025-11-21', criteria: ['1.1'] }),
      task('NV-4', { state: 'partial', overdue: true, due: '2025-11-01', criteria: ['1.4', '1.4'] }),
      task('NV-5', { state: 'waived', due: '2025-11-21' }),
      task('NV-0', { overdue: true, criteria: ['2.1.1'] }),
      task('NV-6', { overdue: true, due: '2025-11-18', criteria: ['2.1'] }),
      task('NV-8', { due: '2025-12-31', criteria: ['2.1.1'] }),
    ],
  });
}

describe('dashboard data: deadlines', () => {
  it('overdue first, then by due date, a criterion before a task on the same day, then ids in number order', () => {
    assert.deepEqual(deadlineItems(deadlines()).map((d) => d.id), ['NV-4', '1.4', 'NV-1', 'NV-6', '1.10', '1.1', 'NV-2', '2.1.1', '1.2', '1.12']);
  });

  it('each item: kind, owner and its unit name, due date, days left, state, points, and the overdue tasks behind it', () => {
    const items = new Map(deadlineItems(deadlines()).map((d) => [d.id, d]));
    assert.deepEqual(items.get('1.4'), { kind: 'criterion', id: '1.4', title: 'Quá hạn', owner: 'VP', ownerName: 'Văn phòng', due: '2025-11-10', overdue: true, daysLeft: -10, state: 'partial', points: 2, viaTasks: ['NV-1', 'NV-4'] });
    assert.deepEqual(items.get('1.1'), { kind: 'criterion', id: '1.1', title: 'Đến hạn hôm nay', owner: 'VP', ownerName: 'Văn phòng', due: '2025-11-20', overdue: false, daysLeft: 0, state: 'missing', points: 1, viaTasks: ['NV-1'] });
    assert.deepEqual(items.get('1.2'), { kind: 'criterion', id: '1.2', title: 'Đến hạn cuối cửa sổ', owner: undefined, ownerName: undefined, due: '2025-11-27', overdue: false, daysLeft: 7, state: 'missing', points: 1, viaTasks: ['NV-1'] });
    assert.equal(items.get('1.10')?.daysLeft, 41, 'overdue through a task, due far ahead: listed');
    assert.deepEqual(items.get('2.1.1')?.viaTasks, ['NV-0', 'NV-6'], 'its own late task and one on an ancestor, in task order; tasks not late are not named');
    assert.deepEqual(items.get('NV-2'), { kind: 'task', id: 'NV-2', title: 'Nhiệm vụ NV-2', owner: 'XX', ownerName: undefined, due: '2025-11-20', overdue: false, daysLeft: 0, state: 'missing', points: 0, viaTasks: [] });
    assert.deepEqual(items.get('NV-1'), { kind: 'task', id: 'NV-1', title: 'Nhiệm vụ NV-1', owner: 'VHXH', ownerName: 'Văn hóa', due: '2025-11-15', overdue: true, daysLeft: -5, state: 'missing', points: 0, viaTasks: [] });
  });

  it('a shorter window keeps the overdue and what falls due inside it', () => {
    assert.deepEqual(deadlineItems(deadlines(), 2).map((d) => d.id), ['NV-4', '1.4', 'NV-1', 'NV-6', '1.10', '1.1', 'NV-2', '2.1.1']);
    assert.equal(WINDOW_DAYS, 7);
  });
});

describe('dashboard data: recent evidence and the figures', () => {
  it('commits whose author day is in [since, until], newest first, whatever the time zone of the day', () => {
    const commits = [
      evidenceCommit('2025-11-12T23:59:00+07:00', ['a']),
      evidenceCommit('2025-11-13T00:00:00+07:00', ['b']),
      evidenceCommit('2025-11-20T23:59:00-05:00', ['c']),
      evidenceCommit('2025-11-21T00:01:00+07:00', ['d']),
      evidenceCommit('2025-11-15T10:00:00+07:00', ['e']),
    ];
    assert.deepEqual(commitsBetween(commits, '2025-11-13', '2025-11-20').map((c) => c.files[0]), ['c', 'e', 'b']);
  });

  it('each file backs the leaves that list it, once each; a commit without trailers is credited to them', () => {
    const a = leaf('1.1', 'A', { files: [file('x.pdf'), file('y.pdf')] });
    a.requirements.push({ title: 'Bản sao', path: 'x*', min: 1, met: true, files: [file('x.pdf')] });
    const b = leaf('1.2', 'B', { files: [file('x.pdf')] });
    const m = model([parent('1', 'Chỉ đạo', [a, b])]);
    const byFile = criteriaByFile(m);
    assert.deepEqual([...byFile], [['x.pdf', ['1.1', '1.2']], ['y.pdf', ['1.1']]]);
    const c = evidenceCommit('2025-11-19T10:00:00+07:00', ['y.pdf', 'x.pdf', 'gone.pdf']);
    assert.deepEqual(recentCommit(c, byFile), { hash: c.hash, shortHash: c.shortHash, date: c.date, author: 'Nguyễn Văn A', subject: 'Thêm tài liệu', criteria: ['1.1', '1.2'], files: ['y.pdf', 'x.pdf', 'gone.pdf'] });
    assert.deepEqual(recentCommit({ ...c, criteria: ['9.9'] }, byFile).criteria, ['9.9'], 'trailers win');
  });

  it('the dashboard: index, totals, share with evidence, areas with their rows, units, the window, problems', () => {
    const l111 = leaf('1.1.1', 'Sâu', { state: 'committed', owner: 'VP', due: '2025-12-01' });
    const m = model([parent('1', 'Chỉ đạo', [parent('1.1', 'Nhóm', [l111]), leaf('1.2', 'Thiếu', { maxScore: 2 })]), parent('2', 'Không có trong byArea', [leaf('2.1', 'X', { state: 'committed' })])], {
      problems: { errors: 2, warnings: 3 },
      byUnit: [{ id: 'VP', name: 'Văn phòng', ...totals({ secured: 1 }) }],
    });
    m.byArea = m.byArea.slice(0, 1);
    m.byArea[0] = { ...m.byArea[0], atRisk: 99 };
    const commits = Array.from({ length: 55 }, (_, i) => evidenceCommit(`2025-11-19T10:${String(i).padStart(2, '0')}:00+07:00`, [`f${i}.pdf`]));
    const data = dashboardData(m, { commits });
    assert.deepEqual(data.index, { id: 'test-2025', title: 'Bộ chỉ số thử nghiệm', year: 2025 });
    assert.equal(data.asOf, '2025-11-20');
    assert.equal(data.git, true);
    assert.deepEqual(data.totals, m.totals);
    assert.equal(data.evidenceShare, 2 / 3);
    assert.deepEqual(data.problems, { errors: 2, warnings: 3 });
    assert.deepEqual(data.units, [{ id: 'VP', name: 'Văn phòng', ...totals({ secured: 1 }) }]);
    assert.equal(data.areas[0].atRisk, 99, "an area's totals are the model's byArea entry");
    assert.deepEqual(data.areas[1], { id: '2', title: 'Không có trong byArea', ...m.areas[1].totals, state: 'partial', rows: [{ id: '2.1', title: 'X', depth: 0, leaf: true, state: 'committed', overdue: false, maxScore: 1, secured: 1, atRisk: 0, owner: undefined, due: undefined }] });
    assert.deepEqual(data.areas[0].rows.map((r) => [r.id, r.depth, r.leaf]), [['1.1', 0, false], ['1.1.1', 1, true], ['1.2', 0, true]]);
    assert.deepEqual(data.areas[0].rows[1], { id: '1.1.1', title: 'Sâu', depth: 1, leaf: true, state: 'committed', overdue: false, maxScore: 1, secured: 1, atRisk: 0, owner: 'VP', due: '2025-12-01' });
    assert.equal(data.recent.since, '2025-11-13');
    assert.equal(data.recent.available, true);
    assert.equal(MAX_RECENT_COMMITS, 50);
    assert.equal(data.recent.total, 55, 'the count says how many there were');
    assert.equal(data.recent.commits.length, 50);
    assert.equal(data.recent.commits[0].files[0], 'f54.pdf', 'newest first');
    const none = dashboardData(model([]));
    assert.equal(none.evidenceShare, 1, 'no scored criterion: nothing lacks evidence');
    assert.deepEqual(none.recent, { since: '2025-11-13', available: false, commits: [], total: 0 });
    const shorter = dashboardData(m, { commits, days: 1 });
    assert.equal(shorter.recent.since, '2025-11-19');
    assert.equal(shorter.recent.total, 55);
  });
});

describe('dashboard data: measured indicators', () => {
  const periods = [
    { period: '2025-10', numerator: 6, denominator: 10, rate: 60 },
    { period: '2025-11', numerator: 9, denominator: 10, rate: 90 },
    { period: '2025-12', numerator: 10, denominator: 10, rate: 100 },
  ];

  it("last week's rate: the months up to the since date's month, the latest of them for a latest-month measure", () => {
    assert.equal(rateUpTo(measure({ periods }), '2025-11-26'), 75);
    assert.equal(rateUpTo(measure({ periods, over: 'latest' }), '2025-11-26'), 90);
    assert.equal(rateUpTo(measure({ periods, over: 'latest' }), '2025-12-05'), 100, 'the latest month only');
    assert.equal(rateUpTo(measure({ periods }), '2025-10-31'), 60);
    assert.equal(rateUpTo(measure({ periods }), '2025-09-30'), null, 'no month known yet');
    assert.equal(rateUpTo(measure({ periods: [{ period: '2025-10', numerator: 0, denominator: 0, rate: null }] }), '2025-11-26'), null, 'no case');
  });

  it('each measured leaf in tree order: rate, previous rate, change in points, threshold, score, points, series', () => {
    const m = model([
      parent('3', 'Số liệu', [
        leaf('3.1', 'Cả năm', { owner: 'VP', maxScore: 2, measure: measure({ rate: 83.3333, periods, fullAt: 80, score: 2, quality: 'ok' }), totals: totals({ max: 2, secured: 2 }) }),
        leaf('3.2', 'Tháng gần nhất', { measure: measure({ rate: 100, over: 'latest', periods }) }),
        leaf('3.3', 'Chưa biết', { measure: measure({ rate: null, periods, quality: 'unknown' }) }),
        leaf('3.4', 'Mới có số liệu', { measure: measure({ rate: 50, periods: [{ period: '2025-12', numerator: 1, denominator: 2, rate: 50 }] }) }),
        leaf('3.5', 'Không đo', {}),
        leaf('3.6', 'Tháng này chưa có hồ sơ', { measure: measure({ rate: null, over: 'latest', periods: [...periods.slice(0, 2), { period: '2025-12', numerator: 0, denominator: 0, rate: null }] }) }),
      ]),
    ], { asOf: '2025-12-03' });
    const list = indicatorsOf(m, '2025-11-26');
    assert.deepEqual(list.map((i) => [i.id, i.rate, i.previousRate, i.change]), [
      ['3.1', 83.3333, 75, 8.33],
      ['3.2', 100, 90, 10],
      ['3.3', null, null, null],
      ['3.4', 50, null, null],
      ['3.6', null, 90, null],
    ]);
    assert.deepEqual(list[0], {
      id: '3.1', title: 'Cả năm', owner: 'VP', rate: 83.3333, previousRate: 75, change: 8.33, fullAt: 80, score: 2, secured: 2, maxScore: 2, atRisk: 0, quality: 'ok',
      series: periods,
    });
    const extra = indicatorsOf(model([parent('3', 'S', [leaf('3.1', 'X', { measure: measure({ periods: periods.map((p) => ({ ...p, note: 'x' })) }) })])]), '2025-11-26');
    assert.deepEqual(extra[0].series, periods, 'only the four fields the chart draws');
    const unknownButKnown = indicatorsOf(model([parent('3', 'S', [leaf('3.1', 'X', { measure: measure({ rate: 70, periods, quality: 'unknown' }) })])]), '2025-11-26');
    assert.equal(unknownButKnown[0].previousRate, null, 'an unknown figure has no honest previous rate');
    assert.deepEqual(dashboardData(m).indicators.map((i) => i.id), ['3.1', '3.2', '3.3', '3.4', '3.6']);
  });
});
