// The status at a revision (docs/history.md) on a repository held in memory (memoryRepo): the commit's tree read
// as a checkout's file system would (links followed inside the repository, `..` above the top outside, the
// system's limit of links), which commit a date names, where the evidence folder is, and the status of a
// criteria file as committed.
import * as assert from 'node:assert/strict';
import { RevisionTree } from '../../../../src/core/history/revisionTree';
import { commitAtDate, commitOnOrBefore } from '../../../../src/core/history/commitAt';
import { criteriaAt, evidenceListing, evidencePathOf, placeOf, statusAtCommit, statusAtRevision, type Place } from '../../../../src/core/history/statusAtRevision';
import { baselineOnDate, statusOnDate } from '../../../../src/core/history/statusOnDate';
import { EvidenceError, GitOperationError } from '../../../../src/core/git/errors';
import { UnreadableFileError } from '../../../../src/core/fs/readBounded';
import type { CriteriaDoc, CriterionStatus } from '../../../../src/core/model/types';
import { memoryRepo, type Entry } from './memoryRepo';
import { cityIndex, WARD } from '../../extendsFixtures';
import { areaCriteria } from '../../helpers';

const FILES: Record<string, Entry> = {
  'ward/evidence/a.pdf': 'a',
  'ward/evidence/sub/b.pdf': 'b',
  'ward/shared/c.pdf': 'c',
  'ward/rel.pdf': { link: 'shared/c.pdf' },
  'ward/up.pdf': { link: '../ward/shared/c.pdf' },
  'ward/abs.pdf': { link: '/repo/ward/shared/c.pdf' },
  'ward/etc.pdf': { link: '/etc/passwd' },
  'ward/sibling.pdf': { link: '/repository/x.pdf' },
  'ward/toTop': { link: '/repo' },
  'ward/dir': { link: 'evidence' },
  'ward/empty': { link: '' },
  'ward/loopA': { link: 'loopB' },
  'ward/loopB': { link: 'loopA' },
  'ward/mod': { submodule: true },
  'top.txt': 't',
};

function tree(files: Record<string, Entry> = FILES) {
  const repo = memoryRepo({ c1: files });
  return { repo, tree: new RevisionTree(repo.git, repo.commit('c1'), '/repo') };
}

