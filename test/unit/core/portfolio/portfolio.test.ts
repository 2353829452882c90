import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { commonFolder, findWards, mapLimited, wardsOfCriteriaFiles } from '../../../../src/core/portfolio/findWards';
import { areaMatrix, assemblePortfolio, buildPortfolio, rankWards, summarizeWard, type PortfolioWard } from '../../../../src/core/portfolio/portfolio';
import { heatStyle, wardLook, renderPortfolioCsv, renderPortfolioHtml, renderPortfolioMarkdown, renderPortfolioXlsx } from '../../../../src/core/portfolio/render';
import { loadExcelJs } from '../../../../src/core/measure/table';
import { portfolioWorkerScript } from '../../../../src/core/portfolio/pool';
import { gitCommandMark, gitCommandsSince } from '../../../../src/core/git/git';
import { shellReadCount } from '../../../../src/core/git/shellReads';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { createParseCache } from '../../../../src/core/workspace/parseCache';
import { cityIndex, WARD } from '../../extendsFixtures';
import { cli, isolateGitConfig } from '../../gitHelpers';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const AS_OF = '2025-10-20';

/** A city folder: two Git wards (one with a proper evidence commit), a broken one, one without Git, one unreadable, one nested. */
function repoAt(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return initRepo(dir);
}

