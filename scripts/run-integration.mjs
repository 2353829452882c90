#!/usr/bin/env node
// Integration tier: runs the mocha suite in out/test/suite inside the real Node extension
// host of code-server 4.100.3 (VS Code 1.100.3), driven by headless chromium.
// The caller must have run `npm run build` and `npm run compile-tests` (npm run test:integration does).
//
// Usage: node scripts/run-integration.mjs [--restricted | --multiroot] [--history basic|rich] [--grep RE]
//                                         [--glob GLOB] [--timeout SECONDS] [--keep]
//   --restricted  workspace trust ON and the folder untrusted (Restricted Mode); runs only
//                 out/test/suite/**/*.restricted.test.js (plus the harness checks).
//   --multiroot   two workspace folders (the example copy and a second, smaller ward) opened
//                 through a .code-workspace file; runs only out/test/suite/**/*.multiroot.test.js.
//   --history     git history of the workspace copy (default basic; see createWorkspaceRepo).
//   --keep        keep the temp sandbox (HOME, user data, workspace copy) for inspection.
// Last line of output: {"passed":N,"failed":N,"pending":N}. Exit code 1 when anything failed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, appendFileSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import {
  root, ensureCodeServer, createSandbox, removeSandbox, createWorkspaceRepo, startCodeServer,
  launchChromium, workbenchUrl, devExtensionPath, log, tail, option, runUnderWatchdog,
} from './code-server.mjs';

const argv = process.argv.slice(2);
const restricted = argv.includes('--restricted');
const multiroot = !restricted && argv.includes('--multiroot');
const keep = argv.includes('--keep');
const history = option('--history', 'basic');
const timeoutSec = Number(option('--timeout', process.env.REFORM_EVIDENCE_TEST_TIMEOUT || 300));
const mode = restricted ? 'restricted' : multiroot ? 'multiroot' : 'normal';
const tier = restricted ? 'integration-restricted' : multiroot ? 'integration-multiroot' : 'integration';

const suiteIndex = path.join(root, 'out', 'test', 'suite', 'index.js');
const outDir = path.join(root, 'test-results', tier);
const resultsFile = path.join(outDir, 'results.txt');
const browserLog = path.join(outDir, 'browser-console.log');
const serverLog = path.join(outDir, 'code-server.log');

let server;
let browser;
let sandbox;
let finished = false;
const started = Date.now();

function report(counts, exitCode) {
  if (finished) return;
  finished = true;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[${tier}] ${counts.passed} passed, ${counts.failed} failed, ${counts.pending} pending in ${secs} s (workbench exit code ${exitCode ?? 'none'})`);
  console.log(`[${tier}] logs: ${path.relative(root, outDir)}/ (results.txt, code-server.log, browser-console.log)`);
  console.log(JSON.stringify(counts));
}

async function cleanup(failed) {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (sandbox) {
    if (keep || failed) console.log(`[${tier}] sandbox kept for inspection: ${sandbox.dir}`);
    else removeSandbox(sandbox);
  }
}

function readResults() {
  const lines = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean) : [];
  let counts = null;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].startsWith('{')) {
      try {
        counts = JSON.parse(lines[i]);
        lines.splice(i, 1);
        break;
      } catch {
        /* not the counts line */
      }
    }
  }
  return { lines, counts };
}

/**
 * Restricted runs: the workspace's .git/config names programs, as a hostile repository could (a file-system
 * monitor `git status` would start, a hooks folder). Each writes a marker file when it runs; the restricted
 * suite (hostile.restricted.test.ts) asserts that none ever does. Returns the markers folder.
 */
function armHostileConfig(workspace, sandboxDir) {
  const markers = path.join(sandboxDir, 'markers');
  const tools = path.join(sandboxDir, 'hostile-tools');
  mkdirSync(markers, { recursive: true });
  mkdirSync(path.join(tools, 'hooks'), { recursive: true });
  const script = (file, name) => {
    writeFileSync(file, `#!/bin/sh\necho "${name}" >> "${markers}/${name}"\n`);
    chmodSync(file, 0o755);
  };
  script(path.join(tools, 'fsmonitor'), 'fsmonitor');
  for (const hook of ['pre-commit', 'commit-msg', 'post-commit', 'post-index-change', 'reference-transaction', 'post-checkout']) script(path.join(tools, 'hooks', hook), `hook-${hook}`);
  appendFileSync(path.join(workspace, '.git', 'config'), `[core]\n\tfsmonitor = "${path.join(tools, 'fsmonitor')}"\n\thooksPath = "${path.join(tools, 'hooks')}"\n`);
  return markers;
}

/** The second folder of a multi-root run: a copy of the example as another ward with two evidence files fewer. */
const SECOND_WARD = {
  id: 'phuong-binh-minh-2025',
  title: 'Bộ chỉ số CCHC của UBND phường Bình Minh năm 2025 (thử nghiệm nhiều thư mục)',
  removed: [
    'evidence/7 Chính quyền số/7.3 ISO 9001/Công bố HTQLCL phù hợp TCVN ISO 9001-2015.pdf',
    'evidence/2 Cải cách thể chế/2.4 Phổ biến giáo dục pháp luật/Kế hoạch phổ biến, giáo dục pháp luật năm 2025.pdf',
  ],
};

