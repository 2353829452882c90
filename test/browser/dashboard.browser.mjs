#!/usr/bin/env node
// Browser tier: the dashboard page (media/dashboard/) in Debian's headless chromium, driven by playwright-core.
// The page gets the exact HTML shell and CSP the extension serves (src/extension/dashboard/html.ts), a stub of
// acquireVsCodeApi that records what it posts, and data built by the core (dashboardData) from the CLI's
// `status --json` of the example. Screenshots (light and dark theme variables) go to test-results/screenshots/.
//
// Usage: node test/browser/dashboard.browser.mjs   (builds dist/cli.js first if it is missing)
// Last line of output: {"passed":N,"failed":M}. Exit code 1 when anything failed.
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { progressRepo } from './progressRepo.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const shotDir = path.join(root, 'test-results', 'screenshots');
const AS_OF = '2025-11-20';
const HOSTILE = '<img src=x onerror=alert(1)>';
const ENTRY_URI = 'file:///work/ward-2025/criteria.yaml';
const TIMEOUT_MS = Number(process.env.REFORM_EVIDENCE_BROWSER_TIMEOUT || 180) * 1000;

const counts = { passed: 0, failed: 0 };
const started = Date.now();

function report() {
  console.log(`[browser] ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`[browser] screenshots: ${path.relative(root, shotDir)}/`);
  console.log(JSON.stringify(counts));
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function equal(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}

/** The core modules the page depends on, bundled for Node from the TypeScript sources. */
async function loadCore() {
  const source = `export { dashboardData } from './src/core/report/dashboardData';
export { dashboardShell, makeNonce } from './src/extension/dashboard/html';
export { presentation } from './src/core/present/states';
export { progressView } from './src/core/report/progressChart';`;
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return import('data:text/javascript;base64,' + Buffer.from(result.outputFiles[0].text).toString('base64'));
}

/** `history --json --every week` of a generated repository (test/browser/progressRepo.mjs): the points the chart must plot. */
function historyJson(repo) {
  const cli = path.join(root, 'dist/cli.js');
  return JSON.parse(execFileSync(process.execPath, [cli, 'history', repo, '--json', '--every', 'week', '--to', AS_OF], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C' } }));
}

function statusJson() {
  const cli = path.join(root, 'dist/cli.js');
  if (!existsSync(cli)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  return JSON.parse(execFileSync(process.execPath, [cli, 'status', 'examples/ward-2025', '--json', '--as-of', AS_OF], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C' } }));
}

/** Two evidence commits in the week before the as-of date, on files the example really has. */
function weekCommits(model) {
  const leaves = [];
  const visit = (n) => (n.leaf ? leaves.push(n) : n.children.forEach(visit));
  model.areas.forEach(visit);
  const withFiles = leaves.filter((l) => l.requirements.some((r) => r.files.length > 0));
  const files = (leaf) => leaf.requirements.flatMap((r) => r.files.map((f) => f.path));
  const [a, b] = [withFiles[0], withFiles[withFiles.length - 1]];
  return [
    { hash: 'a1b2c3d'.padEnd(40, '0'), shortHash: 'a1b2c3d', author: 'Đỗ Thị Minh Hạnh', email: 'hanh@example.invalid', date: '2025-11-18T15:42:00+07:00', subject: `Bổ sung tài liệu kiểm chứng tiêu chí ${a.id}`, criteria: [a.id], files: files(a) },
    { hash: 'e4f5a6b'.padEnd(40, '0'), shortHash: 'e4f5a6b', author: 'Vũ Thị Lan Anh', email: 'lananh@example.invalid', date: '2025-11-14T09:05:00+07:00', subject: `Cập nhật kết quả tiêu chí ${b.id}`, criteria: [b.id], files: files(b) },
  ];
}

/** The page's English texts, read from the host's source (src/extension/dashboard/strings.ts). */
function stringsEn() {
  const source = readFileSync(path.join(root, 'src/extension/dashboard/strings.ts'), 'utf8');
  const entries = [...source.matchAll(/^\s*'?([\w.]+)'?: vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'\),?$/gm)].map((m) => [m[1], m[2].replace(/\\'/g, "'")]);
  assert(entries.length > 40, `strings.ts: found only ${entries.length} texts`);
  return Object.fromEntries(entries);
}
const STRINGS_EN = stringsEn();

/** The page's texts as the host sends them in Vietnamese (l10n/bundle.l10n.vi.json); every one must exist. */
function stringsVi() {
  const bundle = JSON.parse(readFileSync(path.join(root, 'l10n/bundle.l10n.vi.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(STRINGS_EN).map(([k, en]) => {
      const vi = typeof bundle[en] === 'string' ? bundle[en] : bundle[en]?.message;
      assert(vi, `no Vietnamese for "${en}"`);
      return [k, vi];
    }),
  );
}

// The variables VS Code puts on the page for "Default Light Modern" and "Default Dark Modern" (the ones we use).
const THEMES = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-font-family': '"Liberation Sans", system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#717171', '--vscode-editor-background': '#ffffff', '--vscode-sideBar-background': '#f8f8f8',
      '--vscode-panel-border': '#e5e5e5', '--vscode-list-hoverBackground': '#f2f2f2', '--vscode-focusBorder': '#005fb8',
      '--vscode-charts-green': '#388a34', '--vscode-charts-red': '#e51400', '--vscode-charts-yellow': '#bf8803', '--vscode-charts-blue': '#1a85ff', '--vscode-testing-iconPassed': '#388a34',
      '--vscode-disabledForeground': 'rgba(97, 97, 97, 0.5)', '--vscode-errorForeground': '#a1260d', '--vscode-badge-background': '#cccccc',
      '--vscode-badge-foreground': '#3b3b3b', '--vscode-button-background': '#005fb8', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0258a8', '--vscode-button-secondaryBackground': '#e5e5e5', '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-textLink-foreground': '#005fb8', '--vscode-editor-font-family': '"Liberation Mono", monospace',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-font-family': '"Liberation Sans", system-ui, sans-serif', '--vscode-font-size': '13px', '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editor-background': '#1f1f1f', '--vscode-sideBar-background': '#181818',
      '--vscode-panel-border': '#2b2b2b', '--vscode-list-hoverBackground': '#2a2d2e', '--vscode-focusBorder': '#0078d4',
      '--vscode-charts-green': '#89d185', '--vscode-charts-red': '#f14c4c', '--vscode-charts-yellow': '#cca700', '--vscode-charts-blue': '#3794ff', '--vscode-testing-iconPassed': '#73c991',
      '--vscode-disabledForeground': 'rgba(204, 204, 204, 0.5)', '--vscode-errorForeground': '#f85149', '--vscode-badge-background': '#616161',
      '--vscode-badge-foreground': '#f8f8f8', '--vscode-button-background': '#0078d4', '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1', '--vscode-button-secondaryBackground': '#313131', '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-textLink-foreground': '#4daafc', '--vscode-editor-font-family': '"Liberation Mono", monospace',
    },
  },
};

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.svg': 'image/svg+xml', '.html': 'text/html' };

/** Serves the shell at / and media/ (nothing else), as the webview's localResourceRoots would. */
function serve(core) {
  const mediaRoot = path.join(root, 'media');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/') {
      const origin = `http://${req.headers.host}`;
      const nonce = core.makeNonce();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(core.dashboardShell({ cspSource: origin, nonce, lang: 'en', scriptUri: `${origin}/media/dashboard/dashboard.js`, styleUri: `${origin}/media/dashboard/dashboard.css`, codiconsUri: `${origin}/media/codicons/codicon.css`, chartScriptUri: `${origin}/media/uplot/uPlot.iife.min.js`, chartStyleUri: `${origin}/media/uplot/uPlot.min.css` }));
      return;
    }
    const file = path.resolve(root, '.' + decodeURIComponent(url.pathname));
    if (!file.startsWith(mediaRoot + path.sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Before any page script: the VS Code API stub, and a record of CSP violations. */
function initScript() {
  window.__posted = [];
  window.__cspViolations = [];
  let state;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => (state = s),
  });
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

async function openPage(browser, origin, theme, dialogs) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => dialogs.push('pageerror: ' + e.message));
  await page.addInitScript(initScript);
  await page.goto(origin + '/');
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  const t = THEMES[theme];
  await page.evaluate(({ vars, bodyClass }) => {
    // VS Code sets these through the CSSOM too, which the CSP allows.
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    document.body.className = bodyClass;
  }, t);
  return page;
}

