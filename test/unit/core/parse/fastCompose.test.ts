// The CLI's fast reading (js-yaml events, src/core/parse/fastCompose.ts) must give the very document the
// `yaml` reading gives, or decline. Compared on the example, every corpus file, tricky snippets, and random
// criteria files written in many YAML styles. Node ranges are compared in fastRanges.test.ts.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument, stringify, type ToStringOptions } from 'yaml';
import { markOf, type Mark } from '../../../../src/core/evidence/marks';
import { compileRequirements, matchAll, type CompiledRequirement, type MatchState } from '../../../../src/core/evidence/match';
import type { CriteriaDoc, EvidenceFile } from '../../../../src/core/model/types';
import { composeFast, resolvePlain } from '../../../../src/core/parse/fastCompose';
import { MAX_NESTING } from '../../../../src/core/parse/guards';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { isMap, isPair, isScalar, isSeq, LineIndex } from '../../../../src/core/parse/yamlSource';
import { LineCounter } from 'yaml';

const ROOT = path.resolve(__dirname, '../../../../..');
const FILE = '/ward/criteria.yaml';
const RANGE_KEYS = new Set(['range', 'idRange', 'fields', 'criteriaRanges', 'supportRanges']);

/** The document as plain data without node ranges; Maps become entry lists. */
function comparable(doc: CriteriaDoc): unknown {
  const strip = (value: unknown): unknown => {
    if (value instanceof Map) return [...value.entries()].map(([k, v]) => [k, strip(v)]);
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (!RANGE_KEYS.has(k)) out[k] = strip(v);
      return out;
    }
    return value;
  };
  // Problems are compared whole, ranges included.
  return { ...(strip({ ...doc, problems: [] }) as object), problems: doc.problems };
}

function assertSameDoc(text: string, label: string): boolean {
  const slow = parseCriteria(text, FILE);
  const fast = parseCriteria(text, FILE, { fast: true });
  assert.deepEqual(comparable(fast), comparable(slow), label);
  return composeFast(text.replace(/^\uFEFF/, ''), MAX_NESTING) !== undefined;
}

const example = readFileSync(path.join(ROOT, 'examples/ward-2025/criteria.yaml'), 'utf8');

