// Shared helpers for running the extension in a real VS Code: code-server 4.100.3
// (= VS Code 1.100.3 running in Node) installed from npm in test/server, opened in
// Debian's headless chromium through playwright-core. Works offline.
// See /work/shared/design/REAL-VSCODE.md for the measured recipe behind every step.
//
// Used by scripts/run-integration.mjs, scripts/run-ui.mjs, scripts/serve.mjs and
// (through a dynamic import) test/suite/runTestElectron.ts.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, openSync, closeSync,
} from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverDir = path.join(root, 'test', 'server');
export const entryJs = path.join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const exampleDir = path.join(root, 'examples', 'ward-2025');
export const extensionId = 'reform-evidence.reform-evidence';
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const stampFile = path.join(serverDir, 'node_modules', '.reform-evidence-setup.json');
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** `--name value` from this process's arguments, else `fallback`. */
export function option(name, fallback) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}

/** The colour themes the runners and `npm start` offer, by short name. */
export const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern', hc: 'Default High Contrast' };

/**
 * Runs a test runner's `main` under a watchdog: exits with main's code; on a timeout or a thrown error, runs
 * `onTimeout`/`onError` (they print what helps and clean up) and exits 1. Every runner stops the same way.
 */
export function runUnderWatchdog({ main, timeoutSec, onTimeout, onError }) {
  const watchdog = setTimeout(async () => {
    await onTimeout();
    process.exit(1);
  }, timeoutSec * 1000);
  main()
    .then((code) => {
      clearTimeout(watchdog);
      process.exit(code);
    })
    .catch(async (err) => {
      clearTimeout(watchdog);
      await onError(err);
      process.exit(1);
    });
}

export function log(...args) {
  console.log('[harness]', ...args);
}

