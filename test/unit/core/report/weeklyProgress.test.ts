// The weekly report's trend on a generated repository: the inline SVG of `report weekly --format html` plots
// exactly the points of `history --json --every week` (one source of truth: the core's progress), the Markdown
// has the first → last line, and without Git or with one commit there is a note instead of a chart.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ProgressPoint } from '../../../../src/core/history/progress';
import { weeklyProgress } from '../../../../src/core/history/weeklyProgress';
import { axisTicks, CHART } from '../../../../src/core/report/progressChart';
import { git, initRepo, sampleCriteria, writeFiles } from '../../helpers';
import { cli, isolateGitConfig } from '../../gitHelpers';

const AS_OF = '2025-11-20';

function commitOn(repo: string, date: string, message: string): void {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: `${date}T12:00:00`, GIT_COMMITTER_DATE: `${date}T12:00:00`, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], { cwd: repo, env });
}

/** Criteria on 2025-09-01, then evidence week after week (and one file removed): a trend that goes up and down. */
function timeline(): { repo: string; file: string } {
  const repo = initRepo();
  writeFiles(repo, { 'criteria.yaml': sampleCriteria() });
  commitOn(repo, '2025-09-01', 'criteria');
  writeFiles(repo, { 'evidence/1.1 Kế hoạch/kế hoạch.pdf': 'plan' });
  commitOn(repo, '2025-09-10', 'plan');
  writeFiles(repo, { 'evidence/2.1/ke-hoach/kế hoạch rà soát.docx': 'docx', 'evidence/2.1/ket-qua-2025.pdf': 'result' });
  commitOn(repo, '2025-09-24', '2.1');
  writeFiles(repo, Object.fromEntries([1, 2, 3, 4].map((q) => [`evidence/1.2 Báo cáo/quý ${q}.pdf`, `q${q}`])));
  commitOn(repo, '2025-10-08', 'reports');
  git(repo, 'rm', '-q', 'evidence/1.1 Kế hoạch/kế hoạch.pdf');
  commitOn(repo, '2025-10-29', 'plan removed');
  return { repo, file: path.join(repo, 'criteria.yaml') };
}

/** The values a polyline of the SVG stands for, read back from its y coordinates. */
function plotted(svg: string, key: string, top: number): number[] {
  const m = new RegExp(`<polyline class="line ${key}"[^>]* points="([^"]*)"`).exec(svg);
  assert.ok(m, `no ${key} line in the report`);
  const bottom = CHART.HEIGHT - CHART.BOTTOM;
  const height = CHART.HEIGHT - CHART.TOP - CHART.BOTTOM;
  return m[1].split(' ').map((p) => Math.round(((bottom - Number(p.split(',')[1])) / height) * top * 100) / 100);
}

describe('weekly report: progress over the weeks (real Git)', function () {
  this.timeout(60_000);
  isolateGitConfig();

  it('the HTML report embeds an SVG of exactly the points `history --json --every week` gives', async () => {
    const { repo, file } = timeline();
    const history = await cli(['history', repo, '--json', '--every', 'week', '--to', AS_OF], repo);
    assert.equal(history.code, 0, history.err);
    const points = (JSON.parse(history.out) as { points: ProgressPoint[] }).points;
    assert.equal(points.length, 12, 'twelve weeks, the last on the as-of date');
    assert.deepEqual(await weeklyProgress(file, AS_OF), points, 'the report and the CLI read the same core function');
    const secured = points.map((p) => p.totals.secured);
    assert.ok(new Set(secured).size >= 3, `a trend worth drawing: ${secured}`);

    const report = await cli(['report', 'weekly', repo, '--format', 'html', '--as-of', AS_OF, '--lang', 'en'], repo);
    assert.equal(report.code, 0, report.err);
    const svg = /<svg[\s\S]*?<\/svg>/.exec(report.out)?.[0];
    assert.ok(svg, 'an inline SVG');
    assert.ok(!/<script/i.test(report.out), 'the page stays script-free');
    const top = axisTicks(Math.max(...points.flatMap((p) => [p.totals.max, p.totals.secured, p.totals.atRisk]))).top;
    assert.deepEqual(plotted(svg, 'secured', top), secured);
    assert.deepEqual(plotted(svg, 'atRisk', top), points.map((p) => p.totals.atRisk));
    assert.deepEqual(plotted(svg, 'max', top), points.map((p) => p.totals.max));
    const overdueTop = axisTicks(Math.max(...points.map((p) => p.totals.overdue)), true).top;
    assert.deepEqual(plotted(svg, 'overdue', overdueTop), points.map((p) => p.totals.overdue));
    const last = points[points.length - 1];
    assert.ok(svg.includes(`${last.date}: secured ${last.totals.secured}/${last.totals.max}, at risk ${last.totals.atRisk}, overdue ${last.totals.overdue}`), 'the text alternative lists the points');
    assert.ok(report.out.includes('Secured points over the weeks — Bộ chỉ số thử nghiệm'));

    const md = await cli(['report', 'weekly', repo, '--as-of', AS_OF, '--lang', 'vi'], repo);
    assert.equal(md.code, 0, md.err);
    // A Vietnamese reader's decimal comma (the last week's 3.5 points).
    const vi = (x: number) => String(x).replace('.', ',');
    assert.ok(md.out.includes(`Điểm đạt ${vi(secured[0])} ngày ${points[0].date} → ${vi(secured[11])} ngày ${last.date} (trên ${vi(last.totals.max)})`), md.out);
    assert.ok(!md.out.includes('<svg'), 'no SVG in Markdown');
  });

  it('without Git, and with one commit, a note instead of a chart', async () => {
    const { repo } = timeline();
    const noGit = await cli(['report', 'weekly', repo, '--format', 'html', '--as-of', AS_OF, '--no-git', '--lang', 'en'], repo);
    assert.equal(noGit.code, 0, noGit.err);
    assert.ok(!noGit.out.includes('<svg'));
    assert.ok(noGit.out.includes('No Git history: the progress over the weeks needs the commits'));

    const single = initRepo();
    writeFiles(single, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/kế hoạch.pdf': 'plan' });
    commitOn(single, '2025-09-01', 'everything at once');
    const one = await cli(['report', 'weekly', single, '--format', 'html', '--as-of', AS_OF, '--lang', 'vi'], single);
    assert.equal(one.code, 0, one.err);
    assert.ok(!one.out.includes('<svg'), 'one commit: no line to draw');
    assert.ok(one.out.includes('Chưa đủ lịch sử để vẽ xu hướng: 1 commit trong các tuần này.'));
  });
});
