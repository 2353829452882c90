// Which files count for which requirement (docs/criteria-format.md, "Evidence states"): a requirement's path is a
// glob relative to evidenceRoot (picomatch, `dot: false`), or one file when it has no glob characters or names a
// measure's data file; only leaf criteria and tasks have requirements. And the marks of a path (File decorations):
// the ids a file counts for, or the criteria whose folder a folder is. Pure: no file system.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { markOf } from '../../../../src/core/evidence/marks';
import {
  compileRequirement,
  compileRequirements,
  filesOf,
  isMatched,
  matchAll,
  pathPrefixes,
  removeFile,
  requirementKey,
  requirementsByBase,
  startMatching,
  updateFile,
  upsertFile,
  type CompiledRequirement,
} from '../../../../src/core/evidence/match';
import type { EvidenceFile, Requirement } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';

const req = (path: string, extra: Partial<Requirement> = {}): Requirement =>
  ({ title: 't', path, min: 1, index: 0, valid: true, range: undefined, fields: {}, ...extra }) as unknown as Requirement;
const file = (path: string, git: EvidenceFile['git'] = 'committed'): EvidenceFile => ({ path, git });
const paths = (files: EvidenceFile[]) => files.map((f) => f.path);
/** The paths that `glob` matches among `candidates`, through the whole matcher. */
const matched = (glob: string, candidates: string[], extra: Partial<Requirement> = {}) => {
  const r = compileRequirement('criterion', '1.1', req(glob, extra));
  return paths(filesOf(matchAll([r], candidates.map((p) => file(p))), r.key));
};

function doc() {
  const text = stringify({
    reformEvidence: 1,
    index: { id: 'x', title: 'x', year: 2025 },
    units: { VP: { name: 'Văn phòng' } },
    criteria: [
      {
        id: '1',
        title: 'Area',
        children: [
          { id: '1.1', title: 'a', maxScore: 1, owner: 'VP', evidence: [{ title: 'Kế hoạch', path: '1.1 Kế hoạch/*.pdf' }, { title: 'Báo cáo', path: 'chung/**/*.pdf' }] },
          { id: '1.2', title: 'b', maxScore: 1, owner: 'VP', evidence: [{ title: 'Quy chế', path: '1.2/Quy chế.docx' }] },
        ],
      },
    ],
    tasks: [{ id: 'NV-01', title: 'task', owner: 'VP', due: '2025-12-01', criteria: ['1.1'], evidence: [{ title: 'Tập huấn', path: 'chung/*.pdf' }] }],
  });
  const parsed = parseCriteria(text, '/w/criteria.yaml');
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), [], 'the test file is valid');
  return parsed;
}

