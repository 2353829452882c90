// The portfolio's cache of parses (src/core/workspace/parseCache.ts): a parse answered from it must be the parse of
// the ward's own file, its path and problems included, and what a ward's load does to its copy must not reach the
// cache or another ward.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Locale } from '../../../../src/core/i18n/messages';
import { parseCriteriaBytes } from '../../../../src/core/parse/readCriteriaFile';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { createParseCache } from '../../../../src/core/workspace/parseCache';
import { cityIndex, WARD } from '../../extendsFixtures';
import { cleanupTempDirs, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../../../..');
const AS_OF = '2025-10-20';

/** Every criteria text the tests know: the example, the corpus of broken files, the fixtures, invalid UTF-8. */
function texts(): Array<[string, Uint8Array]> {
  const corpus = path.join(ROOT, 'test/corpus/files');
  return [
    ['example', readFileSync(path.join(ROOT, 'examples/ward-2025/criteria.yaml'))],
    ...readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).map((f): [string, Uint8Array] => [f, readFileSync(path.join(corpus, f))]),
    ['sample', Buffer.from(sampleCriteria())],
    ['sample with a bad date and an unknown unit', Buffer.from(sampleCriteria().replace('due: "2025-12-15"', 'due: "2025-13-40"').replace('owner: VP\n', 'owner: NOBODY\n'))],
    ['ward extending', Buffer.from(WARD)],
    ['city index', Buffer.from(cityIndex())],
    ['invalid UTF-8', Buffer.concat([Buffer.from(sampleCriteria().slice(0, 200)), Buffer.from([0xff, 0xfe]), Buffer.from(sampleCriteria().slice(200))])],
  ];
}

const STANDARD = new Set<unknown>([Object.prototype, Array.prototype, Map.prototype, null]);

/**
 * The document as plain data, with an unusual prototype as a key (none is expected: a `__proto__:` key of the file
 * is an own field, prototype-keys.yaml), and own `__proto__` keys kept as keys.
 */
