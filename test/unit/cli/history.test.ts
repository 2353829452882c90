// The CLI of history: status --rev / --at (same JSON shape as the work tree's status), history.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { StatusModel } from '../../../src/core/model/types';
import { git, initRepo, sampleCriteria, writeFiles } from '../helpers';
import { cli, isolateGitConfig } from '../gitHelpers';

/** A commit with both dates set, so `--at` and `history` have a known timeline. */
export function commitOn(repo: string, date: string, message: string): string {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: `${date}T12:00:00`, GIT_COMMITTER_DATE: `${date}T12:00:00`, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: repo, env });
  return git(repo, 'rev-parse', 'HEAD').trim();
}

/** criteria.yaml on 2025-09-01; one plan on 2025-09-10; four reports on 2025-10-05; the plan removed on 2025-10-20. */
export function timeline(): { repo: string; commits: string[] } {
  const repo = initRepo();
  writeFiles(repo, { 'criteria.yaml': sampleCriteria() });
  const commits = [commitOn(repo, '2025-09-01', 'criteria')];
  writeFiles(repo, { 'evidence/1.1 Kế hoạch/kế hoạch.pdf': 'plan' });
  commits.push(commitOn(repo, '2025-09-10', 'plan'));
  writeFiles(repo, Object.fromEntries([1, 2, 3, 4].map((q) => [`evidence/1.2 Báo cáo/quý ${q}.pdf`, `q${q}`])));
  commits.push(commitOn(repo, '2025-10-05', 'reports'));
  git(repo, 'rm', '-q', 'evidence/1.1 Kế hoạch/kế hoạch.pdf');
  commits.push(commitOn(repo, '2025-10-20', 'plan removed'));
  return { repo, commits };
}

const leaf = (model: StatusModel, id: string) => model.areas.flatMap((a) => a.children).find((c) => c.id === id)!;

