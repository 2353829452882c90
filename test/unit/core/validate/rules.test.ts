// The checks beyond the schema (src/core/validate) as docs/problem-codes.md states them: each code's severity,
// message and place, and the reasons given inside RE140, RE141 and RE201. Pure and fast: run first by
// mutation testing (docs/mutation.md).
import * as assert from 'node:assert/strict';
import { t } from '../../../../src/core/i18n/messages';
import type { Problem } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { isDirectChild } from '../../../../src/core/validate/rules';
import { isRealDate, todayIso, unmatchableReason, unsafeGlobReason, unsafePathReason } from '../../../../src/core/validate/paths';
import { areaCriteria, sampleCriteria } from '../../helpers';

const FILE = '/ws/criteria.yaml';

function problemsOf(text: string, locale: 'en' | 'vi' = 'en'): Problem[] {
  return parseCriteria(text, FILE, { locale }).problems;
}

function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(problems.map((p) => `${p.code} ${p.message}`))}`);
  return found[0];
}

const none = (problems: Problem[], code: string) => assert.deepEqual(problems.filter((p) => p.code === code).map((p) => p.message), []);

/** 1-based line and column where `needle` first occurs (after line `after`, 1-based). */
function where(text: string, needle: string, after = 0): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((l, i) => i >= after && l.includes(needle));
  assert.ok(index >= 0, `"${needle}" not in text`);
  return { line: index + 1, column: lines[index].indexOf(needle) + 1 };
}

const at = (p: Problem) => ({ line: p.range.start.line + 1, column: p.range.start.character + 1 });

describe('validate: paths (reasons of RE140, RE141, RE201)', () => {
  const unsafe: Array<[string, string]> = [
    ['', 'reason.empty'],
    ['  ', 'reason.empty'],
    ['a\u0000b.pdf', 'reason.control'],
    ['a\u001fb.pdf', 'reason.control'],
    ['a\u007fb.pdf', 'reason.control'],
    ['a\\b.pdf', 'reason.backslash'],
    ['C:/x.pdf', 'reason.drive'],
    ['z:x.pdf', 'reason.drive'],
    ['/etc/x.pdf', 'reason.absolute'],
    ['~/x.pdf', 'reason.home'],
    ['..', 'reason.parent'],
    ['a/..', 'reason.parent'],
    ['a/../b.pdf', 'reason.parent'],
    ['{a,..}/b.pdf', 'reason.parent'],
    ['@(..)/b.pdf', 'reason.parent'],
    ['+(a|..)/b.pdf', 'reason.parent'],
    ['.git', 'reason.gitDir'],
    ['a/.git/config', 'reason.gitDir'],
    ['.GIT/config', 'reason.gitDir'],
    ['.git./config', 'reason.gitDir'],
    ['.git /config', 'reason.gitDir'],
    ['GIT~1/config', 'reason.gitDir'],
    ['{a,.git}/config', 'reason.gitDir'],
    ['@(.git)/config', 'reason.gitDir'],
  ];
  for (const [path, reason] of unsafe) {
    it(`refuses ${JSON.stringify(path)}: ${reason}`, () => {
      assert.equal(unsafePathReason(path), reason);
      assert.equal(unsafeGlobReason(path), reason);
    });
  }

  const safe = ['evidence', '1.1 Kế hoạch/*.pdf', '..a/b.pdf', 'a../b.pdf', 'a/...pdf', '.github/x.pdf', 'a.git/x.pdf', 'x.gitignore', 'git/x.pdf', 'a~/b.pdf', 'a/C:x.pdf', 'a b/~x.pdf'];
  for (const path of safe) {
    it(`accepts ${JSON.stringify(path)}`, () => {
      assert.equal(unsafePathReason(path), undefined);
      assert.equal(unsafeGlobReason(path), undefined);
    });
  }

  it('refuses a leading "!" in a glob, but not an extglob "!(…)" nor a "!" further on', () => {
    assert.equal(unsafeGlobReason('!a/*.pdf'), 'reason.negated');
    assert.equal(unsafeGlobReason('!(a)/*.pdf'), undefined);
    assert.equal(unsafeGlobReason('a/!b.pdf'), undefined);
    // A folder path (evidenceRoot, a data file) is not a glob: "!" is just a character there.
    assert.equal(unsafePathReason('!a'), undefined);
  });

  it('names the globs that can never match a file', () => {
    assert.equal(unmatchableReason('a/'), 'reason.trailingSlash');
    assert.equal(unmatchableReason('a//b.pdf'), 'reason.emptySegment');
    assert.equal(unmatchableReason('a/.git/b'), 'reason.git');
    assert.equal(unmatchableReason('.git'), 'reason.git');
    assert.equal(unmatchableReason('a/(?<=x)b.pdf'), 'reason.regexSyntax');
    assert.equal(unmatchableReason('a/(?<!x)b.pdf'), 'reason.regexSyntax');
    for (const glob of ['a/*.pdf', 'a/b/**/*.docx', 'a.git/b', '.gitx/b', 'a/(x)b.pdf', 'a/?<=b.pdf']) assert.equal(unmatchableReason(glob), undefined, glob);
  });

  it('knows a real calendar date written YYYY-MM-DD', () => {
    for (const d of ['2025-01-01', '2025-12-31', '2024-02-29', '2025-02-28']) assert.equal(isRealDate(d), true, d);
    for (const d of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-01-32', '2025-01-00', '2025-04-31', '2025-1-01', '25-01-01', ' 2025-01-01', '2025-01-01 ', '2025/01/01', 'x2025-01-01']) {
      assert.equal(isRealDate(d), false, d);
    }
  });

  it('gives today as YYYY-MM-DD in local time, with zero padding', () => {
    assert.equal(todayIso(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
    assert.equal(todayIso(new Date(2025, 11, 31, 0, 0)), '2025-12-31');
  });
});

describe('validate: rules (RE1xx, RE2xx)', () => {
  it('a child id is "<parent id>.N", one level down', () => {
    assert.equal(isDirectChild('1.2', '1'), true);
    assert.equal(isDirectChild('1.10', '1'), true);
    assert.equal(isDirectChild('1.2.3', '1.2'), true);
    for (const [id, parent] of [['1.3', '1.2'], ['1.2.3.4', '1.2'], ['1.2', '1.2'], ['1.', '1'], ['12.1', '1'], ['2.1', '1'], ['1', '1.1']]) {
      assert.equal(isDirectChild(id, parent), false, `${id} under ${parent}`);
    }
  });

  for (const [root, reason] of [['../other', 'reason.parent'], ['/srv/evidence', 'reason.absolute'], ['.git', 'reason.gitDir'], ['~/evidence', 'reason.home']] as const) {
    it(`RE141: an unsafe evidenceRoot ${root} is refused at its value and no requirement can match`, () => {
      const text = sampleCriteria().replace('evidenceRoot: evidence', `evidenceRoot: ${root}`);
      const doc = parseCriteria(text, FILE);
      const p = only(doc.problems, 'RE141');
      assert.equal(p.severity, 'error');
      assert.deepEqual(at(p), where(text, root));
      assert.equal(p.message, `Unsafe evidence folder "${root}": ${t('en', reason)}.`);
      assert.deepEqual(p.data, { reason, path: root });
      const requirements = [...doc.byId.values()].flatMap((n) => n.evidence).concat(doc.tasks.flatMap((task) => task.evidence));
      assert.ok(requirements.length >= 5);
      assert.deepEqual(requirements.filter((r) => r.valid !== false).map((r) => r.path), []);
    });
  }

  it('RE141: "." (the workspace folder itself) is a valid evidenceRoot and keeps the requirements', () => {
    const doc = parseCriteria(sampleCriteria().replace('evidenceRoot: evidence', 'evidenceRoot: "."'), FILE);
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.index.evidenceRoot, '.');
    assert.ok([...doc.byId.values()].flatMap((n) => n.evidence).every((r) => r.valid !== false));
  });

  it('RE140: an unsafe path in a task\'s evidence is refused at the path, in the locale asked for', () => {
    const text = sampleCriteria().replace('"ISO/*.pdf"', '"../ISO/*.pdf"');
    const doc = parseCriteria(text, FILE, { locale: 'vi' });
    const p = only(doc.problems, 'RE140');
    assert.equal(p.severity, 'error');
    assert.equal(at(p).line, where(text, '"../ISO/*.pdf"').line);
    assert.ok(p.message.includes(t('vi', 'reason.parent')), p.message);
    assert.equal(doc.tasks[0].evidence[0].valid, false);
    none(doc.problems, 'RE201');
  });

  it('RE110: an unknown unit as a task owner or supporting unit, at the value', () => {
    const text = sampleCriteria().replace('    owner: VHXH\n    support: [VP]', '    owner: KTHT\n    support: [VP, TP]');
    const found = problemsOf(text).filter((p) => p.code === 'RE110');
    assert.deepEqual(found.map((p) => [p.severity, p.message, at(p)]), [
      ['error', 'Unknown unit "KTHT": it is not listed under units.', where(text, 'KTHT')],
      ['error', 'Unknown unit "TP": it is not listed under units.', where(text, 'TP]')],
    ]);
    assert.deepEqual(found.map((p) => p.data), [{ unit: 'KTHT' }, { unit: 'TP' }]);
  });

  it('RE111: a task linked to an unknown criterion, at the id in its list', () => {
    const text = sampleCriteria().replace('criteria: ["1.1"]', 'criteria: ["1.1", "9.9"]');
    const p = only(problemsOf(text), 'RE111');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'Unknown criterion "9.9".');
    assert.deepEqual(at(p), where(text, '"9.9"'));
    assert.deepEqual(p.data, { id: '9.9' });
  });

  it('RE101: a duplicate task id, at the second, naming the first line', () => {
    const task = '  - id: NV-01\n    title: Lần hai\n    owner: VP\n    criteria: ["1.2"]\n';
    const text = sampleCriteria(task);
    const p = only(problemsOf(text), 'RE101');
    const first = where(text, 'id: NV-01');
    const second = where(text, 'id: NV-01', first.line);
    assert.equal(p.severity, 'error');
    assert.equal(p.message, `Duplicate task id "NV-01" (first defined on line ${first.line}).`);
    assert.equal(at(p).line, second.line);
    assert.equal(p.data?.id, 'NV-01');
    assert.equal((p.data?.first as Problem['range']).start.line + 1, first.line);
  });

  it('RE100: the data of a duplicate criterion id names the first definition', () => {
    const text = sampleCriteria().replace('id: "1.2"', 'id: "1.1"');
    const doc = parseCriteria(text, FILE);
    const p = only(doc.problems, 'RE100');
    assert.equal(p.severity, 'error');
    assert.equal(p.data?.id, '1.1');
    assert.equal(p.data?.parentId, '1');
    assert.equal((p.data?.first as Problem['range']).start.line + 1, where(text, 'id: "1.1"').line);
  });

  it('RE122: an area id must be a single number', () => {
    const text = sampleCriteria().replace('  - id: "2"\n    title: Cải cách thể chế', '  - id: "2.5"\n    title: Cải cách thể chế');
    const p = only(problemsOf(text), 'RE122');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, 'An area id must be a single number, not "2.5".');
    assert.deepEqual(at(p), where(text, '"2.5"'));
    // The children "2.1", "2.2" are then not under "2.5".
    const re120 = problemsOf(text).filter((x) => x.code === 'RE120');
    assert.deepEqual(re120.map((x) => [x.severity, x.data]), [
      ['error', { id: '2.1', parentId: '2.5' }],
      ['error', { id: '2.2', parentId: '2.5' }],
    ]);
    none(problemsOf(sampleCriteria()), 'RE122');
  });

  it('RE121: children that add up to the declared maxScore are accepted; a parent without maxScore gets their sum', () => {
    none(problemsOf(sampleCriteria()), 'RE121');
    const text = sampleCriteria().replace('maxScore: 3\n', 'maxScore: 3.5\n');
    const p = only(problemsOf(text), 'RE121');
    assert.equal(p.message, 'Children of "1" add up to 3, but its maxScore is 3.5.');
    assert.equal(p.severity, 'error');
  });

  it('RE130 and RE200 for a task\'s due date', () => {
    const bad = sampleCriteria().replace('due: "2025-11-08"', 'due: "2025-11-31"');
    const p = only(problemsOf(bad), 'RE130');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, '"2025-11-31" is not a real date (expected YYYY-MM-DD).');
    assert.deepEqual(at(p), where(bad, '"2025-11-31"'));
    none(problemsOf(bad), 'RE200');
    const late = sampleCriteria().replace('due: "2025-11-08"', 'due: "2026-01-02"');
    const w = only(problemsOf(late), 'RE200');
    assert.equal(w.severity, 'warning');
    assert.equal(w.message, 'Due date 2026-01-02 is outside the index year 2025.');
    assert.deepEqual(at(w), where(late, '"2026-01-02"'));
  });

  it('RE200: the first and last day of the index year are inside it', () => {
    for (const due of ['2025-01-01', '2025-12-31']) none(problemsOf(sampleCriteria().replace('due: "2025-11-08"', `due: "${due}"`)), 'RE200');
    only(problemsOf(sampleCriteria().replace('due: "2025-11-08"', 'due: "2024-12-31"')), 'RE200');
  });

  it('RE201: a glob that can never match, with its reason, at the path; the requirement stays', () => {
    for (const [glob, reason] of [['2.1/ket-qua/', 'reason.trailingSlash'], ['2.1//ket-qua.pdf', 'reason.emptySegment']] as const) {
      const text = sampleCriteria().replace('"2.1/ket-qua-*.pdf"', `"${glob}"`);
      const doc = parseCriteria(text, FILE);
      const p = only(doc.problems, 'RE201');
      assert.equal(p.severity, 'warning');
      assert.equal(p.message, `No file could ever match "${glob}": ${t('en', reason)}.`);
      assert.deepEqual(p.data, { reason });
      assert.equal(at(p).line, where(text, `"${glob}"`).line);
      assert.notEqual(doc.byId.get('2.1')?.evidence[1].valid, false);
    }
  });

  it('RE202: a selfScore above maxScore is a warning at the selfScore; equal is fine', () => {
    const above = sampleCriteria().replace('maxScore: 1\n        owner: VHXH', 'maxScore: 1\n        selfScore: 1.5\n        owner: VHXH');
    const p = only(problemsOf(above), 'RE202');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'selfScore 1.5 is greater than maxScore 1.');
    assert.deepEqual(at(p), where(above, '1.5\n'.trim(), where(above, 'selfScore').line - 1));
    none(problemsOf(sampleCriteria().replace('maxScore: 1\n        owner: VHXH', 'maxScore: 1\n        selfScore: 1\n        owner: VHXH')), 'RE202');
  });

  it('RE203: a leaf with no evidence requirement is a warning, unless it is waived', () => {
    const text = sampleCriteria().replace('        evidence:\n          - title: Kế hoạch\n            path: "1.1 Kế hoạch/*.pdf"\n', '        evidence: []\n');
    const p = only(problemsOf(text), 'RE203');
    assert.equal(p.severity, 'warning');
    assert.equal(p.message, 'Criterion "1.1" has no evidence requirement: it can never be backed by a document.');
    assert.deepEqual(p.data, { id: '1.1' });
    assert.deepEqual(at(p), where(text, '"1.1"'));
    // 2.2 in the sample is waived (notApplicable) with `evidence: []`: no warning.
    none(problemsOf(sampleCriteria()), 'RE203');
  });

  it('RE150: only a leaf can carry a measure', () => {
    const text = sampleCriteria().replace('    maxScore: 3\n    children:', '    maxScore: 3\n    measure: { data: "x.csv", period: Tháng, numerator: A, denominator: B, proportional: true }\n    children:');
    const p = only(problemsOf(text), 'RE150');
    assert.equal(p.severity, 'error');
    assert.equal(p.message, '"1" has children: only a leaf can carry a measure; it is ignored.');
    assert.equal(at(p).line, where(text, 'measure:').line);
  });

  describe('a measure (RE151–RE156)', () => {
    /** The sample with leaf 1.2 (maxScore 2) measured from `data`, with `rule` lines. */
    const measured = (data: string, rule: string) =>
      sampleCriteria().replace(
        '        evidence:\n          - title: Báo cáo quý\n            path: "1.2 Báo cáo/*.pdf"\n            min: 4\n',
        `        measure:\n          data: "${data}"\n          period: Tháng\n          numerator: A\n          denominator: B\n${rule}`,
      );
    const PROPORTIONAL = '          proportional: { target: 90 }\n';
    const problemsOfMeasure = (text: string) => {
      const doc = parseCriteria(text, FILE);
      const leaf = doc.byId.get('1.2')!;
      return { problems: doc.problems, valid: leaf.measure?.valid, dataValid: leaf.evidence.find((r) => r.data)?.valid };
    };

    it('accepts .csv and .xlsx in any case, and nothing after the extension', () => {
      for (const data of ['3/a.csv', '3/a.CSV', '3/a.Xlsx']) assert.deepEqual(problemsOfMeasure(measured(data, PROPORTIONAL)).problems, [], data);
      const { problems, valid, dataValid } = problemsOfMeasure(measured('3/a.csv.bak', PROPORTIONAL));
      const p = only(problems, 'RE154');
      assert.equal(p.message, 'Data file "3/a.csv.bak" must be a .csv or .xlsx file.');
      assert.equal(at(p).line, where(measured('3/a.csv.bak', PROPORTIONAL), 'data: "3/a.csv.bak"').line);
      assert.deepEqual([valid, dataValid], [false, false]);
    });

    it('RE155: a sheet only for an .xlsx file, whatever the case of the extension', () => {
      const text = measured('3/a.CSV', '          sheet: Số liệu\n' + PROPORTIONAL);
      const p = only(problemsOfMeasure(text).problems, 'RE155');
      assert.equal(p.severity, 'error');
      assert.equal(p.message, 'sheet "Số liệu" only applies to an .xlsx data file.');
      assert.equal(at(p).line, where(text, 'sheet:').line);
    });

    it('RE151: bands in strictly falling order of "from" (an equal "from" is refused), at the bands', () => {
      const text = measured('3/a.csv', '          bands:\n            - { from: 80, score: 2 }\n            - { from: 80, score: 1 }\n');
      const { problems, valid, dataValid } = problemsOfMeasure(text);
      const p = only(problems, 'RE151');
      assert.equal(p.message, 'Bands must be in falling order of "from": 80 comes after 80.');
      assert.equal(at(p).line, where(text, '- { from: 80, score: 2 }').line);
      assert.deepEqual([valid, dataValid], [false, false]);
      assert.deepEqual(problemsOfMeasure(measured('3/a.csv', '          bands:\n            - { from: 80, score: 2 }\n            - { from: 79.5, score: 2 }\n')).problems, []);
    });

    it('RE152: each band scoring above maxScore, named; a band scoring maxScore is fine', () => {
      const text = measured('3/a.csv', '          bands:\n            - { from: 80, score: 3 }\n            - { from: 50, score: 2.5 }\n            - { from: 20, score: 2 }\n');
      const found = problemsOfMeasure(text).problems.filter((p) => p.code === 'RE152');
      assert.deepEqual(found.map((p) => [p.severity, p.message]), [
        ['error', 'A band scores 3, more than maxScore 2.'],
        ['error', 'A band scores 2.5, more than maxScore 2.'],
      ]);
    });

    it('RE153 and RE156 name the data file and the criterion', () => {
      const unsafe = only(problemsOfMeasure(measured('~/a.csv', PROPORTIONAL)).problems, 'RE153');
      assert.equal(unsafe.message, `Unsafe data file "~/a.csv": ${t('en', 'reason.home')}.`);
      assert.deepEqual(unsafe.data, { reason: 'reason.home', path: '~/a.csv' });
      const neither = only(problemsOfMeasure(measured('3/a.csv', '')).problems, 'RE156');
      assert.equal(neither.message, 'The measure of "1.2" needs either bands or proportional, not both and not neither.');
    });

    it('with an unsafe evidenceRoot the measure is not valid either', () => {
      const { valid, dataValid } = problemsOfMeasure(measured('3/a.csv', PROPORTIONAL).replace('evidenceRoot: evidence', 'evidenceRoot: ../x'));
      assert.deepEqual([valid, dataValid], [false, false]);
    });
  });

  it('every problem names the file it was found in', () => {
    const text = sampleCriteria().replace('owner: VP\n        due: "2025-10-15"', 'owner: KTHT\n        due: "2025-10-15"');
    const problems = problemsOf(text);
    assert.ok(problems.length > 0);
    assert.deepEqual([...new Set(problems.map((p) => p.file))], [FILE]);
  });
});

describe('validate: schema messages (RE010)', () => {
  it('places a missing required property on the first key of its mapping', () => {
    const text = sampleCriteria().replace('    title: Tập huấn ISO 9001:2015\n', '');
    const p = problemsOf(text).find((x) => x.code === 'RE010' && x.message.includes('title'));
    assert.ok(p, JSON.stringify(problemsOf(text)));
    assert.equal(p.message, 'Schema: /tasks/0 must have required property \'title\'');
    assert.deepEqual(at(p), where(text, 'id: NV-01'));
    // The range is the key `id` alone, not the whole mapping (whose subtree would be underlined).
    assert.deepEqual(p.range.end, { line: p.range.start.line, character: p.range.start.character + 'id'.length });
    assert.deepEqual(p.data, { keyword: 'required', instancePath: '/tasks/0', params: { missingProperty: 'title' } });
  });

  it('names an unknown property, at its key, in English and Vietnamese', () => {
    const text = sampleCriteria().replace('        title: Báo cáo quý\n', '        title: Báo cáo quý\n        mucTieu: 100\n');
    const en = only(problemsOf(text), 'RE010');
    assert.equal(en.message, 'Schema: /criteria/0/children/1 must NOT have additional property "mucTieu"');
    assert.deepEqual(at(en), where(text, 'mucTieu'));
    const vi = only(problemsOf(text, 'vi'), 'RE010');
    assert.ok(vi.message.endsWith('/criteria/0/children/1 thuộc tính không được phép "mucTieu"'), vi.message);
  });

  it('speaks Vietnamese for each kind of schema error, at the root as "/"', () => {
    const cases: Array<[string, (s: string) => string, string]> = [
      ['required', (s) => s.replace('units:\n  VP:\n    name: Văn phòng HĐND và UBND\n  VHXH:\n    name: Phòng Văn hóa - Xã hội\n', ''), '/ thiếu thuộc tính bắt buộc "units"'],
      ['type', (s) => s.replace('maxScore: 1.5', 'maxScore: "nhiều"'), '/criteria/1/children/0/maxScore phải có kiểu number'],
      ['pattern', (s) => s.replace('due: "2025-11-08"', 'due: "08/11/2025"'), '/tasks/0/due không đúng mẫu'],
      ['minimum', (s) => s.replace('year: 2025', 'year: 1999'), '/index/year phải ≥ 2000'],
      ['maximum', (s) => s.replace('year: 2025', 'year: 2101'), '/index/year phải ≤ 2100'],
      ['exclusiveMinimum', (s) => s.replace('maxScore: 1.5', 'maxScore: 0'), '/criteria/1/children/0/maxScore phải > 0'],
      ['minLength', (s) => s.replace('title: Bộ chỉ số thử nghiệm', 'title: ""'), '/index/title phải có ít nhất 1 ký tự'],
      ['minItems', (s) => s.replace('        evidence: []\n', '        evidence: []\n        children: []\n'), '/criteria/1/children/1/children phải có ít nhất 1 phần tử'],
    ];
    for (const [keyword, change, expected] of cases) {
      const vi = problemsOf(change(sampleCriteria()), 'vi').filter((p) => p.code === 'RE010');
      assert.ok(vi.some((p) => p.message.includes(expected)), `${keyword}: ${JSON.stringify(vi.map((p) => p.message))}`);
      const en = problemsOf(change(sampleCriteria())).filter((p) => p.code === 'RE010');
      assert.ok(en.length > 0 && en.every((p) => !p.message.includes(expected)), `${keyword} in English: ${JSON.stringify(en.map((p) => p.message))}`);
    }
  });

  it('speaks Vietnamese for a mapping with too few entries', () => {
    const text = sampleCriteria().replace('units:\n  VP:\n    name: Văn phòng HĐND và UBND\n  VHXH:\n    name: Phòng Văn hóa - Xã hội\n', 'units: {}\n');
    const p = problemsOf(text, 'vi').find((x) => x.code === 'RE010');
    assert.equal(p?.message, 'Lược đồ: /units phải có ít nhất 1 mục');
    assert.deepEqual(p && at(p), where(text, '{}'));
  });

  it('places an error on its value under keys holding "/", "~", digits, and at list positions past 9', () => {
    const units = '  VHXH:\n    name: Phòng Văn hóa - Xã hội\n  "a/b~c":\n    name: 5\n  VP2:\n    name: 6\n  1X:\n    name: 7\n';
    let tasks = '';
    for (let i = 2; i <= 11; i++) tasks += `  - { id: NV-${i}, title: ${i === 11 ? 8 : 'T'}, owner: VP, due: "2025-05-01" }\n`;
    const text = sampleCriteria(tasks).replace('  VHXH:\n    name: Phòng Văn hóa - Xã hội\n', units);
    const problems = problemsOf(text).filter((p) => p.message.endsWith('must be string'));
    const valueOf = (needle: string) => ({ line: where(text, needle).line, column: where(text, needle).column + needle.length - 1 });
    assert.deepEqual(problems.map((p) => [p.message, at(p)]), [
      ['Schema: /units/a~1b~0c/name must be string', valueOf('name: 5')],
      ['Schema: /units/VP2/name must be string', valueOf('name: 6')],
      ['Schema: /units/1X/name must be string', valueOf('name: 7')],
      ['Schema: /tasks/10/title must be string', valueOf('title: 8')],
    ]);
  });

  it('places a required property missing from an empty mapping on the mapping, and one missing at the root on the first key', () => {
    const empty = sampleCriteria('  - {}\n');
    const found = problemsOf(empty).filter((p) => p.code === 'RE010');
    assert.ok(found.length >= 3 && found.every((p) => p.message.startsWith('Schema: /tasks/1 must have required property')), JSON.stringify(found.map((p) => p.message)));
    assert.deepEqual([...new Set(found.map((p) => JSON.stringify(at(p))))], [JSON.stringify(where(empty, '{}', 20))]);
    assert.deepEqual(found[0].range.end, { line: found[0].range.start.line, character: found[0].range.start.character + '{}'.length });
    const root = '# tiêu chí\n' + sampleCriteria().replace('units:\n  VP:\n    name: Văn phòng HĐND và UBND\n  VHXH:\n    name: Phòng Văn hóa - Xã hội\n', '');
    const p = problemsOf(root).find((x) => x.code === 'RE010');
    assert.equal(p?.message, "Schema: / must have required property 'units'");
    assert.deepEqual(p && at(p), { line: 2, column: 1 });
    assert.deepEqual(p?.range.end, { line: 1, character: 'reformEvidence'.length });
  });

  it('lists the allowed values of an enum', () => {
    const text = areaCriteria({
      children: `      - id: "1.1"
        title: Tỷ lệ
        maxScore: 2
        owner: VP
        measure: { data: "3/x.csv", period: Tháng, numerator: A, denominator: B, proportional: true, over: month }