describe('evidence matching (docs/criteria-format.md)', () => {
  it('a requirement key names its owner kind, id and place: criterion:1.2#0, task:NV-01#1', () => {
    assert.equal(requirementKey('criterion', '1.2', 0), 'criterion:1.2#0');
    assert.equal(requirementKey('task', 'NV-01', 1), 'task:NV-01#1');
  });

  it('every requirement of the leaves and the tasks, in document order; a parent has none', () => {
    const compiled = compileRequirements(doc());
    assert.deepEqual(
      compiled.map((r) => [r.key, r.owner, r.ownerId, r.requirement.title]),
      [
        ['criterion:1.1#0', 'criterion', '1.1', 'Kế hoạch'],
        ['criterion:1.1#1', 'criterion', '1.1', 'Báo cáo'],
        ['criterion:1.2#0', 'criterion', '1.2', 'Quy chế'],
        ['task:NV-01#0', 'task', 'NV-01', 'Tập huấn'],
      ],
    );
  });

  it('the static folder of a glob, a literal path, "./" dropped, and the name tested alone under it', () => {
    const here = compileRequirement('criterion', '1.1', req('./1.1 Kế hoạch/*.pdf'));
    assert.equal(here.base, '1.1 Kế hoạch');
    assert.equal(here.literal, undefined);
    assert.equal(here.name?.where, 'here');
    assert.equal(here.name?.test('a.pdf'), true);
    assert.equal(here.name?.test('a.docx'), false);
    const below = compileRequirement('criterion', '1.1', req('1.1/**/*.pdf'));
    assert.equal(below.base, '1.1');
    assert.equal(below.name?.where, 'below');
    assert.equal(below.name?.test('b.pdf'), true);
    const top = compileRequirement('criterion', '1.1', req('**/*.pdf'));
    assert.equal(top.base, '');
    assert.equal(top.name?.where, 'below');
    assert.equal(compileRequirement('criterion', '1.1', req('*.pdf')).name?.where, 'here');
    // A name part with a folder in it, or a globstar alone, is tested on the whole path.
    assert.equal(compileRequirement('criterion', '1.1', req('1.1/*/scan.pdf')).name, undefined);
    assert.equal(compileRequirement('criterion', '1.1', req('1.1/**')).name, undefined);
    assert.equal(compileRequirement('criterion', '1.1', req('1.1/**/a/*.pdf')).name, undefined);
    assert.equal(compileRequirement('criterion', '1.1', req('1.1/**/**/*.pdf')).name, undefined);
    assert.equal(compileRequirement('criterion', '1.1', req('!1.1/*.pdf')).name, undefined);
    const literal = compileRequirement('criterion', '1.2', req('./1.2/Quy chế.docx'));
    assert.equal(literal.base, '1.2/Quy chế.docx');
    assert.equal(literal.literal, true);
    assert.equal(literal.test('1.2/Quy chế.docx'), true);
  });

  it('an invalid requirement matches nothing, and is filed under no folder', () => {
    const r = compileRequirement('criterion', '1.1', req('*.pdf', { valid: false }));
    assert.equal(r.key, 'criterion:1.1#0');
    assert.equal(r.base, '\uffff');
    assert.equal(r.test('a.pdf'), false);
    assert.deepEqual(matched('*.pdf', ['a.pdf'], { valid: false }), []);
  });

  it('a measure\'s data file is one file: "[", "(" and "*" in its name are characters', () => {
    const r = compileRequirement('criterion', '1.1', req('./số liệu/[2025] (a)*.csv', { data: true }));
    assert.equal(r.literal, true);
    assert.equal(r.base, 'số liệu/[2025] (a)*.csv');
    assert.deepEqual(matched('số liệu/[2025] (a)*.csv', ['số liệu/[2025] (a)*.csv', 'số liệu/2 (a)x.csv', 'số liệu/[2025] (a)x.csv'], { data: true }), ['số liệu/[2025] (a)*.csv']);
    // The same path as a glob: "*" is a wildcard.
    assert.deepEqual(matched('số liệu/a*.csv', ['số liệu/a*.csv', 'số liệu/ax.csv']), ['số liệu/a*.csv', 'số liệu/ax.csv']);
    assert.deepEqual(matched('số liệu/a*.csv', ['số liệu/a*.csv', 'số liệu/ax.csv'], { data: true }), ['số liệu/a*.csv']);
  });

  it('"*" stays in its folder; "**" crosses folders but none whose name starts with a dot', () => {
    const files = ['1.1/a.pdf', '1.1/x/b.pdf', '1.1/x/y/c.pdf', '1.1/.h/d.pdf', '1.1/x/.h/e.pdf', '1.1/.f.pdf', '1.1/g.docx', '1.10/h.pdf', 'i.pdf', '.j/k.pdf', '.l.pdf'];
    assert.deepEqual(matched('1.1/*.pdf', files), ['1.1/a.pdf']);
    assert.deepEqual(matched('1.1/**/*.pdf', files), ['1.1/a.pdf', '1.1/x/b.pdf', '1.1/x/y/c.pdf']);
    assert.deepEqual(matched('**/*.pdf', files), ['1.1/a.pdf', '1.1/x/b.pdf', '1.1/x/y/c.pdf', '1.10/h.pdf', 'i.pdf']);
    assert.deepEqual(matched('*.pdf', files), ['i.pdf']);
    assert.deepEqual(matched('1.1/*/*.pdf', files), ['1.1/x/b.pdf']);
    assert.deepEqual(matched('1.1/g.docx', files), ['1.1/g.docx']);
    // A dot folder written in the glob's static part is entered: only the folders below it are checked.
    assert.deepEqual(matched('.h/**/*.pdf', ['.h/a.pdf', '.h/x/b.pdf', '.h/.y/c.pdf']), ['.h/a.pdf', '.h/x/b.pdf']);
  });

  it('the folder index gives each file what the whole-path test gives: many globs, nested and dot folders, any order', () => {
    const segment = fc.constantFrom('a', 'b', '.h', 'a b');
    const name = fc.constantFrom('x.pdf', 'y.docx', '.z.pdf', 'a');
    const globPart = fc.constantFrom('a', 'b', '.h', '*', '**', 'a*', '{a,b}');
    const globName = fc.constantFrom('*.pdf', 'x.pdf', '*', 'a', '*.{pdf,docx}');
    const glob = fc.tuple(fc.array(globPart, { maxLength: 4 }), globName).map(([dirs, n]) => [...dirs, n].join('/'));
    const filePath = fc.tuple(fc.array(segment, { maxLength: 5 }), name).map(([dirs, n]) => [...dirs, n].join('/'));
    fc.assert(
      fc.property(fc.array(glob, { minLength: 1, maxLength: 8 }), fc.uniqueArray(filePath, { maxLength: 30 }), (globs, listed) => {
        const compiled = globs.map((g, i) => compileRequirement('criterion', `1.${i}`, req(g, { index: i })));
        const state = matchAll(compiled, listed.map((p) => file(p)));
        for (const r of compiled) assert.deepEqual(paths(filesOf(state, r.key)), listed.filter((p) => r.test(p)).sort(), r.requirement.path);
        // isMatched looks at the folder's candidates alone: true exactly for a file some whole-path test takes.
        for (const p of listed) assert.equal(isMatched(state, p), compiled.some((r) => r.test(p)), p);
        // A file its requirements no longer hold (a link dropped) is matched no more, whatever its globs say.
        for (const p of listed.slice(0, 2)) removeFile(state, p);
        for (const p of listed.slice(0, 2)) assert.equal(isMatched(state, p), false, p);
      }),
    );
  });

  it('files of several folders, in any order, each meet the requirements of their own folder', () => {
    const compiled = compileRequirements(doc());
    const state = matchAll(compiled, ['chung/a.pdf', '1.1 Kế hoạch/k.pdf', 'chung/x/b.pdf', '1.1 Kế hoạch/l.pdf', '1.2/Quy chế.docx', '1.2/other.docx', 'chung/c.docx'].map((p) => file(p)));
    const of = (key: string) => paths(filesOf(state, key));
    assert.deepEqual(of('criterion:1.1#0'), ['1.1 Kế hoạch/k.pdf', '1.1 Kế hoạch/l.pdf']);
    assert.deepEqual(of('criterion:1.1#1'), ['chung/a.pdf', 'chung/x/b.pdf']);
    assert.deepEqual(of('criterion:1.2#0'), ['1.2/Quy chế.docx']);
    assert.deepEqual(of('task:NV-01#0'), ['chung/a.pdf']);
    assert.deepEqual(of('task:NV-99#0'), []);
    assert.equal(state.files.size, 7);
    assert.equal(state.files.get('chung/c.docx')?.git, 'committed');
  });

  it('a matcher fed file by file gives the same state, and forgets a removed file', () => {
    const compiled = compileRequirements(doc());
    const matcher = startMatching(compiled);
    for (const p of ['1.1 Kế hoạch/k.pdf', 'chung/a.pdf', '1.1 Kế hoạch/l.pdf', '1.2/Quy chế.docx']) matcher.add(file(p));
    assert.deepEqual(paths(filesOf(matcher.state, 'criterion:1.1#0')), ['1.1 Kế hoạch/k.pdf', '1.1 Kế hoạch/l.pdf']);
    assert.deepEqual(paths(filesOf(matcher.state, 'criterion:1.2#0')), ['1.2/Quy chế.docx']);
    matcher.remove('1.1 Kế hoạch/k.pdf');
    assert.deepEqual(paths(filesOf(matcher.state, 'criterion:1.1#0')), ['1.1 Kế hoạch/l.pdf']);
    assert.equal(matcher.state.files.has('1.1 Kế hoạch/k.pdf'), false);
  });

  it('path prefixes: "", each folder, the path; requirements filed by folder in document order', () => {
    assert.deepEqual(pathPrefixes(''), ['']);
    assert.deepEqual(pathPrefixes('a.pdf'), ['', 'a.pdf']);
    assert.deepEqual(pathPrefixes('a/b/c.pdf'), ['', 'a', 'a/b', 'a/b/c.pdf']);
    const a = compileRequirement('criterion', '1', req('x/*.pdf'));
    const b = compileRequirement('criterion', '2', req('y/*.pdf'));
    const c = compileRequirement('task', 'T', req('x/**/*.docx'));
    const index = requirementsByBase([a, b, c]);
    assert.deepEqual([...index.keys()], ['x', 'y']);
    assert.deepEqual(index.get('x'), [a, c]);
    assert.deepEqual(index.get('y'), [b]);
  });

  it('upsertFile and removeFile return the keys the file meets or met, and filesOf follows them, sorted', () => {
    const compiled = compileRequirements(doc());
    const state = matchAll(compiled, [file('chung/b.pdf')]);
    assert.deepEqual(paths(filesOf(state, 'task:NV-01#0')), ['chung/b.pdf']);
    assert.deepEqual(upsertFile(state, file('chung/a.pdf', 'untracked')), ['criterion:1.1#1', 'task:NV-01#0']);
    assert.deepEqual(paths(filesOf(state, 'task:NV-01#0')), ['chung/a.pdf', 'chung/b.pdf']);
    assert.equal(filesOf(state, 'task:NV-01#0')[0].git, 'untracked');
    // A changed state of a known file: same size, the list shows the new state.
    upsertFile(state, file('chung/a.pdf', 'committed'));
    assert.equal(filesOf(state, 'task:NV-01#0')[0].git, 'committed');
    assert.deepEqual(upsertFile(state, file('chung/c.docx')), []);
    assert.deepEqual(upsertFile(state, file('1.1 Kế hoạch/x/a.pdf')), []);
    assert.equal(state.files.has('chung/c.docx'), true);
    assert.deepEqual(removeFile(state, 'chung/b.pdf'), ['criterion:1.1#1', 'task:NV-01#0']);
    assert.deepEqual(paths(filesOf(state, 'task:NV-01#0')), ['chung/a.pdf']);
    assert.deepEqual(paths(filesOf(state, 'criterion:1.1#1')), ['chung/a.pdf']);
    assert.equal(state.files.has('chung/b.pdf'), false);
    assert.deepEqual(removeFile(state, 'chung/c.docx'), []);
    assert.equal(state.files.has('chung/c.docx'), false);
  });

  it('filesOf gives a new array each call: changing it changes nothing', () => {
    const r = compileRequirement('criterion', '1.1', req('*.pdf'));
    const state = matchAll([r], [file('b.pdf'), file('a.pdf')]);
    const first = filesOf(state, r.key);
    first.pop();
    assert.deepEqual(paths(filesOf(state, r.key)), ['a.pdf', 'b.pdf']);
  });

  it('updateFile adds, changes and removes files through the folder index; the sorted lists merge the changes', () => {
    const compiled = compileRequirements(doc());
    const state = matchAll(compiled, ['chung/b.pdf', 'chung/d.pdf', '1.2/Quy chế.docx'].map((p) => file(p)));
    assert.deepEqual(paths(filesOf(state, 'task:NV-01#0')), ['chung/b.pdf', 'chung/d.pdf']);
    updateFile(state, 'chung/c.pdf', file('chung/c.pdf', 'untracked'));
    updateFile(state, 'chung/a.pdf', file('chung/a.pdf'));
    updateFile(state, 'chung/e.pdf', file('chung/e.pdf'));
    updateFile(state, 'chung/d.pdf', undefined);
    updateFile(state, 'chung/b.pdf', file('chung/b.pdf', 'modified'));
    assert.deepEqual(paths(filesOf(state, 'task:NV-01#0')), ['chung/a.pdf', 'chung/b.pdf', 'chung/c.pdf', 'chung/e.pdf']);
    assert.deepEqual(
      filesOf(state, 'task:NV-01#0').map((f) => f.git),
      ['committed', 'modified', 'untracked', 'committed'],
    );
    assert.deepEqual(paths(filesOf(state, 'criterion:1.1#1')), ['chung/a.pdf', 'chung/b.pdf', 'chung/c.pdf', 'chung/e.pdf']);
    assert.equal(state.files.has('chung/d.pdf'), false);
    assert.equal(state.files.get('chung/c.pdf')?.git, 'untracked');
    // A literal path, and a file deeper down.
    updateFile(state, '1.2/Quy chế.docx', undefined);
    assert.deepEqual(paths(filesOf(state, 'criterion:1.2#0')), []);
    updateFile(state, '1.2/Quy chế.docx', file('1.2/Quy chế.docx', 'untracked'));
    assert.deepEqual(paths(filesOf(state, 'criterion:1.2#0')), ['1.2/Quy chế.docx']);
    updateFile(state, 'chung/x/f.pdf', file('chung/x/f.pdf'));
    updateFile(state, 'top.pdf', file('top.pdf'));
    assert.deepEqual(paths(filesOf(state, 'criterion:1.1#1')), ['chung/a.pdf', 'chung/b.pdf', 'chung/c.pdf', 'chung/e.pdf', 'chung/x/f.pdf']);
    assert.deepEqual(paths(filesOf(state, 'task:NV-01#0')), ['chung/a.pdf', 'chung/b.pdf', 'chung/c.pdf', 'chung/e.pdf']);
    assert.equal(state.files.has('top.pdf'), true);
  });

  it('a glob is case-sensitive: `*.pdf` does not count `SCAN.PDF` (add gives such a file the glob\'s case)', () => {
    assert.deepEqual(matched('1.1/*.pdf', ['1.1/a.pdf', '1.1/SCAN.PDF', '1.1/b.Pdf']), ['1.1/a.pdf']);
    assert.deepEqual(matched('1.1/**/*.pdf', ['1.1/x/a.pdf', '1.1/x/SCAN.PDF']), ['1.1/x/a.pdf']);
    assert.deepEqual(matched('1.1/Quy chế.docx', ['1.1/Quy chế.docx', '1.1/quy chế.docx', '1.1/QUY CHẾ.DOCX']), ['1.1/Quy chế.docx']);
  });

  it('paths are compared in NFC: a criteria file written in NFD counts the NFC names of the listing', () => {
    const nfd = stringify({
      reformEvidence: 1,
      index: { id: 'x', title: 'x', year: 2025 },
      units: { VP: { name: 'Văn phòng' } },
      criteria: [{ id: '1', title: 'a', maxScore: 1, owner: 'VP', evidence: [{ title: 't', path: '1 Kế hoạch/Quy chế*.pdf' }, { title: 'u', path: 'Báo cáo/tổng hợp.pdf' }] }],
    }).normalize('NFD');
    const compiled = compileRequirements(parseCriteria(nfd, '/w/criteria.yaml'));
    const listed = ['1 Kế hoạch/Quy chế 2025.pdf', 'Báo cáo/tổng hợp.pdf'].map((p) => file(p.normalize('NFC')));
    const state = matchAll(compiled, listed);
    assert.deepEqual(paths(filesOf(state, 'criterion:1#0')), ['1 Kế hoạch/Quy chế 2025.pdf'.normalize('NFC')]);
    assert.deepEqual(paths(filesOf(state, 'criterion:1#1')), ['Báo cáo/tổng hợp.pdf'.normalize('NFC')]);
  });

  it('only leaves have requirements: evidence put on a parent is not compiled', () => {
    const parsed = doc();
    const parent = parsed.byId.get('1')!;
    parent.evidence.push(req('chung/*.docx'));
    assert.deepEqual(compileRequirements(parsed).map((r) => r.key), ['criterion:1.1#0', 'criterion:1.1#1', 'criterion:1.2#0', 'task:NV-01#0']);
  });

  it('a glob picomatch refuses (too long) matches no file, and a requirement that cannot be read is filed under no folder; neither throws', () => {
    const long = `a/${'b'.repeat(70_000)}*.pdf`;
    assert.deepEqual(matched(long, ['a/x.pdf', `a/${'b'.repeat(70_000)}.pdf`]), []);
    // Not from a parsed file (its paths are strings): a path that is no string at all.
    const r = compileRequirement('criterion', '1.1', req(null as unknown as string));
    assert.equal(r.key, 'criterion:1.1#0');
    assert.equal(r.base, '\uffff');
    assert.equal(r.test('a.pdf'), false);
    assert.deepEqual(paths(filesOf(matchAll([r], [file('a.pdf')]), r.key)), []);
  });

  it('two requirements naming the same file each count it, and so does a glob over it', () => {
    const a = compileRequirement('criterion', '1', req('1/Quy chế.docx'));
    const b = compileRequirement('task', 'NV-01', req('./1/Quy chế.docx'));
    const c = compileRequirement('criterion', '2', req('1/*.docx'));
    const d = compileRequirement('criterion', '3', req('1/Quy chế.docx', { data: true }));
    const state = matchAll([a, b, c, d], [file('1/Quy chế.docx'), file('1/other.docx')]);
    assert.deepEqual(paths(filesOf(state, a.key)), ['1/Quy chế.docx']);
    assert.deepEqual(paths(filesOf(state, b.key)), ['1/Quy chế.docx']);
    assert.deepEqual(paths(filesOf(state, c.key)), ['1/Quy chế.docx', '1/other.docx']);
    assert.deepEqual(paths(filesOf(state, d.key)), ['1/Quy chế.docx']);
    // The same through updateFile.
    updateFile(state, '1/Quy chế.docx', undefined);
    assert.deepEqual([a, b, c, d].map((r) => paths(filesOf(state, r.key))), [[], [], ['1/other.docx'], []]);
    updateFile(state, '1/Quy chế.docx', file('1/Quy chế.docx', 'untracked'));
    assert.deepEqual([a, b, c, d].map((r) => filesOf(state, r.key).map((f) => f.git)), [['untracked'], ['untracked'], ['untracked', 'committed'], ['untracked']]);
  });

  it('the requirements filed by folder are built once per list', () => {
    const list = [compileRequirement('criterion', '1', req('x/*.pdf'))];
    assert.equal(requirementsByBase(list), requirementsByBase(list));
    assert.notEqual(requirementsByBase(list), requirementsByBase([...list]));
  });

  it('removeFile then updateFile on one state: the next read shows neither the removed file nor a stale list', () => {
    const r = compileRequirement('criterion', '1.1', req('*.pdf'));
    const state = matchAll([r], [file('a.pdf'), file('b.pdf')]);
    assert.deepEqual(paths(filesOf(state, r.key)), ['a.pdf', 'b.pdf']);
    assert.deepEqual(removeFile(state, 'b.pdf'), [r.key]);
    updateFile(state, 'c.pdf', file('c.pdf'));
    assert.deepEqual(paths(filesOf(state, r.key)), ['a.pdf', 'c.pdf']);
    // And upsertFile after updateFile.
    updateFile(state, 'a.pdf', undefined);
    assert.deepEqual(upsertFile(state, file('d.pdf', 'untracked')), [r.key]);
    assert.deepEqual(paths(filesOf(state, r.key)), ['c.pdf', 'd.pdf']);
  });

  it('only a leading "./" is dropped: a folder whose name ends in a dot is an ordinary folder', () => {
    const files = ['QĐ./a.pdf', 'QĐ./x/b.pdf', 'QĐ./.h/c.pdf', 'QĐ/d.pdf', 'QĐa.pdf'];
    assert.deepEqual(matched('QĐ./*.pdf', files), ['QĐ./a.pdf']);
    assert.deepEqual(matched('./QĐ./**/*.pdf', files), ['QĐ./a.pdf', 'QĐ./x/b.pdf']);
    assert.deepEqual(matched('QĐ./a.pdf', files), ['QĐ./a.pdf']);
  });

  it('a "!(…)" extglob, or a glob of folders only, is tested on the whole path', () => {
    assert.equal(compileRequirement('criterion', '1.1', req('!(a).pdf')).name, undefined);
    assert.deepEqual(matched('!(a).pdf', ['a.pdf', 'b.pdf', 'x/b.pdf']), ['b.pdf']);
    assert.equal(compileRequirement('criterion', '1.1', req('1.1/**/')).name, undefined);
    assert.deepEqual(matched('1.1/**/', ['1.1/a.pdf', '1.1/x/b.pdf']), []);
  });

  it('a path that merely starts with a file requirement\'s path is another file, whatever the way it arrives', () => {
    const literal = compileRequirement('criterion', '1', req('1/Quy chế'));
    const data = compileRequirement('criterion', '2', req('1/số liệu.csv', { data: true }));
    const near = ['1/Quy chế.docx', '1/Quy chế/a.pdf', '1/số liệu.csv.bak', '1/số liệu.csv/x.csv'];
    const listed = matchAll([literal, data], near.map((p) => file(p)));
    assert.deepEqual([paths(filesOf(listed, literal.key)), paths(filesOf(listed, data.key))], [[], []]);
    const state = matchAll([literal, data], []);
    for (const p of near) assert.deepEqual(upsertFile(state, file(p)), [], p);
    for (const p of near) updateFile(state, p, file(p));
    assert.deepEqual([paths(filesOf(state, literal.key)), paths(filesOf(state, data.key))], [[], []]);
    assert.deepEqual(upsertFile(state, file('1/Quy chế')), [literal.key]);
    assert.deepEqual(upsertFile(state, file('1/số liệu.csv')), [data.key]);
  });

  it('a state changed through updateFile shows on every later read, not only the next', () => {
    const r = compileRequirement('criterion', '1.1', req('*.pdf'));
    const state = matchAll([r], [file('a.pdf'), file('b.pdf')]);
    assert.deepEqual(filesOf(state, r.key).map((f) => f.git), ['committed', 'committed']);
    updateFile(state, 'b.pdf', file('b.pdf', 'modified'));
    assert.deepEqual(filesOf(state, r.key).map((f) => f.git), ['committed', 'modified']);
    assert.deepEqual(filesOf(state, r.key).map((f) => f.git), ['committed', 'modified']);
  });

  it('a matcher read while the listing still arrives: each read has the files added so far, sorted', () => {
    const r = compileRequirement('criterion', '1.1', req('**/*.pdf'));
    const matcher = startMatching([r]);
    matcher.add(file('b.pdf'));
    assert.deepEqual(paths(filesOf(matcher.state, r.key)), ['b.pdf']);
    matcher.add(file('a/c.pdf'));
    matcher.add(file('a.pdf'));
    assert.deepEqual(paths(filesOf(matcher.state, r.key)), ['a.pdf', 'a/c.pdf', 'b.pdf']);
  });

  it('updateFile counts a file only for the requirements it matches, by name or by whole path', () => {
    const here = compileRequirement('criterion', '1', req('1.1/*.pdf'));
    const deep = compileRequirement('criterion', '2', req('1.1/*/scan.pdf'));
    const state = matchAll([here, deep], []);
    for (const p of ['1.1/a.docx', '1.1/x/a.pdf', '1.1/x/scan.docx', '1.1/x/y/scan.pdf']) updateFile(state, p, file(p));
    assert.deepEqual([paths(filesOf(state, here.key)), paths(filesOf(state, deep.key))], [[], []]);
    updateFile(state, '1.1/b.pdf', file('1.1/b.pdf'));
    updateFile(state, '1.1/x/scan.pdf', file('1.1/x/scan.pdf'));
    assert.deepEqual([paths(filesOf(state, here.key)), paths(filesOf(state, deep.key))], [['1.1/b.pdf'], ['1.1/x/scan.pdf']]);
    assert.equal(state.files.size, 6);
  });

  it('updateFile with no sorted list yet: the next read sorts the whole map', () => {
    const r = compileRequirement('criterion', '1.1', req('*.pdf'));
    const state = matchAll([r], [file('b.pdf')]);
    updateFile(state, 'a.pdf', file('a.pdf'));
    updateFile(state, 'b.pdf', undefined);
    updateFile(state, 'c.pdf', file('c.pdf'));
    assert.deepEqual(paths(filesOf(state, r.key)), ['a.pdf', 'c.pdf']);
  });
});

