// The status as text for the terminal (`reform-evidence status`, `status --files`) and the measured leaves
// (`reform-evidence measures`): every line of a hand-made model, in English and Vietnamese.
import * as assert from 'node:assert/strict';
import { measureRows, renderMeasuresText } from '../../../../src/core/report/measures';
import { rateText, renderStatusText, STATE_MARKS } from '../../../../src/core/report/statusText';
import { file, leaf, measure, model, parent, task, totals } from './fixtureModel';

function example() {
  const l11 = leaf('1.1', 'Kế hoạch', { state: 'committed', owner: 'VP', due: '2025-12-15' });
  l11.requirements = [{ title: 'Kế hoạch năm', path: '1.1/*.pdf', min: 2, met: true, files: [file('a.pdf'), file('b.pdf', 'modified', { lfs: 'pointer' }), file('c.pdf', 'untracked'), file('d.pdf', 'none')] }];
  const l12 = leaf('1.2', 'Báo cáo', { state: 'missing', owner: 'VHXH', due: '2025-10-15', overdue: true, maxScore: 2 });
  const l13 = leaf('1.3', 'Miễn', { state: 'waived', maxScore: 0.5 });
  const l14 = leaf('1.4', 'Tỷ lệ', { state: 'partial', maxScore: 1.5, measure: measure({ rate: 62 }), totals: totals({ max: 1.5, secured: 1 / 3, atRisk: 1.5 - 1 / 3, criteria: 1 }) });
  return model([parent('1', 'Chỉ đạo', [l11, l12, l13, l14])], {
    git: false,
    totals: totals({ max: 5, secured: 4 / 3, atRisk: 19 / 6, waived: 0.5, overdue: 2, complete: 1, criteria: 3 }),
    tasks: [
      task('NV-01', { owner: 'VHXH', due: '2025-11-08', source: 'KH 12/KH-UBND', overdue: true }),
      task('NV-02', { state: 'committed' }),
    ],
    byUnit: [{ id: 'VP', name: 'Văn phòng', ...totals({ max: 2.5, secured: 1, atRisk: 1, waived: 0.5, overdue: 0 }) }],
  });
}

