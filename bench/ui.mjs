// `npm run bench -- --ui`: the editor's startup on a workspace, in the real workbench (code-server in headless
// chromium, as the UI tier runs it). Per opening: from the workbench ready (activity and status bars drawn) to
// the first row of the Evidence tree, and to the fresh model (the "refreshing" message gone, the view's progress
// done). The first openings have no cache (each its own workspace storage); the next ones find the model the last
// of them kept. These timed openings run the extension's light trace (REFORM_EVIDENCE_TRACE_STARTUP=1: marks only).
// After them, openings of a REFERENCE extension (generated here, never shipped): a tree view in its own activity-bar
// container that answers one row at once, activated by our activation events or by `*`. Its first row after the
// workbench is ready is VS Code's floor for any extension's first row. Last, one more opening of ours without a
// cache, untimed, under the deep trace (=2: the heap after full collections, a sampler of /proc, which cost the host
// time): the model's share of the heap and where the machine's CPU went.
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSandbox, devExtensionPath, extensionId, freePort, sleep, launchChromium, removeSandbox, root, startCodeServer, waitForWorkbench, workbenchUrl, ensureCodeServer,
} from '../scripts/code-server.mjs';

const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const REFRESHING = 'Showing the last known state; refreshing…';

/**
 * One opening of the workspace in a new page of a fresh server; times in ms from the workbench ready. `ext` is
 * the extension under test: ours (the default) or a reference (referenceExtension()).
 */
