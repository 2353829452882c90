// The weekly report's "what changed since": the exact difference between the status at --since (read from the
// branch's commit of that day) and the status now, on real Git repositories.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { baselineOnDate } from '../../../../src/core/history/statusOnDate';
import { renderWeeklyHtml, renderWeeklyMarkdown, weeklyData, type WeeklyData } from '../../../../src/core/report/weekly';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { git, initRepo, sampleCriteria, writeFiles } from '../../helpers';
import { cli, isolateGitConfig } from '../../gitHelpers';

const AS_OF = '2025-11-20';

function commitOn(repo: string, date: string, message: string): void {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: `${date}T12:00:00`, GIT_COMMITTER_DATE: `${date}T12:00:00`, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env });
}

/**
 * 2025-11-01: the criteria, 1.1 and 2.1 complete. 2025-11-10: the four reports of 1.2 (overdue since 15/10).
 * Work tree: 2.1's result deleted. Task NV-01 (due 2025-11-08, no evidence) is overdue now, not on 2025-11-05.
 */
function ward(): { repo: string; file: string } {
  const repo = initRepo();
  writeFiles(repo, {
    'criteria.yaml': sampleCriteria(),
    'evidence/1.1 Kế hoạch/kế hoạch.pdf': 'plan',
    'evidence/2.1/ke-hoach/kế hoạch rà soát.docx': 'docx',
    'evidence/2.1/ket-qua-2025.pdf': 'result',
  });
  commitOn(repo, '2025-11-01', 'criteria and first evidence');
  writeFiles(repo, Object.fromEntries([1, 2, 3, 4].map((q) => [`evidence/1.2 Báo cáo/quý ${q}.pdf`, `q${q}`])));
  commitOn(repo, '2025-11-10', 'Báo cáo quý');
  rmSync(path.join(repo, 'evidence/2.1/ket-qua-2025.pdf'));
  return { repo, file: path.join(repo, 'criteria.yaml') };
}

