// Progress over time (docs/history.md "history"; the dashboard's and the weekly report's 12 weeks) on a repository
// held in memory: the series of dates, the commit each names (the branch's last on or before the end of that day,
// local time), one point per date with the status at that commit judged on that date, none before the first
// commit or without the criteria file.
import * as assert from 'node:assert/strict';
import { RevisionTree } from '../../../../src/core/history/revisionTree';
import { commitOnDate, progress, seriesDates } from '../../../../src/core/history/progress';
import { placeOf, statusAtCommit } from '../../../../src/core/history/statusAtRevision';
import { PROGRESS_WEEKS, weeklyProgress } from '../../../../src/core/history/weeklyProgress';
import { memoryRepo, type Entry } from './memoryRepo';
import { areaCriteria } from '../../helpers';

/** Seconds at `time` local time on `date`, as `git log` would record a commit made then. */
const at = (date: string, time = '12:00:00') => Math.floor(new Date(`${date}T${time}`).getTime() / 1000);

const CRITERIA = (extra = '') =>
  areaCriteria({
    index: '{ id: t, title: T, year: 2025, evidenceRoot: ev }',
    units: '{ VP: { name: Văn phòng }, TP: { name: Tư pháp } }',
    children: `      - id: "1.1"
        title: Plan
        maxScore: 3
        owner: VP
        due: "2025-01-10"
        evidence: [{ title: Plan, path: "plan/*.pdf" }]
      - id: "1.2"
        title: Report
        maxScore: 2
        owner: TP
        evidence: [{ title: Report, path: "report/**/*", min: 2 }]
`,
    after: extra,
  });

/** A ward's history: nothing before 2025-01-05, the criteria file gone for two weeks, evidence added on the way. */
function ward() {
  const commits: Record<string, Record<string, Entry>> = {
    c1: { 'ward/criteria.yaml': CRITERIA() },
    c2: { 'ward/criteria.yaml': CRITERIA(), 'ward/ev/report/r.pdf': 'r' },
    gone: { 'ward/ev/report/r.pdf': 'r' },
    c4: { 'ward/criteria.yaml': CRITERIA(), 'ward/ev/report/r.pdf': 'r', 'ward/ev/plan/p.pdf': 'p', 'ward/ev/report/tmp/t.pdf': 't' },
  };
  const branch: Array<[string, number]> = [
    ['c4', at('2025-01-27', '08:00:00')],
    ['gone', at('2025-01-19', '23:59:59')],
    ['c2', at('2025-01-12', '23:59:59')],
    ['c1', at('2025-01-05')],
  ];
  return memoryRepo(commits, { prefix: 'ward/', branch });
}