async function opening(browser, sandbox, workspace, logFile, log, port, ext = ours(sandbox), { waitForGit = false, trace = '1' } = {}) {
  // The extension logs timed marks, the host's event-loop stalls and (deep trace) its heap (src/extension/startupTrace.ts).
  // LOG_LEVEL: code-server's log level (trace: the extension host logs every activation check and RPC).
  const server = await startCodeServer({ sandbox, logFile, port, env: { REFORM_EVIDENCE_TRACE_STARTUP: trace, ...(process.env.BENCH_UI_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_UI_LOG_LEVEL } : {}) } });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const url = workbenchUrl({ origin: server.origin, port: server.port, folder: workspace, extensionDevelopmentPath: ext.path });
    const opened = performance.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    await waitForWorkbench(page, 180_000);
    const ready = performance.now();
    await page.locator(`.part.activitybar [aria-label*="${ext.container}"]`).first().click({ timeout: 60_000 }).catch(async (e) => {
      const text = await page.locator('.monaco-dialog-box').innerText().catch(() => '');
      await page.screenshot({ path: path.join(path.dirname(logFile), 'bench-ui-failure.png') }).catch(() => undefined);
      throw new Error(`${e.message}\ndialog: ${text}`);
    });
    const viewOpen = performance.now();
    const row = page.locator('.part.sidebar .monaco-list-row').first();
    await row.waitFor({ state: 'visible', timeout: 300_000 });
    const firstRow = performance.now();
    const sidebarText = () => page.locator('.part.sidebar').innerText().catch(() => '');
    // The cached rows can be drawn a moment before the view's message: wait for it briefly (cold: it never comes).
    const fromCache = ext.reference
      ? false
      : (await sidebarText()).includes(REFRESHING.slice(0, 30)) ||
        (await page.waitForFunction((m) => (document.querySelector('.part.sidebar')?.textContent ?? '').includes(m), REFRESHING.slice(0, 30), { timeout: 2000, polling: 50 }).then(() => true, () => false));
    // The fresh model: the message about the cached state is gone (cold: the first row is already fresh).
    if (fromCache) await page.waitForFunction((m) => !(document.querySelector('.part.sidebar')?.textContent ?? '').includes(m), REFRESHING.slice(0, 30), { timeout: 300_000, polling: 50 });
    // Cold: the first row is the fresh model (not the end of the wait for the message above).
    const fresh = fromCache ? performance.now() : firstRow;
    // Let the extension keep the model (written 1.5 s after it settles) and read its heap (5 s after), slower under
    // load, before the window closes; the reference only needs its log written.
    await page.waitForTimeout(ext.reference ? 4000 : 8000);
    // With the Git extension on, the reference's window stays open until that extension's `git status` of the work
    // tree has run (twice, or once and 30 s quiet; at most 120 s): how many it runs without our extension.
    if (ext.reference && waitForGit) await gitSettled(sandbox);
    // The reference's listing (the floor's, in this host) logged, at most 60 s more.
    for (let i = 0; ext.reference && i < 120 && !extensionHost(sandbox, ext.channel).trace.some((m) => m.mark === 'floor: listed'); i++) await sleep(500);
    const host = extensionHost(sandbox, ext.channel);
    // Where the time went, from the workbench ready: the extension activated, its trees' first rows answered.
    const readyAt = performance.timeOrigin + ready;
    const since = (name) => {
      const m = host.trace.find((x) => x.mark === name);
      return m?.at ? Math.round(Date.parse(m.at) - readyAt) : undefined;
    };
    host.phases = { activated: since('activate'), rowsAnswered: since('e: first rows'), freshPublished: since('first fresh model published'), floorListed: since('floor: listed') };
    // What VS Code did meanwhile (its logs): the host's process launched and started, each activation, Git's calls.
    host.timeline = hostTimeline(sandbox, readyAt, host.trace.find((m) => m.mark === 'heap with the first fresh model')?.git);
    const at = (t) => new Date(performance.timeOrigin + t).toISOString();
    const result = { extension: ext.name, pageToReady: ready - opened, readyToViewOpen: viewOpen - ready, firstRow: firstRow - ready, fresh: fresh - ready, fromCache, at: { opened: at(opened), ready: at(ready), firstRow: at(firstRow), fresh: at(fresh) }, host };
    const t = host.timeline;
    const own = t.activations.find((a) => a.id === ext.id);
    const hostLine = `host launched ${t.launched} ms, started ${t.started} ms, first activation ${t.activations[0]?.at} ms (${t.activations[0]?.id}, ${t.activations[0]?.event}), this extension's activation started ${own?.at} ms (${own?.event}), eager extensions activated ${t.eagerDone} ms`;
    if (ext.reference) {
      log(`opening (${ext.name}): workbench ready ${Math.round(result.pageToReady)} ms after the page opened; first row ${Math.round(result.firstRow)} ms after ready; activated ${host.phases.activated} ms (host up ${host.trace[0]?.hostUptimeMs} ms), row answered ${host.phases.rowsAnswered} ms, the floor's listing in this host (${host.trace.find((m) => m.mark === 'floor: listed')?.via}) done ${host.phases.floorListed} ms (${host.trace.find((m) => m.mark === 'floor: listed')?.ms} ms after activation); ${hostLine}`);
    } else {
      log(`opening: workbench ready ${Math.round(result.pageToReady)} ms after the page opened; first row ${Math.round(result.firstRow)} ms after ready (${fromCache ? 'cached model' : 'fresh model'}), fresh model ${Math.round(result.fresh)} ms; extension host peak RSS ${mb(host.peakRss)}, model's heap ${mb(host.modelHeap)}; after ready: activated ${host.phases.activated} ms, rows answered ${host.phases.rowsAnswered} ms, fresh model published ${host.phases.freshPublished} ms; ${hostLine}`);
    }
    for (const line of gitLines(t.git)) log(`  ${line}`);
    for (const line of processLines(host.trace)) log(`  ${line}`);
    appendFileSync(logFile, `\n[bench-ui] ${JSON.stringify(result)}\n`);
    return result;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
}

/** Our extension, as the openings load it. */
function ours(sandbox) {
  return { name: 'reform-evidence', id: extensionId, path: devExtensionPath(sandbox), container: nls['container.title'], channel: 'Reform Evidence.log', reference: false };
}

/**
 * The reference: a trivial extension in the sandbox (nothing of it is shipped) with a tree view in its own
 * activity-bar container, like ours, whose provider answers one row at once. It logs the same trace marks as ours
 * (`activate` with the host's uptime, `e: first rows`) to its own log channel. `activation`: 'ours' (our
 * package.json's activation events; VS Code adds onView for the view) or 'star' (`*`).
 */
