import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { CriteriaDoc, Problem } from '../../../../src/core/model/types';
import { blobId, loadBase, mergeExtends } from '../../../../src/core/parse/extends';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { loadCriteria, loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { reparseCriteria } from '../../../../src/core/workspace/incremental';
import { cleanupTempDirs, git, tempDir, writeFiles } from '../../helpers';
import { cityIndex, WARD } from '../../extendsFixtures';

function wardDir(ward = WARD, city = cityIndex()): string {
  const dir = tempDir('re-extends-');
  writeFiles(dir, { 'index/city.yaml': city, 'criteria.yaml': ward });
  return dir;
}

/** `CODE@line:col` (1-based) of every problem, in order. */
const located = (problems: Problem[]) => problems.map((p) => `${p.code}@${p.range.start.line + 1}:${p.range.start.character + 1}`);

/** 1-based line:col where `needle` first appears in `text`. */
function at(text: string, needle: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return `${i + 1}:${lines[i].indexOf(needle) + 1}`;
}

async function load(ward: string, city?: string): Promise<CriteriaDoc> {
  const dir = wardDir(ward, city);
  return loadCriteria(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-20', fastParse: true });
}

describe('extends: a ward on the city\'s index', () => {
  afterEach(cleanupTempDirs);

  it('takes the tree, titles, scores and requirements from the index and the ward\'s own fields from the ward', async () => {
    const doc = await load(WARD);
    assert.deepEqual(doc.problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual([...doc.byId.keys()], ['1', '1.1', '1.2', '2', '2.1', '2.2']);
    const leaf = doc.byId.get('1.1')!;
    assert.equal(leaf.title, 'Kế hoạch CCHC');
    assert.equal(leaf.maxScore, 1);
    assert.equal(leaf.owner, 'TP');
    assert.equal(leaf.due, '2025-11-30');
    assert.equal(leaf.selfScore, 1);
    assert.deepEqual(leaf.evidence.map((r) => [r.path, r.index]), [['1.1 Kế hoạch/*.pdf', 0], ['1.1 Kế hoạch/phu-luc-*.pdf', 1]]);
    // The editor goes to the ward's line for a criterion the ward writes.
    assert.equal(`${leaf.idRange.start.line + 1}:${leaf.idRange.start.character + 1}`, at(WARD, '"1.1"'));
    // Untouched criteria keep the index's owner; the waiver is the ward's.
    assert.equal(doc.byId.get('1.2')!.owner, 'VP');
    assert.equal(doc.byId.get('2.2')!.notApplicable, 'Phường không ban hành văn bản QPPL');
    assert.deepEqual(doc.tasks.map((t) => t.id), ['NV-9']);
    assert.deepEqual([...doc.units.keys()].sort(), ['TP', 'VHXH', 'VP']);
    assert.deepEqual(doc.index, {
      id: 'phuong-a', title: 'Phường A', year: 2025, evidenceRoot: 'evidence',
      extends: { path: 'index/city.yaml', id: 'city-2025', title: 'Bộ chỉ số thử nghiệm', year: 2025, version: 'v1' },
    });
  });

  it('goes through the same status path: scores, states and the index in the model', async () => {
    const dir = wardDir();
    writeFiles(dir, { 'evidence/1.1 Kế hoạch/kh.pdf': 'x', 'evidence/1.1 Kế hoạch/phu-luc-1.pdf': 'y' });
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-20', useGit: false });
    assert.deepEqual(model.totals, { max: 5, secured: 1, atRisk: 3.5, waived: 0.5, overdue: 2, criteria: 3, complete: 1, missing: 2 });
    assert.equal(model.index.extends?.version, 'v1');
    assert.equal(model.byUnit[0].id, 'VP');
    assert.ok(model.byUnit.some((u) => u.id === 'TP' && u.secured === 1));
  });

  it('uses the index file\'s Git blob id as the version when it has no index.version', async () => {
    const city = cityIndex('');
    const dir = wardDir(WARD, city);
    const doc = await loadCriteria(path.join(dir, 'criteria.yaml'));
    const expected = git(dir, 'hash-object', 'index/city.yaml').trim();
    assert.equal(doc.index.extends?.version, expected);
    assert.equal(blobId(Buffer.from(city)), expected);
  });

  it('refuses a changed title or score, an added, removed or misplaced criterion and a duplicate, each at its line', async () => {
    const ward = `reformEvidence: 1
extends: index/city.yaml
units: { VP: { name: V } }
criteria:
  - id: "1"
    title: Chỉ đạo khác
    children:
      - id: "1.1"
        maxScore: 5
  - id: "2"
    children:
      - id: "2.1"
      - id: "2.2"
      - id: "1.2"
  - id: "3.1"
    owner: VP
  - id: "1.1"
`;
    const doc = await load(ward);
    assert.deepEqual(located(doc.problems), ['RE187@6:12', 'RE188@8:7', 'RE186@9:19', 'RE189@14:13', 'RE185@15:9', 'RE100@17:9']);
    assert.match(doc.problems[1].message, /leave out "1\.2"/);
    assert.match(doc.problems[2].message, /maxScore of "1\.1" is 1 in the index/);
    // The scores stay the index's.
    assert.equal(doc.byId.get('1.1')!.maxScore, 1);
  });

  it('says it in Vietnamese too', async () => {
    const dir = wardDir(WARD.replace('  - id: "2.2"', '  - id: "9"'));
    const doc = await loadCriteria(path.join(dir, 'criteria.yaml'), { locale: 'vi' });
    assert.match(doc.problems.find((p) => p.code === 'RE185')!.message, /không có trong bộ chỉ số "city-2025"/);
  });

  it('refuses a path that leaves the ward\'s folder, by "..", absolute or through a link', async () => {
    for (const target of ['../city.yaml', '/etc/hosts', 'index/../../city.yaml']) {
      const ward = WARD.replace('extends: index/city.yaml', `extends: "${target}"`);
      const doc = await load(ward);
      assert.deepEqual(located(doc.problems), [`RE180@${at(ward, `"${target}"`)}`], target);
      assert.equal(doc.areas.length, 0);
    }
    const outside = tempDir('re-outside-');
    writeFiles(outside, { 'city.yaml': cityIndex() });
    const dir = wardDir(WARD.replace('index/city.yaml', 'link.yaml'));
    symlinkSync(path.join(outside, 'city.yaml'), path.join(dir, 'link.yaml'));
    const doc = await loadCriteria(path.join(dir, 'criteria.yaml'));
    assert.deepEqual(located(doc.problems), ['RE181@2:10']);
    assert.match(doc.problems[0].message, /link that leads outside/);
  });

  it('reports a missing index file and an index file with errors on the extends line', async () => {
    let doc = await load(WARD.replace('index/city.yaml', 'index/none.yaml'));
    assert.deepEqual(located(doc.problems), ['RE181@2:10']);
    assert.match(doc.problems[0].message, /"index\/none\.yaml": no such file/);
    doc = await load(WARD, cityIndex().replace('maxScore: 3', 'maxScore: 4'));
    const errors = doc.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(located(errors), ['RE182@2:10']);
    assert.match(errors[0].message, /The index file "index\/city\.yaml" has 1 error\(s\); the first: index\/city\.yaml:\d+:\d+: RE121/);
    assert.equal(doc.file, errors[0].file);
  });

  it('refuses a cycle and a second level, with the chain', async () => {
    let doc = await load(WARD.replace('index/city.yaml', 'criteria.yaml'));
    assert.deepEqual(located(doc.problems), ['RE183@2:10']);
    const dir = tempDir('re-cycle-');
    const pointing = (to: string) => `reformEvidence: 1\nextends: ${to}\nunits: { VP: { name: V } }\n`;
    writeFiles(dir, { 'criteria.yaml': pointing('b.yaml'), 'b.yaml': pointing('criteria.yaml'), 'c.yaml': pointing('d.yaml'), 'd.yaml': cityIndex() });
    doc = await loadCriteria(path.join(dir, 'criteria.yaml'));
    assert.deepEqual(located(doc.problems), ['RE183@2:10']);
    assert.match(doc.problems[0].message, /criteria\.yaml → b\.yaml → criteria\.yaml/);
    writeFiles(dir, { 'criteria.yaml': pointing('c.yaml') });
    doc = await loadCriteria(path.join(dir, 'criteria.yaml'));
    assert.deepEqual(located(doc.problems), ['RE184@2:10']);
  });

  it('reads the same with the fast reader and with yaml', async () => {
    const dir = wardDir();
    const file = path.join(dir, 'criteria.yaml');
    const ward = WARD.replace('  - id: "2.2"', '  - id: "9"\n  - id: "2.2"');
    const fast = parseCriteria(ward, file, { fast: true });
    const slow = parseCriteria(ward, file, { fast: false });
    const [baseFast, baseSlow] = await Promise.all([loadBase(fast, { fast: true }), loadBase(slow, { fast: false })]);
    assert.deepEqual(baseFast, baseSlow);
    const a = mergeExtends(fast, baseFast);
    const b = mergeExtends(slow, baseSlow);
    assert.deepEqual(a, b);
    assert.deepEqual(located(a.problems), [`RE185@${at(ward, '"9"')}`]);
  });

  it('re-merges an edited ward with the index already read, and reloads for another index file', async () => {
    const dir = wardDir();
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-10-20', useGit: false });
    const edited = reparseCriteria(loaded, WARD.replace('owner: TP', 'owner: VP'), { asOf: '2025-10-20' });
    assert.equal(edited.kind, 'parsed');
    if (edited.kind === 'parsed') {
      assert.equal(edited.loaded.doc.byId.get('1.1')!.owner, 'VP');
      assert.equal(edited.loaded.model.totals.max, 5);
    }
    assert.equal(reparseCriteria(loaded, WARD.replace('index/city.yaml', 'index/other.yaml'), { asOf: '2025-10-20' }).kind, 'relist');
  });
});
