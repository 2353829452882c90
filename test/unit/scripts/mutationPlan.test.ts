// The mutation tier's plan (scripts/mutation-plan.mjs): which changed lines of the core are mutated, with which
// tests, and when the tier fails. The Stryker run itself is too slow for the unit tier (docs/mutation.md).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { cleanupTempDirs, git, initRepo, tempDir, writeFiles } from '../helpers';

const root = path.resolve(__dirname, '../../../..');

interface Range {
  start: number;
  end: number;
}
interface Verdict {
  detected: number;
  undetected: number;
  score: number | null;
  survivors: string[];
  passed: boolean;
}
interface Plan {
  changedRanges(diff: string): Map<string, Range[]>;
  selectMutated(files: string[], patterns: string[], match: (p: string) => (f: string) => boolean): string[];
  specFor(file: string): string[];
  mutateArguments(ranges: Map<string, Range[]>): string[];
  verdict(report: object, threshold: number): Verdict;
}
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<Plan>;
const plan = (): Promise<Plan> => importEsm(pathToFileURL(path.join(root, 'scripts/mutation-plan.mjs')).href);

describe('mutation tier: the plan of scripts/mutate-changed.mjs', () => {
  after(cleanupTempDirs);

  it('takes the added and changed lines of the new side from a real `git diff --unified=0`, not deleted ones', async () => {
    const p = await plan();
    const dir = tempDir('mutplan-');
    const lines = (n: number, tag = ''): string => Array.from({ length: n }, (_, i) => `line ${i + 1}${tag}`).join('\n') + '\n';
    writeFiles(dir, { 'src/core/status/a.ts': lines(10), 'src/core/status/gone.ts': lines(3), 'src/core/report/b.ts': lines(4) });
    initRepo(dir);
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    const a = lines(10).split('\n');
    a[1] = 'changed 2';
    a.splice(5, 2); // lines 6 and 7 deleted
    a.splice(7, 0, 'new A', 'new B'); // two lines added after the old line 10's predecessor
    writeFiles(dir, { 'src/core/status/a.ts': a.join('\n'), 'src/core/report/b.ts': lines(4) + 'added 5\n', 'src/core/report/new.ts': 'x\ny\n' });
    git(dir, 'rm', '-q', 'src/core/status/gone.ts');
    git(dir, 'add', '-A'); // a new file is in `git diff HEAD` once added (the script lists untracked ones itself)
    const diff = git(dir, 'diff', '--unified=0', '--no-color', '--no-renames', 'HEAD', '--', 'src/core');
    const ranges = p.changedRanges(diff);
    assert.deepEqual([...ranges.keys()].sort(), ['src/core/report/b.ts', 'src/core/report/new.ts', 'src/core/status/a.ts']);
    assert.deepEqual(ranges.get('src/core/status/a.ts'), [
      { start: 2, end: 2 },
      { start: 8, end: 9 },
    ]);
    assert.deepEqual(ranges.get('src/core/report/b.ts'), [{ start: 5, end: 5 }]);
    assert.deepEqual(ranges.get('src/core/report/new.ts'), [{ start: 1, end: 2 }]);
    assert.deepEqual(p.mutateArguments(ranges).filter((m) => m.startsWith('src/core/status/')), ['src/core/status/a.ts:2-2', 'src/core/status/a.ts:8-9']);
  });

  it("selects only what stryker.config.mjs mutates, its exclusions applied", async () => {
    const p = await plan();
    const patterns = ['src/core/status/**/*.ts', 'src/core/git/trailers.ts', 'src/core/validate/**/*.ts', '!src/core/validate/criteriaValidator.generated.ts'];
    const files = ['src/core/status/computeStatus.ts', 'src/core/git/git.ts', 'src/core/git/trailers.ts', 'src/core/validate/rules.ts', 'src/core/validate/criteriaValidator.generated.ts', 'src/core/history/walker.ts'];
    assert.deepEqual(p.selectMutated(files, patterns, (g) => picomatch(g)), ['src/core/status/computeStatus.ts', 'src/core/git/trailers.ts', 'src/core/validate/rules.ts']);
  });

  it("runs the tests of the changed file's folder, and for validate the rule tests kept elsewhere", async () => {
    const p = await plan();
    assert.deepEqual(p.specFor('src/core/report/weekly.ts'), ['out/test/unit/core/report/**/*.test.js']);
    assert.ok(p.specFor('src/core/validate/rules.ts').includes('out/test/unit/core/measure/rules.test.js'));
    assert.deepEqual(p.specFor('src/extension/tree.ts'), []);
  });

  it('fails below the threshold, lists each undetected mutant, and does not count errors or ignored mutants', async () => {
    const p = await plan();
    const mutant = (status: string, line: number) => ({ status, mutatorName: 'ConditionalExpression', replacement: 'true', location: { start: { line, column: 1 }, end: { line, column: 5 } } });
    const report = (statuses: string[]) => ({ files: { 'src/core/status/a.ts': { mutants: statuses.map((s, i) => mutant(s, i + 1)) } } });
    const four = p.verdict(report(['Killed', 'Killed', 'Timeout', 'Killed', 'Survived', 'CompileError', 'Ignored', 'RuntimeError']), 80);
    assert.deepEqual([four.detected, four.undetected, four.score, four.passed], [4, 1, 80, true]);
    assert.deepEqual(four.survivors, ['src/core/status/a.ts:5 ConditionalExpression → "true" (Survived)']);
    const low = p.verdict(report(['Killed', 'Killed', 'Killed', 'Survived', 'NoCoverage']), 80);
    assert.deepEqual([low.score, low.passed, low.survivors.length], [60, false, 2]);
    const none = p.verdict(report(['Ignored']), 80);
    assert.deepEqual([none.score, none.passed], [null, true]);
  });

  it('on main itself the tier has nothing to mutate and says so as a skip', function () {
    this.timeout(60_000);
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/mutate-changed.mjs'), '--plan', '--since', 'HEAD'], { cwd: root, encoding: 'utf8' });
    const last = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
    // HEAD against itself changes nothing committed; a local uncommitted core change is listed as a plan instead.
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(Object.keys(last).sort(), ['failed', 'passed', 'skip']);
    assert.match(last.skip, /^(no mutated core line changed since HEAD|plan only)$/);
    const bad = spawnSync(process.execPath, [path.join(root, 'scripts/mutate-changed.mjs'), '--since', 'no-such-revision-here'], { cwd: root, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /no-such-revision-here is not a commit of this repository/);
  });
});
