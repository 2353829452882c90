// `node bench/run.mjs --only sync`: one evidence commit synced against a remote 20 commits ahead, by our CLI
// (`sync`: fetch, rebase in the object store, push) and by plain Git (`git pull --rebase && git push`), on
// identical copies of the same remote and clone, interleaved run by run.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

export async function syncFigure({ cli, work, reps, timed, median, log, figure, ahead = 20 }) {
  const dir = path.join(work, 'sync');
  const base = fixture(path.join(dir, 'base'), ahead);
  const ours = [];
  const plain = [];
  log(`sync of one commit against a remote ${ahead} commits ahead: ${reps} repetitions each, interleaved, after one warm-up…`);
  for (let i = -1; i < reps; i++) {
    const a = copy(base, path.join(dir, 'a'));
    const msA = (await timed('node', [cli, 'sync', '-C', a.ours], { env: ENV })).ms;
    const b = copy(base, path.join(dir, 'b'));
    const msB = (await timed('sh', ['-c', 'git pull -q --rebase && git push -q'], { cwd: b.ours, env: ENV })).ms;
    for (const r of [a, b]) if (git(r.remote, 'rev-parse', 'main') !== git(r.ours, 'rev-parse', 'HEAD') || git(r.ours, 'rev-list', '--count', 'HEAD').trim() !== String(ahead + 2)) throw new Error('sync bench: the remote did not get the rebased commit');
    if (i >= 0) {
      ours.push(msA);
      plain.push(msB);
    }
  }
  rmSync(dir, { recursive: true, force: true });
  figure(`sync one commit, remote ${ahead} ahead (CLI)`, median(ours), 'ms', { value: median(plain), what: 'git pull --rebase && git push' }, '≤ 2×', (_v, r) => r <= 2, `median of ${reps}; runs ${ours.map((x) => Math.round(x)).join(', ')} vs ${plain.map((x) => Math.round(x)).join(', ')}`);
}