describe('marks of a path (File decorations)', () => {
  // Built in each test, not when the file loads: Stryker counts code run at load as covered by every test.
  let state: ReturnType<typeof matchAll>;
  beforeEach(() => {
    const compiled: CompiledRequirement[] = compileRequirements(doc());
    state = matchAll(compiled, ['chung/a.pdf', 'chung/x/b.pdf', '1.1 Kế hoạch/k.pdf', 'chung/c.docx', '1.2/Quy chế.docx'].map((p) => file(p)));
  });

  it('a file: the ids it counts for, once each, criteria then tasks in the order of the file', () => {
    assert.deepEqual(markOf(state, 'chung/a.pdf'), { ids: ['1.1', 'NV-01'], folder: false });
    assert.deepEqual(markOf(state, 'chung/x/b.pdf'), { ids: ['1.1'], folder: false });
    assert.deepEqual(markOf(state, '1.1 Kế hoạch/k.pdf'), { ids: ['1.1'], folder: false });
    assert.deepEqual(markOf(state, '1.2/Quy chế.docx'), { ids: ['1.2'], folder: false });
  });

  it('an evidence file that counts for nothing: no ids', () => {
    assert.deepEqual(markOf(state, 'chung/c.docx'), { ids: [], folder: false });
  });

  it('a folder: the criteria whose glob files go there; a literal path\'s folder and other folders have no mark', () => {
    assert.deepEqual(markOf(state, 'chung'), { ids: ['1.1', 'NV-01'], folder: true });
    assert.deepEqual(markOf(state, '1.1 Kế hoạch'), { ids: ['1.1'], folder: true });
    assert.equal(markOf(state, '1.2'), undefined);
    assert.equal(markOf(state, 'chung/x'), undefined);
    assert.equal(markOf(state, 'chung/d.pdf'), undefined);
  });

  it('an invalid requirement marks no folder', () => {
    const invalid = [compileRequirement('criterion', '1.1', req('*.pdf', { valid: false }))];
    const s = matchAll(invalid, []);
    assert.equal(markOf(s, '\uffff'), undefined);
  });

  it('two requirements of one criterion met by one file: the id once', () => {
    const two = [compileRequirement('criterion', '1.1', req('a/*.pdf')), compileRequirement('criterion', '1.1', req('a/**/*.pdf', { index: 1 }))];
    const s = matchAll(two, [file('a/x.pdf')]);
    assert.deepEqual(markOf(s, 'a/x.pdf'), { ids: ['1.1'], folder: false });
    assert.deepEqual(markOf(s, 'a'), { ids: ['1.1'], folder: true });
  });
});
