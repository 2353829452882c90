// Fuzz of every CLI command's arguments (issue 15): any string in any argument gives exit 0, 1 or 2, at most one
// line on stderr and never a stack trace, writes no file outside the workspace (but the --output asked for), and
// never puts a fuzzed argument where Git reads an option. That last one is checked on Git's real argv: a `git`
// shim first on PATH (the core spawns "git" by PATH, through simple-git and child_process alike) logs every call.
// Seeded: FUZZ_SEED=<n> replays a run; the seed is printed.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { CI_SEED } from '../fastCheckConfig';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../helpers';

const CLI = path.resolve(__dirname, '../../../../dist/cli.js');
const RUNS_PER_COMMAND = Number(process.env.FUZZ_RUNS ?? 10);
// Same policy as every property test: fixed in CI (a red run replays), random locally, FUZZ_SEED replays.
const SEED = Number(process.env.FUZZ_SEED ?? (process.env.CI ? CI_SEED : Date.now() % 2 ** 31));

/** Options spelled the way Git reads them: a fuzzed argument equal to one of these must never reach Git's options. */
function hostileValues(marker: string): string[] {
  return [
    `--output=${marker}`,
    `-o${marker}`,
    `--exec=touch ${marker}`,
    `--upload-pack=touch ${marker}`,
    `--receive-pack=touch ${marker}`,
    `-c`,
    `core.pager=touch ${marker}`,
    `--git-dir=${path.dirname(marker)}`,
    `--ext-diff`,
    `--textconv`,
    `-p`,
    `--all`,
    `-`,
    `--`,
    `--end-of-options`,
    `HEAD`,
    `HEAD~1`,
    `HEAD:criteria.yaml`,
    `1.1`,
    `.`,
    `..`,
    `../escape.md`,
    `weekly`,
    `self-assessment`,
    `2025-11-20`,
    `md`,
    `x\n--output=${marker}`,
    `x\x1b]0;pwned\x07`,
    `\u202eevil`,
  ];
}

function fuzzString(marker: string): fc.Arbitrary<string> {
  const any = fc.string({ unit: 'binary', maxLength: 16 });
  return fc
    .oneof(
      { arbitrary: any, weight: 2 },
      { arbitrary: any.map((s) => '-' + s), weight: 1 },
      { arbitrary: any.map((s) => '--' + s), weight: 1 },
      { arbitrary: fc.constantFrom(...hostileValues(marker)), weight: 5 },
    )
    .map((s) => s.replace(/\0/g, '')); // A program's argv cannot hold a NUL.
}

type Slot = { option?: string; flag?: string };

/** Each command's shape: how many positionals, which options take a value, which are flags. */
const SHAPES: Record<string, { positionals: number; options: string[]; flags: string[]; fixed?: string[][] }> = {
  check: { positionals: 1, options: ['--lang'], flags: ['--json'] },
  status: { positionals: 1, options: ['--unit', '--as-of', '--lang', '--rev', '--at'], flags: ['--json', '--files', '--no-git'] },
  report: { positionals: 2, options: ['--since', '--as-of', '--format', '--output', '-o', '--lang'], flags: ['--no-git'], fixed: [['weekly'], ['self-assessment'], []] },
  add: { positionals: 3, options: ['--requirement', '--name', '-C', '--lang'], flags: ['--json'] },
  'commit-pending': { positionals: 0, options: ['-C', '--dir', '--lang'], flags: ['--json'] },
  log: { positionals: 1, options: ['--since', '-C', '--lang'], flags: ['--json'], fixed: [['1.1'], ['NV-01'], []] },
  diff: { positionals: 2, options: ['--file', '-C', '--lang'], flags: ['--json'], fixed: [['HEAD'], []] },
  verify: { positionals: 0, options: ['--since', '-C', '--lang'], flags: ['--json', '--require-signed'] },
  sync: { positionals: 0, options: ['-C', '--dir', '--lang'], flags: ['--json'] },
  review: { positionals: 2, options: ['--format', '--as-of', '--lang'], flags: ['--json', '--fail-on-loss'], fixed: [['HEAD~1'], ['HEAD~1..HEAD'], []] },
  history: { positionals: 1, options: ['--from', '--to', '--every', '--format', '--lang'], flags: ['--json'] },
};

interface Case {
  argv: string[];
  fuzzed: string[];
}

