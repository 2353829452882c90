// The editor reads criteria files with the fast reader (js-yaml events, src/core/parse/fastCompose.ts) and
// places diagnostics, hovers, definitions, symbols and quick fixes by its node ranges: every range must be the
// one `yaml` gives, or the fast reader must decline. Compared node by node ([start, value end, node end] of
// every key, value and item) and on the model (every range the features read), on the examples, the corpus
// and random files; each difference names the path to its node.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDocument, stringify, type Node, type ToStringOptions } from 'yaml';
import type { CriteriaDoc } from '../../../../src/core/model/types';
import { composeFast } from '../../../../src/core/parse/fastCompose';
import { MAX_NESTING } from '../../../../src/core/parse/guards';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { isMap, isScalar, isSeq } from '../../../../src/core/parse/yamlSource';

const ROOT = path.resolve(__dirname, '../../../../..');
const FILE = '/ward/criteria.yaml';

type AnyNode = Node & { items?: unknown[]; range?: [number, number, number] };

/** Every node whose range differs between the readers, as `path: fast […] yaml […]`; missing nodes too. */
function nodeRangeDiffs(fast: unknown, slow: unknown, at = ''): string[] {
  const a = fast as AnyNode | undefined;
  const b = slow as AnyNode | undefined;
  if (!a || !b) return a === b ? [] : [`${at || '/'}: only the ${a ? 'fast' : 'yaml'} reader has a node`];
  const out: string[] = [];
  if (JSON.stringify(a.range) !== JSON.stringify(b.range)) out.push(`${at || '/'}: fast ${JSON.stringify(a.range)} yaml ${JSON.stringify(b.range)}`);
  if (isScalar(a) !== isScalar(b) || isMap(a) !== isMap(b) || isSeq(a) !== isSeq(b)) return [...out, `${at || '/'}: different kinds of node`];
  if (isSeq(a)) {
    const items = Math.max(a.items.length, (b.items ?? []).length);
    for (let i = 0; i < items; i++) out.push(...nodeRangeDiffs(a.items[i], b.items![i], `${at}/${i}`));
  } else if (isMap(a)) {
    const pairs = b.items as Array<{ key: AnyNode; value: AnyNode }>;
    const count = Math.max(a.items.length, pairs.length);
    for (let i = 0; i < count; i++) {
      const x = a.items[i] as { key: AnyNode; value: AnyNode } | undefined;
      const y = pairs[i];
      const name = `${at}/${String((x ?? y).key && isScalar((x ?? y).key) ? ((x ?? y).key as { value: unknown }).value : i)}`;
      out.push(...nodeRangeDiffs(x?.key, y?.key, `${name}#key`), ...nodeRangeDiffs(x?.value, y?.value, name));
    }
  }
  return out;
}

/** Node-range differences of one text, or undefined when the fast reader declines it. */
function diffsOf(text: string): string[] | undefined {
  const source = text.replace(/^\uFEFF/, '');
  const fast = composeFast(source, MAX_NESTING);
  if (!fast) return undefined;
  const slow = parseDocument(source, { uniqueKeys: true, merge: false, logLevel: 'error' });
  return nodeRangeDiffs(fast.root, slow.contents);
}

