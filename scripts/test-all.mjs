#!/usr/bin/env node
// `npm test`: every test tier in order, streaming each tier's output, then a per-tier summary
// and, as the very last line, `N passed, N failed` (summed over all tiers that ran; a tier that
// crashes or prints no counts counts as at least one failure). Exit code 1 if anything failed.
//
// Rules (scripts/test-harness.mjs): `.only` anywhere under test/ fails the run; a tier that runs fewer tests
// than its minimum (TIER_MINIMUMS) fails; an unknown tier name in --only/--skip is an error (exit 2); tiers
// left out by --only/--skip are listed as skipped.
//
// Usage: node scripts/test-all.mjs [--only name,name] [--skip name,name]
//        node scripts/test-all.mjs --unit      (internal: the unit tier, mocha per .mocharc.json)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TIER_MINIMUMS, findFocus, fmt, minimumFor, parseOptions, skippedByOptions, skippedResult, summaryLines, tierResult } from './test-harness.mjs';

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
  // Mutants in the core's lines changed since main (skipped on main itself): scripts/mutate-changed.mjs.
  { name: 'mutation (changed)', cmd: [node, 'scripts/mutate-changed.mjs'], kind: 'json', timeout: 40 * MIN },
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

/** The tier table: TIERS and EXTRA_TIERS, or a JSON file given by --tiers (the harness's own test). */
function tierTable(tiersFile) {
  if (tiersFile) {
    const table = JSON.parse(readFileSync(path.resolve(tiersFile), 'utf8'));
    return {
      tiers: table.tiers.map((t) => ({ ...t, cmd: t.cmd.map((a) => (a === 'node' ? node : a)) })),
      minimums: table.minimums ?? {},
      focusRoots: (table.focusRoots ?? []).map((d) => path.resolve(d)),
    };
  }
  return {
    tiers: [...TIERS, ...EXTRA_TIERS.map((file) => ({ name: path.basename(file).replace(/\.m?js$/, ''), cmd: [node, file], kind: 'json', file }))],
    minimums: TIER_MINIMUMS,
    focusRoots: [path.join(root, 'test')],
  };
}

/** The test sources under the given folders (no node_modules, no corpus of sample files). */
function testSources(dirs) {
  const files = [];
  for (const dir of dirs) {
    for (const f of walk(dir, (name) => name !== 'node_modules' && name !== 'corpus')) {
      if (/\.(?:ts|mjs|cjs|js)$/.test(f)) files.push({ path: path.relative(root, f), text: readFileSync(f, 'utf8') });
    }
  }
  return files;
}

async function main() {
  const argv = process.argv.slice(2);
  const preliminary = parseOptions(argv, null);
  let table;
  try {
    table = tierTable(preliminary.tiersFile);
  } catch (err) {
    console.log(`[test-all] cannot read the tier table ${preliminary.tiersFile}: ${err.message}`);
    return 2;
  }
  const options = parseOptions(argv, table.tiers.map((t) => t.name));
  if (options.errors.length) {
    for (const e of options.errors) console.log(`[test-all] ${e}`);
    return 2;
  }

  const results = [];
  // `.only` anywhere in the tests would silently run a subset: it fails the run, whatever tiers are chosen.
  const focus = findFocus(testSources(table.focusRoots));
  if (focus.length) {
    banner('focused tests (.only) are not allowed');
    for (const f of focus) console.log(`  ${f}`);
    results.push({ tier: { name: '.only scan', kind: 'check' }, status: 'failed', passed: 0, failed: focus.length, pending: 0, ms: 0 });
  }

  const stepOk = new Map();
  let aborted = null;
  const t0 = Date.now();
  for (const tier of table.tiers) {
    const optionSkip = skippedByOptions(tier.name, options);
    if (optionSkip) {
      results.push(skippedResult(tier, optionSkip));
      continue;
    }
    if (interrupted) aborted = 'interrupted: nothing';
    if (aborted) {
      results.push(skippedResult(tier, aborted.startsWith('interrupted') ? 'skipped (interrupted)' : `skipped (${aborted} failed)`));
      continue;
    }
    if (tier.needs && stepOk.get(tier.needs) === false) {
      results.push(skippedResult(tier, `skipped (${tier.needs} failed)`));
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
    const minimum = minimumFor(tier, table.minimums, process.env);
    const res = { tier, ms: r.ms, ...tierResult(tier, r, minimum, (tier.timeout ?? DEFAULT_TIMEOUT) / MIN) };
    if (res.status.startsWith('too few')) console.log(`[test-all] ${tier.name} ran ${res.passed + res.failed} test(s); it must run at least ${minimum} (scripts/test-harness.mjs TIER_MINIMUMS)`);
    results.push(res);
    if (tier.kind === 'step') {
      stepOk.set(tier.name, r.code === 0);
      if (r.code !== 0 && tier.abort) aborted = tier.name;
    }
  }

  banner(`summary (${fmt(Date.now() - t0)})`);
  const { lines, failed } = summaryLines(results);
  for (const line of lines) console.log(line);
  if (interrupted) return 130;
  return failed > 0 ? 1 : 0;
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

function walk(dir, enter = () => true) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (enter(e.name)) out.push(...walk(p, enter));
    }
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
  const empty = [];
  for (const pattern of [].concat(spec)) {
    const norm = pattern.replace(/^\.\//, '');
    const scan = picomatch.scan(norm);
    const base = path.join(root, scan.base || '.');
    const before = files.size;
    if (!scan.isGlob) {
      if (existsSync(path.join(root, norm))) files.add(path.join(root, norm));
    } else {
      const match = picomatch(norm);
      for (const f of walk(base)) if (match(path.relative(root, f).split(path.sep).join('/'))) files.add(f);
    }
    if (files.size === before) empty.push(pattern);
  }
  if (empty.length) {
    // A spec pattern that selects nothing means tests that silently stopped running.
    console.log(`[unit] no test file matches ${empty.join(', ')} (.mocharc.json "spec")`);
    console.log(JSON.stringify({ passed: 0, failed: 1, pending: 0 }));
    process.exit(1);
  }
  // forbidOnly: a `.only` left in a test fails the run instead of running a subset.
  const mocha = new Mocha({ ...opts, reporter: 'spec', forbidOnly: true });
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
