// The test harness itself (scripts/test-all.mjs and its rules in scripts/test-harness.mjs): a tier that
// runs too few tests, an unknown tier name, a `.only` and a tier that cannot start all fail the run, and
// the last line stays `N passed, N failed`. Also the shared fast-check configuration.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CI_SEED, fastCheckParameters } from '../fastCheckConfig';
import { cleanupTempDirs, tempDir, writeFiles } from '../helpers';

const root = path.resolve(__dirname, '../../../..');
const testAll = path.join(root, 'scripts/test-all.mjs');

interface Tier {
  name: string;
  kind: 'step' | 'check' | 'json';
  cmd?: string[];
  needs?: string;
}
interface Result {
  tier: Tier;
  status: string;
  passed: number;
  failed: number;
  pending: number;
  ms: number;
}
interface Harness {
  TIER_MINIMUMS: Record<string, number>;
  parseOptions(argv: string[], known: string[] | null): { only: string[] | null; skip: string[]; tiersFile: string | null; errors: string[] };
  skippedByOptions(name: string, options: { only: string[] | null; skip: string[] }): string | null;
  minimumFor(tier: Tier, minimums: Record<string, number>, env: Record<string, string | undefined>): number;
  tierResult(tier: Tier, run: { code: number; lastJson: object | null; timedOut: boolean }, minimum: number, timeoutMin: number): Omit<Result, 'tier' | 'ms'>;
  skippedResult(tier: Tier, status: string): Result;
  findFocus(files: Array<{ path: string; text: string }>): string[];
  summaryLines(results: Result[]): { lines: string[]; passed: number; failed: number };
}

// The harness is an ES module; the tests compile to CommonJS, where `import()` would become `require()`.
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<Harness>;
const harness = (): Promise<Harness> => importEsm(pathToFileURL(path.join(root, 'scripts/test-harness.mjs')).href);

const json = (name: string): Tier => ({ name, kind: 'json' });
const ran = (passed: number, failed = 0, code = failed ? 1 : 0) => ({ code, lastJson: { passed, failed }, timedOut: false });
// Built so that this file holds no focus marker itself.
const ONLY = ['it', 'only'].join('.');
const SPACED_ONLY = ['describe ', ' only('].join('.');
const ONLY_TRUE = ['only', 'true'].join(': ');

