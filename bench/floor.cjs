// The least a Node program can do with a cold listing: run the Git call our listing makes and keep each entry
// as { path, git } in a Map. No criteria file, no matching, no model, no output. `node bench/floor.cjs <dir>`.
// bench/run.mjs times it next to the cold status: what lies between the two is ours; what lies below it is not.
// bench/floor-plus.cjs requires it for the same listing.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * Starts the listing of `dir`; `done(code, files)` when Git exits. Returns the Map being filled. `viaFile`: Git writes
 * into a temporary file, read once it has ended, instead of a pipe read as it comes: Git then never waits for a busy
 * reader (the extension host's thread, bench/ui.mjs's reference extension). `each(file)`: called for each entry as it
 * is read (bench/floor-status.cjs matches them then).
 */
function listFloor(dir, done, { viaFile = false, each } = {}) {
  const files = new Map();
  let carry;
  const take = (chunk) => {
    if (carry) chunk = Buffer.concat([carry, chunk]);
    let start = 0;
    for (let end = chunk.indexOf(0, start); end >= 0; end = chunk.indexOf(0, start)) {
      const tab = chunk.indexOf(9, start);
      const path = chunk.toString('utf8', tab > start && tab < end ? tab + 1 : start + 2, end);
      const file = { path, git: chunk[start] === 0x3f ? 'untracked' : 'committed' };
      files.set(path, file);
      if (each) each(file);
      start = end + 1;
    }
    carry = start < chunk.length ? Buffer.from(chunk.subarray(start)) : undefined;
  };
  const args = ['-c', 'core.quotepath=false', 'ls-files', '-z', '--cached', '--others', '--modified', '--deleted', '--exclude-standard', '-t', '-s', '--', 'evidence'];
  const options = { cwd: dir, env: { ...process.env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' } };
  if (!viaFile) {
    const git = spawn('git', args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
    git.stdout.on('data', take);
    // 'close', not 'exit': a loaded machine can report the exit before the pipe's last chunks are read.
    git.on('close', (code) => done(code, files));
    return files;
  }
  const name = path.join(os.tmpdir(), `floor-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const fd = fs.openSync(name, 'wx+', 0o600);
  fs.unlinkSync(name);
  const git = spawn('git', args, { ...options, stdio: ['ignore', fd, 'inherit'] });
  git.on('exit', (code) => {
    let at = 0;
    const next = () =>
      fs.read(fd, Buffer.allocUnsafe(1 << 20), 0, 1 << 20, at, (error, n, bytes) => {
        if (error || n === 0) {
          fs.closeSync(fd);
          done(error ? 1 : code, files);
          return;
        }
        at += n;
        take(bytes.subarray(0, n));
        next();
      });
    next();
  });
  return files;
}

if (require.main === module) {
  listFloor(process.argv[2], (code, files) => {
    if (code !== 0 || files.size === 0) process.exitCode = 1;
  });
}

module.exports = { listFloor };