async function post(page, message) {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

async function lastPosted(page) {
  return page.evaluate(() => window.__posted[window.__posted.length - 1]);
}

async function main() {
  assert(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install -y chromium fonts-liberation (or set CHROMIUM_PATH)`);
  mkdirSync(shotDir, { recursive: true });
  const core = await loadCore();
  const model = statusJson();
  const commits = weekCommits(model);
  const data = core.dashboardData(model, { commits });
  const view = { entryUri: ENTRY_URI, entries: [{ uri: ENTRY_URI, label: 'criteria.yaml' }], data };

  const server = await serve(core);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const dialogs = [];
  let page;
  /** The weeks of the generated repository (set by the Progress check), for the dark screenshot. */
  let weeks;

  const checks = [
    ['the page type-checks against the host protocol (tsc -p media/dashboard)', async () => {
      execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'media/dashboard'], { cwd: root, stdio: 'pipe' });
    }],
    ['handshake: the page posts ready and renders nothing before init', async () => {
      page = await openPage(browser, origin, 'light', dialogs);
      equal(await page.evaluate(() => window.__posted), [{ type: 'ready' }], 'posted before init');
      equal(await page.locator('#app').evaluate((n) => n.childElementCount), 0, 'children before init');
      await post(page, { type: 'init', locale: 'vi', strings: stringsVi(), presentation: core.presentation('vi'), view });
      await page.locator('.kpis').waitFor();
    }],
    ['totals match the CLI status JSON', async () => {
      const shown = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-kpi]')].map((n) => [n.dataset.kpi, { value: Number(n.dataset.value), text: n.textContent }])));
      const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
      for (const [kpi, key] of [['secured', 'secured'], ['atRisk', 'atRisk'], ['waived', 'waived'], ['overdue', 'overdue']]) {
        equal(shown[kpi]?.value, model.totals[key], `${kpi} value`);
        equal(shown[kpi]?.text, vi.format(model.totals[key]), `${kpi} text`);
      }
      equal(shown.evidence.value, Math.round((model.totals.complete / model.totals.criteria) * 100), 'evidence share');
      const note = await page.locator('.kpi.evidence .kpi-note').textContent();
      assert(new RegExp(`\\b${model.totals.complete}\\b.*\\b${model.totals.criteria}\\b`).test(note), `evidence note "${note}"`);
    }],
    ['the first unit is the one with the most points at risk, with the CLI figure', async () => {
      const first = page.locator('.units tbody tr').first();
      equal(await first.getAttribute('data-unit'), model.byUnit[0].id, 'first unit');
      equal(Number(await first.locator('.risk-value').getAttribute('data-value')), model.byUnit[0].atRisk, 'its points at risk');
      equal(await first.locator('.unit-full').textContent(), model.byUnit[0].name, 'its name');
      equal(await page.locator('.units tbody tr').count(), model.byUnit.length, 'unit rows');
    }],
    ['every area is listed with its CLI figures', async () => {
      const rows = await page.evaluate(() => [...document.querySelectorAll('.area-row')].map((r) => ({ id: r.dataset.area, got: r.querySelector('.got b').textContent })));
      const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
      equal(rows, model.byArea.map((a) => ({ id: a.id, got: vi.format(a.secured) })), 'areas');
    }],
    ['Progress: a loading note until the weeks arrive, then a chart of exactly the CLI\'s `history --json` points (whole index, then one unit)', async () => {
      equal(await page.locator('.weeks .loading').count(), 1, 'loading note before the weeks arrive');
      const repo = progressRepo(root);
      let points;
      try {
        points = historyJson(repo).points;
        weeks = core.progressView(points);
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
      assert(points.length === 12 && new Set(points.map((p) => p.totals.secured)).size >= 4, `a trend worth drawing: ${points.map((p) => p.totals.secured)}`);
      await post(page, { type: 'progress', entryUri: ENTRY_URI, progress: core.progressView(points) });
      await page.locator('.weeks .progress-chart canvas').waitFor();
      const read = () => page.evaluate(() => JSON.parse(document.querySelector('.weeks .progress-chart').dataset.plotted || 'null'));
      const expected = (pick) => ({ dates: points.map((p) => p.date), max: points.map((p) => pick(p)?.max ?? 0), secured: points.map((p) => pick(p)?.secured ?? 0), atRisk: points.map((p) => pick(p)?.atRisk ?? 0), overdue: points.map((p) => pick(p)?.overdue ?? 0) });
      equal(await read(), expected((p) => p.totals), 'whole index as plotted');
      equal(await page.locator('.weeks h2').textContent(), stringsVi().progress, 'heading in Vietnamese');
      const unit = points[points.length - 1].byUnit[1];
      await page.locator('.weeks select').selectOption(unit.id);
      await page.locator(`.weeks .progress-chart[data-scope="${unit.id}"] canvas`).waitFor();
      equal(await read(), expected((p) => p.byUnit.find((u) => u.id === unit.id)), `unit ${unit.id} as plotted`);
      await page.locator('.weeks select').selectOption('');
      await page.locator('.weeks .progress-chart[data-scope=""] canvas').waitFor();
      // Another entry's weeks never show here.
      await post(page, { type: 'progress', entryUri: 'file:///elsewhere/criteria.yaml', progress: { kind: 'noGit' } });
      equal(await page.locator('.weeks .progress-chart canvas').count(), 1, 'still the chart of this entry');
      await page.locator('.weeks').screenshot({ path: path.join(shotDir, 'dashboard-progress-light-vi.png') }).catch((e) => console.log(`      (no screenshot: ${e.message})`));
    }],
    ['Progress without Git or with one commit: a note, no line', async () => {
      for (const [progress, text] of [[{ kind: 'noGit' }, stringsVi().progressNoGit], [{ kind: 'tooFew', points: 12, commits: 1 }, stringsVi().progressTooFew.replace('{0}', '1')]]) {
        await post(page, { type: 'progress', entryUri: ENTRY_URI, progress });
        await page.locator(`.weeks [data-progress="${progress.kind}"]`).waitFor();
        equal(await page.locator('.weeks canvas').count(), 0, `${progress.kind}: no chart`);
        equal(await page.locator(`.weeks [data-progress="${progress.kind}"]`).textContent(), text, `${progress.kind}: the note`);
      }
      const repo = progressRepo(root);
      try {
        await post(page, { type: 'progress', entryUri: ENTRY_URI, progress: core.progressView(historyJson(repo).points) });
      } finally {
        rmSync(repo, { recursive: true, force: true });
      }
      await page.locator('.weeks .progress-chart canvas').waitFor();
    }],
    ['Indicators: one chart per measured leaf, plotting the CLI\'s monthly rates and the full-points line', async () => {
      const measured = [];
      const visit = (n) => (n.leaf ? (n.measure ? measured.push(n) : null) : n.children.forEach(visit));
      model.areas.forEach(visit);
      assert(measured.length >= 4, `the example has only ${measured.length} measured leaves`);
      equal(await page.locator('.indicators h2').textContent(), stringsVi().indicators, 'section heading');
      await page.locator('.indicators .chart canvas').first().waitFor();
      const charts = await page.evaluate(() => [...document.querySelectorAll('.indicator')].map((card) => ({ id: card.dataset.id, plotted: JSON.parse(card.querySelector('.chart').dataset.plotted || 'null'), canvas: card.querySelectorAll('.chart canvas').length })));
      equal(charts.map((c) => c.id), measured.map((n) => n.id), 'one chart per measured leaf, in tree order');
      for (const n of measured) {
        const chart = charts.find((c) => c.id === n.id);
        equal(chart.canvas, 1, `${n.id} canvas`);
        equal(chart.plotted.periods, n.measure.periods.map((p) => p.period), `${n.id} months`);
        equal(chart.plotted.rates, n.measure.periods.map((p) => p.rate), `${n.id} monthly rates`);
        equal(chart.plotted.threshold, n.measure.periods.map(() => n.measure.fullAt), `${n.id} full-points line`);
      }
      const vi = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
      const first = measured.find((n) => n.measure.rate !== null);
      equal(await page.locator(`.indicator[data-id="${first.id}"] .indicator-rate`).textContent(), `${vi.format(first.measure.rate)}%`, 'rate text in Vietnamese');
      const below = measured.filter((n) => n.measure.quality === 'unknown' || (n.measure.score !== null && n.measure.score < n.maxScore)).map((n) => n.id);
      assert(below.length > 0 && below.length < measured.length, `the example should have indicators above and below full points (below: ${below})`);
      equal(await page.evaluate(() => [...document.querySelectorAll('.indicator.below')].map((c) => c.dataset.id)), below, 'cards below full points');
      // Hover: the legend shows the month's value.
      const target = measured.find((n) => n.measure.periods.length >= 3 && n.measure.periods[2].rate !== null);
      const over = page.locator(`.indicator[data-id="${target.id}"] .u-over`);
      // The weeks' chart sits above: the indicator may be below the fold.
      await over.scrollIntoViewIfNeeded();
      const box = await over.boundingBox();
      const n = target.measure.periods.length;
      // x runs from -0.3 to n - 0.7: month 3 (index 2) sits at (2 + 0.3) / (n - 0.4) of the width.
      await page.mouse.move(box.x + (box.width * 2.3) / (n - 0.4), box.y + box.height / 2);
      const legend = await page.locator(`.indicator[data-id="${target.id}"] .u-legend .u-series`).nth(1).locator('.u-value').textContent();
      equal(legend, `${vi.format(target.measure.periods[2].rate)}%`, 'hover value of month 3');
      await page.mouse.move(0, 0);
      const section = page.locator('.indicators');
      await section.screenshot({ path: path.join(shotDir, 'dashboard-indicators-light-vi.png') }).catch((e) => console.log(`      (no screenshot: ${e.message})`));
    }],
    ['clicking a row posts the right message (criterion, task, file; mouse and keyboard)', async () => {
      const task = data.deadlines.find((d) => d.kind === 'task');
      const crit = data.deadlines.find((d) => d.kind === 'criterion');
      await page.locator(`.deadline[data-id="${task.id}"]`).click();
      equal(await lastPosted(page), { type: 'revealTask', entryUri: ENTRY_URI, id: task.id }, 'task row');
      await page.locator(`.deadline[data-id="${crit.id}"]`).click();
      equal(await lastPosted(page), { type: 'revealCriterion', entryUri: ENTRY_URI, id: crit.id }, 'criterion deadline row');
      await page.locator('.area-row[data-area="3"]').click();
      const first = data.areas.find((a) => a.id === '3').rows.find((r) => r.leaf);
      const row = page.locator(`.area.open .crit[data-id="${first.id}"]`);
      await row.waitFor();
      await row.click();
      equal(await lastPosted(page), { type: 'revealCriterion', entryUri: ENTRY_URI, id: first.id }, 'criterion row in area 3');
      await page.locator('.commit .file').first().click();
      equal(await lastPosted(page), { type: 'openFile', entryUri: ENTRY_URI, path: commits[0].files[0] }, 'file link');
      await row.focus();
      await page.keyboard.press('Enter');
      equal(await lastPosted(page), { type: 'revealCriterion', entryUri: ENTRY_URI, id: first.id }, 'Enter on a focused row');
      await page.locator('.btn.primary').click();
      equal(await lastPosted(page), { type: 'command', command: 'weeklyReport' }, 'weekly report button');
    }],
    ['CSP: no violation, the codicon font loads from media/', async () => {
      await page.evaluate(() => document.fonts.ready);
      equal(await page.evaluate(() => document.fonts.check('16px codicon')), true, 'codicon font');
      equal(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert(/default-src 'none'/.test(csp) && /script-src 'nonce-[A-Za-z0-9]+'/.test(csp) && !/unsafe/.test(csp), `CSP "${csp}"`);
      // A picture for people (light theme, Vietnamese), not a check of its own.
      await page.screenshot({ path: path.join(shotDir, 'dashboard-light-vi.png'), fullPage: true }).catch((e) => console.log(`      (no screenshot: ${e.message})`));
    }],
    ['a criterion titled <img src=x onerror=alert(1)> renders as text', async () => {
      const hostile = JSON.parse(JSON.stringify(model));
      const target = hostile.areas[0].children.flatMap((c) => (c.leaf ? [c] : c.children)).find((n) => n.overdue);
      target.title = HOSTILE;
      hostile.byUnit[0].name = HOSTILE;
      hostile.index.title = HOSTILE;
      const bad = core.dashboardData(hostile, { commits: [{ ...commits[0], subject: HOSTILE, author: HOSTILE, files: [`${HOSTILE}.pdf`] }] });
      await post(page, { type: 'update', view: { ...view, data: bad } });
      const area = page.locator('.area-row[data-area="1"]');
      if ((await area.getAttribute('aria-expanded')) !== 'true') await area.click();
      await page.locator(`.crit[data-id="${target.id}"]`).waitFor();
      await page.waitForTimeout(300);
      equal(await page.locator('img').count(), 0, 'img elements');
      equal(dialogs, [], 'dialogs or page errors');
      equal(await page.locator(`.crit[data-id="${target.id}"] .crit-title`).textContent(), HOSTILE, 'criterion title text');
      equal(await page.locator('h1').textContent(), HOSTILE, 'index title text');
      equal(await page.locator(`.deadline[data-id="${target.id}"] .what-title span:last-child`).textContent(), HOSTILE, 'deadline title text');
      equal(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
    }],
    ['screenshot (dark theme, English) and the update keeps the open areas', async () => {
      const dark = await openPage(browser, origin, 'dark', dialogs);
      await post(dark, { type: 'init', locale: 'en', strings: STRINGS_EN, presentation: core.presentation('en'), view });
      if (weeks) {
        await post(dark, { type: 'progress', entryUri: ENTRY_URI, progress: weeks });
        await dark.locator('.weeks .progress-chart canvas').waitFor();
      }
      await dark.locator('.area-row[data-area="7"]').click();
      await post(dark, { type: 'update', view });
      equal(await dark.locator('.area-row[data-area="7"]').getAttribute('aria-expanded'), 'true', 'area 7 still open after update');
      await dark.evaluate(() => document.fonts.ready);
      await dark.screenshot({ path: path.join(shotDir, 'dashboard-dark-en.png'), fullPage: true });
      await dark.locator('.indicators .chart canvas').first().waitFor();
      equal(await dark.locator('.indicators h2').textContent(), 'Indicators', 'section heading in English');
      await dark.locator('.indicators').screenshot({ path: path.join(shotDir, 'dashboard-indicators-dark-en.png') });
      await dark.close();
    }],
    ['without Git history the page says so instead of showing an empty week', async () => {
      const noGit = core.dashboardData({ ...model, git: false });
      await post(page, { type: 'update', view: { ...view, data: noGit } });
      const text = await page.locator('.recent').textContent();
      assert(text.includes(stringsVi().recentNoGit), `recent section: "${text}"`);
    }],
  ];

  try {
    for (const [name, run] of checks) {
      try {
        await run();
        counts.passed++;
        console.log(`  ✓ ${name}`);
      } catch (error) {
        counts.failed++;
        console.log(`  ✗ ${name}\n      ${String(error?.message || error).split('\n').slice(0, 3).join('\n      ')}`);
        await page?.screenshot({ path: path.join(shotDir, `FAILED-dashboard-${counts.failed}.png`), fullPage: true }).catch(() => undefined);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    server.close();
  }
}

const watchdog = setTimeout(() => {
  console.log(`[browser] TIMEOUT after ${TIMEOUT_MS / 1000} s`);
  counts.failed++;
  report();
  process.exit(1);
}, TIMEOUT_MS);

main()
  .catch((error) => {
    console.error(`[browser] ERROR: ${error?.stack || error}`);
    counts.failed++;
  })
  .finally(() => {
    clearTimeout(watchdog);
    report();
    process.exit(counts.failed > 0 ? 1 : 0);
  });