async function weekly(file: string, since: string): Promise<WeeklyData> {
  const { model, git: g } = await loadWorkspace(file, { asOf: AS_OF });
  assert.ok(g, 'a Git work tree');
  return weeklyData(model, { since, commits: [], before: await baselineOnDate(file, since, { git: g }) });
}

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('weekly report: exact changes since a date (real Git)', function () {
  this.timeout(60_000);
  isolateGitConfig();

  it('lists the criteria completed, those that lost evidence and the newly overdue; not what was complete before', async () => {
    const { repo, file } = ward();
    const data = await weekly(file, '2025-11-05');
    assert.equal(data.changes.history, true);
    assert.equal(data.changes.baseline, git(repo, 'rev-parse', 'HEAD~1').trim(), 'the commit of 2025-11-01');
    assert.deepEqual(ids(data.changes.completed), ['1.2'], '1.1 was already complete on the 5th');
    assert.deepEqual(data.changes.completed[0], { id: '1.2', title: 'Báo cáo quý', owner: 'VP', points: 2, before: 'missing', after: 'committed' });
    assert.deepEqual(ids(data.changes.lostEvidence), ['2.1']);
    assert.equal(data.changes.lostEvidence[0].before, 'committed');
    assert.equal(data.changes.lostEvidence[0].after, 'partial');
    // NV-01 (due the 8th) became overdue inside the window; 1.2 was overdue on the 5th already (and is complete now).
    assert.deepEqual(ids(data.changes.newOverdue), ['NV-01']);
  });

  it('a window that starts after the last change lists nothing completed', async () => {
    const { file } = ward();
    const data = await weekly(file, '2025-11-15');
    assert.deepEqual(data.changes.completed, []);
    // The deletion is in the work tree, after every commit: still lost since the 15th.
    assert.deepEqual(ids(data.changes.lostEvidence), ['2.1']);
    assert.deepEqual(data.changes.newOverdue, [], 'NV-01 was overdue on the 15th already');
  });

  it('a window whose start has no commit: every criterion counts as new, and the report says so', async () => {
    const { file } = ward();
    const data = await weekly(file, '2025-10-01');
    assert.equal(data.changes.baseline, undefined);
    assert.deepEqual(ids(data.changes.completed), ['1.1', '1.2']);
    assert.deepEqual(data.changes.lostEvidence, []);
    assert.deepEqual(ids(data.changes.newOverdue), ['NV-01']);
    assert.match(renderWeeklyMarkdown(data, 'en'), /The branch has no commit on or before 2025-10-01: every criterion counts as new/);
    assert.match(renderWeeklyMarkdown(data, 'vi'), /Nhánh không có commit nào đến hết ngày 2025-10-01/);
  });

  it('Markdown and HTML list the three kinds of change, in English and Vietnamese', async () => {
    const { file } = ward();
    const data = await weekly(file, '2025-11-05');
    const md = renderWeeklyMarkdown(data, 'en');
    assert.match(md, /### Criteria completed \(1\)\n\n- 1\.2 Báo cáo quý: 2 pt, VP, missing → committed\n/);
    assert.match(md, /### Criteria that lost evidence \(1\)\n\n- 2\.1 Rà soát văn bản QPPL: 1\.5 pt, VP, committed → partial\n/);
    assert.match(md, /### Newly overdue \(1\)\n\n[^#]*NV-01/);
    assert.match(md, new RegExp(`Compared exactly: the status at ${data.changes.baseline!.slice(0, 7)}`));
    assert.doesNotMatch(md, /newest commit recording/, 'the old approximation is gone');
    const vi = renderWeeklyMarkdown(data, 'vi');
    assert.match(vi, /### Tiêu chí đã đủ tài liệu \(1\)\n\n- 1\.2 Báo cáo quý: 2 điểm, VP, thiếu → đã commit\n/);
    assert.match(vi, /### Tiêu chí bị mất tài liệu \(1\)\n\n- 2\.1 Rà soát văn bản QPPL: 1,5 điểm, VP, đã commit → chưa đủ\n/);
    assert.match(vi, /### Mới quá hạn \(1\)/);
    assert.match(vi, /So sánh chính xác/);
    const html = renderWeeklyHtml(data, 'vi');
    assert.match(html, /<h3>Tiêu chí đã đủ tài liệu \(1\)<\/h3>\s*<ul><li>1\.2 Báo cáo quý: 2 điểm, VP, thiếu → đã commit<\/li><\/ul>/);
    assert.match(html, /<h3>Tiêu chí bị mất tài liệu \(1\)<\/h3>\s*<ul><li>2\.1 Rà soát văn bản QPPL: 1,5 điểm, VP, đã commit → chưa đủ<\/li><\/ul>/);
    assert.match(html, /<h3>Mới quá hạn \(1\)<\/h3>\s*<table>.*NV-01/);
  });

  it('the CLI compares against --since; --no-git lists no change and says the comparison needs Git', async () => {
    const { repo } = ward();
    let r = await cli(['report', 'weekly', '--since', '2025-11-05', '--as-of', AS_OF], repo);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /### Criteria completed \(1\)\n\n- 1\.2 /);
    assert.match(r.out, /### Criteria that lost evidence \(1\)\n\n- 2\.1 /);
    r = await cli(['report', 'weekly', '--no-git', '--since', '2025-11-05', '--as-of', AS_OF, '--lang', 'vi'], repo);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /cần Git nên không được liệt kê/);
    assert.doesNotMatch(r.out, /### (Tiêu chí đã đủ tài liệu|Tiêu chí bị mất tài liệu|Mới quá hạn)/);
    r = await cli(['report', 'weekly', '--no-git', '--as-of', AS_OF, '--format', 'html'], repo);
    assert.match(r.out, /needs Git and is not listed/);
  });
});
