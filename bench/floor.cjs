// The least a Node program can do with a cold listing: run the Git call our listing makes and keep each entry
// as { path, git } in a Map. No criteria file, no matching, no model, no output. `node bench/floor.cjs <dir>`.
// bench/run.mjs times it next to the cold status: what lies between the two is ours; what lies below it is not.
// bench/floor-plus.cjs requires it for the same listing.
const { spawn } = require('node:child_process');

/** Starts the listing of `dir`; `done(code, files)` when Git exits. Returns the Map being filled. */
function listFloor(dir, done) {
  const files = new Map();
  let carry;
  const git = spawn('git', ['-c', 'core.quotepath=false', 'ls-files', '-z', '--cached', '--others', '--modified', '--deleted', '--exclude-standard', '-t', '-s', '--', 'evidence'], {
    cwd: dir,
    env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  git.stdout.on('data', (chunk) => {
    if (carry) chunk = Buffer.concat([carry, chunk]);
    let start = 0;
    for (let end = chunk.indexOf(0, start); end >= 0; end = chunk.indexOf(0, start)) {
      const tab = chunk.indexOf(9, start);
      const path = chunk.toString('utf8', tab > start && tab < end ? tab + 1 : start + 2, end);
      files.set(path, { path, git: chunk[start] === 0x3f ? 'untracked' : 'committed' });
      start = end + 1;
    }
    carry = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
  });
  git.on('exit', (code) => done(code, files));
  return files;
}

if (require.main === module) {
  listFloor(process.argv[2], (code, files) => {
    if (code !== 0 || files.size === 0) process.exitCode = 1;
  });
}

module.exports = { listFloor };
