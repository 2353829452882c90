import * as assert from 'node:assert/strict';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { entrySplitter } from '../../../../src/core/git/nulEntries';
import { decodePath } from '../../../../src/core/git/pathBytes';
import { listFromGit, nfcOf, toNfc } from '../../../../src/core/evidence/listFiles';
import { joinPlain } from '../../../../src/core/evidence/onDisk';
import fc from 'fast-check';
import { createGit } from '../../../../src/core/git/git';
import { filesOf, matchAll, compileRequirement, upsertFile, removeFile, updateFile } from '../../../../src/core/evidence/match';
import { flattenCriteria } from '../../../../src/core/status/computeStatus';
import { guessEvidenceRoot, loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { conflictIn } from '../../gitHelpers';
import { cleanupTempDirs, git, initRepo, sampleCriteria, writeFiles } from '../../helpers';

describe('fast paths of a large workspace', () => {
  afterEach(cleanupTempDirs);

  it('normalizes only the names that need it', () => {
    const nfc = 'Quyết định số 12.pdf';
    assert.equal(toNfc(nfc), nfc);
    assert.equal(toNfc(nfc.normalize('NFD')), nfc);
    assert.equal(toNfc('\u212b.pdf'), '\u00c5.pdf');
  });

  it('joinPlain joins as path.join does, for any relative path and any folder path.resolve gives', () => {
    const segment = fc.oneof(fc.constantFrom('', '.', '..', '..notes', '.hidden', 'a', 'Quyết định', 'x.pdf', '...'), fc.string({ maxLength: 6 }));
    const relative = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));
    const dir = fc.array(segment, { maxLength: 4 }).map((parts) => path.resolve('/', ...parts));
    fc.assert(fc.property(dir, relative, (d, r) => joinPlain(d, r) === path.join(d, r)));
    // The plain path is a concatenation; the others go through path.join.
    assert.equal(joinPlain('/w/evidence', 'a b/..notes/c.pdf'), '/w/evidence/a b/..notes/c.pdf');
    assert.equal(joinPlain('/', 'a/b'), '/a/b');
    assert.equal(joinPlain('/w', 'a/./b/../c//d/'), path.join('/w', 'a/./b/../c//d/'));
  });

  it('nfcOf tests the bytes as toNfc tests the decoded name: the same key for any bytes', () => {
    const vietnamese = Buffer.from('Quyết định số 12 – Thông báo', 'utf8');
    const bytes = fc.array(
      fc.oneof(
        fc.integer({ min: 0x20, max: 0x7f }),
        fc.integer({ min: 0x80, max: 0xff }),
        fc.constantFrom(...vietnamese),
        fc.constantFrom(0xcc, 0xcd, 0xe1, 0xb7, 0xb8, 0xbb, 0xbc, 0x80, 0x81, 0xe2, 0x84, 0xab),
      ),
      { maxLength: 24 },
    );
    fc.assert(
      fc.property(bytes, fc.nat(4), (list, pad) => {
        const buffer = Buffer.from([...Array<number>(pad).fill(0x2f), ...list, 0x2f]);
        assert.equal(nfcOf(buffer, pad, buffer.length - 1), toNfc(decodePath(buffer, pad, buffer.length - 1)));
      }),
    );
    // Decomposed Vietnamese (combining marks) and a Kelvin sign are normalized; precomposed names are kept.
    for (const name of ['Quyết định', 'Quyết định'.normalize('NFD'), '\u212a.pdf', 'ỉ ệ ữ']) {
      const raw = Buffer.from(name, 'utf8');
      assert.equal(nfcOf(raw, 0, raw.length), name.normalize('NFC'));
    }
  });

  it('splits Git output into the same entries however it is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 12 }).filter((e) => !e.includes('\0'))), fc.array(fc.nat(40), { maxLength: 8 }), (entries, cuts) => {
        const bytes = Buffer.from(entries.map((e) => e + '\0').join(''), 'utf8');
        const got: string[] = [];
        const splitter = entrySplitter((b, start, end) => got.push(b.toString('utf8', start, end)));
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b).map((c) => Math.min(c, bytes.length))) {
          splitter.push(bytes.subarray(at, Math.max(at, cut)));
          at = Math.max(at, cut);
        }
        splitter.push(bytes.subarray(at));
        splitter.end();
        assert.deepEqual(got, entries);
      }),
    );
  });

  it('guesses the evidence root from block and flow mappings', () => {
    assert.equal(guessEvidenceRoot('index:\n  id: x\n  evidenceRoot: "Hồ sơ/"\n'), 'Hồ sơ');
    assert.equal(guessEvidenceRoot('index: { id: x, evidenceRoot: docs, year: 2025 }\n'), 'docs');
    assert.equal(guessEvidenceRoot('index:\n  id: x\n'), 'evidence');
  });

  it('lists again when the guess is wrong (an anchor before the value)', async () => {
    const dir = initRepo();
    const criteria = sampleCriteria().replace('evidenceRoot: evidence', 'evidenceRoot: &root "Hồ sơ"');
    writeFiles(dir, { 'criteria.yaml': criteria, 'Hồ sơ/1.1 Kế hoạch/Kế hoạch.pdf': '%PDF', 'evidence/1.1 Kế hoạch/Sai chỗ.pdf': '%PDF' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    assert.notEqual(guessEvidenceRoot(criteria), 'Hồ sơ');
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    const files = flattenCriteria(loaded.model).find((n) => n.id === '1.1')?.requirements.flatMap((r) => r.files.map((f) => f.path));
    assert.deepEqual(files, ['1.1 Kế hoạch/Kế hoạch.pdf']);
  });

  it('keys each listed path as before when decoding it after the evidence root: raw bytes, decomposed names, a look-alike folder, a root in Vietnamese', async () => {
    const dir = initRepo();
    const raw = Buffer.concat([Buffer.from('Hồ sơ/bad-'), Buffer.from([0xff, 0xc3]), Buffer.from('.pdf')]);
    const nfd = 'Quyết định.pdf'.normalize('NFD');
    for (const root of ['evidence', 'Tài liệu/kiểm chứng']) {
      writeFiles(dir, { [`${root}/${nfd}`]: '%PDF', [`${root}/Hồ sơ/a.pdf`]: '%PDF', [`${root}-cũ/b.pdf`]: '%PDF', [`${root}/new.pdf`]: '%PDF' });
      writeFileSync(Buffer.concat([Buffer.from(`${dir}/${root}/`), raw]), '%PDF');
    }
    git(dir, 'add', '-A', '--', '.', ':!*/new.pdf');
    git(dir, 'commit', '-qm', 'init');
    for (const root of ['evidence', 'Tài liệu/kiểm chứng']) {
      const files = (await listFromGit(createGit({ cwd: dir }), root)) ?? [];
      assert.deepEqual(
        files.map((f) => `${f.path} ${f.git}`).sort(),
        [`${decodePath(raw)} committed`, 'Hồ sơ/a.pdf committed', 'Quyết định.pdf committed', 'new.pdf untracked'].sort(),
      );
    }
  });

  it('keeps sorted files current through upserts and removals', () => {
    const requirement = compileRequirement('criterion', '1.1', { title: 't', path: 'a/*.pdf', min: 1, index: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, valid: true, fields: {} });
    const state = matchAll([requirement], [{ path: 'a/b.pdf', git: 'committed' }]);
    assert.deepEqual(filesOf(state, requirement.key).map((f) => f.path), ['a/b.pdf']);
    upsertFile(state, { path: 'a/a.pdf', git: 'untracked' });
    upsertFile(state, { path: 'a/b.pdf', git: 'modified' });
    assert.deepEqual(filesOf(state, requirement.key), [{ path: 'a/a.pdf', git: 'untracked' }, { path: 'a/b.pdf', git: 'modified' }]);
    removeFile(state, 'a/a.pdf');
    const files = filesOf(state, requirement.key);
    files.pop();
    assert.deepEqual(filesOf(state, requirement.key).map((f) => f.path), ['a/b.pdf']);
  });

  it('keeps sorted files current through batches of updateFile, few changes in a long list or many', () => {
    const requirement = compileRequirement('criterion', '1.1', { title: 't', path: 'a/**/*.pdf', min: 1, index: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, valid: true, fields: {} });
    const name = fc.tuple(fc.constantFrom('a', 'a/b', 'a/b/c', 'x'), fc.integer({ min: 0, max: 800 }), fc.constantFrom('pdf', 'docx')).map(([dir, n, ext]) => `${dir}/${String(n).padStart(3, '0')}.${ext}`);
    // Half of the changes on a file of the start (below), changed or removed; the others anywhere.
    const startName = (i: number) => `a/b/${String(i * 2).padStart(3, '0')}.pdf`;
    const change = fc.record({ path: fc.oneof(fc.integer({ min: 0, max: 399 }).map(startName), name), git: fc.constantFrom('committed', 'modified', undefined) });
    fc.assert(
      // Up to 400 files at the start (the few-changes path needs 32 times more files than changes), batches of 1 to 20.
      fc.property(fc.integer({ min: 0, max: 400 }), fc.array(fc.array(change, { minLength: 1, maxLength: 20 }), { maxLength: 6 }), (count, batches) => {
        const start = Array.from({ length: count }, (_, i) => startName(i));
        const state = matchAll([requirement], start.map((p) => ({ path: p, git: 'committed' as const })));
        filesOf(state, requirement.key);
        for (const batch of batches) {
          for (const c of batch) updateFile(state, c.path, c.git ? { path: c.path, git: c.git } : undefined);
          const expected = [...state.matches.get(requirement.key)!.values()].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
          assert.deepEqual(filesOf(state, requirement.key), expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  {
    it('asks the disk only about files Git cannot vouch for', async () => {
      const dir = initRepo();
      const outside = path.join(initRepo(), 'secret.pdf');
      writeFiles(path.dirname(outside), { 'secret.pdf': '%PDF' });
      writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/Kế hoạch.pdf': '%PDF', 'evidence/1.1 Kế hoạch/Sửa.pdf': '%PDF', 'evidence/1.1 Kế hoạch/Đổi.pdf': '%PDF' });
      symlinkSync(outside, path.join(dir, 'evidence/1.1 Kế hoạch/Liên kết.pdf'));
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'init');
      writeFiles(dir, { 'evidence/1.1 Kế hoạch/Sửa.pdf': '%PDF changed', 'evidence/1.1 Kế hoạch/Mới.pdf': '%PDF' });
      // A committed regular file that became a link leading outside: only `git status` tells.
      rmSync(path.join(dir, 'evidence/1.1 Kế hoạch/Đổi.pdf'));
      symlinkSync(outside, path.join(dir, 'evidence/1.1 Kế hoạch/Đổi.pdf'));
      {
        const unverified = new Set<string>();
        const files = await listFromGit(createGit({ cwd: dir }), 'evidence', undefined, undefined, unverified);
        assert.deepEqual(
          files?.map((f) => `${f.path} ${f.git}`).sort(),
          ['1.1 Kế hoạch/Kế hoạch.pdf committed', '1.1 Kế hoạch/Liên kết.pdf committed', '1.1 Kế hoạch/Mới.pdf untracked', '1.1 Kế hoạch/Sửa.pdf modified', '1.1 Kế hoạch/Đổi.pdf modified'],
        );
        assert.deepEqual([...unverified].sort(), ['1.1 Kế hoạch/Liên kết.pdf', '1.1 Kế hoạch/Mới.pdf', '1.1 Kế hoạch/Sửa.pdf', '1.1 Kế hoạch/Đổi.pdf']);
        const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
        const counted = flattenCriteria(loaded.model).find((n) => n.id === '1.1')?.requirements.flatMap((r) => r.files.map((f) => f.path));
        assert.deepEqual(counted, ['1.1 Kế hoạch/Kế hoạch.pdf', '1.1 Kế hoạch/Mới.pdf', '1.1 Kế hoạch/Sửa.pdf']);
        assert.deepEqual(loaded.doc.problems.filter((p) => p.code === 'RE205').map((p) => p.data?.path).sort(), ['1.1 Kế hoạch/Liên kết.pdf', '1.1 Kế hoạch/Đổi.pdf']);
      }
    });
  }

  it('a whole listing (two ls-files calls) gives what one call gives: every state, links, deletions, a conflict, skip-worktree, NFD names', async () => {
    const repo = initRepo();
    const nfd = 'Quyết định'.normalize('NFD');
    writeFiles(repo, {
      'evidence/kept.pdf': 'k',
      'evidence/changed.pdf': 'c',
      'evidence/gone.pdf': 'g',
      'evidence/staged-then-gone.pdf': 's',
      'evidence/skip.pdf': 'p',
      'evidence/conflict.pdf': 'base',
      [`evidence/${nfd}/a.pdf`]: 'a',
    });
    symlinkSync('kept.pdf', path.join(repo, 'evidence', 'link.pdf'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
    conflictIn(repo, 'evidence/conflict.pdf');
    writeFiles(repo, { 'evidence/changed.pdf': 'c2', 'evidence/new.pdf': 'n', [`evidence/${nfd}/b.pdf`]: 'b', 'evidence/staged.pdf': 'st', 'evidence/staged-then-gone.pdf': 's2' });
    git(repo, 'add', 'evidence/staged.pdf', 'evidence/staged-then-gone.pdf');
    rmSync(path.join(repo, 'evidence', 'gone.pdf'));
    rmSync(path.join(repo, 'evidence', 'staged-then-gone.pdf'));
    git(repo, 'update-index', '--skip-worktree', 'evidence/skip.pdf');
    const listed = async (afterExit: boolean) => {
      const absent = new Set<string>();
      const unverified = new Set<string>();
      const files = await listFromGit(createGit({ cwd: repo }), 'evidence', undefined, absent, unverified, undefined, true, afterExit);
      const states = Object.fromEntries((files ?? []).map((f) => [f.path, f.git]));
      return { states, absent: [...absent].sort(), unverified: [...unverified].sort() };
    };
    const one = await listed(true);
    const two = await listed(false);
    assert.deepEqual(two, one);
    const folder = 'Quyết định'.normalize('NFC');
    assert.deepEqual(one.states, {
      'kept.pdf': 'committed',
      'link.pdf': 'committed',
      'changed.pdf': 'modified',
      'skip.pdf': 'committed',
      'conflict.pdf': 'modified',
      'new.pdf': 'untracked',
      'staged.pdf': 'modified',
      [`${folder}/a.pdf`]: 'committed',
      [`${folder}/b.pdf`]: 'untracked',
    });
    assert.deepEqual(one.absent, ['gone.pdf', 'staged-then-gone.pdf']);
    assert.deepEqual(one.unverified, ['changed.pdf', 'conflict.pdf', 'link.pdf', 'new.pdf', 'staged.pdf', `${folder}/b.pdf`].sort());
  });
});
