// Multi-root: the Wards view and the portfolio dashboard over the two wards of the .code-workspace
// (scripts/run-integration.mjs --multiroot). Rows are the CLI's `portfolio --json` figures, in its ranking order,
// and each row (and each ward of the portfolio page) opens that ward's own dashboard.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Portfolio, PortfolioWard } from '../../src/core/portfolio/portfolio';
import { formatNumber } from '../../src/core/present/numbers';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import type { WardRow } from '../../src/extension/portfolio/wards';
import { AS_OF, closeAllEditors, extensionApi, folders, iconOf, labelOf, runCli, useAsOf, waitFor } from './treeHelpers';

let api: ReformEvidenceApi;

/** `node dist/cli.js portfolio <folder> --json --as-of …`: exit 0 when every ward loaded. */
function cliPortfolio(folder: string): Portfolio {
  return JSON.parse(runCli(['portfolio', folder, '--json', '--as-of', AS_OF])) as Portfolio;
}

/** The icon a ward's row must have, from its figures (written here, not read from the code under test). */
function expectedWardIcon(w: PortfolioWard): string {
  if (w.error !== undefined || w.problems.errors > 0) return 'error';
  if (w.totals.overdue > 0) return 'clock';
  if (w.totals.complete === w.totals.criteria) return 'pass';
  return w.totals.complete === 0 ? 'circle-large-outline' : 'pie-chart';
}

function entryUriOfFolder(folder: vscode.WorkspaceFolder): string {
  const entry = api.services.store.entries.find((e) => e.folder.uri.toString() === folder.uri.toString());
  assert.ok(entry, `an entry for ${folder.name}`);
  return entry.uri.toString();
}

/** Runs a command as VS Code runs a clicked `command:` link: its arguments are the JSON array of the query. */
async function followCommandLink(href: string): Promise<void> {
  const match = /^command:([\w.]+)\?(.*)$/.exec(href);
  assert.ok(match, `a command link: ${href}`);
  const args = JSON.parse(decodeURIComponent(match[2])) as unknown[];
  await vscode.commands.executeCommand(match[1], ...args);
}

/** Waits for the dashboard to show `entryUri`, and checks the page is sent that ward. */
async function dashboardShows(entryUri: string): Promise<void> {
  const panel = api.dashboard.panel;
  await waitFor(() => panel.webviewPanel !== undefined && panel.entryUri === entryUri, `the dashboard of ${entryUri} (shows ${panel.entryUri})`);
  const webview = panel.webviewPanel!.webview;
  const posted: Array<{ type: string; view?: { entryUri: string } }> = [];
  const original = webview.postMessage.bind(webview);
  webview.postMessage = (message: { type: string; view?: { entryUri: string } }) => {
    posted.push(message);
    return original(message);
  };
  try {
    await panel.receive({ type: 'ready' });
    assert.equal(posted.find((m) => m.type === 'init')?.view?.entryUri, entryUri, 'the page is sent the ward\'s own model');
  } finally {
    webview.postMessage = original;
  }
}

describe('Wards view and portfolio dashboard (multi-root)', function () {
  this.timeout(120_000);
  let cli: Portfolio;

  before(async () => {
    api = await extensionApi();
    await waitFor(() => api.services.store.entries.length === folders().length, 'one model per workspace folder');
    await useAsOf(api, AS_OF);
    const parents = new Set(folders().map((f) => path.dirname(f.uri.fsPath)));
    assert.equal(parents.size, 1, 'the two wards lie in one folder (the city\'s folder of clones)');
    cli = cliPortfolio([...parents][0]);
  });

  after(async () => {
    api.dashboard.panel.webviewPanel?.dispose();
    api.wards.panel?.dispose();
    await closeAllEditors();
  });

  it('shows the Wards view, one row per ward with the CLI portfolio figures, ranked as the CLI ranks', async () => {
    // The view exists only while the window holds several wards: focusing it works only then.
    await vscode.commands.executeCommand('reformEvidence.wards.focus');
    await waitFor(() => api.wards.view.visible, 'the Wards view visible');
    await waitFor(async () => (await api.wards.refresh())?.portfolio.asOf === AS_OF, 'the wards summed up as of the test date');
    const rows = api.wards.tree.getChildren() as WardRow[];
    assert.deepEqual(cli.wards.map((w) => w.path).sort(), ['ward-2025', 'ward-binh-minh'], 'the CLI finds the two wards');
    assert.deepEqual(rows.map((r) => r.ward.path), cli.ranking.map((i) => cli.wards[i].path), 'rows in the CLI\'s ranking order');
    assert.notDeepEqual(cli.wards[0].totals, cli.wards[1].totals, 'the two wards differ (the second lacks two files)');
    for (const row of rows) {
      const expected = cli.wards.find((w) => w.path === row.ward.path)!;
      assert.deepEqual(row.ward.totals, expected.totals, `totals of ${expected.path}`);
      assert.deepEqual(row.ward.byArea, expected.byArea, `areas of ${expected.path}`);
      assert.equal(row.ward.rank, expected.rank, `rank of ${expected.path}`);
      assert.equal(row.ward.lastEvidence?.hash, expected.lastEvidence?.hash, `last evidence commit of ${expected.path}`);
      assert.ok(expected.lastEvidence, `${expected.path} has an evidence commit`);
      const item = api.wards.tree.getTreeItem(row);
      assert.equal(labelOf(item), expected.path);
      assert.equal(iconOf(item), expectedWardIcon(expected), `icon of ${expected.path}`);
      const t = expected.totals;
      const n = (x: number) => formatNumber(x, 'en');
      const description = String(item.description);
      assert.ok(description.startsWith(`${n(t.secured)}/${n(t.max - t.waived)} · ${n(t.atRisk)} at risk · ${t.overdue} overdue · `), `row of ${expected.path}: ${description}`);
      assert.ok(item.command && item.command.command === 'reformEvidence.openDashboard', 'a row opens a dashboard');
    }
  });

  it('clicking a ward\'s row opens that ward\'s own dashboard', async () => {
    const rows = api.wards.tree.getChildren() as WardRow[];
    for (const row of [...rows].reverse().concat(rows)) {
      const item = api.wards.tree.getTreeItem(row);
      const folder = folders().find((f) => path.basename(f.uri.fsPath) === row.ward.path)!;
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      await dashboardShows(entryUriOfFolder(folder));
    }
  });

  it('the portfolio dashboard: the CLI ranking and heat map, no script, each ward linked to its own dashboard', async () => {
    await vscode.commands.executeCommand('reformEvidence.openPortfolio');
    await waitFor(() => api.wards.panel !== undefined, 'the portfolio page open');
    const webview = api.wards.panel!.webview;
    assert.equal(webview.options.enableScripts, false);
    assert.deepEqual(webview.options.enableCommandUris, ['reformEvidence.openDashboard']);
    const html = webview.html;
    assert.ok(!/<script/i.test(html), 'no script in the page');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    assert.match(html, /<table class="heatmap">/);
    // The ranking table: ward links in the CLI's order.
    const ranking = html.slice(0, html.indexOf('<table class="heatmap">'));
    const links = [...ranking.matchAll(/<td><a href="([^"]+)">([^<]+)<\/a><\/td>/g)].map((m) => ({ href: m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'"), ward: m[2] }));
    assert.deepEqual(links.map((l) => l.ward), cli.ranking.map((i) => cli.wards[i].path));
    for (const link of [...links].reverse()) {
      const folder = folders().find((f) => path.basename(f.uri.fsPath) === link.ward)!;
      await followCommandLink(link.href);
      await dashboardShows(entryUriOfFolder(folder));
    }
  });
});
