#!/usr/bin/env node
// `npm test`: every test tier in order, streaming each tier's output, then a per-tier summary
// and, as the very last line, `N passed, N failed` (summed over all tiers that ran; a tier that
// crashes or prints no counts counts as at least one failure). Exit code 1 if anything failed.
//
// Usage: node scripts/test-all.mjs [--only name,name] [--skip name,name]
//        node scripts/test-all.mjs --unit      (internal: the unit tier, mocha per .mocharc.json)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const MIN = 60_000;

// Tiers, in order. kind:
//   'step'  must succeed; a failure counts as 1 failed. abort: true skips every later tier.
//   'check' counts as one test: passed when the command exits 0.
//   'json'  the command prints {"passed":N,"failed":M} (optionally "pending") as its last JSON line.
// needs: name of a step that must have succeeded (otherwise the tier is skipped).
const TIERS = [
  { name: 'build', cmd: ['npm', 'run', 'build'], kind: 'step', abort: true },
  { name: 'compile-tests', cmd: ['npm', 'run', 'compile-tests'], kind: 'step', abort: true },
  { name: 'lint', cmd: ['npm', 'run', 'lint'], kind: 'check' },
  { name: 'unit', cmd: [node, 'scripts/test-all.mjs', '--unit'], kind: 'json' },
  { name: 'setup:vscode', cmd: ['npm', 'run', 'setup:vscode'], kind: 'step', timeout: 20 * MIN },
  { name: 'integration', cmd: [node, 'scripts/run-integration.mjs'], kind: 'json', needs: 'setup:vscode' },
  { name: 'integration (restricted)', cmd: [node, 'scripts/run-integration.mjs', '--restricted'], kind: 'json', needs: 'setup:vscode' },
  { name: 'integration (multi-root)', cmd: [node, 'scripts/run-integration.mjs', '--multiroot'], kind: 'json', needs: 'setup:vscode' },
  { name: 'ui', cmd: [node, 'scripts/run-ui.mjs'], kind: 'json', needs: 'setup:vscode' },
  { name: 'package', cmd: [node, 'scripts/check-package.mjs'], kind: 'json', needs: 'setup:vscode' },
];

// Further tiers: one line each. A script (run with node from the repo root) that prints
// {"passed":N,"failed":M} as its last line. A listed file that does not exist counts as a failure.
const EXTRA_TIERS = [
  'test/browser/dashboard.browser.mjs',
];

const DEFAULT_TIMEOUT = 15 * MIN;
let interrupted = false; // Ctrl-C / SIGTERM: stop the running tier's process group and run no more tiers

// ---------------------------------------------------------------------------

if (process.argv.includes('--unit')) {
  await unitTier();
} else {
  process.exit(await main());
}

function parseList(flag) {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? (process.argv[i + 1] || '').split(',').map((s) => s.trim()).filter(Boolean) : null;
}

async function main() {
  const only = parseList('--only');
  const skip = parseList('--skip') || [];
  const tiers = [
    ...TIERS,
    ...EXTRA_TIERS.map((file) => ({ name: path.basename(file).replace(/\.m?js$/, ''), cmd: [node, file], kind: 'json', file })),
  ].filter((t) => (!only || only.includes(t.name)) && !skip.includes(t.name));

  const results = [];
  const stepOk = new Map();
  let aborted = null;
  const t0 = Date.now();
  for (const tier of tiers) {
    if (interrupted) aborted = 'interrupted: nothing';
    if (aborted) {
      results.push({ tier, status: aborted.startsWith('interrupted') ? 'skipped (interrupted)' : `skipped (${aborted} failed)`, passed: 0, failed: 0, ms: 0 });
      continue;
    }
    if (tier.needs && stepOk.get(tier.needs) === false) {
      results.push({ tier, status: `skipped (${tier.needs} failed)`, passed: 0, failed: 0, ms: 0 });
      continue;
    }
    banner(`${tier.name}: ${tier.cmd.map((a) => (a === node ? 'node' : a)).join(' ')}`);
    let r;
    if (tier.file && !existsSync(path.join(root, tier.file))) {
      console.log(`tier script ${tier.file} does not exist`);
      r = { code: 1, lastJson: null, ms: 0, timedOut: false };
    } else {
      r = await runTier(tier);
    }
    const res = { tier, ms: r.ms, passed: 0, failed: 0, pending: 0 };
    if (tier.kind === 'json') {
      if (r.lastJson && Number.isFinite(r.lastJson.passed) && Number.isFinite(r.lastJson.failed)) {
        res.passed = r.lastJson.passed;
        res.failed = r.lastJson.failed;
        res.pending = r.lastJson.pending ?? r.lastJson.skipped ?? 0;
        if (r.code !== 0 && res.failed === 0) res.failed = 1; // exit code says failure, counts do not
      } else {
        res.failed = 1;
      }
    } else if (r.code === 0) {
      res.passed = tier.kind === 'check' ? 1 : 0;
    } else {
      res.failed = 1;
    }
    res.status = r.timedOut ? `TIMEOUT after ${(tier.timeout ?? DEFAULT_TIMEOUT) / MIN} min` : res.failed ? (r.lastJson || tier.kind !== 'json' ? 'failed' : `crashed (exit ${r.code}, no counts)`) : 'ok';
    results.push(res);
    if (tier.kind === 'step') {
      stepOk.set(tier.name, r.code === 0);
      if (r.code !== 0 && tier.abort) aborted = tier.name;
    }
  }

  const passed = results.reduce((a, r) => a + r.passed, 0);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  banner(`summary (${fmt(Date.now() - t0)})`);
  const w = Math.max(...results.map((r) => r.tier.name.length));
  for (const r of results) {
    const counts = r.tier.kind === 'step' && !r.failed ? '' : `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}`;
    console.log(`  ${r.failed ? '✗' : r.status.startsWith('skipped') ? '-' : '✓'} ${r.tier.name.padEnd(w)}  ${r.status.padEnd(10)} ${fmt(r.ms).padStart(7)}  ${counts}`);
  }
  console.log('  logs and screenshots: test-results/ (integration*/, ui/, screenshots/)');
  console.log(`${passed} passed, ${failed} failed`);
  if (interrupted) return 130;
  return failed > 0 ? 1 : 0;
}