function createSecondWard(dest) {
  const ws = createWorkspaceRepo(dest, { history: 'basic' });
  const run = (args) => execFileSync('git', args, { cwd: ws.dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const criteria = path.join(ws.dir, 'criteria.yaml');
  const text = readFileSync(criteria, 'utf8');
  const changed = text.replace(/^( {2}id: ).*$/m, `$1${SECOND_WARD.id}`).replace(/^( {2}title: ).*$/m, `$1"${SECOND_WARD.title}"`);
  if (changed === text) throw new Error('could not rename the second ward: index.id/title not found in criteria.yaml');
  writeFileSync(criteria, changed);
  run(['rm', '-q', '--', ...SECOND_WARD.removed]);
  run(['commit', '-q', '-m', 'Phường Bình Minh: bộ chỉ số riêng', '--', 'criteria.yaml', ...SECOND_WARD.removed]);
  return ws;
}

async function main() {
  for (const [file, fix] of [[suiteIndex, 'npm run compile-tests'], [path.join(root, 'dist', 'extension.js'), 'npm run build']]) {
    if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run "${fix}" first (or use npm run test:integration).`);
  }
  ensureCodeServer();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resultsFile, '');

  sandbox = createSandbox(tier, restricted ? { 'security.workspace.trust.enabled': true } : {});
  const ws = createWorkspaceRepo(path.join(sandbox.workspaces, 'ward-2025'), { history });
  log(`workspace copy: ${ws.dir} (${ws.example ? 'examples/ward-2025' : 'empty folder: examples/ward-2025 not found'}, ${ws.commits} commits, ${ws.untracked.length} untracked)`);
  let workspaceFile;
  let second;
  if (multiroot) {
    second = createSecondWard(path.join(sandbox.workspaces, 'ward-binh-minh'));
    workspaceFile = path.join(sandbox.workspaces, 'wards.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: ws.dir }, { path: second.dir }], settings: {} }, null, 2));
    log(`second folder: ${second.dir}; workspace file: ${workspaceFile}`);
  }

  const testEnv = {
    REFORM_EVIDENCE_TEST_RESULTS: resultsFile,
    REFORM_EVIDENCE_TEST_MODE: mode,
    REFORM_EVIDENCE_TEST_WORKSPACE: ws.dir,
    REFORM_EVIDENCE_TEST_HISTORY: history,
  };
  if (multiroot) testEnv.REFORM_EVIDENCE_TEST_WORKSPACES = JSON.stringify([ws.dir, second.dir]);
  if (restricted) testEnv.REFORM_EVIDENCE_TEST_MARKERS = armHostileConfig(ws.dir, sandbox.dir);
  const glob = option('--glob', process.env.REFORM_EVIDENCE_TEST_GLOB);
  if (glob) testEnv.REFORM_EVIDENCE_TEST_GLOB = glob;
  const grep = option('--grep', process.env.REFORM_EVIDENCE_TEST_GREP);
  if (grep) testEnv.REFORM_EVIDENCE_TEST_GREP = grep;

  server = await startCodeServer({ sandbox, trust: restricted, env: testEnv, logFile: serverLog });
  log(`code-server on ${server.origin} (pid ${server.proc.pid}, ${restricted ? 'workspace trust ON, folder untrusted' : 'workspace trust disabled'})`);

  browser = await launchChromium(sandbox);
  // Clipboard permissions: the suite checks what Copy Criterion Id puts there.
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page.on('console', (m) => appendFileSync(browserLog, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => appendFileSync(browserLog, `[pageerror] ${e.stack || e}\n`));
  const exited = new Promise((resolve) => {
    page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))).catch(() => undefined);
  });
  const url = workbenchUrl({
    origin: server.origin, port: server.port, folder: workspaceFile ? undefined : ws.dir, workspace: workspaceFile, extensionDevelopmentPath: devExtensionPath(sandbox), extensionTestsPath: suiteIndex,
  });
  log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  const exitCode = await exited;

  const { lines, counts: reported } = readResults();
  for (const l of lines) console.log(l);
  const counts = { passed: 0, failed: 0, pending: 0, ...(reported ?? {}) };
  if (!reported) {
    counts.failed = Math.max(1, counts.failed);
    console.log(`[${tier}] the suite wrote no counts to ${resultsFile}: it did not run or crashed (exit ${exitCode}).`);
    console.log(`[${tier}] last lines of the browser console:\n${tail(browserLog, 40)}`);
  } else if (exitCode !== 0 && counts.failed === 0) {
    counts.failed = 1;
    console.log(`[${tier}] the workbench exited with code ${exitCode} although no test failed (see ${browserLog}).`);
  }
  await cleanup(counts.failed > 0);
  report(counts, exitCode);
  return counts.failed > 0 ? 1 : 0;
}

runUnderWatchdog({
  main,
  timeoutSec,
  onTimeout: async () => {
    console.log(`[${tier}] TIMEOUT after ${timeoutSec} s; partial results:`);
    const { lines } = readResults();
    for (const l of lines) console.log(l);
    console.log(`[${tier}] browser console (last lines):\n${tail(browserLog, 30)}`);
    console.log(`[${tier}] code-server log (last lines):\n${tail(serverLog, 20)}`);
    await cleanup(true);
    const passed = lines.filter((l) => l.startsWith('✓')).length;
    const failed = lines.filter((l) => l.startsWith('✗')).length;
    report({ passed, failed: failed + 1, pending: 0 }, null);
  },
  onError: async (err) => {
    console.error(`[${tier}] ERROR: ${err?.stack || err}`);
    if (server) console.error(`[${tier}] code-server log: ${serverLog}`);
    await cleanup(true);
    report({ passed: 0, failed: 1, pending: 0 }, null);
  },
});