async function city(): Promise<string> {
  const root = tempDir('re-city-');
  // Ward A: 1.1 and 1.2 complete, added through `add` (trailers and hashes: verify passes).
  const a = repoAt(path.join(root, 'phuong-a'));
  writeFiles(a, { 'criteria.yaml': sampleCriteria() });
  git(a, 'add', '.');
  git(a, 'commit', '-q', '-m', 'criteria');
  // A criteria file inside the evidence is a document, not a ward.
  writeFiles(a, { 'evidence/1.1 Kế hoạch/criteria.yaml': 'reformEvidence: 1\n' });
  const sources = tempDir('re-src-');
  writeFiles(sources, { 'kh.pdf': 'plan', 'q1.pdf': '1', 'q2.pdf': '2', 'q3.pdf': '3', 'q4.pdf': '4' });
  const added = await cli(['add', '1.1', path.join(sources, 'kh.pdf'), '-C', a], root);
  assert.equal(added.code, 0, added.err);
  const quarters = await cli(['add', '1.2', ...['q1', 'q2', 'q3', 'q4'].map((q) => path.join(sources, `${q}.pdf`)), '-C', a], root);
  assert.equal(quarters.code, 0, quarters.err);
  // Ward B: only 1.1, committed by hand (no trailers: verify reports it); 1.2 is overdue on AS_OF.
  const b = repoAt(path.join(root, 'phuong-b'));
  writeFiles(b, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/kh.pdf': 'plan' });
  git(b, 'add', '.');
  git(b, 'commit', '-q', '-m', 'import');
  // Ward C: a YAML syntax error.
  const c = repoAt(path.join(root, 'xa-c'));
  writeFiles(c, { 'criteria.yaml': 'reformEvidence: 1\nindex: [unclosed\n' });
  // Ward D: no Git at all, 2.1 complete on disk.
  writeFiles(root, { 'xa-d/criteria.yaml': sampleCriteria(), 'xa-d/evidence/2.1/a/k.docx': 'k', 'xa-d/evidence/2.1/ket-qua-1.pdf': 'r' });
  // Ward E: its criteria file is a dangling link: it cannot be loaded.
  mkdirSync(path.join(root, 'xa-e'));
  symlinkSync(path.join(root, 'nowhere.yaml'), path.join(root, 'xa-e', 'criteria.yaml'));
  // Ward F, two levels down; and a ward inside node_modules, never looked at.
  writeFiles(root, { 'quan-1/phuong-f/criteria.yaml': sampleCriteria(), 'node_modules/x/criteria.yaml': sampleCriteria() });
  return root;
}

describe('portfolio', () => {
  isolateGitConfig();
  afterEach(cleanupTempDirs);

  it('finds every ward under a folder, not inside a ward, node_modules or below the depth bound', async () => {
    const root = await city();
    writeFiles(root, { 'a/b/c/d/e/criteria.yaml': sampleCriteria() });
    const found = (await findWards(root)).map((w) => path.relative(root, w.dir).split(path.sep).join('/'));
    assert.deepEqual(found, ['phuong-a', 'phuong-b', 'quan-1/phuong-f', 'xa-c', 'xa-d', 'xa-e']);
    assert.deepEqual((await findWards(root, 5)).map((w) => path.relative(root, w.dir)).includes(path.join('a', 'b', 'c', 'd', 'e')), true);
  });

  it('loads each ward, reports a broken one for itself, ranks the others, and sets the matrix', async () => {
    const root = await city();
    const p = await buildPortfolio(root, { asOf: AS_OF, verify: true, jobs: 2 });
    const by = new Map(p.wards.map((w) => [w.path, w]));
    const a = by.get('phuong-a')!;
    const b = by.get('phuong-b')!;
    const d = by.get('xa-d')!;
    assert.deepEqual([a.totals.secured, a.totals.atRisk, a.totals.complete, a.totals.criteria], [3, 1.5, 2, 3]);
    assert.deepEqual([b.totals.secured, b.totals.overdue, a.totals.overdue], [1, 1, 0]);
    assert.equal(a.index.id, 'test-2025');
    assert.match(a.lastEvidence!.subject, /1\.2/);
    assert.deepEqual(a.verify && { commits: a.verify.commits, problems: a.verify.problems }, { commits: 2, problems: 0 });
    assert.ok(b.verify!.problems > 0);
    assert.equal(d.git, false);
    assert.equal(d.lastEvidence, null);
    assert.equal(d.verify, null);
    assert.equal(d.totals.secured, 1.5);
    assert.ok(by.get('xa-c')!.problems.errors > 0);
    assert.match(by.get('xa-c')!.firstError!, /^xa-c\/criteria\.yaml:\d+:\d+: RE001/);
    assert.match(by.get('xa-e')!.error!, /Could not load the ward/);
    // Ranked: A (3/4.5) before D (1.5/4.5) and F (0); B (1/4.5) after D; C and E listed, not ranked.
    assert.deepEqual(p.ranking.map((i) => p.wards[i].path), ['phuong-a', 'xa-d', 'phuong-b', 'quan-1/phuong-f', 'xa-c', 'xa-e']);
    assert.deepEqual(p.ranking.map((i) => p.wards[i].rank), [1, 2, 3, 4, undefined, undefined]);
    assert.deepEqual(p.matrix.areas.map((x) => x.id), ['1', '2']);
    assert.deepEqual(p.matrix.atRisk[p.wards.indexOf(a)], [0, 1.5]);
    assert.deepEqual(p.matrix.atRisk[p.wards.indexOf(b)], [2, 1.5]);
    assert.deepEqual(p.matrix.atRisk[p.wards.indexOf(by.get('xa-e')!)], [null, null]);
    assert.equal(p.matrix.max, 3);
  });

  it('leaves the audit trail unchecked unless asked', async () => {
    const root = await city();
    const p = await buildPortfolio(root, { asOf: AS_OF });
    assert.ok(p.wards.every((w) => w.verify === null));
  });

  it('runs two Git processes per ward (the listing and the last evidence commit), with the figures status gives', async () => {
    const root = await city();
    // A staged file in ward B: the summary does not ask Git what is staged, and still counts it as status does.
    writeFiles(path.join(root, 'phuong-b'), { 'evidence/2.1/a/k.docx': 'k', 'evidence/2.1/ket-qua-1.pdf': 'r' });
    git(path.join(root, 'phuong-b'), 'add', 'evidence');
    const mark = gitCommandMark();
    const p = await buildPortfolio(root, { asOf: AS_OF, jobs: 3 });
    const calls = gitCommandsSince(mark);
    for (const ward of ['phuong-a', 'phuong-b']) {
      const dir = path.join(root, ward);
      const commands = calls.filter((c) => c.cwd === dir).map((c) => c.args[0]).sort();
      assert.deepEqual(commands, ['log', 'ls-files'], `${ward}: ${commands.join(', ')}`);
    }
    const b = p.wards.find((w) => w.path === 'phuong-b')!;
    const status = await loadWorkspace(path.join(root, 'phuong-b', 'criteria.yaml'), { asOf: AS_OF });
    assert.deepEqual(b.totals, status.model.totals);
    assert.deepEqual(b.byArea, status.model.byArea);
    assert.equal(b.totals.secured, 2.5);
  });

  it('worker threads give the same portfolio, byte for byte, as loading on this thread; a dead worker leaves its wards here', async () => {
    const root = await city();
    // Generated wards: each a different share of the sample's evidence, committed or only on disk.
    const files: Record<string, string> = { 'evidence/1.1 Kế hoạch/kh.pdf': 'plan', 'evidence/1.2/q1.pdf': '1', 'evidence/2.1/a/k.docx': 'k', 'evidence/2.1/ket-qua-1.pdf': 'r' };
    for (let i = 0; i < 6; i++) {
      const dir = repoAt(path.join(root, `gen-${i}`));
      writeFiles(dir, { 'criteria.yaml': sampleCriteria(), ...Object.fromEntries(Object.entries(files).filter((_, k) => (i >> k) & 1)) });
      if (i % 2) {
        git(dir, 'add', '.');
        git(dir, 'commit', '-q', '-m', `ward ${i}`);
      }
    }
    const script = portfolioWorkerScript();
    assert.ok(script, 'the compiled worker is found next to pool.js');
    const listings = (mark: number) => gitCommandsSince(mark).filter((c) => c.args[0] === 'ls-files').length;
    const start = gitCommandMark();
    const here = JSON.stringify(await buildPortfolio(root, { asOf: AS_OF, verify: true, jobs: 3 }));
    const all = listings(start);
    const mark = gitCommandMark();
    const threads = JSON.stringify(await buildPortfolio(root, { asOf: AS_OF, verify: true, jobs: 3, threads: 2, workerScript: script }));
    // This thread and one worker shared the wards.
    assert.ok(listings(mark) > 0 && listings(mark) < all, `${listings(mark)} of ${all} listings here`);
    assert.equal(threads, here);
    assert.equal((JSON.parse(here) as { wards: unknown[] }).wards.length, 12);
    assert.match(here, /"error":"Could not load the ward/);
    // A worker that dies at once: every ward still loads, on this thread.
    const dying = path.join(tempDir('re-worker-'), 'dying.js');
    writeFileSync(dying, 'process.exit(7);\n');
    const before = gitCommandMark();
    assert.equal(JSON.stringify(await buildPortfolio(root, { asOf: AS_OF, verify: true, jobs: 3, threads: 2, workerScript: dying })), here);
    assert.equal(listings(before), all, 'every ward loaded here');
  });

  it('parses each distinct criteria text once, with the same portfolio, byte for byte, as parsing every ward\'s own', async () => {
    const root = await city();
    // Two wards with the same broken file, two that extend the same index (each its own copy), and copies of ward B.
    const broken = sampleCriteria().replace('owner: VP\n', 'owner: NOBODY\n');
    for (const w of ['xa-g', 'xa-h']) writeFiles(root, { [`${w}/criteria.yaml`]: broken, [`${w}/evidence/1.1 Kế hoạch/kh.pdf`]: 'x' });
    for (const w of ['xa-i', 'xa-j']) writeFiles(repoAt(path.join(root, w)), { 'criteria.yaml': WARD, 'index/city.yaml': cityIndex(), 'evidence/1.1 Kế hoạch/phu-luc-1.pdf': 'x' });
    for (const w of ['phuong-k', 'phuong-l']) writeFiles(repoAt(path.join(root, w)), { 'criteria.yaml': sampleCriteria(), 'evidence/2.1/ket-qua-1.pdf': 'r' });
    const uncached = JSON.stringify(await buildPortfolio(root, { asOf: AS_OF, jobs: 3, parseCache: false }));
    const cache = createParseCache();
    const served = shellReadCount();
    assert.equal(JSON.stringify(await buildPortfolio(root, { asOf: AS_OF, jobs: 3, parseCache: cache })), uncached);
    // The wards' last evidence commits were read through the thread's one shell (git/shellReads.ts).
    if (process.platform !== 'win32') assert.ok(shellReadCount() - served >= 6, `${shellReadCount() - served} through the shell`);
    // Wards a, b, d, f, k, l share one text; c has its own; g and h another; i and j the ward's text and the index's.
    assert.deepEqual([cache.parsed, cache.reused], [5, 8]);
    const threads = await buildPortfolio(root, { asOf: AS_OF, jobs: 3, threads: 2, workerScript: portfolioWorkerScript() });
    assert.equal(JSON.stringify(threads), uncached);
    const by = new Map(threads.wards.map((w) => [w.path, w]));
    assert.match(by.get('xa-g')!.firstError!, /^xa-g\/criteria\.yaml:\d+:\d+: RE\d+ .*NOBODY/);
    assert.equal(by.get('xa-h')!.firstError, by.get('xa-g')!.firstError!.replace('xa-g', 'xa-h'));
    assert.equal(by.get('xa-i')!.index.extends?.id, 'city-2025');
    assert.deepEqual(by.get('xa-j')!.totals, by.get('xa-i')!.totals);
  });

  it('ranks wards only against wards on the same index', () => {
    const ward = (p: string, id: string, secured: number): PortfolioWard => ({
      path: p, criteriaFile: `${p}/criteria.yaml`, index: { id, title: id }, git: true,
      totals: { max: 10, secured, atRisk: 10 - secured, waived: 0, overdue: 0, criteria: 1, complete: 0, missing: 1 },
      evidenceShare: 0, byArea: [{ id: '1', title: 'A', max: 10, secured, atRisk: 10 - secured, waived: 0, overdue: 0, criteria: 1, complete: 0, missing: 1 }],
      lastEvidence: null, verify: null, problems: { errors: 0, warnings: 0 },
    });
    const wards = [ward('w1', 'city-2025', 2), ward('w2', 'city-2026', 9), ward('w3', 'city-2025', 5), ward('w10', 'city-2025', 5)];
    const { ranking, indexes } = rankWards(wards);
    assert.deepEqual(ranking.map((i) => wards[i].path), ['w3', 'w10', 'w1', 'w2']);
    assert.deepEqual(wards.map((w) => w.rank), [3, 1, 1, 2]);
    assert.deepEqual(indexes, [{ id: 'city-2025', wards: 3 }, { id: 'city-2026', wards: 1 }]);
    assert.equal(areaMatrix(wards).max, 8);
  });

  it('wards of files already found (the editor): one per folder, criteria.yaml first, none inside another; their common folder', () => {
    const found = wardsOfCriteriaFiles(['/c/b/other.yaml', '/c/a/criteria.yaml', '/c/b/criteria.yml', '/c/a/evidence/x/criteria.yaml', '/c/q/d/criteria.yaml']);
    assert.deepEqual(found.map((f) => f.criteriaFile), ['/c/a/criteria.yaml', '/c/b/criteria.yml', '/c/q/d/criteria.yaml']);
    assert.equal(commonFolder(found.map((f) => f.dir)), '/c');
    assert.equal(commonFolder(['/c/a']), '/c');
    assert.equal(commonFolder(['/c/ab', '/c/a']), '/c');
  });

  it('a ward\'s row from a model already loaded equals the portfolio\'s own; its look; ward links escaped in the HTML', async () => {
    const root = await city();
    const p = await buildPortfolio(root, { asOf: AS_OF });
    const a = p.wards.find((w) => w.path === 'phuong-a')!;
    const loaded = await loadWorkspace(path.join(root, 'phuong-a', 'criteria.yaml'), { asOf: AS_OF });
    const row = summarizeWard(root, { dir: path.join(root, 'phuong-a'), criteriaFile: path.join(root, 'phuong-a', 'criteria.yaml') }, loaded, { lastEvidence: a.lastEvidence, verify: null });
    const unranked = (w: PortfolioWard): PortfolioWard => {
      const { rank: _rank, ...rest } = w;
      return rest;
    };
    assert.deepEqual(row, unranked(a));
    const again = assemblePortfolio(p.root, p.asOf, p.wards.map(unranked));
    assert.deepEqual(again.ranking, p.ranking);
    assert.deepEqual(again.matrix, p.matrix);
    assert.deepEqual(p.wards.map((w) => [w.path, wardLook(w).icon]), [
      ['phuong-a', 'pie-chart'], ['phuong-b', 'clock'], ['quan-1/phuong-f', 'clock'], ['xa-c', 'error'], ['xa-d', 'clock'], ['xa-e', 'error'],
    ]);
    const html = renderPortfolioHtml(p, 'en', { wardHref: (w) => (w.path === 'phuong-a' ? 'command:x?%5B%22a%22%5D&"<' : undefined) });
    // In the ranking and in the matrix; the other wards are plain text.
    assert.equal(html.split('<td><a href="command:x?%5B%22a%22%5D&amp;&quot;&lt;">phuong-a</a></td>').length, 3);
    assert.match(html, /<td>phuong-b<\/td>/);
  });

  it('runs at most `limit` tasks at once and keeps the order of the results', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    assert.deepEqual(out, [50, 10, 40, 20, 30]);
    assert.equal(peak, 2);
  });

  it('renders Markdown, script-free HTML with a heat map, guarded CSV and a workbook', async () => {
    const root = await city();
    // A ward folder named like a formula must not become one in a spreadsheet.
    writeFiles(root, { '=HYPERLINK(1)/criteria.yaml': sampleCriteria() });
    const p = await buildPortfolio(root, { asOf: AS_OF });
    const md = renderPortfolioMarkdown(p, 'en');
    assert.match(md, /\| 1 \| phuong-a \| test-2025 \(2025\) \| 3\/4\.5 \| 1\.5 \| 0 \| 2\/3 \(67%\) \|/);
    assert.match(md, /\| — \| xa-e \|.*Could not load the ward/);
    const html = renderPortfolioHtml(p, 'vi');
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /<td class="num heat" style="background:rgba\(207,34,46,0\.85\);color:#ffffff;[^"]*">3<\/td>/);
    assert.match(html, /Điểm có nguy cơ mất theo lĩnh vực/);
    const csv = renderPortfolioCsv(p, 'en');
    assert.ok(csv.startsWith('\uFEFF'));
    assert.match(csv, /\r\n/);
    assert.match(csv, /,'=HYPERLINK\(1\),/);
    assert.match(csv, /\r\n1,phuong-a,test-2025 \(2025\),3,4\.5,1\.5,0,2,3,/);
    const workbook = new (loadExcelJs().Workbook)();
    await workbook.xlsx.load((await renderPortfolioXlsx(p, 'en')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    assert.equal(sheet.getCell('B2').value, 'phuong-a');
    assert.equal(sheet.getCell('D2').value, 3);
    assert.equal(heatStyle(0, 0).startsWith('background:rgba(207,34,46,0);'), true);
  });

  it('CLI: --json lists the wards, --format html writes a file, exit 1 when a ward failed to load', async () => {
    const root = await city();
    const json = await cli(['portfolio', root, '--json', '--as-of', AS_OF], root);
    assert.equal(json.code, 1, json.err);
    const data = JSON.parse(json.out) as { wards: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(data.wards[0]).filter((k) => ['path', 'index', 'totals', 'byArea', 'lastEvidence', 'verify'].includes(k)).length, 6);
    const out = path.join(root, 'p.html');
    const html = await cli(['portfolio', '.', '--format', 'html', '--output', out, '--as-of', AS_OF], root);
    assert.equal(html.code, 1);
    assert.match(readFileSync(out, 'utf8'), /phuong-a/);
    assert.match(html.err, /Wrote p\.html/);
  });

  it('CLI: wrong usage exits 2 with a clear message; a folder without wards exits 1', async () => {
    const empty = tempDir('re-empty-');
    assert.deepEqual(await cli(['portfolio', empty, '--format', 'pdf'], empty).then((r) => [r.code, /Invalid --format "pdf"/.test(r.err)]), [2, true]);
    assert.deepEqual(await cli(['portfolio', empty, '--jobs', '0'], empty).then((r) => [r.code, /Invalid --jobs "0"/.test(r.err)]), [2, true]);
    assert.deepEqual(await cli(['portfolio', path.join(empty, 'missing')], empty).then((r) => r.code), 2);
    assert.deepEqual(await cli(['portfolio', empty, '--format', 'xlsx'], empty).then((r) => r.code), 2);
    const none = await cli(['portfolio', empty], empty);
    assert.equal(none.code, 1);
    assert.match(none.err, /No ward found/);
  });
});