/** Every range-holding field of the model, with its path (`areas/0/children/1/idRange`). */
function modelRanges(doc: CriteriaDoc): string[] {
  const out: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (value instanceof Map) for (const [k, v] of value) walk(v, `${at}/${String(k)}`);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}/${i}`));
    else if (value && typeof value === 'object') {
      const r = value as { start?: { line: number; character: number }; end?: { line: number; character: number } };
      if (r.start && r.end && typeof r.start.line === 'number') out.push(`${at}: ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`);
      else for (const [k, v] of Object.entries(value)) if (k !== 'byId') walk(v, `${at}/${k}`);
    }
  };
  walk({ units: doc.units, areas: doc.areas, tasks: doc.tasks, problems: doc.problems }, '');
  return out;
}

/** Compares one text both ways; returns whether the fast reader took it. */
function assertSameRanges(text: string, label: string): boolean {
  const diffs = diffsOf(text);
  if (diffs) assert.deepEqual(diffs, [], `${label}: node ranges differ`);
  const fast = parseCriteria(text, FILE, { fast: true });
  const slow = parseCriteria(text, FILE);
  const a = modelRanges(fast);
  const b = modelRanges(slow);
  const differing = a.filter((r, i) => r !== b[i]);
  assert.deepEqual(differing, [], `${label}: model ranges differ (fast first)\n${differing.map((r) => `${r}  ≠  ${b[a.indexOf(r)] ?? '(none)'}`).join('\n')}`);
  assert.equal(a.length, b.length, `${label}: as many model ranges`);
  return diffs !== undefined;
}

const exampleDir = path.join(ROOT, 'examples/ward-2025');
const examples = readdirSync(exampleDir).filter((f) => f === 'criteria.yaml' || f.endsWith('.criteria.yaml'));

describe('node ranges of the fast reader (js-yaml) equal those of `yaml`', () => {
  it('on the examples, which the fast reader takes', () => {
    assert.ok(examples.length >= 2, 'the example criteria files are found');
    for (const name of examples) {
      assert.equal(assertSameRanges(readFileSync(path.join(exampleDir, name), 'utf8'), name), true, `${name}: read by the fast path`);
    }
  });

  it('on every corpus file (or the fast reader declines it)', () => {
    const dir = path.join(ROOT, 'test/corpus/files');
    const names = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(names.length > 20, 'the corpus is found');
    for (const name of names) assertSameRanges(readFileSync(path.join(dir, name), 'utf8'), name);
  });

  it('finds a differing range and names the path to its node', () => {
    const text = 'units:\n  VP: { name: "Văn phòng" }\n';
    const fast = composeFast(text, MAX_NESTING)!;
    const valueOf = (map: AnyNode) => (map.items![0] as { value: AnyNode }).value;
    const name = valueOf(valueOf(valueOf(fast.root as AnyNode)));
    const [start, end, nodeEnd] = name.range!;
    assert.equal(text.slice(start, end), '"Văn phòng"');
    name.range![1]--;
    const diffs = nodeRangeDiffs(fast.root, parseDocument(text).contents);
    assert.deepEqual(diffs, [`/units/VP/name: fast [${start},${end - 1},${nodeEnd}] yaml [${start},${end},${nodeEnd}]`]);
  });

  it('on snippets where `yaml` attaches comments, blank lines and block scalars in its own way', () => {
    const snippets = [
      'a:\n  b: 1\n  # at the inner indent: the inner mapping keeps it\nc: 2\n',
      'a:\n  b: 1\n # shallower: moves out\nc: 2\n',
      'a:\n  b: 1\n\n     # deeper: the value keeps it\n\n  # then this one\n\nc: 2\n',
      'a:\n  - b: 1\n    # c4\n  # c2\n   \n  - x\n',
      'a:\n  - b: 1\n   # c3\n  - x\n',
      'a:\n  - x\n    # c\n',
      'a:\n  b: |\n    x\n\n  c: >+\n    y\n\n\nd: 1\n',
      'a: |\n  x\n  \n   \n    \nb: 1',
      'a: >-  # header | comment\n  x\n',
      '- |2\n   x\n- "a" #c\n  # d\n',
      '{ a : 1 , b: [ x ] }  \n',
      'a : b\nc:   # x\n  - 1\n',
      '---\na: 1\n  # c\n...\n',
      'a: "q\n  r"  # k\nb: \'it\'\'s\'\n',
      'a: plain\n  over lines\nb: [1, "2", {c: d}]  # e\n',
      'a:\r\n  b: |\r\n    x\r\n\r\n  # c\r\nd: 1\r\n',
    ];
    for (const text of snippets) assert.equal(assertSameRanges(text, JSON.stringify(text)), true, `${JSON.stringify(text)}: read by the fast path`);
  });

  it('declines what it does not place like `yaml` (empty values, empty block scalars, tabs before comments)', () => {
    for (const text of ['a:\nb: 1\n', 'a: |\n\nb: 1\n', 'a:\n  b: 1\n\t# c\n', 'a: &x 1\nb: *x\n']) {
      assert.equal(composeFast(text, MAX_NESTING), undefined, JSON.stringify(text));
      assertSameRanges(text, JSON.stringify(text));
    }
  });

  it('on random criteria files: Vietnamese (NFC and NFD), CRLF, BOM, tabs in strings, comments, blank lines, flow and block styles', () => {
    const vi = ['Kế hoạch cải cách hành chính', 'Báo cáo: số 1 # không phải chú thích', 'Ủy ban nhân dân phường'];
    const text = fc.oneof(
      fc.constantFrom(...vi, ...vi.map((s) => s.normalize('NFD')), 'a\tb', '\tthụt', 'dòng\nmới', 'l1\n  l2\n', '  lề ', '1.10', 'null', '#1', "it's", '"x"', 'x: y', '- a', '[x]', '{y}'),
      fc.string({ maxLength: 10 }),
    );
    const unit = fc.constantFrom('VP', 'VHXH', 'TP-HT', 'a b');
    const requirement = fc.record({ title: text, path: fc.constantFrom('Kế hoạch/*.pdf', 'Báo cáo/**/*', 'a/b.docx') });
    const leaf = fc.record(
      { id: fc.constantFrom('1.1', '1.2', '1.10'), title: text, maxScore: fc.constantFrom(0.5, 1, 2), owner: unit, due: fc.constantFrom('2025-06-30', '2025-12-01'), evidence: fc.array(requirement, { maxLength: 2 }) },
      { requiredKeys: ['id', 'title'] },
    );
    const task = fc.record({ id: fc.constantFrom('T1', 'T2'), title: text, owner: unit, support: fc.array(unit, { maxLength: 2 }), criteria: fc.array(fc.constantFrom('1.1', '1.2'), { maxLength: 2 }) });
    const docArb = fc.record({ units: fc.uniqueArray(unit, { maxLength: 3 }), criteria: fc.array(leaf, { maxLength: 3 }), tasks: fc.array(task, { maxLength: 2 }) }).map(({ units, criteria, tasks }) => ({
      reformEvidence: 1,
      index: { id: 'p-2025', title: 'Phường thử', year: 2025, evidenceRoot: 'evidence' },
      units: Object.fromEntries(units.map((u) => [u, { name: `Đơn vị ${u}`, head: 'Lê Văn Thành' }])),
      criteria: [{ id: '1', title: 'Lĩnh vực', children: criteria }],
      ...(tasks.length > 0 ? { tasks } : {}),
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
    // Lines put in at random places, at random columns: comments, blank lines, lines of spaces.
    const inserts = fc.array(fc.tuple(fc.nat(200), fc.nat(10), fc.constantFrom('# ghi chú', '#', '# a: [b]', '', '   ')), { maxLength: 8 });
    let taken = 0;
    let valid = 0;
    fc.assert(
      fc.property(docArb, style, inserts, fc.boolean(), fc.boolean(), (doc, options, lines, crlf, bom) => {
        const split = stringify(doc, options).split('\n');
        for (const [at, column, line] of lines) split.splice(at % (split.length + 1), 0, line === '' ? '' : ' '.repeat(column) + line);
        let file = split.join(crlf ? '\r\n' : '\n');
        if (bom) file = '\uFEFF' + file;
        const check = parseDocument(file.replace(/^\uFEFF/, ''), { uniqueKeys: true });
        if (check.errors.length === 0 && check.warnings.length === 0) valid++;
        if (assertSameRanges(file, `${JSON.stringify(options)} crlf=${crlf} bom=${bom}\n${JSON.stringify(file)}`)) taken++;
      }),
      { numRuns: 300 },
    );
    assert.ok(taken > valid / 2, `the fast reader takes most valid random files (${taken} of ${valid})`);
  });
});
