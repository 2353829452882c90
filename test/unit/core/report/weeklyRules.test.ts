// The weekly briefing (docs/reports.md "What changed since a date", "Secured points over the weeks", "Formats"),
// on hand-made statuses before and after: which leaves completed or lost evidence, what is newly overdue, and
// every section of the Markdown and HTML reports in English and Vietnamese.
import * as assert from 'node:assert/strict';
import type { ProgressPoint } from '../../../../src/core/history/progress';
import type { CriterionStatus, State } from '../../../../src/core/model/types';
import { exactChanges, renderWeeklyHtml, renderWeeklyMarkdown, weeklyData } from '../../../../src/core/report/weekly';
import { evidenceCommit, file, leaf, measure, model, parent, task, totals } from './fixtureModel';

type Spec = [id: string, state: State, extra?: Partial<CriterionStatus>];

function status(specs: Spec[], tasks: ReturnType<typeof task>[] = [], asOf = '2025-11-20') {
  return model([parent('1', 'Chỉ đạo', specs.map(([id, state, extra]) => leaf(id, `Tiêu chí ${id}`, { state, ...extra })))], {
    asOf,
    tasks,
    byUnit: [{ id: 'VP', name: 'Văn phòng', ...totals({ max: 3, secured: 1, atRisk: 2, overdue: 1, criteria: 3, complete: 1 }) }],
  });
}

const BEFORE = status(
  [
    ['1.1', 'missing'],
    ['1.2', 'partial'],
    ['1.3', 'committed'],
    ['1.4', 'partial', { overdue: true, due: '2025-11-10' }],
    ['1.5', 'committed'],
    ['1.6', 'waived'],
    ['1.7', 'committed'],
    ['1.8', 'missing', { due: '2025-11-15' }],
    ['1.10', 'present'],
    ['1.11', 'partial'],
    ['1.12', 'committed'],
    ['1.13', 'missing'],
  ],
  [task('NV-1', { overdue: true, due: '2025-11-01' }), task('NV-2', { due: '2025-11-12' })],
  '2025-11-13',
);

const AFTER = status(
  [
    ['1.1', 'committed', { owner: 'VP' }],
    ['1.2', 'present', { maxScore: 2 }],
    ['1.3', 'partial', { owner: 'VHXH', maxScore: 1.5 }],
    ['1.4', 'missing', { overdue: true, due: '2025-11-10', owner: 'VP' }],
    ['1.5', 'missing'],
    ['1.6', 'committed'],
    ['1.7', 'waived'],
    ['1.8', 'missing', { overdue: true, due: '2025-11-15' }],
    ['1.9', 'committed'],
    ['1.10', 'committed'],
    ['1.11', 'partial'],
    ['1.13', 'partial', { due: '2025-11-24' }],
  ],
  [task('NV-1', { overdue: true, due: '2025-11-01' }), task('NV-2', { overdue: true, due: '2025-11-12', owner: 'VHXH' })],
);

const BASELINE = 'abcdef1234567890abcdef1234567890abcdef12';
const COMMITS = [evidenceCommit('2025-11-12T10:00:00+07:00', ['old.pdf']), evidenceCommit('2025-11-14T09:30:00+07:00', ['a.pdf', 'b.pdf'], { criteria: ['1.1'], subject: 'Kế hoạch *năm*', author: 'Trần B' })];

