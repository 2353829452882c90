import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { nextFreeId, quickFixesFor, safeGlob } from '../../../../src/core/language/quickFixes';
import { applyEdits } from '../../../../src/core/language/text';
import type { Problem } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { unsafePathReason } from '../../../../src/core/validate/paths';
import { sampleCriteria } from '../../helpers';

const FILE = '/ws/criteria.yaml';
const EXAMPLE = readFileSync(path.resolve(__dirname, '../../../../../examples/ward-2025/criteria.yaml'), 'utf8');

function errorsOf(text: string): Problem[] {
  return parseCriteria(text, FILE).problems.filter((p) => p.severity === 'error');
}

/** Applies the only fix offered for the only problem with `code`, and returns the new text. */
function fixOnce(text: string, code: string, locale: 'en' | 'vi' = 'en'): { text: string; title: string } {
  const doc = parseCriteria(text, FILE, { locale });
  const problems = doc.problems.filter((p) => p.code === code);
  assert.equal(problems.length, 1, `expected one ${code}: ${JSON.stringify(doc.problems.map((p) => p.code + ' ' + p.message))}`);
  const fixes = quickFixesFor(doc, text, problems[0], locale);
  assert.equal(fixes.length, 1, `expected one fix for ${code}`);
  assert.equal(fixes[0].code, code);
  return { text: applyEdits(text, fixes[0].edits), title: fixes[0].title };
}

