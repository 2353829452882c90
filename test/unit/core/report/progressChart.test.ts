// The progress chart as inline SVG (weekly HTML report) and the series the dashboard plots: positions follow the
// values, every text is escaped, no script, empty and one-point series drawn without a line.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProgressPoint } from '../../../../src/core/history/progress';
import type { Totals } from '../../../../src/core/model/types';
import { axisTicks, CHART, progressSvg, progressView, sparkline, trendText, type ProgressSeries } from '../../../../src/core/report/progressChart';
import { addDays, daysBetween } from '../../../../src/core/report/format';

function totals(max: number, secured: number, atRisk: number, overdue: number): Totals {
  return { max, secured, atRisk, waived: 0, overdue, criteria: 1, complete: 0, missing: 0 } as Totals;
}

function series(values: Array<[number, number, number, number]>, start = '2025-09-04'): ProgressSeries {
  return {
    dates: values.map((_, i) => addDays(start, 7 * i)),
    commits: values.map((_, i) => `c${i}`),
    max: values.map((v) => v[0]),
    secured: values.map((v) => v[1]),
    atRisk: values.map((v) => v[2]),
    overdue: values.map((v) => v[3]),
  };
}

/** The "x,y" pairs of one polyline. */
function polyline(svg: string, key: string): Array<[number, number]> {
  const m = new RegExp(`<polyline class="line ${key}"[^>]* points="([^"]*)"`).exec(svg);
  assert.ok(m, `no ${key} line`);
  return m[1].split(' ').map((p) => p.split(',').map(Number) as [number, number]);
}

const BOTTOM = CHART.HEIGHT - CHART.BOTTOM;
const PLOT_H = CHART.HEIGHT - CHART.TOP - CHART.BOTTOM;
const PLOT_W = CHART.WIDTH - CHART.LEFT - CHART.RIGHT;

describe('progress chart (inline SVG)', () => {
  it('places every point proportionally: height to its value on its axis, x to its date', () => {
    const s = series([
      [100, 10, 90, 5],
      [100, 25, 75, 3],
      [100, 40, 55, 3],
      [100, 62.5, 30, 0],
    ]);
    const svg = progressSvg(s, { locale: 'en' });
    const top = axisTicks(100).top;
    const overdueTop = axisTicks(5, true).top;
    for (const key of ['max', 'secured', 'atRisk'] as const) {
      const back = polyline(svg, key).map(([, y]) => Math.round(((BOTTOM - y) / PLOT_H) * top * 100) / 100);
      assert.deepEqual(back, s[key], key);
    }
    assert.deepEqual(
      polyline(svg, 'overdue').map(([, y]) => Math.round(((BOTTOM - y) / PLOT_H) * overdueTop * 100) / 100),
      s.overdue,
    );
    const xs = polyline(svg, 'secured').map(([x]) => x);
    assert.deepEqual(xs, [0, 1, 2, 3].map((i) => Math.round((CHART.LEFT + (i / 3) * PLOT_W) * 100) / 100));
  });

  it('property: any series maps back to its values (seed printed on failure)', () => {
    const point = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 40 }));
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 29, maxLength: 29 }), (values, gaps) => {
        const s = series(values.map(([m, a, b, o]) => [m, a, b, o]));
        // Uneven dates: x follows the calendar, not the index.
        s.dates = s.dates.map((_, i) => addDays('2025-01-01', gaps.slice(0, i).reduce((x, y) => x + y, 0)));
        const svg = progressSvg(s, { locale: 'vi' });
        assert.ok(!/NaN|Infinity/.test(svg));
        const top = axisTicks(Math.max(...s.max, ...s.secured, ...s.atRisk)).top;
        const back = polyline(svg, 'secured').map(([, y]) => ((BOTTOM - y) / PLOT_H) * top);
        back.forEach((v, i) => assert.ok(Math.abs(v - s.secured[i]) <= top * 0.001 + 0.01, `secured[${i}]: ${v} vs ${s.secured[i]}`));
        const span = daysBetween(s.dates[0], s.dates[s.dates.length - 1]);
        polyline(svg, 'secured').forEach(([x], i) => assert.ok(Math.abs(x - (CHART.LEFT + (daysBetween(s.dates[0], s.dates[i]) / span) * PLOT_W)) < 0.01));
      }),
    );
  });

  it('escapes the title and has a title and a description (the text alternative) with every point', () => {
    const s = series([
      [10, 1, 9, 0],
      [10, 4, 6, 1],
    ]);
    const svg = progressSvg(s, { locale: 'en', title: 'Xã <script>alert(1)</script> & "Đông"', idPrefix: 'p"><x' });
    assert.ok(!/<script/i.test(svg), 'no script element');
    assert.ok(!/<x/.test(svg) && !/\son\w+=/i.test(svg), 'no injected element or handler');
    assert.match(svg, /<title id="p&quot;&gt;&lt;x-title">Xã &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;Đông&quot;<\/title>/);
    assert.match(svg, /role="img" aria-labelledby="p&quot;&gt;&lt;x-title p&quot;&gt;&lt;x-desc"/);
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1];
    assert.ok(desc.includes('2025-09-04: secured 1/10, at risk 9, overdue 0'), desc);
    assert.ok(desc.includes('2025-09-11: secured 4/10, at risk 6, overdue 1'), desc);
    // No external resource of any kind.
    assert.ok(!/href|url\(|<image|<foreignObject/i.test(svg));
  });

  it('labels the axes in the locale: dates, points and the overdue axis', () => {
    const s = series([
      [40, 10, 30, 2],
      [40, 20, 20, 1],
    ], '2025-11-13');
    const vi = progressSvg(s, { locale: 'vi' });
    assert.ok(vi.includes('>13/11<') && vi.includes('>20/11<'), 'Vietnamese day/month');
    assert.ok(vi.includes('>điểm<') && vi.includes('Quá hạn (số mục, trục phải)'));
    const en = progressSvg(s, { locale: 'en' });
    assert.ok(en.includes('>Nov 13<') && en.includes('>Nov 20<'));
    assert.ok(en.includes('>40<') && en.includes('>0<'), 'left axis from 0 to the maximum');
  });

  it('an empty series: no line, no NaN, a note; one point: a dot in the middle, no line', () => {
    const empty = progressSvg(series([]), { locale: 'en' });
    assert.ok(!/<polyline|<circle|NaN/.test(empty));
    assert.match(empty, /Not enough history/);
    const one = progressSvg(series([[10, 4, 6, 1]]), { locale: 'en' });
    assert.ok(!/<polyline|NaN/.test(one));
    const dot = /<circle class="dot secured" cx="([\d.]+)" cy="([\d.]+)"/.exec(one)!;
    assert.equal(Number(dot[1]), CHART.LEFT + PLOT_W / 2);
    assert.equal(Math.round(((BOTTOM - Number(dot[2])) / PLOT_H) * axisTicks(10).top * 100) / 100, 4);
  });

  it('axis ticks: round steps from 0 to a top at or above the highest value', () => {
    assert.deepEqual(axisTicks(100), { top: 100, ticks: [0, 25, 50, 75, 100] });
    assert.deepEqual(axisTicks(0, true), { top: 1, ticks: [0, 1] });
    assert.deepEqual(axisTicks(7, true).ticks, [0, 2, 4, 6, 8]);
    fc.assert(fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.boolean(), (v, integer) => {
      const { top, ticks } = axisTicks(integer ? Math.round(v) : v, integer);
      assert.ok(top >= (integer ? Math.round(v) : v) && top > 0 && ticks[0] === 0 && ticks.length <= 6 && Math.abs(ticks[ticks.length - 1] - top) < 1e-6);
    }));
  });
});

