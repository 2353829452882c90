// The floor (floor.cjs) plus the two things any status must add to it, done the cheapest way Node has: the
// criteria file read with js-yaml's `load` (while Git lists, as the status does; no check, no model) and every
// listed entry written out as JSON (`status --json` holds each matched file). No matching, no model, no
// validation. `node bench/floor-plus.cjs <dir> > /dev/null`; bench/run.mjs times it beside the floor and the
// cold status: the status cannot go below it, so its ratio to the floor bounds what issue 14's target can ask.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { listFloor } = require('./floor.cjs');

const dir = process.argv[2];
let criteria;
listFloor(dir, (code, files) => {
  if (code !== 0 || files.size === 0 || !criteria) process.exitCode = 1;
  process.stdout.write(JSON.stringify({ criteria, files: [...files.values()] }) + '\n');
});
// Read while Git lists, as the status reads it.
criteria = require('js-yaml').load(readFileSync(path.join(dir, 'criteria.yaml'), 'utf8'));