export function referenceExtension(sandbox, activation) {
  const name = `floor-reference-${activation}`;
  const dir = path.join(sandbox.dir, name);
  mkdirSync(path.join(dir, 'media'), { recursive: true });
  const events = activation === 'star' ? ['*'] : JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).activationEvents;
  const container = `Floor Reference ${activation}`;
  // Ids of their own per variant: VS Code remembers a container it has seen in the user data the openings share.
  const viewContainer = `floorReference_${activation}`;
  const view = `${viewContainer}.rows`;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name, publisher: 'bench', version: '0.0.1', engines: { vscode: '^1.100.0' }, main: './extension.js', activationEvents: events,
    contributes: {
      viewsContainers: { activitybar: [{ id: viewContainer, title: container, icon: 'media/icon.svg' }] },
      views: { [viewContainer]: [{ id: view, name: 'Rows' }] },
    },
  }, null, 2));
  writeFileSync(path.join(dir, 'media', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><rect x="4" y="4" width="16" height="16"/></svg>\n');
  writeFileSync(path.join(dir, 'extension.js'), `const vscode = require('vscode');
exports.activate = (context) => {
  const origin = Date.now();
  const log = vscode.window.createOutputChannel('Floor Reference', { log: true });
  const mark = (name, extra = {}) => log.info('[trace] ' + JSON.stringify({ mark: name, t: Date.now() - origin, at: new Date().toISOString(), ...extra }));
  mark('activate', { hostUptimeMs: Math.round(process.uptime() * 1000) });
  let answered = false;
  const provider = {
    getTreeItem: (item) => item,
    getChildren: (item) => {
      if (item) return [];
      if (!answered) mark('e: first rows');
      answered = true;
      return [new vscode.TreeItem('one row')];
    },
  };
  context.subscriptions.push(log, vscode.window.createTreeView(${JSON.stringify(view)}, { treeDataProvider: provider }));
  // The least listing in this host: bench/floor.cjs's Git call and Map, beside VS Code's Git extension.
  const folder = vscode.workspace && vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (folder && folder.uri.scheme === 'file') {
    mark('floor: listing started');
    // The first variant reads Git's pipe as it comes (floor.cjs as the CLI bench runs it), the second a file once Git
    // has ended (as our extension does: a busy host thread never blocks Git).
    const via = ${JSON.stringify(activation === 'star' ? 'file' : 'pipe')};
    require(${JSON.stringify(path.join(root, 'bench', 'floor.cjs'))}).listFloor(folder.uri.fsPath, (code, files) => mark('floor: listed', { code, files: files.size, ms: Date.now() - origin, via }), { viaFile: via === 'file' });
  }
};
exports.deactivate = () => undefined;
`);
  return { name, id: `bench.${name}`, path: dir, container, channel: 'Floor Reference.log', reference: true };
}

const mb = (bytes) => (bytes === undefined ? '?' : `${Math.round(bytes / 1048576)} MB`);

/**
 * The log folder of the last server started (logs/<date-time>): a file another opening left is never read for
 * this one (the Git extension's log is written late, or not at all when the window closes first).
 */
function lastSession(sandbox) {
  const logs = path.join(sandbox.userData, 'logs');
  const sessions = existsSync(logs) ? readdirSync(logs).sort() : [];
  return sessions.length > 0 ? path.join(logs, sessions[sessions.length - 1]) : logs;
}

/** The newest file named `name` under `dir`. */
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

/** Waits until VS Code's Git extension has run `git status` twice, or once and 30 s passed after it; at most 120 s. */
async function gitSettled(sandbox) {
  const logs = lastSession(sandbox);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const file = newest(logs, 'Git.log');
    const statuses = file ? readFileSync(file, 'utf8').split('\n').filter((l) => /\] > git status /.test(l)) : [];
    if (statuses.length >= 2) return;
    if (statuses.length === 1 && Date.now() - lineTime(statuses[0]) > 30_000) return;
    await sleep(1000);
  }
}