describe('history: the dates of a series', () => {
  it('one per step, ending on `to`, back to `from` included', () => {
    assert.deepEqual(seriesDates('2025-02-27', '2025-03-02', 'day'), ['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
    assert.deepEqual(seriesDates('2025-01-01', '2025-01-29', 'week'), ['2025-01-01', '2025-01-08', '2025-01-15', '2025-01-22', '2025-01-29']);
    assert.deepEqual(seriesDates('2025-01-02', '2025-01-29', 'week'), ['2025-01-08', '2025-01-15', '2025-01-22', '2025-01-29']);
    assert.deepEqual(seriesDates('2025-03-02', '2025-03-02', 'month'), ['2025-03-02']);
    assert.deepEqual(seriesDates('2025-03-03', '2025-03-02', 'day'), []);
  });

  it('by month: the same day each month, or that month\'s last day (leap years too), across the year', () => {
    assert.deepEqual(seriesDates('2024-10-31', '2025-03-31', 'month'), ['2024-10-31', '2024-11-30', '2024-12-31', '2025-01-31', '2025-02-28', '2025-03-31']);
    assert.deepEqual(seriesDates('2024-01-01', '2024-03-30', 'month'), ['2024-01-30', '2024-02-29', '2024-03-30']);
    assert.deepEqual(seriesDates('2024-12-01', '2025-02-15', 'month'), ['2024-12-15', '2025-01-15', '2025-02-15']);
  });
});

describe('history: the commit a date names', () => {
  it('the newest commit made on or before the end of that day, local time; none before the first', () => {
    const commits = [
      { hash: 'c', time: at('2025-01-11', '00:00:00') },
      { hash: 'b', time: at('2025-01-10', '23:59:59') },
      { hash: 'a', time: at('2025-01-01') },
    ];
    assert.equal(commitOnDate(commits, '2025-01-10'), 'b', 'the last second of the day counts');
    assert.equal(commitOnDate(commits, '2025-01-11'), 'c');
    assert.equal(commitOnDate(commits, '2025-01-09'), 'a');
    assert.equal(commitOnDate(commits, '2024-12-31'), undefined);
    assert.equal(commitOnDate([], '2025-01-10'), undefined);
  });
});

describe('history: progress over time', () => {
  it('a point per date with a commit and a criteria file: that commit\'s totals, by area and unit, deadlines on the date', async () => {
    const repo = ward();
    const place = await placeOf('/repo/ward/criteria.yaml', { git: repo.git });
    const points = await progress(place, { from: '2024-12-29', to: '2025-02-02', every: 'week' });
    assert.deepEqual(repo.git.commands.find((c) => c[0] === 'rev-list'), ['rev-list', '--first-parent', '--timestamp', 'HEAD', '--']);
    // 2024-12-29: before the first commit; 01-19 and 01-26: the criteria file is gone at those days' commit.
    assert.deepEqual(
      points.map((p) => [p.date, p.commit]),
      [
        ['2025-01-05', repo.commit('c1')],
        ['2025-01-12', repo.commit('c2')],
        ['2025-02-02', repo.commit('c4')],
      ],
    );
    // 1.1 is due 2025-01-10: not overdue on the 5th, overdue on the 12th, secured by the 2nd of February.
    assert.deepEqual(
      points.map((p) => [p.totals.overdue, p.totals.secured]),
      [
        [0, 0],
        [1, 0],
        [0, 5],
      ],
    );
    for (const point of points) {
      const status = await statusAtCommit(place, new RevisionTree(repo.git, point.commit, place.top), { asOf: point.date, fastParse: true });
      assert.deepEqual({ totals: point.totals, byArea: point.byArea, byUnit: point.byUnit }, { totals: status.model.totals, byArea: status.model.byArea, byUnit: status.model.byUnit }, point.date);
      assert.deepEqual(Object.keys(point), ['date', 'commit', 'totals', 'byArea', 'byUnit']);
    }
    assert.deepEqual(points[2].byUnit.map((u) => [u.id, u.secured]), [['TP', 2], ['VP', 3]]);
    // The diffs of the walk came from the one stream, ended once the points were read.
    assert.equal(repo.git.streams.length, 1);
    assert.equal(repo.git.streams[0].ended, 'end');
  });

  it('excluded folders are not counted at any point; Git failing, or an answer that is not "time hash", gives no point', async () => {
    const repo = ward();
    const place = await placeOf('/repo/ward/criteria.yaml', { git: repo.git });
    const points = await progress(place, { from: '2025-02-02', to: '2025-02-02', every: 'week', exclude: ['report/tmp'] });
    assert.deepEqual(points.map((p) => [p.date, p.totals.secured]), [['2025-02-02', 3]]);
    // Lines Git never prints in this form are skipped, not read as a commit.
    const read = repo.git.read.bind(repo.git);
    repo.git.read = async (args) => (args.includes('--timestamp') ? `1 ${'f'.repeat(40)} x\n${await read(args)}x\n\n` : read(args));
    assert.deepEqual((await progress(place, { from: '2025-01-05', to: '2025-02-02', every: 'week' })).map((p) => p.date), ['2025-01-05', '2025-01-12', '2025-02-02']);
    repo.git.read = () => Promise.reject(new Error('fatal: your current branch does not have any commits yet'));
    assert.deepEqual(await progress(place, { from: '2025-01-05', to: '2025-02-02', every: 'week' }), []);
  });
});

describe('history: the weekly progress of the dashboard and the weekly report', () => {
  it('12 weekly points ending on the as-of date (those with a commit and a criteria file); `weeks` for fewer', async () => {
    const repo = ward();
    assert.equal(PROGRESS_WEEKS, 12);
    const twelve = await weeklyProgress('/repo/ward/criteria.yaml', '2025-03-23', { git: repo.git });
    // 2024-12-29 … 2025-03-23: the first with a commit is 01-05; 01-19 and 01-26 have no criteria file.
    assert.deepEqual(
      twelve?.map((p) => p.date),
      ['2025-01-05', '2025-01-12', '2025-02-02', '2025-02-09', '2025-02-16', '2025-02-23', '2025-03-02', '2025-03-09', '2025-03-16', '2025-03-23'],
    );
    const all = await weeklyProgress('/repo/ward/criteria.yaml', '2025-03-30', { git: repo.git });
    assert.equal(all?.[0].date, '2025-01-12', 'the first of twelve weeks ending 03-30 is 01-12');
    const three = await weeklyProgress('/repo/ward/criteria.yaml', '2025-02-16', { git: repo.git, weeks: 3, exclude: ['report/tmp'] });
    assert.deepEqual(three?.map((p) => [p.date, p.commit, p.totals.secured]), [
      ['2025-02-02', repo.commit('c4'), 3],
      ['2025-02-09', repo.commit('c4'), 3],
      ['2025-02-16', repo.commit('c4'), 3],
    ]);
  });

  it('never an error: undefined when Git cannot tell where the file is', async () => {
    const repo = ward();
    repo.git.read = () => Promise.reject(new Error('fatal: not a git repository'));
    assert.equal(await weeklyProgress('/repo/ward/criteria.yaml', '2025-02-16', { git: repo.git }), undefined);
    const untrusted = ward();
    untrusted.git.read = () => Promise.reject(Object.assign(new Error('not trusted'), { name: 'GitNotTrustedError' }));
    assert.equal(await weeklyProgress('/repo/ward/criteria.yaml', '2025-02-16', { git: untrusted.git }), undefined);
  });
});
