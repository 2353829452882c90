// Scoring a measure as docs/measures.md states it: the rate, the band or proportional score rounded to 0.01, the
// rate that gives full points, the window of months (the index year up to the as-of month, sorted) and the
// figure over the year (Σ numerator ÷ Σ denominator) or the latest month. Pure and fast.
import * as assert from 'node:assert/strict';
import { bandScore, figureOf, fullPointsAt, monthOf, rateOf, round2, scoreRate, windowPeriods } from '../../../../src/core/measure/score';
import type { MeasurePeriodStatus } from '../../../../src/core/model/types';

const month = (period: string, numerator: number, denominator: number): MeasurePeriodStatus => ({ period, numerator, denominator, rate: rateOf(numerator, denominator) }) as MeasurePeriodStatus;
const BANDS = [{ from: 98, score: 2 }, { from: 95, score: 1 }];

describe('measure score', () => {
  it('gives the rate in percent to four decimals, none without a case', () => {
    assert.equal(rateOf(1, 3), 33.3333);
    assert.equal(rateOf(2, 3), 66.6667);
    assert.equal(rateOf(0, 5), 0);
    assert.equal(rateOf(0, 0), null);
  });

  it('rounds a score to 0.01 as the portal publishes it, halves up', () => {
    assert.equal(round2(1.005), 1.01);
    assert.equal(round2(0.125), 0.13);
    assert.equal(round2(1.004), 1);
    assert.equal(round2(2), 2);
  });

  it('scores by the first band whose "from" the rate reaches, exactly at "from" included', () => {
    assert.equal(bandScore(98, BANDS), 2);
    assert.equal(bandScore(95, BANDS), 1);
    assert.equal(bandScore(94.9999, BANDS), 0);
    assert.equal(bandScore(0, [{ from: 0, score: 0.5 }]), 0.5);
    assert.equal(scoreRate(96, { bands: BANDS }, 2), 1);
    assert.equal(scoreRate(96, {}, 2), 0);
    // proportional wins when given: 40 of a target 80 is half the points
    assert.equal(scoreRate(40, { proportional: { target: 80 }, bands: BANDS }, 2), 1);
  });

  it('gives full points from the top band\'s "from" or the target; none without a rule', () => {
    assert.equal(fullPointsAt({ bands: BANDS }), 98);
    assert.equal(fullPointsAt({ proportional: { target: 90 } }), 90);
    assert.equal(fullPointsAt({ proportional: { target: 90 }, bands: BANDS }), 90);
    assert.equal(fullPointsAt({ bands: [] }), null);
    assert.equal(fullPointsAt({}), null);
  });

  it('keeps the index year\'s months up to the as-of month, sorted', () => {
    assert.equal(monthOf('2025-06-30'), '2025-06');
    const periods = [month('2025-03', 1, 2), month('2024-12', 1, 1), month('2025-01', 1, 2), month('2025-06', 2, 2), month('2025-07', 5, 5), month('2026-01', 1, 1)];
    assert.deepEqual(windowPeriods(periods, 2025, '2025-06-15').map((p) => p.period), ['2025-01', '2025-03', '2025-06']);
    assert.deepEqual(windowPeriods(periods, 2025, '2025-12-31').map((p) => p.period), ['2025-01', '2025-03', '2025-06', '2025-07']);
    assert.deepEqual(windowPeriods(periods, 2024, '2025-06-15').map((p) => p.period), ['2024-12']);
  });

  it('sums the cases over the year (not an average of monthly rates), or takes the latest month', () => {
    const window = [month('2025-01', 1, 1), month('2025-02', 1, 9)];
    assert.deepEqual(figureOf(window, { bands: BANDS, over: 'year' }, 2), { rate: 20, numerator: 2, denominator: 10, score: 0 });
    assert.deepEqual(figureOf([month('2024-12', 7, 7), ...window], { bands: BANDS, over: 'latest' }, 2), { rate: 11.1111, numerator: 1, denominator: 9, score: 0 });
    assert.deepEqual(figureOf(window, { proportional: { target: 10 }, over: 'latest' }, 2), { rate: 11.1111, numerator: 1, denominator: 9, score: 2 });
    assert.deepEqual(figureOf([month('2025-01', 0, 0)], { bands: BANDS, over: 'year' }, 2), { rate: null, numerator: 0, denominator: 0, score: null });
    assert.deepEqual(figureOf([], { bands: BANDS, over: 'latest' }, 2), { rate: null, numerator: 0, denominator: 0, score: null });
  });
});
