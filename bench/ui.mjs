// `npm run bench -- --ui`: the editor's startup on a workspace, in the real workbench (code-server in headless
// chromium, as the UI tier runs it). Per opening: from the workbench ready (activity and status bars drawn) to
// the first row of the Evidence tree, and to the fresh model (the "refreshing" message gone, the view's progress
// done). The first opening has no cache (a new user data folder); the next ones find the model the previous one
// kept in the workspace storage.
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSandbox, devExtensionPath, freePort, launchChromium, removeSandbox, root, startCodeServer, waitForWorkbench, workbenchUrl, ensureCodeServer,
} from '../scripts/code-server.mjs';

const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const REFRESHING = 'Showing the last known state; refreshing…';

/** One opening of the workspace in a new page of a fresh server; times in ms from the workbench ready. */
async function opening(browser, sandbox, workspace, logFile, log, port) {
  // The extension logs timed marks, the host's event-loop stalls and its heap (src/extension/startupTrace.ts).
  const server = await startCodeServer({ sandbox, logFile, port, env: { REFORM_EVIDENCE_TRACE_STARTUP: '1' } });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const url = workbenchUrl({ origin: server.origin, port: server.port, folder: workspace, extensionDevelopmentPath: devExtensionPath(sandbox) });
    const opened = performance.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await waitForWorkbench(page, 180_000);
    const ready = performance.now();
    const label = nls['container.title'];
    await page.locator(`.part.activitybar [aria-label*="${label}"]`).first().click({ timeout: 60_000 }).catch(async (e) => {
      const text = await page.locator('.monaco-dialog-box').innerText().catch(() => '');
      await page.screenshot({ path: path.join(path.dirname(logFile), 'bench-ui-failure.png') }).catch(() => undefined);
      throw new Error(`${e.message}\ndialog: ${text}`);
    });
    const viewOpen = performance.now();
    const row = page.locator('.part.sidebar .monaco-list-row').first();
    await row.waitFor({ state: 'visible', timeout: 300_000 });
    const firstRow = performance.now();
    const sidebarText = () => page.locator('.part.sidebar').innerText().catch(() => '');
    const fromCache = (await sidebarText()).includes(REFRESHING.slice(0, 30));
    // The fresh model: the message about the cached state is gone (cold: the first row is already fresh).
    if (fromCache) await page.waitForFunction((m) => !(document.querySelector('.part.sidebar')?.textContent ?? '').includes(m), REFRESHING.slice(0, 30), { timeout: 300_000, polling: 50 });
    const fresh = performance.now();
    // Let the extension keep the model (written 1.5 s after it settles) and read its heap (5 s after), slower under load, before the window closes.
    await page.waitForTimeout(8000);
    const host = extensionHost(sandbox);
    // Where the time went, from the workbench ready: the extension activated, its trees' first rows answered.
    const since = (name) => {
      const m = host.trace.find((x) => x.mark === name);
      return m?.at ? Math.round(Date.parse(m.at) - (performance.timeOrigin + ready)) : undefined;
    };
    host.phases = { activated: since('activate'), rowsAnswered: since('e: first rows'), freshPublished: since('first fresh model published') };
    const at = (t) => new Date(performance.timeOrigin + t).toISOString();
    const result = { pageToReady: ready - opened, readyToViewOpen: viewOpen - ready, firstRow: firstRow - ready, fresh: fresh - ready, fromCache, at: { opened: at(opened), ready: at(ready), firstRow: at(firstRow), fresh: at(fresh) }, host };
    log(`opening: workbench ready ${Math.round(result.pageToReady)} ms after the page opened; first row ${Math.round(result.firstRow)} ms after ready (${fromCache ? 'cached model' : 'fresh model'}), fresh model ${Math.round(result.fresh)} ms; extension host peak RSS ${mb(host.peakRss)}, model's heap ${mb(host.modelHeap)}; after ready: activated ${host.phases.activated} ms, rows answered ${host.phases.rowsAnswered} ms, fresh model published ${host.phases.freshPublished} ms`);
    appendFileSync(logFile, `\n[bench-ui] ${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
}

const mb = (bytes) => (bytes === undefined ? '?' : `${Math.round(bytes / 1048576)} MB`);

/** The newest file named `name` under `dir` (the logs of the last server started). */
function newest(dir, name) {
  let best;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === name && (!best || statSync(p).mtimeMs > statSync(best).mtimeMs)) best = p;
    }
  };
  if (existsSync(dir)) walk(dir);
  return best;
}

/**
 * The running extension host: its peak resident size (VmHWM of /proc, read while it runs) and the trace our
 * extension logged: timed marks, event-loop stalls, and the heap kept by the first fresh model (heap used after
 * a full collection, before the first load and 5 s after the model is published; the host's other extensions share
 * that heap, so it is an upper bound).
 */
export function extensionHost(sandbox) {
  const logs = path.join(sandbox.userData, 'logs');
  const hostLog = newest(logs, 'remoteexthost.log');
  const pid = hostLog && /Extension host with pid (\d+) started/.exec(readFileSync(hostLog, 'utf8'))?.[1];
  const kb = (field) => {
    try {
      const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  };
  const ours = newest(logs, 'Reform Evidence.log');
  const trace = ours
    ? readFileSync(ours, 'utf8').split('\n').flatMap((line) => {
        const i = line.indexOf('[trace] ');
        return i < 0 ? [] : [{ at: line.slice(0, 23), ...JSON.parse(line.slice(i + 8)) }];
      })
    : [];
  const before = trace.find((m) => m.mark === 'scan: before the first load');
  const after = trace.find((m) => m.mark === 'heap with the first fresh model');
  const modelHeap = before?.heapUsed !== undefined && after?.heapUsed !== undefined ? after.heapUsed - before.heapUsed : undefined;
  return { pid: pid ? Number(pid) : undefined, peakRss: kb('VmHWM'), rss: kb('VmRSS'), modelHeap, trace };
}

/**
 * Opens `workspace` `warm + 1` times in one sandbox: the first without a cache, the rest with the one it left.
 * The reform-evidence setting asOfDate is fixed so every opening computes the same model.
 */
export async function uiStartup({ workspace, warm = 2, asOf, log, keepLogs, settings = {} }) {
  ensureCodeServer();
  const sandbox = createSandbox('bench-ui', { 'reformEvidence.asOfDate': asOf, ...settings });
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
    // The servers' logs (the extension host's, ours with timestamps, the Git extension's) outlive the sandbox.
    const logs = path.join(sandbox.userData, 'logs');
    if (keepLogs && existsSync(logs)) cpSync(logs, keepLogs, { recursive: true });
    removeSandbox(sandbox);
  }
}