function fmt(ms) {
  return ms >= MIN ? `${Math.floor(ms / MIN)}m${String(Math.round((ms % MIN) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`;
}

function banner(text) {
  console.log(`\n━━━━ ${text} ${'━'.repeat(Math.max(4, 70 - text.length))}`);
}

/** Runs one tier in its own process group, streaming its output; kills the group on timeout. */
function runTier(tier) {
  const started = Date.now();
  const timeout = tier.timeout ?? DEFAULT_TIMEOUT;
  return new Promise((resolve) => {
    const child = spawn(tier.cmd[0], tier.cmd.slice(1), {
      cwd: root,
      env: { ...process.env, REFORM_EVIDENCE_TIER: tier.name },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let tailBuf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      tailBuf = (tailBuf + d.toString()).slice(-20_000);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    let timedOut = false;
    const kill = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`\n[test-all] ${tier.name} exceeded ${timeout / MIN} min: killing its process group`);
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5000).unref();
    }, timeout);
    const onSignal = () => {
      interrupted = true;
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5000).unref();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    child.on('error', (err) => {
      console.log(`[test-all] cannot start ${tier.cmd[0]}: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      kill('SIGKILL'); // anything the tier left behind in its group
      let lastJson = null;
      const lines = tailBuf.split('\n').map((l) => l.trim()).filter(Boolean);
      for (let i = lines.length - 1; i >= 0 && !lastJson; i--) {
        if (lines[i].startsWith('{') && lines[i].endsWith('}')) {
          try {
            lastJson = JSON.parse(lines[i]);
          } catch {
            /* not JSON */
          }
        }
      }
      resolve({ code: code ?? (signal ? 128 : 1), lastJson, ms: Date.now() - started, timedOut });
    });
  });
}

// ---------------------------------------------------------------------------
// The unit tier: mocha (programmatic) with the options and spec globs of .mocharc.json,
// spec reporter, exact counts printed as the last line.

function walk(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

async function unitTier() {
  const require = createRequire(path.join(root, 'package.json'));
  const Mocha = require('mocha');
  const picomatch = require('picomatch');
  const rc = JSON.parse(readFileSync(path.join(root, '.mocharc.json'), 'utf8'));
  const { spec = ['./test/**/*.spec.js'], require: requires, reporter: _r, ...opts } = rc;
  for (const r of [].concat(requires ?? [])) {
    const target = r.startsWith('.') ? path.resolve(root, r) : r;
    await import(target.startsWith('/') ? pathToFileURL(target).href : target);
  }
  const files = new Set();
  for (const pattern of [].concat(spec)) {
    const norm = pattern.replace(/^\.\//, '');
    const scan = picomatch.scan(norm);
    const base = path.join(root, scan.base || '.');
    if (!scan.isGlob) {
      if (existsSync(path.join(root, norm))) files.add(path.join(root, norm));
      continue;
    }
    const match = picomatch(norm);
    for (const f of walk(base)) if (match(path.relative(root, f).split(path.sep).join('/'))) files.add(f);
  }
  const mocha = new Mocha({ ...opts, reporter: 'spec' });
  for (const f of [...files].sort()) mocha.addFile(f);
  console.log(`[unit] ${files.size} test file(s) from ${[].concat(spec).join(', ')}`);
  const counts = { passed: 0, failed: 0, pending: 0 };
  try {
    await mocha.loadFilesAsync();
  } catch (err) {
    console.log(`[unit] loading the test files failed: ${err?.stack || err}`);
    console.log(JSON.stringify({ ...counts, failed: 1 }));
    process.exit(1);
  }
  const runner = mocha.run();
  runner.on('pass', () => counts.passed++);
  runner.on('fail', () => counts.failed++);
  runner.on('pending', () => counts.pending++);
  runner.on('end', () => {
    // Let the spec reporter print its epilogue first.
    setImmediate(() => {
      console.log(JSON.stringify(counts));
      process.exit(counts.failed > 0 ? 1 : 0);
    });
  });
}
