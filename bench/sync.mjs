// `node bench/run.mjs --only sync`: one evidence commit synced against a remote 20 commits ahead, by our CLI
// (`sync`: fetch, rebase in the object store, push) and by plain Git (`git pull --rebase && git push`), on
// identical copies of the same remote and clone, interleaved run by run.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.gov.vn', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.gov.vn' };
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' });

/** A bare remote 20 evidence commits ahead of a clone that has one evidence commit of its own. */
function fixture(dir, ahead) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const seed = path.join(dir, 'seed');
  mkdirSync(seed);
  git(seed, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(seed, 'criteria.yaml'), 'reformEvidence: 1\n');
  mkdirSync(path.join(seed, 'evidence'));
  for (let i = 0; i < 200; i++) writeFileSync(path.join(seed, 'evidence', `old-${i}.pdf`), `old ${i}\n`);
  git(seed, 'add', '.');
  git(seed, 'commit', '-q', '-m', 'import');
  const remote = path.join(dir, 'remote.git');
  git(dir, 'clone', '-q', '--bare', seed, remote);
  const ours = path.join(dir, 'ours');
  git(dir, 'clone', '-q', remote, ours);
  for (let i = 0; i < ahead; i++) {
    writeFileSync(path.join(seed, 'evidence', `unit-${i}.pdf`), `from another unit ${i}\n`);
    git(seed, 'add', '.');
    git(seed, 'commit', '-q', '-m', `other ${i}`, '-m', `Criterion: 1.${i}`);
  }
  git(seed, 'push', '-q', remote, 'main');
  writeFileSync(path.join(ours, 'evidence', 'ours.pdf'), 'ours\n');
  git(ours, 'add', '.');
  git(ours, 'commit', '-q', '-m', 'ours', '-m', 'Criterion: 2.1');
  return { remote, ours };
}

/** A fresh copy of the fixture for one run (the clone's remote pointed at the copied remote). */
function copy(base, dir) {
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.dirname(base.remote), dir, { recursive: true });
  const remote = path.join(dir, 'remote.git');
  const ours = path.join(dir, 'ours');
  git(ours, 'remote', 'set-url', 'origin', remote);
  return { remote, ours };
}

/** A trace2 time ("2026-11-30T18:44:28.210132Z") in milliseconds, to the microsecond. */
const traceMs = (time) => Date.parse(time.slice(0, 23) + 'Z') + Number(time.slice(23, 26)) / 1000;

/**
 * What a sync spends in Git: the wall-clock time during which at least one of its Git processes ran, from their
 * trace2 events (a child of a Git process, such as fetch's upload-pack, lies inside its parent's span).
 */
function gitWall(traceFile) {
  const spans = new Map();
  for (const line of readFileSync(traceFile, 'utf8').split('\n')) {
    if (!line) continue;
    const e = JSON.parse(line);
    if (e.sid.includes('/')) continue;
    if (e.event === 'start') spans.set(e.sid, [traceMs(e.time) - e.t_abs * 1000, undefined]);
    if (e.event === 'atexit' && spans.has(e.sid)) spans.get(e.sid)[1] = traceMs(e.time);
  }
  const sorted = [...spans.values()].filter(([, end]) => end !== undefined).sort((a, b) => a[0] - b[0]);
  let ms = 0;
  let until = -Infinity;
  for (const [start, end] of sorted) {
    ms += Math.max(0, end - Math.max(start, until));
    until = Math.max(until, end);
  }
  return { ms, processes: spans.size };
}

export async function syncFigure({ cli, work, reps, timed, median, log, figure, ahead = 20 }) {
  const dir = path.join(work, 'sync');
  const base = fixture(path.join(dir, 'base'), ahead);
  const ours = [];
  const plain = [];
  const bare = [];
  const inGit = [];
  let processes = 0;
  // Git's trace2 is read from the global configuration (our Git calls pass no GIT_TRACE2_* variable through).
  const home = path.join(dir, 'home');
  const traceFile = path.join(dir, 'trace.json');
  mkdirSync(home, { recursive: true });
  writeFileSync(path.join(home, '.gitconfig'), `[trace2]\n\teventTarget = ${traceFile}\n`);
  log(`sync of one commit against a remote ${ahead} commits ahead: ${reps} repetitions each, interleaved, after one warm-up…`);
  for (let i = -1; i < reps; i++) {
    const a = copy(base, path.join(dir, 'a'));
    const msA = (await timed('node', [cli, 'sync', '-C', a.ours], { env: ENV })).ms;
    const b = copy(base, path.join(dir, 'b'));
    const msB = (await timed('sh', ['-c', 'git pull -q --rebase && git push -q'], { cwd: b.ours, env: ENV })).ms;
    for (const r of [a, b]) if (git(r.remote, 'rev-parse', 'main') !== git(r.ours, 'rev-parse', 'HEAD') || git(r.ours, 'rev-list', '--count', 'HEAD').trim() !== String(ahead + 2)) throw new Error('sync bench: the remote did not get the rebased commit');
    // The floor's parts, in the same round: a bare Node start, and the Git time of one traced sync.
    const msNode = (await timed('node', ['-e', '0'])).ms;
    const c = copy(base, path.join(dir, 'c'));
    rmSync(traceFile, { force: true });
    await timed('node', [cli, 'sync', '-C', c.ours], { env: { ...ENV, HOME: home, XDG_CONFIG_HOME: home } });
    const traced = gitWall(traceFile);
    if (i >= 0) {
      ours.push(msA);
      plain.push(msB);
      bare.push(msNode);
      inGit.push(traced.ms);
      processes = traced.processes;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  // The floor: a Node start that loads nothing, plus the Git calls of a safe sync (docs/sync.md) with no JavaScript
  // between them. Our sync can come no closer to plain Git than this with these calls.
  const floor = median(bare) + median(inGit);
  figure(`sync one commit, remote ${ahead} ahead (CLI)`, median(ours), 'ms', { value: median(plain), what: 'git pull --rebase && git push' }, '≤ 2×', (_v, r) => r <= 2, `median of ${reps}; runs ${ours.map((x) => Math.round(x)).join(', ')} vs ${plain.map((x) => Math.round(x)).join(', ')}`);
  figure(`sync floor: node -e 0 + the ${processes} Git calls of a safe sync`, floor, 'ms', { value: median(plain), what: 'git pull --rebase && git push' }, 'what the target can be', () => true, `node -e 0 ${Math.round(median(bare))} ms (${bare.map((x) => Math.round(x)).join(', ')}) + Git ${Math.round(median(inGit))} ms (${inGit.map((x) => Math.round(x)).join(', ')}), same rounds; ours − floor = ${Math.round(median(ours) - floor)} ms of bundle load and JavaScript`);
}
