// `npm run bench`: generates (or reuses) a synthetic province workspace and measures every figure against
// a baseline taken in the same run. Options: --files N --criteria N --seed N --reps N --quick --profile --out FILE
// --measures N (measured leaves with data files, default 200) --only tasks|measures|shape2|province|review|portfolio|parse|sync|revision|history (one figure alone, printed, results not written)
// --shape2-files N (files of the second shape, default 65000; 0 leaves it out)
// --ui (the editor's startup in the real workbench against the CLI's cold status, printed and written to bench/work/results-ui.json;
//   with --ui-git-off, VS Code's Git extension off: bench/work/results-ui-git-off.json; a reference extension's first row
//   in the same workbench is VS Code's floor, and the figures over it are printed beside the issue's;
//   BENCH_UI_LOG_LEVEL=trace sets code-server's log level, for the extension host's own log)
// --wards N (portfolio: wards of 2,000 files each, default 100)
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { buildCriteria, criteriaYaml, generate, rng } from './generate.mjs';
import { topSelfTime } from './cpuprofile-top.mjs';
import { syncFigure } from './sync.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = path.join(root, 'bench', 'work');
// The CLI's code cache (src/cli/codeCache.ts) in the bench's own folder, started empty: the first (warm-up) run of each
// figure writes it, as a user's first run does; the runs measured then read it. One figure runs without it.
process.env.REFORM_EVIDENCE_CACHE_DIR = path.join(work, 'code-cache');
rmSync(process.env.REFORM_EVIDENCE_CACHE_DIR, { recursive: true, force: true });
const require = createRequire(import.meta.url);

const { values: opts } = parseArgs({
  options: {
    files: { type: 'string' },
    criteria: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    reps: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
    measures: { type: 'string', default: '200' },
    // Run one figure alone: `node bench/run.mjs --only tasks` (or measures, shape2, review, portfolio, parse, sync).
    only: { type: 'string' },
    'shape2-files': { type: 'string' },
    ui: { type: 'boolean', default: false },
    // With --ui: VS Code's Git extension off (git.enabled: false), to tell our costs from its `git status` of the same files.
    'ui-git-off': { type: 'boolean', default: false },
    wards: { type: 'string', default: '100' },
  },
});
const measures = Number(opts.measures);
const files = Number(opts.files ?? (opts.quick ? 10000 : 100000));
const criteria = Number(opts.criteria);
const seed = Number(opts.seed);
const reps = Number(opts.reps ?? (opts.quick ? 3 : 5));
// Issue 14's ratios to the floor sit near their target, and a median of five moved by ±8% from one full run to the
// next on this machine: the cold status against the floor takes more runs (--reps, when given, sets them too).
const coldReps = Number(opts.reps ?? (opts.quick ? 3 : 9));
const full = files === 100000 && criteria === 1000;
const outFile = opts.out ? path.resolve(opts.out) : full ? path.join(root, 'bench', 'results.json') : path.join(work, `results-${seed}-${files}.json`);
const AS_OF = '2025-11-20';
// Issue 14's second shape: fewer files, a criteria file as large, where fixed costs weigh more.
const shape2Files = Number(opts['shape2-files'] ?? (opts.quick ? 0 : 65000));

const log = (s) => process.stderr.write(`bench: ${s}\n`);
/** Each run's ratio to the baseline run next to it (interleaved), least and most: how far the machine drifted. */
const pairSpread = (values, baselines) => {
  const ratios = values.map((v, i) => v / baselines[i]).sort((a, b) => a - b);
  return ratios.length ? `${round(ratios[0], 2)}–${round(ratios.at(-1), 2)}` : undefined;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * CPU time (user + system, ms) of this process's children that have ended and been waited for, their own children
 * included (a status's Git): /proc/self/stat's cutime and cstime, in clock ticks (100 per second). Undefined off Linux.
 */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ": state is field 3, cutime field 16, cstime field 17 (proc(5)).
    return ((Number(fields[16 - 3]) + Number(fields[17 - 3])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion, stdout to `out` (/dev/null); resolves with wall time in ms (and its CPU time: childrenCpuMs). */
function timed(cmd, args, options = {}, out = '/dev/null') {
  return new Promise((resolve, reject) => {
    const sink = openSync(out, 'w');
    const cpuBefore = childrenCpuMs();
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', sink, 'pipe'], ...options });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      closeSync(sink);
      const cpuAfter = childrenCpuMs();
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, stderr, cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore });
    });
  });
}

/**
 * Runs `a` then `b`, or `b` first in each other round `i`: what a run leaves behind (the kernel's caches, memory being
 * freed) weighs on both sides alike. Resolves with [a's result, b's result].
 */
async function alternated(i, a, b) {
  if (i % 2 === 0) {
    const first = await a();
    return [first, await b()];
  }
  const second = await b();
  return [await a(), second];
}

/**
 * Each run's CPU, the status's and the floor's: the whole run with its Git (timed's cpuMs), its main thread and its
 * other threads (the preloaded bench/main-thread-cpu.cjs, a few lines run at exit).
 */
function cpuRecorder() {
  const runs = { status: { total: [], main: [], other: [] }, floor: { total: [], main: [], other: [] } };
  return {
    preload: ['-r', path.join(root, 'bench', 'main-thread-cpu.cjs')],
    note(side, run) {
      const main = /bench: main-thread-cpu-ms (\d+)/.exec(run.stderr)?.[1];
      const other = /bench: other-threads-cpu-ms (\d+)/.exec(run.stderr)?.[1];
      if (run.cpuMs !== undefined) runs[side].total.push(run.cpuMs);
      if (main !== undefined) runs[side].main.push(Number(main));
      if (other !== undefined) runs[side].other.push(Number(other));
    },
    /** Forgets the warm-up runs. */
    reset() {
      for (const lists of Object.values(runs)) for (const list of Object.values(lists)) list.length = 0;
    },
    /** Each side's medians, a figure left undefined unless every one of the `n` runs gave it. */
    medians(n) {
      const of = (lists) => Object.fromEntries(Object.entries(lists).map(([k, list]) => [k, list.length === n ? median(list) : undefined]));
      return { status: of(runs.status), floor: of(runs.floor) };
    },
  };
}

/** The CPU figures of a cold status against its floor (cpuRecorder's medians); `where` names the workspace. */
function cpuFigures(cpu, floorMs, where) {
  const { status, floor } = cpu;
  const note = `median of ${coldReps}, the runs above`;
  if (status.total !== undefined && floor.total !== undefined) {
    // Wall time cannot go below CPU time over the cores: on two cores, whatever overlaps, a status costing this much
    // CPU takes at least half of it. Set beside the floor's wall time, it bounds the ratio any overlap can reach.
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    figure(`CPU of the cold status${where} (user + system, its Git included)`, status.total, 'ms', { value: floor.total, what: 'CPU of the floor' }, '— (reference)', () => undefined, `${note} (/proc/self/stat cutime + cstime)`);
    figure(`least wall time that CPU allows on ${cores} cores (CPU / ${cores})${where}`, status.total / cores, 'ms', { value: floorMs, what: 'floor (bench/floor.cjs)' }, '— (reference)', () => undefined, `the cold status's CPU spread perfectly over the cores: its ratio to the floor is the least the first figure can reach without cutting CPU`);
  }
  if (status.main !== undefined && floor.main !== undefined) {
    // JavaScript runs on one thread: whatever Git and V8's helper threads do beside it, the wall time is at least this.
    figure(`main-thread CPU of the cold status${where} (serial: the least wall time without cutting it)`, status.main, 'ms', { value: floorMs, what: 'floor (bench/floor.cjs)' }, '— (reference)', () => undefined, `${note} (bench/main-thread-cpu.cjs); the floor's own main thread: ${round(floor.main)} ms`);
  }
  if (status.other !== undefined && floor.other !== undefined) {
    figure(`other threads' CPU of the cold status${where} (V8's compile jobs and collector, libuv's pool)`, status.other, 'ms', { value: floor.other, what: "the floor's other threads" }, '— (reference)', () => undefined, `${note} (bench/main-thread-cpu.cjs): what runs beside the main thread and Git, on the same two cores`);
  }
}

