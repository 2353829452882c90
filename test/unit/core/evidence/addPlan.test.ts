// What `add` decides before it touches the disk (docs/audit-trail.md, "Adding"): the criterion or task the files go
// to, the requirement (the only one, or --requirement N, 1-based), its folder (the static part of the glob, or a
// literal path's folder and name), and the safe name of each file, which must match the glob (`SCAN.PDF` becomes
// `SCAN.pdf` for `*.pdf`; a `.docx` for `*.pdf` is refused). Each refusal: its message key, arguments and sentence.
import * as assert from 'node:assert/strict';
import { stringify } from 'yaml';
import { chooseRequirement, planNames, requirementFolder, resolveTarget, type EvidenceTarget } from '../../../../src/core/evidence/addEvidence';
import { EvidenceError } from '../../../../src/core/git/errors';
import type { Requirement } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';

const req = (path: string, extra: Partial<Requirement> = {}): Requirement =>
  ({ title: 'Kế hoạch', path, min: 1, index: 0, valid: true, range: undefined, fields: {}, ...extra }) as unknown as Requirement;

/** Asserts that `run` throws an EvidenceError with `key`, `args` and the English sentence `message`. */
function throwsEvidence(run: () => unknown, key: string, args: string[], message: string) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof EvidenceError, String(error));
    assert.equal(error.key, key);
    assert.deepEqual(error.args, args);
    assert.equal(error.message, message);
    return true;
  });
}

/** The criteria file; `owners` false leaves out the owners of 1.2 and NV-02 (a schema error, yet the file loads). */
function doc(owners = true) {
  const text = stringify({
    reformEvidence: 1,
    index: { id: 'x', title: 'x', year: 2025 },
    units: { VP: { name: 'Văn phòng' } },
    criteria: [
      {
        id: '1',
        title: 'Area',
        children: [
          { id: '1.1', title: 'a', maxScore: 1, owner: 'VP', evidence: [{ title: 'Kế hoạch', path: '1.1/*.pdf' }, { title: 'Báo cáo', path: '1.1/bc/**/*.docx' }] },
          { id: '1.2', title: 'b', maxScore: 1, evidence: [], ...(owners ? { owner: 'VP' } : {}) },
        ],
      },
    ],
    tasks: [
      { id: 'NV-01', title: 'task', owner: 'VP', due: '2025-12-01', criteria: ['1.1', '1.2'], evidence: [{ title: 'Tập huấn', path: 'nv/*.pdf' }] },
      { id: 'NV-02', title: 'task', ...(owners ? { owner: 'VP' } : {}), due: '2025-12-01', criteria: ['1.1'], evidence: [{ title: 'x', path: 'nv2/*.pdf' }] },
    ],
  });
  const parsed = parseCriteria(text, '/w/criteria.yaml');
  if (owners) assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), [], 'the test file is valid');
  return parsed;
}

