import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../../../src/cli/main';
import type { StatusModel } from '../../../src/core/model/types';
import { flattenCriteria } from '../../../src/core/status/computeStatus';
import { cleanupTempDirs, sampleCriteria, tempDir, writeFiles } from '../helpers';

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/ward-2025');
const CLI = path.join(ROOT, 'dist/cli.js');

async function cli(args: string[], cwd = ROOT, pretty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (s) => (out += s), err: (s) => (err += s), cwd, env: { LANG: 'C' }, pretty });
  return { code, out, err };
}

describe('reform-evidence CLI', () => {
  afterEach(cleanupTempDirs);

  it('check passes on the bundled example', async () => {
    const { code, out } = await cli(['check', EXAMPLE]);
    assert.equal(code, 0, out);
    assert.match(out, /No problems found/);
  });

  it('status --json prints the documented shape with a mix of states and consistent totals', async () => {
    const { code, out } = await cli(['status', EXAMPLE, '--json', '--as-of', '2025-11-20']);
    assert.equal(code, 0);
    const model = JSON.parse(out) as StatusModel;
    assert.equal(model.schemaVersion, 1);
    assert.equal(model.asOf, '2025-11-20');
    assert.equal(model.totals.max, 100);
    assert.equal(model.areas.length, 8);
    const all = flattenCriteria(model);
    const leaves = all.filter((n) => n.leaf);
    assert.ok(leaves.length >= 35);
    for (const n of all) {
      for (const key of ['id', 'state', 'overdue', 'maxScore', 'requirements'] as const) assert.ok(key in n, `${n.id} has ${key}`);
    }
    const states = new Set(leaves.map((n) => n.state));
    for (const s of ['missing', 'partial', 'waived']) assert.ok(states.has(s as never), `some leaf is ${s}`);
    assert.ok(leaves.some((n) => n.state === 'present' || n.state === 'committed'));
    assert.ok(leaves.some((n) => n.overdue));
    const sum = (f: (n: (typeof leaves)[number]) => number) => Math.round(leaves.reduce((s, n) => s + f(n), 0) * 1e6) / 1e6;
    // A complete leaf secures its maxScore, or for a measured leaf the score of its rate.
    assert.equal(model.totals.secured, sum((n) => (n.state === 'present' || n.state === 'committed' ? (n.measure ? (n.measure.score ?? 0) : n.maxScore) : 0)));
    assert.ok(leaves.some((n) => n.measure && n.measure.rate !== null && n.measure.periods.length === 10), 'the example measures January–October');
    assert.equal(model.totals.waived, sum((n) => (n.state === 'waived' ? n.maxScore : 0)));
    assert.equal(model.totals.secured + model.totals.atRisk + model.totals.waived, model.totals.max);
    assert.equal(model.byArea.reduce((s, a) => s + a.secured, 0), model.totals.secured);
    assert.equal(Math.round(model.byUnit.reduce((s, u) => s + u.atRisk, 0) * 1e6) / 1e6, model.totals.atRisk);
    assert.ok(model.byUnit.every((u, i, a) => i === 0 || a[i - 1].atRisk >= u.atRisk), 'units sorted by points at risk');
    assert.ok(model.tasks.some((t) => t.id === 'NV-01' && t.overdue), 'the ISO training task is overdue on 2025-11-20');
  });

  it('status --unit keeps only that unit', async () => {
    const { out } = await cli(['status', EXAMPLE, '--json', '--unit', 'TTPVHCC', '--as-of', '2025-11-20']);
    const model = JSON.parse(out) as StatusModel;
    assert.ok(flattenCriteria(model).filter((n) => n.leaf).every((n) => n.owner === 'TTPVHCC'));
    assert.deepEqual(model.byUnit.map((u) => u.id), ['TTPVHCC']);
  });

  it('prints a readable tree', async () => {
    const { out } = await cli(['status', EXAMPLE, '--as-of', '2025-11-20']);
    assert.match(out, /Secured \d+(\.\d+)?\/100/);
    assert.match(out, /NV-01/);
  });

  it('check prints problems as path:line:col and exits 1 on an error', async () => {
    const dir = tempDir();
    const text = sampleCriteria().replace('owner: VHXH\n        due: "2025-12-15"', 'owner: NOBODY\n        due: "2025-12-15"');
    writeFiles(dir, { 'criteria.yaml': text });
    const line = text.split('\n').findIndex((l) => l.includes('NOBODY')) + 1;
    const { code, out } = await cli(['check'], dir);
    assert.equal(code, 1);
    assert.ok(out.includes(`criteria.yaml:${line}:16: error RE110 Unknown unit "NOBODY"`), out);
  });

  it('finds a criteria file by its first key when it is not named criteria.yaml', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bo-chi-so-2025.yml': '# Bộ chỉ số\n' + sampleCriteria(), 'other.yaml': 'foo: 1\n' });
    const { code, out } = await cli(['check', dir]);
    assert.equal(code, 0, out);
    assert.match(out, /bo-chi-so-2025\.yml/);
  });

  it('exits 2 with a clear message for a missing path, no criteria file, a bad date or unit', async () => {
    const empty = tempDir();
    let r = await cli(['status', path.join(empty, 'nope')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /No such file or folder/);
    r = await cli(['check', empty]);
    assert.equal(r.code, 2);
    assert.match(r.err, /No criteria file found/);
    r = await cli(['status', EXAMPLE, '--as-of', '2025-13-01']);
    assert.equal(r.code, 2);
    assert.match(r.err, /Invalid date/);
    r = await cli(['status', EXAMPLE, '--unit', 'XYZ']);
    assert.equal(r.code, 2);
    r = await cli(['frobnicate']);
    assert.equal(r.code, 2);
  });

  it('--json is indented on a terminal and one line when piped, with the same data', async () => {
    for (const args of [['status', EXAMPLE, '--json', '--as-of', '2025-11-20'], ['check', EXAMPLE, '--json']]) {
      const piped = await cli(args);
      const terminal = await cli(args, ROOT, true);
      assert.equal(piped.out.split('\n').length, 2, `${args[0]}: one line and its newline`);
      assert.ok(terminal.out.startsWith('{\n  "'), 'indented by two spaces');
      assert.deepEqual(JSON.parse(piped.out), JSON.parse(terminal.out));
    }
  });

  it('the bundled bin runs end to end', () => {
    const out = execFileSync(process.execPath, [CLI, 'status', EXAMPLE, '--json', '--as-of', '2025-11-20'], { encoding: 'utf8' });
    assert.equal((JSON.parse(out) as StatusModel).totals.max, 100);
    const failed = spawnSync(process.execPath, [CLI, 'check', '/definitely/not/here'], { encoding: 'utf8' });
    assert.equal(failed.status, 2);
  });

  it('the bundled bin starts sync from its own bundle (cli-sync.js), never compiling the whole CLI', () => {
    const dir = tempDir();
    // Prints, at exit, which of our bundles this process loaded.
    const probe = `process.on('exit', () => process.stderr.write('LOADED ' + Object.keys(require.cache).map((f) => require('path').basename(f)).filter((f) => /^(cli|extension)/.test(f)).sort().join(',') + '\\n'))`;
    const sync = spawnSync(process.execPath, ['-e', `${probe}; process.argv.splice(1, 0, ${JSON.stringify(CLI)}); require(${JSON.stringify(CLI)})`, 'sync', '-C', dir], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(sync.status, 1, sync.stderr);
    assert.match(sync.stderr, /is not inside a Git repository/);
    assert.match(sync.stderr, /LOADED cli-sync\.js,cli\.js\n/);
    const check = spawnSync(process.execPath, ['-e', `${probe}; process.argv.splice(1, 0, ${JSON.stringify(CLI)}); require(${JSON.stringify(CLI)})`, 'check', '/definitely/not/here'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(check.status, 2);
    assert.match(check.stderr, /LOADED cli-main\.js,cli\.js\n/);
  });

  it('the bundled status compiles yaml and csv-parse only when it needs them (their own chunks, loaded on first use)', () => {
    const probe = `process.on('exit', () => process.stderr.write('LOADED ' + Object.keys(require.cache).map((f) => require('path').basename(f)).filter((f) => /^(cli|extension)/.test(f)).sort().join(',') + '\\n'))`;
    const bundled = (...args: string[]) => spawnSync(process.execPath, ['-e', `${probe}; process.argv.splice(1, 0, ${JSON.stringify(CLI)}); require(${JSON.stringify(CLI)})`, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    const dir = tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria() });
    const plain = bundled('status', dir, '--json', '--no-git');
    assert.equal(plain.status, 0, plain.stderr);
    assert.match(plain.stderr, /LOADED cli-main\.js,cli\.js\n/);
    // The example's data files have no quote: split without csv-parse. With a quoted header cell, csv-parse reads it.
    const copy = path.join(tempDir(), 'ward');
    cpSync(EXAMPLE, copy, { recursive: true });
    const measured = bundled('status', copy, '--json', '--no-git', '--as-of', '2025-11-20');
    assert.equal(measured.status, 0, measured.stderr);
    assert.match(measured.stderr, /LOADED cli-main\.js,cli\.js\n/);
    const rates = (out: string) => JSON.stringify(flattenCriteria(JSON.parse(out) as StatusModel).map((c) => c.measure?.rate));
    const csvFile = path.join(copy, 'evidence/3 Thủ tục hành chính/3.4 Kết quả giải quyết TTHC/Số liệu/Giải quyết đúng hạn 2025.csv');
    writeFileSync(csvFile, readFileSync(csvFile, 'utf8').replace('Tháng;', '"Tháng";'));
    const quoted = bundled('status', copy, '--json', '--no-git', '--as-of', '2025-11-20');
    assert.equal(quoted.status, 0, quoted.stderr);
    assert.match(quoted.stderr, /LOADED [^\n]*extension-csv-parse\.js/);
    // The same figures either way.
    assert.equal(rates(quoted.stdout), rates(measured.stdout));
    assert.match(rates(measured.stdout), /\d/);
    // A syntax error is read again with yaml (exact ranges).
    writeFiles(dir, { 'criteria.yaml': 'version: 1\nareas: [\n' });
    const broken = bundled('check', dir);
    assert.equal(broken.status, 1, broken.stderr);
    assert.match(broken.stdout + broken.stderr, /RE001/);
    assert.match(broken.stderr, /LOADED [^\n]*extension-yaml\.js/);
  });
});
