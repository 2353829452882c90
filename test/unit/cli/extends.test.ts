import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { StatusModel } from '../../../src/core/model/types';
import type { Portfolio } from '../../../src/core/portfolio/portfolio';
import { cli } from '../gitHelpers';
import { cleanupTempDirs, tempDir, writeFiles } from '../helpers';
import { cityIndex, WARD } from '../extendsFixtures';

const AS_OF = '2025-10-20';
const EXAMPLE = path.resolve(__dirname, '../../../../examples/ward-extends');

describe('reform-evidence CLI with extends', () => {
  afterEach(cleanupTempDirs);

  it('status reads a ward on the city\'s index: the index\'s tree and scores, the ward\'s owners, the index it extends', async () => {
    const dir = tempDir('re-cli-extends-');
    writeFiles(dir, { 'index/city.yaml': cityIndex(), 'criteria.yaml': WARD, 'evidence/1.1 Kế hoạch/kh.pdf': 'x', 'evidence/1.1 Kế hoạch/phu-luc-1.pdf': 'y' });
    const json = await cli(['status', dir, '--json', '--as-of', AS_OF], dir);
    assert.equal(json.code, 0, json.err);
    const model = JSON.parse(json.out) as StatusModel;
    assert.deepEqual(model.index.extends, { path: 'index/city.yaml', id: 'city-2025', title: 'Bộ chỉ số thử nghiệm', year: 2025, version: 'v1' });
    assert.deepEqual(model.totals, { max: 5, secured: 1, atRisk: 3.5, waived: 0.5, overdue: 2, criteria: 3, complete: 1, missing: 2 });
    const leaf = model.areas[0].children[0];
    assert.deepEqual([leaf.id, leaf.owner, leaf.requirements.length], ['1.1', 'TP', 2]);
    const text = await cli(['status', dir, '--as-of', AS_OF], dir);
    assert.match(text.out, /1\.1 Kế hoạch CCHC .*\[TP\]/);

    // The same ward changing a score of the index: an error at its line, in the ward's file.
    writeFiles(dir, { 'criteria.yaml': WARD.replace('    selfScore: 1\n', '    selfScore: 1\n    maxScore: 2\n') });
    const check = await cli(['check', dir], dir);
    assert.notEqual(check.code, 0);
    assert.match(check.out + check.err, /criteria\.yaml:12:15: error RE186 maxScore of "1\.1" is 1 in the index/);
  });

  it('check passes on the example of a ward on the city\'s index, and status scores it on the index', async () => {
    const check = await cli(['check', EXAMPLE], EXAMPLE);
    assert.equal(check.code, 0, check.out + check.err);
    const model = JSON.parse((await cli(['status', EXAMPLE, '--json', '--as-of', '2025-11-20'], EXAMPLE)).out) as StatusModel;
    assert.deepEqual([model.index.id, model.index.extends?.id, model.index.extends?.version], ['phuong-binh-minh-2025', 'thanh-pho-2025', '2025.1']);
    assert.deepEqual([model.totals.max, model.totals.secured, model.totals.waived], [4, 1, 0.5]);
  });

  it('portfolio lists wards with the index version they extend and ranks two versions apart, saying so', async () => {
    const root = tempDir('re-city-versions-');
    const ward = (id: string) => WARD.replace('id: phuong-a', `id: ${id}`);
    writeFiles(root, {
      'phuong-a/index/city.yaml': cityIndex('v1'), 'phuong-a/criteria.yaml': ward('phuong-a'), 'phuong-a/evidence/1.1 Kế hoạch/kh.pdf': 'x', 'phuong-a/evidence/1.1 Kế hoạch/phu-luc-1.pdf': 'y',
      'phuong-b/index/city.yaml': cityIndex('v1'), 'phuong-b/criteria.yaml': ward('phuong-b'),
      'phuong-c/index/city.yaml': cityIndex('v2'), 'phuong-c/criteria.yaml': ward('phuong-c'),
    });
    const json = await cli(['portfolio', root, '--json', '--as-of', AS_OF], root);
    assert.equal(json.code, 0, json.err);
    const p = JSON.parse(json.out) as Portfolio;
    assert.deepEqual(p.indexes, [{ id: 'city-2025', year: 2025, version: 'v1', wards: 2 }, { id: 'city-2025', year: 2025, version: 'v2', wards: 1 }]);
    assert.deepEqual(p.wards.map((w) => [w.path, w.index.id, w.index.extends?.version, w.rank]), [['phuong-a', 'phuong-a', 'v1', 1], ['phuong-b', 'phuong-b', 'v1', 2], ['phuong-c', 'phuong-c', 'v2', 1]]);
    const md = await cli(['portfolio', root, '--as-of', AS_OF], root);
    assert.match(md.out, /The index city-2025 \(2025\) is used in 2 versions \(v1, v2\): wards on different versions are listed but not ranked against each other\./);
    assert.match(md.out, /\| 1 \| phuong-c \| city-2025 \(2025\) version v2, from index\/city\.yaml \|/);
    const vi = await cli(['portfolio', root, '--as-of', AS_OF, '--lang', 'vi'], root);
    assert.match(vi.out, /được dùng với 2 phiên bản/);
  });

  it('portfolio ranks a ward\'s own file apart from wards extending an index of the same id', async () => {
    const root = tempDir('re-city-own-');
    writeFiles(root, {
      'phuong-a/index/city.yaml': cityIndex('v1'), 'phuong-a/criteria.yaml': WARD,
      'phuong-b/criteria.yaml': cityIndex('v1'),
    });
    const p = JSON.parse((await cli(['portfolio', root, '--json', '--as-of', AS_OF], root)).out) as Portfolio;
    assert.deepEqual(p.wards.map((w) => w.rank), [1, 1]);
    assert.equal(p.indexes.length, 2);
    const md = await cli(['portfolio', root, '--as-of', AS_OF], root);
    assert.match(md.out, /used in 2 versions \(a ward's own file, v1\)/);
    assert.ok(path.isAbsolute(p.root));
  });
});