describe('history: a commit\'s tree resolved as a checkout would', () => {
  it('files, folders and the top; "" and "." parts skipped; ".." walks up', async () => {
    const { tree: t } = tree();
    assert.deepEqual(await t.resolve('ward/evidence/a.pdf'), { kind: 'blob', path: 'ward/evidence/a.pdf', entry: await t.lookup('ward/evidence/a.pdf') });
    assert.equal((await t.resolve('ward/evidence/a.pdf') as { entry: { mode: string } }).entry.mode, '100644');
    assert.deepEqual(await t.resolve('ward/evidence'), { kind: 'tree', path: 'ward/evidence' });
    assert.deepEqual(await t.resolve(''), { kind: 'tree', path: '' });
    assert.deepEqual(await t.lookup(''), { mode: '040000', type: 'tree', oid: '' }, 'the top is a tree without asking Git');
    assert.equal(((await t.resolve('./ward//evidence/./a.pdf')) as { path: string }).path, 'ward/evidence/a.pdf');
    assert.equal(((await t.resolve('ward/shared/../evidence/sub/b.pdf')) as { path: string }).path, 'ward/evidence/sub/b.pdf');
    assert.deepEqual(await t.resolve('ward/mod'), { kind: 'commit', path: 'ward/mod', entry: await t.lookup('ward/mod') });
  });

  it('a missing path, a path through a file, and ".." above the top', async () => {
    const { tree: t } = tree();
    assert.deepEqual(await t.resolve('ward/evidence/none.pdf'), { kind: 'missing' });
    assert.deepEqual(await t.resolve('ward/evidence/a.pdf/x'), { kind: 'missing' });
    assert.deepEqual(await t.resolve('..'), { kind: 'outside' });
    assert.deepEqual(await t.resolve('ward/../../x'), { kind: 'outside' });
    assert.deepEqual(await t.resolve('ward/..'), { kind: 'tree', path: '' });
  });

  it('links: relative to their folder, absolute only back into the work tree, through a folder link; the resolved path is the target\'s', async () => {
    const { tree: t } = tree();
    for (const link of ['ward/rel.pdf', 'ward/up.pdf', 'ward/abs.pdf']) assert.equal(((await t.resolve(link)) as { path: string }).path, 'ward/shared/c.pdf', link);
    assert.equal((await t.resolve('ward/rel.pdf')).kind, 'blob');
    assert.deepEqual(await t.resolve('ward/etc.pdf'), { kind: 'outside' });
    assert.deepEqual(await t.resolve('ward/sibling.pdf'), { kind: 'outside' }, 'a folder whose name only begins like the top is outside');
    assert.deepEqual(await t.resolve('ward/toTop/top.txt'), { kind: 'blob', path: 'top.txt', entry: await t.lookup('top.txt') });
    assert.equal(((await t.resolve('ward/dir/sub/b.pdf')) as { path: string }).path, 'ward/evidence/sub/b.pdf');
    assert.deepEqual(await t.resolve('ward/empty'), { kind: 'missing' }, 'a link without a target');
    assert.deepEqual(await t.resolve('ward/loopA'), { kind: 'missing' }, 'a loop ends at the limit');
  });

  it('a folder whose name only begins with two dots ("..notes") is in the work tree: links into it resolve there, absolute or relative', async () => {
    const { tree: t } = tree({
      '..notes/n.pdf': 'n',
      'ward/abs.pdf': { link: '/repo/..notes/n.pdf' },
      'ward/rel.pdf': { link: '../..notes/n.pdf' },
      'ward/abs-gone.pdf': { link: '/repo/..notes/none.pdf' },
    });
    const found = { kind: 'blob', path: '..notes/n.pdf', entry: await t.lookup('..notes/n.pdf') };
    assert.deepEqual(await t.resolve('ward/abs.pdf'), found);
    assert.deepEqual(await t.resolve('ward/rel.pdf'), found);
    assert.equal(await t.linkStep('ward/abs-gone.pdf'), '..notes/none.pdf');
  });

  it('linkStep: where a link points in one step, as a repository path: relative to its folder, absolute from the top, "outside" above the top or out of the work tree', async () => {
    const { tree: t } = tree({
      'top.txt': 't',
      'a/b/c/rel.pdf': { link: '../../x/./y.pdf' },
      'a/b/c/slash.pdf': { link: '..//x.pdf' },
      'a/b/c/up.pdf': { link: '../../../../x.pdf' },
      'top-up.pdf': { link: '../x.pdf' },
      'top-in.pdf': { link: 'x.pdf' },
      'a/abs.pdf': { link: '/repo/a/b/none.pdf' },
      'a/abs-out.pdf': { link: '/elsewhere/none.pdf' },
      'a/abs-near.pdf': { link: '/repository/none.pdf' },
    });
    const steps: Record<string, string | undefined> = {};
    for (const p of ['a/b/c/rel.pdf', 'a/b/c/slash.pdf', 'a/b/c/up.pdf', 'top-up.pdf', 'top-in.pdf', 'a/abs.pdf', 'a/abs-out.pdf', 'a/abs-near.pdf', 'top.txt', 'a/b', 'none.pdf']) steps[p] = await t.linkStep(p);
    assert.deepEqual(steps, {
      'a/b/c/rel.pdf': 'a/x/y.pdf',
      'a/b/c/slash.pdf': 'a/b/x.pdf',
      'a/b/c/up.pdf': 'outside',
      'top-up.pdf': 'outside',
      'top-in.pdf': 'x.pdf',
      'a/abs.pdf': 'a/b/none.pdf',
      'a/abs-out.pdf': 'outside',
      'a/abs-near.pdf': 'outside',
      'top.txt': undefined,
      'a/b': undefined,
      'none.pdf': undefined,
    });
  });

  it('at most 40 links in one resolution, as the file system (ELOOP)', async () => {
    const files: Record<string, Entry> = { 'f.txt': 'x' };
    for (let i = 0; i < 41; i++) files[`l${i}`] = { link: i === 40 ? 'f.txt' : `l${i + 1}` };
    const { tree: t } = tree(files);
    assert.equal((await t.resolve('l1')).kind, 'blob', '40 links');
    assert.deepEqual(await t.resolve('l0'), { kind: 'missing' }, '41 links');
  });

  it('outside the listed scope each path is one ls-tree, asked once; inside it, none; a link\'s target read once', async () => {
    const { repo, tree: t } = tree();
    assert.equal(t.covers('ward'), false, 'nothing listed yet');
    await t.resolve('ward/rel.pdf');
    const asked = repo.git.commands.length;
    await t.resolve('ward/rel.pdf');
    assert.equal(repo.git.commands.length, asked, 'cached');
    assert.ok(repo.git.commands.every((c) => c[0] !== 'ls-tree' || (!c.includes('-r') && c.includes('--full-tree'))));
    assert.equal(repo.git.commands.filter((c) => c[0] === 'cat-file').length, 1);
    await t.fill('ward/evidence');
    assert.ok(repo.git.commands.at(-1)!.includes('-r'));
    assert.deepEqual([...t.entries.keys()].filter((p) => p.startsWith('ward/evidence/')).sort(), ['ward/evidence/a.pdf', 'ward/evidence/sub', 'ward/evidence/sub/b.pdf']);
    const before = repo.git.commands.length;
    assert.equal(await t.lookup('ward/evidence/none.pdf'), undefined);
    assert.ok(await t.lookup('ward/evidence/sub/b.pdf'));
    assert.equal(repo.git.commands.length, before, 'answered from the listing');
  });

  it('covers: the scope itself and below it; "" is everything', async () => {
    const { tree: t } = tree();
    await t.fill('ward/evidence');
    assert.equal(t.scope, 'ward/evidence');
    assert.deepEqual(['ward/evidence', 'ward/evidence/a.pdf', 'ward/evidencex', 'ward'].map((p) => t.covers(p)), [true, true, false, false]);
    const all = tree().tree;
    await all.fill('');
    assert.equal(all.covers('top.txt'), true);
    assert.ok(all.entries.has('top.txt') && all.entries.has('ward/evidence/a.pdf'));
  });

  it('moveTo applies the changes between two commits and forgets what it looked up', async () => {
    const repo = memoryRepo({ c1: { 'e/a.pdf': 'a', 'x.txt': '1' }, c2: { 'e/b.pdf': 'b' } });
    const t = new RevisionTree(repo.git, repo.commit('c1'), '/repo');
    await t.fill('e');
    assert.ok(await t.lookup('x.txt'));
    const b = { mode: '100644', type: 'blob' as const, oid: '1'.repeat(40) };
    t.moveTo(repo.commit('c2'), [{ path: 'e/a.pdf', before: t.entries.get('e/a.pdf') }, { path: 'e/b.pdf', after: b }]);
    assert.equal(t.commit, repo.commit('c2'));
    assert.deepEqual([...t.entries.keys()].sort(), ['e', 'e/b.pdf']);
    assert.equal(await t.lookup('x.txt'), undefined, 'looked up again in the new commit');
  });
});

