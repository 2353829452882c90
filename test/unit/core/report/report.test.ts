import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../../../../src/cli/main';
import type { EvidenceCommit, FileRecord, StatusModel } from '../../../../src/core/model/types';
import { dashboardData, deadlineItems } from '../../../../src/core/report/dashboardData';
import { addDays, csvField, daysBetween, escapeHtml, escapeMarkdown } from '../../../../src/core/report/format';
import { renderSelfAssessmentCsv, renderSelfAssessmentHtml, selfAssessment } from '../../../../src/core/report/selfAssessment';
import { renderWeeklyHtml, renderWeeklyMarkdown, weeklyData } from '../../../../src/core/report/weekly';
import { flattenCriteria, isComplete } from '../../../../src/core/status/computeStatus';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../../../..');
const EXAMPLE = path.join(ROOT, 'examples/ward-2025');
const AS_OF = '2025-11-20';
const HOSTILE = '<img src=x onerror=alert(1)>';

async function statusJson(): Promise<StatusModel> {
  let out = '';
  const code = await run(['status', EXAMPLE, '--json', '--as-of', AS_OF], { out: (s) => (out += s), err: () => undefined, cwd: ROOT, env: { LANG: 'C' } });
  assert.equal(code, 0);
  return JSON.parse(out) as StatusModel;
}

async function exampleModel(): Promise<StatusModel> {
  return (await loadWorkspace(path.join(EXAMPLE, 'criteria.yaml'), { asOf: AS_OF })).model;
}

/** RFC 4180 reader, enough to check our own output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted || (c !== '"' && c !== ',' && c !== '\r')) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else {
      // CRLF ends a record (a lone CR never occurs in our output).
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

function commit(date: string, files: string[], criteria: string[] = [], subject = 'Thêm tài liệu'): EvidenceCommit {
  const hash = (date + files.join()).split('').reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7).toString(16).padStart(8, '0').repeat(5);
  return { hash, shortHash: hash.slice(0, 7), author: 'Nguyễn Văn A', email: 'a@example.com', date, subject, criteria, files };
}

/** A criteria file whose criterion 1.1 carries a hostile title and whose evidence folder is plain (no Git). */
async function hostileModel(): Promise<StatusModel> {
  const dir = tempDir();
  writeFiles(dir, {
    'criteria.yaml': sampleCriteria()
      .replace('title: Kế hoạch CCHC', `title: "${HOSTILE} & co"`)
      .replace('name: Văn phòng HĐND và UBND', `name: "${HOSTILE}"`)
      .replace('title: Rà soát văn bản QPPL', `title: "=HYPERLINK(\\"http://example.invalid\\")"`),
    'evidence/1.1 Kế hoạch/<img src=y onerror=alert(2)>.pdf': '%PDF',
  });
  return (await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: AS_OF })).model;
}

describe('report helpers', () => {
  it('date arithmetic crosses months and years', () => {
    assert.equal(addDays('2025-11-20', -7), '2025-11-13');
    assert.equal(addDays('2025-12-29', 7), '2026-01-05');
    assert.equal(addDays('2025-03-01', -1), '2025-02-28');
    assert.equal(daysBetween('2025-11-20', '2025-11-08'), -12);
    assert.equal(daysBetween('2025-10-26', '2025-10-27'), 1);
  });

  it('escapes HTML, Markdown and CSV', () => {
    assert.equal(escapeHtml(`${HOSTILE}"'&`), '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    assert.equal(escapeMarkdown('a|b *c* <i>\nx'), 'a\\|b \\*c\\* &lt;i&gt; x');
    assert.equal(csvField('Kế hoạch, "số 248"'), '"Kế hoạch, ""số 248"""');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField(0.1 + 0.2), '0.3');
  });
});

