// Property-based tests (fast-check) of the parser, the matcher and the status model: random criteria trees,
// valid or not, and random file sets never make them throw, and the status does not depend on file order
// or on the Unicode form of names.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { compileRequirements, matchAll } from '../../../../src/core/evidence/match';
import type { CriterionStatus, EvidenceFile, GitFileState, StatusModel, Totals } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { computeStatus } from '../../../../src/core/status/computeStatus';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, tempDir } from '../../helpers';

const FILE = '/ward/criteria.yaml';
const UNITS = ['VP', 'VHXH', 'KTHTDT'];
// Folder and file names with Vietnamese letters: their NFC and NFD forms differ.
const FOLDERS = ['Kế hoạch', 'Báo cáo', 'Quyết định', 'ISO', 'Tuyên truyền'];
const NAMES = ['kế hoạch', 'báo cáo quý', 'danh sách', 'biên bản', 'quyết định số 1'];
const EXTS = ['pdf', 'docx', 'xlsx'];

const score = fc.constantFrom(0.25, 0.5, 1, 1.5, 2, 3);
const glob = fc.oneof(
  fc.tuple(fc.constantFrom(...FOLDERS), fc.constantFrom(...EXTS)).map(([f, e]) => `${f}/*.${e}`),
  fc.constantFrom(...FOLDERS).map((f) => `${f}/**/*`),
  fc.tuple(fc.constantFrom(...FOLDERS), fc.constantFrom(...NAMES), fc.constantFrom(...EXTS)).map(([f, n, e]) => `${f}/${n}.${e}`),
  fc.constant('**/*.pdf'),
);
const requirement = fc.record({ title: fc.constantFrom('Kế hoạch', 'Báo cáo', '<b>HTML</b>'), path: glob, min: fc.integer({ min: 1, max: 3 }) });
const leafFields = fc.record(
  {
    title: fc.string({ minLength: 1, maxLength: 12 }),
    maxScore: score,
    owner: fc.constantFrom(...UNITS),
    due: fc.constantFrom('2025-03-31', '2025-06-30', '2025-12-15'),
    notApplicable: fc.constant('Không áp dụng'),
    evidence: fc.array(requirement, { maxLength: 3 }),
  },
  { requiredKeys: ['title', 'maxScore', 'owner', 'evidence'] },
);

/** A criteria tree shape: a leaf, or a parent with children (depth limited). */
type Shape = { leaf: Record<string, unknown> } | { children: Shape[] };
const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafFields.map((leaf) => ({ leaf })), fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((children) => ({ children }))),
})).node;

/** Gives dotted ids to a shape, as a criteria file writes them. */
function toCriteria(shapes: Shape[], parentId?: string): unknown[] {
  return shapes.map((s, i) => {
    const id = parentId ? `${parentId}.${i + 1}` : String(i + 1);
    return 'leaf' in s ? { id, ...s.leaf } : { id, title: `Nhóm ${id}`, children: toCriteria(s.children, id) };
  });
}

const taskArb = fc.record({
  title: fc.string({ minLength: 1, maxLength: 10 }),
  owner: fc.constantFrom(...UNITS),
  due: fc.constantFrom('2025-02-01', '2025-09-30'),
  criteria: fc.array(fc.constantFrom('1', '1.1', '2', '2.1.1', '9.9'), { maxLength: 3 }).map((ids) => [...new Set(ids)]),
  evidence: fc.array(requirement, { maxLength: 2 }),
});

const docArb = fc.record({ areas: fc.array(shape, { minLength: 1, maxLength: 5 }), tasks: fc.array(taskArb, { maxLength: 4 }) }).map(({ areas, tasks }) => ({
  reformEvidence: 1,
  index: { id: 'prop-2025', title: 'Thử nghiệm', year: 2025, evidenceRoot: 'evidence' },
  units: Object.fromEntries(UNITS.map((u) => [u, { name: `Đơn vị ${u}` }])),
  criteria: toCriteria(areas),
  tasks: tasks.map((t, i) => ({ id: `NV-${String(i + 1).padStart(2, '0')}`, ...t })),
}));

const fileArb = fc
  .record({
    folder: fc.constantFrom(...FOLDERS, 'Khác'),
    sub: fc.option(fc.constantFrom('2025', 'quý 1'), { nil: undefined }),
    name: fc.constantFrom(...NAMES),
    n: fc.integer({ min: 0, max: 3 }),
    ext: fc.constantFrom(...EXTS),
    git: fc.constantFrom<GitFileState>('committed', 'modified', 'untracked', 'none'),
  })
  .map(({ folder, sub, name, n, ext, git }): EvidenceFile => ({ path: [folder, sub, `${name}${n ? ` ${n}` : ''}.${ext}`].filter(Boolean).join('/'), git }));
const filesArb = fc.uniqueArray(fileArb, { selector: (f) => f.path, maxLength: 40 });

