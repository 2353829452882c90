// The pure rules of scripts/test-all.mjs, kept apart so that test/unit/scripts/harness.test.ts can check them:
// option parsing, how one tier's run becomes counts and a status, the minimum number of tests per tier,
// the `.only` scan, and the summary.

/**
 * The least number of tests (passed + failed) each tier must run: about 85% of what it ran on main when
 * a figure was last raised (2026-11-30: lint 1, unit 728 (927 by the evening: minimum 790), integration 59, restricted 12, multi-root 9, UI 28,
 * package 4, dashboard browser 13). A tier that runs fewer lost its tests (a glob that stopped matching,
 * a file that no longer loads) and fails. Raise a figure when a tier grows for good.
 */
export const TIER_MINIMUMS = {
  lint: 1,
  unit: 790,
  integration: 50,
  'integration (restricted)': 10,
  'integration (multi-root)': 8,
  ui: 22,
  package: 2,
  'dashboard.browser': 11,
};

/** Environment variables that run only part of a tier on purpose: the tier's minimum is then 1. */
export const FILTER_VARIABLES = ['REFORM_EVIDENCE_TEST_GLOB', 'REFORM_EVIDENCE_TEST_GREP'];

/**
 * `--only a,b`, `--skip a,b` and `--tiers FILE` (a JSON tier table, for the harness's own test).
 * Returns { only, skip, tiersFile, errors }: an unknown tier name or an option with no value is an error.
 */
export function parseOptions(argv, knownNames) {
  const errors = [];
  const list = (flag) => {
    const i = argv.indexOf(flag);
    if (i < 0) return null;
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      errors.push(`${flag} needs a comma-separated list of tier names`);
      return [];
    }
    const names = value.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) errors.push(`${flag} needs a comma-separated list of tier names`);
    for (const name of names) if (knownNames && !knownNames.includes(name)) errors.push(`${flag}: unknown tier "${name}" (tiers: ${knownNames.join(', ')})`);
    return names;
  };
  const tiersAt = argv.indexOf('--tiers');
  const tiersFile = tiersAt >= 0 ? argv[tiersAt + 1] ?? null : null;
  if (tiersAt >= 0 && !tiersFile) errors.push('--tiers needs a file');
  return { only: list('--only'), skip: list('--skip') ?? [], tiersFile, errors };
}

/** Why a tier is not run because of the options, or null when it runs. */
export function skippedByOptions(name, { only, skip }) {
  if (only && !only.includes(name)) return 'skipped (not in --only)';
  if (skip.includes(name)) return 'skipped (--skip)';
  return null;
}

/**
 * The minimum of a tier in this run: its table entry, or 1 for any tier that reports counts when the run
 * is filtered (FILTER_VARIABLES) or the tier has no entry. Steps have none (they run no tests).
 */
export function minimumFor(tier, minimums, env) {
  if (tier.kind === 'step') return 0;
  const filtered = FILTER_VARIABLES.some((v) => env[v]);
  const listed = minimums[tier.name];
  return filtered || listed === undefined ? 1 : listed;
}

/**
 * One tier's outcome. run = { code, lastJson, timedOut }. kind 'step' passes on exit 0 and counts no test;
 * 'check' is one test; 'json' reports {"passed","failed"[, "pending"]} as its last JSON line. A tier that
 * ran fewer than `minimum` tests (passed + failed) has failed, as has one whose exit code says so. A 'json' tier
 * that exits 0 having run nothing may say why with {"passed":0,"failed":0,"skip":"reason"}: it is listed as skipped.
 */
export function tierResult(tier, run, minimum, timeoutMin) {
  const res = { passed: 0, failed: 0, pending: 0, status: 'ok' };
  const counted = tier.kind === 'json' && run.lastJson && Number.isFinite(run.lastJson.passed) && Number.isFinite(run.lastJson.failed);
  if (tier.kind === 'json') {
    if (counted) {
      res.passed = run.lastJson.passed;
      res.failed = run.lastJson.failed;
      res.pending = run.lastJson.pending ?? run.lastJson.skipped ?? 0;
      if (run.code !== 0 && res.failed === 0) res.failed = 1; // the exit code says failure, the counts do not
    } else {
      res.failed = 1;
    }
  } else if (run.code === 0) {
    res.passed = tier.kind === 'check' ? 1 : 0;
  } else {
    res.failed = 1;
  }
  // A tier with nothing to check says why (e.g. no mutated line changed since main): skipped, not a failure.
  const skip = counted && run.code === 0 && res.passed + res.failed === 0 && typeof run.lastJson.skip === 'string' ? run.lastJson.skip : null;
  if (skip) return { ...res, status: `skipped (${skip})` };
  if (run.timedOut) res.status = `TIMEOUT after ${timeoutMin} min`;
  else if (tier.kind === 'json' && !counted) res.status = `crashed (exit ${run.code}, no counts)`;
  else if (res.failed) res.status = 'failed';
  const ran = res.passed + res.failed;
  if (counted && ran < minimum) {
    res.failed = Math.max(res.failed, 1);
    res.status = `too few tests (${ran}, at least ${minimum})`;
  }
  return res;
}

/** A result line for a tier that did not run. */
export function skippedResult(tier, status) {
  return { tier, status, passed: 0, failed: 0, pending: 0, ms: 0 };
}

/** `.only(` on a mocha function, or `only: true` on a check of the UI and browser tiers. */
const FOCUS = /\b(?:describe|context|suite|it|specify|test)\s*\.\s*only\s*\(|\bonly\s*:\s*true\b/g;

/** Every focus marker in the given sources, as `path:line:col text`. files = [{ path, text }]. */
export function findFocus(files) {
  const out = [];
  for (const { path, text } of files) {
    for (const m of text.matchAll(FOCUS)) {
      const before = text.slice(0, m.index);
      const line = before.split('\n').length;
      const col = m.index - before.lastIndexOf('\n');
      out.push(`${path}:${line}:${col} ${m[0]}`);
    }
  }
  return out;
}

export function fmt(ms) {
  const MIN = 60_000;
  return ms >= MIN ? `${Math.floor(ms / MIN)}m${String(Math.round((ms % MIN) / 1000)).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** The summary: one line per tier (✓ ok, ✗ failed, - skipped), and last `N passed, N failed`. */
export function summaryLines(results) {
  const passed = results.reduce((a, r) => a + r.passed, 0);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  const w = Math.max(0, ...results.map((r) => r.tier.name.length));
  const lines = results.map((r) => {
    const skipped = r.status.startsWith('skipped');
    const counts = skipped || (r.tier.kind === 'step' && !r.failed) ? '' : `${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}`;
    const mark = r.failed ? '✗' : skipped ? '-' : '✓';
    return `  ${mark} ${r.tier.name.padEnd(w)}  ${r.status.padEnd(10)} ${fmt(r.ms).padStart(7)}  ${counts}`.trimEnd();
  });
  lines.push('  logs and screenshots: test-results/ (integration*/, ui/, screenshots/)');
  lines.push(`${passed} passed, ${failed} failed`);
  return { lines, passed, failed };
}