/** The floor and the two references above it on `dir`, each timing one run (the floor's CPU noted in `cpu`). */
function floorRuns(dir, cpu) {
  const script = (name) => path.join(root, 'bench', name);
  return {
    // Node reading the same Git listing into a Map and nothing else: how close to Git any Node program gets here.
    floor: async () => {
      const run = await timed('node', [...cpu.preload, script('floor.cjs'), dir]);
      cpu.note('floor', run);
      return run.ms;
    },
    // The floor plus what no status avoids (the criteria file read, every file written as JSON).
    plus: async () => (await timed('node', [script('floor-plus.cjs'), dir])).ms,
    // The least status: floor-plus, the files matched against the globs, the data files read.
    least: async () => (await timed('node', [script('floor-status.cjs'), dir])).ms,
  };
}

function output(cmd, args, options = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
}

// ── builds: the production bundles (the project's own build script), and the core for in-process timing
async function build() {
  log('building production bundles (scripts/build.mjs --production)…');
  const dist = path.join(work, 'dist');
  // Emptied first: a chunk an earlier build made (extension-ajv.js) must not count in the size.
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  output('node', ['scripts/build.mjs', '--production'], { cwd: root });
  // extension.js loads its lazy chunks (extension-<library>.js) from its own folder.
  for (const f of readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.js'))) copyFileSync(path.join(root, 'dist', f), path.join(dist, f));
  // Put back the development build (with source maps) that the other tiers expect in dist/.
  output('node', ['scripts/build.mjs'], { cwd: root });
  return { cli: path.join(dist, 'cli.js'), extension: path.join(dist, 'extension.js'), core: await buildCore() };
}

/** The core alone, for in-process timing. */
async function buildCore() {
  const core = path.join(work, 'core.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { loadWorkspace } from './src/core/workspace/loadWorkspace';",
        "export { applyEvidenceChanges } from './src/core/workspace/incremental';",
        "export { parseCriteria } from './src/core/parse/parseCriteria';",
        "export { composeFast } from './src/core/parse/fastCompose';",
        "export { flattenCriteria } from './src/core/status/computeStatus';",
        "export { gitProcessCount } from './src/core/git/git';",
        "export { compileRequirements, matchAll } from './src/core/evidence/match';",
        "export { computeStatus } from './src/core/status/computeStatus';",
        "export { dashboardData } from './src/core/report/dashboardData';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: core,
    logLevel: 'warning',
  });
  return core;
}

// ── figures
const figures = [];
function figure(name, value, unit, baseline, target, pass, note, spread) {
  const ratio = baseline && baseline.value ? value / baseline.value : undefined;
  figures.push({ figure: name, value: round(value, 2), unit, baseline: baseline ? { ...baseline, value: round(baseline.value, 2) } : undefined, ratio: ratio === undefined ? undefined : round(ratio, 3), spread, target, pass: pass(value, ratio), note });
}