describe('history: which commit a date names', () => {
  const repo = memoryRepo({ c1: {}, c2: {} }, { revList: { '2025-11-10': 'c2', '2025-01-01': undefined, '2025-02-02': 'not-a-hash' } });

  it('the last commit of the first-parent line on or before the end of the day', async () => {
    assert.equal(await commitOnOrBefore(repo.git, '2025-11-10'), repo.commit('c2'));
    assert.deepEqual(repo.git.commands.at(-1), ['rev-list', '-1', '--first-parent', '--before=2025-11-10 23:59:59', 'HEAD', '--']);
    assert.equal(await commitOnOrBefore(repo.git, '2025-11-10', repo.commit('c1')), repo.commit('c2'));
    assert.equal(repo.git.commands.at(-1)![4], repo.commit('c1'));
    assert.equal(await commitAtDate(repo.git, '2025-11-10'), repo.commit('c2'));
  });

  it('none that old, an answer that is no hash, or Git failing: no commit; commitAtDate names the date', async () => {
    assert.equal(await commitOnOrBefore(repo.git, '2025-01-01'), undefined);
    assert.equal(await commitOnOrBefore(repo.git, '2025-02-02'), undefined);
    assert.equal(await commitOnOrBefore(repo.git, '2024-01-01'), undefined);
    await assert.rejects(commitAtDate(repo.git, '2025-01-01'), (e: EvidenceError) => e instanceof EvidenceError && e.key === 'history.noCommitAt' && e.args[0] === '2025-01-01');
  });

  it('only a date and HEAD or a full hash reach Git; an untrusted workspace is an error', async () => {
    for (const date of ['2025-1-10', '2025-11-10x', 'x2025-11-10', '--all']) await assert.rejects(commitOnOrBefore(repo.git, date), /not a date/, date);
    await assert.rejects(commitOnOrBefore(repo.git, '2025-11-10', 'main'), /not a commit hash/);
    const untrusted = memoryRepo({});
    untrusted.git.read = () => Promise.reject(Object.assign(new Error('not trusted'), { name: 'GitNotTrustedError' }));
    await assert.rejects(commitOnOrBefore(untrusted.git, '2025-11-10'), /not trusted/);
  });
});