describe('language: quick fixes', () => {
  it('RE110: adds a missing unit after the last block-style unit', () => {
    const broken = sampleCriteria().replace('owner: VP\n        due: "2025-10-15"', 'owner: TTSNC\n        due: "2025-10-15"');
    const { text, title } = fixOnce(broken, 'RE110');
    assert.equal(title, 'Add unit "TTSNC" to units');
    assert.deepEqual(errorsOf(text), []);
    assert.match(text, /\n {2}VHXH:\n {4}name: Phòng Văn hóa - Xã hội\n {2}TTSNC: \{ name: "TTSNC" \}\ncriteria:/);
  });

  it('RE110: adds a unit to the flow-style units of the example, keeping CRLF line ends', () => {
    const crlf = EXAMPLE.replace('owner: VHXH', 'owner: PhongMoi').replace(/\r?\n/g, '\r\n');
    const { text } = fixOnce(crlf, 'RE110', 'vi');
    assert.deepEqual(errorsOf(text), []);
    assert.ok(!/[^\r]\n/.test(text), 'every inserted line ends with CRLF');
    assert.match(text, /\r\n {2}TTSNC: \{[^\r\n]*\}\r\n {2}PhongMoi: \{ name: "PhongMoi" \}\r\n/);
  });

  it('RE110: a support reference gets the same fix, and an invalid unit id none', () => {
    const support = sampleCriteria().replace('support: [VP]', 'support: [VP, KTHT]');
    assert.deepEqual(errorsOf(fixOnce(support, 'RE110').text), []);
    const invalid = sampleCriteria().replace('support: [VP]', 'support: [VP, "1bad"]');
    const doc = parseCriteria(invalid, FILE);
    const problem = doc.problems.find((p) => p.code === 'RE110')!;
    assert.deepEqual(quickFixesFor(doc, invalid, problem, 'en'), []);
  });

  it('RE121: sets a parent maxScore to the sum of its children', () => {
    const broken = sampleCriteria().replace('title: Công tác chỉ đạo, điều hành\n    maxScore: 3', 'title: Công tác chỉ đạo, điều hành\n    maxScore: 5');
    const { text, title } = fixOnce(broken, 'RE121');
    assert.equal(title, 'Set maxScore of "1" to 3, the sum of its children');
    assert.deepEqual(errorsOf(text), []);
    assert.equal(text, sampleCriteria());
  });

  it('RE100: renames a duplicate id to the next free id among its siblings, keeping the quotes', () => {
    const broken = sampleCriteria().replace('- id: "1.2"', '- id: "1.1"');
    const { text, title } = fixOnce(broken, 'RE100');
    assert.equal(title, 'Change id "1.1" to "1.2"');
    assert.deepEqual(errorsOf(text), []);
    assert.equal(text, sampleCriteria());
  });

  it('RE100: skips ids already used deeper in the tree', () => {
    const doc = parseCriteria(EXAMPLE, FILE);
    const next = nextFreeId(doc, '1');
    assert.ok(!doc.byId.has(next));
    assert.match(next, /^1\.\d+$/);
    const siblings = doc.byId.get('1')!.children.map((c) => Number(c.id.split('.')[1]));
    assert.equal(Number(next.split('.')[1]), Math.max(...siblings) + 1);
    assert.equal(nextFreeId(doc, undefined), String(doc.areas.length + 1));
  });

  it('RE120: moves a misplaced id under its parent', () => {
    const broken = sampleCriteria().replace('- id: "2.1"', "- id: '3.1'");
    const { text } = fixOnce(broken, 'RE120');
    assert.deepEqual(errorsOf(text), []);
    assert.ok(text.includes("- id: '2.3'"), 'the next id after the last child of "2", single quotes kept');
  });

  for (const [unsafe, safe] of [
    ['/1.1 Kế hoạch/*.pdf', '1.1 Kế hoạch/*.pdf'],
    ['../../1.1 Kế hoạch/*.pdf', '1.1 Kế hoạch/*.pdf'],
    ['1.1 Kế hoạch/../../*.pdf', '1.1 Kế hoạch/*.pdf'],
    ['C:\\\\Hồ sơ\\\\1.1\\\\*.pdf', 'Hồ sơ/1.1/*.pdf'],
    ['~/1.1/*.pdf', '1.1/*.pdf'],
    ['!1.1 Kế hoạch/*.pdf', '1.1 Kế hoạch/*.pdf'],
  ]) {
    it(`RE140: replaces the unsafe glob ${unsafe}`, () => {
      const broken = sampleCriteria().replace('path: "1.1 Kế hoạch/*.pdf"', `path: "${unsafe}"`);
      const { text, title } = fixOnce(broken, 'RE140');
      assert.equal(title, `Replace the path with "${safe}"`);
      assert.deepEqual(errorsOf(text), []);
      assert.ok(text.includes(`path: "${safe}"`), text);
    });
  }

  it('RE141: makes an unsafe evidenceRoot relative', () => {
    const { text } = fixOnce(sampleCriteria().replace('evidenceRoot: evidence', 'evidenceRoot: ../evidence'), 'RE141');
    assert.deepEqual(errorsOf(text), []);
    assert.ok(text.includes('evidenceRoot: "evidence"'));
  });

  it('offers nothing where the fix is not clear', () => {
    assert.equal(safeGlob('{..,a}/*.pdf'), undefined, '".." inside braces cannot be cut out');
    assert.equal(safeGlob('ok/*.pdf'), undefined, 'a safe glob needs no fix');
    const text = sampleCriteria().replace('due: "2025-12-15"', 'due: "2025-02-30"');
    const doc = parseCriteria(text, FILE);
    const problem = doc.problems.find((p) => p.code === 'RE130')!;
    assert.deepEqual(quickFixesFor(doc, text, problem, 'en'), []);
  });

  it('a fixed glob is always safe and never keeps a ".." segment', () => {
    const segment = fc.constantFrom('..', '.', '', 'a', 'Hồ sơ', 'C:', '~', '*.pdf', '**');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('/', '\\'), fc.boolean(), (segments, separator, leading) => {
        const glob = (leading ? separator : '') + segments.join(separator);
        const fixed = safeGlob(glob);
        if (fixed === undefined) return unsafePathReason(glob) === undefined || glob.replace(/[\\/.~]|C:/g, '') === '';
        return unsafePathReason(fixed) === undefined && !fixed.split('/').includes('..');
      }),
    );
  });

  it('titles are Vietnamese when the locale is', () => {
    const broken = sampleCriteria().replace('- id: "1.2"', '- id: "1.1"');
    assert.equal(fixOnce(broken, 'RE100', 'vi').title, 'Đổi mã "1.1" thành "1.2"');
  });
});