function plain(value: unknown): unknown {
  if (value instanceof Map) return { map: [...value].map(([k, v]) => [k, plain(v)]) };
  if (Array.isArray(value)) return value.map(plain);
  if (!value || typeof value !== 'object') return value;
  const proto: unknown = Object.getPrototypeOf(value);
  const out: Record<string, unknown> = STANDARD.has(proto) ? {} : { '[[prototype]]': plain(proto) };
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: plain(v), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('cache of parses (the portfolio)', () => {
  afterEach(cleanupTempDirs);

  it('gives each file what a fresh parse of it gives (path, baseDir, problems placed in it), whichever file was parsed first', () => {
    const options: Array<{ locale: Locale; fast: boolean }> = [{ locale: 'en', fast: true }, { locale: 'en', fast: false }, { locale: 'vi', fast: true }];
    let withProblems = 0;
    for (const [label, bytes] of texts()) {
      for (const o of options) {
        const cache = createParseCache();
        const first = cache.parseBytes(bytes, '/city/phuong-a/criteria.yaml', o);
        const second = cache.parseBytes(bytes, '/city/quan-1/phuong-b/criteria.yaml', o);
        assert.deepEqual(plain(first), plain(parseCriteriaBytes(bytes, '/city/phuong-a/criteria.yaml', o)), `${label} ${JSON.stringify(o)}: first`);
        assert.deepEqual(plain(second), plain(parseCriteriaBytes(bytes, '/city/quan-1/phuong-b/criteria.yaml', o)), `${label} ${JSON.stringify(o)}: from the cache`);
        assert.equal(second.baseDir, '/city/quan-1/phuong-b');
        assert.ok(second.problems.every((p) => p.file === '/city/quan-1/phuong-b/criteria.yaml'), label);
        assert.deepEqual([cache.parsed, cache.reused], [1, 1], label);
        if (second.problems.length > 0) withProblems++;
      }
    }
    assert.ok(withProblems > 40, `${withProblems} texts with problems compared`);
  });

  it('parses again what differs in the bytes, the locale or the reading; keeps a bounded number of texts', () => {
    const cache = createParseCache(2);
    const bytes = Buffer.from(sampleCriteria().replace('owner: VP\n', 'owner: NOBODY\n'));
    const en = cache.parseBytes(bytes, '/a/criteria.yaml', { fast: true });
    const vi = cache.parseBytes(bytes, '/a/criteria.yaml', { fast: true, locale: 'vi' });
    assert.notEqual(en.problems[0].message, vi.problems[0].message);
    cache.parseBytes(bytes, '/a/criteria.yaml', { fast: false });
    cache.parseBytes(Buffer.from(sampleCriteria()), '/a/criteria.yaml', { fast: true });
    assert.deepEqual([cache.parsed, cache.reused], [4, 0]);
    // Two kept: the first two were dropped, the last two are still there.
    cache.parseBytes(bytes, '/a/criteria.yaml', { fast: false });
    cache.parseBytes(bytes, '/a/criteria.yaml', { fast: true });
    assert.deepEqual([cache.parsed, cache.reused], [5, 1]);
  });

  it('wards loaded through the cache equal wards loaded alone, and leave the cached parse as parsed', async () => {
    const city = tempDir('re-parse-cache-');
    // Two wards with the same broken file (problems of the parse), two that extend the same index (each its own
    // copy, as a clone has) with a date that does not exist (a problem of the merge, in the ward's file).
    const broken = sampleCriteria().replace('owner: VP\n', 'owner: NOBODY\n').replace('due: "2025-12-15"', 'due: "2025-13-40"');
    const measured = WARD.replace('due: "2025-11-30"', 'due: "2025-11-31"').replace('tasks:', `  - id: "2.1"\n    evidence:\n      - { title: Thêm, path: "2.1/them-*.pdf" }\ntasks:`);
    for (const w of ['a', 'b']) writeFiles(city, { [`${w}/criteria.yaml`]: broken, [`${w}/evidence/1.1 Kế hoạch/kh.pdf`]: 'x' });
    for (const w of ['c', 'd']) writeFiles(city, { [`${w}/criteria.yaml`]: measured, [`${w}/index/city.yaml`]: cityIndex(), [`${w}/evidence/2.1/them-1.pdf`]: 'x' });
    const cache = createParseCache();
    for (const w of ['a', 'b', 'c', 'd', 'a', 'c']) {
      const file = path.join(city, w, 'criteria.yaml');
      const options = { asOf: AS_OF, fastParse: true, summaryOnly: true, useGit: false };
      const cached = await loadWorkspace(file, { ...options, parseCache: cache });
      const alone = await loadWorkspace(file, options);
      assert.deepEqual(cached.doc, alone.doc, w);
      assert.deepEqual(cached.model, alone.model, w);
      assert.ok(alone.doc.problems.length > 0, `${w}: the ward has problems to compare`);
      assert.ok(cached.doc.problems.every((p) => p.file.startsWith(path.join(city, w) + path.sep)), `${w}: problems in its own files`);
    }
    // Three texts (the broken file, the ward that extends, the index), each parsed once.
    assert.deepEqual([cache.parsed, cache.reused], [3, 6]);
    const again = createParseCache();
    const bytes = Buffer.from(broken);
    const template = again.parseBytes(bytes, '/x/criteria.yaml', { fast: true });
    // Within a copy, byId names the nodes of its own tree.
    assert.equal(template.byId.get('1.1'), template.areas[0].children[0]);
    template.problems.push(template.problems[0]);
    template.areas[0].children[0].evidence[0].valid = false;
    template.byId.get('1.2')!.fields.owner = { start: { line: 9, character: 9 }, end: { line: 9, character: 9 } };
    assert.deepEqual(again.parseBytes(bytes, '/x/criteria.yaml', { fast: true }), parseCriteriaBytes(bytes, '/x/criteria.yaml', { fast: true }), 'a copy changed leaves the cached parse alone');
  });
});