describe('adding evidence: target, requirement, folder and names (docs/audit-trail.md)', () => {
  it('a leaf criterion: its requirements, its own id as Criterion, its unit', () => {
    const t = resolveTarget(doc(), '1.1');
    assert.equal(t.kind, 'criterion');
    assert.equal(t.id, '1.1');
    assert.deepEqual(t.criteria, ['1.1']);
    assert.deepEqual(t.units, ['VP']);
    assert.equal(t.task, undefined);
    assert.deepEqual(t.requirements.map((r) => r.title), ['Kế hoạch', 'Báo cáo']);
    assert.deepEqual(resolveTarget(doc(), '1.2').units, ['VP']);
    assert.deepEqual(resolveTarget(doc(false), '1.2').units, []);
  });

  it('a task: its linked criteria, the Task trailer, its unit (none without an owner)', () => {
    const t = resolveTarget(doc(), 'NV-01');
    assert.equal(t.kind, 'task');
    assert.equal(t.task, 'NV-01');
    assert.deepEqual(t.criteria, ['1.1', '1.2']);
    assert.deepEqual(t.units, ['VP']);
    assert.deepEqual(t.requirements.map((r) => r.path), ['nv/*.pdf']);
    assert.deepEqual(resolveTarget(doc(false), 'NV-02').units, []);
  });

  it('an area, or an unknown id, is refused with its sentence', () => {
    throwsEvidence(() => resolveTarget(doc(), '1'), 'evidence.notLeaf', ['1', '1.1, 1.2'], '"1" has sub-criteria: add evidence to one of them (1.1, 1.2).');
    throwsEvidence(() => resolveTarget(doc(), '9.9'), 'evidence.unknownCriterion', ['9.9'], 'There is no criterion or task "9.9".');
  });

  it('the requirement: the only one, or number N (1-based); none, several without N, or N out of range are refused', () => {
    const d = doc();
    const two = resolveTarget(d, '1.1');
    assert.equal(chooseRequirement(two, 1).title, 'Kế hoạch');
    assert.equal(chooseRequirement(two, 2).title, 'Báo cáo');
    assert.equal(chooseRequirement(resolveTarget(d, 'NV-01')).title, 'Tập huấn');
    assert.equal(chooseRequirement(resolveTarget(d, 'NV-01'), 1).title, 'Tập huấn');
    throwsEvidence(
      () => chooseRequirement(two),
      'evidence.chooseRequirement',
      ['1.1', '1. Kế hoạch (1.1/*.pdf); 2. Báo cáo (1.1/bc/**/*.docx)'],
      '"1.1" has several evidence requirements; choose one with --requirement N: 1. Kế hoạch (1.1/*.pdf); 2. Báo cáo (1.1/bc/**/*.docx)',
    );
    for (const n of [0, 3, 1.5, -1])
      throwsEvidence(() => chooseRequirement(two, n), 'evidence.badRequirement', [String(n), '2'], `Requirement ${n} does not exist (1 to 2).`);
    const none: EvidenceTarget = { ...resolveTarget(d, '1.2') };
    throwsEvidence(() => chooseRequirement(none, 1), 'evidence.noRequirements', ['1.2'], '"1.2" has no evidence requirement: add one to the criteria file first.');
  });

  it("the folder: the glob's static part, a literal path's folder and name; an invalid path is refused", () => {
    assert.deepEqual(requirementFolder(req('1 Chỉ đạo/1.1 Kế hoạch/*.pdf')), { folder: '1 Chỉ đạo/1.1 Kế hoạch' });
    assert.deepEqual(requirementFolder(req('./1.1/**/*.pdf')), { folder: '1.1' });
    assert.deepEqual(requirementFolder(req('*.pdf')), { folder: '' });
    assert.deepEqual(requirementFolder(req('./1.2/Quy chế.docx')), { folder: '1.2', fixedName: 'Quy chế.docx' });
    assert.deepEqual(requirementFolder(req('Quy chế.docx')), { folder: '', fixedName: 'Quy chế.docx' });
    throwsEvidence(
      () => requirementFolder(req('*.pdf', { valid: false })),
      'evidence.invalidRequirement',
      ['Kế hoạch'],
      'The path of requirement "Kế hoạch" is not valid; fix the criteria file first.',
    );
  });

  it('names: made safe, the given --name for every file, the extension put in the case the glob asks', () => {
    const pdf = req('1.1/*.pdf');
    assert.deepEqual(planNames(['/tmp/a/scan001.pdf', '/tmp/b/Báo cáo?.pdf'], pdf, 240), [
      { source: '/tmp/a/scan001.pdf', name: 'scan001.pdf' },
      { source: '/tmp/b/Báo cáo?.pdf', name: 'Báo cáo.pdf' },
    ]);
    assert.deepEqual(planNames(['/tmp/scan.pdf'], pdf, 240, 'Quyết định 248/QĐ-UBND.pdf'), [{ source: '/tmp/scan.pdf', name: 'Quyết định 248-QĐ-UBND.pdf' }]);
    assert.deepEqual(planNames(['/tmp/SCAN.PDF'], pdf, 240), [{ source: '/tmp/SCAN.PDF', name: 'SCAN.pdf' }]);
    // The room left for a name bounds it.
    assert.deepEqual(planNames(['/tmp/abcdefgh.pdf'], pdf, 7), [{ source: '/tmp/abcdefgh.pdf', name: 'abc.pdf' }]);
    // The glob is tested on the path under the folder: a root glob too.
    assert.deepEqual(planNames(['/tmp/x.PDF'], req('*.pdf'), 240), [{ source: '/tmp/x.PDF', name: 'x.pdf' }]);
  });

  it('a literal requirement keeps its own name, whatever the file is called', () => {
    assert.deepEqual(planNames(['/tmp/any.docx'], req('1.2/Quy chế.docx'), 240, 'other.docx'), [{ source: '/tmp/any.docx', name: 'Quy chế.docx' }]);
  });

  it('a file the glob would not count, or no room for a name, is refused', () => {
    const pdf = req('1.1/*.pdf');
    throwsEvidence(
      () => planNames(['/tmp/bao-cao.docx'], pdf, 240),
      'evidence.noGlobMatch',
      ['bao-cao.docx', 'Kế hoạch', '1.1/*.pdf'],
      '"bao-cao.docx" would not count for "Kế hoạch": the requirement only accepts files matching "1.1/*.pdf". Convert the file, or give a matching name with --name.',
    );
    throwsEvidence(() => planNames(['/tmp/a.pdf'], req('1.1/Kế hoạch *.pdf'), 240), 'evidence.noGlobMatch', ['a.pdf', 'Kế hoạch', '1.1/Kế hoạch *.pdf'], '"a.pdf" would not count for "Kế hoạch": the requirement only accepts files matching "1.1/Kế hoạch *.pdf". Convert the file, or give a matching name with --name.');
    throwsEvidence(() => planNames(['/tmp/a.pdf'], pdf, 4), 'evidence.pathTooLong', ['a.pdf'], 'The evidence folder path is too long to hold "a.pdf".');
  });
});
