// docs/problem-codes.md RE205: an evidence file that is a link leading outside the workspace (the criteria file's
// folder) proves nothing and never counts; a link whose final target is a regular file inside the workspace
// counts like that file. Broken links and loops count for nothing (RE207), nor do links to folders. Temporary
// folders, no Git.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileRequirement, filesOf, matchAll, type MatchState } from '../../../../src/core/evidence/match';
import { dropUncountedLinks, linkVerdict, uncountedLinkProblems, prepareLinkCheck, type UncountedLink } from '../../../../src/core/evidence/symlinks';
import type { EvidenceFile, Requirement } from '../../../../src/core/model/types';
import { EMPTY_RANGE } from '../../../../src/core/parse/yamlSource';
import { cleanupTempDirs, tempDir, writeFiles } from '../../helpers';

const range = (line: number) => ({
  start: { line, character: 2 },
  end: { line, character: 9 },
});
const req = (p: string, line: number, pathField = true) =>
  ({
    title: 't',
    path: p,
    min: 1,
    index: 0,
    valid: true,
    range: range(line),
    fields: pathField ? { path: range(line + 100) } : {},
  }) as unknown as Requirement;

/**
 * A workspace `ws/` (the criteria file's folder) with its evidence folder `ws/evidence`, and a folder `secret/`
 * beside it (outside the workspace). `links`: path under ws → target (absolute, or relative to the link).
 */
function workspace(files: Record<string, string>, links: Record<string, string> = {}) {
  const root = tempDir('re-links-');
  writeFiles(root, {
    'secret/passwd.pdf': 'secret',
    'ws/criteria.yaml': 'x',
    ...files,
  });
  mkdirSync(path.join(root, 'ws', 'evidence'), { recursive: true });
  for (const [at, target] of Object.entries(links)) {
    mkdirSync(path.dirname(path.join(root, 'ws', at)), { recursive: true });
    symlinkSync(target, path.join(root, 'ws', at));
  }
  return {
    root,
    ws: path.join(root, 'ws'),
    evidence: path.join(root, 'ws', 'evidence'),
    secret: path.join(root, 'secret'),
  };
}

/** Every path under one `**` requirement (criterion 1.1) and a second one on `*.pdf` at the top (criterion 1.2). */
function state(paths: string[]): MatchState {
  const all = compileRequirement('criterion', '1.1', req('**', 10));
  const top = compileRequirement('criterion', '1.2', req('*.pdf', 20));
  return matchAll(
    [all, top],
    paths.map((p): EvidenceFile => ({ path: p, git: 'untracked' })),
  );
}
const kept = (s: MatchState) => [...s.files.keys()].filter((p) => filesOf(s, 'criterion:1.1#0').some((f) => f.path === p)).sort();
const outsidePaths = (links: UncountedLink[]) => links.map((l) => l.path);

