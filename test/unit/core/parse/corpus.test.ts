// Runs every hostile or broken criteria file of test/corpus through the core and the CLI: the expected
// problems at their places, the valid parts still loaded, no throw, no hang, no prototype pollution.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CriteriaDoc, Problem } from '../../../../src/core/model/types';
import { loadCriteria, loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, tempDir } from '../../helpers';

const repoRoot = path.resolve(__dirname, '../../../../..');
const corpusDir = path.join(repoRoot, 'test/corpus');
const cli = path.join(repoRoot, 'dist/cli.js');

interface CorpusCase {
  name: string;
  what: string;
  file?: string;
  generate?: string;
  codes: string[];
  at: Array<{ code: string; line: number | null; col: number | null }>;
  exit: number;
  areas?: number;
  maxMs: number;
  doc?: Array<{ at: string; equals: unknown }>;
  workspace?: { criterion: string; files?: string[]; count?: number };
}

const manifest = JSON.parse(readFileSync(path.join(corpusDir, 'manifest.json'), 'utf8')) as { cases: CorpusCase[] };

const HEADER = `reformEvidence: 1
index: { id: corpus-2025, title: Corpus, year: 2025, evidenceRoot: evidence }
units:
  VP: { name: Văn phòng }
criteria:
`;
function leaf(id: string, title: string, glob: string): string {
  return `  - id: "${id}"\n    title: ${title}\n    maxScore: 1\n    owner: VP\n    evidence:\n      - { title: Tài liệu, path: "${glob}" }\n`;
}
const VALID_SECOND = leaf('9', 'Phần hợp lệ', '9/*.pdf');

function deepCriteria(levels: number): string {
  let text = HEADER;
  let id = '1';
  let indent = '  ';
  for (let i = 0; i < levels; i++) {
    text += `${indent}- id: "${id}"\n${indent}  title: L${i}\n${indent}  children:\n`;
    indent += '    ';
    id += '.1';
  }
  return text + `${indent}- { id: "${id}", title: leaf, maxScore: 1, owner: VP, evidence: [{ title: x, path: a }] }\n`;
}

