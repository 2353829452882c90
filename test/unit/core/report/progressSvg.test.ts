// The inline SVG of the weekly report, element by element (docs/reports.md "Secured points over the weeks"): the
// maximum dashed, secured and at-risk points on the left axis, overdue items dotted on a right axis, dates along
// the bottom (`Nov 20` / `20/11`), a legend, a title and a description, and a tooltip on each point.
import * as assert from 'node:assert/strict';
import type { ProgressPoint } from '../../../../src/core/history/progress';
import { axisTicks, progressSvg, progressView, shortDate, sparkline, type ProgressSeries } from '../../../../src/core/report/progressChart';
import { addDays } from '../../../../src/core/report/format';
import { totals } from './fixtureModel';

const TWO: ProgressSeries = { dates: ['2025-11-13', '2025-11-20'], commits: ['a', 'b'], max: [40, 40], secured: [10, 20], atRisk: [30, 20], overdue: [2, 1] };

describe('progress chart: the SVG element by element', () => {
  it('dates on the axis in both languages, every month', () => {
    const en = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    for (let m = 1; m <= 12; m++) {
      const iso = `2025-${String(m).padStart(2, '0')}-05`;
      assert.equal(shortDate(iso, 'en'), `${en[m - 1]} 5`);
      assert.equal(shortDate(iso, 'vi'), `5/${m}`);
    }
  });

  it('axes: grid and point labels on the left (0–40 by 10), overdue counts on the right (0–2), dates and the base line at the bottom', () => {
    const svg = progressSvg(TWO, { locale: 'en' });
    // Plot area 52..672 × 36..240: y = 240 − v / 40 × 204 on the left, 240 − v / 2 × 204 on the right.
    for (const [v, y] of [[0, 240], [10, 189], [20, 138], [30, 87], [40, 36]]) {
      assert.ok(svg.includes(`<line x1="52" y1="${y}" x2="672" y2="${y}" stroke="#d0d7de" stroke-width="1"/>`), `grid ${v}`);
      assert.ok(svg.includes(`<text x="46" y="${y + 4}" text-anchor="end" fill="#57606a">${v}</text>`), `label ${v}`);
    }
    assert.ok(svg.includes('<text x="46" y="26" text-anchor="end" fill="#57606a">points</text>'));
    for (const [v, y] of [[0, 240], [1, 138], [2, 36]]) assert.ok(svg.includes(`<text x="678" y="${y + 4}" text-anchor="start" fill="#bc4c00">${v}</text>`), `right ${v}`);
    assert.ok(svg.includes('<text x="52" y="256" text-anchor="middle" fill="#57606a">Nov 13</text>'));
    assert.ok(svg.includes('<text x="672" y="256" text-anchor="middle" fill="#57606a">Nov 20</text>'));
    assert.ok(svg.includes('<line x1="52" y1="240" x2="672" y2="240" stroke="#57606a" stroke-width="1"/>'));
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="progress-chart" viewBox="0 0 720 280" width="720" height="280" role="img" aria-labelledby="progress-title progress-desc" font-family="inherit" font-size="11">\n<title id="progress-title">Secured points over the weeks</title>\n<desc id="progress-desc">'));
    assert.ok(svg.endsWith('\n</svg>'));
    assert.doesNotMatch(svg, /Not enough history/, 'the empty-chart note only without points');
  });

  it('lines: the maximum dashed, secured and at risk solid, overdue dotted on the right axis; a dot with a tooltip per point but none on the maximum', () => {
    const svg = progressSvg(TWO, { locale: 'en' });
    assert.ok(svg.includes('<polyline class="line max" data-series="max" fill="none" stroke="#57606a" stroke-width="2" stroke-dasharray="6 4" points="52,36 672,36"/>'));
    assert.ok(svg.includes('<polyline class="line secured" data-series="secured" fill="none" stroke="#1a7f37" stroke-width="2" points="52,189 672,138"/>'));
    assert.ok(svg.includes('<polyline class="line atRisk" data-series="atRisk" fill="none" stroke="#cf222e" stroke-width="2" points="52,87 672,138"/>'));
    assert.ok(svg.includes('<polyline class="line overdue" data-series="overdue" fill="none" stroke="#bc4c00" stroke-width="2" stroke-dasharray="2 3" points="52,36 672,138"/>'));
    assert.ok(svg.includes('<circle class="dot secured" cx="52" cy="189" r="3" fill="#1a7f37"><title>2025-11-13: secured 10/40, at risk 30, overdue 2</title></circle>'));
    assert.ok(svg.includes('<circle class="dot atRisk" cx="672" cy="138" r="3" fill="#cf222e"><title>2025-11-20: secured 20/40, at risk 20, overdue 1</title></circle>'));
    assert.ok(svg.includes('<circle class="dot overdue" cx="672" cy="138" r="3" fill="#bc4c00">'));
    assert.doesNotMatch(svg, /dot max/);
    assert.equal((svg.match(/<circle /g) ?? []).length, 6);
    const desc = /<desc id="progress-desc">([^<]*)<\/desc>/.exec(svg)![1];
    assert.equal(desc, 'Secured points 10 on 2025-11-13 → 20 on 2025-11-20 (of 40); at risk 30 → 20; overdue 2 → 1. 2025-11-13: secured 10/40, at risk 30, overdue 2 2025-11-20: secured 20/40, at risk 20, overdue 1');
  });

  it('the legend across the top: a sample of each line and its label, side by side', () => {
    const svg = progressSvg(TWO, { locale: 'en' });
    const legend = [...svg.matchAll(/<line x1="([\d.]+)" y1="12" x2="([\d.]+)" y2="12" stroke="(#\w+)" stroke-width="2"( stroke-dasharray="[^"]+")?\/><text x="([\d.]+)" y="16" fill="#57606a">([^<]+)<\/text>/g)];
    assert.deepEqual(legend.map((m) => [m[3], m[4] ?? '', m[6]]), [
      ['#57606a', ' stroke-dasharray="6 4"', 'Maximum'],
      ['#1a7f37', '', 'Secured'],
      ['#cf222e', '', 'At risk'],
      ['#bc4c00', ' stroke-dasharray="2 3"', 'Overdue (items, right axis)'],
    ]);
    // Each sample 18 units long, its label 4 after it; the next entry after the label (34 + 6.2 a character).
    const xs = legend.map((m) => [Number(m[1]), Number(m[2]), Number(m[5])]);
    assert.deepEqual(xs[0], [52, 70, 74]);
    for (let i = 1; i < 4; i++) {
      assert.ok(Math.abs(xs[i][0] - (xs[i - 1][0] + 34 + legend[i - 1][6].length * 6.2)) < 1e-9, `entry ${i}`);
      assert.ok(Math.abs(xs[i][1] - xs[i][0] - 18) < 1e-9 && Math.abs(xs[i][2] - xs[i][0] - 22) < 1e-9);
    }
    const vi = progressSvg(TWO, { locale: 'vi', idPrefix: 'u1' });
    assert.ok(vi.includes('>Điểm tối đa</text>') && vi.includes('>Đạt</text>') && vi.includes('>Nguy cơ mất</text>'));
    assert.ok(vi.includes('<title id="u1-title">Điểm đạt qua các tuần</title>') && vi.includes('aria-labelledby="u1-title u1-desc"'));
    assert.ok(vi.includes('>13/11</text>'));
  });

  it('at most about 12 date labels; an empty series has its note in the middle of the plot', () => {
    const n = 25;
    const many: ProgressSeries = { dates: Array.from({ length: n }, (_, i) => addDays('2025-06-05', 7 * i)), commits: [], max: Array(n).fill(10), secured: Array(n).fill(5), atRisk: Array(n).fill(5), overdue: Array(n).fill(0) };
    const svg = progressSvg(many, { locale: 'vi' });
    const labels = [...svg.matchAll(/y="256" text-anchor="middle" fill="#57606a">([^<]+)</g)].map((m) => m[1]);
    // Every third point (25 / 12 rounded up): points 0, 3, … 24.
    assert.deepEqual(labels, Array.from({ length: 9 }, (_, k) => shortDate(many.dates[3 * k], 'vi')));
    assert.ok(svg.includes('<text x="678" y="244" text-anchor="start" fill="#bc4c00">0</text>') && svg.includes('<text x="678" y="40" text-anchor="start" fill="#bc4c00">1</text>'), 'no overdue: the right axis still runs 0–1');
    const empty = progressSvg({ dates: [], commits: [], max: [], secured: [], atRisk: [], overdue: [] }, { locale: 'en' });
    assert.ok(empty.includes('<text x="362" y="138" text-anchor="middle" fill="#57606a">Not enough history to draw a trend: 0 commit(s) in these weeks.</text>'));
    assert.ok(empty.includes('<desc id="progress-desc"></desc>'));
  });

  it('axis steps are 1, 2, 2.5 or 5 times a power of ten; whole steps for counts', () => {
    assert.deepEqual(axisTicks(7), { top: 8, ticks: [0, 2, 4, 6, 8] });
    assert.deepEqual(axisTicks(9), { top: 10, ticks: [0, 2.5, 5, 7.5, 10] });
    assert.deepEqual(axisTicks(18), { top: 20, ticks: [0, 5, 10, 15, 20] });
    assert.deepEqual(axisTicks(0.3).ticks, [0, 0.1, 0.2, 0.3]);
    assert.ok(Math.abs(axisTicks(0.3).top - 0.3) < 1e-12);
    // Counts: 2.5 is no whole step, so 5.
    assert.deepEqual(axisTicks(9, true), { top: 10, ticks: [0, 5, 10] });
    assert.deepEqual(axisTicks(10, true), { top: 10, ticks: [0, 5, 10] });
    assert.deepEqual(axisTicks(3, true), { top: 3, ticks: [0, 1, 2, 3] });
  });

  it('the sparkline: eight levels against the highest maximum; all zero gives the lowest bar', () => {
    assert.equal(sparkline({ ...TWO, max: [7, 7], secured: [0, 7] }), '▁█');
    assert.equal(sparkline({ ...TWO, max: [0, 0], secured: [0, 0] }), '▁▁');
    assert.equal(sparkline({ ...TWO, max: [4, 4], secured: [8, 4] }), '█▅', 'secured above the maximum: scaled to the highest value');
  });

  it('units: a unit absent at a point counts zero in every series; the default step is a week', () => {
    const p = (date: string, commit: string, units: string[]): ProgressPoint => ({ date, commit, totals: totals({ max: 10 }), byArea: [], byUnit: units.map((id) => ({ id, name: id, ...totals({ max: 5, secured: 2, atRisk: 3, overdue: 1 }) })) });
    const view = progressView([p('2025-11-13', 'a', []), p('2025-11-20', 'b', ['VP'])]);
    assert.equal(view.kind, 'chart');
    if (view.kind !== 'chart') return;
    assert.equal(view.every, 'week');
    assert.deepEqual(view.units[0].series, { dates: ['2025-11-13', '2025-11-20'], commits: ['a', 'b'], max: [0, 5], secured: [0, 2], atRisk: [0, 3], overdue: [0, 1] });
    assert.deepEqual(progressView([p('2025-11-13', 'a', []), p('2025-11-20', 'b', [])], 'month'), { kind: 'chart', every: 'month', total: { dates: ['2025-11-13', '2025-11-20'], commits: ['a', 'b'], max: [10, 10], secured: [0, 0], atRisk: [0, 0], overdue: [0, 0] }, units: [] });
  });
});
