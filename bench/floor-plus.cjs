// The floor (floor.cjs) plus the two things any status must add to it, done the cheapest way Node has: the
// criteria file read with js-yaml's `load` (while Git lists, as the status does; no check, no model) and every
// listed entry written out as JSON (`status --json` holds each matched file). No matching, no model, no
// validation. `node bench/floor-plus.cjs <dir> > /dev/null`; bench/run.mjs times it beside the floor and the
// cold status: the status cannot go below it, so its ratio to the floor bounds what issue 14's target can ask.
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const files = new Map();
let carry;
const git = spawn('git', ['-c', 'core.quotepath=false', 'ls-files', '-z', '--cached', '--others', '--modified', '--deleted', '--exclude-standard', '-t', '-s', '--', 'evidence'], {
  cwd: process.argv[2],
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
// Read while Git lists, as the status reads it.
const criteria = require('js-yaml').load(readFileSync(path.join(process.argv[2], 'criteria.yaml'), 'utf8'));
git.on('exit', (code) => {
  if (code !== 0 || files.size === 0 || !criteria) process.exitCode = 1;
  process.stdout.write(JSON.stringify({ criteria, files: [...files.values()] }) + '\n');
});