/** A log line's time (code-server writes local time) in ms since the epoch. */
const lineTime = (line) => new Date(line.slice(0, 23).replace(' ', 'T')).getTime();

/**
 * What VS Code's logs of the last server say, in ms from the workbench ready: the extension host's process launched
 * (remoteagent.log) and started (remoteexthost.log), each extension's activation with its event, the eager (`*`)
 * extensions done; VS Code's Git extension's commands (Git.log: each logged when it ends, with its duration) beside
 * ours (`ourGit`: the commands our extension had started, from its trace).
 */
export function hostTimeline(sandbox, readyAt, ourGit = []) {
  const logs = lastSession(sandbox);
  const read = (name) => {
    const file = newest(logs, name);
    return file ? readFileSync(file, 'utf8').split('\n') : [];
  };
  const rel = (ms) => Math.round(ms - readyAt);
  const agent = read('remoteagent.log');
  const host = read('remoteexthost.log');
  const launched = agent.find((l) => l.includes('Launched Extension Host Process'));
  const started = host.find((l) => /Extension host with pid \d+ started/.test(l));
  const eager = host.find((l) => l.includes('Eager extensions activated'));
  const activations = host.flatMap((l) => {
    const m = /ExtensionService#_doActivateExtension (\S+), startup: (\w+), activationEvent: '([^']*)'/.exec(l);
    return m ? [{ at: rel(lineTime(l)), id: m[1], startup: m[2] === 'true', event: m[3] }] : [];
  });
  const vscodeGit = read('Git.log').flatMap((l) => {
    const m = /\] > git (.*) \[(\d+)ms\]/.exec(l);
    if (!m) return [];
    const end = lineTime(l);
    return [{ by: 'vscode.git', at: rel(end - Number(m[2])), ms: Number(m[2]), args: m[1].slice(0, 160) }];
  });
  const oursGit = (ourGit ?? []).map((c) => ({ by: 'ours', at: rel(Date.parse(c.at)), args: c.args }));
  const git = [...vscodeGit, ...oursGit].sort((a, b) => a.at - b.at);
  return {
    launched: launched ? rel(lineTime(launched)) : undefined,
    started: started ? rel(lineTime(started)) : undefined,
    eagerDone: eager ? rel(lineTime(eager)) : undefined,
    activations,
    git,
  };
}

/**
 * Where a listing's time went (the trace's sampler, src/extension/startupTrace.ts; ms after activation): each of
 * our Git processes as the host's thread saw it (first byte, exit, close, bytes, time in our handlers), each child
 * process of the host as /proc saw it (its real end, time on a CPU, waiting for one, blocked writing its output),
 * and per phase of our load the machine's busiest processes.
 */
export function processLines(trace) {
  const lines = [];
  for (const m of trace.filter((x) => x.mark === 'git: process')) {
    lines.push(`ours (host thread): git ${m.args.replace(/^(-c \S+ )+/, '').slice(0, 60)} started ${m.started}, first byte ${m.firstByte}, exit ${m.exit}, close ${m.close}; ${(m.bytes / 1048576).toFixed(1)} MB in ${m.chunks} chunks, our handlers ${m.handlerMs} ms (longest ${m.maxHandlerMs}), longest gap between chunks ${m.maxGapMs} ms`);
  }
  for (const m of trace.find((x) => x.mark === 'git: read by listed')?.processes.filter((x) => x.bytes > 0) ?? []) {
    lines.push(`ours, read by "listed": git ${m.args.slice(0, 40)}: ${(m.bytes / 1048576).toFixed(1)} MB in ${m.chunks} chunks, our handlers ${m.handlerMs} ms (longest ${m.maxHandlerMs})`);
  }
  for (const m of trace.filter((x) => x.mark === 'proc: child')) {
    lines.push(`child (/proc): ${m.args.slice(0, 70)} ${m.first}–${m.end} (${m.lifeMs} ms): on a CPU ${m.cpuMs}, waiting for one ${m.runqueueMs}, blocked writing its output ${Math.round(m.blockedOnOutputMs)}, disk ${Math.round(m.diskMs)}, other sleep ${Math.round(m.sleepMs)}`);
  }
  for (const m of trace.filter((x) => x.mark === 'proc: window')) {
    const top = m.top.slice(0, 8).map((p) => `${p.comm} ${p.ms}`).join(', ');
    lines.push(`window ${m.from} → ${m.to} (${m.fromT}–${m.toT} ms): machine busy ${Math.round(m.machineBusy * 100)}%, load ${m.loadavg}; host thread on a CPU ${m.hostThreadCpuMs} ms, waiting for one ${m.hostThreadRunqueueMs} ms; CPU ms by process: ${top}`);
  }
  return lines;
}

