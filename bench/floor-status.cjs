// The least status Node can give (issue 14): floor-plus.cjs (the floor's listing, the criteria file loaded with
// js-yaml's `load` while Git lists, JSON out), plus the two things every status adds to it:
// - each listed file matched against the evidence globs as it is read (picomatch's expressions, one list of
//   candidate globs per folder, kept);
// - the measures' data files read (each .xlsx's parts inflated and decoded; each .csv decoded).
// Nothing else: no check of the criteria file and no located problems, no model, scores or rates, no Git state
// beyond the listing's tag (modified, staged), no link check, no Unicode normalization.
// `node bench/floor-status.cjs <dir> > /dev/null`; bench/run.mjs times it beside the cold status and the floor: the
// gap between it and the status is what the status's own work costs.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { listFloor } = require('./floor.cjs');

const dir = process.argv[2];
/** Per requirement, the files it matched; per folder (relative to the evidence root), the globs that may match there. */
const matched = new Map();
const byBase = new Map();
const perFolder = new Map();
let prefix = '';

const candidates = (folder) => {
  let list = perFolder.get(folder);
  if (list === undefined) {
    const own = byBase.get(folder) ?? [];
    const slash = folder.lastIndexOf('/');
    list = folder === '' ? own : [...candidates(slash < 0 ? '' : folder.slice(0, slash)), ...own];
    perFolder.set(folder, list);
  }
  return list;
};

const match = (file) => {
  if (!file.path.startsWith(prefix)) return;
  const p = file.path.slice(prefix.length);
  const slash = p.lastIndexOf('/');
  for (const c of candidates(slash < 0 ? '' : p.slice(0, slash))) if (c.re.test(p)) matched.get(c.requirement).push(file);
};

let criteria;
listFloor(
  dir,
  (code, files) => {
    if (code !== 0 || files.size === 0 || !criteria) process.exitCode = 1;
    const requirements = [...matched].map(([requirement, found]) => ({ title: requirement.title, path: requirement.path, files: found }));
    process.stdout.write(JSON.stringify({ index: criteria.index, requirements }) + '\n');
  },
  { each: match },
);

// Loaded while Git lists, as the status does, and in this same turn: no entry is read before the globs exist.
criteria = require('js-yaml').load(readFileSync(path.join(dir, 'criteria.yaml'), 'utf8'));
const picomatch = require('picomatch');
const root = String(criteria.index?.evidenceRoot ?? 'evidence').replace(/\/+$/, '');
prefix = root === '.' || root === '' ? '' : `${root}/`;

/** Every part of a zip, inflated and decoded (the central directory names them; local headers place them). */
function readZip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const local = bytes.readUInt32LE(at + 42);
    const data = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const part = bytes.subarray(data, data + size);
    (method === 8 ? zlib.inflateRawSync(part) : part).toString('utf8');
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
}

const visit = (node) => {
  for (const child of node.children ?? []) visit(child);
  for (const requirement of node.evidence ?? []) {
    const base = picomatch.scan(requirement.path).base;
    const list = byBase.get(base) ?? [];
    list.push({ requirement, re: picomatch.makeRe(requirement.path) });
    byBase.set(base, list);
    matched.set(requirement, []);
  }
  if (node.measure?.data) {
    const bytes = readFileSync(path.join(dir, root, node.measure.data));
    if (node.measure.data.endsWith('.xlsx')) readZip(bytes);
    else bytes.toString('utf8');
  }
};
for (const area of criteria.criteria ?? []) visit(area);
