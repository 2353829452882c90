import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatDate, formatNumber, numberFormat, scoreText } from '../../../../src/core/present/numbers';
import { presentation, STATE_LOOKS, stateLabel, stateLook, type Look } from '../../../../src/core/present/states';

const LOOKS: Look[] = ['missing', 'partial', 'present', 'committed', 'waived', 'overdue'];

describe('one vocabulary of states and numbers (core/present)', () => {
  it('every state and overdue has a codicon, a theme colour and a word in both languages', () => {
    assert.deepEqual(Object.keys(STATE_LOOKS).sort(), [...LOOKS].sort());
    for (const look of LOOKS) {
      assert.match(STATE_LOOKS[look].icon, /^[a-z][a-z-]*$/, look);
      assert.match(STATE_LOOKS[look].color, /^[a-zA-Z]+(\.[a-zA-Z]+)*$/, look);
    }
    assert.equal(new Set(LOOKS.map((l) => STATE_LOOKS[l].icon)).size, LOOKS.length, 'one icon per look');
    assert.equal(stateLabel('en', 'waived'), 'waived');
    assert.equal(stateLabel('vi', 'waived'), 'không áp dụng');
    assert.equal(stateLabel('vi', 'missing'), 'thiếu');
    assert.equal(stateLabel('en', 'overdue'), 'overdue');
  });

  it('overdue wins over the state of an item', () => {
    assert.equal(stateLook('missing', true).icon, 'clock');
    assert.equal(stateLook('missing', false).icon, 'circle-large-outline');
  });

  it('the page gets the same table, with the words of its language', () => {
    const vi = presentation('vi');
    for (const look of LOOKS) assert.deepEqual(vi.states[look], { ...STATE_LOOKS[look], label: stateLabel('vi', look) });
    assert.deepEqual(vi.numbers, numberFormat('vi'));
    // It crosses postMessage: plain data only.
    assert.deepEqual(JSON.parse(JSON.stringify(vi)), vi);
  });

  it('the page keeps no table of its own', () => {
    const page = readFileSync(path.resolve(__dirname, '../../../../../media/dashboard/dashboard.js'), 'utf8');
    // The icons only a state uses (the KPI cards and the banner keep icons of their own).
    for (const look of ['missing', 'partial'] as const) assert.doesNotMatch(page, new RegExp(`['"]${STATE_LOOKS[look].icon}['"]`), `${look} icon in the page`);
    assert.doesNotMatch(page, /STATE_ICONS|`state\.\$\{/, 'a state table or state strings of its own');
    assert.doesNotMatch(page, /new Intl\.NumberFormat\(['"]/, 'a number format of its own');
  });

  it('numbers are written as the reader writes them: 4,5 in Vietnamese, 4.5 in English, at most two decimals', () => {
    assert.equal(formatNumber(4.5, 'vi'), '4,5');
    assert.equal(formatNumber(4.5, 'en'), '4.5');
    assert.equal(formatNumber(0.1 + 0.2, 'en'), '0.3');
    assert.equal(formatNumber(1 / 3, 'vi'), '0,33');
    assert.equal(formatNumber(1250, 'en'), '1250');
    const spec = numberFormat('vi');
    assert.equal(new Intl.NumberFormat(spec.locale, spec.options).format(2.25), formatNumber(2.25, 'vi'));
  });

  it('a score is secured/scored max, or the word for waived', () => {
    const totals = { secured: 1.5, max: 4, waived: 1 } as Parameters<typeof scoreText>[0]['totals'];
    assert.equal(scoreText({ state: 'partial', totals }, 'vi'), '1,5/3');
    assert.equal(scoreText({ state: 'partial', totals }, 'en'), '1.5/3');
    assert.equal(scoreText({ state: 'waived', totals }, 'en'), 'waived');
    assert.equal(scoreText({ state: 'waived', totals }, 'vi'), 'không áp dụng');
  });

  it('dates are dd/mm/yyyy in Vietnamese, ISO in English', () => {
    assert.equal(formatDate('2025-11-20', 'vi'), '20/11/2025');
    assert.equal(formatDate('2025-11-20', 'en'), '2025-11-20');
    assert.equal(formatDate(undefined, 'vi'), '');
  });
});
