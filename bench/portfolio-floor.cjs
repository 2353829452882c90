// The least a Node program can do for a portfolio: every ward's listing as bench/floor.cjs makes it (entries kept in
// a Map) and its last evidence commit (`git log -1`), as many wards at once as the portfolio loads (the cores, at
// least 2), on one thread. No criteria file, no matching, no model, no output. `node bench/portfolio-floor.cjs <city>`.
// bench/run.mjs times it next to the portfolio and the sum of the wards' Git listings: the Git calls started from
// Node on two cores cost what they cost, whatever the portfolio does besides.
const { spawn } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { listFloor } = require('./floor.cjs');

/** The newest commit that touched evidence/, as the portfolio asks for it; `done()` when Git exits. */
function lastCommit(dir, done) {
  const out = [];
  const git = spawn('git', ['-c', 'core.quotepath=false', 'log', '-1', '-z', '--no-color', '--format=%H%x00%h%x00%aI%x00%s', 'HEAD', '--', 'evidence'], {
    cwd: dir,
    env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  git.stdout.on('data', (chunk) => out.push(chunk));
  git.on('close', (code) => done(code, Buffer.concat(out).toString('utf8').split('\0')[0]));
}

const city = process.argv[2];
const wards = readdirSync(city).map((name) => path.join(city, name)).filter((dir) => existsSync(path.join(dir, 'criteria.yaml')));
const jobs = Math.max(2, os.availableParallelism?.() ?? os.cpus().length);
let next = 0;
let failed = 0;
const one = () => {
  const dir = wards[next++];
  if (!dir) return;
  let left = 2;
  const end = (ok) => {
    if (!ok) failed++;
    if (--left === 0) one();
  };
  listFloor(dir, (code, files) => end(code === 0 && files.size > 0));
  lastCommit(dir, (code, hash) => end(code === 0 && /^[0-9a-f]{40}$/.test(hash)));
};
for (let i = 0; i < jobs; i++) one();
process.on('exit', () => {
  if (failed > 0 || wards.length === 0) process.exitCode = 1;
});