describe('CLI: status --rev and --at', function () {
  this.timeout(60_000);
  isolateGitConfig();

  it('--rev gives the status as committed, in the same JSON shape, every file committed', async () => {
    const { repo, commits } = timeline();
    // Uncommitted work must not show at a revision.
    writeFiles(repo, { 'evidence/1.1 Kế hoạch/mới.pdf': 'new' });
    const now = await cli(['status', repo, '--json', '--as-of', '2025-11-01'], repo);
    const atRev = await cli(['status', repo, '--json', '--as-of', '2025-11-01', '--rev', commits[2]], repo);
    assert.equal(atRev.code, 0, atRev.err);
    const [a, b] = [JSON.parse(now.out) as StatusModel, JSON.parse(atRev.out) as StatusModel];
    assert.deepEqual(Object.keys(b), Object.keys(a));
    assert.equal(leaf(a, '1.1').state, 'present');
    assert.equal(leaf(b, '1.1').state, 'committed');
    assert.deepEqual(leaf(b, '1.1').requirements[0].files, [{ path: '1.1 Kế hoạch/kế hoạch.pdf', git: 'committed' }]);
    assert.equal(leaf(b, '1.2').state, 'committed');
    const head = JSON.parse((await cli(['status', repo, '--json', '--as-of', '2025-11-01', '--rev', 'main~1'], repo)).out) as StatusModel;
    assert.deepEqual(head, b);
  });

  it('--at takes the last commit of the branch on or before the end of that day, and judges deadlines on it', async () => {
    const { repo } = timeline();
    const on = async (date: string) => JSON.parse((await cli(['status', repo, '--json', '--at', date], repo)).out) as StatusModel;
    const sept = await on('2025-09-10');
    assert.equal(leaf(sept, '1.1').state, 'committed');
    assert.equal(leaf(sept, '1.2').state, 'missing');
    assert.equal(sept.asOf, '2025-09-10');
    const oct = await on('2025-10-19');
    assert.equal(leaf(oct, '1.1').state, 'committed');
    assert.equal(leaf(oct, '1.2').state, 'committed');
    const late = await on('2025-10-20');
    assert.equal(leaf(late, '1.1').state, 'missing');
    // --as-of still wins for the deadlines.
    assert.equal(JSON.parse((await cli(['status', repo, '--json', '--at', '2025-10-19', '--as-of', '2025-12-31'], repo)).out).asOf, '2025-12-31');
  });

  it('refuses, with exit 2 and one clear line: an unknown revision, a date before any commit, a bad date, --rev with --at or --no-git', async () => {
    const { repo } = timeline();
    const cases: Array<[string[], RegExp]> = [
      [['--rev', 'no-such'], /Unknown revision "no-such"/],
      [['--rev=--output=/tmp/x'], /Unknown revision "--output=\/tmp\/x"/],
      [['--at', '2025-08-31'], /no commit on or before 2025-08-31/],
      [['--at', '2025-02-30'], /Invalid date for --at/],
      [['--rev', 'HEAD', '--at', '2025-10-01'], /--rev and --at cannot be used together/],
      [['--rev', 'HEAD', '--no-git'], /--rev reads Git/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['status', repo, ...args], repo);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.err}`);
      assert.match(run.err, message);
      assert.equal(run.err.trim().split('\n').length, 1);
      assert.equal(run.out, '');
    }
    const vi = await cli(['status', repo, '--rev', 'no-such', '--lang', 'vi'], repo);
    assert.match(vi.err, /Không có phiên bản "no-such"/);
  });

  it('--rev on a criteria file in a subfolder reads that folder of the commit', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'phường/criteria.yaml': sampleCriteria(), 'phường/evidence/1.1 Kế hoạch/a.pdf': 'a', 'evidence/1.1 Kế hoạch/not ours.pdf': 'x' });
    const first = commitOn(repo, '2025-09-01', 'one');
    git(repo, 'rm', '-q', 'phường/evidence/1.1 Kế hoạch/a.pdf');
    commitOn(repo, '2025-09-02', 'two');
    const run = await cli(['status', path.join(repo, 'phường'), '--json', '--rev', first], repo);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(leaf(JSON.parse(run.out) as StatusModel, '1.1').requirements[0].files, [{ path: '1.1 Kế hoạch/a.pdf', git: 'committed' }]);
  });
});

describe('CLI: history', function () {
  this.timeout(60_000);
  isolateGitConfig();

  it('one point per week: the commit on or before each date, deadlines judged on that date, per area and unit', async () => {
    const { repo, commits } = timeline();
    const run = await cli(['history', repo, '--from', '2025-08-25', '--to', '2025-10-27', '--every', 'week', '--json'], repo);
    assert.equal(run.code, 0, run.err);
    const { points } = JSON.parse(run.out) as { points: Array<{ date: string; commit: string; totals: { secured: number; max: number; overdue: number }; byArea: Array<{ id: string; secured: number }>; byUnit: Array<{ id: string; secured: number }> }> };
    // 2025-08-25 is before the first commit: no point.
    assert.deepEqual(
      points.map((p) => [p.date, p.commit, p.totals.secured]),
      [
        ['2025-09-01', commits[0], 0],
        ['2025-09-08', commits[0], 0],
        ['2025-09-15', commits[1], 1],
        ['2025-09-22', commits[1], 1],
        ['2025-09-29', commits[1], 1],
        ['2025-10-06', commits[2], 3],
        ['2025-10-13', commits[2], 3],
        ['2025-10-20', commits[3], 2],
        ['2025-10-27', commits[3], 2],
      ],
    );
    assert.equal(points[6].byArea.find((a) => a.id === '1')!.secured, 3);
    assert.equal(points[6].byUnit.find((u) => u.id === 'VP')!.secured, 2);
    // Each point equals the status at its commit, as of its date.
    for (const p of [points[0], points[5], points[8]]) {
      const at = JSON.parse((await cli(['status', repo, '--json', '--rev', p.commit, '--as-of', p.date], repo)).out) as StatusModel;
      assert.deepEqual(p.totals, at.totals, p.date);
      assert.deepEqual(p.byUnit, at.byUnit, p.date);
    }
  });

  it('CSV with a BOM, one row per point and scope; monthly and daily steps; bad options exit 2', async () => {
    const { repo } = timeline();
    const csv = await cli(['history', repo, '--from', '2025-09-01', '--to', '2025-10-31', '--every', 'month', '--format', 'csv'], repo);
    assert.equal(csv.code, 0, csv.err);
    const rows = csv.out.replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(rows[0], 'date,commit,scope,id,name,max,secured,atRisk,overdue');
    assert.deepEqual(rows.filter((r) => r.includes(',total,')).map((r) => r.split(',')[0]), ['2025-09-30', '2025-10-31']);
    assert.ok(csv.out.startsWith('\ufeff'));
    const days = JSON.parse((await cli(['history', repo, '--from', '2025-10-04', '--to', '2025-10-06', '--every', 'day', '--json'], repo)).out) as { points: Array<{ totals: { secured: number } }> };
    assert.deepEqual(days.points.map((p) => p.totals.secured), [1, 3, 3]);
    for (const args of [['--every', 'year'], ['--from', '2025-13-01'], ['--from', '2025-10-02', '--to', '2025-10-01'], ['--format', 'xml']]) {
      const bad = await cli(['history', repo, ...args], repo);
      assert.equal(bad.code, 2, args.join(' '));
      assert.equal(bad.out, '');
    }
  });

  it('follows renames, deletions and criteria edits incrementally as a fresh status at each commit would', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/a.pdf': 'a', 'evidence/ISO/x.pdf': 'x' });
    commitOn(repo, '2025-09-01', 'one');
    mkdirSync(path.join(repo, 'evidence/1.2 Báo cáo'));
    git(repo, 'mv', 'evidence/1.1 Kế hoạch/a.pdf', 'evidence/1.2 Báo cáo/a.pdf');
    writeFiles(repo, { ['evidence/1.1 Kế hoạch/' + 'kế hoạch.pdf'.normalize('NFD')]: 'nfd' });
    commitOn(repo, '2025-09-02', 'two');
    writeFiles(repo, { 'criteria.yaml': sampleCriteria().replace('min: 4', 'min: 1') });
    commitOn(repo, '2025-09-03', 'three');
    git(repo, 'rm', '-q', '-r', 'evidence/ISO');
    commitOn(repo, '2025-09-04', 'four');
    const run = await cli(['history', repo, '--from', '2025-09-01', '--to', '2025-09-04', '--every', 'day', '--json'], repo);
    const { points } = JSON.parse(run.out) as { points: Array<{ date: string; commit: string; totals: unknown; byArea: unknown; byUnit: unknown }> };
    assert.equal(points.length, 4);
    for (const p of points) {
      const at = JSON.parse((await cli(['status', repo, '--json', '--rev', p.commit, '--as-of', p.date], repo)).out) as StatusModel;
      assert.deepEqual([p.totals, p.byArea, p.byUnit], [at.totals, at.byArea, at.byUnit], p.date);
    }
  });
});