export function fail(message) {
  const err = new Error(message);
  err.harness = true;
  return err;
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function setupFingerprint() {
  return {
    lock: sha256(path.join(serverDir, 'package-lock.json')),
    manifest: sha256(path.join(serverDir, 'package.json')),
    node: process.version,
  };
}

/** True when test/server is installed from the current lock file (fast check, no npm). */
export function codeServerReady() {
  if (!existsSync(entryJs) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    const now = setupFingerprint();
    return stamp.lock === now.lock && stamp.manifest === now.manifest && stamp.node === now.node;
  } catch {
    return false;
  }
}

/**
 * Installs code-server into test/server with `npm ci`, after preparing what its install
 * scripts need offline. Idempotent: returns at once when already installed from the same
 * lock file. Throws with a clear message when a system prerequisite is missing.
 */
export function ensureCodeServer({ force = false } = {}) {
  if (!force && codeServerReady()) {
    log(`code-server already installed in ${path.relative(root, serverDir)} (lock file unchanged)`);
    return;
  }
  for (const [bin, pkg] of [['/usr/bin/rg', 'ripgrep'], ['git', 'git'], ['g++', 'g++'], ['make', 'make'], ['python3', 'python3']]) {
    const found = bin.startsWith('/') ? existsSync(bin) : spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
    if (!found) throw fail(`${bin} is missing: run "apt-get install -y ${pkg}" (needed to install code-server offline).`);
  }
  if (!existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) {
    throw fail('Kerberos headers are missing: run "apt-get install -y libkrb5-dev" (code-server builds the kerberos module from source).');
  }
  const started = Date.now();
  // @vscode/ripgrep's postinstall downloads from GitHub unless it finds this cached archive in $TMPDIR.
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'reform-evidence-setup-'));
  try {
    const cacheDir = path.join(tmp, RIPGREP_CACHE);
    mkdirSync(cacheDir, { recursive: true });
    const stage = path.join(tmp, 'rg-stage');
    mkdirSync(stage);
    cpSync('/usr/bin/rg', path.join(stage, 'rg'));
    execFileSync('tar', ['czf', path.join(cacheDir, RIPGREP_ARCHIVE), '-C', stage, 'rg']);

    const env = {
      ...process.env,
      TMPDIR: tmp,
      npm_config_unsafe_perm: 'true', // @vscode/ripgrep refuses to run its postinstall as root otherwise
      npm_config_yes: 'true', // node-pty runs `npx node-gyp`; this machine's npmrc says yes=false
      npm_config_nodedir: '/usr', // never download Node headers
      npm_config_ignore_scripts: 'false', // install scripts are required (test/server/package.json allowScripts approves them)
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const hasLock = existsSync(path.join(serverDir, 'package-lock.json'));
    const args = hasLock ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
    log(`installing code-server in ${path.relative(root, serverDir)}: npm ${args.join(' ')} (about 1-2 minutes, 300 MB)…`);
    const r = spawnSync('npm', args, { cwd: serverDir, env, stdio: 'inherit' });
    if (r.status !== 0) {
      throw fail(`npm ${args[0]} in ${serverDir} failed (exit ${r.status ?? r.signal}). See the output above.`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const rg = path.join(serverDir, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  if (!existsSync(entryJs)) throw fail(`code-server installed but ${entryJs} is missing.`);
  if (!existsSync(rg)) throw fail(`code-server installed but ripgrep is missing at ${rg} (its postinstall did not run?).`);
  writeFileSync(stampFile, JSON.stringify({ ...setupFingerprint(), installedAt: new Date().toISOString() }, null, 2));
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A free TCP port on 127.0.0.1 (or `preferred` when given). */
export function freePort(preferred) {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(preferred ? Number(preferred) : 0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.autofetch': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
  'window.dialogStyle': 'custom',
};

/** The example is the ward as of its weekly briefing of 20/11/2025: show it at that date, not today. */
export const EXAMPLE_SETTINGS = { 'reformEvidence.asOfDate': '2025-11-20' };

/**
 * A private sandbox for one code-server run: HOME, XDG_*, TMPDIR, user data and
 * extensions dirs under one temp folder, with User/settings.json pre-written.
 */
export function createSandbox(name, settings = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `reform-evidence-${name}-`));
  const s = {
    dir,
    home: path.join(dir, 'home'),
    tmp: path.join(dir, 'tmp'),
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    config: path.join(dir, 'config.yaml'),
    workspaces: path.join(dir, 'workspaces'),
  };
  for (const d of [s.home, s.tmp, s.userData, s.extensions, s.workspaces, path.join(s.home, '.config'), path.join(s.home, '.local/share'), path.join(s.home, '.cache'), path.join(s.home, '.local/state')]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(s.config, 'auth: none\ncert: false\n');
  writeSettings(s, settings);
  return s;
}

/**
 * Makes `locale` a display language of the sandbox's VS Code with a stub language pack (test/ui/fixtures):
 * VS Code's own text stays English, extensions get the locale. VS Code lists installed packs in
 * languagepacks.json of its user data; the pack is never downloaded.
 */
export function installStubLanguagePack(sandbox, locale) {
  const fixture = path.join(root, 'test', 'ui', 'fixtures', `${locale}-language-pack`);
  const manifest = JSON.parse(readFileSync(path.join(fixture, 'package.json'), 'utf8'));
  const dir = path.join(sandbox.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  cpSync(fixture, dir, { recursive: true });
  const localization = manifest.contributes.localizations[0];
  const translations = Object.fromEntries(localization.translations.map((t) => [t.id, path.join(dir, t.path)]));
  const extensions = [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }];
  const packs = { [locale]: { hash: `stub-${manifest.version}`, label: localization.localizedLanguageName, extensions, translations } };
  mkdirSync(sandbox.userData, { recursive: true });
  writeFileSync(path.join(sandbox.userData, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

/**
 * The path to pass as extensionDevelopmentPath: a symlink to the repo root inside the sandbox.
 * Passing the repo root itself makes VS Code treat every built-in theme of the code-server
 * installed in test/server as a theme "of the extension under development" (their folders are
 * below the repo root) and it then ignores workbench.colorTheme and picks Light+.
 */
export function devExtensionPath(sandbox) {
  const link = path.join(sandbox.dir, 'extension');
  if (!existsSync(link)) symlinkSync(root, link, 'dir');
  return link;
}

export function writeSettings(sandbox, settings = {}) {
  const dir = path.join(sandbox.userData, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...baseSettings, ...settings }, null, 2));
}

export function removeSandbox(sandbox) {
  if (sandbox?.dir && existsSync(sandbox.dir)) rmSync(sandbox.dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Environment for processes started in the sandbox (nothing is written to the real HOME). */
export function sandboxEnv(sandbox, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k.startsWith('ELECTRON_') || k === 'PASSWORD' || k === 'HASHED_PASSWORD' || k === 'PORT') delete env[k];
  }
  return {
    ...env,
    HOME: sandbox.home,
    XDG_CONFIG_HOME: path.join(sandbox.home, '.config'),
    XDG_DATA_HOME: path.join(sandbox.home, '.local/share'),
    XDG_CACHE_HOME: path.join(sandbox.home, '.cache'),
    XDG_STATE_HOME: path.join(sandbox.home, '.local/state'),
    TMPDIR: sandbox.tmp,
    EXTENSIONS_GALLERY: '{}',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode && res.statusCode < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(3000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts code-server detached (own process group) on 127.0.0.1:port.
 * Returns { port, origin, proc, logFile, stop() }. stop() kills the whole group.
 */
export async function startCodeServer({ sandbox, port, trust = false, env = {}, logFile, timeoutMs = 120_000, locale }) {
  if (!existsSync(entryJs)) throw fail(`code-server is not installed: run "npm run setup:vscode" (missing ${entryJs}).`);
  port = port ?? (await freePort());
  logFile = logFile ?? path.join(sandbox.dir, 'code-server.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  const args = [
    entryJs,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', sandbox.config,
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
  ];
  if (!trust) args.push('--disable-workspace-trust');
  // The display language: with a stub language pack (installStubLanguagePack) extensions get it.
  if (locale) args.push('--locale', locale);
  const fd = openSync(logFile, 'a');
  const proc = spawn(process.execPath, args, {
    cwd: sandbox.dir,
    env: sandboxEnv(sandbox, env),
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const untrack = trackGroup(proc.pid);
  let exited = null;
  proc.on('exit', (code, signal) => {
    exited = { code, signal };
  });
  const origin = `http://127.0.0.1:${port}`;
  const server = {
    port,
    origin,
    proc,
    logFile,
    stop: async () => {
      await killGroup(proc);
      untrack();
    },
  };
  registerCleanup(server.stop);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) {
      throw fail(`code-server exited early (${exited.code ?? exited.signal}); log: ${logFile}\n${tail(logFile, 30)}`);
    }
    if (await httpOk(`${origin}/healthz`)) return server;
    await sleep(300);
  }
  await server.stop();
  throw fail(`code-server did not answer on ${origin} within ${timeoutMs / 1000} s; log: ${logFile}\n${tail(logFile, 30)}`);
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Kills a detached child's whole process group: SIGTERM, then SIGKILL after a grace period. */
export async function killGroup(proc, graceMs = 3000) {
  if (!proc?.pid) return;
  const alive = () => {
    try {
      process.kill(-proc.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(-proc.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) {
    try {
      process.kill(-proc.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

const cleanups = new Set();
let exitHooksInstalled = false;
/** Runs fn on exit, Ctrl-C, SIGTERM and uncaught errors (synchronous kill on 'exit'). */
export function registerCleanup(fn) {
  cleanups.add(fn);
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const runAll = async () => {
    for (const f of [...cleanups]) {
      cleanups.delete(f);
      try {
        await f();
      } catch {
        /* keep cleaning */
      }
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, async () => {
      await runAll();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
  process.on('exit', () => {
    // Last resort (synchronous): kill whatever groups are still registered.
    for (const p of liveGroups) {
      try {
        process.kill(-p, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
}
const liveGroups = new Set();
/** Track a detached pid so that the process-exit hook can SIGKILL its group. */
export function trackGroup(pid) {
  liveGroups.add(pid);
  return () => liveGroups.delete(pid);
}

/** The workbench URL: folder (or .code-workspace file) to open plus the payload that code-server's CLI does not accept. */
export function workbenchUrl({ origin, port, folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  const q = new URLSearchParams();
  if (workspace) q.set('workspace', workspace);
  else if (folder) q.set('folder', folder);
  q.set('payload', JSON.stringify(payload));
  return `${origin}/?${q.toString()}`;
}

/** Debian's chromium, headless, through playwright-core (its HOME in the sandbox when given). */
export async function launchChromium(sandbox) {
  if (!existsSync(chromiumPath)) {
    throw fail(`${chromiumPath} is missing: run "apt-get install -y chromium fonts-liberation" (or set CHROMIUM_PATH).`);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 60_000,
    env: sandbox ? sandboxEnv(sandbox) : { ...process.env },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-breakpad',
    ],
  });
  registerCleanup(() => browser.close().catch(() => undefined));
  return browser;
}

/** Waits until the workbench is rendered and the folder is open (explorer/activity bar visible). */
export async function waitForWorkbench(page, timeoutMs = 120_000) {
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: timeoutMs });
}

// ---------------------------------------------------------------------------
// Workspace copies of examples/ward-2025, each its own Git repository.

export const UNITS = [
  { name: 'Phòng Nội vụ', email: 'noivu@phuong.example' },
  { name: 'Phòng Văn hóa - Xã hội', email: 'vhxh@phuong.example' },
  { name: 'Phòng Kinh tế - Hạ tầng - Đô thị', email: 'kthtdt@phuong.example' },
  { name: 'Văn phòng HĐND và UBND', email: 'vanphong@phuong.example' },
];

function git(cwd, args, { author, date, input } = {}) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
  if (author) {
    env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = author.name;
    env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = author.email;
  }
  if (date) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = date;
  return execFileSync('git', args, { cwd, env, input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

/**
 * Copies examples/ward-2025 (or an empty folder while it does not exist) to `dest`
 * and makes it its own Git repository.
 *  history 'basic': commit 1 = everything outside evidence/ (Phòng Nội vụ, 2025-11-03),
 *                   commit 2 = evidence/ (Văn phòng HĐND và UBND, 2025-11-10); clean tree.
 *  history 'rich':  commit 1 as above, then one commit per top-level entry of evidence/
 *                   by different units (dates 2025-11-05 … 2025-11-24); the last
 *                   entry (the last two when there are 4 or more; the second half of the files
 *                   when there is only one) stays untracked.
 * Returns { dir, example: boolean, commits: number, untracked: string[] }.
 */
export function createWorkspaceRepo(dest, { history = 'basic' } = {}) {
  mkdirSync(dest, { recursive: true });
  const example = existsSync(exampleDir) && statSync(exampleDir).isDirectory();
  if (example) {
    cpSync(exampleDir, dest, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
  }
  git(dest, ['init', '-q', '-b', 'main']);
  git(dest, ['config', 'user.name', 'Reform Evidence Tests']);
  git(dest, ['config', 'user.email', 'tests@phuong.example']);
  git(dest, ['config', 'commit.gpgsign', 'false']);
  git(dest, ['config', 'core.autocrlf', 'false']);

  // Only what Git would add (the example's own .gitignore is respected).
  const files = git(dest, ['ls-files', '-z', '--others', '--exclude-standard']).split('\0').filter(Boolean).sort();
  const isEvidence = (f) => f === 'evidence' || f.startsWith('evidence/');
  const base = files.filter((f) => !isEvidence(f));
  const evidence = files.filter(isEvidence);
  let commits = 0;
  const commit = (paths, message, author, date) => {
    if (paths.length) git(dest, ['add', '--pathspec-from-file=-', '--pathspec-file-nul'], { input: paths.join('\0') });
    const args = ['commit', '-q', '-m', message];
    if (!paths.length) args.push('--allow-empty');
    git(dest, args, { author, date });
    commits++;
  };

  commit(base, example ? 'Khởi tạo hồ sơ minh chứng năm 2025' : 'Khởi tạo kho minh chứng (trống)', UNITS[0], '2025-11-03T08:30:00+07:00');
  if (history === 'basic') {
    if (evidence.length) commit(evidence, 'Bổ sung minh chứng', UNITS[3], '2025-11-10T09:15:00+07:00');
  } else if (evidence.length) {
    // Group by the first level below evidence/.
    const groups = new Map();
    for (const f of evidence) {
      const key = f.split('/').slice(0, 2).join('/');
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(f);
    }
    let batches = [...groups.values()];
    if (batches.length === 1) {
      const only = batches[0];
      const half = Math.ceil(only.length / 2);
      batches = only.length > 1 ? [only.slice(0, half), only.slice(half)] : [only];
    }
    // Leave the last batch untracked (when there are at least two); at most 4 commits in all.
    const keepUntracked = batches.length >= 4 ? 2 : batches.length > 1 ? 1 : 0;
    const toCommit = batches.slice(0, batches.length - keepUntracked);
    const nCommits = Math.min(3, toCommit.length);
    const merged = [];
    for (let i = 0; i < toCommit.length; i++) {
      const slot = Math.floor((i * nCommits) / toCommit.length);
      (merged[slot] ??= []).push(...toCommit[i]);
    }
    const days = ['05', '14', '24'];
    merged.forEach((paths, i) => {
      const unit = UNITS[1 + (i % 3)];
      const labels = [...new Set(paths.map((p) => p.split('/')[1]))];
      commit(paths, `Nộp minh chứng: ${labels.join(', ')} (${paths.length} tệp)`, unit, `2025-11-${days[i]}T1${i}:00:00+07:00`);
    });
  }
  const untracked = git(dest, ['ls-files', '-z', '--others', '--exclude-standard']).split('\0').filter(Boolean);
  return { dir: dest, example, commits, untracked };
}

// `node scripts/code-server.mjs setup [--force]` (= npm run setup:vscode): install code-server.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd = 'setup'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (cmd !== 'setup') {
    console.error('usage: node scripts/code-server.mjs setup [--force]');
    process.exit(2);
  }
  try {
    ensureCodeServer({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error(`setup:vscode failed: ${err.message}`);
    process.exit(1);
  }
}