describe('test harness: rules (scripts/test-harness.mjs)', () => {
  it('an unknown tier name in --only or --skip, or a list left out, is an error', async () => {
    const h = await harness();
    const known = ['build', 'unit', 'integration (restricted)'];
    assert.deepEqual(h.parseOptions(['--only', 'build,unit', '--skip', 'integration (restricted)'], known), {
      only: ['build', 'unit'],
      skip: ['integration (restricted)'],
      tiersFile: null,
      errors: [],
    });
    assert.match(h.parseOptions(['--only', 'build,unti'], known).errors.join('\n'), /--only: unknown tier "unti"/);
    assert.match(h.parseOptions(['--skip', 'lint'], known).errors.join('\n'), /--skip: unknown tier "lint"/);
    assert.match(h.parseOptions(['--only'], known).errors.join('\n'), /--only needs/);
    assert.match(h.parseOptions(['--only', '--skip', 'unit'], known).errors.join('\n'), /--only needs/);
    assert.deepEqual(h.parseOptions([], known), { only: null, skip: [], tiersFile: null, errors: [] });
  });

  it('a tier left out by --only or --skip is skipped, with the reason', async () => {
    const h = await harness();
    assert.equal(h.skippedByOptions('ui', { only: ['unit'], skip: [] }), 'skipped (not in --only)');
    assert.equal(h.skippedByOptions('ui', { only: null, skip: ['ui'] }), 'skipped (--skip)');
    assert.equal(h.skippedByOptions('unit', { only: ['unit'], skip: [] }), null);
  });

  it('a tier that runs zero tests, or fewer than its minimum, fails; at the minimum it passes', async () => {
    const h = await harness();
    const zero = h.tierResult(json('unit'), ran(0), 1, 15);
    assert.equal(zero.failed, 1);
    assert.match(zero.status, /too few tests \(0, at least 1\)/);
    const few = h.tierResult(json('unit'), ran(219), 220, 15);
    assert.deepEqual([few.passed, few.failed], [219, 1]);
    assert.match(few.status, /too few tests \(219, at least 220\)/);
    const enough = h.tierResult(json('unit'), ran(219, 1), 220, 15);
    assert.deepEqual([enough.passed, enough.failed, enough.status], [219, 1, 'failed']);
    assert.deepEqual(h.tierResult(json('unit'), ran(220), 220, 15), { passed: 220, failed: 0, pending: 0, status: 'ok' });
  });

  it('a tier that says why it has nothing to check is skipped; the same words with a failure or a bad exit are not', async () => {
    const h = await harness();
    const skip = (code: number, failed = 0) => ({ code, lastJson: { passed: 0, failed, skip: 'no mutated core line changed since main' }, timedOut: false });
    assert.deepEqual(h.tierResult(json('mutation (changed)'), skip(0), 1, 40), { passed: 0, failed: 0, pending: 0, status: 'skipped (no mutated core line changed since main)' });
    assert.deepEqual(h.tierResult(json('mutation (changed)'), skip(1), 1, 40), { passed: 0, failed: 1, pending: 0, status: 'failed' });
    assert.equal(h.tierResult(json('mutation (changed)'), skip(1, 1), 1, 40).status, 'failed');
    // A skip reason next to tests that ran is ignored: the counts stand.
    assert.deepEqual(h.tierResult(json('unit'), { code: 0, lastJson: { passed: 3, failed: 0, skip: 'x' }, timedOut: false }, 1, 15), { passed: 3, failed: 0, pending: 0, status: 'ok' });
    const { lines } = h.summaryLines([{ tier: json('mutation (changed)'), ms: 0, ...h.tierResult(json('mutation (changed)'), skip(0), 1, 40) }]);
    assert.match(lines[0], /^ {2}- mutation \(changed\) {2}skipped \(no mutated core line changed since main\)/);
  });

  it('a tier that crashes, exits non-zero with no failure counted, or times out has failed', async () => {
    const h = await harness();
    assert.deepEqual(h.tierResult(json('ui'), { code: 1, lastJson: null, timedOut: false }, 1, 15), { passed: 0, failed: 1, pending: 0, status: 'crashed (exit 1, no counts)' });
    assert.deepEqual(h.tierResult(json('ui'), ran(5, 0, 1), 1, 15), { passed: 5, failed: 1, pending: 0, status: 'failed' });
    assert.equal(h.tierResult(json('ui'), { code: 143, lastJson: null, timedOut: true }, 1, 15).status, 'TIMEOUT after 15 min');
    assert.deepEqual(h.tierResult({ name: 'lint', kind: 'check' }, { code: 2, lastJson: null, timedOut: false }, 1, 15), { passed: 0, failed: 1, pending: 0, status: 'failed' });
    assert.deepEqual(h.tierResult({ name: 'build', kind: 'step' }, { code: 0, lastJson: null, timedOut: false }, 0, 15), { passed: 0, failed: 0, pending: 0, status: 'ok' });
  });

  it('minimums: the committed table per tier; 1 for a filtered run or an unlisted tier; none for a step', async () => {
    const h = await harness();
    assert.ok(h.TIER_MINIMUMS.unit >= 200, `unit minimum ${h.TIER_MINIMUMS.unit}`);
    for (const name of ['lint', 'unit', 'integration', 'integration (restricted)', 'integration (multi-root)', 'ui', 'package', 'dashboard.browser']) {
      assert.ok(h.TIER_MINIMUMS[name] >= 1, `a minimum for ${name}`);
    }
    assert.equal(h.minimumFor(json('unit'), { unit: 220 }, {}), 220);
    assert.equal(h.minimumFor(json('integration'), { integration: 22 }, { REFORM_EVIDENCE_TEST_GLOB: '**/tree.test.js' }), 1);
    assert.equal(h.minimumFor(json('integration'), { integration: 22 }, { REFORM_EVIDENCE_TEST_GREP: 'tree' }), 1);
    assert.equal(h.minimumFor(json('new-tier'), {}, {}), 1);
    assert.equal(h.minimumFor({ name: 'build', kind: 'step' }, { build: 5 }, {}), 0);
  });

  it('finds every focus marker with its location, and nothing in ordinary code', async () => {
    const h = await harness();
    const text = ['describe("a", () => {', `  ${ONLY}('b', () => {});`, `  ${SPACED_ONLY}"c", f);`, '});', `const check = { name: "x", ${ONLY_TRUE} };`, 'const onlyOne = readonly; test.skip("d");'].join('\n');
    assert.deepEqual(h.findFocus([{ path: 'test/x.ts', text }]), [`test/x.ts:2:3 ${ONLY}(`, `test/x.ts:3:3 ${SPACED_ONLY}`, `test/x.ts:5:28 ${ONLY_TRUE}`]);
    assert.deepEqual(h.findFocus([{ path: 'a.ts', text: 'only(1); const only = false; options.only = x; { only: false }' }]), []);
  });

  it('the summary marks passed, failed and skipped tiers and ends with the totals', async () => {
    const h = await harness();
    const results: Result[] = [
      { tier: { name: 'build', kind: 'step' }, status: 'ok', passed: 0, failed: 0, pending: 0, ms: 1200 },
      { tier: json('unit'), status: 'ok', passed: 250, failed: 0, pending: 2, ms: 65_000 },
      { tier: json('ui'), status: 'too few tests (3, at least 18)', passed: 3, failed: 1, pending: 0, ms: 5000 },
      h.skippedResult(json('package'), 'skipped (not in --only)'),
    ];
    const { lines, passed, failed } = h.summaryLines(results);
    assert.deepEqual([passed, failed], [253, 1]);
    assert.equal(lines[lines.length - 1], '253 passed, 1 failed');
    assert.match(lines[0], /^ {2}✓ build +ok +1\.2s$/);
    assert.match(lines[1], /^ {2}✓ unit +ok +1m05s {2}250 passed, 0 failed, 2 pending$/);
    assert.match(lines[2], /^ {2}✗ ui +too few tests \(3, at least 18\) +5\.0s {2}3 passed, 1 failed$/);
    assert.match(lines[3], /^ {2}- package +skipped \(not in --only\) +0\.0s$/);
  });
});