describe('dashboard data', () => {
  it('carries the status totals, areas and units of the example unchanged', async () => {
    const json = await statusJson();
    const data = dashboardData(await exampleModel());
    assert.deepEqual(data.totals, json.totals);
    assert.equal(data.evidenceShare, json.totals.complete / json.totals.criteria);
    assert.deepEqual(
      data.units.map((u) => [u.id, u.atRisk, u.secured, u.overdue, u.criteria]),
      json.byUnit.map((u) => [u.id, u.atRisk, u.secured, u.overdue, u.criteria]),
    );
    assert.deepEqual(
      data.areas.map((a) => [a.id, a.max, a.secured, a.atRisk]),
      json.byArea.map((a) => [a.id, a.max, a.secured, a.atRisk]),
    );
    const nonAreas = flattenCriteria(json).filter((n) => n.kind !== 'area');
    assert.deepEqual(data.areas.flatMap((a) => a.rows.map((r) => r.id)).sort(), nonAreas.map((n) => n.id).sort(), 'every criterion is under its area');
    assert.equal(data.recent.available, false);
    assert.equal(data.git, json.git);
  });

  it('lists overdue and due-soon items, never complete ones, overdue first', async () => {
    const model = await exampleModel();
    const items = deadlineItems(model);
    const overdueLeaves = flattenCriteria(model).filter((n) => n.leaf && n.overdue && n.due);
    const overdueTasks = model.tasks.filter((t) => t.overdue);
    assert.ok(overdueTasks.length > 0 && overdueLeaves.length > 0);
    for (const n of overdueLeaves) assert.ok(items.some((i) => i.kind === 'criterion' && i.id === n.id && i.overdue), n.id);
    for (const task of overdueTasks) assert.ok(items.some((i) => i.kind === 'task' && i.id === task.id), task.id);
    assert.ok(items.every((i) => !isComplete(i.state) && i.state !== 'waived'));
    assert.ok(items.every((i) => i.overdue || (i.daysLeft >= 0 && i.daysLeft <= 7)));
    const firstSoon = items.findIndex((i) => !i.overdue);
    assert.ok(firstSoon === -1 || items.slice(firstSoon).every((i) => !i.overdue), 'overdue first');
    const nv01 = items.find((i) => i.id === 'NV-01');
    assert.equal(nv01?.daysLeft, -12);
    assert.equal(nv01?.ownerName, 'Phòng Văn hóa - Xã hội');
    // A week later, items due in [asOf, asOf+7] show up as due soon.
    const later = deadlineItems({ ...model, asOf: '2025-12-10' });
    assert.ok(later.some((i) => !i.overdue && i.due === '2025-12-15'));
  });

  it('keeps the commits of the last 7 days, newest first', async () => {
    const model = await exampleModel();
    const commits = [commit('2025-11-12T09:00:00+07:00', ['a.pdf']), commit('2025-11-13T08:00:00+07:00', ['b.pdf']), commit('2025-11-19T16:30:00+07:00', ['c.pdf']), commit('2025-11-21T10:00:00+07:00', ['d.pdf'])];
    const data = dashboardData(model, { commits });
    assert.equal(data.recent.available, true);
    assert.equal(data.recent.since, '2025-11-13');
    assert.deepEqual(
      data.recent.commits.map((c) => c.files[0]),
      ['c.pdf', 'b.pdf'],
    );
    assert.equal(data.recent.total, 2);
  });
});

describe('recent commits', () => {
  it('a commit without Criterion trailers is attributed to the criteria its files back now', async () => {
    const model = await exampleModel();
    const leaf = flattenCriteria(model).find((n) => n.leaf && n.requirements.some((r) => r.files.length > 0))!;
    const file = leaf.requirements.flatMap((r) => r.files)[0].path;
    const data = dashboardData(model, { commits: [commit('2025-11-19T10:00:00+07:00', [file, 'gone/deleted.pdf']), commit('2025-11-18T10:00:00+07:00', [file], ['9.9'])] });
    assert.deepEqual(data.recent.commits[0].criteria, [leaf.id]);
    assert.deepEqual(data.recent.commits[1].criteria, ['9.9'], 'trailers win');
    const weekly = weeklyData(model, { since: '2025-11-13', commits: [commit('2025-11-19T10:00:00+07:00', [file])], before: null });
    assert.deepEqual(weekly.changes.evidenceAdded[0].criteria, [leaf.id]);
  });
});