/** Writes the case's criteria file (and evidence) into a fresh folder; returns the criteria file. */
function generate(name: string): string {
  const dir = tempDir('re-corpus-');
  const file = path.join(dir, 'criteria.yaml');
  const evidence = path.join(dir, 'evidence');
  switch (name) {
    case 'file-20mb': {
      const filler = `  # ${'x'.repeat(1000)}\n`;
      writeFileSync(file, HEADER + filler.repeat(Math.ceil((20 * 1024 * 1024) / filler.length)));
      break;
    }
    case 'nul-bytes':
      writeFileSync(file, HEADER + leaf('1', 'Kế\u0000hoạch', '1/*.pdf') + VALID_SECOND);
      break;
    case 'invalid-utf8': {
      const [before, after] = (HEADER + leaf('1', 'Kế@hoạch', '1/*.pdf') + VALID_SECOND).split('@');
      writeFileSync(file, Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe]), Buffer.from(after)]));
      break;
    }
    case 'deep-nesting-200':
      writeFileSync(file, deepCriteria(200));
      break;
    case 'flow-nesting-5000':
      writeFileSync(file, `reformEvidence: 1\ncriteria: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
      break;
    case 'symlink-outside': {
      const outside = tempDir('re-outside-');
      writeFileSync(path.join(outside, 'secret.pdf'), 'not evidence of this ward');
      writeFileSync(file, HEADER + leaf('1', 'Kế hoạch', '1/*.pdf'));
      mkdirSync(path.join(evidence, '1'), { recursive: true });
      writeFileSync(path.join(evidence, '1/real.pdf'), 'evidence');
      symlinkSync('real.pdf', path.join(evidence, '1/inner.pdf'));
      symlinkSync(path.join(outside, 'secret.pdf'), path.join(evidence, '1/outside.pdf'));
      symlinkSync(path.join(outside, 'missing.pdf'), path.join(evidence, '1/dangling.pdf'));
      break;
    }
    case 'evidence-root-symlink': {
      const outside = tempDir('re-outside-');
      mkdirSync(path.join(outside, '1'));
      writeFileSync(path.join(outside, '1/secret.pdf'), 'not evidence of this ward');
      writeFileSync(file, HEADER + leaf('1', 'Kế hoạch', '1/*.pdf'));
      symlinkSync(outside, evidence);
      break;
    }
    case 'glob-100k-files': {
      writeFileSync(file, HEADER + leaf('1', 'Mọi tệp', '**/*.pdf'));
      for (let d = 0; d < 100; d++) {
        const folder = path.join(evidence, `hồ sơ ${d}`);
        mkdirSync(folder, { recursive: true });
        for (let i = 0; i < 1000; i++) writeFileSync(path.join(folder, `tệp ${i}.pdf`), '');
      }
      break;
    }
    default:
      throw new Error(`no generator for ${name}`);
  }
  return file;
}

function located(problems: Problem[]): string[] {
  return problems.map((p) => `${p.code}@${p.range.start.line + 1}:${p.range.start.character + 1}`);
}

function valueAt(doc: CriteriaDoc, pointer: string): unknown {
  let current: unknown = doc;
  for (const key of pointer.split('/')) current = current === undefined || current === null ? undefined : (current as Record<string, unknown>)[key];
  return current;
}

/** Codes only a full load reports (they need the evidence folder), never `check`. */
const WORKSPACE_ONLY = new Set(['RE204', 'RE205', 'RE207']);

describe('bad-input corpus', function () {
  this.timeout(180000);
  after(cleanupTempDirs);

  it('has at least 40 cases, each with a file or a generator', () => {
    assert.ok(manifest.cases.length >= 40, `${manifest.cases.length} cases`);
    for (const c of manifest.cases) assert.ok(c.file || c.generate, c.name);
  });

  for (const c of manifest.cases) {
    it(`${c.name}: ${c.what}`, async () => {
      const file = c.file ? path.join(corpusDir, c.file) : generate(c.generate!);

      const started = performance.now();
      const doc = await loadCriteria(file);
      const loaded = await loadWorkspace(file, { useGit: false, asOf: '2025-06-30' });
      const elapsed = performance.now() - started;
      assert.ok(elapsed < c.maxMs, `${c.name} took ${elapsed.toFixed(0)} ms (bound ${c.maxMs} ms)`);

      const problems = c.workspace ? loaded.doc.problems : doc.problems;
      const actual = located(problems);
      assert.deepEqual(problems.map((p) => p.code).sort(), c.codes, `codes of ${c.name}: ${actual.join(' ')}`);
      for (const expected of c.at) {
        const hit = problems.some(
          (p) => p.code === expected.code && (expected.line === null || p.range.start.line + 1 === expected.line) && (expected.col === null || p.range.start.character + 1 === expected.col),
        );
        assert.ok(hit, `${c.name}: expected ${expected.code}@${expected.line}:${expected.col}, got ${actual.join(' ')}`);
      }
      for (const p of problems) assert.ok(p.message.length > 0 && !p.message.includes('{0}'), `${c.name}: message of ${p.code}`);
      if (c.areas !== undefined) assert.equal(doc.areas.length, c.areas, `areas of ${c.name}`);
      for (const check of c.doc ?? []) assert.deepEqual(valueAt(doc, check.at), check.equals, `${c.name}: ${check.at}`);

      // Whatever the input, the model is consistent: finite totals that add up.
      const totals = loaded.model.totals;
      for (const value of Object.values(totals)) assert.ok(Number.isFinite(value), `${c.name}: finite totals`);
      assert.ok(Math.abs(totals.secured + totals.atRisk + totals.waived - totals.max) < 1e-6, `${c.name}: secured + atRisk + waived = max`);

      if (c.workspace) {
        const leafStatus = loaded.model.areas.find((a) => a.id === c.workspace!.criterion);
        assert.ok(leafStatus, `criterion ${c.workspace.criterion}`);
        const files = leafStatus.requirements.flatMap((r) => r.files.map((f) => f.path));
        if (c.workspace.files) assert.deepEqual(files, c.workspace.files);
        if (c.workspace.count !== undefined) assert.equal(files.length, c.workspace.count);
      }

      // The command line on the same file, in a child process with a time limit: a hang fails instead of blocking.
      const run = spawnSync(process.execPath, [cli, 'check', file], { encoding: 'utf8', timeout: Math.max(c.maxMs, 5000) + 15000, env: { ...process.env, LANG: 'C' } });
      assert.equal(run.error, undefined, `${c.name}: CLI ${String(run.error)}`);
      assert.equal(run.status, c.exit, `${c.name}: exit code\n${run.stdout}${run.stderr}`);
      assert.doesNotMatch(run.stderr, /internal error|at .*\.js:\d+/, `${c.name}: no crash`);
      const printed = c.codes.filter((code) => !WORKSPACE_ONLY.has(code));
      for (const code of printed) assert.match(run.stdout, new RegExp(` (error|warning) ${code} `), `${c.name}: CLI prints ${code}`);
      for (const expected of c.at.filter((a) => !WORKSPACE_ONLY.has(a.code) && a.line !== null)) {
        assert.ok(run.stdout.includes(`:${expected.line}:${expected.col}: `) , `${c.name}: CLI location ${expected.line}:${expected.col}`);
      }
    });
  }

  it('no criteria file pollutes Object.prototype', () => {
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });
});
