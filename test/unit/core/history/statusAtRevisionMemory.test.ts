// The status at a revision (docs/history.md: "it equals the status of a real checkout of that commit") on a
// repository held in memory, the parts a checkout would judge on disk: where the criteria file is (Git's own
// answer), a criteria file or index file that is a link, a missing evidence folder (RE204), links leading out
// (RE205), dangling (RE207) or to a folder, an NFD-named link, a measure's data file missing, a folder, or two data files at once.
import * as assert from 'node:assert/strict';
import { EvidenceError, GitOperationError } from '../../../../src/core/git/errors';
import { UnreadableFileError } from '../../../../src/core/fs/readBounded';
import { RevisionTree } from '../../../../src/core/history/revisionTree';
import { criteriaAt, placeOf, statusAtRevision, type RevisionStatus } from '../../../../src/core/history/statusAtRevision';
import { t } from '../../../../src/core/i18n/messages';
import type { CriterionStatus } from '../../../../src/core/model/types';
import { cityIndex, WARD } from '../../extendsFixtures';
import { workbookBytes } from '../measure/fixtures';
import { memoryRepo, type Entry } from './memoryRepo';
import { areaCriteria } from '../../helpers';

const leafOf = (s: RevisionStatus, id: string) => s.model.areas.flatMap((a) => a.children).find((c: CriterionStatus) => c.id === id)!;
const filesOf = (s: RevisionStatus, id: string) => leafOf(s, id).requirements.flatMap((r) => r.files.map((f) => f.path)).sort();
const codes = (s: RevisionStatus) => s.doc.problems.map((p) => p.code);

const CRITERIA = (evidenceRoot: string, extra = '') =>
  areaCriteria({
    index: `{ id: t, title: T, year: 2025, evidenceRoot: "${evidenceRoot}" }`,
    children: `      - id: "1.1"
        title: Plan
        maxScore: 1
        owner: VP
        evidence: [{ title: Plan, path: "plan/**/*" }]
`,
    after: extra,
  });

const MEASURES = `  - id: "2"
    title: Measured
    children:
      - id: "2.1"
        title: Rate A
        maxScore: 2
        owner: VP
        measure: { data: "a.csv", period: Tháng, numerator: Đã, denominator: Phải, bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }] }
      - id: "2.2"
        title: Rate B
        maxScore: 2
        owner: VP
        measure: { data: "b.csv", period: Tháng, numerator: Đã, denominator: Phải, bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }] }
`;
const csv = (done: number) => `Tháng;Đã;Phải\n2025-01;${done};100\n`;

async function at(files: Record<string, Entry>, options: { prefix?: string; locale?: 'en' | 'vi' } = {}) {
  const repo = memoryRepo({ c: files }, { prefix: options.prefix });
  const file = options.prefix ? `/repo/${options.prefix}criteria.yaml` : '/repo/criteria.yaml';
  return statusAtRevision(file, 'c', { git: repo.git, asOf: '2025-03-01', locale: options.locale });
}

describe('history: where a criteria file is, from Git', () => {
  it('asks Git for the top and the prefix; a nested prefix is the folder without its slash; no prefix line is the top', async () => {
    const repo = memoryRepo({}, { prefix: 'xã/phường/' });
    assert.equal((await placeOf('/repo/xã/phường/criteria.yaml', { git: repo.git })).folder, 'xã/phường');
    assert.deepEqual(repo.git.commands, [['rev-parse', '--show-toplevel', '--show-prefix']]);
    const top = memoryRepo({});
    top.git.read = async () => '/repo';
    assert.deepEqual(await placeOf('/repo/criteria.yaml', { git: top.git }), { git: top.git, top: '/repo', folder: '', file: '/repo/criteria.yaml' });
  });

  it('not a repository: the error names the folder; without a Git given, an untrusted workspace never starts one', async () => {
    const none = memoryRepo({});
    none.git.read = () => Promise.reject(new Error('fatal: not a git repository'));
    await assert.rejects(placeOf('/x/y/criteria.yaml', { git: none.git }), (e: GitOperationError) => e.key === 'git.notRepo' && e.message.startsWith('/x/y is not inside a Git repository'));
    await assert.rejects(placeOf('/x/y/criteria.yaml', { isTrusted: () => false }), (e: Error) => e.name === 'GitNotTrustedError');
  });
});