describe('weekly report', () => {
  afterEach(cleanupTempDirs);

  it('Markdown shows the status totals, every area and unit, and says when Git history is missing', async () => {
    const json = await statusJson();
    const md = renderWeeklyMarkdown(weeklyData(await exampleModel(), { since: '2025-11-13' }), 'vi');
    assert.match(md, /^# Báo cáo giao ban tuần — Bộ chỉ số cải cách hành chính của UBND phường An Bình năm 2025/);
    const t = json.totals;
    // The JSON's numbers as a Vietnamese reader writes them: a decimal comma.
    const n = (x: number) => String(x).replace('.', ',');
    assert.ok(/\d,\d/.test(`${n(t.secured)} ${n(t.atRisk)}`), 'the example has a fractional total: the comma is tested');
    assert.ok(md.includes(`| ${n(t.max)} | ${n(t.secured)} | ${n(t.atRisk)} | ${n(t.waived)} | ${t.overdue} | ${t.complete}/${t.criteria} (`), md.slice(0, 600));
    for (const a of json.byArea) assert.ok(md.includes(`| ${a.id}. ${escapeMarkdown(a.title)} | ${n(a.max)} | ${n(a.secured)} | ${n(a.atRisk)} |`), a.id);
    for (const u of json.byUnit) assert.ok(md.includes(`| ${u.id} — ${u.name} | ${u.complete}/${u.criteria} | ${n(u.secured)} | ${n(u.atRisk)} | ${u.overdue} |`), u.id);
    assert.match(md, /Không có lịch sử Git/);
    // Without Git nothing is guessed: the changes are not listed.
    assert.doesNotMatch(md, /### (Mới quá hạn|Tiêu chí đã đủ tài liệu|Tài liệu mới)/);
    assert.match(md, /NV-01/, 'still in the deadline list');
  });

  it('lists newly overdue items: overdue now, not overdue in the status at the since date', async () => {
    const model = await exampleModel();
    const before = (await loadWorkspace(path.join(EXAMPLE, 'criteria.yaml'), { asOf: '2025-11-01' })).model;
    const data = weeklyData(model, { since: '2025-11-01', commits: [], before: { commit: 'f'.repeat(40), model: before } });
    const ids = data.changes.newOverdue.map((d) => d.id).sort();
    const was = new Set([...flattenCriteria(before).filter((n) => n.overdue).map((n) => n.id), ...before.tasks.filter((t) => t.overdue).map((t) => t.id)]);
    const expected = data.dashboard.deadlines.filter((d) => d.overdue && !was.has(d.id)).map((d) => d.id).sort();
    assert.ok(expected.includes('NV-01'));
    assert.ok(data.dashboard.deadlines.some((d) => d.overdue && was.has(d.id)), 'something was overdue before: the filter is tested');
    assert.deepEqual(ids, expected);
    // Same status on both sides: nothing completed and nothing lost.
    assert.deepEqual(data.changes.completed, []);
    assert.deepEqual(data.changes.lostEvidence, []);
  });

  it('HTML is self-contained, printable and escapes every string from the criteria file', async () => {
    const model = await hostileModel();
    const html = renderWeeklyHtml(weeklyData(model, { since: '2025-11-01' }), 'en');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /@media print/);
    assert.doesNotMatch(html, /<script|<img|src="http|href="http/i);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the hostile unit name is shown as text');
    const md = renderWeeklyMarkdown(weeklyData(model, { since: '2025-11-01' }), 'en');
    assert.doesNotMatch(md, /<img/);
  });
});

describe('self-assessment table', () => {
  afterEach(cleanupTempDirs);

  it('CSV: BOM, CRLF, one row per criterion with the status figures, Vietnamese intact', async () => {
    const json = await statusJson();
    const csv = renderSelfAssessmentCsv(selfAssessment(await exampleModel()), 'vi');
    assert.equal(csv.charCodeAt(0), 0xfeff, 'UTF-8 BOM for Excel');
    assert.ok(!/[^\r]\n(?=[^"]*$)/.test(csv.split('\r\n').slice(-2).join('')), 'rows end with CRLF');
    assert.ok(csv.endsWith('\r\n'));
    const rows = parseCsv(csv.slice(1));
    assert.deepEqual(rows[0].slice(0, 3), ['Mã', 'Tiêu chí', 'Đơn vị']);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    for (const n of flattenCriteria(json)) {
      const row = byId.get(n.id);
      assert.ok(row, `criterion ${n.id} has a row`);
      assert.equal(row[1], n.title);
      assert.equal(Number(row[3]), n.maxScore, `${n.id} max`);
      assert.equal(Number(row[5]), n.totals.secured, `${n.id} secured`);
      if (n.leaf) {
        const files = n.requirements.flatMap((r) => r.files.map((f) => f.path));
        assert.equal(row[9].split('\n').filter(Boolean).length, new Set(files).size, `${n.id} files`);
        for (const f of files) assert.ok(row[9].includes(f), f);
        assert.equal(row[6], n.measure ? (n.measure.rate === null ? '—' : `${n.measure.rate.toFixed(1)}%`) : '', `${n.id} rate beside the score`);
      }
    }
    const total = rows[rows.length - 1];
    assert.equal(total[1], 'Tổng cộng');
    assert.equal(Number(total[3]), json.totals.max);
    assert.equal(Number(total[5]), json.totals.secured);
    assert.equal(rows.length, flattenCriteria(json).length + 2);
  });

  it('shows the commit that recorded each file when Git history is given', async () => {
    const model = await exampleModel();
    const leaf = flattenCriteria(model).find((n) => n.leaf && n.requirements.some((r) => r.files.length > 0))!;
    const file = leaf.requirements.flatMap((r) => r.files)[0];
    const records = new Map<string, FileRecord>([[file.path, { path: file.path, hash: 'abcdef1'.padEnd(40, '0'), shortHash: 'abcdef1', date: '2025-11-03T08:15:00+07:00', author: 'Nguyễn Văn A' }]]);
    const table = selfAssessment(model, records);
    const row = table.rows.find((r) => r.id === leaf.id)!;
    assert.deepEqual(
      row.files.find((f) => f.path === file.path),
      { path: file.path, git: file.git, hash: 'abcdef1'.padEnd(40, '0'), shortHash: 'abcdef1', date: '2025-11-03' },
    );
    const csvRow = parseCsv(renderSelfAssessmentCsv(table, 'en').slice(1)).find((r) => r[0] === leaf.id)!;
    const index = csvRow[9].split('\n').findIndex((line) => line.startsWith(file.path));
    assert.equal(csvRow[10].split('\n')[index], 'abcdef1');
    assert.equal(csvRow[11].split('\n')[index], '2025-11-03');
  });

  it('HTML lists every criterion and escapes hostile titles and file names; CSV defuses formulas', async () => {
    const model = await hostileModel();
    const table = selfAssessment(model);
    const html = renderSelfAssessmentHtml(table, 'vi');
    for (const n of flattenCriteria(model)) assert.ok(html.includes(`<td>${escapeHtml(n.id)}</td>`), n.id);
    assert.doesNotMatch(html, /<img|<script/i);
    assert.ok(html.includes('&lt;img src=y onerror=alert(2)&gt;.pdf'), 'the hostile file name is listed as text');
    assert.match(html, /Không có lịch sử Git/);
    const csv = renderSelfAssessmentCsv(table, 'en');
    const row = parseCsv(csv.slice(1)).find((r) => r[0] === '1.1')!;
    assert.ok(row[1].startsWith(HOSTILE), 'the title is kept as text');
    assert.ok(parseCsv(csv.slice(1)).every((r) => r.every((cell) => !/^[=+@]/.test(cell))), 'no cell starts a formula');
  });
});

describe('reform-evidence report (CLI, real Git repository)', () => {
  afterEach(cleanupTempDirs);

  async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await run(args, { out: (x) => (out += x), err: (x) => (err += x), cwd, env: { LANG: 'C' } });
    return { code, out, err };
  }

  /** Commits everything staged with both Git dates set, so `--since` and the report see the same day. */
  function commitOn(dir: string, date: string, message: string): void {
    const before = { a: process.env.GIT_AUTHOR_DATE, c: process.env.GIT_COMMITTER_DATE };
    process.env.GIT_AUTHOR_DATE = process.env.GIT_COMMITTER_DATE = date;
    try {
      git(dir, 'commit', '-q', '-m', message);
    } finally {
      if (before.a === undefined) delete process.env.GIT_AUTHOR_DATE;
      else process.env.GIT_AUTHOR_DATE = before.a;
      if (before.c === undefined) delete process.env.GIT_COMMITTER_DATE;
      else process.env.GIT_COMMITTER_DATE = before.c;
    }
  }

  function ward(): string {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/Kế hoạch CCHC.pdf': '%PDF-1' });
    git(dir, 'add', '-A');
    commitOn(dir, '2025-11-01T09:00:00+07:00', 'Kế hoạch CCHC\n\nCriterion: 1.1');
    writeFiles(dir, { 'evidence/2.1/ke-hoach/Kế hoạch rà soát.docx': 'docx', 'evidence/2.1/ket-qua-2025.pdf': '%PDF-2' });
    git(dir, 'add', '-A');
    commitOn(dir, '2025-11-18T15:30:00+07:00', 'Kết quả rà soát văn bản QPPL\n\nCriterion: 2.1');
    writeFiles(dir, { 'evidence/ISO/Danh sách tham dự.pdf': '%PDF-3' });
    return dir;
  }

  it('weekly: evidence added and criteria completed since the date come from Git', async () => {
    const dir = ward();
    const { code, out } = await cli(['report', 'weekly', '--since', '2025-11-13', '--as-of', '2025-11-20'], dir);
    assert.equal(code, 0);
    assert.match(out, /Changes since 2025-11-13/);
    assert.match(out, /### Evidence added \(1 commits\)\n\n- 2025-11-18 [0-9a-f]{7,} Test: Kết quả rà soát văn bản QPPL \(criteria 2\.1; 2 file\(s\)\)/);
    const completed = out.split('### Criteria completed')[1].split('###')[0];
    assert.match(completed, /^ \(1\)/);
    assert.match(completed, /- 2\.1 Rà soát văn bản QPPL: 1\.5 pt, VP, missing → committed/);
    assert.doesNotMatch(completed, /1\.1 Kế hoạch CCHC/, 'committed on 2025-11-01, complete at the since date already');
    // From a date before the first commit both are new.
    const wider = await cli(['report', 'weekly', dir, '--since', '2025-10-25', '--as-of', '2025-11-20'], tempDir());
    assert.match(wider.out, /### Criteria completed \(2\)/);
    assert.match(wider.out, /### Evidence added \(2 commits\)/);
  });

  it('weekly --no-git and a plain folder say that history is missing; HTML to a file is written atomically', async () => {
    const dir = ward();
    let r = await cli(['report', 'weekly', '--no-git', '--as-of', '2025-11-20'], dir);
    assert.match(r.out, /No Git history/);
    r = await cli(['report', 'weekly', '--format', 'html', '--output', 'giao-ban.html', '--as-of', '2025-11-20', '--lang', 'vi'], dir);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    assert.match(r.err, /Đã ghi giao-ban\.html/);
    const html = readFileSync(path.join(dir, 'giao-ban.html'), 'utf8');
    assert.match(html, /<html lang="vi">/);
    assert.match(html, /Báo cáo giao ban tuần/);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
  });

  it('self-assessment CSV names the commit and date that recorded each file', async () => {
    const dir = ward();
    const hash = git(dir, 'log', '-1', '--format=%h', '--', 'evidence/2.1').trim();
    const { code } = await cli(['report', 'self-assessment', '--output', 'tu-cham.csv', '--as-of', '2025-11-20'], dir);
    assert.equal(code, 0);
    const bytes = readFileSync(path.join(dir, 'tu-cham.csv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    const row = rows.find((r) => r[0] === '2.1')!;
    assert.deepEqual(row[9].split('\n'), ['2.1/ke-hoach/Kế hoạch rà soát.docx', '2.1/ket-qua-2025.pdf']);
    assert.deepEqual(row[10].split('\n'), [hash, hash]);
    assert.deepEqual(row[11].split('\n'), ['2025-11-18', '2025-11-18']);
    const html = await cli(['report', 'self-assessment', '--format', 'html'], dir);
    assert.ok(html.out.includes(`<div>${hash}</div>`));
  });

  it('rejects a wrong kind, format or date range with exit code 2', async () => {
    const dir = ward();
    for (const args of [['report'], ['report', 'monthly'], ['report', 'weekly', '--format', 'csv'], ['report', 'self-assessment', '--format', 'md'], ['report', 'weekly', '--since', '2025-12-01', '--as-of', '2025-11-20'], ['report', 'weekly', '--since', '2025-02-30']]) {
      const r = await cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.ok(r.err.length > 0);
    }
    assert.ok(!existsSync(path.join(dir, 'report')));
  });
});
