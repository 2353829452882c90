// The walker (docs/history.md "Computed incrementally") on a repository held in memory: one listing, then the
// diff from commit to commit (read ahead through one `diff-tree --stdin` when told the walk), must give at every
// commit what a fresh status at that commit gives: additions, deletions, renames, NFC/NFD pairs, links, a changed
// criteria file, a measure's data file changing, a missing criteria file.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EvidenceError } from '../../../../src/core/git/errors';
import { RevisionTree } from '../../../../src/core/history/revisionTree';
import { placeOf, statusAtCommit, type RevisionStatus } from '../../../../src/core/history/statusAtRevision';
import { StatusWalker } from '../../../../src/core/history/walker';
import type { CriterionStatus } from '../../../../src/core/model/types';
import { ASOF, comparable, walkArbitraries } from './generatedHistory';
import { memoryHistory } from './memoryHistory';
import { memoryRepo, type Entry, type MemoryRepo } from './memoryRepo';
import { areaCriteria } from '../../helpers';

const leafOf = (s: RevisionStatus, id: string) => s.model.areas.flatMap((a) => a.children).find((c: CriterionStatus) => c.id === id)!;
const filesOf = (s: RevisionStatus, id: string) => leafOf(s, id).requirements.flatMap((r) => r.files.map((f) => f.path)).sort();

/** A fresh status at `name` (its own tree, listed from nothing). */
async function fresh(repo: MemoryRepo, file: string, name: string, options: { exclude?: string[]; locale?: 'en' | 'vi' } = {}) {
  const place = await placeOf(file, { git: repo.git });
  return statusAtCommit(place, new RevisionTree(repo.git, repo.commit(name), place.top), { asOf: ASOF, fastParse: true, ...options });
}

const same = (walked: RevisionStatus, at: RevisionStatus, label: string) =>
  assert.equal(comparable(walked.model, walked.doc.problems, '/repo'), comparable(at.model, at.doc.problems, '/repo'), label);

const diffTreeCalls = (repo: MemoryRepo) => repo.git.commands.filter((c) => c[0] === 'diff-tree' && !c.includes('--stdin'));

const CRITERIA = (evidenceRoot: string, extra = '') =>
  areaCriteria({
    index: `{ id: t, title: T, year: 2025, evidenceRoot: "${evidenceRoot}" }`,
    children: `      - id: "1.1"
        title: Plan
        maxScore: 1
        owner: VP
        evidence: [{ title: Plan, path: "plan/*.pdf", min: 1 }]
      - id: "1.2"
        title: Report
        maxScore: 2
        owner: VP
        evidence: [{ title: Report, path: "report/**/*", min: 2 }]
`,
    after: extra,
  });

/** Eight commits c0…c7, each adding one report file (c_i holds r0…r_i). */
function growingRepo(): MemoryRepo {
  const commits: Record<string, Record<string, Entry>> = {};
  for (let i = 0; i < 8; i++) {
    const files: Record<string, Entry> = { 'criteria.yaml': CRITERIA('ev') };
    for (let j = 0; j <= i; j++) files[`ev/report/r${j}.pdf`] = String(j);
    commits[`c${i}`] = files;
  }
  return memoryRepo(commits);
}