async function coldStatus(dir, bundles) {
  const gitEnv = { ...process.env, LC_ALL: 'C', LANG: 'C', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0' };
  const gitArgs = (...a) => ['-c', 'core.quotepath=false', '-c', 'color.ui=false', ...a];
  // The two calls our listing makes, with its arguments, run one after the other.
  const baseline = async () => {
    const a = await timed('git', gitArgs('ls-files', '-z', '--cached', '--others', '--exclude-standard', '-t', '--', 'evidence'), { cwd: dir, env: gitEnv });
    const b = await timed('git', gitArgs('status', '--porcelain=v2', '-z', '--untracked-files=no', '--no-renames', '--ignore-submodules=all', '--', 'evidence'), { cwd: dir, env: gitEnv });
    return a.ms + b.ms;
  };
  const cpu = cpuRecorder();
  const ours = async () => {
    const run = await timed('node', [...cpu.preload, bundles.cli, 'status', dir, '--json', '--as-of', AS_OF]);
    cpu.note('status', run);
    return run.ms;
  };
  const { floor, plus, least } = floorRuns(dir, cpu);
  log(`cold status: ${coldReps} repetitions each, interleaved, after one warm-up…`);
  await baseline();
  await ours();
  await floor();
  await plus();
  await least();
  const base = [];
  const mine = [];
  const floors = [];
  const pluses = [];
  const leasts = [];
  cpu.reset();
  for (let i = 0; i < coldReps; i++) {
    base.push(await baseline());
    const [statusMs, floorMs] = await alternated(i, ours, floor);
    mine.push(statusMs);
    floors.push(floorMs);
    pluses.push(await plus());
    leasts.push(await least());
  }
  // Peak memory: the same command with a hook that reports the process's max RSS at exit.
  const hook = path.join(root, 'bench', 'maxrss.cjs');
  const rss = [];
  // The first of these runs keeps its output, to report the JSON's size.
  const kept = path.join(work, 'status.json');
  for (let i = 0; i < Math.min(reps, 3); i++) {
    const { stderr } = await timed('node', ['--require', hook, bundles.cli, 'status', dir, '--json', '--as-of', AS_OF], {}, i === 0 ? kept : undefined);
    rss.push(Number(/maxRSS=(\d+)/.exec(stderr)[1]) / 1024);
  }
  const bytes = statSync(kept).size;
  rmSync(kept);
  return { ms: median(mine), all: mine, baseMs: median(base), baseAll: base, floorMs: median(floors), floorAll: floors, plusMs: median(pluses), plusAll: pluses, leastMs: median(leasts), leastAll: leasts, jsonBytes: bytes, rssMb: Math.max(...rss), rssAll: rss, cpu: cpu.medians(coldReps) };
}

/**
 * The CLI's cold status against the floor (bench/floor.cjs) on one workspace, interleaved run by run, with the Git
 * baseline alongside: issue 14's "cold status ≤ 1.5 × the floor" for a shape other than the province's.
 */
async function coldVsFloor(dir, bundles, fixedDir) {
  const cpu = cpuRecorder();
  const status = async (d) => {
    const run = await timed('node', [...cpu.preload, bundles.cli, 'status', d, '--json', '--as-of', AS_OF]);
    if (d === dir) cpu.note('status', run);
    return run.ms;
  };
  const { floor, plus, least } = floorRuns(dir, cpu);
  // The same status with V8's default inlining (dist/cli.js turns TurboFan's inlining off unless the flag is given).
  const inlined = async () => (await timed('node', ['--turbo-inlining', bundles.cli, 'status', dir, '--json', '--as-of', AS_OF])).ms;
  // The same status compiling its bundle without the code cache, as a first run after an install does.
  const uncached = async () => (await timed('node', [bundles.cli, 'status', dir, '--json', '--as-of', AS_OF], { env: { ...process.env, REFORM_EVIDENCE_CODE_CACHE: '0' } })).ms;
  log(`cold status, floor, floor plus output, least status, fixed costs, V8's default inlining and no code cache on ${path.basename(dir)}: ${coldReps} repetitions each, interleaved, after one warm-up…`);
  await status(dir);
  await floor();
  await plus();
  await least();
  await status(fixedDir);
  await inlined();
  await uncached();
  const mine = [];
  const floors = [];
  const pluses = [];
  const leasts = [];
  const fixed = [];
  const inlinedRuns = [];
  const uncachedRuns = [];
  cpu.reset();
  for (let i = 0; i < coldReps; i++) {
    const [statusMs, floorMs] = await alternated(i, () => status(dir), floor);
    mine.push(statusMs);
    floors.push(floorMs);
    pluses.push(await plus());
    leasts.push(await least());
    fixed.push(await status(fixedDir));
    inlinedRuns.push(await inlined());
    uncachedRuns.push(await uncached());
  }
  return { ms: median(mine), all: mine, floorMs: median(floors), floorAll: floors, plusMs: median(pluses), plusAll: pluses, leastMs: median(leasts), leastAll: leasts, fixedMs: median(fixed), fixedAll: fixed, inlinedMs: median(inlinedRuns), inlinedAll: inlinedRuns, uncachedMs: median(uncachedRuns), uncachedAll: uncachedRuns, cpu: cpu.medians(coldReps) };
}

/**
 * The same criteria file in a repository with no evidence at all: what a status costs before its first file
 * (Node starting, reading and checking the criteria file, the model, the output). No listing hides it on a
 * repository whose Git listing is shorter than the parse.
 */
function fixedCostWorkspace(dir) {
  const fixed = `${dir}-no-evidence`;
  if (!existsSync(path.join(fixed, '.git'))) {
    mkdirSync(path.join(fixed, 'evidence'), { recursive: true });
    copyFileSync(path.join(dir, 'criteria.yaml'), path.join(fixed, 'criteria.yaml'));
    output('git', ['init', '-q'], { cwd: fixed });
  }
  return fixed;
}

async function shape2(bundles) {
  const ws = await generate({ seed, files: shape2Files, criteria, ignored: Math.round(shape2Files / 10), workDir: work, log });
  const cold = await coldVsFloor(ws.dir, bundles, fixedCostWorkspace(ws.dir));
  figure(`cold status, ${ws.files} files and ${ws.criteriaLines} criteria lines`, cold.ms, 'ms', { value: cold.floorMs, what: 'floor (bench/floor.cjs)' }, '≤ 1.5× floor', (_v, r) => r <= 1.5, `median of ${coldReps}, interleaved; in brackets each run's ratio to its floor, least–most; issue 14's second shape (fixed costs weigh more)`, pairSpread(cold.all, cold.floorAll));
  againstLeast(cold, `, ${ws.files} files`);
  leastReference(cold);
  figure('fixed costs: the same criteria file, no evidence', cold.fixedMs, 'ms', { value: cold.floorMs, what: 'floor (bench/floor.cjs)' }, '— (reference)', () => undefined, `median of ${coldReps}, interleaved with the two above: Node starting, the criteria file read and checked, the model and its output`);
  figure('floor plus output: criteria file loaded, every file written as JSON', cold.plusMs, 'ms', { value: cold.floorMs, what: 'floor (bench/floor.cjs)' }, '— (reference)', () => undefined, `median of ${coldReps}, interleaved with the above; bench/floor-plus.cjs: js-yaml load while Git lists, JSON of every entry; no check, matching or model — what no status avoids`);
  figure("the same cold status with V8's default inlining (node --turbo-inlining)", cold.inlinedMs, 'ms', { value: cold.ms, what: 'cold status (inlining off)' }, '— (reference)', () => undefined, `median of ${coldReps}, interleaved with the above: why dist/cli.js turns TurboFan's inlining off (its compile time, on the core Git needs, outweighs the faster code in a one-second run)`);
  figure('the same cold status without the code cache (a first run)', cold.uncachedMs, 'ms', { value: cold.ms, what: 'cold status (code cache read)' }, '— (reference)', () => undefined, `median of ${coldReps}, interleaved with the above, REFORM_EVIDENCE_CODE_CACHE=0: what the CLI's code cache of its bundle (written by its first run, src/cli/codeCache.ts) saves`, pairSpread(cold.uncachedAll, cold.all));
  cpuFigures(cold.cpu, cold.floorMs, '');
  return { workspace: { files: ws.files, criteriaLines: ws.criteriaLines, tracked: ws.tracked, untracked: ws.untracked }, ...cold };
}

async function oneFileUpdate(dir, bundles, coldMs) {
  const core = require(bundles.core);
  const file = path.join(dir, 'criteria.yaml');
  const t0 = performance.now();
  const loaded = await core.loadWorkspace(file, { asOf: AS_OF });
  const loadMs = performance.now() - t0;
  // A deep requirement of the first leaf that has one: new files there must match.
  const leaf = core.flattenCriteria(loaded.model).find((n) => n.leaf && n.requirements.some((r) => r.path.includes('/**/')));
  const requirement = leaf.requirements.find((r) => r.path.includes('/**/'));
  const folder = requirement.path.slice(0, requirement.path.indexOf('/**/'));
  const pattern = requirement.path.slice(requirement.path.indexOf('/**/') + 4); // e.g. "Quyết định*.pdf"
  const made = [];
  const times = [];
  const gitBefore = core.gitProcessCount();
  const n = Math.max(7, reps * 3);
  let allMatched = true;
  for (let i = 0; i < n; i++) {
    const relative = `${folder}/Năm 2025/Quý 4/Tháng 11/${pattern.replace('*', ` bổ sung ${i}`)}`;
    const full = path.join(dir, 'evidence', relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, '%PDF-1.4\n');
    made.push(full);
    const started = performance.now();
    const keys = await core.applyEvidenceChanges(loaded, [{ file: full, kind: 'created' }], AS_OF);
    times.push(performance.now() - started);
    allMatched &&= keys.length > 0;
  }
  const gitPerUpdate = (core.gitProcessCount() - gitBefore) / n;
  // Correctness: an ignored scan must change nothing; the new files must show as untracked.
  const ignored = path.join(dir, 'evidence', 'scan-tmp', 'Lô 000', `${pattern.replace('*', ' tạm')}`);
  writeFileSync(ignored, 'x');
  const ignoredKeys = await core.applyEvidenceChanges(loaded, [{ file: ignored, kind: 'created' }], AS_OF);
  const after = core.flattenCriteria(loaded.model).find((x) => x.id === leaf.id);
  const untracked = after.requirements.flatMap((r) => r.files).filter((f) => made.some((m) => m.endsWith(f.path))).every((f) => f.git === 'untracked');
  for (const m of [...made, ignored]) rmSync(m);
  await core.applyEvidenceChanges(loaded, made.map((m) => ({ file: m, kind: 'deleted' })), AS_OF);
  const ms = median(times);
  return { ms, all: times, loadMs, coldMs, gitPerUpdate, correct: allMatched && ignoredKeys.length === 0 && untracked, reps: n };
}

/**
 * Tasks linked to whole areas: the status model (computeStatus in process, the parse left out: 10,000 tasks are
 * 60,000 more lines of YAML) of 10,000 leaves with 10,000 tasks,
 * each linked to an area and a leaf, a third of them overdue, against the same leaves with no task.
 */
function tasksLinked(corePath) {
  const core = require(corePath);
  const leaves = 10000;
  const tree = buildCriteria({ seed, criteria: leaves });
  // One requirement and a short title per leaf: the file stays under the 5 MB a criteria file may have.
  for (const leaf of tree.leaves) {
    leaf.title = `Tiêu chí ${leaf.id}`;
    leaf.evidence = leaf.evidence.slice(0, 1).map((e) => ({ ...e, title: e.kind }));
  }
  const r = rng(seed * 31 + 7);
  const withTasks = {
    ...tree,
    tasks: Array.from({ length: leaves }, (_, i) => ({
      id: `NV-${String(i + 1).padStart(5, '0')}`,
      title: `Nhiệm vụ ${i + 1}`,
      owner: 'VP',
      support: [],
      due: r.chance(0.33) ? '2025-03-31' : '2025-12-15',
      source: '1/KH-UBND',
      criteria: [tree.areas[i % tree.areas.length].id, r.pick(tree.leaves).id],
      evidence: [],
    })),
  };
  const docs = [{ ...tree, tasks: [] }, withTasks].map((t) => core.parseCriteria(criteriaYaml(t, { seed }), path.join(work, 'tasks', 'criteria.yaml')));
  // Areas of 10,000 leaves score over the 1,000 a maxScore may have (RE123): not what is measured here.
  const errors = docs[1].problems.filter((p) => p.severity === 'error' && p.code !== 'RE123' && p.code !== 'RE121');
  if (docs[1].tasks.length !== leaves || errors.length > 0) throw new Error(`tasks figure: ${docs[1].tasks.length} tasks parsed; ${errors[0]?.message ?? ''}`);
  const once = (doc) => {
    const started = performance.now();
    core.computeStatus(doc, core.matchAll(core.compileRequirements(doc), []), { asOf: AS_OF, git: false });
    return performance.now() - started;
  };
  const k = Math.max(7, reps * 2 + 1);
  docs.forEach(once); // warm-up
  const none = [];
  const many = [];
  for (let i = 0; i < k; i++) {
    none.push(once(docs[0]));
    many.push(once(docs[1]));
  }
  // The dashboard's data of the same models (deadlines list, for each leaf, the overdue tasks of its area).
  const model = (doc) => core.computeStatus(doc, core.matchAll(core.compileRequirements(doc), []), { asOf: AS_OF, git: false });
  const models = docs.map(model);
  const dash = (m) => {
    const started = performance.now();
    core.dashboardData(m);
    return performance.now() - started;
  };
  models.forEach(dash);
  const dashNone = [];
  const dashMany = [];
  for (let i = 0; i < Math.min(k, 5); i++) {
    dashNone.push(dash(models[0]));
    dashMany.push(dash(models[1]));
  }
  return { dashMs: median(dashMany), dashBaseMs: median(dashNone), ms: median(many), baseMs: median(none), reps: k, tasks: docs[1].tasks.length, leaves: [...docs[1].byId.values()].filter((n) => n.children.length === 0).length };
}

function tasksFigure(t) {
  figure(`status of ${t.leaves} leaves with ${t.tasks} tasks linked to areas`, t.ms, 'ms', { value: t.baseMs, what: 'same leaves, no task' }, '≤ 1.5× no task', (_v, ratio) => ratio <= 1.5, `median of ${t.reps}; computeStatus in process (parse excluded)`);
  figure(`dashboard data of the same`, t.dashMs, 'ms', { value: t.dashBaseMs, what: 'same leaves, no task' }, '— (reference)', () => undefined, 'dashboardData in process: each pending leaf lists the overdue tasks of its area, so the output itself grows with leaves × tasks');
}

function validation(bundles) {
  const core = require(bundles.core);
  const YAML = require('yaml');
  // Pick the number of criteria whose file is closest to 5,000 lines.
  const linesOf = (n) => criteriaYaml(buildCriteria({ seed, criteria: n }), { seed }).split('\n').length - 1;
  let n = Math.round((1000 * 5000) / linesOf(1000));
  while (linesOf(n) < 5000) n++;
  const text = criteriaYaml(buildCriteria({ seed, criteria: n }), { seed });
  const lines = text.split('\n').length - 1;
  const file = path.join(work, 'validation', 'criteria.yaml');
  const errors = core.parseCriteria(text, file).problems.filter((p) => p.severity === 'error').length; // also compiles the schema once
  const time = (fn) => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };
  const k = Math.max(9, reps * 2 + 1);
  const ours = [];
  const bare = [];
  for (let i = 0; i < 2; i++) {
    YAML.parse(text); // warm-up
    core.parseCriteria(text, file);
  }
  for (let i = 0; i < k; i++) {
    bare.push(time(() => YAML.parse(text)));
    ours.push(time(() => core.parseCriteria(text, file)));
  }
  return { ms: median(ours), baseMs: median(bare), lines, criteria: n, errors, reps: k };
}