describe('history: the criteria file and its index as committed', () => {
  it('a criteria file that is a link out of the repository, or dangling, is not there; a folder is unreadable as a folder', async () => {
    const repo = memoryRepo({ out: { 'criteria.yaml': { link: '../elsewhere/criteria.yaml' } }, dangling: { 'criteria.yaml': { link: 'gone.yaml' } }, folder: { 'criteria.yaml/x': 'x' }, linked: { 'criteria.yaml': { link: 'real.yaml' }, 'real.yaml': CRITERIA('ev') } });
    const place = await placeOf('/repo/criteria.yaml', { git: repo.git });
    const tree = (name: string) => new RevisionTree(repo.git, repo.commit(name), '/repo');
    for (const name of ['out', 'dangling']) await assert.rejects(criteriaAt(place, tree(name), {}), (e: EvidenceError) => e instanceof EvidenceError && e.key === 'history.noCriteria' && e.args[0] === 'criteria.yaml', name);
    await assert.rejects(criteriaAt(place, tree('folder'), {}), (e: UnreadableFileError) => e instanceof UnreadableFileError && e.path === '/repo/criteria.yaml' && e.reason === 'notFile' && e.detail === 'directory');
    assert.equal((await criteriaAt(place, tree('linked'), {})).index.evidenceRoot, 'ev', 'a link inside the repository is followed');
  });

  it('its problems in the language asked, from the parse and from the size limit', async () => {
    const repo = memoryRepo({ bad: { 'criteria.yaml': CRITERIA('ev').replace('owner: VP', 'owner: NONE') }, big: { 'criteria.yaml': 'x'.repeat(5 * 1024 * 1024 + 1) } });
    const place = await placeOf('/repo/criteria.yaml', { git: repo.git });
    for (const name of ['bad', 'big']) {
      const tree = () => new RevisionTree(repo.git, repo.commit(name), '/repo');
      const vi = (await criteriaAt(place, tree(), { locale: 'vi' })).problems;
      const en = (await criteriaAt(place, tree(), {})).problems;
      assert.ok(vi.length > 0, name);
      assert.deepEqual(vi.map((p) => p.code), en.map((p) => p.code), name);
      assert.ok(vi.every((p, i) => p.message !== en[i].message), `${name}: ${vi.map((p) => p.message).join(' | ')}`);
    }
  });

  it('a criteria file at the top on an index file: read from the commit; a ward\'s index only inside the ward (not a sibling folder)', async () => {
    const top = await at({ 'index/city.yaml': cityIndex('v1'), 'criteria.yaml': WARD });
    assert.equal(top.model.index.extends?.version, 'v1');
    assert.deepEqual(codes(top).filter((c) => c === 'RE181'), []);
    const sibling = await at({ 'wardx/city.yaml': cityIndex('v1'), 'ward/index/city.yaml': { link: '../../wardx/city.yaml' }, 'ward/criteria.yaml': WARD }, { prefix: 'ward/' });
    assert.deepEqual(codes(sibling), ['RE181']);
    assert.match(sibling.doc.problems[0].message, /leads outside the folder/);
  });
});