function caseOf(command: string, marker: string): fc.Arbitrary<Case> {
  const shape = SHAPES[command];
  const value = fuzzString(marker);
  // Options that take a value weigh double: they are where a fuzzed string can go.
  const slots: Slot[] = [...shape.options.flatMap((option) => [{ option }, { option }]), ...shape.flags.map((flag) => ({ flag }))];
  return fc
    .record({
      fixed: fc.constantFrom(...(shape.fixed ?? [[]])),
      positionals: fc.array(value, { minLength: 0, maxLength: shape.positionals }),
      // After "--", a positional starting with "-" gets past parseArgs and reaches the command.
      dashDash: fc.boolean(),
      options: fc.array(fc.tuple(fc.constantFrom(...slots), value, fc.boolean()), { minLength: shape.positionals === 0 ? 1 : 0, maxLength: 3 }),
    })
    .map(({ fixed, positionals, dashDash, options }) => {
      const argv = [command, ...fixed];
      const fuzzed = [...positionals];
      for (const [slot, text, attached] of options) {
        if (slot.flag) argv.push(slot.flag);
        else if (attached && slot.option!.startsWith('--')) argv.push(`${slot.option}=${text}`);
        else argv.push(slot.option!, text);
        if (slot.option) fuzzed.push(text);
      }
      if (dashDash) argv.push('--');
      argv.push(...positionals);
      return { argv, fuzzed };
    });
}

/** Every file under `dir` as a relative path, skipping `skip` (absolute folders). */
function filesUnder(dir: string, skip: string[]): string[] {
  const out: string[] = [];
  const visit = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (skip.includes(full)) continue;
      if (statSync(full).isDirectory()) visit(full);
      else out.push(path.relative(dir, full));
    }
  };
  visit(dir);
  return out;
}

/** The argv of each Git call the shim logged, then cleared. */
function gitCalls(logDir: string): string[][] {
  const calls = readdirSync(logDir).map((name) => readFileSync(path.join(logDir, name), 'utf8').split('\0').slice(0, -1));
  for (const name of readdirSync(logDir)) rmSync(path.join(logDir, name));
  return calls;
}

/** Git's argv up to its end of options ("--" or "--end-of-options"): where an argument starting with "-" is an option. */
function optionPart(argv: string[]): string[] {
  const end = argv.findIndex((a) => a === '--' || a === '--end-of-options');
  return end < 0 ? argv : argv.slice(0, end);
}