describe('progress view (what the dashboard and the report draw)', () => {
  const point = (date: string, commit: string, secured: number, units: Array<[string, number]>): ProgressPoint => ({
    date,
    commit,
    totals: totals(100, secured, 100 - secured, 0),
    byArea: [],
    byUnit: units.map(([id, s]) => ({ id, name: `Unit ${id}`, ...totals(50, s, 50 - s, 0) })),
  });

  it('no points without Git; a note with fewer than two points or two commits; else the series, per unit too', () => {
    assert.deepEqual(progressView(undefined), { kind: 'noGit' });
    assert.deepEqual(progressView([]), { kind: 'tooFew', points: 0, commits: 0 });
    assert.deepEqual(progressView([point('2025-09-04', 'a', 1, []), point('2025-09-11', 'a', 1, [])]), { kind: 'tooFew', points: 2, commits: 1 });
    const view = progressView([point('2025-09-04', 'a', 10, [['VP', 4]]), point('2025-09-11', 'b', 30, [['VP', 14], ['TP', 16]])]);
    assert.equal(view.kind, 'chart');
    if (view.kind !== 'chart') return;
    assert.deepEqual(view.total.secured, [10, 30]);
    assert.deepEqual(view.total.dates, ['2025-09-04', '2025-09-11']);
    assert.deepEqual(view.units.map((u) => [u.id, u.series.secured]), [['VP', [4, 14]], ['TP', [0, 16]]], 'a unit absent at a point counts zero there');
  });

  it('the trend line and the sparkline give first → last', () => {
    const s = series([
      [100, 10, 90, 5],
      [100, 50, 50, 2],
      [100, 100, 0, 0],
    ]);
    assert.equal(trendText(s, 'en'), 'Secured points 10 on 2025-09-04 → 100 on 2025-09-18 (of 100); at risk 90 → 0; overdue 5 → 0.');
    assert.equal(sparkline(s), '▂▅█');
    assert.equal(trendText(series([]), 'vi'), '');
  });
});