/**
 * Reading a criteria file of about 12,000 lines (the size of a large province's, issue 14) with each reader:
 * `yaml` (parseCriteria's reference reading) and the fast reader (js-yaml events with `yaml`'s node ranges,
 * which the CLI and the editor use), in process, alternated run by run.
 */
function parseFigure(corePath) {
  const core = require(corePath);
  const linesOf = (n) => criteriaYaml(buildCriteria({ seed, criteria: n }), { seed }).split('\n').length - 1;
  let n = Math.round((1000 * 12000) / linesOf(1000));
  while (linesOf(n) < 12000) n++;
  const text = criteriaYaml(buildCriteria({ seed, criteria: n }), { seed });
  const lines = text.split('\n').length - 1;
  const file = path.join(work, 'parse', 'criteria.yaml');
  const slowDoc = core.parseCriteria(text, file);
  const fastDoc = core.parseCriteria(text, file, { fast: true });
  // The fast reader keeps a document only when it finds no problem; else the figure would time `yaml` twice.
  const taken = core.composeFast(text, 64) !== undefined && fastDoc.problems.length === 0;
  if (!taken) throw new Error(`parse figure: the fast reader did not take the generated file (${slowDoc.problems.length} problems; first: ${slowDoc.problems[0]?.message ?? '—'})`);
  const time = (fn) => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  };
  const k = Math.max(11, reps * 2 + 1);
  const slow = [];
  const fast = [];
  for (let i = 0; i < 2; i++) {
    core.parseCriteria(text, file);
    core.parseCriteria(text, file, { fast: true });
  }
  for (let i = 0; i < k; i++) {
    slow.push(time(() => core.parseCriteria(text, file)));
    fast.push(time(() => core.parseCriteria(text, file, { fast: true })));
  }
  return { ms: median(fast), baseMs: median(slow), lines, criteria: n, reps: k };
}

async function activation(bundles) {
  const empty = path.join(work, 'empty.js');
  writeFileSync(empty, '');
  const once = (module) => JSON.parse(output('node', [path.join(root, 'bench', 'activate.cjs'), module]));
  once(bundles.extension);
  const k = Math.max(7, reps * 2 + 1);
  const ext = [];
  const base = [];
  let activated = true;
  const chunksLoaded = new Set();
  for (let i = 0; i < k; i++) {
    const r = once(bundles.extension);
    activated &&= r.activated && r.api;
    for (const c of r.chunksLoaded ?? []) chunksLoaded.add(c);
    ext.push(r.ms);
    base.push(once(empty).ms);
  }
  // The size counts extension.js and every chunk it may load later.
  const dir = path.dirname(bundles.extension);
  const chunks = readdirSync(dir).filter((f) => /^extension-.+\.js$/.test(f));
  const bytes = [path.basename(bundles.extension), ...chunks].reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  return { ms: median(ext), baseMs: median(base), activated, reps: k, bytes, chunks, chunksLoaded: [...chunksLoaded] };
}

async function profileCold(dir, bundles) {
  const profiles = path.join(work, 'profiles');
  rmSync(profiles, { recursive: true, force: true });
  mkdirSync(profiles, { recursive: true });
  await timed('node', ['--cpu-prof', '--cpu-prof-dir', profiles, bundles.cli, 'status', dir, '--json', '--as-of', AS_OF]);
  const file = path.join(profiles, readdirSync(profiles).find((f) => f.endsWith('.cpuprofile')));
  log(`profile of a cold status: ${file}`);
  for (const row of topSelfTime(file, 12)) log(`${String(row.ms).padStart(9)} ms ${String(row.share).padStart(5)}%  ${row.name}`);
}

