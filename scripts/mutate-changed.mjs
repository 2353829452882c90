#!/usr/bin/env node
// The mutation tier of `npm test` (issue 16): a full `npm run mutate` takes hours here, so CI mutates only the
// lines of the mutated core (stryker.config.mjs `mutate`) that changed since main, with the unit tests of their
// folders, and fails when fewer than MUTATE_THRESHOLD % (default 80) of those mutants are detected.
// A branch that changed no such line has nothing to mutate: the tier says so and counts as skipped.
//
//   node scripts/mutate-changed.mjs [--since REV]   (default: $MUTATE_SINCE, else main, else origin/main)
//   node scripts/mutate-changed.mjs --plan          (print what would be mutated; run nothing)
//
// Equivalent mutants are marked where they are, as Stryker reads them: `// Stryker disable next-line <mutator>: why`.
// The last line is the harness's JSON: {"passed":1,"failed":0} / {"passed":0,"failed":1} / {"passed":0,"failed":0,"skip":"…"}.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { changedRanges, mutateArguments, selectMutated, specFor, verdict } from './mutation-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const picomatch = require('picomatch');
const threshold = Number(process.env.MUTATE_THRESHOLD ?? 80);
const argv = process.argv.slice(2);
const planOnly = argv.includes('--plan');
const sinceAt = argv.indexOf('--since');
const asked = sinceAt >= 0 ? argv[sinceAt + 1] : process.env.MUTATE_SINCE;

function git(...args) {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return r.status === 0 ? r.stdout : null;
}

function finish(json, code) {
  console.log(JSON.stringify(json));
  process.exit(code);
}

if (sinceAt >= 0 && !asked) {
  console.log('[mutate-changed] --since needs a revision');
  finish({ passed: 0, failed: 1 }, 2);
}

// The base: the merge base of HEAD and the named revision, so that main's own later commits are not counted.
const candidates = asked ? [asked] : ['main', 'origin/main'];
const named = candidates.find((rev) => git('rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`) !== null);
if (!named) {
  if (asked) {
    console.log(`[mutate-changed] ${asked} is not a commit of this repository`);
    finish({ passed: 0, failed: 1 }, 2);
  }
  finish({ passed: 0, failed: 0, skip: 'no main branch to compare with' }, 0);
}
const base = git('merge-base', 'HEAD', named)?.trim();
if (!base) finish({ passed: 0, failed: 0, skip: `HEAD shares no history with ${named}` }, 0);

const { default: config } = await import(pathToFileURL(path.join(root, 'stryker.config.mjs')).href);
// The work tree against the base: committed and uncommitted changes alike (locally, before committing).
const diff = git('diff', '--unified=0', '--no-color', '--no-renames', '--no-ext-diff', base, '--', 'src/core') ?? '';
const all = changedRanges(diff);
// New files not yet added to Git (a local run before committing): every line of them.
for (const file of (git('ls-files', '--others', '--exclude-standard', '-z', '--', 'src/core') ?? '').split('\0').filter(Boolean)) {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n').length;
  all.set(file, [{ start: 1, end: lines }]);
}
const chosen = new Set(selectMutated([...all.keys()], config.mutate, (p) => picomatch(p)));
const ranges = new Map([...all].filter(([file]) => chosen.has(file)));
const label = `${named} (${base.slice(0, 10)})`;
if (ranges.size === 0) {
  console.log(`[mutate-changed] no line of the mutated core changed since ${label}`);
  finish({ passed: 0, failed: 0, skip: `no mutated core line changed since ${named}` }, 0);
}

const spec = [...new Set([...ranges.keys()].flatMap(specFor))];
const mutate = mutateArguments(ranges);
console.log(`[mutate-changed] since ${label}: ${mutate.length} changed range(s) in ${ranges.size} file(s), threshold ${threshold}%`);
for (const m of mutate) console.log(`  ${m}`);
console.log(`[mutate-changed] tests: ${spec.join(', ')}`);
if (planOnly) finish({ passed: 0, failed: 0, skip: 'plan only' }, 0);

// A fresh incremental file: the committed one records per-folder runs with other specs, and must not change here.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'mutate-changed-'));
const reportFile = path.join(root, 'reports', 'mutation', 'mutation.json');
rmSync(reportFile, { force: true });
const strykerBin = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const args = [strykerBin, 'run', '--mutate', mutate.join(','), '--concurrency', String(Math.max(1, Math.min(2, os.availableParallelism() - 1))),
  '--incrementalFile', path.join(scratch, 'incremental.json'), '--tempDirName', '.stryker-tmp-changed', '--reporters', 'clear-text,json,progress'];
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, MUTATE_TYPECHECK: process.env.MUTATE_TYPECHECK ?? '0', MUTATE_SPEC: spec.join(',') },
    stdio: 'inherit',
  });
  child.on('close', (c) => resolve(c ?? 1));
  child.on('error', () => resolve(1));
});
rmSync(scratch, { recursive: true, force: true });
if (code !== 0 || !existsSync(reportFile)) {
  console.log(`[mutate-changed] Stryker failed (exit ${code})${existsSync(reportFile) ? '' : ', no report'}`);
  finish({ passed: 0, failed: 1 }, 1);
}
const v = verdict(JSON.parse(readFileSync(reportFile, 'utf8')), threshold);
const score = v.score === null ? 'no mutant' : `${v.score.toFixed(2)}%`;
console.log(`[mutate-changed] changed lines since ${label}: ${v.detected} detected, ${v.undetected} undetected: ${score} (threshold ${threshold}%)`);
if (!v.passed) {
  console.log('[mutate-changed] undetected mutants (write a test that states the behaviour, or mark an equivalent one');
  console.log('  `// Stryker disable next-line <mutator>: why it is equivalent`):');
  for (const s of v.survivors) console.log(`  ${s}`);
}
finish(v.passed ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }, v.passed ? 0 : 1);