describe('history: the walker on a repository in memory', () => {
  it('added, deleted, renamed and replaced files change the matches from commit to commit (each diff applied, not relisted)', async () => {
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r1.pdf': 'r1' },
      c2: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r1.pdf': 'r1', 'ev/report/q/r2.docx': 'r2', 'ev/other.pdf': 'o' },
      // a.pdf renamed out of plan/, r1 deleted, r2 changed (still one file).
      c3: { 'criteria.yaml': CRITERIA('ev'), 'ev/old/a.pdf': 'a', 'ev/report/q/r2.docx': 'r2 v2' },
      // A file replaced by a folder of the same name, and back.
      c4: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/x.pdf/in.pdf': 'x', 'ev/report/q/r2.docx': 'r2 v2', 'ev/report/r3.pdf': 'r3' },
      c5: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/x.pdf': 'x', 'ev/report/q/r2.docx': 'r2 v2' },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    const expected: Record<string, [string[], string[]]> = {
      c1: [['plan/a.pdf'], ['report/r1.pdf']],
      c2: [['plan/a.pdf'], ['report/q/r2.docx', 'report/r1.pdf']],
      c3: [[], ['report/q/r2.docx']],
      c4: [[], ['report/q/r2.docx', 'report/r3.pdf']],
      c5: [['plan/x.pdf'], ['report/q/r2.docx']],
    };
    for (const [name, [plan, report]] of Object.entries(expected)) {
      const walked = await walker.at(repo.commit(name), ASOF);
      assert.deepEqual([filesOf(walked, '1.1'), filesOf(walked, '1.2')], [plan, report], name);
      same(walked, await fresh(repo, '/repo/criteria.yaml', name), name);
    }
    assert.equal(repo.git.commands.filter((c) => c[0] === 'ls-tree' && c.includes('-r')).length, 6, 'one listing for the walk, five for the fresh statuses');
    assert.equal(diffTreeCalls(repo).length, 4);
    // A walk listed first where x.pdf is a folder, then where it is a file: the file counts.
    const fromFolder = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    await fromFolder.at(repo.commit('c4'), ASOF);
    assert.deepEqual(filesOf(await fromFolder.at(repo.commit('c5'), ASOF), '1.1'), ['plan/x.pdf']);
    assert.ok(diffTreeCalls(repo).every((c) => c.at(-1) === '.' && c.at(-2) === '--'), 'the diff of the criteria file\'s folder, "." from its Git');
  });

  it('an NFC/NFD pair of one name is one file until both are gone; an excluded folder never counts', async () => {
    const nfc = 'plan/Báo cáo.pdf';
    const nfd = nfc.normalize('NFD');
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev'), [`ev/${nfc}`]: '1', [`ev/${nfd}`]: '2' },
      c2: { 'criteria.yaml': CRITERIA('ev'), [`ev/${nfd}`]: '2' },
      c3: { 'criteria.yaml': CRITERIA('ev'), [`ev/${nfd}`]: '2', [`ev/${nfc}`]: '3' },
      c4: { 'criteria.yaml': CRITERIA('ev'), [`ev/${nfc}`]: '3', 'ev/report/tmp/x.pdf': 'x', 'ev/report/tmp/y.pdf': 'y' },
      c5: { 'criteria.yaml': CRITERIA('ev') },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { exclude: ['//report/tmp//'], fastParse: true });
    for (const [name, plan] of [['c1', [nfc]], ['c2', [nfc]], ['c3', [nfc]], ['c4', [nfc]], ['c5', []], ['c4', [nfc]]] as const) {
      const walked = await walker.at(repo.commit(name), ASOF);
      assert.deepEqual(filesOf(walked, '1.1'), plan, name);
      assert.deepEqual(filesOf(walked, '1.2'), [], `${name}: report/tmp is excluded`);
      same(walked, await fresh(repo, '/repo/criteria.yaml', name, { exclude: ['//report/tmp//'] }), name);
    }
  });

  it('told the walk: the diffs come from one diff-tree --stdin, at most 4 ahead, a repeated commit asked nothing; off the walk, its own diff-tree', async () => {
    const repo = growingRepo();
    const c = (i: number) => repo.commit(`c${i}`);
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    const walk = [c(0), c(1), c(1), c(2), c(3), c(4), c(5), c(6), c(7)];
    walker.expect(walk);
    assert.equal(repo.git.streams.length, 1);
    const stream = repo.git.streams[0];
    assert.ok(stream.args.includes('--stdin') && stream.args.at(-1) === '.' && stream.args.at(-2) === '--');
    const pairs = () => stream.lines.filter((l) => l !== '.');
    assert.deepEqual(pairs(), [`${c(1)} ${c(0)}`, `${c(2)} ${c(1)}`, `${c(3)} ${c(2)}`, `${c(4)} ${c(3)}`], 'four ahead, the repeat skipped');
    assert.equal(stream.lines.filter((l) => l === '.').length, 4, 'each pair ends with a "." line');
    const secured: number[] = [];
    for (const [k, commit] of walk.entries()) {
      const walked = await walker.at(commit, ASOF);
      secured.push(leafOf(walked, '1.2').requirements[0].files.length);
      const used = new Set(walk.slice(1, k + 1)).size;
      assert.equal(pairs().length, Math.min(7, used + 4), `after point ${k}`);
    }
    assert.deepEqual(secured, [1, 2, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(diffTreeCalls(repo).length, 0, 'every diff of the walk came from the stream');
    // Off the told walk: its own diff-tree, from the tree's commit.
    const back = await walker.at(c(2), ASOF);
    assert.equal(back.model.totals.secured, (await fresh(repo, '/repo/criteria.yaml', 'c2')).model.totals.secured);
    assert.deepEqual(diffTreeCalls(repo).map((args) => args.slice(-4)), [[c(7), c(2), '--', '.']]);
    // The same commit again: no diff at all.
    const asked = repo.git.commands.length;
    await walker.at(c(2), ASOF);
    assert.equal(repo.git.commands.length, asked);
    assert.equal(stream.ended, undefined);
    walker.close();
    assert.equal(stream.ended, 'end', 'every pair answered: stdin closed, Git ends on its own');
  });

  it('closed with diffs still unanswered, Git is stopped; a new walk starts a new stream', async () => {
    const repo = memoryRepo({ c0: { 'criteria.yaml': CRITERIA('ev') }, c1: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a' }, c2: { 'criteria.yaml': CRITERIA('ev') } });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    walker.expect([repo.commit('c0'), repo.commit('c1'), repo.commit('c2')]);
    walker.expect([repo.commit('c2'), repo.commit('c1')]);
    assert.deepEqual(
      repo.git.streams.map((s) => s.ended),
      ['stop', undefined],
    );
    assert.deepEqual(repo.git.streams[1].lines, [`${repo.commit('c1')} ${repo.commit('c2')}`, '.']);
    assert.equal((await walker.at(repo.commit('c2'), ASOF)).model.totals.secured, 0);
    assert.deepEqual(filesOf(await walker.at(repo.commit('c1'), ASOF), '1.1'), ['plan/a.pdf']);
    walker.close();
    assert.equal(repo.git.streams[1].ended, 'end');
  });

  it('a changed criteria file is parsed again; one that is a link is read again at every commit (its target may change)', async () => {
    const tighter = CRITERIA('ev').replace('min: 1', 'min: 2');
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a' },
      c2: { 'criteria.yaml': tighter, 'ev/plan/a.pdf': 'a' },
      l1: { 'criteria.yaml': { link: 'real/criteria.yaml' }, 'real/criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a' },
      l2: { 'criteria.yaml': { link: 'real/criteria.yaml' }, 'real/criteria.yaml': tighter, 'ev/plan/a.pdf': 'a' },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    const states = [];
    for (const name of ['c1', 'c2', 'c1', 'l1', 'l2', 'l1']) {
      const walked = await walker.at(repo.commit(name), ASOF);
      states.push(leafOf(walked, '1.1').state);
      same(walked, await fresh(repo, '/repo/criteria.yaml', name), name);
    }
    assert.deepEqual(states, ['committed', 'partial', 'committed', 'committed', 'partial', 'committed']);
  });

  it('a point whose listing holds links is read again from the listing; a link added later turns the incremental walk off', async () => {
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/in.pdf': { link: '../../inside.pdf' }, 'inside.pdf': 'i' },
      c2: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/in.pdf': { link: '../../inside.pdf' } },
      c3: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a' },
      c4: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/out.pdf': { link: '../../../out.pdf' }, 'ev/report/r.pdf': 'r' },
      c5: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r', 'ev/report/r2.pdf': 'r2' },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    const seen: string[][] = [];
    for (const name of ['c1', 'c2', 'c1', 'c3', 'c4', 'c4', 'c5']) {
      const walked = await walker.at(repo.commit(name), ASOF);
      seen.push([...filesOf(walked, '1.1'), ...filesOf(walked, '1.2')]);
      same(walked, await fresh(repo, '/repo/criteria.yaml', name), name);
    }
    assert.deepEqual(seen, [['plan/in.pdf'], [], ['plan/in.pdf'], ['plan/a.pdf'], ['plan/a.pdf', 'report/r.pdf'], ['plan/a.pdf', 'report/r.pdf'], ['plan/a.pdf', 'report/r.pdf', 'report/r2.pdf']]);
  });

  it('the problems a status adds are that point\'s own: not carried to the next point, in the walker\'s language', async () => {
    // An owner no unit has: a problem of the parse, kept from point to point.
    const criteria = CRITERIA('ev').replace('owner: VP', 'owner: NONE');
    const repo = memoryRepo({
      c1: { 'criteria.yaml': criteria, 'ev/report/out.pdf': { link: '../../../out.pdf' } },
      c2: { 'criteria.yaml': criteria, 'ev/report/r.pdf': 'r' },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true, locale: 'vi' });
    for (const name of ['c1', 'c1', 'c2', 'c1']) {
      const walked = await walker.at(repo.commit(name), ASOF);
      const at = await fresh(repo, '/repo/criteria.yaml', name, { locale: 'vi' });
      assert.deepEqual(walked.doc.problems, at.doc.problems, name);
      const en = (await fresh(repo, '/repo/criteria.yaml', name, { locale: 'en' })).doc.problems;
      assert.ok(walked.doc.problems.every((p, i) => p.message !== en[i].message), `${name}: the language shows`);
      assert.equal(walked.doc.problems.filter((p) => p.code === 'RE205').length, name === 'c1' ? 1 : 0, name);
      assert.ok(walked.doc.problems.length > (name === 'c1' ? 1 : 0), name);
    }
  });

  it('without a readable criteria file: pointAt has no point, at throws as a status would; the next commit with one is whole', async () => {
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a' },
      gone: { 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r' },
      c3: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r' },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    assert.deepEqual(filesOf((await walker.pointAt(repo.commit('c1'), ASOF))!, '1.1'), ['plan/a.pdf']);
    assert.equal(await walker.pointAt(repo.commit('gone'), ASOF), undefined);
    await assert.rejects(walker.at(repo.commit('gone'), ASOF), (e: EvidenceError) => e instanceof EvidenceError && e.key === 'history.noCriteria');
    const back = (await walker.pointAt(repo.commit('c3'), ASOF))!;
    assert.deepEqual(filesOf(back, '1.2'), ['report/r.pdf']);
    same(back, await fresh(repo, '/repo/criteria.yaml', 'c3'), 'c3');
  });

  it('a measure\'s data file changing between commits changes the rate; the same blob is read once for the walk', async () => {
    const measure = `  - id: "2"
    title: Measured
    children:
      - id: "2.1"
        title: Rate
        maxScore: 2
        owner: VP
        measure:
          data: "tt.csv"
          period: Tháng
          numerator: Đã
          denominator: Phải
          bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }]
`;
    const low = 'Tháng;Đã;Phải\n2025-01;30;60\n';
    const high = 'Tháng;Đã;Phải\n2025-01;54;60\n';
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev', measure), 'ev/tt.csv': low },
      c2: { 'criteria.yaml': CRITERIA('ev', measure), 'ev/tt.csv': high },
      c3: { 'criteria.yaml': CRITERIA('ev', measure), 'ev/tt.csv': low, 'ev/plan/a.pdf': 'a' },
      c4: { 'criteria.yaml': CRITERIA('ev', measure) },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    const rates: Array<number | null | undefined> = [];
    const walkerReads: string[] = [];
    for (const name of ['c1', 'c2', 'c3', 'c4']) {
      const before = repo.git.commands.length;
      const walked = await walker.at(repo.commit(name), ASOF);
      walkerReads.push(...repo.git.commands.slice(before).filter((c) => c[0] === 'cat-file').flatMap((c) => c.slice(2)));
      rates.push(leafOf(walked, '2.1').measure?.rate);
      same(walked, await fresh(repo, '/repo/criteria.yaml', name), name);
    }
    assert.deepEqual(rates, [50, 90, 50, null]);
    // The criteria file once (unchanged), c1's table, c2's; c3's is c1's blob, from the walk's cache.
    assert.equal(walkerReads.length, 3, walkerReads.join(' '));
    assert.equal(new Set(walkerReads).size, 3);
  });
  it('a data file stored NFD is found by its NFC name at each point, also one added later in the walk', async () => {
    const leaf = (id: string, data: string) => `      - id: "${id}"
        title: Rate
        maxScore: 2
        owner: VP
        measure: { data: "${data}", period: Tháng, numerator: Đã, denominator: Phải, bands: [{ from: 80, score: 2 }, { from: 50, score: 1 }] }
`;
    const measures = `  - id: "2"\n    title: Measured\n    children:\n${leaf('2.1', 'á.csv')}${leaf('2.2', 'é.csv')}`;
    const table = (done: number) => `Tháng;Đã;Phải\n2025-01;${done};60\n`;
    const nfd = (name: string) => `ev/${name.normalize('NFD')}`;
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev', measures), [nfd('á.csv')]: table(30) },
      c2: { 'criteria.yaml': CRITERIA('ev', measures), [nfd('á.csv')]: table(30), [nfd('é.csv')]: table(54) },
      c3: { 'criteria.yaml': CRITERIA('ev', measures), [nfd('é.csv')]: table(54) },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    const rates: Array<Array<number | null | undefined>> = [];
    for (const name of ['c1', 'c2', 'c3']) {
      const walked = await walker.at(repo.commit(name), ASOF);
      rates.push([leafOf(walked, '2.1').measure?.rate, leafOf(walked, '2.2').measure?.rate]);
      same(walked, await fresh(repo, '/repo/criteria.yaml', name), name);
    }
    assert.deepEqual(rates, [[50, null], [50, 90], [null, 90]]);
  });

  it('while the criteria file is the same and no link is listed, the matches are the walker\'s, updated in place; else listed again', async () => {
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a' },
      c2: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r' },
      c3: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r', 'ev/report/l.pdf': { link: 'r.pdf' } },
      c4: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r', 'ev/report/l.pdf': { link: 'r.pdf' }, 'ev/report/s.pdf': 's' },
      c5: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a' },
      c6: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/plan/b.pdf': 'b' },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    const walked: RevisionStatus[] = [];
    for (const name of ['c1', 'c2', 'c2', 'c3', 'c4', 'c5', 'c6']) walked.push(await walker.at(repo.commit(name), ASOF));
    const sameMatches = walked.slice(1).map((s, i) => s.matches === walked[i].matches);
    // c2, c2 again: updated in place; c3 adds a link: listed again; c4 holds one: again; c5: listed (after links); c6: in place.
    assert.deepEqual(sameMatches, [true, true, false, false, false, true]);
    assert.deepEqual(walked.map((s) => s.model.totals.secured), [1, 1, 1, 3, 3, 1, 1]);
  });

  it('a changed criteria file with other paths is matched again from the listing', async () => {
    const moved = CRITERIA('ev').replace('plan/*.pdf', 'report/**/*');
    const repo = memoryRepo({
      c1: { 'criteria.yaml': CRITERIA('ev'), 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r' },
      c2: { 'criteria.yaml': moved, 'ev/plan/a.pdf': 'a', 'ev/report/r.pdf': 'r' },
    });
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    assert.deepEqual(filesOf(await walker.at(repo.commit('c1'), ASOF), '1.1'), ['plan/a.pdf']);
    const two = await walker.at(repo.commit('c2'), ASOF);
    assert.deepEqual(filesOf(two, '1.1'), ['report/r.pdf']);
    same(two, await fresh(repo, '/repo/criteria.yaml', 'c2'), 'c2');
  });

  it('a ward\'s criteria file unchanged from commit to commit is read from Git once', async () => {
    const commits: Record<string, Record<string, Entry>> = {};
    for (let i = 0; i < 4; i++) commits[`c${i}`] = { 'ward/criteria.yaml': CRITERIA('ev'), [`ward/ev/plan/p${i}.pdf`]: String(i) };
    const repo = memoryRepo(commits, { prefix: 'ward/' });
    const walker = new StatusWalker(await placeOf('/repo/ward/criteria.yaml', { git: repo.git }), { fastParse: true });
    for (let i = 0; i < 4; i++) assert.deepEqual(filesOf(await walker.at(repo.commit(`c${i}`), ASOF), '1.1'), [`plan/p${i}.pdf`]);
    assert.equal(repo.git.commands.filter((c) => c[0] === 'cat-file').length, 1);
  });

  it('told a walk and called off it while diffs are still ahead: each point reads the diff from where its tree is', async () => {
    const repo = growingRepo();
    const c = (i: number) => repo.commit(`c${i}`);
    const walker = new StatusWalker(await placeOf('/repo/criteria.yaml', { git: repo.git }), { fastParse: true });
    walker.expect([c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7)]);
    const count = async (i: number) => leafOf(await walker.at(c(i), ASOF), '1.2').requirements[0].files.length;
    // c0 then c5 (off the walk: c0→c1 is ahead), then c1 (the pair ahead ends at c1 but starts at c0), then c2.
    assert.deepEqual([await count(0), await count(5), await count(1), await count(2)], [1, 6, 2, 3]);
    assert.deepEqual(diffTreeCalls(repo).map((args) => args.slice(-4, -2)), [
      [c(0), c(5)],
      [c(5), c(1)],
      [c(1), c(2)],
    ]);
    walker.close();
  });

  // Last: the slowest (Stryker stops at the first failing test, the targeted ones above fail sooner).
  it('gives at each commit of a walk (any order, repeats, told or not) the status at that commit, over generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        ...walkArbitraries,
        async (sub, steps, walk, exclude, told) => {
          const { commits, names } = memoryHistory(sub, steps);
          const repo = memoryRepo(commits, { prefix: sub ? `${sub}/` : '' });
          const file = sub ? `/repo/${sub}/criteria.yaml` : '/repo/criteria.yaml';
          const order = [...names, ...walk.map((pick) => names[pick % names.length])];
          const walker = new StatusWalker(await placeOf(file, { git: repo.git }), { exclude, fastParse: true });
          try {
            const hashes = order.map((n) => repo.commit(n));
            if (told !== 'none') walker.expect(told === 'all' ? hashes : hashes.slice(0, Math.ceil(hashes.length / 2)));
            for (const name of order) {
              const walked = await walker.at(repo.commit(name), ASOF);
              assert.equal(walked.commit, repo.commit(name));
              same(walked, await fresh(repo, file, name, { exclude }), `at ${name} of ${order.join(' ')}`);
            }
          } finally {
            walker.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