const CRITERIA = (evidenceRoot: string, extra = '') =>
  JSON.stringify({
    reformEvidence: 1,
    index: { id: 't', title: 'T', year: 2025, evidenceRoot },
    units: { VP: { name: 'VP' } },
    criteria: [
      {
        id: '1',
        title: 'Area',
        children: [
          { id: '1.1', title: 'Plan', maxScore: 1, owner: 'VP', due: '2025-06-30', evidence: [{ title: 'Plan', path: 'plan/*.pdf' }] },
          { id: '1.2', title: 'Linked', maxScore: 2, owner: 'VP', evidence: [{ title: 'L', path: 'linked/*.pdf' }] },
        ],
      },
    ],
  }) + extra;

const leafOf = (areas: CriterionStatus[], id: string) => areas.flatMap((a) => a.children).find((c) => c.id === id)!;

describe('history: the status of a criteria file as committed', () => {
  it('placeOf: the top and the folder from Git; not a repository, or not trusted, are errors', async () => {
    const repo = memoryRepo({}, { prefix: 'ward/' });
    assert.deepEqual(await placeOf('/repo/ward/criteria.yaml', { git: repo.git }), { git: repo.git, top: '/repo', folder: 'ward', file: '/repo/ward/criteria.yaml' });
    const none = memoryRepo({});
    none.git.read = () => Promise.reject(new Error('fatal: not a git repository'));
    await assert.rejects(placeOf('/x/criteria.yaml', { git: none.git }), (e: GitOperationError) => e instanceof GitOperationError && e.code === 'notRepo');
    none.git.read = () => Promise.reject(Object.assign(new Error('no'), { name: 'GitNotTrustedError' }));
    await assert.rejects(placeOf('/x/criteria.yaml', { git: none.git }), (e: Error) => e.name === 'GitNotTrustedError');
  });

  it('evidencePathOf: evidenceRoot under the criteria file\'s folder, normalised', () => {
    const place = (folder: string): Place => ({ git: memoryRepo({}).git, top: '/repo', folder, file: `/repo/${folder}/criteria.yaml` });
    const doc = (evidenceRoot: string) => ({ index: { evidenceRoot } }) as CriteriaDoc;
    assert.deepEqual(
      [
        evidencePathOf(place(''), doc('evidence')),
        evidencePathOf(place(''), doc('.')),
        evidencePathOf(place('ward'), doc('.')),
        evidencePathOf(place('ward'), doc('./evidence/')),
        evidencePathOf(place('ward'), doc('a/../evidence//')),
        evidencePathOf(place('ward'), doc('./')),
        evidencePathOf(place(''), doc('./')),
        evidencePathOf(place('ward'), doc('docs/evidence/')),
      ],
      ['evidence', '', 'ward', 'ward/evidence', 'ward/evidence', 'ward', '', 'ward/docs/evidence'],
    );
  });

  it('evidenceListing: the files under the evidence folder, keyed in NFC, links marked, excluded folders left out', async () => {
    const nfd = 'Ba\u0301o ca\u0301o.pdf';
    const { tree: t } = tree({
      'ev/a.pdf': 'a',
      [`ev/${nfd}`]: 'nfd',
      [`ev/${nfd.normalize('NFC')}`]: 'nfc',
      'ev/l.pdf': { link: 'a.pdf' },
      'ev/tmp/x.pdf': 'x',
      'ev/keep/tmp.pdf': 'k',
      'other/o.pdf': 'o',
    });
    await t.fill('');
    const listing = evidenceListing(t, 'ev', ['/tmp/']);
    assert.deepEqual(listing.files.map((f) => f.path).sort(), ['a.pdf', 'keep/tmp.pdf', 'l.pdf', 'Báo cáo.pdf'].sort());
    assert.ok(listing.files.every((f) => f.git === 'committed'));
    assert.deepEqual([...listing.links], ['l.pdf']);
    assert.equal(listing.repoPathOf.get('Báo cáo.pdf'), 'ev/Báo cáo.pdf', 'the NFC name when both are there');
    assert.equal(listing.repoPathOf.get('a.pdf'), 'ev/a.pdf');
    const all = evidenceListing(t, '');
    assert.ok(all.files.some((f) => f.path === 'other/o.pdf') && all.files.some((f) => f.path === 'ev/tmp/x.pdf'));
    assert.ok(!all.files.some((f) => f.path === 'ev'), 'folders are not files');
    // Exclusions written with extra slashes, and one naming a file.
    assert.deepEqual(
      evidenceListing(t, 'ev', ['//tmp//', 'keep/tmp.pdf'])
        .files.map((f) => f.path)
        .sort(),
      ['a.pdf', 'l.pdf', 'Báo cáo.pdf'].sort(),
    );
    // The NFC name listed first is kept too.
    const nfcFirst = tree({ [`ev/${nfd.normalize('NFC')}`]: 'nfc', [`ev/${nfd}`]: 'nfd' }).tree;
    await nfcFirst.fill('');
    assert.equal(evidenceListing(nfcFirst, 'ev').repoPathOf.get('Báo cáo.pdf'), 'ev/Báo cáo.pdf');
    const nfdOnly = tree({ [`ev/${nfd}`]: 'nfd' }).tree;
    await nfdOnly.fill('');
    assert.equal(evidenceListing(nfdOnly, 'ev').repoPathOf.get('Báo cáo.pdf'), `ev/${nfd}`);
  });

  it('the criteria file missing at the commit, a folder in its place, or too large', async () => {
    const repo = memoryRepo({ none: { 'x.txt': 'x' }, dir: { 'ward/criteria.yaml/x': 'x' }, big: { 'ward/criteria.yaml': 'x'.repeat(5 * 1024 * 1024 + 1) } }, { prefix: 'ward/' });
    const place = await placeOf('/repo/ward/criteria.yaml', { git: repo.git });
    await assert.rejects(criteriaAt(place, new RevisionTree(repo.git, repo.commit('none'), '/repo'), {}), (e: EvidenceError) => e.key === 'history.noCriteria' && e.args[0] === 'ward/criteria.yaml' && e.args[1] === repo.commit('none').slice(0, 12));
    await assert.rejects(criteriaAt(place, new RevisionTree(repo.git, repo.commit('dir'), '/repo'), {}), UnreadableFileError);
    const big = await criteriaAt(place, new RevisionTree(repo.git, repo.commit('big'), '/repo'), {});
    assert.deepEqual(big.problems.map((p) => p.code), ['RE005']);
  });

  it('statusAtRevision: evidence as committed, links counted only inside the criteria file\'s folder, deadlines on asOf', async () => {
    const repo = memoryRepo(
      {
        c1: { 'ward/criteria.yaml': CRITERIA('ev'), 'ward/ev/plan/p.pdf': 'p' },
        c2: {
          'ward/criteria.yaml': CRITERIA('ev'),
          'ward/ev/linked/in.pdf': { link: '../../other/x.pdf' },
          'ward/other/x.pdf': 'x',
          'ward/ev/linked/out.pdf': { link: '../../../outside.pdf' },
          'outside.pdf': 'o',
        },
      },
      { prefix: 'ward/' },
    );
    const file = '/repo/ward/criteria.yaml';
    const one = await statusAtRevision(file, 'c1', { git: repo.git, asOf: '2025-07-01' });
    assert.equal(one.commit, repo.commit('c1'));
    assert.equal(leafOf(one.model.areas, '1.1').state, 'committed');
    assert.equal(leafOf(one.model.areas, '1.1').overdue, false);
    assert.equal(leafOf(one.model.areas, '1.2').state, 'missing');
    const two = await statusAtRevision(file, 'c2', { git: repo.git, asOf: '2025-07-01' });
    assert.equal(leafOf(two.model.areas, '1.1').overdue, true);
    assert.deepEqual(
      leafOf(two.model.areas, '1.2').requirements[0].files.map((f) => f.path),
      ['linked/in.pdf'],
    );
    await assert.rejects(statusAtRevision(file, 'nope', { git: repo.git }), (e: GitOperationError) => e.code === 'badRevision');
  });

  it('statusAtCommit lists the evidence folder unless the tree already covers it', async () => {
    const repo = memoryRepo({ c1: { 'criteria.yaml': CRITERIA('.'), 'plan/p.pdf': 'p' } });
    const place = await placeOf('/repo/criteria.yaml', { git: repo.git });
    const t = new RevisionTree(repo.git, repo.commit('c1'), '/repo');
    await t.fill('');
    const listed = repo.git.commands.filter((c) => c[0] === 'ls-tree' && c.includes('-r')).length;
    const status = await statusAtCommit(place, t, { asOf: '2025-01-01' });
    assert.equal(repo.git.commands.filter((c) => c[0] === 'ls-tree' && c.includes('-r')).length, listed);
    assert.equal(leafOf(status.model.areas, '1.1').state, 'committed');
  });

  it('statusOnDate: the commit of the day, deadlines judged on that day; null before the first commit; baselineOnDate never throws', async () => {
    const repo = memoryRepo({ c1: { 'criteria.yaml': CRITERIA('.'), 'plan/p.pdf': 'p' }, empty: { 'x.txt': 'x' } }, { revList: { '2025-07-01': 'c1', '2025-06-01': 'c1', '2025-01-01': undefined, '2025-02-01': 'empty' } });
    const file = '/repo/criteria.yaml';
    const day = await statusOnDate(file, '2025-07-01', { git: repo.git });
    assert.equal(day?.commit, repo.commit('c1'));
    assert.equal(day?.model.asOf, '2025-07-01');
    assert.equal((await statusOnDate(file, '2025-06-01', { git: repo.git }))?.model.asOf, '2025-06-01');
    assert.equal(await statusOnDate(file, '2025-01-01', { git: repo.git }), null);
    assert.equal(await baselineOnDate(file, '2025-01-01', { git: repo.git }), null);
    assert.equal(await baselineOnDate(file, '2025-02-01', { git: repo.git }), null, 'the criteria file not committed yet');
    await assert.rejects(statusOnDate(file, '2025-02-01', { git: repo.git }), EvidenceError);
    const broken = memoryRepo({});
    broken.git.read = () => Promise.reject(new Error('fatal: not a git repository'));
    assert.equal(await baselineOnDate(file, '2025-07-01', { git: broken.git }), undefined);
  });

  it('a ward on the city\'s index: the index read from the same commit; missing, a folder, a link out of the ward, too large', async () => {
    const big = cityIndex('v1') + '#' + 'x'.repeat(5 * 1024 * 1024);
    const repo = memoryRepo(
      {
        ok: { 'ward/index/city.yaml': cityIndex('v1'), 'ward/criteria.yaml': WARD },
        gone: { 'ward/criteria.yaml': WARD },
        folder: { 'ward/index/city.yaml/x': 'x', 'ward/criteria.yaml': WARD },
        out: { 'city.yaml': cityIndex('v1'), 'ward/index/city.yaml': { link: '../../city.yaml' }, 'ward/criteria.yaml': WARD },
        above: { 'ward/index/city.yaml': { link: '../../../city.yaml' }, 'ward/criteria.yaml': WARD },
        large: { 'ward/index/city.yaml': big, 'ward/criteria.yaml': WARD },
      },
      { prefix: 'ward/' },
    );
    const file = '/repo/ward/criteria.yaml';
    const at = await statusAtRevision(file, 'ok', { git: repo.git, asOf: '2025-10-20' });
    assert.equal(at.model.index.extends?.version, 'v1');
    assert.equal(at.doc.byId.get('1.1')!.owner, 'TP');
    assert.deepEqual(at.doc.problems.filter((p) => p.severity === 'error'), []);
    const reasons: Record<string, RegExp> = { gone: /no such file/, folder: /not a regular file/, out: /leads outside the folder/, above: /leads outside the folder/, large: /too large/ };
    for (const [name, reason] of Object.entries(reasons)) {
      const doc = (await statusAtRevision(file, name, { git: repo.git, asOf: '2025-10-20' })).doc;
      assert.deepEqual(doc.problems.map((p) => p.code), ['RE181'], name);
      assert.match(doc.problems[0].message, reason, name);
    }
  });

  it('a measure\'s data file is read from the commit (once per blob across statuses); missing there, no rate', async () => {
    const criteria = areaCriteria({
      index: '{ id: t, title: T, year: 2025, evidenceRoot: evidence }',
      children: `      - id: "1.1"
        title: Tỷ lệ
        maxScore: 2
        owner: VP
        measure:
          data: "3/tt.csv"
          period: Tháng
          numerator: Đã thanh toán
          denominator: Phải nộp phí
          bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }]
`,
    });
    const csv = 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;30;50\n2025-02;20;50\n';
    const repo = memoryRepo({ c1: { 'criteria.yaml': criteria, 'evidence/3/tt.csv': csv, 'x.txt': '1' }, c2: { 'criteria.yaml': criteria, 'evidence/3/tt.csv': csv }, none: { 'criteria.yaml': criteria } });
    const tables = new Map();
    const rate = async (name: string) => leafOf((await statusAtRevision('/repo/criteria.yaml', name, { git: repo.git, asOf: '2025-03-01', tables })).model.areas, '1.1').measure;
    const one = await rate('c1');
    assert.equal(one?.rate, 50);
    assert.equal(one?.score, 1);
    const reads = repo.git.commands.filter((c) => c[0] === 'cat-file').length;
    assert.equal((await rate('c2'))?.rate, 50);
    assert.equal(repo.git.commands.filter((c) => c[0] === 'cat-file').length, reads + 1, 'only the criteria file again: the table is the same blob');
    assert.equal(tables.size, 1);
    const none = await rate('none');
    assert.equal(none?.rate, null);
    assert.equal(none?.quality, 'missing');
  });
});