describe('status as text', () => {
  it('a mark per state, one decimal for a rate (a comma for Vietnamese readers) and a dash without one', () => {
    assert.deepEqual(STATE_MARKS, { committed: '✔', present: '●', partial: '◐', missing: '✘', waived: '–' });
    assert.equal(rateText(62, 'en'), '62.0%');
    assert.equal(rateText(33.333, 'en'), '33.3%');
    assert.equal(rateText(33.333, 'vi'), '33,3%');
    assert.equal(rateText(null, 'vi'), '—');
    assert.equal(rateText(undefined, 'en'), '—');
  });

  it('English, with files: heading, totals, the tree with points, owner, due date, overdue, requirements and files, tasks, units, legend', () => {
    assert.equal(
      renderStatusText(example(), { locale: 'en', files: true }),
      [
        'Bộ chỉ số thử nghiệm — as of 2025-11-20',
        'Secured 1.33/5 · at risk 3.17 · waived 0.5 · overdue 2 · 1/3 criteria with evidence',
        '(not a Git work tree: file states come from the folder)',
        '',
        '◐ 1 Chỉ đạo  1.33/4.5',
        '  ✔ 1.1 Kế hoạch  1/1  [VP] due 2025-12-15',
        '      ✔ Kế hoạch năm (4/2 file(s))',
        '        a.pdf',
        '        b.pdf [modified] [not downloaded (Git LFS)]',
        '        c.pdf [untracked]',
        '        d.pdf',
        '  ✘ 1.2 Báo cáo  0/2  [VHXH] due 2025-10-15 ⏰ overdue',
        '      ✘ Tài liệu (0/1 file(s))',
        '  – 1.3 Miễn  waived',
        '      ✘ Tài liệu (0/1 file(s))',
        '  ◐ 1.4 Tỷ lệ  62.0% → 0.33/1.5',
        '      ✘ Tài liệu (0/1 file(s))',
        '',
        'Plan tasks',
        '  ✘ NV-01 Nhiệm vụ NV-01  [VHXH] due 2025-11-08 KH 12/KH-UBND ⏰ overdue',
        '  ✔ NV-02 Nhiệm vụ NV-02  [VP]',
        '',
        'By unit (points at risk first)',
        '  VP Văn phòng: secured 1/2, at risk 1, overdue 0',
        '',
        '✔ committed  ● present, not committed  ◐ partial  ✘ missing  – waived  ⏰ overdue',
        '',
      ].join('\n'),
    );
  });

  it('Vietnamese, without files: no requirement lines; a Git work tree has no note; an untitled index shows its id', () => {
    const m = { ...example(), git: true, index: { ...example().index, title: '' } };
    const text = renderStatusText(m, { locale: 'vi' });
    const lines = text.split('\n');
    assert.equal(lines[0], 'test-2025 — tính đến 2025-11-20');
    assert.equal(lines[1], 'Đạt 1,33/5 · có nguy cơ mất 3,17 · không áp dụng 0,5 · quá hạn 2 · 1/3 tiêu chí có tài liệu');
    assert.equal(lines[2], '');
    assert.equal(lines[4], '  ✔ 1.1 Kế hoạch  1/1  [VP] hạn 2025-12-15');
    assert.equal(lines[5], '  ✘ 1.2 Báo cáo  0/2  [VHXH] hạn 2025-10-15 ⏰ quá hạn');
    assert.equal(lines[6], '  – 1.3 Miễn  không áp dụng');
    assert.ok(text.includes('\nNhiệm vụ kế hoạch\n  ✘ NV-01 Nhiệm vụ NV-01  [VHXH] hạn 2025-11-08 KH 12/KH-UBND ⏰ quá hạn\n'));
    assert.ok(text.includes('\nTheo đơn vị (nhiều điểm có nguy cơ mất nhất trước)\n  VP Văn phòng: đạt 1/2, nguy cơ mất 1, quá hạn 0\n'));
    assert.ok(text.endsWith('\n✔ đã commit  ● có, chưa commit  ◐ chưa đủ  ✘ thiếu  – không áp dụng  ⏰ quá hạn\n'));
    assert.doesNotMatch(text, /Tài liệu \(/, 'no requirement lines');
  });

  it('no tasks and no units: neither heading appears', () => {
    const text = renderStatusText({ ...example(), tasks: [], byUnit: [] }, { locale: 'en' });
    assert.doesNotMatch(text, /Plan tasks|By unit/);
    assert.ok(text.endsWith('  ◐ 1.4 Tỷ lệ  62.0% → 0.33/1.5\n\n✔ committed  ● present, not committed  ◐ partial  ✘ missing  – waived  ⏰ overdue\n'));
  });
});

describe('measured leaves as rows and text', () => {
  function measured() {
    const periods = [
      { period: '2025-07', numerator: 5, denominator: 10, rate: 50 },
      { period: '2025-08', numerator: 11, denominator: 20, rate: 55 },
      { period: '2025-09', numerator: 612, denominator: 1000, rate: 61.2 },
      { period: '2025-10', numerator: 701, denominator: 1000, rate: 70.1 },
    ];
    const a = leaf('3.5.2', 'Tỷ lệ thanh toán trực tuyến', { state: 'committed', owner: 'VP', maxScore: 2, measure: measure({ rate: 62, fullAt: 80, periods, dataFile: 'tt.csv' }), totals: totals({ max: 2, secured: 1, atRisk: 1 }) });
    const b = leaf('3.6', 'Khác', { measure: measure({ quality: 'noCases' }) });
    const plain = leaf('3.7', 'Không đo', { state: 'committed' });
    return model([parent('3', 'Số liệu', [a, b, plain])]);
  }

  it('one row per measured leaf, with its last three months', () => {
    const rows = measureRows(measured());
    assert.deepEqual(rows.map((r) => r.id), ['3.5.2', '3.6']);
    const r = rows[0];
    assert.deepEqual(
      { id: r.id, title: r.title, owner: r.owner, rate: r.rate, fullAt: r.fullAt, secured: r.secured, maxScore: r.maxScore, atRisk: r.atRisk, quality: r.quality, dataFile: r.dataFile },
      { id: '3.5.2', title: 'Tỷ lệ thanh toán trực tuyến', owner: 'VP', rate: 62, fullAt: 80, secured: 1, maxScore: 2, atRisk: 1, quality: 'ok', dataFile: 'tt.csv' },
    );
    assert.deepEqual(r.last.map((p) => p.period), ['2025-08', '2025-09', '2025-10']);
    assert.equal(r.periods.length, 4);
  });

  it('text: id, title, unit, rate, threshold, points and the last months; a quality note; none at all', () => {
    assert.equal(
      renderMeasuresText(measureRows(measured()), 'en'),
      '3.5.2 Tỷ lệ thanh toán trực tuyến [VP]  62.0%  full at 80%  1/2  2025-08 55.0% · 2025-09 61.2% · 2025-10 70.1%\n3.6 Khác  — (no case)  0/1\n',
    );
    assert.equal(
      renderMeasuresText(measureRows(measured()), 'vi'),
      '3.5.2 Tỷ lệ thanh toán trực tuyến [VP]  62,0%  tối đa từ 80%  1/2  2025-08 55,0% · 2025-09 61,2% · 2025-10 70,1%\n3.6 Khác  — (không có hồ sơ)  0/1\n',
    );
    assert.equal(renderMeasuresText([], 'en'), 'No measured criterion.\n');
    assert.equal(renderMeasuresText([], 'vi'), 'Không có tiêu chí nào đo bằng số liệu.\n');
  });
});