describe('history: the evidence as a checkout of the commit would show it', () => {
  it('no evidence folder in the commit: RE204, the states not from Git; with one: neither', async () => {
    const without = await at({ 'criteria.yaml': CRITERIA('ev') });
    assert.deepEqual(codes(without), ['RE204']);
    assert.equal(without.model.git, false);
    const withIt = await at({ 'criteria.yaml': CRITERIA('ev'), 'ev/plan/p.pdf': 'p' });
    assert.deepEqual(codes(withIt), []);
    assert.equal(withIt.model.git, true);
  });

  it('links at the top: out of the repository leave with RE205, dangling with RE207; to a folder leave silently; an NFD-named one inside counts', async () => {
    const nfd = 'plan/liên kết.pdf'.normalize('NFD');
    const s = await at({
      'criteria.yaml': CRITERIA('ev'),
      'ev/plan/a.pdf': 'a',
      'ev/plan/up.pdf': { link: '../../../up.pdf' },
      'ev/plan/dangling.pdf': { link: 'gone.pdf' },
      'ev/plan/dir.pdf': { link: '..' },
      [`ev/${nfd}`]: { link: 'a.pdf' },
    });
    assert.deepEqual(filesOf(s, '1.1'), ['plan/a.pdf', 'plan/liên kết.pdf']);
    assert.deepEqual(s.doc.problems.map((p) => [p.code, p.data]), [
      ['RE207', { path: 'plan/dangling.pdf' }],
      ['RE205', { path: 'plan/up.pdf' }],
    ]);
  });

  it('links in a ward: dangling with RE207, out of the ward into the repository (a sibling folder too, even to nothing) with RE205; to the ward itself, silently', async () => {
    const s = await at(
      {
        'ward/criteria.yaml': CRITERIA('ev'),
        'ward/ev/plan/dangling.pdf': { link: 'gone.pdf' },
        'ward/ev/plan/city.pdf': { link: '../../../city.pdf' },
        'ward/ev/plan/in.pdf': { link: '../../x.pdf' },
        'ward/ev/plan/sibling.pdf': { link: '../../../wardx/s.pdf' },
        'ward/ev/plan/sibling-gone.pdf': { link: '../../../wardx/none.pdf' },
        'ward/ev/plan/ward.pdf': { link: '../..' },
        'wardx/s.pdf': 's',
        'city.pdf': 'c',
        'ward/x.pdf': 'x',
      },
      { prefix: 'ward/' },
    );
    assert.deepEqual(filesOf(s, '1.1'), ['plan/in.pdf']);
    assert.deepEqual(s.doc.problems.map((p) => [p.code, p.data]), [
      ['RE205', { path: 'plan/city.pdf' }],
      ['RE207', { path: 'plan/dangling.pdf' }],
      ['RE205', { path: 'plan/sibling-gone.pdf' }],
      ['RE205', { path: 'plan/sibling.pdf' }],
    ]);
  });

  it('measures: each data file its own table; not found under its name (ENOENT) or a folder there ("not a regular file"): RE160, no rate', async () => {
    const both = await at({ 'criteria.yaml': CRITERIA('ev', MEASURES), 'ev/a.csv': csv(60), 'ev/b.csv': csv(90) });
    assert.deepEqual([leafOf(both, '2.1').measure?.rate, leafOf(both, '2.2').measure?.rate], [60, 90]);
    assert.deepEqual(codes(both), []);
    const same = await at({ 'criteria.yaml': CRITERIA('ev', MEASURES), 'ev/a.csv': csv(60), 'ev/b.csv': csv(60) });
    assert.deepEqual([leafOf(same, '2.1').measure?.rate, leafOf(same, '2.2').measure?.rate], [60, 60], 'one blob under two names');
    // Listed under their NFC key and read as the disk reader finds them (evidence/onDisk.ts): the file stored in NFD
    // alone under the name the criteria file gives in NFC; the NFC name itself when it is there, a folder here.
    const nfd = (name: string) => name.normalize('NFD');
    const criteria = CRITERIA('ev', MEASURES).replace('"a.csv"', '"á.csv"').replace('"b.csv"', '"é.csv"');
    const odd = await at({ 'criteria.yaml': criteria, [`ev/${nfd('á.csv')}`]: csv(60), [`ev/${nfd('é.csv')}`]: csv(60), 'ev/é.csv/x': 'x' });
    assert.deepEqual([leafOf(odd, '2.1').measure?.rate, leafOf(odd, '2.2').measure?.rate], [60, null]);
    assert.deepEqual(
      odd.doc.problems.map((p) => p.message),
      [t('en', 'RE160', 'not a regular file')],
    );
    // Written NFD in the criteria file, stored NFC; and a name in no form at all: not found.
    const written = CRITERIA('ev', MEASURES).replace('"a.csv"', `"${nfd('á.csv')}"`).replace('"b.csv"', '"ó.csv"');
    const other = await at({ 'criteria.yaml': written, 'ev/á.csv': csv(70), 'ev/o.csv': csv(60) });
    assert.deepEqual([leafOf(other, '2.1').measure?.rate, leafOf(other, '2.2').measure?.rate], [70, null]);
    // A folder whose name only begins with two dots is a folder of the evidence, not above it.
    const dots = await at({ 'criteria.yaml': CRITERIA('ev', MEASURES).replace('"a.csv"', '"..notes/a.csv"'), 'ev/..notes/a.csv': csv(80), 'ev/b.csv': csv(90) });
    assert.deepEqual([leafOf(dots, '2.1').measure?.rate, codes(dots)], [80, []]);
  });

  it('measures: two sheets of one workbook are two tables', async function () {
    // ExcelJS writes and reads the workbook: slow to load the first time on a loaded machine.
    this.timeout(120_000);
    const book = await workbookBytes((wb) => {
      for (const [name, done] of [['A', 60], ['B', 90]] as const) {
        const sheet = wb.addWorksheet(name);
        sheet.addRow(['Tháng', 'Đã', 'Phải']);
        sheet.addRow(['2025-01', done, 100]);
      }
    });
    const criteria = CRITERIA('ev', MEASURES).replace('data: "a.csv"', 'data: "data.xlsx", sheet: A').replace('data: "b.csv"', 'data: "data.xlsx", sheet: B');
    const s = await at({ 'criteria.yaml': criteria, 'ev/data.xlsx': book });
    assert.deepEqual(codes(s), []);
    assert.deepEqual([leafOf(s, '2.1').measure?.rate, leafOf(s, '2.2').measure?.rate], [60, 90]);
  });
});