describe('test harness: scripts/test-all.mjs against fake tiers', function () {
  this.timeout(60_000);
  afterEach(cleanupTempDirs);

  const print = (counts: object) => ['node', '-e', `console.log(${JSON.stringify(JSON.stringify(counts))})`];

  function run(dir: string, tiers: object[], minimums: Record<string, number>, args: string[] = []) {
    writeFiles(dir, { 'tiers.json': JSON.stringify({ tiers, minimums, focusRoots: [path.join(dir, 'tests')] }) });
    const r = spawnSync(process.execPath, [testAll, '--tiers', path.join(dir, 'tiers.json'), ...args], { encoding: 'utf8', env: { ...process.env, REFORM_EVIDENCE_TEST_GLOB: '', REFORM_EVIDENCE_TEST_GREP: '' } });
    const lines = r.stdout.trimEnd().split('\n');
    return { code: r.status, stdout: r.stdout, last: lines[lines.length - 1] };
  }

  it('counts every tier, fails the one below its minimum and the one that cannot start, lists skipped tiers', () => {
    const dir = tempDir();
    writeFiles(dir, { 'tests/a.test.ts': 'it("a", () => {});' });
    const tiers = [
      { name: 'first', cmd: print({ passed: 4, failed: 0 }), kind: 'json' },
      { name: 'empty', cmd: print({ passed: 0, failed: 0 }), kind: 'json' },
      { name: 'shrunk', cmd: print({ passed: 2, failed: 0 }), kind: 'json' },
      { name: 'missing', cmd: [path.join(dir, 'no-such-command')], kind: 'json' },
      { name: 'lint', cmd: ['node', '-e', 'process.exit(0)'], kind: 'check' },
      { name: 'left-out', cmd: print({ passed: 9, failed: 0 }), kind: 'json' },
    ];
    const r = run(dir, tiers, { shrunk: 5 }, ['--skip', 'left-out']);
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.last, '7 passed, 3 failed', r.stdout);
    assert.match(r.stdout, /✓ first +ok/);
    assert.match(r.stdout, /✗ empty +too few tests \(0, at least 1\)/);
    assert.match(r.stdout, /✗ shrunk +too few tests \(2, at least 5\)/);
    assert.match(r.stdout, /✗ missing +crashed/);
    assert.match(r.stdout, /- left-out +skipped \(--skip\)/);
  });

  it('passes when every tier runs its minimum, and --only keeps working', () => {
    const dir = tempDir();
    writeFiles(dir, { 'tests/a.test.ts': 'it("a", () => {});' });
    const tiers = [
      { name: 'build', cmd: ['node', '-e', 'process.exit(0)'], kind: 'step', abort: true },
      { name: 'unit', cmd: print({ passed: 5, failed: 0, pending: 1 }), kind: 'json' },
      { name: 'ui', cmd: print({ passed: 0, failed: 0 }), kind: 'json' },
    ];
    const r = run(dir, tiers, { unit: 5 }, ['--only', 'build,unit']);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.last, '5 passed, 0 failed');
    assert.match(r.stdout, /- ui +skipped \(not in --only\)/);
  });

  it('an unknown tier name is an error (exit 2) and runs nothing', () => {
    const dir = tempDir();
    const r = run(dir, [{ name: 'unit', cmd: ['node', '-e', 'require("fs").writeFileSync(process.argv[1], "ran")', path.join(dir, 'ran')], kind: 'json' }], {}, ['--only', 'unit,uni']);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stdout, /--only: unknown tier "uni" \(tiers: unit\)/);
    assert.doesNotMatch(r.stdout, /passed, /);
  });

  it(`a focus marker (${ONLY}) in a test source fails the run even when every tier passes`, () => {
    const dir = tempDir();
    writeFiles(dir, { 'tests/ui/checks.mjs': `export const checks = [];\n${ONLY}('x', () => {});\n` });
    const r = run(dir, [{ name: 'unit', cmd: print({ passed: 3, failed: 0 }), kind: 'json' }], {});
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, new RegExp(`tests/ui/checks\\.mjs:2:1 ${ONLY.replace('.', '\\.')}\\(`));
    assert.equal(r.last, '3 passed, 1 failed');
  });
});

describe('test harness: one fast-check configuration', () => {
  it('a fixed seed in CI, a random one locally, FC_SEED to replay', () => {
    assert.deepEqual(fastCheckParameters({ CI: 'true' }), { seed: CI_SEED });
    assert.deepEqual(fastCheckParameters({}), {});
    assert.deepEqual(fastCheckParameters({ CI: 'false' }), {});
    assert.deepEqual(fastCheckParameters({ CI: 'true', FC_SEED: '-42' }), { seed: -42 });
    assert.deepEqual(fastCheckParameters({ FC_SEED: '7' }), { seed: 7 });
  });
});