describe('fast reading of criteria files (js-yaml events)', () => {
  it('reads the example itself, to the same document as `yaml`', () => {
    assert.equal(assertSameDoc(example, 'example'), true, 'the example is plain block YAML: the fast path must take it');
  });

  it('gives the same document or declines on every corpus file', () => {
    const dir = path.join(ROOT, 'test/corpus/files');
    let taken = 0;
    for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      if (assertSameDoc(readFileSync(path.join(dir, name), 'utf8'), name)) taken++;
    }
    // Most corpus files are broken on purpose and must fall back; a few are valid YAML with semantic problems.
    assert.ok(taken >= 1, 'some corpus files are read by the fast path');
  });

  it('resolves plain scalars like the YAML 1.2 core schema of `yaml`', () => {
    const plains = ['~', 'null', 'Null', 'NULL', '', 'true', 'True', 'FALSE', 'yes', 'no', 'on', '0o17', '0o8', '017', '+12', '-0', '0x1F', '0xg', '.5', '1.', '1.10', '+1.5e3', '1e3', '1E-2', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'nan', '1_000', '0b101', '2025-11-20', '1.2.3', '12:30', '-x', 'x-'];
    for (const text of plains) {
      const expected = (parseDocument(`v: ${text}`).contents as { items: Array<{ value: { value: unknown } }> }).items[0].value.value;
      assert.deepEqual(resolvePlain(text), expected, `plain scalar ${JSON.stringify(text)}`);
    }
  });

  it('resolves like `yaml` whatever the first character (text at once for those no null, boolean or number begins with)', () => {
    // Every first character a plain scalar may have here, with the tails that make nulls, booleans and numbers.
    const firsts = [...'~nNtTfF0123456789+-.aAbexXoO_/()$^=;<Đđá\u00c0'];
    const tails = ['', '1', '0', 'ull', 'ULL', 'rue', 'RUE', 'alse', 'ALSE', '.5', 'e3', '.inf', 'inf', 'nan', 'x1F', 'o17', ' b'];
    let checked = 0;
    for (const first of firsts) {
      for (const tail of tails) {
        const text = first + tail;
        const doc = parseDocument(`v: ${text}`);
        const node = (doc.contents as { items: Array<{ value: { type?: string; source?: string; value: unknown } }> }).items[0].value;
        // `-` alone is no scalar there (`yaml` reports it).
        if (doc.errors.length > 0 || node?.type !== 'PLAIN' || node.source !== text) continue;
        assert.deepEqual(resolvePlain(text), node.value, `plain scalar ${JSON.stringify(text)}`);
        checked++;
      }
    }
    assert.ok(checked >= firsts.length * (tails.length - 1), `${checked} plain scalars compared`);
  });

  it('reads tricky but valid snippets the same, and declines what `yaml` could read differently', () => {
    const base = example.replace(/\r\n/g, '\n');
    const title = /\n( *)title: "([^"\n]*)"\n/;
    const variants: Array<[string, string, boolean]> = [
      ['CRLF line ends', base.replace(/\n/g, '\r\n'), true],
      ['BOM', '\uFEFF' + base, true],
      ['document markers', `---\n${base}...\n`, true],
      ['comments after values', base.replace(/(: "[^"\n]*")\n/g, '$1 # ghi chú\n'), true],
      ['a numeric id', base.replace('- id: "1"\n', '- id: 1\n'), true],
      ['a folded title', base.replace('title: "Công tác chỉ đạo, điều hành cải cách hành chính"', 'title: >-\n      Công tác chỉ đạo,\n      điều hành cải cách hành chính'), true],
      ['a plain title over two lines', base.replace('title: "Công tác chỉ đạo, điều hành cải cách hành chính"', 'title: Công tác chỉ đạo,\n      điều hành cải cách hành chính'), true],
      ['single quotes with an escaped quote', base.replace(title, "\n$1title: 'it''s $2'\n"), true],
      ['escapes in double quotes', base.replace(title, '\n$1title: "$2 \\u00e0\\t\\"x\\""\n'), true],
      ['an anchor', base.replace(title, '\n$1title: &t "$2"\n'), false],
      ['a tag', base.replace(title, '\n$1title: !!str "$2"\n'), false],
      ['a directive', `%YAML 1.2\n---\n${base}`, false],
      ['a duplicate key', base.replace(title, '\n$1title: "$2"\n$1title: "lần hai"\n'), false],
      ['two documents', `${base}---\nx: 1\n`, false],
      ['a multi-line flow mapping', base.replace('VP: { name: "Văn phòng HĐND và UBND", head: "Lê Văn Thành" }', 'VP: { name: "Văn phòng HĐND và UBND",\n    head: "Lê Văn Thành" }'), false],
    ];
    for (const [label, text, taken] of variants) {
      assert.notEqual(text, base, `${label}: the variant changes the text`);
      assert.equal(assertSameDoc(text, label), taken, `${label}: ${taken ? 'read by the fast path' : 'declined'}`);
    }
  });

  it('gives the same document as `yaml` for random criteria files in many YAML styles', () => {
    const unit = fc.constantFrom('VP', 'VHXH', 'TP-HT', '__proto__', 'a b');
    const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('Kế hoạch: số 1', '#1 "báo cáo"', 'dòng\nmới', '  lề ', '1.10', 'null', 'true', '- a', '? b', '[x]', '{y}', '*z', '&w', '!v', '%u', '@t', '`s'));
    const leaf = fc.record(
      { id: fc.constantFrom('1.1', '1.10', '2.1', '3'), title: text, maxScore: fc.constantFrom(0.5, 1, 2, 1.25), owner: unit, due: fc.constantFrom('2025-06-30', '2025-13-01'), evidence: fc.array(fc.record({ title: text, path: fc.constantFrom('Kế hoạch/*.pdf', 'Báo cáo/**/*', 'a/b.docx') }), { maxLength: 2 }) },
      { requiredKeys: ['id', 'title'] },
    );
    const docArb = fc.record({ units: fc.uniqueArray(unit, { maxLength: 3 }), criteria: fc.array(leaf, { maxLength: 4 }) }).map(({ units, criteria }) => ({
      reformEvidence: 1,
      index: { id: 'p-2025', title: 'Thử', year: 2025, evidenceRoot: 'evidence' },
      units: Object.fromEntries(units.map((u) => [u, { name: `Đơn vị ${u}` }])),
      criteria: [{ id: '1', title: 'Lĩnh vực', children: criteria }],
    }));
    const style = fc.record(
      {
        defaultStringType: fc.constantFrom<ToStringOptions['defaultStringType']>('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_FOLDED', 'BLOCK_LITERAL'),
        defaultKeyType: fc.constantFrom<ToStringOptions['defaultKeyType']>(null, 'PLAIN', 'QUOTE_DOUBLE'),
        collectionStyle: fc.constantFrom<ToStringOptions['collectionStyle']>('any', 'block', 'flow'),
        lineWidth: fc.constantFrom(0, 20, 80),
        indent: fc.constantFrom(2, 4),
        indentSeq: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    let taken = 0;
    fc.assert(
      fc.property(docArb, style, (doc, options) => {
        if (assertSameDoc(stringify(doc, options), JSON.stringify(options))) taken++;
      }),
      { numRuns: 300 },
    );
    assert.ok(taken > 50, `the fast path reads most random files (${taken} of 300)`);
  });

  it('builds nodes the `yaml` guards recognise, and a line index equal to LineCounter', () => {
    const composed = composeFast(example, MAX_NESTING)!;
    assert.ok(isMap(composed.root));
    const pair = (composed.root as unknown as { items: unknown[] }).items[0];
    assert.ok(isPair(pair) && isScalar((pair as { key: unknown }).key));
    assert.ok(!isSeq(composed.root));
    const yamlDoc = parseDocument(example);
    assert.ok(isMap(yamlDoc.contents), 'our guards also recognise `yaml`’s own nodes');
    const counter = new LineCounter();
    parseDocument(example, { lineCounter: counter });
    const index = new LineIndex(example);
    for (const offset of [0, 1, 10, 500, example.indexOf('\n'), example.indexOf('\n') + 1, example.length - 1, example.length]) {
      assert.deepEqual(index.linePos(offset), counter.linePos(offset), `offset ${offset}`);
    }
  });
});