function statusOf(text: string, files: EvidenceFile[]): StatusModel {
  const doc = parseCriteria(text, FILE);
  return computeStatus(doc, matchAll(compileRequirements(doc), files), { asOf: '2025-07-01', git: true });
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;
const SCORE_KEYS = ['max', 'secured', 'atRisk', 'waived'] as const;
const COUNT_KEYS = ['criteria', 'complete', 'missing'] as const;

function sum(list: Totals[], key: keyof Totals): number {
  return list.reduce((total, t) => total + t[key], 0);
}

function checkNode(node: CriterionStatus): void {
  assert.ok(close(node.totals.secured + node.totals.atRisk + node.totals.waived, node.totals.max), `node ${node.id}: secured + atRisk + waived = max`);
  if (node.children.length === 0) return;
  for (const key of [...SCORE_KEYS, ...COUNT_KEYS, 'overdue'] as const) {
    assert.ok(close(sum(node.children.map((c) => c.totals), key), node.totals[key]), `node ${node.id}: children add up for ${key}`);
  }
  node.children.forEach(checkNode);
}

describe('property-based: parser, matcher and status model', function () {
  this.timeout(120000);
  after(cleanupTempDirs);

  it('parseCriteria never throws on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 })), (text) => {
        const doc = parseCriteria(text, FILE);
        assert.ok(Array.isArray(doc.problems));
      }),
      { numRuns: 300 },
    );
  });

  it('parseCriteria never throws on criteria trees with any value in any field', () => {
    // Any field may hold any value (wrong types, nesting, prototype keys): problems, never an exception.
    const hostile = fc.anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true, key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'id', 'children', 'evidence')) });
    const mutated = fc.tuple(docArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom('title', 'maxScore', 'owner', 'evidence', 'children', 'id', 'min', 'path', 'units', 'criteria'), hostile), { maxLength: 5 })).map(([doc, edits]) => {
      const objects: Array<Record<string, unknown>> = [];
      const collect = (value: unknown) => {
        if (value && typeof value === 'object') {
          if (!Array.isArray(value)) objects.push(value as Record<string, unknown>);
          Object.values(value).forEach(collect);
        }
      };
      collect(doc);
      for (const [at, key, value] of edits) objects[at % objects.length][key] = value;
      return doc;
    });
    fc.assert(
      fc.property(mutated, (doc) => {
        let text: string;
        try {
          text = stringify(doc);
        } catch {
          return; // not representable as YAML: nothing to parse
        }
        const parsed = parseCriteria(text, FILE);
        assert.ok(Array.isArray(parsed.problems));
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('random valid trees parse without errors, and matchAll + computeStatus never throw', () => {
    fc.assert(
      fc.property(docArb, filesArb, (doc, files) => {
        const text = stringify(doc);
        const parsed = parseCriteria(text, FILE);
        const errors = parsed.problems.filter((p) => p.severity === 'error' && p.code !== 'RE111' && p.code !== 'RE121');
        assert.deepEqual(errors, [], text);
        statusOf(text, files);
      }),
      { numRuns: 200 },
    );
  });

  it('the status is the same whatever order the files are listed in', () => {
    fc.assert(
      fc.property(docArb, filesArb, fc.infiniteStream(fc.nat()), (doc, files, randoms) => {
        const text = stringify(doc);
        const shuffled = files.map((f) => ({ f, k: randoms.next().value as number })).sort((a, b) => a.k - b.k).map((x) => x.f);
        assert.deepEqual(statusOf(text, shuffled), statusOf(text, files));
        assert.deepEqual(statusOf(text, [...files].reverse()), statusOf(text, files));
      }),
      { numRuns: 150 },
    );
  });

  it('NFC and NFD forms of the criteria file give the same status', () => {
    fc.assert(
      fc.property(docArb, filesArb, (doc, files) => {
        const text = stringify(doc);
        const nfc = statusOf(text.normalize('NFC'), files);
        const nfd = statusOf(text.normalize('NFD'), files);
        // Titles keep the form they were written in; states, scores and matched files must not change.
        const strip = (m: StatusModel) => JSON.parse(JSON.stringify(m, (key, value: unknown) => (['title', 'name', 'notApplicable', 'source'].includes(key) ? undefined : value))) as unknown;
        assert.deepEqual(strip(nfd), strip(nfc));
      }),
      { numRuns: 100 },
    );
  });

  it('NFC and NFD file names on disk give the same status', async () => {
    await fc.assert(
      fc.asyncProperty(docArb, fc.uniqueArray(fileArb, { selector: (f) => f.path, maxLength: 12 }), async (doc, files) => {
        const text = stringify(doc);
        const models: unknown[] = [];
        for (const form of ['NFC', 'NFD'] as const) {
          const dir = tempDir('re-prop-');
          writeFileSync(path.join(dir, 'criteria.yaml'), text);
          for (const f of files) {
            const full = path.join(dir, 'evidence', f.path.normalize(form));
            mkdirSync(path.dirname(full), { recursive: true });
            writeFileSync(full, 'x');
          }
          const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { useGit: false, asOf: '2025-07-01' });
          models.push(JSON.parse(JSON.stringify({ areas: loaded.model.areas, tasks: loaded.model.tasks, totals: loaded.model.totals })));
        }
        assert.deepEqual(models[1], models[0]);
      }),
      { numRuns: 15 },
    );
  });

  it('totals add up: secured + atRisk + waived = max everywhere; areas, units and children sum to their totals', () => {
    fc.assert(
      fc.property(docArb, filesArb, (doc, files) => {
        const model = statusOf(stringify(doc), files);
        const t = model.totals;
        assert.ok(close(t.secured + t.atRisk + t.waived, t.max), 'index: secured + atRisk + waived = max');
        for (const key of [...SCORE_KEYS, ...COUNT_KEYS] as const) {
          assert.ok(close(sum(model.byArea, key), t[key]), `areas add up for ${key}`);
          // Every generated leaf is owned by a declared unit, so the units cover every point.
          assert.ok(close(sum(model.byUnit, key), t[key]), `units add up for ${key}`);
        }
        assert.equal(t.overdue, sum(model.byArea, 'overdue') + model.tasks.filter((task) => task.overdue).length, 'overdue = leaves + tasks');
        for (const unit of model.byUnit) assert.ok(close(unit.secured + unit.atRisk + unit.waived, unit.max), `unit ${unit.id}`);
        model.areas.forEach(checkNode);
      }),
      { numRuns: 200 },
    );
  });
});