describe('weekly report: what changed since a date', () => {
  it('completed: complete now, not before (missing, partial, waived, new); lost: complete or partial before, worse now; waived and removed leaves neither', () => {
    const c = exactChanges(BEFORE, AFTER, []);
    assert.deepEqual(c.completed, [
      { id: '1.1', title: 'Tiêu chí 1.1', owner: 'VP', points: 1, before: 'missing', after: 'committed' },
      { id: '1.2', title: 'Tiêu chí 1.2', points: 2, before: 'partial', after: 'present' },
      { id: '1.6', title: 'Tiêu chí 1.6', points: 1, before: 'waived', after: 'committed' },
      { id: '1.9', title: 'Tiêu chí 1.9', points: 1, after: 'committed' },
    ]);
    assert.deepEqual(c.lostEvidence, [
      { id: '1.3', title: 'Tiêu chí 1.3', owner: 'VHXH', points: 1.5, before: 'committed', after: 'partial' },
      { id: '1.4', title: 'Tiêu chí 1.4', owner: 'VP', points: 1, before: 'partial', after: 'missing' },
      { id: '1.5', title: 'Tiêu chí 1.5', points: 1, before: 'committed', after: 'missing' },
    ]);
  });

  it('newly overdue: overdue now and not at the since date, criteria and tasks alike', () => {
    const data = weeklyData(AFTER, { since: '2025-11-13', commits: [], before: { commit: BASELINE, model: BEFORE } });
    assert.deepEqual(data.changes.newOverdue.map((d) => `${d.kind} ${d.id}`), ['task NV-2', 'criterion 1.8']);
    const same = BEFORE.tasks.map((t) => ({ ...t, id: `X${t.id}` }));
    const renamed = weeklyData(AFTER, { since: '2025-11-13', commits: [], before: { commit: BASELINE, model: { ...BEFORE, tasks: same } } });
    assert.deepEqual(renamed.changes.newOverdue.map((d) => d.id), ['NV-1', 'NV-2', '1.8'], 'a task is matched by its id');
  });

  it('with no commit by the since date everything counts as new: every complete leaf completed, nothing lost, all overdue new', () => {
    const c = exactChanges(null, AFTER, weeklyData(AFTER).dashboard.deadlines);
    assert.deepEqual(c.completed.map((x) => [x.id, x.after, 'before' in x]), [['1.1', 'committed', false], ['1.2', 'present', false], ['1.6', 'committed', false], ['1.9', 'committed', false], ['1.10', 'committed', false]]);
    assert.deepEqual(c.completed[0], { id: '1.1', title: 'Tiêu chí 1.1', owner: 'VP', points: 1, after: 'committed' });
    assert.deepEqual(c.lostEvidence, []);
    assert.deepEqual(c.newOverdue.map((d) => d.id), ['NV-1', '1.4', 'NV-2', '1.8']);
  });

  it('weeklyData: the window defaults to 7 days; changes and evidence added only with Git and a baseline', () => {
    const full = weeklyData(AFTER, { commits: COMMITS, before: { commit: BASELINE, model: BEFORE } });
    assert.equal(full.changes.since, '2025-11-13');
    assert.equal(full.changes.history, true);
    assert.equal(full.changes.baseline, BASELINE);
    assert.deepEqual(full.changes.evidenceAdded.map((c) => [c.shortHash, c.criteria]), [[COMMITS[1].shortHash, ['1.1']]]);
    assert.equal(full.progress, undefined, 'with Git but no points asked for: no trend section');
    assert.equal(full.dashboard.recent.available, true, 'the figures carry the commits too');
    const noBaseline = weeklyData(AFTER, { commits: COMMITS, before: null });
    assert.equal(noBaseline.changes.history, true);
    assert.equal('baseline' in noBaseline.changes, false);
    const noBefore = weeklyData(AFTER, { commits: COMMITS });
    assert.equal(noBefore.changes.history, false, 'commits but no status at the since date: nothing guessed');
    assert.deepEqual([noBefore.changes.evidenceAdded, noBefore.changes.completed, noBefore.changes.lostEvidence, noBefore.changes.newOverdue], [[], [], [], []]);
    const noGit = weeklyData(AFTER, { before: { commit: BASELINE, model: BEFORE } });
    assert.equal(noGit.changes.history, false);
    assert.deepEqual(noGit.progress, { kind: 'noGit' }, 'without Git the trend section says it needs Git');
    assert.deepEqual(weeklyData(AFTER, { commits: [], progress: [] }).progress, { kind: 'tooFew', points: 0, commits: 0 });
    assert.equal(weeklyData(AFTER, { since: '2025-11-01', commits: COMMITS, before: null }).changes.evidenceAdded.length, 2);
  });
});

function point(date: string, commit: string, secured: number, atRisk: number, overdue: number): ProgressPoint {
  return { date, commit, totals: totals({ max: 5, secured, atRisk, overdue }), byArea: [], byUnit: [] };
}
const POINTS = [point('2025-11-06', 'c1', 1, 4, 2), point('2025-11-13', 'c2', 2.5, 2.5, 1), point('2025-11-20', 'c3', 4, 1, 3)];