/** The Git calls of one opening, ours and VS Code's Git extension's, one line each, in the order they started. */
export function gitLines(git) {
  return git.map((c) => `git ${c.at} ms${c.ms !== undefined ? ` (${c.ms} ms)` : ''} [${c.by}] ${c.args}`);
}

/**
 * The running extension host: its peak resident size (VmHWM of /proc, read while it runs) and the trace our
 * extension logged: timed marks, event-loop stalls, and the heap kept by the first fresh model (heap used after
 * a full collection, before the first load and 5 s after the model is published; the host's other extensions share
 * that heap, so it is an upper bound).
 */
export function extensionHost(sandbox, channel = 'Reform Evidence.log') {
  const logs = lastSession(sandbox);
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
  const channelLog = newest(logs, channel);
  const trace = channelLog
    ? readFileSync(channelLog, 'utf8').split('\n').flatMap((line) => {
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
 * Opens `workspace` in one sandbox `cold` times without a cache (a port of its own each: the folder's URI names its
 * workspace storage), `warm` times with the cache the last of those left, once without a cache under the deep trace
 * (`diagnostic`), and with `references` once with each reference extension instead of ours.
 * The reform-evidence setting asOfDate is fixed so every opening computes the same model.
 */
export async function uiStartup({ workspace, cold: coldCount = 1, warm = 2, asOf, log, keepLogs, settings = {}, references = true }) {
  ensureCodeServer();
  const sandbox = createSandbox('bench-ui', { 'reformEvidence.asOfDate': asOf, ...settings });
  const logFile = path.join(sandbox.dir, 'code-server.log');
  const browser = await launchChromium(sandbox);
  // The folder's URI (vscode-remote://127.0.0.1:PORT/…) names its workspace storage: a new port, no cache.
  let port;
  try {
    const cold = [];
    for (let i = 0; i < coldCount; i++) cold.push(await opening(browser, sandbox, workspace, logFile, log, (port = await freePort())));
    const warmRuns = [];
    for (let i = 0; i < warm; i++) warmRuns.push(await opening(browser, sandbox, workspace, logFile, log, port));
    // The references after ours (same sandbox, workspace and settings): the floor of this workbench. Not between:
    // VS Code's Git extension's `git status` in their windows may rewrite .git/index, whose mtime is part of our cache
    // key, and the next opening of ours would then find no cache.
    const reference = {};
    const waitForGit = settings['git.enabled'] !== false;
    if (references) reference.ours = await opening(browser, sandbox, workspace, logFile, log, port, referenceExtension(sandbox, 'ours'), { waitForGit });
    if (references) reference.star = await opening(browser, sandbox, workspace, logFile, log, port, referenceExtension(sandbox, 'star'), { waitForGit });
    log('a last opening without a cache, under the deep trace (not timed): the heap the model keeps, where the CPU went…');
    const diagnostic = await opening(browser, sandbox, workspace, logFile, log, await freePort(), ours(sandbox), { trace: '2' });
    return { cold, warm: warmRuns, reference, diagnostic };
  } finally {
    await browser.close().catch(() => undefined);
    // The servers' logs (the extension host's, ours with timestamps, the Git extension's) outlive the sandbox.
    const logs = path.join(sandbox.userData, 'logs');
    if (keepLogs && existsSync(logs)) cpSync(logs, keepLogs, { recursive: true });
    removeSandbox(sandbox);
  }
}