`,
    });
    const en = problemsOf(text).filter((p) => p.code === 'RE010');
    assert.ok(en.some((p) => p.message === 'Schema: /criteria/0/children/0/measure/over must be equal to one of the allowed values: ["year","latest"]'), JSON.stringify(en.map((p) => p.message)));
    const vi = problemsOf(text, 'vi').filter((p) => p.code === 'RE010');
    assert.ok(vi.some((p) => p.message.includes('/criteria/0/children/0/measure/over phải là một trong ["year","latest"]')), JSON.stringify(vi.map((p) => p.message)));
  });

  it('reports the same message at the same place once, and never the bare if/then/else of a conditional schema', () => {
    // A leaf without maxScore and owner fails the schema's if/then/else (a leaf needs them): only the missing
    // properties are reported, not "must match \"else\" schema".
    const text = sampleCriteria().replace('        maxScore: 1\n        owner: VHXH\n', '').replace('    owner: VHXH\n    support: [VP]\n', '    support: [VP]\n');
    const problems = problemsOf(text).filter((p) => p.code === 'RE010');
    assert.ok(problems.some((p) => p.message === "Schema: /criteria/0/children/0 must have required property 'maxScore'"), problems.map((p) => p.message).join('\n'));
    assert.ok(problems.length > 0);
    const keys = problems.map((p) => `${p.message}@${p.range.start.line}:${p.range.start.character}`);
    assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
    assert.deepEqual(problems.filter((p) => ['if', 'then', 'else', 'oneOf', 'anyOf'].includes(String(p.data?.keyword))), []);
    assert.ok(problems.some((p) => p.message.includes("must have required property 'owner'")), keys.join('\n'));
  });
});