describe('links among the evidence files (linkVerdict, prepareLinkCheck)', () => {
  after(cleanupTempDirs);

  it('a regular file is ok; a link to a file inside the workspace (also above the evidence folder, relative or absolute) is ok', () => {
    const w = workspace({ 'ws/evidence/a.pdf': 'a', 'ws/shared/b.pdf': 'b' }, { 'evidence/rel.pdf': 'a.pdf', 'evidence/up.pdf': '../shared/b.pdf' });
    symlinkSync(path.join(w.ws, 'shared', 'b.pdf'), path.join(w.evidence, 'abs.pdf'));
    const check = prepareLinkCheck({
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    for (const p of ['a.pdf', 'rel.pdf', 'up.pdf', 'abs.pdf']) assert.equal(linkVerdict(p, check), 'ok', p);
  });

  it('a link outside the workspace (relative, absolute, or dangling out there): outside; dangling inside and loops: broken; a missing path: gone', () => {
    const w = workspace(
      {},
      {
        'evidence/out.pdf': '../../secret/passwd.pdf',
        'evidence/loop1.pdf': 'loop2.pdf',
        'evidence/loop2.pdf': 'loop1.pdf',
        'evidence/broken.pdf': 'nothing.pdf',
        'evidence/gone-out.pdf': '../../secret/none.pdf',
      },
    );
    symlinkSync(path.join(w.secret, 'passwd.pdf'), path.join(w.evidence, 'abs.pdf'));
    const check = prepareLinkCheck({
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    for (const p of ['out.pdf', 'abs.pdf', 'gone-out.pdf']) assert.equal(linkVerdict(p, check), 'outside', p);
    for (const p of ['loop1.pdf', 'broken.pdf']) assert.equal(linkVerdict(p, check), 'broken', p);
    assert.equal(linkVerdict('never.pdf', check), 'gone');
    assert.equal(linkVerdict('no/folder/never.pdf', check), 'gone');
  });

  it('a chain of links is judged by its final target: inside → ok, leaving the workspace anywhere at the end → outside', () => {
    const w = workspace(
      { 'ws/evidence/final.pdf': 'f' },
      {
        'evidence/c1.pdf': 'c2.pdf',
        'evidence/c2.pdf': 'final.pdf',
        'evidence/o1.pdf': 'o2.pdf',
        'evidence/o2.pdf': '../../secret/passwd.pdf',
      },
    );
    const check = prepareLinkCheck({
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    assert.equal(linkVerdict('c1.pdf', check), 'ok');
    assert.equal(linkVerdict('o1.pdf', check), 'outside');
  });

  it('a link to a folder inside the workspace is gone (not a file); a link to the workspace folder itself too', () => {
    const w = workspace({ 'ws/evidence/sub/x.pdf': 'x' }, { 'evidence/dir.pdf': 'sub', 'evidence/ws.pdf': '..' });
    const check = prepareLinkCheck({
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    assert.equal(linkVerdict('dir.pdf', check), 'gone');
    assert.equal(linkVerdict('ws.pdf', check), 'gone');
  });

  it('a link into a folder whose name only starts like the workspace ("ws-old") is outside', () => {
    const w = workspace({ 'ws-old/x.pdf': 'x' }, { 'evidence/near.pdf': '../../ws-old/x.pdf' });
    const check = prepareLinkCheck({
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    assert.equal(linkVerdict('near.pdf', check), 'outside');
  });

  it('a folder whose name only begins with two dots ("..notes") is inside: links into it count, relative, absolute, or a linked folder', () => {
    const w = workspace({ 'ws/..notes/n.pdf': 'n' }, { 'evidence/rel.pdf': '../..notes/n.pdf', 'evidence/notes': '../..notes' });
    symlinkSync(path.join(w.ws, '..notes', 'n.pdf'), path.join(w.evidence, 'abs.pdf'));
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    for (const p of ['rel.pdf', 'abs.pdf', 'notes/n.pdf']) assert.equal(linkVerdict(p, check), 'ok', p);
  });

  it('the workspace reached through a link itself: its real folder is what links must stay in', () => {
    const w = workspace({ 'ws/evidence/a.pdf': 'a' }, { 'evidence/rel.pdf': 'a.pdf' });
    const alias = path.join(w.root, 'alias');
    symlinkSync(w.ws, alias);
    const check = prepareLinkCheck({
      evidenceDir: path.join(alias, 'evidence'),
      workspaceDir: alias,
    });
    assert.equal(check.realWorkspace, w.ws);
    assert.equal(check.rootInside, true);
    assert.equal(linkVerdict('rel.pdf', check), 'ok');
    assert.equal(linkVerdict('a.pdf', check), 'ok');
  });

  it('an evidence folder that is a link leading outside: even its regular files are outside, also through a folder leading back in', () => {
    const w = workspace({ 'secret/ev/a.pdf': 'a', 'ws/shared/b.pdf': 'b' });
    const evidence = path.join(w.ws, 'linked');
    symlinkSync(path.join(w.secret, 'ev'), evidence);
    symlinkSync(path.join(w.ws, 'shared'), path.join(w.secret, 'ev', 'back'));
    const check = prepareLinkCheck({
      evidenceDir: evidence,
      workspaceDir: w.ws,
    });
    assert.equal(check.rootInside, false);
    assert.equal(linkVerdict('a.pdf', check), 'outside');
    assert.equal(linkVerdict('back/b.pdf', check), 'outside');
  });

  it('a missing evidence folder or workspace is taken as inside, the workspace as given', () => {
    const root = tempDir('re-links-none-');
    const check = prepareLinkCheck({
      evidenceDir: path.join(root, 'ws', 'evidence'),
      workspaceDir: path.join(root, 'ws', '.', 'x', '..'),
    });
    assert.equal(check.rootInside, true);
    assert.equal(check.realWorkspace, path.join(root, 'ws'));
  });

  it('the evidence folder is the workspace itself (evidenceRoot "."): inside', () => {
    const w = workspace({});
    assert.equal(prepareLinkCheck({ evidenceDir: w.ws, workspaceDir: w.ws }).rootInside, true);
  });

  it('a name kept NFC by the listing is found when the disk stores it NFD (file and folder)', () => {
    const nfdFolder = 'Quyết định'.normalize('NFD');
    const nfdName = 'Báo cáo.pdf'.normalize('NFD');
    const w = workspace(
      { [`ws/evidence/${nfdFolder}/${nfdName}`]: 'x', 'ws/target.pdf': 't' },
      {
        [`evidence/${nfdFolder}/${'Liên kết.pdf'.normalize('NFD')}`]: '../../target.pdf',
      },
    );
    const check = prepareLinkCheck({
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    const nfc = (s: string) => s.normalize('NFC');
    assert.equal(linkVerdict(`${nfc(nfdFolder)}/${nfc(nfdName)}`, check), 'ok');
    assert.equal(linkVerdict(`${nfc(nfdFolder)}/${nfc('Liên kết.pdf')}`, check), 'ok');
    assert.equal(linkVerdict(`${nfc(nfdFolder)}/${nfc('Khác.pdf')}`, check), 'gone');
    assert.equal(linkVerdict(`${nfc('Khác')}/${nfc(nfdName)}`, check), 'gone');
  });
});

describe('dropUncountedLinks: links leading outside or to nothing are removed from the matches and reported (RE205, RE207)', () => {
  after(cleanupTempDirs);

  it('with no unverified set every matched file is checked; outside links are reported sorted, with the requirements that matched them', async () => {
    const w = workspace(
      { 'ws/evidence/a.pdf': 'a', 'ws/evidence/sub/b.pdf': 'b' },
      {
        'evidence/z-out.pdf': '../../secret/passwd.pdf',
        'evidence/sub/out.pdf': '../../../secret/passwd.pdf',
        'evidence/ok.pdf': 'a.pdf',
        'evidence/dangling.pdf': 'nothing.pdf',
      },
    );
    const s = state(['a.pdf', 'z-out.pdf', 'ok.pdf', 'sub/b.pdf', 'sub/out.pdf', 'missing.pdf', 'dangling.pdf']);
    const out = await dropUncountedLinks(s, {
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    assert.deepEqual(out.map((l) => [l.path, l.kind]), [['dangling.pdf', 'broken'], ['sub/out.pdf', 'outside'], ['z-out.pdf', 'outside']]);
    assert.deepEqual(kept(s), ['a.pdf', 'ok.pdf', 'sub/b.pdf'], 'the missing file is dropped without a warning');
    assert.deepEqual(
      out[2].requirements.map((r) => r.path),
      ['**', '*.pdf'],
      'z-out.pdf matched both requirements',
    );
    assert.deepEqual(
      out[1].requirements.map((r) => r.path),
      ['**'],
    );
  });

  it('a folder with many files (read once): regular files ok, links judged one by one, missing files dropped, NFD names found', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const nfc = (s: string) => s.normalize('NFC');
    const w = workspace(
      {
        [`ws/evidence/${nfd('Hồ sơ')}/${nfd('Tờ trình.pdf')}`]: 't',
        'ws/evidence/d/1.pdf': '1',
        'ws/evidence/d/2.pdf': '2',
        'ws/evidence/d/3.pdf': '3',
        'ws/evidence/top1.pdf': '1',
        'ws/evidence/top2.pdf': '2',
      },
      {
        'evidence/d/in.pdf': '1.pdf',
        'evidence/d/out.pdf': '../../../secret/passwd.pdf',
        'evidence/d/dir.pdf': '.',
        'evidence/top-out.pdf': '../../secret/passwd.pdf',
        [`evidence/${nfd('Hồ sơ')}/out.pdf`]: '../../../secret/passwd.pdf',
        [`evidence/${nfd('Hồ sơ')}/in.pdf`]: nfd('Tờ trình.pdf'),
      },
    );
    const paths = [
      'd/1.pdf',
      'd/2.pdf',
      'd/3.pdf',
      'd/in.pdf',
      'd/out.pdf',
      'd/dir.pdf',
      'd/gone.pdf',
      'top1.pdf',
      'top2.pdf',
      'top-out.pdf',
      'top-gone.pdf',
      `${nfc('Hồ sơ')}/${nfc('Tờ trình.pdf')}`,
      `${nfc('Hồ sơ')}/out.pdf`,
      `${nfc('Hồ sơ')}/in.pdf`,
      `${nfc('Hồ sơ')}/gone.pdf`,
      'nofolder/a.pdf',
      'nofolder/b.pdf',
      'nofolder/c.pdf',
    ];
    const s = state(paths);
    const out = await dropUncountedLinks(s, {
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
    });
    assert.deepEqual(outsidePaths(out), [`${nfc('Hồ sơ')}/out.pdf`, 'd/out.pdf', 'top-out.pdf'].sort());
    assert.deepEqual(kept(s), ['d/1.pdf', 'd/2.pdf', 'd/3.pdf', 'd/in.pdf', 'top1.pdf', 'top2.pdf', `${nfc('Hồ sơ')}/${nfc('Tờ trình.pdf')}`, `${nfc('Hồ sơ')}/in.pdf`].sort());
  });

  it('a folder of many files in an evidence folder that leads outside: every regular file is outside, also through a folder leading back in', async () => {
    const w = workspace({
      'secret/ev/a.pdf': 'a',
      'secret/ev/b.pdf': 'b',
      'secret/ev/c.pdf': 'c',
      'secret/ev/d/x.pdf': 'x',
      'ws/shared/1.pdf': '1',
      'ws/shared/2.pdf': '2',
      'ws/shared/3.pdf': '3',
    });
    const evidence = path.join(w.ws, 'linked');
    symlinkSync(path.join(w.secret, 'ev'), evidence);
    symlinkSync(path.join(w.ws, 'shared'), path.join(w.secret, 'ev', 'back'));
    const paths = ['a.pdf', 'b.pdf', 'back/1.pdf', 'back/2.pdf', 'back/3.pdf', 'c.pdf', 'd/x.pdf'];
    const s = state(paths);
    // Git vouched for none of them as links, but the folder itself leads outside: all are checked.
    const out = await dropUncountedLinks(s, {
      evidenceDir: evidence,
      workspaceDir: w.ws,
      unverified: new Set(),
    });
    assert.deepEqual(
      out.map((l) => [l.path, l.kind]),
      paths.map((p) => [p, 'outside']),
    );
    assert.deepEqual(kept(s), []);
  });

  it('an unverified file that no requirement matched is not looked at: not reported, left in the listing', async () => {
    const w = workspace({}, { 'evidence/out.pdf': '../../secret/passwd.pdf', 'evidence/out.txt': '../../secret/passwd.pdf' });
    const s = matchAll(
      [compileRequirement('criterion', '1.1', req('*.pdf', 1))],
      [
        { path: 'out.pdf', git: 'untracked' },
        { path: 'out.txt', git: 'untracked' },
      ],
    );
    const out = await dropUncountedLinks(s, { evidenceDir: w.evidence, workspaceDir: w.ws, unverified: new Set(['out.pdf', 'out.txt']) });
    assert.deepEqual(outsidePaths(out), ['out.pdf']);
    assert.deepEqual([...s.files.keys()], ['out.txt']);
  });

  it('only the unverified files are checked (Git vouches for the committed regular files); an empty set checks nothing', async () => {
    const w = workspace(
      {},
      {
        'evidence/out1.pdf': '../../secret/passwd.pdf',
        'evidence/out2.pdf': '../../secret/passwd.pdf',
      },
    );
    const s = state(['out1.pdf', 'out2.pdf', 'committed-missing.pdf']);
    const out = await dropUncountedLinks(s, {
      evidenceDir: w.evidence,
      workspaceDir: w.ws,
      unverified: new Set(['out2.pdf', 'not-matched.pdf']),
    });
    assert.deepEqual(outsidePaths(out), ['out2.pdf']);
    assert.deepEqual(kept(s), ['committed-missing.pdf', 'out1.pdf']);
    const untouched = state(['out1.pdf']);
    assert.deepEqual(
      await dropUncountedLinks(untouched, {
        evidenceDir: w.evidence,
        workspaceDir: w.ws,
        unverified: new Set(),
      }),
      [],
    );
    assert.deepEqual(kept(untouched), ['out1.pdf']);
  });

  it('nothing matched: nothing to do', async () => {
    const w = workspace({});
    const empty = matchAll([compileRequirement('criterion', '1.1', req('*.pdf', 1))], [{ path: 'a.txt', git: 'untracked' }]);
    assert.deepEqual(
      await dropUncountedLinks(empty, {
        evidenceDir: w.evidence,
        workspaceDir: w.ws,
      }),
      [],
    );
    assert.deepEqual([...empty.files.keys()], ['a.txt']);
  });

  it('a verdict function (a commit tree) replaces the disk: its "outside" and "broken" files are reported, "gone" dropped silently, unverified ignored', async () => {
    const s = state(['a.pdf', 'x/out.pdf', 'x/gone.pdf', 'x/ok.pdf', 'x/ok2.pdf', 'x/broken.pdf']);
    const asked: string[] = [];
    const verdict = async (p: string) => {
      asked.push(p);
      return p.includes('out') ? ('outside' as const) : p.includes('gone') ? ('gone' as const) : p.includes('broken') ? ('broken' as const) : ('ok' as const);
    };
    const out = await dropUncountedLinks(s, {
      evidenceDir: '/nowhere/evidence',
      workspaceDir: '/nowhere',
      unverified: new Set(['x/out.pdf', 'x/gone.pdf', 'x/ok.pdf', 'x/broken.pdf']),
      verdict,
    });
    assert.deepEqual(out.map((l) => [l.path, l.kind]), [['x/broken.pdf', 'broken'], ['x/out.pdf', 'outside']]);
    assert.deepEqual(kept(s), ['a.pdf', 'x/ok.pdf', 'x/ok2.pdf']);
    assert.deepEqual(asked.sort(), ['x/broken.pdf', 'x/gone.pdf', 'x/ok.pdf', 'x/out.pdf'], 'only the unverified files are asked about');
  });
});

describe('uncountedLinkProblems: one RE205 (outside) or RE207 (to nothing) warning per link, at the requirement that matched it', () => {
  const doc = (evidenceRoot: string) => ({ file: '/w/criteria.yaml', index: { evidenceRoot } }) as Parameters<typeof uncountedLinkProblems>[0];

  it('the path shown from the criteria folder, at the requirement path field (else its range, else the top), English and Vietnamese', () => {
    const links: UncountedLink[] = [
      { path: 'a.pdf', kind: 'outside', requirements: [req('*.pdf', 3), req('**', 9)] },
      { path: 'b.pdf', kind: 'outside', requirements: [req('b.pdf', 5, false)] },
      { path: 'c\u0007.pdf', kind: 'outside', requirements: [] },
      { path: 'd.pdf', kind: 'broken', requirements: [req('d.pdf', 7, false)] },
    ];
    const problems = uncountedLinkProblems(doc('evidence'), links, 'en');
    assert.deepEqual(problems[0], {
      severity: 'warning',
      code: 'RE205',
      message: 'Evidence file "evidence/a.pdf" is a link that leads outside the workspace; it is ignored.',
      file: '/w/criteria.yaml',
      range: range(103),
      data: { path: 'a.pdf' },
    });
    assert.deepEqual(problems[1].range, range(5));
    assert.deepEqual(problems[2].range, EMPTY_RANGE);
    assert.equal(problems[2].message, 'Evidence file "evidence/c\\u0007.pdf" is a link that leads outside the workspace; it is ignored.');
    assert.deepEqual(problems[2].data, { path: 'c\u0007.pdf' });
    assert.deepEqual(problems[3], {
      severity: 'warning',
      code: 'RE207',
      message: 'Evidence file "evidence/d.pdf" is a link to nothing (its target does not exist, or links loop); it is ignored.',
      file: '/w/criteria.yaml',
      range: range(7),
      data: { path: 'd.pdf' },
    });
    const vi = uncountedLinkProblems(doc('.'), [links[0], links[3]], 'vi');
    assert.equal(vi[0].message, 'Tệp tài liệu "a.pdf" là liên kết trỏ ra ngoài không gian làm việc; bỏ qua.');
    assert.equal(vi[1].message, 'Tệp tài liệu "d.pdf" là liên kết không trỏ tới tệp nào (đích không tồn tại hoặc liên kết vòng); bỏ qua.');
    assert.deepEqual(uncountedLinkProblems(doc('.'), [], 'en'), []);
  });
});

describe('links: names that are not UTF-8, and paths below a file', () => {
  after(cleanupTempDirs);
  /** `name` as bytes, not UTF-8 (0xE1 alone), and the string the listing keys it by (decodePath). */
  const RAW = Buffer.from([0x62, 0xe1, 0x2e, 0x70]);
  const RAW_KEY = 'b\udce1.p';
  const at = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));

  it('a file whose name is not UTF-8, in a folder stored NFD, is found (and ok)', () => {
    const nfdFolder = 'Quyết định'.normalize('NFD');
    const w = workspace({ [`ws/evidence/${nfdFolder}/x`]: 'x' });
    writeFileSync(at(w.evidence, '/', nfdFolder, '/', RAW), 'raw');
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict(`${nfdFolder.normalize('NFC')}/${RAW_KEY}`, check), 'ok');
  });

  it('a link to a file inside the workspace whose name is not UTF-8 is ok', () => {
    const w = workspace({ 'ws/evidence/a.pdf': 'a' });
    writeFileSync(at(w.ws, '/', RAW), 'raw');
    symlinkSync(at('../', RAW), path.join(w.evidence, 'link.pdf'));
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('link.pdf', check), 'ok');
  });

  it('in a folder of many files, a name that is not UTF-8 is found among them', async () => {
    const w = workspace({ 'ws/evidence/d/1.pdf': '1', 'ws/evidence/d/2.pdf': '2' });
    writeFileSync(at(w.evidence, '/d/', RAW), 'raw');
    const s = state(['d/1.pdf', 'd/2.pdf', `d/${RAW_KEY}`]);
    assert.deepEqual(await dropUncountedLinks(s, { evidenceDir: w.evidence, workspaceDir: w.ws }), []);
    assert.deepEqual(kept(s), ['d/1.pdf', 'd/2.pdf', `d/${RAW_KEY}`]);
  });

  it('top-level files whose names differ only at the end are each found (no folder is made of a name)', async () => {
    const w = workspace({ 'ws/evidence/ban-1': '1', 'ws/evidence/ban-2': '2', 'ws/evidence/ban-3': '3' });
    const s = state(['ban-1', 'ban-2', 'ban-3']);
    assert.deepEqual(await dropUncountedLinks(s, { evidenceDir: w.evidence, workspaceDir: w.ws }), []);
    assert.deepEqual(kept(s), ['ban-1', 'ban-2', 'ban-3']);
  });

  it('a path below a regular file (the folder became a file) is gone, alone or with others', async () => {
    const w = workspace({ 'ws/evidence/a.pdf': 'a', [`ws/evidence/${'Hồ sơ'.normalize('NFD')}`]: 'now a file' });
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('a.pdf/x.pdf', check), 'gone');
    assert.equal(linkVerdict(`${'Hồ sơ'.normalize('NFC')}/x.pdf`, check), 'gone', 'found NFD, then not a folder');
    const s = state(['a.pdf', 'a.pdf/1.pdf', 'a.pdf/2.pdf', 'a.pdf/3.pdf']);
    assert.deepEqual(await dropUncountedLinks(s, { evidenceDir: w.evidence, workspaceDir: w.ws }), []);
    assert.deepEqual(kept(s), ['a.pdf']);
  });
});

describe('links: a folder of the evidence replaced by a link', () => {
  after(cleanupTempDirs);

  // Git lists a tracked file whose folder became a link as changed (`H` and `C`, not deleted): the file then reads
  // from wherever the link leads, so it must be judged by its real folder, not as a regular file.
  it('a regular file reached through a linked folder leading outside is outside, alone or among many', async () => {
    const w = workspace({ 'secret/dir/a.pdf': 'a', 'secret/dir/b.pdf': 'b', 'secret/dir/c.pdf': 'c' }, { 'evidence/sub': '../../secret/dir' });
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('sub/a.pdf', check), 'outside');
    const one = state(['sub/a.pdf']);
    assert.deepEqual(outsidePaths(await dropUncountedLinks(one, { evidenceDir: w.evidence, workspaceDir: w.ws, unverified: new Set(['sub/a.pdf']) })), ['sub/a.pdf']);
    const many = state(['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf']);
    assert.deepEqual(outsidePaths(await dropUncountedLinks(many, { evidenceDir: w.evidence, workspaceDir: w.ws })), ['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf']);
    assert.deepEqual(kept(many), []);
  });

  it("gitWalked: a file Git's walk found is judged by itself (Git lists a linked folder, never a file below it); a tracked file still by its folder", async () => {
    const w = workspace({ 'secret/dir/a.pdf': 'a', 'secret/dir/b.pdf': 'b', 'secret/dir/c.pdf': 'c', 'ws/evidence/plain/d.pdf': 'd' }, { 'evidence/sub': '../../secret/dir' });
    // The premise, with Git itself: its walk of the work tree lists the link, not the files it leads to.
    execFileSync('git', ['init', '-q'], { cwd: w.ws });
    const others = execFileSync('git', ['-c', 'core.quotepath=false', 'ls-files', '-z', '--others', '--', 'evidence'], { cwd: w.ws, encoding: 'utf8' }).split('\0').filter(Boolean).sort();
    assert.deepEqual(others, ['evidence/plain/d.pdf', 'evidence/sub']);
    const marked = (paths: string[], git: EvidenceFile['git']) => {
      const s = state(paths);
      for (const p of paths) s.files.get(p)!.git = git;
      return s;
    };
    const options = { evidenceDir: w.evidence, workspaceDir: w.ws, gitWalked: true };
    // What the walk listed as untracked: its folders are not looked at again (the state below cannot come from Git).
    for (const paths of [['sub/a.pdf'], ['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf']]) {
      assert.deepEqual(await dropUncountedLinks(marked(paths, 'untracked'), { ...options, unverified: new Set(paths) }), []);
      assert.deepEqual(outsidePaths(await dropUncountedLinks(marked(paths, 'untracked'), { ...options, gitWalked: false, unverified: new Set(paths) })), paths);
      // A tracked file whose folder became a link (Git lists it as changed) is still judged by its real folder.
      assert.deepEqual(outsidePaths(await dropUncountedLinks(marked(paths, 'modified'), { ...options, unverified: new Set(paths) })), paths);
    }
    // A folder read at once (more than two files) holding a tracked file too: the folder is judged, for all of them.
    const mixed = marked(['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf'], 'untracked');
    mixed.files.get('sub/b.pdf')!.git = 'modified';
    assert.deepEqual(outsidePaths(await dropUncountedLinks(mixed, { ...options, unverified: new Set(['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf']) })), ['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf']);
    assert.deepEqual(await dropUncountedLinks(marked(['plain/d.pdf'], 'untracked'), { ...options, unverified: new Set(['plain/d.pdf']) }), []);
  });

  it('a linked folder that stays inside the workspace keeps its files, alone or among many', async () => {
    const w = workspace({ 'ws/shared/a.pdf': 'a', 'ws/shared/b.pdf': 'b', 'ws/shared/c.pdf': 'c', 'ws/evidence/x/y/z.pdf': 'z' }, { 'evidence/sub': '../shared' });
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('sub/a.pdf', check), 'ok');
    assert.equal(linkVerdict('x/y/z.pdf', check), 'ok');
    const many = state(['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf']);
    assert.deepEqual(await dropUncountedLinks(many, { evidenceDir: w.evidence, workspaceDir: w.ws }), []);
    assert.deepEqual(kept(many), ['sub/a.pdf', 'sub/b.pdf', 'sub/c.pdf']);
  });

  it('folders below a linked folder are judged by their real place, in one check that has judged plain folders before', async () => {
    // `evidence/out` leads outside; `evidence/up` leads above the workspace, `evidence/up/ws/...` back into it.
    const w = workspace(
      { 'secret/deep/er/a.pdf': 'a', 'ws/evidence/plain/deep/b.pdf': 'b', 'ws/kept/c.pdf': 'c' },
      { 'evidence/out': '../../secret', 'evidence/up': '../..' },
    );
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('plain/deep/b.pdf', check), 'ok');
    assert.equal(linkVerdict('out/deep/er/a.pdf', check), 'outside');
    assert.equal(linkVerdict('up/ws/kept/c.pdf', check), 'ok');
    assert.equal(linkVerdict('up/secret/passwd.pdf', check), 'outside');
    const many = state(['out/deep/er/a.pdf', 'plain/deep/b.pdf', 'up/secret/passwd.pdf', 'up/ws/kept/c.pdf']);
    assert.deepEqual(outsidePaths(await dropUncountedLinks(many, { evidenceDir: w.evidence, workspaceDir: w.ws })), ['out/deep/er/a.pdf', 'up/secret/passwd.pdf']);
    assert.deepEqual(kept(many), ['plain/deep/b.pdf', 'up/ws/kept/c.pdf']);
  });
});

describe('links: a matched path that is not a file on disk', () => {
  after(cleanupTempDirs);

  // Git lists a tracked file replaced by a folder as changed (`H` and `C`), so the path reaches the check.
  it('a tracked file replaced by a folder counts for nothing (dropped without a warning), alone or among many', async () => {
    const w = workspace({ 'ws/evidence/a.pdf/inner.pdf': 'x', 'ws/evidence/d/1.pdf': '1', 'ws/evidence/d/2.pdf': '2', 'ws/evidence/d/b.pdf/inner.pdf': 'y' });
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('a.pdf', check), 'gone');
    const s = state(['a.pdf', 'd/1.pdf', 'd/2.pdf', 'd/b.pdf']);
    assert.deepEqual(await dropUncountedLinks(s, { evidenceDir: w.evidence, workspaceDir: w.ws }), []);
    assert.deepEqual(kept(s), ['d/1.pdf', 'd/2.pdf']);
  });

  it('a FIFO in place of an evidence file counts for nothing either', async () => {
    const w = workspace({ 'ws/evidence/d/1.pdf': '1', 'ws/evidence/d/2.pdf': '2' });
    execFileSync('mkfifo', [path.join(w.evidence, 'pipe.pdf'), path.join(w.evidence, 'd', 'pipe.pdf')]);
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('pipe.pdf', check), 'gone');
    const s = state(['d/1.pdf', 'd/2.pdf', 'd/pipe.pdf']);
    assert.deepEqual(await dropUncountedLinks(s, { evidenceDir: w.evidence, workspaceDir: w.ws }), []);
    assert.deepEqual(kept(s), ['d/1.pdf', 'd/2.pdf']);
  });
});

describe('links: each folder judged once per check (PreparedCheck.folders)', () => {
  after(cleanupTempDirs);

  it('plain folders (no link from the evidence folder down) by one lstat; a linked folder and each folder below it by its real place', () => {
    const w = workspace(
      { 'ws/evidence/top.pdf': 't', 'ws/evidence/plain/deep/b.pdf': 'b', 'ws/shared/sub/c.pdf': 'c', 'secret/deep/er/a.pdf': 'a', 'ws/kept/d.pdf': 'd' },
      // `in` stays inside; `out` leads outside; `up` leads above the workspace, `up/ws` back into it.
      { 'evidence/in': '../shared', 'evidence/out': '../../secret', 'evidence/up': '../..' },
    );
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('top.pdf', check), 'ok');
    assert.deepEqual([...check.folders], [], 'a file at the top needs no folder judged');
    const verdicts: Record<string, string> = {};
    for (const p of ['plain/deep/b.pdf', 'in/sub/c.pdf', 'out/deep/er/a.pdf', 'up/ws/kept/d.pdf', 'up/secret/passwd.pdf']) verdicts[p] = linkVerdict(p, check);
    assert.deepEqual(verdicts, {
      'plain/deep/b.pdf': 'ok',
      'in/sub/c.pdf': 'ok',
      'out/deep/er/a.pdf': 'outside',
      'up/ws/kept/d.pdf': 'ok',
      'up/secret/passwd.pdf': 'outside',
    });
    const judged = Object.fromEntries([...check.folders].map(([dir, judgement]) => [path.relative(w.evidence, dir) || '.', judgement]));
    assert.deepEqual(judged, {
      '.': 'plain',
      plain: 'plain',
      'plain/deep': 'plain',
      in: 'inside',
      'in/sub': 'inside',
      out: 'outside',
      'out/deep': 'outside',
      'out/deep/er': 'outside',
      up: 'outside',
      'up/ws': 'inside',
      'up/ws/kept': 'inside',
      'up/secret': 'outside',
    });
  });

  it('a folder keeps its judgement for the rest of the check: replaced meanwhile by a link leading outside, the next check sees it', () => {
    const w = workspace({ 'ws/evidence/sub/a.pdf': 'a', 'ws/evidence/sub/b.pdf': 'b', 'secret/sub/b.pdf': 'b' });
    const options = { evidenceDir: w.evidence, workspaceDir: w.ws };
    const check = prepareLinkCheck(options);
    assert.equal(linkVerdict('sub/a.pdf', check), 'ok');
    rmSync(path.join(w.evidence, 'sub'), { recursive: true });
    symlinkSync(path.join(w.secret, 'sub'), path.join(w.evidence, 'sub'));
    assert.equal(linkVerdict('sub/b.pdf', check), 'ok', 'one judgement per folder and check');
    assert.equal(linkVerdict('sub/b.pdf', prepareLinkCheck(options)), 'outside');
  });
});

describe('links: a link to nothing is judged from its real folder', () => {
  after(cleanupTempDirs);

  it('its text read from the folder it really is in, not the path it was reached by (RE207 inside, RE205 out)', () => {
    const w = workspace(
      { 'ws/shared/a/b/x.pdf': 'x', 'ws/shared/x.pdf': 'x' },
      {
        // Reached as ws/evidence/in (two below the workspace), really ws/shared/a/b (three below): ws/gone.pdf, inside.
        'evidence/in': '../shared/a/b',
        'shared/a/b/gone.pdf': '../../../gone.pdf',
        // Reached as ws/evidence/deep/er/up (four below), really ws/shared (one below): above the workspace.
        'evidence/deep/er/up': '../../../shared',
        'shared/gone-out.pdf': '../../gone.pdf',
      },
    );
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('in/gone.pdf', check), 'broken');
    assert.equal(linkVerdict('deep/er/up/gone-out.pdf', check), 'outside');
  });

  it('a link text that is not UTF-8 is read as its bytes', () => {
    const w = workspace({});
    // `<0xE1>/../../gone.pdf` from ws/evidence is ws/gone.pdf: inside, to nothing.
    symlinkSync(Buffer.concat([Buffer.from([0xe1]), Buffer.from('/../../gone.pdf')]), path.join(w.evidence, 'raw.pdf'));
    const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
    assert.equal(linkVerdict('raw.pdf', check), 'broken');
  });
});

describe('links: paths longer than the system allows (Linux: 4,096 bytes)', () => {
  after(cleanupTempDirs);
  const SEGMENT = 'd'.repeat(200);
  /** `base` followed by `count` folders of 200 characters (created). */
  const deep = (base: string, count: number) => {
    const dir = path.join(base, ...Array.from({ length: count }, () => SEGMENT));
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  before(function () {
    if (process.platform !== 'linux') this.skip();
  });

  it('a linked folder whose real place cannot be told (realpath fails) is outside', () => {
    const w = workspace({});
    // A real folder of ~4,600 characters, made through a shortcut link (mkdir takes no longer path).
    const shortcut = path.join(w.ws, 's');
    symlinkSync(deep(w.ws, 15), shortcut);
    const far = deep(shortcut, 8);
    writeFileSync(path.join(far, 'a.pdf'), 'a');
    symlinkSync(far, path.join(w.evidence, 'far'));
    try {
      const check = prepareLinkCheck({ evidenceDir: w.evidence, workspaceDir: w.ws });
      assert.equal(linkVerdict('far/a.pdf', check), 'outside');
    } finally {
      // rmSync walks by path: the part past the limit goes first, through the shortcut.
      rmSync(path.join(shortcut, SEGMENT), { recursive: true });
    }
  });

  it('a file whose full path is too long to look at is gone (its folder can still be read)', () => {
    const w = workspace({});
    // An evidence folder of ~3,900 characters and a name of 250: together past the limit.
    const above = deep(w.ws, Math.floor((3900 - w.ws.length - 2) / 201));
    const evidence = path.join(above, 'e'.repeat(3900 - above.length - 1));
    mkdirSync(evidence);
    assert.equal(evidence.length, 3900);
    const name = 'n'.repeat(250);
    const shortcut = path.join(w.root, 's');
    symlinkSync(evidence, shortcut);
    writeFileSync(path.join(shortcut, name), 'x');
    try {
      const check = prepareLinkCheck({ evidenceDir: evidence, workspaceDir: w.ws });
      assert.equal(linkVerdict(name, check), 'gone');
    } finally {
      rmSync(path.join(shortcut, name));
    }
  });
});

describe('links: the editor\'s host stays responsive', () => {
  after(cleanupTempDirs);

  it('the event loop turns after every 256 files looked at on disk: twice for 512 files in 512 folders', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 512; i++) files[`ws/evidence/f${i}/a.pdf`] = 'a';
    const w = workspace(files);
    const s = state(Object.keys(files).map((f) => f.slice('ws/evidence/'.length)));
    // A chain of immediates counts the turns of the loop while the check runs (only synchronous calls in it).
    let turns = 0;
    let running = true;
    const turn = () => {
      if (!running) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    const out = await dropUncountedLinks(s, { evidenceDir: w.evidence, workspaceDir: w.ws });
    running = false;
    assert.deepEqual(out, []);
    assert.equal(kept(s).length, 512);
    assert.equal(turns, 2);
  });
});