/** Every path's mark at once, as the decorations first computed them: a walk over all matches and files. */
function allMarks(state: MatchState): Map<string, Mark> {
  const into = new Map<string, Mark>();
  const add = (relative: string, id: string, folder: boolean) => {
    const mark = into.get(relative) ?? { ids: [], folder };
    if (id && !mark.ids.includes(id)) mark.ids.push(id);
    into.set(relative, mark);
  };
  for (const r of state.requirements) {
    for (const file of state.matches.get(r.key)?.keys() ?? []) add(file, r.ownerId, false);
    if (r.base && r.base !== '\uffff' && r.base !== r.requirement.path.replace(/^\.\//, '')) add(r.base.replace(/\/$/, ''), r.ownerId, true);
  }
  for (const file of state.files.keys()) if (!into.has(file)) add(file, '', false);
  return into;
}

describe('matching by folder prefix', () => {
  it("matches exactly what testing every requirement against every file matches; each path's mark alone equals all marks at once", () => {
    const segment = fc.constantFrom('a', 'b', 'Kế hoạch', 'c (1)', 'x.pdf', 'y.docx', '.tmp', '.x.pdf');
    const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const name = fc.constantFrom('*.pdf', 'x*', '*', '.x*', '@(x|y).*', '[xy].pdf', '{x,y}.*', '!(x).pdf', 'x.pdf');
    const globArb = fc.oneof(
      pathArb,
      fc.tuple(pathArb, name).map(([p, n]) => `${p}/${n}`),
      fc.tuple(pathArb, name).map(([p, n]) => `${p}/**/${n}`),
      name.map((n) => `**/${n}`),
      name,
      fc.constantFrom('**/*.pdf', '*', '{a,b}/*.pdf', 'a/{b,c}/**', 'a/b?/x.pdf', 'Kế hoạch/*', 'a/**/b/*.pdf', '.tmp/**/*', '!a/*.pdf'),
    );
    fc.assert(
      fc.property(fc.uniqueArray(pathArb, { maxLength: 30 }), fc.array(globArb, { minLength: 1, maxLength: 6 }), (paths, globs) => {
        const doc = parseCriteria(
          stringify({
            reformEvidence: 1,
            index: { id: 'm', title: 'm', year: 2025 },
            units: { VP: { name: 'VP' } },
            criteria: [{ id: '1', title: 'A', children: [{ id: '1.1', title: 'B', maxScore: 1, owner: 'VP', evidence: globs.map((g) => ({ title: g, path: g })) }] }],
          }),
          FILE,
        );
        const requirements: CompiledRequirement[] = compileRequirements(doc);
        const files: EvidenceFile[] = paths.map((p) => ({ path: p, git: 'committed' }));
        const state = matchAll(requirements, files);
        for (const r of requirements) {
          const brute = paths.filter((p) => r.test(p)).sort();
          assert.deepEqual([...state.matches.get(r.key)!.keys()].sort(), brute, r.requirement.path);
        }
        // File decorations: each path's mark, worked out alone, equals the marks of every file at once.
        const all = allMarks(state);
        const folders = new Set(paths.flatMap((p) => p.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
        for (const p of new Set([...paths, ...folders, ...all.keys()])) {
          if (state.files.has(p) && all.get(p)?.folder) continue; // a path both a file and a folder: not on a disk
          assert.deepEqual(markOf(state, p), all.get(p), `mark of ${p}`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
