#!/usr/bin/env node
// `npm start`: try the extension in a real VS Code (code-server 4.100.3) from any browser,
// with no desktop VS Code. Builds the extension, makes a fresh copy of examples/ward-2025
// as its own Git repository with a little history (commits by several units in November
// 2025, some evidence left untracked), serves it on 127.0.0.1 with the extension loaded,
// prints the URL and runs until Ctrl-C.
//
// Usage: node scripts/serve.mjs [--no-build] [--theme light|dark] [--screenshot FILE]
//   PORT=8080 npm start        fixed port (default: a free one)
//   --screenshot FILE          open the workbench in headless chromium, click the
//                              "Reform Evidence" activity-bar entry, save a PNG and exit.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  root, ensureCodeServer, createSandbox, removeSandbox, createWorkspaceRepo, startCodeServer,
  launchChromium, workbenchUrl, devExtensionPath, waitForWorkbench, freePort, registerCleanup, sleep,
  EXAMPLE_SETTINGS, THEMES, option,
} from './code-server.mjs';

const argv = process.argv.slice(2);
const screenshot = option('--screenshot');
const theme = option('--theme', 'light');

if (!argv.includes('--no-build')) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm run build failed');
    process.exit(1);
  }
}
ensureCodeServer();

const sandbox = createSandbox('serve', { 'workbench.colorTheme': THEMES[theme] ?? theme, ...EXAMPLE_SETTINGS });
const ws = createWorkspaceRepo(path.join(sandbox.workspaces, 'ward-2025'), { history: 'rich' });
const port = await freePort(process.env.PORT || undefined).catch(() => {
  console.error(`port ${process.env.PORT} is in use`);
  process.exit(1);
});
const server = await startCodeServer({ sandbox, port, env: { REFORM_EVIDENCE_TEST_WORKSPACE: ws.dir } });
let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  removeSandbox(sandbox);
  process.exit(code);
};
registerCleanup(async () => {
  await server.stop();
  removeSandbox(sandbox);
});
const url = workbenchUrl({ origin: server.origin, port: server.port, folder: ws.dir, extensionDevelopmentPath: devExtensionPath(sandbox) });

const log = spawnSync('git', ['-c', 'core.quotepath=false', 'log', '--format=  %ad  %an: %s', '--date=short'], { cwd: ws.dir }).stdout.toString();
console.log(`\nWorkspace: ${ws.dir}\n  a fresh Git repository (${ws.commits} commits, ${ws.untracked.length} untracked files):\n${log}`);
console.log(`code-server log: ${server.logFile}`);

if (screenshot) {
  const file = path.resolve(screenshot);
  mkdirSync(path.dirname(file), { recursive: true });
  const browser = await launchChromium(sandbox);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await waitForWorkbench(page);
    const entry = page.locator('.part.activitybar [aria-label*="Reform Evidence"]').first();
    // The entry appears once the extension host has read the manifest: wait for it, then for the tree.
    if (await entry.waitFor({ state: 'attached', timeout: 60_000 }).then(() => true, () => false)) {
      await entry.click();
      await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Cải cách' }).first().waitFor({ timeout: 120_000 }).catch(() => undefined);
    } else {
      console.log('(no "Reform Evidence" activity-bar entry: screenshot of the plain workbench)');
    }
    await sleep(3000);
    await page.screenshot({ path: file });
    console.log(`screenshot: ${file}`);
  } finally {
    await browser.close().catch(() => undefined);
  }
  await stop(0);
} else {
  console.log(`\nOpen this URL in a browser (Ctrl-C to stop):\n\n  ${url}\n`);
  console.log(`(from another machine: ssh -L ${server.port}:127.0.0.1:${server.port} this-host, then open the same URL)`);
  server.proc.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`code-server exited (${code ?? signal}); see ${server.logFile}`);
      stop(1);
    }
  });
  // The SIGINT/SIGTERM handlers installed by registerCleanup stop the server and exit.
}