describe('CLI fuzz: any string in any argument of every command (issue 15)', function () {
  this.timeout(600_000);
  let root: string;
  let ward: string;
  let shimDir: string;
  let logDir: string;
  let markers: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    console.log(`    cli-fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${RUNS_PER_COMMAND} runs per command`);
    root = tempDir('re-fuzz-');
    ward = path.join(root, 'ward');
    mkdirSync(ward);
    initRepo(ward);
    writeFiles(ward, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/plan.pdf': 'plan v1', 'source.pdf': 'a source document' });
    git(ward, 'add', '.');
    git(ward, 'commit', '-q', '-m', 'import', '-m', 'Criterion: 1.1');
    writeFiles(ward, { 'evidence/1.1 Kế hoạch/plan.pdf': 'plan v2' });
    git(ward, 'commit', '-q', '-am', 'plan v2', '-m', 'Criterion: 1.1');
    shimDir = path.join(root, 'bin');
    logDir = path.join(root, 'calls');
    markers = path.join(root, 'markers');
    for (const dir of [shimDir, logDir, markers]) mkdirSync(dir);
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(path.join(shimDir, 'git'), `#!/bin/bash\nf=$(mktemp "$RE_FUZZ_GIT_LOG/call.XXXXXXXX")\nprintf '%s\\0' "$@" > "$f"\nexec "${realGit}" "$@"\n`);
    chmodSync(path.join(shimDir, 'git'), 0o755);
    env = {
      ...process.env,
      PATH: `${shimDir}${path.delimiter}${process.env.PATH ?? ''}`,
      RE_FUZZ_GIT_LOG: logDir,
      LANG: 'C',
      LC_ALL: '',
      REFORM_EVIDENCE_LANG: '',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Fuzz',
      GIT_AUTHOR_EMAIL: 'fuzz@example.com',
      GIT_COMMITTER_NAME: 'Fuzz',
      GIT_COMMITTER_EMAIL: 'fuzz@example.com',
    };
  });

  after(() => cleanupTempDirs());

  /**
   * Every argument our own Git calls use (from plain runs of every command of SHAPES): a fuzzed "-c" equal to ours
   * proves nothing, and a fuzzed "-" starts every option, so a command missing here fails on its own arguments.
   */
  let ownArguments: Set<string>;
  before(() => {
    ownArguments = new Set();
    for (const argv of [['status', '--files'], ['report', 'weekly'], ['report', 'self-assessment'], ['log', '1.1'], ['diff', 'HEAD~1'], ['diff', 'HEAD~1', '--file', '1.1 Kế hoạch/plan.pdf'], ['verify', '--since', 'HEAD~1', '--require-signed'], ['commit-pending'], ['check'], ['review', 'HEAD~1'], ['review', 'HEAD~1..HEAD', '--format', 'md'], ['sync'], ['history'], ['status', '--rev', 'HEAD~1'], ['status', '--at', '2030-01-01']]) {
      spawnSync(process.execPath, [CLI, ...argv], { cwd: ward, env, timeout: 30_000 });
      for (const call of gitCalls(logDir)) for (const arg of call) ownArguments.add(arg);
    }
    ownValued = new Set([...ownArguments].filter((a) => /^--[^=]+=/.test(a)).map((a) => a.slice(0, a.indexOf('='))));
  });

  /** Ours: an argument of the plain runs, or one of our `--name=value` options with another value (`--since=DATE`). */
  let ownValued: Set<string>;
  const isOwn = (arg: string) => ownArguments.has(arg) || (/^--[^=]+=/.test(arg) && ownValued.has(arg.slice(0, arg.indexOf('='))));

  it('the shim sees the CLI\'s Git calls (the control: the last check below could not fail without it)', () => {
    const run = spawnSync(process.execPath, [CLI, 'verify', '--since', 'HEAD~1'], { cwd: ward, env, encoding: 'utf8', timeout: 20_000 });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.match(run.stdout, /in 1 of 1 evidence commit/, 'one commit after HEAD~1 examined');
    const calls = gitCalls(logDir);
    assert.ok(
      calls.some((argv) => argv.includes('rev-parse') && argv.includes('--end-of-options') && argv.includes('HEAD~1^{commit}')),
      `the revision is resolved behind --end-of-options: ${JSON.stringify(calls)}`,
    );
    assert.ok(calls.some((argv) => argv.includes('log') && argv.some((a) => /^[0-9a-f]{40}\.\.HEAD$/.test(a))), 'and only its hash reaches git log');
  });

  for (const command of [...Object.keys(SHAPES), '<unknown>']) {
    it(`${command}: exit 0, 1 or 2, one line on stderr at most, nothing written outside the workspace, no fuzzed Git option`, () => {
      const arbitrary: fc.Arbitrary<Case> =
        command === '<unknown>' ? fuzzString(path.join(markers, 'm')).map((name) => ({ argv: [name], fuzzed: [name] })) : caseOf(command, path.join(markers, 'm'));
      fc.assert(
        fc.property(arbitrary, ({ argv, fuzzed }) => {
          const run = spawnSync(process.execPath, [CLI, ...argv], { cwd: ward, env, encoding: 'utf8', timeout: 30_000 });
          const shown = JSON.stringify(argv);
          assert.equal(run.error, undefined, `${shown}: ${String(run.error)}`);
          assert.ok(run.status === 0 || run.status === 1 || run.status === 2, `${shown}: exit ${run.status}\n${run.stderr}`);
          assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, `${shown}: no stack trace`);
          assert.ok(run.stderr.split('\n').filter(Boolean).length <= 1, `${shown}: at most one line on stderr:\n${run.stderr}`);
          // The report's --output is the one file the user may ask to be written anywhere.
          const outputAt = argv.findIndex((a) => a === '--output' || a === '-o');
          const output = outputAt >= 0 ? path.resolve(ward, argv[outputAt + 1]) : argv.find((a) => a.startsWith('--output='))?.slice('--output='.length);
          const asked = output === undefined ? [] : [path.resolve(ward, output)];
          const outside = filesUnder(root, [ward, shimDir, logDir]).filter((file) => !asked.includes(path.join(root, file)));
          for (const file of outside) rmSync(path.join(root, file));
          assert.deepEqual(outside, [], `${shown}: no file written outside the workspace`);
          // A report the fuzz asked for outside the workspace (but in the test's folder) is removed; never a folder.
          for (const file of asked) if (file.startsWith(root + path.sep) && !file.startsWith(ward + path.sep) && existsSync(file) && statSync(file).isFile()) rmSync(file);
          const dashed = new Set(fuzzed.filter((f) => f.startsWith('-') && !ownArguments.has(f)));
          for (const call of gitCalls(logDir)) {
            // Whole or as the start of an argument (`<rev>..HEAD` built from a fuzzed revision is an option too).
            const injected = optionPart(call).filter((a) => a.startsWith('-') && !isOwn(a) && [...dashed].some((f) => a.startsWith(f)));
            assert.deepEqual(injected, [], `${shown}: Git ran with a fuzzed option: ${JSON.stringify(call)}`);
          }
        }),
        { seed: SEED, numRuns: RUNS_PER_COMMAND, endOnFailure: true },
      );
    });
  }
});
