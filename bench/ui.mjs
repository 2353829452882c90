// `npm run bench -- --ui`: the editor's startup on a workspace, in the real workbench (code-server in headless
// chromium, as the UI tier runs it). Per opening: from the workbench ready (activity and status bars drawn) to
// the first row of the Evidence tree, and to the fresh model (the "refreshing" message gone, the view's progress
// done). The first opening has no cache (a new user data folder); the next ones find the model the previous one
// kept in the workspace storage.
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSandbox, devExtensionPath, freePort, launchChromium, removeSandbox, root, startCodeServer, waitForWorkbench, workbenchUrl, ensureCodeServer,
} from '../scripts/code-server.mjs';

const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const REFRESHING = 'Showing the last known state; refreshing…';

/** One opening of the workspace in a new page of a fresh server; times in ms from the workbench ready. */
async function opening(browser, sandbox, workspace, logFile, log, port) {
  const server = await startCodeServer({ sandbox, logFile, port });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const url = workbenchUrl({ origin: server.origin, port: server.port, folder: workspace, extensionDevelopmentPath: devExtensionPath(sandbox) });
    const opened = performance.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await waitForWorkbench(page, 180_000);
    const ready = performance.now();
    const label = nls['container.title'];
    await page.locator(`.part.activitybar [aria-label*="${label}"]`).first().click({ timeout: 60_000 });
    const viewOpen = performance.now();
    const row = page.locator('.part.sidebar .monaco-list-row').first();
    await row.waitFor({ state: 'visible', timeout: 300_000 });
    const firstRow = performance.now();
    const sidebarText = () => page.locator('.part.sidebar').innerText().catch(() => '');
    const fromCache = (await sidebarText()).includes(REFRESHING.slice(0, 30));
    // The fresh model: the message about the cached state is gone (cold: the first row is already fresh).
    if (fromCache) await page.waitForFunction((m) => !(document.querySelector('.part.sidebar')?.textContent ?? '').includes(m), REFRESHING.slice(0, 30), { timeout: 300_000, polling: 50 });
    const fresh = performance.now();
    // Let the extension keep the model (written 1.5 s after it settles; slower under load) before the window closes.
    await page.waitForTimeout(6000);
    const result = { pageToReady: ready - opened, readyToViewOpen: viewOpen - ready, firstRow: firstRow - ready, fresh: fresh - ready, fromCache };
    log(`opening: workbench ready ${Math.round(result.pageToReady)} ms after the page opened; first row ${Math.round(result.firstRow)} ms after ready (${fromCache ? 'cached model' : 'fresh model'}), fresh model ${Math.round(result.fresh)} ms`);
    appendFileSync(logFile, `\n[bench-ui] ${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
}

/**
 * Opens `workspace` `warm + 1` times in one sandbox: the first without a cache, the rest with the one it left.
 * The reform-evidence setting asOfDate is fixed so every opening computes the same model.
 */
export async function uiStartup({ workspace, warm = 2, asOf, log }) {
  ensureCodeServer();
  const sandbox = createSandbox('bench-ui', { 'reformEvidence.asOfDate': asOf });
  const logFile = path.join(sandbox.dir, 'code-server.log');
  const browser = await launchChromium(sandbox);
  // One port for every opening: the folder's URI (vscode-remote://127.0.0.1:PORT/…) names its workspace storage.
  const port = await freePort();
  try {
    const cold = await opening(browser, sandbox, workspace, logFile, log, port);
    const warmRuns = [];
    for (let i = 0; i < warm; i++) warmRuns.push(await opening(browser, sandbox, workspace, logFile, log, port));
    return { cold, warm: warmRuns };
  } finally {
    await browser.close().catch(() => undefined);
    removeSandbox(sandbox);
  }
}
