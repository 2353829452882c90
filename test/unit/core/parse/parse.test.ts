import * as assert from 'node:assert/strict';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import type { Problem } from '../../../../src/core/model/types';
import { sampleCriteria } from '../../helpers';

const FILE = '/ws/criteria.yaml';

function problemsOf(text: string, locale: 'en' | 'vi' = 'en'): Problem[] {
  return parseCriteria(text, FILE, { locale }).problems;
}

/** 1-based line of the first line containing `needle`, and 1-based column where it starts. */
function where(text: string, needle: string): { line: number; column: number } {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, `"${needle}" not in text`);
  return { line: index + 1, column: lines[index].indexOf(needle) + 1 };
}

function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(problems.map((p) => `${p.code} ${p.message}`))}`);
  return found[0];
}

function assertAt(problem: Problem, at: { line: number; column: number }): void {
  assert.deepEqual({ line: problem.range.start.line + 1, column: problem.range.start.character + 1 }, at, problem.message);
}

describe('parseCriteria', () => {
  it('loads the sample with no problems and builds the tree', () => {
    const doc = parseCriteria(sampleCriteria(), FILE);
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.index.evidenceRoot, 'evidence');
    assert.deepEqual(doc.areas.map((a) => a.id), ['1', '2']);
    assert.equal(doc.byId.get('2')?.maxScore, 2, 'a parent without maxScore gets the sum of its children');
    assert.equal(doc.byId.get('1.2')?.evidence[0].min, 4);
    assert.equal(doc.byId.get('2.2')?.notApplicable, 'Phường không ban hành văn bản QPPL');
    assert.equal(doc.tasks[0].source, '248/QĐ-UBND');
    assert.deepEqual(doc.tasks[0].criteria, ['1.1']);
    assert.deepEqual([...doc.units.keys()], ['VP', 'VHXH']);
  });

  it('places an unknown owner at its value', () => {
    const text = sampleCriteria().replace('owner: VHXH\n        due: "2025-12-15"', 'owner: KTHT\n        due: "2025-12-15"');
    assertAt(only(problemsOf(text), 'RE110'), where(text, 'KTHT'));
  });

  it('reports a duplicate id at the second definition, naming the first line', () => {
    const text = sampleCriteria().replace('id: "1.2"', 'id: "1.1"');
    const problem = only(problemsOf(text), 'RE100');
    const lines = text.split('\n');
    const second = lines.findIndex((l, i) => l.includes('id: "1.1"') && i > lines.findIndex((x) => x.includes('id: "1.1"')));
    assert.equal(problem.range.start.line, second);
    assert.match(problem.message, new RegExp(`line ${where(text, 'id: "1.1"').line}`));
  });

  it('reports a child id that is not under its parent', () => {
    const text = sampleCriteria().replace('id: "2.1"', 'id: "3.1"');
    const p = only(problemsOf(text), 'RE120');
    assertAt(p, { line: where(text, '"3.1"').line, column: where(text, '"3.1"').column });
    assert.deepEqual(p.data, { id: '3.1', parentId: '2' });
  });

  it('reports children whose scores do not add up, at the parent maxScore', () => {
    const text = sampleCriteria().replace('maxScore: 3\n', 'maxScore: 4\n');
    const p = only(problemsOf(text), 'RE121');
    assertAt(p, { line: where(text, 'maxScore: 4').line, column: where(text, 'maxScore: 4').column + 'maxScore: '.length });
    assert.deepEqual(p.data, { id: '1', sum: 3, declared: 4 });
  });

  it('accepts fractional sums without floating-point noise', () => {
    const text = sampleCriteria().replace('maxScore: 1\n        owner: VHXH', 'maxScore: 0.1\n        owner: VHXH').replace('maxScore: 2\n        owner: VP', 'maxScore: 0.2\n        owner: VP').replace('maxScore: 3\n', 'maxScore: 0.3\n');
    assert.deepEqual(problemsOf(text).filter((p) => p.code === 'RE121'), []);
  });

  it('rejects dates that are not real dates', () => {
    const text = sampleCriteria().replace('"2025-12-15"', '"2025-02-30"');
    assertAt(only(problemsOf(text), 'RE130'), where(text, '"2025-02-30"'));
  });

  it('warns about a due date outside the index year', () => {
    const text = sampleCriteria().replace('"2025-12-15"', '"2026-01-15"');
    const p = only(problemsOf(text), 'RE200');
    assert.equal(p.severity, 'warning');
  });

  for (const [glob, reason] of [
    ['../../etc/*', 'reason.parent'],
    ['a/../../b.pdf', 'reason.parent'],
    ['{..,a}/x.pdf', 'reason.parent'],
    ['/etc/passwd', 'reason.absolute'],
    ['C:/Windows/*.pdf', 'reason.drive'],
    ['1.1\\\\x.pdf', 'reason.backslash'],
    ['~/secret.pdf', 'reason.home'],
    ['!1.1 Kế hoạch/*.pdf', 'reason.negated'],
  ] as const) {
    it(`rejects the unsafe glob ${glob}`, () => {
      const text = sampleCriteria().replace('"1.1 Kế hoạch/*.pdf"', JSON.stringify(glob));
      const doc = parseCriteria(text, FILE);
      const p = only(doc.problems, 'RE140');
      assert.equal(p.data?.reason, reason);
      assert.equal(p.range.start.line + 1, where(text, 'path: ' + JSON.stringify(glob)).line);
      assert.equal(doc.byId.get('1.1')?.evidence[0].valid, false);
    });
  }

  it('rejects an evidenceRoot outside the workspace', () => {
    const text = sampleCriteria().replace('evidenceRoot: evidence', 'evidenceRoot: ../other');
    assertAt(only(problemsOf(text), 'RE141'), where(text, '../other'));
  });

  it('warns about a glob that can never match', () => {
    const text = sampleCriteria().replace('"2.1/ket-qua-*.pdf"', '"2.1/ket-qua/"');
    assert.equal(only(problemsOf(text), 'RE201').severity, 'warning');
  });

  it('places a schema type error on the offending value', () => {
    const text = sampleCriteria().replace('maxScore: 1.5', 'maxScore: "nhiều"');
    const p = problemsOf(text).find((x) => x.code === 'RE010' && x.message.includes('maxScore'));
    assert.ok(p, 'schema error for maxScore');
    assertAt(p, where(text, '"nhiều"'));
  });

  it('places an unknown property on its key', () => {
    const text = sampleCriteria().replace('        title: Báo cáo quý\n', '        title: Báo cáo quý\n        mucTieu: 100\n');
    const p = problemsOf(text).find((x) => x.code === 'RE010' && x.message.includes('mucTieu'));
    assert.ok(p);
    assertAt(p, where(text, 'mucTieu'));
  });

  it('reports a YAML syntax error at its position and still loads what it can', () => {
    const text = sampleCriteria().replace('    title: Cải cách thể chế', '    title: [Cải cách thể chế');
    const doc = parseCriteria(text, FILE);
    const syntax = doc.problems.filter((p) => p.code === 'RE001');
    assert.ok(syntax.length > 0);
    assert.ok(syntax[0].range.start.line + 1 >= where(text, '[Cải cách').line);
    assert.ok(doc.byId.has('1.1'), 'the valid part before the error still loads');
  });

  it('reports duplicate keys as YAML errors', () => {
    const text = sampleCriteria().replace('        title: Báo cáo quý\n', '        title: Báo cáo quý\n        title: Lặp\n');
    const p = problemsOf(text).find((x) => x.code === 'RE001');
    assert.ok(p);
    assertAt(p, where(text, 'title: Lặp'));
  });

  it('refuses an alias bomb without hanging', () => {
    const bomb = ['reformEvidence: 1', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const started = Date.now();
    const doc = parseCriteria(bomb.join('\n'), FILE);
    assert.ok(Date.now() - started < 5000);
    assert.ok(doc.problems.some((p) => p.code === 'RE004'));
  });

  it('keeps columns right with a BOM and CRLF line endings', () => {
    const text = '\uFEFF' + sampleCriteria().replace('owner: VHXH\n        due: "2025-12-15"', 'owner: KTHT\n        due: "2025-12-15"').replace(/\n/g, '\r\n');
    const p = only(problemsOf(text), 'RE110');
    assertAt(p, where(text.slice(1), 'KTHT'));
  });

  it('matches ids written in NFD against references in NFC', () => {
    const text = sampleCriteria().replace('owner: VHXH\n    support', 'owner: VHXH\n    support');
    const doc = parseCriteria(text.normalize('NFD'), FILE);
    assert.equal(doc.byId.get('1.1')?.evidence[0].path, '1.1 Kế hoạch/*.pdf'.normalize('NFC'));
  });

  it('speaks Vietnamese when asked', () => {
    const text = sampleCriteria().replace('owner: VHXH\n        due: "2025-12-15"', 'owner: KTHT\n        due: "2025-12-15"');
    assert.match(only(problemsOf(text, 'vi'), 'RE110').message, /không có trong danh sách/);
  });

  it('never throws on garbage', () => {
    for (const text of ['', '---', '- a\n- b', 'reformEvidence: 1\ncriteria: 5', 'criteria:\n  - 1\n  - [x]\n  - id: {a: 1}', '\u0000\u0001', ': : :', 'a: *unknown']) {
      const doc = parseCriteria(text, FILE);
      assert.ok(Array.isArray(doc.problems));
    }
  });
});

describe('parseCriteria: keys named like prototypes (test/corpus/files/prototype-keys.yaml)', () => {
  const text = [
    'reformEvidence: 1',
    'index: { id: proto, title: Proto, year: 2025 }',
    'units:',
    '  VP: { name: V }',
    'criteria:',
    '  - id: "1"',
    '    title: A',
    '    __proto__: { polluted: yes }',
    '    maxScore: 1',
    '    owner: VP',
    '    evidence: [{ title: x, path: "1/*.pdf", __proto__: { polluted: yes } }]',
    '',
  ].join('\n');

  for (const fast of [false, true]) {
    it(`a "__proto__" key is an own field range of the node and of the requirement, never their prototype (${fast ? 'fast reader' : 'yaml'})`, () => {
      const doc = parseCriteria(text, '/w/criteria.yaml', { fast });
      const node = doc.byId.get('1')!;
      for (const fields of [node.fields, node.evidence[0].fields]) {
        assert.equal(Object.getPrototypeOf(fields), Object.prototype);
        assert.ok(Object.prototype.hasOwnProperty.call(fields, '__proto__'));
        assert.equal((fields as Record<string, unknown>).polluted, undefined);
      }
      assert.equal(node.fields['__proto__']?.start.line, 7);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }
});