function fullData() {
  const after = structuredClone(AFTER);
  const leaves = after.areas[0].children;
  leaves.push(leaf('1.14', 'Tỷ lệ A', { owner: 'VP', measure: measure({ rate: 62.345, fullAt: 80 }), totals: totals({ max: 1, secured: 0.5, atRisk: 0.5 }) }));
  leaves.push(leaf('1.15', 'Tỷ lệ B', { measure: measure({ rate: 40, periods: [{ period: '2025-11', numerator: 2, denominator: 4, rate: 50 }] }) }));
  leaves.push(leaf('1.16', 'Tỷ lệ C', { measure: measure({ rate: 50, periods: [{ period: '2025-11', numerator: 1, denominator: 2, rate: 50 }] }) }));
  leaves.push(leaf('1.17', 'Tỷ lệ D', { measure: measure({ rate: 60, periods: [{ period: '2025-11', numerator: 1, denominator: 2, rate: 50 }] }), files: [file('b.pdf')] }));
  return weeklyData(after, { commits: COMMITS, before: { commit: BASELINE, model: BEFORE }, progress: POINTS });
}

describe('weekly report: Markdown', () => {
  it('English: title, summary, trend line, changes, indicators, areas, units, deadlines, footer', () => {
    const md = renderWeeklyMarkdown(fullData(), 'en');
    assert.equal(md, EXPECTED_MD);
  });

  it('Vietnamese: the same sections in Vietnamese; without Git the changes are not listed and the report says why', () => {
    const vi = renderWeeklyMarkdown(fullData(), 'vi');
    for (const line of [
      '# Báo cáo giao ban tuần — Bộ chỉ số thử nghiệm',
      '_Tính đến ngày 2025-11-20 · thay đổi từ ngày 2025-11-13_',
      '## Tổng hợp',
      '| Điểm tối đa | Đạt | Nguy cơ mất | Không áp dụng | Quá hạn | Tiêu chí có tài liệu |',
      '## Điểm đạt qua các tuần',
      '- Điểm đạt 1 ngày 2025-11-06 → 4 ngày 2025-11-20 (trên 5); nguy cơ mất 4 → 1; quá hạn 2 → 3. ▂▅▇',
      '## Thay đổi từ ngày 2025-11-13',
      '### Tài liệu mới (1 commit)',
      '### Tiêu chí đã đủ tài liệu (4)',
      '- 1.9 Tiêu chí 1.9: 1 điểm, —, chưa có → đã commit',
      '### Tiêu chí bị mất tài liệu (3)',
      '### Mới quá hạn (2)',
      '| NV-2 | Nhiệm vụ NV-2 (nhiệm vụ) | VHXH | 2025-11-12 (trễ 8 ngày) | thiếu · quá hạn |  |',
      '## Các chỉ tiêu đo bằng số liệu',
      '## Theo lĩnh vực',
      '## Quá hạn và đến hạn trong 7 ngày',
      '_Tạo bởi Reform Evidence từ dữ liệu tính đến ngày 2025-11-20._',
    ]) assert.ok(vi.split('\n').includes(line), line);
    const noGit = renderWeeklyMarkdown(weeklyData(AFTER, { since: '2025-11-13' }), 'en');
    assert.ok(noGit.includes('## Changes since 2025-11-13\n\n_No Git history (not a Git work tree, or Git is disabled in an untrusted workspace): what changed since that date'));
    assert.ok(noGit.includes('## Secured points over the weeks\n\n_No Git history: the progress over the weeks needs the commits and is not shown._\n'));
    assert.doesNotMatch(noGit, /### /, 'no list of changes');
    assert.doesNotMatch(noGit, /Measured indicators/, 'no measured leaf: no indicators section');
    const nothing = renderWeeklyMarkdown(weeklyData(BEFORE, { commits: [], before: { commit: BASELINE, model: BEFORE } }), 'en');
    for (const title of ['### Evidence added (0 commits)', '### Criteria completed (0)', '### Criteria that lost evidence (0)', '### Newly overdue (0)']) {
      assert.ok(nothing.includes(`${title}\n\n- None.\n`), title);
    }
    assert.ok(nothing.includes('_Compared exactly: the status at abcdef1, the last commit of the branch on or before the end of 2025-11-06, against the status on 2025-11-13 (the work tree)._'));
    const fresh = renderWeeklyMarkdown(weeklyData(AFTER, { commits: [], before: null, progress: [POINTS[0]] }), 'en');
    assert.ok(fresh.includes('_The branch has no commit on or before 2025-11-13: every criterion counts as new'));
    assert.ok(fresh.includes('## Secured points over the weeks\n\n_Not enough history to draw a trend: 1 commit(s) in these weeks._\n'));
    const commits = [evidenceCommit('2025-11-15T08:00:00+07:00', ['zz.pdf']), evidenceCommit('2025-11-16T08:00:00+07:00', ['a.pdf'], { criteria: ['1.1', '1.2'] })];
    const listed = renderWeeklyMarkdown(weeklyData(AFTER, { commits, before: null }), 'en');
    assert.ok(listed.includes(`- 2025-11-16 ${commits[1].shortHash} Nguyễn Văn A: Thêm tài liệu (criteria 1.1, 1.2; 1 file(s))\n- 2025-11-15 ${commits[0].shortHash} Nguyễn Văn A: Thêm tài liệu (criteria —; 1 file(s))\n`), 'a file that backs no criterion: a dash');
    const noFigure = status([['1.1', 'missing', { measure: measure({ rate: null }) }]]);
    assert.ok(renderWeeklyMarkdown(weeklyData(noFigure, {}), 'en').includes('| 1.1 Tiêu chí 1.1 | — | — | — | 0/1 | 1 |'), 'no figure: dashes, never 0%');
    const clear = renderWeeklyMarkdown(weeklyData(status([['1.1', 'committed']]), {}), 'en');
    assert.ok(clear.includes('## Overdue and due within 7 days\n\n- None.\n'));
  });
});

describe('weekly report: HTML', () => {
  it('the deadline cell: days late, overdue through a task while its own date is ahead, days left', () => {
    const m = status(
      [
        ['1.1', 'missing', { overdue: true, due: '2025-11-25' }],
        ['1.2', 'partial', { due: '2025-11-20' }],
      ],
      [task('NV-1', { overdue: true, due: '2025-11-10', criteria: ['1'] }), task('NV-3', { overdue: true, due: '2025-11-12', criteria: ['1.1'] })],
    );
    const md = renderWeeklyMarkdown(weeklyData(m, {}), 'en');
    assert.ok(md.includes('| 1.1 | Tiêu chí 1.1 (criterion) |  | 2025-11-25 (overdue via task NV-1, NV-3) | missing · overdue | 1 |'), md);
    assert.ok(md.includes('| 1.2 | Tiêu chí 1.2 (criterion) |  | 2025-11-20 (in 0 day(s)) | partial | 1 |'), 'not overdue: days left, whatever the tasks');
    assert.ok(md.includes('| NV-1 | Nhiệm vụ NV-1 (task) | VP — Văn phòng | 2025-11-10 (10 day(s) late) | missing · overdue |  |'));
    const vi = renderWeeklyMarkdown(weeklyData(m, {}), 'vi');
    assert.ok(vi.includes('| 2025-11-25 (quá hạn theo nhiệm vụ NV-1, NV-3) | thiếu · quá hạn | 1 |'));
    assert.ok(vi.includes('| 2025-11-20 (còn 0 ngày) | chưa đủ | 1 |'));
  });

  it('a printable page: the bar and its legend, headings, notes, the chart, lists, tables with numeric cells, the footer', () => {
    const html = renderWeeklyHtml(fullData(), 'en');
    assert.ok(html.includes('<title>Weekly briefing report — Bộ chỉ số thử nghiệm</title>'));
    assert.ok(html.includes('<h1>Weekly briefing report — Bộ chỉ số thử nghiệm</h1>\n<p class="sub">As of 2025-11-20 · changes since 2025-11-13</p>'));
    assert.ok(
      html.includes(
        '<div class="bar" role="img" aria-label="Secured 6/13.5 · at risk 6.5 · waived 1 · overdue 0 · 5/11 criteria with evidence">' +
          // 6/13.5, 6.5/13.5 and 1/13.5 of the width.
          '<span class="secured" style="width:44.44%"></span><span class="risk" style="width:48.15%"></span><span class="waived" style="width:7.41%"></span></div>',
      ),
      html.slice(0, 3000),
    );
    assert.ok(html.includes('<p class="legend"><b>6</b>/13.5 secured · <b>6.5</b> at risk · 45% criteria with evidence</p>'));
    assert.ok(html.includes('<h2>Summary</h2>\n<table><thead><tr><th class="num">Maximum</th><th class="num">Secured</th><th class="num">At risk</th><th class="num">Waived</th><th class="num">Overdue</th><th>Criteria with evidence</th></tr></thead><tbody><tr><td class="num">13.5</td><td class="num">6</td><td class="num">6.5</td><td class="num">1</td><td class="num">0</td><td>5/11 (45%)</td></tr></tbody></table>'));
    assert.ok(html.includes('<h2>Secured points over the weeks</h2>\n<p class="note">One point a week: the last commit of the branch on or before that day'));
    assert.ok(html.includes('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" class="progress-chart"'));
    assert.ok(html.includes('aria-labelledby="progress-title progress-desc"'));
    assert.ok(html.includes('<title id="progress-title">Secured points over the weeks — Bộ chỉ số thử nghiệm</title>'));
    assert.ok(html.includes('</svg></figure>\n<ul><li>Secured points 1 on 2025-11-06 → 4 on 2025-11-20 (of 5); at risk 4 → 1; overdue 2 → 3. ▂▅▇</li></ul>'));
    assert.ok(html.includes('<h3>Criteria completed (4)</h3>\n<ul><li>1.1 Tiêu chí 1.1: 1 pt, VP, missing → committed</li><li>1.2 Tiêu chí 1.2: 2 pt, —, partial → present, not committed</li>'));
    assert.ok(html.includes('<h3>Newly overdue (2)</h3>\n<table><thead><tr><th>Id</th><th>Item</th><th>Unit</th><th>Due</th><th>State</th><th class="num">Points</th></tr></thead><tbody><tr><td>NV-2</td><td>Nhiệm vụ NV-2 (task)</td><td>VHXH</td><td>2025-11-12 (8 day(s) late)</td><td>missing · overdue</td><td class="num"></td></tr><tr><td>1.8</td><td>Tiêu chí 1.8 (criterion)</td><td></td><td>2025-11-15 (5 day(s) late)</td><td>missing · overdue</td><td class="num">1</td></tr></tbody></table>'));
    assert.ok(html.includes('<tr><td>1.14 Tỷ lệ A</td><td class="num">62.3%</td><td class="num">—</td><td class="num">80%</td><td class="num">0.5/1</td><td class="num">0.5</td></tr>'));
    assert.ok(html.includes('<h2>By area</h2>\n<table><thead><tr><th>Area</th><th class="num">Maximum</th>'));
    assert.ok(html.includes('<tr><td>VP — Văn phòng</td><td class="num">1/3</td><td class="num">1</td><td class="num">2</td><td class="num">1</td></tr>'));
    assert.ok(html.includes('<p class="foot">Generated by Reform Evidence from the data as of 2025-11-20.</p>\n</body>'));
    const empty = renderWeeklyHtml(weeklyData(model([]), {}), 'vi');
    assert.ok(empty.includes('<span class="secured" style="width:0%"></span><span class="risk" style="width:0%"></span><span class="waived" style="width:0%"></span>'), 'no maximum: empty bars, no NaN');
    assert.ok(empty.includes('<p class="legend"><b>0</b>/0 đạt · <b>0</b> nguy cơ mất · 100% tiêu chí có tài liệu</p>'));
    assert.ok(empty.includes('<html lang="vi">'));
    assert.ok(!empty.includes('<figure'), 'no chart without Git');
    assert.ok(empty.includes('<h2>Quá hạn và đến hạn trong 7 ngày</h2>\n<ul><li>Không có.</li></ul>'));
  });
});

// Checked line by line against docs/reports.md and the fixture (see the comments in the tests above).
const EXPECTED_MD = [
  "# Weekly briefing report — Bộ chỉ số thử nghiệm",
  "",
  "_As of 2025-11-20 · changes since 2025-11-13_",
  "",
  "## Summary",
  "",
  "| Maximum | Secured | At risk | Waived | Overdue | Criteria with evidence |",
  "| ---: | ---: | ---: | ---: | ---: | --- |",
  "| 13.5 | 6 | 6.5 | 1 | 0 | 5/11 (45%) |",
  "",
  "## Secured points over the weeks",
  "",
  "_One point a week: the last commit of the branch on or before that day (uncommitted evidence is not counted), deadlines judged on that day._",
  "",
  "- Secured points 1 on 2025-11-06 → 4 on 2025-11-20 (of 5); at risk 4 → 1; overdue 2 → 3. ▂▅▇",
  "",
  "## Changes since 2025-11-13",
  "",
  "_Compared exactly: the status at abcdef1, the last commit of the branch on or before the end of 2025-11-13, against the status on 2025-11-20 (the work tree)._",
  "",
  "### Evidence added (1 commits)",
  "",
  "- 2025-11-14 977c53a Trần B: Kế hoạch \\*năm\\* (criteria 1.1; 2 file(s))",
  "",
  "### Criteria completed (4)",
  "",
  "- 1.1 Tiêu chí 1.1: 1 pt, VP, missing → committed",
  "- 1.2 Tiêu chí 1.2: 2 pt, —, partial → present, not committed",
  "- 1.6 Tiêu chí 1.6: 1 pt, —, waived → committed",
  "- 1.9 Tiêu chí 1.9: 1 pt, —, not recorded yet → committed",
  "",
  "### Criteria that lost evidence (3)",
  "",
  "- 1.3 Tiêu chí 1.3: 1.5 pt, VHXH, committed → partial",
  "- 1.4 Tiêu chí 1.4: 1 pt, VP, partial → missing",
  "- 1.5 Tiêu chí 1.5: 1 pt, —, committed → missing",
  "",
  "### Newly overdue (2)",
  "",
  "| Id | Item | Unit | Due | State | Points |",
  "| --- | --- | --- | --- | --- | ---: |",
  "| NV-2 | Nhiệm vụ NV-2 (task) | VHXH | 2025-11-12 (8 day(s) late) | missing · overdue |  |",
  "| 1.8 | Tiêu chí 1.8 (criterion) |  | 2025-11-15 (5 day(s) late) | missing · overdue | 1 |",
  "",
  "## Measured indicators",
  "",
  "_Change: percentage points since the months known on 2025-11-13. At risk: points the rate (or missing evidence) leaves unearned._",
  "",
  "| Criterion | Rate | Change | Full points at | Secured | At risk |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
  "| 1.14 Tỷ lệ A | 62.3% | — | 80% | 0.5/1 | 0.5 |",
  "| 1.15 Tỷ lệ B | 40.0% | −10.0 | — | 0/1 | 1 |",
  "| 1.16 Tỷ lệ C | 50.0% | ±0.0 | — | 0/1 | 1 |",
  "| 1.17 Tỷ lệ D | 60.0% | +10.0 | — | 0/1 | 1 |",
  "",
  "## By area",
  "",
  "| Area | Maximum | Secured | At risk | Overdue | Criteria with evidence |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
  "| 1. Chỉ đạo | 13.5 | 6 | 6.5 | 0 | 5/11 |",
  "",
  "## By unit (points at risk first)",
  "",
  "| Unit | Criteria with evidence | Secured | At risk | Overdue |",
  "| --- | ---: | ---: | ---: | ---: |",
  "| VP — Văn phòng | 1/3 | 1 | 2 | 1 |",
  "",
  "## Overdue and due within 7 days",
  "",
  "| Id | Item | Unit | Due | State | Points |",
  "| --- | --- | --- | --- | --- | ---: |",
  "| NV-1 | Nhiệm vụ NV-1 (task) | VP — Văn phòng | 2025-11-01 (19 day(s) late) | missing · overdue |  |",
  "| 1.4 | Tiêu chí 1.4 (criterion) | VP — Văn phòng | 2025-11-10 (10 day(s) late) | missing · overdue | 1 |",
  "| NV-2 | Nhiệm vụ NV-2 (task) | VHXH | 2025-11-12 (8 day(s) late) | missing · overdue |  |",
  "| 1.8 | Tiêu chí 1.8 (criterion) |  | 2025-11-15 (5 day(s) late) | missing · overdue | 1 |",
  "| 1.13 | Tiêu chí 1.13 (criterion) |  | 2025-11-24 (in 4 day(s)) | partial | 1 |",
  "",
  "_Generated by Reform Evidence from the data as of 2025-11-20._",
  "",
].join('\n');