function printTable(rows) {
  const cells = rows.map((f) => [
    f.figure,
    `${f.value} ${f.unit}`,
    f.baseline ? `${f.baseline.value} ${f.unit} (${f.baseline.what})` : '—',
    f.ratio === undefined ? '—' : `${f.ratio}×${f.spread ? ` (${f.spread})` : ''}`,
    f.target,
    f.pass === undefined ? '—' : f.pass ? 'pass' : 'MISS',
  ]);
  const head = ['figure', 'value', 'baseline', 'ratio', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => [...c[i]].length)));
  const line = (c) => c.map((s, i) => s + ' '.repeat(widths[i] - [...s].length)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

/**
 * Cold status of the workspace with its measured leaves against the same workspace without them (same evidence,
 * same history; only the measures and their data files differ), interleaved run by run.
 */
async function measuresCost(withDir, withoutDir, bundles) {
  const run = async (dir) => (await timed('node', [bundles.cli, 'status', dir, '--json', '--as-of', AS_OF])).ms;
  log(`cold status with and without measures: ${coldReps} repetitions each, interleaved, after one warm-up…`);
  await run(withDir);
  await run(withoutDir);
  const withMs = [];
  const withoutMs = [];
  for (let i = 0; i < coldReps; i++) {
    const [withRun, withoutRun] = await alternated(i, () => run(withDir), () => run(withoutDir));
    withMs.push(withRun);
    withoutMs.push(withoutRun);
  }
  return { ms: median(withMs), baseMs: median(withoutMs), all: withMs, baseAll: withoutMs };
}

async function measuresOnly() {
  mkdirSync(work, { recursive: true });
  const common = { seed, files, criteria, ignored: Math.round(files / 10), workDir: work, log };
  const measured = await generate({ ...common, measures });
  const plain = await generate(common);
  const bundles = await build();
  const cost = await measuresCost(measured.dir, plain.dir, bundles);
  figure(`cold status with ${measured.measures} measures`, cost.ms, 'ms', { value: cost.baseMs, what: 'same workspace without measures' }, '≤ 1.1×', (_v, r) => r <= 1.1, `median of ${coldReps}, interleaved; ${measured.measures} measured leaves, half .xlsx`);
  printTable(figures);
}

/** The editor's startup (bench/ui.mjs) against the CLI's cold status of the same workspace, in the same run. */
async function uiOnly() {
  mkdirSync(work, { recursive: true });
  const ws = await generate({ seed, files, criteria, measures, ignored: Math.round(files / 10), workDir: work, log });
  log(`${ws.cached ? 'reusing' : 'generated'} ${ws.dir}`);
  const bundles = await build();
  // The extension under test is the repository's dist/ (the development build that build() puts back).
  const cliCold = async () => (await timed('node', [bundles.cli, 'status', ws.dir, '--json', '--as-of', AS_OF])).ms;
  const uiReps = Math.max(1, Math.min(reps, 3));
  // The floor (bench/floor.cjs: our listing's Git call into a Map, nothing else) standalone, interleaved with the CLI:
  // the reference extension runs the same listing inside the extension host (bench/ui.mjs).
  const floorCold = async () => (await timed('node', [path.join(root, 'bench', 'floor.cjs'), ws.dir])).ms;
  log(`CLI cold status and the floor: ${uiReps} repetitions each after one warm-up…`);
  await cliCold();
  const cliAll = [];
  const floorAll = [];
  for (let i = 0; i < uiReps; i++) {
    cliAll.push(await cliCold());
    floorAll.push(await floorCold());
  }
  const cli = median(cliAll);
  const floorAlone = median(floorAll);
  log(`CLI cold status ${round(cli)} ms (${cliAll.map((x) => round(x)).join(', ')}), floor ${round(floorAlone)} ms; the workbench: ${uiReps} openings without a cache, ${uiReps} with it, then the references and one diagnostic opening…`);
  const { uiStartup } = await import('./ui.mjs');
  const keepLogs = path.join(work, 'ui-logs');
  rmSync(keepLogs, { recursive: true, force: true });
  const gitOff = opts['ui-git-off'];
  if (gitOff) log("VS Code's Git extension is off in these openings (git.enabled: false)");
  const ui = await uiStartup({ workspace: ws.dir, cold: uiReps, warm: uiReps, asOf: AS_OF, log, keepLogs, settings: gitOff ? { 'git.enabled': false } : {} });
  const base = { value: cli, what: 'CLI cold status (same run)' };
  const warmFirst = median(ui.warm.map((r) => r.firstRow));
  const allFromCache = ui.warm.every((r) => r.fromCache);
  figure('UI: first Evidence row, warm cache', warmFirst, 'ms', base, '≤ 1500 ms', (v) => v <= 1500 && allFromCache, `median of ${ui.warm.length} openings after the workbench is ready; shown from the cache: ${ui.warm.map((r) => r.fromCache).join(', ')}`);
  const coldFirst = median(ui.cold.map((r) => r.firstRow));
  const coldFresh = median(ui.cold.map((r) => r.fresh));
  figure('UI: first Evidence row, no cache', coldFirst, 'ms', base, '≤ 2× CLI', (_v, r) => r <= 2, `median of ${ui.cold.length} openings, each with a workspace storage of its own (${ui.cold.map((r) => Math.round(r.firstRow)).join(', ')} ms); the first row is the fresh model`);
  figure('UI: fresh model, no cache', coldFresh, 'ms', base, '≤ 2× CLI', (_v, r) => r <= 2, `median of ${ui.cold.length}, from the workbench ready`);
  figure('UI: fresh model, warm cache', median(ui.warm.map((r) => r.fresh)), 'ms', base, '≤ 2× CLI', (_v, r) => r <= 2, `median of ${ui.warm.length}; the "refreshing" message gone`);
  // What our code controls: from the extension's activation (the host starts it 10–20 s after the workbench is
  // ready under load) to the tree's first rows answered (src/extension/startupTrace.ts marks).
  const fromActivation = ui.warm.map((r) => r.host.phases.rowsAnswered - r.host.phases.activated).filter((v) => Number.isFinite(v));
  if (fromActivation.length > 0) figure('UI: cached rows answered after activation', median(fromActivation), 'ms', undefined, 'reported (≤ 1500 ms proposed)', (v) => v <= 1500, `median of ${fromActivation.length} warm openings; activation came ${ui.warm.map((r) => r.host.phases.activated).join(', ')} ms after the workbench was ready`);
  // VS Code's floor in this workbench (bench/ui.mjs referenceExtension): a trivial extension's tree view answering
  // one row at once, activated by our events or by `*`. No extension's first row can come earlier; if the floor
  // itself misses the issue's 1.5 s, the targets that the measurement supports are the issue's over the floor.
  const refs = Object.entries(ui.reference ?? {}).filter(([, r]) => Number.isFinite(r?.firstRow));
  for (const [kind, r] of refs) {
    const t = r.host.timeline;
    figure(`UI floor: reference extension's first row (${kind === 'star' ? 'activated by *' : 'our activation events'})`, r.firstRow, 'ms', undefined, "≤ 1500 ms (the issue's warm target)", (v) => v <= 1500, `a trivial extension's tree view in its own container, one row answered at once; after ready: host process launched ${t.launched} ms, host started ${t.started} ms, first activation ${t.activations[0]?.at} ms (${t.activations[0]?.id}), the reference activated ${r.host.phases.activated} ms (host up ${r.host.trace[0]?.hostUptimeMs} ms), its row answered ${r.host.phases.rowsAnswered} ms`);
  }
  if (refs.length > 0) {
    const floor = Math.min(...refs.map(([, r]) => r.firstRow));
    const over = (v) => v - floor;
    figure('UI over the floor: first Evidence row, warm cache', over(warmFirst), 'ms', undefined, '≤ floor + 1500 ms (proposed)', (v) => v <= 1500 && allFromCache, `first row after ready minus the floor (${Math.round(floor)} ms, the earlier reference); ours ${Math.round(warmFirst)} ms`);
    // Without a cache, the time over VS Code's floor still holds VS Code's Git extension and file watcher sharing the
    // host and the cores: the proposal is the fresh model from our activation over the least listing in the host (below).
    figure('UI over the floor: first Evidence row, no cache', over(coldFirst), 'ms', base, '— (reference)', () => undefined, `ours ${Math.round(coldFirst)} ms after ready, floor ${Math.round(floor)} ms`);
    figure('UI over the floor: fresh model, no cache', over(coldFresh), 'ms', base, '— (reference)', () => undefined, `ours ${Math.round(coldFresh)} ms after ready`);
    // The floor moves by seconds from one opening to the next under load (the host's start): set each opening's
    // first row against VS Code's decision to activate that extension (the host's log), ours against the reference.
    const fromDecision = (r, id) => {
      const at = r.host.timeline?.activations.find((a) => a.id === id)?.at;
      return at === undefined ? undefined : r.firstRow - at;
    };
    const refFromDecision = refs.map(([kind, r]) => fromDecision(r, `bench.floor-reference-${kind}`)).filter(Number.isFinite);
    const oursFromDecision = ui.warm.map((r) => fromDecision(r, 'reform-evidence.reform-evidence')).filter(Number.isFinite);
    if (refFromDecision.length > 0 && oursFromDecision.length > 0) {
      const refMin = Math.min(...refFromDecision);
      figure('UI: warm first row from the activation decision, over the reference', median(oursFromDecision) - refMin, 'ms', undefined, '≤ 1500 ms (proposed)', (v) => v <= 1500 && allFromCache, `first row drawn minus the host's _doActivateExtension line of the same extension: ours ${oursFromDecision.map(Math.round).join(', ')} ms (warm), the reference ${refFromDecision.map(Math.round).join(', ')} ms`);
    }
    figure('UI over the floor: fresh model, warm cache', over(median(ui.warm.map((r) => r.fresh))), 'ms', base, '— (reference)', () => undefined, `median of ${ui.warm.length}`);
  }
  // The least listing in this extension host: the reference runs bench/floor.cjs's listing on activation, beside VS
  // Code's Git extension (its `git status` of the same files) and the workbench starting, as ours does. Against it,
  // our fresh model from our activation: what the measurement supports for "fresh model ≤ 2 × the CLI".
  const hostFloorMarks = refs.map(([, r]) => r.host.trace.find((m) => m.mark === 'floor: listed')).filter((m) => Number.isFinite(m?.ms));
  const hostFloors = hostFloorMarks.map((m) => m.ms);
  const coldFromActivationAll = ui.cold.map((r) => r.host.phases.freshPublished - r.host.phases.activated).filter(Number.isFinite);
  const coldFromActivation = coldFromActivationAll.length > 0 ? median(coldFromActivationAll) : NaN;
  if (hostFloors.length > 0) {
    const hostFloor = Math.min(...hostFloors);
    figure("UI floor: the least listing in this extension host", hostFloor, 'ms', { value: floorAlone, what: 'floor.cjs alone (same run)' }, 'reported', () => true, `bench/floor.cjs's Git call and Map, run by the reference extension on activation beside VS Code's Git extension; per reference: ${hostFloorMarks.map((m) => `${m.ms} ms after activation (${m.via === 'file' ? 'through a file read after Git ends' : "Git's pipe read as it comes"})`).join(', ')}; floor.cjs alone ${floorAll.map((x) => round(x)).join(', ')} ms, the CLI ${round(cli)} ms (${round(cli / floorAlone, 2)}× the floor)`);
    if (Number.isFinite(coldFromActivation)) {
      figure('UI: fresh model after activation, no cache, over the least listing in the host', coldFromActivation, 'ms', { value: hostFloor, what: 'the floor listing in the host' }, '≤ 2× the host floor (proposed)', (_v, r) => r <= 2, `median of ${coldFromActivationAll.length}: our activation → first fresh model published (${ui.cold.map((r) => `${r.host.phases.activated} → ${r.host.phases.freshPublished}`).join(', ')} ms after ready); the CLI over the floor alone is ${round(cli / floorAlone, 2)}×`);
    }
    // The same with the cache: the cached rows come first, and the parse waits for them to be drawn.
    const warmFromActivationAll = ui.warm.map((r) => r.host.phases.freshPublished - r.host.phases.activated).filter(Number.isFinite);
    if (warmFromActivationAll.length > 0) {
      figure('UI: fresh model after activation, warm cache, over the least listing in the host', median(warmFromActivationAll), 'ms', { value: hostFloor, what: 'the floor listing in the host' }, '≤ 2× the host floor (proposed)', (_v, r) => r <= 2, `median of ${warmFromActivationAll.length}: our activation → first fresh model published (${ui.warm.map((r) => `${r.host.phases.activated} → ${r.host.phases.freshPublished}`).join(', ')} ms after ready)`);
    }
  }
  // Git: our calls in each opening (from our trace) beside VS Code's Git extension's (its log). In the bench nothing
  // changes the repository, so any call of ours repeated with the same arguments ran twice for one state.
  const gitOf = (r) => r.host.timeline?.git ?? [];
  const ourRepeats = [...ui.cold, ...ui.warm, ui.diagnostic].map((r) => {
    const seen = new Set();
    return gitOf(r).filter((c) => c.by === 'ours').filter((c) => (seen.has(c.args) ? true : (seen.add(c.args), false))).length;
  });
  const describe = (r) => {
    const ours = gitOf(r).filter((c) => c.by === 'ours');
    const theirs = gitOf(r).filter((c) => c.by === 'vscode.git');
    const statuses = theirs.filter((c) => /^status\b/.test(c.args));
    return `ours ${ours.length} (${ours.map((c) => c.args.split(' ').slice(0, 1)[0]).join(', ')}), from ${ours[0]?.at} ms; VS Code's Git ${theirs.length}, its status of the work tree ${statuses.length}× (${statuses.map((c) => `${c.at} ms +${c.ms} ms`).join(', ')})`;
  };
  figure('UI: our Git calls repeated for one state', Math.max(...ourRepeats), 'calls', undefined, '0', (v) => v === 0, `per opening (cold…, warm…, diagnostic): ${ourRepeats.join(', ')}; cold: ${ui.cold.map(describe).join(' | ')}; warm: ${ui.warm.map(describe).join(' | ')}`);
  const openings = [...ui.cold, ...ui.warm, ui.diagnostic];
  const peaks = openings.map((r) => r.host.peakRss).filter((v) => v !== undefined);
  if (peaks.length > 0) figure('UI: extension host peak memory', Math.max(...peaks) / 1048576, 'MB', undefined, 'reported', () => true, `VmHWM of the extension host (all extensions: Git's too), read before each window closed; per opening: ${peaks.map((v) => Math.round(v / 1048576)).join(', ')} MB`);
  const shares = openings.map((r) => r.host.modelHeap).filter((v) => v !== undefined);
  if (shares.length > 0) figure("UI: the model's share of the host's heap", Math.max(...shares) / 1048576, 'MB', undefined, '≤ 200 MB', (v) => v <= 200, `the diagnostic opening (deep trace): heap used after a full collection, 5 s after the first fresh model, minus before the first load (other extensions share the heap: an upper bound); per opening: ${shares.map((v) => Math.round(v / 1048576)).join(', ')} MB`);
  log(`the servers' logs (with the extension's startup trace): ${path.relative(root, keepLogs)}`);
  printTable(figures);
  const out = path.join(work, gitOff ? 'results-ui-git-off.json' : 'results-ui.json');
  writeFileSync(out, JSON.stringify({ generatedBy: `npm run bench -- --ui${gitOff ? ' --ui-git-off' : ''}`, gitExtension: !gitOff, date: new Date().toISOString(), machine: { cpus: os.cpus().length, load: os.loadavg().map((x) => round(x, 2)) }, workspace: ws.dir, cli: { median: cli, all: cliAll }, floor: { median: floorAlone, all: floorAll }, ui, figures }, null, 2) + '\n');
  log(`wrote ${path.relative(root, out)}`);
}

/**
 * `review HEAD~50..HEAD` (two statuses read from commits' trees, the evidence diff, the range's log) against one
 * cold status of the work tree, interleaved run by run.
 */
async function reviewCost(dir, bundles) {
  const status = async () => (await timed('node', [bundles.cli, 'status', dir, '--json', '--as-of', AS_OF])).ms;
  const review = async () => (await timed('node', [bundles.cli, 'review', 'HEAD~50..HEAD', dir, '--json', '--as-of', AS_OF])).ms;
  log(`review of 50 commits and cold status: ${reps} repetitions each, interleaved, after one warm-up…`);
  await status();
  await review();
  const reviewMs = [];
  const statusMs = [];
  for (let i = 0; i < reps; i++) {
    reviewMs.push(await review());
    statusMs.push(await status());
  }
  return { ms: median(reviewMs), baseMs: median(statusMs), all: reviewMs, baseAll: statusMs };
}

async function reviewOnly() {
  mkdirSync(work, { recursive: true });
  const ws = await generate({ seed, files, criteria, measures, ignored: Math.round(files / 10), workDir: work, log });
  log(`${ws.cached ? 'reusing' : 'generated'} ${ws.dir} (${ws.commits} commits)`);
  const bundles = await build();
  const cost = await reviewCost(ws.dir, bundles);
  figure('review of a 50-commit range (CLI, --json)', cost.ms, 'ms', { value: cost.baseMs, what: 'cold status' }, '≤ 2×', (_v, r) => r <= 2, `median of ${reps}; HEAD~50..HEAD, ${files} files, ${measures} measures; review ${cost.all.map((x) => round(x)).join('/')} ms, status ${cost.baseAll.map((x) => round(x)).join('/')} ms`);
  printTable(figures);
}

/**
 * The city's portfolio: N generated wards of 2,000 files (100 criteria, 50 commits each), read cold by
 * `portfolio --json`, against the sum of the same Git listings `status` runs, ward after ward.
 */
async function portfolioOnly() {
  const wards = Number(opts.wards);
  const city = path.join(work, `portfolio-${wards}`);
  mkdirSync(city, { recursive: true });
  const dirs = [];
  const started = performance.now();
  // Ten distinct wards generated, the others copies of them (generating 100 takes a quarter of an hour).
  const sources = path.join(work, 'portfolio-sources');
  const distinct = [];
  for (let i = 1; i <= Math.min(10, wards); i++) distinct.push((await generate({ seed: i, files: 2000, criteria: 100, ignored: 200, commits: 50, workDir: sources })).dir);
  for (let i = 1; i <= wards; i++) {
    const dir = path.join(city, `phuong-${String(i).padStart(3, '0')}`);
    if (!existsSync(path.join(dir, '.git', 'bench-complete.json'))) {
      rmSync(dir, { recursive: true, force: true });
      output('cp', ['-a', distinct[(i - 1) % distinct.length], dir]);
      // A copy has new inodes: settle the index's stat data once, as for a generated ward.
      output('git', ['update-index', '-q', '--refresh'], { cwd: dir });
    }
    dirs.push(dir);
  }
  log(`${wards} wards ready in ${round((performance.now() - started) / 1000)} s (${city})`);
  const bundles = await build();
  const gitEnv = { ...process.env, LC_ALL: 'C', LANG: 'C', GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0' };
  const gitArgs = (...a) => ['-c', 'core.quotepath=false', '-c', 'color.ui=false', ...a];
  const baseline = async () => {
    let ms = 0;
    for (const dir of dirs) {
      ms += (await timed('git', gitArgs('ls-files', '-z', '--cached', '--others', '--exclude-standard', '-t', '--', 'evidence'), { cwd: dir, env: gitEnv })).ms;
      ms += (await timed('git', gitArgs('status', '--porcelain=v2', '-z', '--untracked-files=no', '--no-renames', '--ignore-submodules=all', '--', 'evidence'), { cwd: dir, env: gitEnv })).ms;
    }
    return ms;
  };
  const args = [bundles.cli, 'portfolio', city, '--json', '--as-of', AS_OF];
  const ours = async () => (await timed('node', args)).ms;
  // One ward at a time on the main thread (`--jobs 1`: no worker, no Git overlap between wards): a reference.
  const oneThread = async () => (await timed('node', [...args, '--jobs', '1'])).ms;
  // The same Git calls started from Node as many at once, and nothing else (bench/portfolio-floor.cjs).
  const floor = async () => (await timed('node', [path.join(root, 'bench', 'portfolio-floor.cjs'), city])).ms;
  log(`portfolio: ${reps} repetitions each, interleaved, after one warm-up…`);
  await baseline();
  await ours();
  await floor();
  const base = [];
  const mine = [];
  const single = [];
  const floors = [];
  for (let i = 0; i < reps; i++) {
    base.push(await baseline());
    mine.push(await ours());
    single.push(await oneThread());
    floors.push(await floor());
  }
  const { stderr } = await timed('node', ['--require', path.join(root, 'bench', 'maxrss.cjs'), ...args]);
  const rss = Number(/maxRSS=(\d+)/.exec(stderr)[1]) / 1024;
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  figure(`portfolio of ${wards} wards × 2,000 files (CLI, --json)`, median(mine), 'ms', { value: median(base), what: 'sum of the wards\' git ls-files + git status' }, '≤ 1.2×', (_v, r) => r <= 1.2, `median of ${reps} on ${cores} cores; runs ${mine.map((x) => round(x)).join(', ')}; baseline ${base.map((x) => round(x)).join(', ')}`);
  figure('portfolio, one ward at a time (--jobs 1)', median(single), 'ms', { value: median(base), what: 'sum of the wards\' git ls-files + git status' }, '— (reference)', () => undefined, `median of ${reps}, interleaved with the two above; runs ${single.map((x) => round(x)).join(', ')}`);
  figure('floor: the same Git calls from Node, nothing else', median(floors), 'ms', { value: median(base), what: 'sum of the wards\' git ls-files + git status' }, '— (reference)', () => undefined, `median of ${reps}, interleaved; bench/portfolio-floor.cjs: each ward's listing into a Map and its git log -1, as many wards at once as the portfolio; runs ${floors.map((x) => round(x)).join(', ')}`);
  figure('portfolio over its floor', median(mine), 'ms', { value: median(floors), what: 'floor (bench/portfolio-floor.cjs)' }, '— (reference)', () => undefined, 'what the portfolio adds to the Git calls it cannot avoid: parse, match, model, worker, output');
  figure('peak memory of the portfolio', rss, 'MB', undefined, '≤ 300 MB', (v) => v <= 300, 'max RSS of one run');
  printTable(figures);
}

/**
 * Status at a revision (HEAD~10, read from the tree) and a 52-week history, each against one cold status of the
 * work tree, interleaved run by run: `--only revision`; `--only history` leaves the status at a revision out.
 */
async function revisionOnly(withRevision = true) {
  mkdirSync(work, { recursive: true });
  const ws = await generate({ seed, files, criteria, measures, ignored: Math.round(files / 10), workDir: work, log });
  const bundles = await build();
  const run = async (...args) => (await timed('node', [bundles.cli, ...args])).ms;
  const cold = () => run('status', ws.dir, '--json', '--as-of', AS_OF);
  const atRev = () => run('status', ws.dir, '--json', '--as-of', AS_OF, '--rev', 'HEAD~10');
  const last = execFileSync('git', ['log', '-1', '--format=%cs'], { cwd: ws.dir, encoding: 'utf8' }).trim();
  const first = new Date(`${last}T00:00:00Z`);
  first.setUTCDate(first.getUTCDate() - 7 * 51);
  const weeks = () => run('history', ws.dir, '--from', first.toISOString().slice(0, 10), '--to', last, '--every', 'week', '--json');
  log(`${withRevision ? 'status at a revision, ' : ''}52-week history and cold status: ${reps} repetitions each, interleaved, after one warm-up…`);
  await cold();
  if (withRevision) await atRev();
  const [coldMs, revMs, weekMs] = [[], [], []];
  for (let i = 0; i < reps; i++) {
    const load = os.loadavg()[0].toFixed(1);
    coldMs.push(await cold());
    if (withRevision) revMs.push(await atRev());
    weekMs.push(await weeks());
    log(`run ${i + 1}: cold ${round(coldMs.at(-1))} ms, history ${round(weekMs.at(-1))} ms (${round(weekMs.at(-1) / coldMs.at(-1), 2)}×), load ${load}`);
  }
  const base = { value: median(coldMs), what: 'cold status' };
  if (withRevision) figure('status at a revision (--rev HEAD~10)', median(revMs), 'ms', base, '≤ 1.5×', (_v, r) => r <= 1.5, `median of ${reps}; ls-tree + criteria blob, no checkout`);
  figure('52-week history', median(weekMs), 'ms', base, '≤ 5×', (_v, r) => r <= 5, `median of ${reps}; one listing, then one diff-tree --stdin read ahead from week to week`);
  printTable(figures);
}

/** The province's cold status against Git and the floor (issue 14's first shape). */
function coldFigures(cold) {
  figure('cold status (CLI, --json)', cold.ms, 'ms', { value: cold.baseMs, what: 'git ls-files + git status' }, '≤ 1.5× Git', (_v, r) => r <= 1.5, `median of ${coldReps}; one-line JSON (not a terminal), ${round(cold.jsonBytes / 1048576)} MB`);
  figure('cold status against the floor', cold.ms, 'ms', { value: cold.floorMs, what: 'floor (bench/floor.cjs)' }, '≤ 1.5× floor', (_v, r) => r <= 1.5, `median of ${coldReps}, interleaved; in brackets each run's ratio to its floor, least–most; issue 14`, pairSpread(cold.all, cold.floorAll));
  againstLeast(cold, '');
}

/** The cold status against the least status of the same rounds (bench/floor-status.cjs): issue 14's proposed target. */
function againstLeast(cold, where) {
  figure(`cold status against the least status${where}`, cold.ms, 'ms', { value: cold.leastMs, what: 'least status (bench/floor-status.cjs)' }, '≤ 1.15× least status (proposed)', (_v, r) => r <= 1.15, `median of ${coldReps}, interleaved; in brackets each run's ratio to the least status of its round; what the status's own work costs (checks, model, scores, Git states, link check): the target proposed for issue 14 in place of 1.5× the floor`, pairSpread(cold.all, cold.leastAll));
}

/** The least status against the floor of the same rounds. */
function leastReference(cold) {
  figure('least status: floor plus output, every file matched, data files read', cold.leastMs, 'ms', { value: cold.floorMs, what: 'floor (bench/floor.cjs)' }, '— (reference)', () => undefined, `median of ${coldReps}, interleaved; bench/floor-status.cjs: floor-plus, picomatch on each file as Git lists it, each measure's data file read; no check, model or scores`);
}

/** What lies between the floor and the province's cold status, and the floor against Git. */
function coldReferences(cold) {
  figure('floor plus output: criteria file loaded, every file written as JSON', cold.plusMs, 'ms', { value: cold.floorMs, what: 'floor (bench/floor.cjs)' }, '— (reference)', () => undefined, `median of ${coldReps}, interleaved; bench/floor-plus.cjs: what no status avoids beyond the floor`);
  leastReference(cold);
  figure('floor: Node reading the Git listing', cold.floorMs, 'ms', { value: cold.baseMs, what: 'git ls-files + git status' }, '— (reference)', () => undefined, `median of ${coldReps}; bench/floor.cjs: the listing our status runs, each entry kept in a Map, nothing else`);
}

async function main() {
  if (opts.ui) return uiOnly();
  if (opts.only === 'measures') return measuresOnly();
  if (opts.only === 'revision') return revisionOnly();
  if (opts.only === 'history') return revisionOnly(false);
  if (opts.only === 'sync') {
    mkdirSync(work, { recursive: true });
    const bundles = await build();
    await syncFigure({ cli: bundles.cli, work, reps, timed, median, log, figure });
    printTable(figures);
    return;
  }
  if (opts.only === 'portfolio') return portfolioOnly();
  if (opts.only === 'review') return reviewOnly();
  if (opts.only === 'shape2') {
    mkdirSync(work, { recursive: true });
    await shape2(await build());
    printTable(figures);
    return;
  }
  const started = performance.now();
  mkdirSync(work, { recursive: true });
  if (opts.only === 'parse') {
    log('reading a 12,000-line criteria file with both readers…');
    const p = parseFigure(await buildCore());
    figure(`read ${p.lines} lines (parseCriteria, fast reader)`, p.ms, 'ms', { value: p.baseMs, what: 'parseCriteria with `yaml`' }, '≤ 1× yaml', (_v, r) => r <= 1, `median of ${p.reps}, alternated; ${p.criteria} criteria; same model and ranges (test/unit/core/parse/fastRanges.test.ts)`);
    printTable(figures);
    return;
  }
  if (opts.only === 'province') {
    // The province's cold status alone (`--reps 11` for a closer median than the full run's).
    const ws = await generate({ seed, files, criteria, measures, ignored: Math.round(files / 10), workDir: work, log });
    const cold = await coldStatus(ws.dir, await build());
    coldFigures(cold);
    coldReferences(cold);
    cpuFigures(cold.cpu, cold.floorMs, ', province');
    printTable(figures);
    return;
  }
  if (opts.only !== undefined) {
    if (opts.only !== 'tasks') throw new Error(`--only: unknown figure "${opts.only}" (known: tasks, measures, shape2, province, review, portfolio, parse, sync, revision, history)`);
    log('tasks linked to areas…');
    tasksFigure(tasksLinked(await buildCore()));
    printTable(figures);
    return;
  }
  log(`workspace: seed ${seed}, ${files} files, ${criteria} criteria, ${measures} measures`);
  const ws = await generate({ seed, files, criteria, measures, ignored: Math.round(files / 10), workDir: work, log });
  log(`${ws.cached ? 'reusing' : 'generated'} ${ws.dir} (${ws.commits} commits, ${ws.tracked} tracked, ${ws.untracked} untracked, ${ws.modified} modified, ${ws.ignored} ignored; generation ${round(ws.generatedMs / 1000)} s)`);
  const bundles = await build();

  const cold = await coldStatus(ws.dir, bundles);
  if (measures > 0) {
    const plain = await generate({ seed, files, criteria, ignored: Math.round(files / 10), workDir: work, log });
    const cost = await measuresCost(ws.dir, plain.dir, bundles);
    figure(`cold status with ${ws.measures} measures`, cost.ms, 'ms', { value: cost.baseMs, what: 'same workspace without measures' }, '≤ 1.1×', (_v, r) => r <= 1.1, `median of ${coldReps}, interleaved; ${ws.measures} measured leaves, half .xlsx`);
  }
  coldFigures(cold);
  const second = shape2Files > 0 ? await shape2(bundles) : undefined;
  coldReferences(cold);
  cpuFigures(cold.cpu, cold.floorMs, ', province');
  log('one-file update in process…');
  const update = await oneFileUpdate(ws.dir, bundles, cold.ms);
  figure('one-file update (in process)', update.ms, 'ms', { value: cold.ms, what: 'cold status' }, '≤ 2% and ≤ 20 ms', (v, r) => r <= 0.02 && v <= 20, `median of ${update.reps}; ${round(update.gitPerUpdate, 2)} Git processes per update; correct: ${update.correct}`);
  log('validation of a 5,000-line criteria file…');
  const valid = validation(bundles);
  figure(`validate ${valid.lines} lines (parseCriteria)`, valid.ms, 'ms', { value: valid.baseMs, what: 'YAML.parse' }, '≤ 3× yaml', (_v, r) => r <= 3, `median of ${valid.reps}; ${valid.criteria} criteria; ${valid.errors} errors`);
  log('tasks linked to areas…');
  const tasks = tasksLinked(bundles.core);
  tasksFigure(tasks);
  figure('peak memory of cold status', cold.rssMb, 'MB', undefined, '≤ 200 MB', (v) => v <= 200, `max RSS of ${cold.rssAll.length} runs`);
  log('bundle size and activation…');
  const act = await activation(bundles);
  figure('bundled extension size', act.bytes / 1024 / 1024, 'MB', undefined, '≤ 1.5 MB', (v) => v <= 1.5, `scripts/build.mjs --production; extension.js + ${act.chunks.length} chunks loaded on first use (${act.chunks.join(', ')})`);
  figure('activation (load + activate)', act.ms, 'ms', { value: act.baseMs, what: 'empty module' }, '≤ 50 ms', (v) => v <= 50 && act.activated, `median of ${act.reps}; activate returned the API: ${act.activated}; chunks loaded during activation: ${act.chunksLoaded.length ? act.chunksLoaded.join(', ') : 'none'}`);

  if (opts.profile) await profileCold(ws.dir, bundles);
  printTable(figures);
  const results = {
    generatedBy: 'npm run bench',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}`, node: process.version, git: output('git', ['--version']).trim() },
    workspace: { seed: ws.seed, files: ws.files, criteria: ws.criteria, measures: ws.measures, tasks: ws.tasks, commits: ws.commits, tracked: ws.tracked, untracked: ws.untracked, modified: ws.modified, ignored: ws.ignored, criteriaLines: ws.criteriaLines, generatedMs: ws.generatedMs },
    repetitions: reps,
    figures,
    details: { cold: { ...cold, all: cold.all.map((x) => round(x)), baseAll: cold.baseAll.map((x) => round(x)), plusAll: cold.plusAll.map((x) => round(x)), leastAll: cold.leastAll.map((x) => round(x)), rssAll: cold.rssAll.map((x) => round(x)) }, update: { ...update, all: update.all.map((x) => round(x, 2)) }, validation: valid, tasks, activation: act, shape2: second && { ...second, all: second.all.map((x) => round(x)), floorAll: second.floorAll.map((x) => round(x)), plusAll: second.plusAll.map((x) => round(x)), leastAll: second.leastAll.map((x) => round(x)), fixedAll: second.fixedAll.map((x) => round(x)) } },
    totalSeconds: round((performance.now() - started) / 1000),
  };
  writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
  log(`wrote ${path.relative(root, outFile)} in ${results.totalSeconds} s`);
  if (!existsSync(outFile)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
