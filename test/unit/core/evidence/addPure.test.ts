// Adding evidence (docs/audit-trail.md, "Adding", "On failure", "Commit message") on a real temporary folder with
// a Git whose index is held in memory (memoryIndex.ts): files copied under safe names into the requirement's
// folder, never over a file on disk, in the index or in HEAD; exactly those paths committed with their trailers;
// every refusal typed and made before anything is copied; on a failure after copying, the copies and the folders
// made for them removed, the user's own files untouched. Also commit-pending's grouping and its commits.
import * as assert from 'node:assert/strict';
import { existsSync, promises as fsp, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { addEvidence, commitGroups, pendingGroups, requirementFolder, type AddEvidenceOptions } from '../../../../src/core/evidence/addEvidence';
import { compileRequirements, matchAll } from '../../../../src/core/evidence/match';
import { EvidenceError, GitOperationError } from '../../../../src/core/git/errors';
import type { EvidenceFile, Requirement } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import type { SyncResult } from '../../../../src/core/sync/sync';
import { memoryIndex, sha256, type IndexScript, type MemoryIndex } from './memoryIndex';

let top: string;
let downloads: string;
beforeEach(() => {
  top = realpathSync(mkdtempSync(path.join(tmpdir(), 'add-pure-')));
  downloads = path.join(top, '..', `${path.basename(top)}-dl`);
  mkdirSync(downloads);
  mkdirSync(path.join(top, '.git'));
});
afterEach(() => {
  rmSync(top, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
});

/** The criteria file in `sub` of the repository (its top by default). */
function criteria(options: { evidenceRoot?: string; sub?: string; extra?: { title: string; path: string }[] } = {}) {
  const text = stringify({
    reformEvidence: 1,
    index: { id: 'x', title: 'x', year: 2025, evidenceRoot: options.evidenceRoot ?? 'evidence' },
    units: { VP: { name: 'Văn phòng' } },
    criteria: [
      {
        id: '1',
        title: 'Area',
        children: [
          { id: '1.1', title: 'a', maxScore: 1, owner: 'VP', evidence: [{ title: 'Kế hoạch', path: '1.1/*.pdf' }, { title: 'Quy chế', path: '1.1/Quy chế.docx' }, ...(options.extra ?? [])] },
          { id: '1.2', title: 'b', maxScore: 1, owner: 'VP', evidence: [{ title: 'Ảnh', path: '*.jpg' }] },
        ],
      },
    ],
    tasks: [{ id: 'NV-01', title: 'task', owner: 'VP', due: '2025-12-01', criteria: ['1.1', '1.2'], evidence: [{ title: 'Tập huấn', path: 'nv/*.pdf' }] }],
  });
  const dir = options.sub ? path.join(top, options.sub) : top;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'criteria.yaml');
  writeFileSync(file, text);
  return { file, doc: parseCriteria(text, file) };
}

/** A file in the user's downloads. */
function source(name: string, content: string = name): string {
  const file = path.join(downloads, name);
  writeFileSync(file, content);
  return file;
}

function options(g: MemoryIndex, files: string[], extra: Partial<AddEvidenceOptions> = {}): AddEvidenceOptions {
  const { file, doc } = criteria();
  return { criteriaFile: file, doc, target: '1.1', requirement: 1, files, repository: g.repo, ...extra };
}

/** Everything under `dir`, relative, sorted (folders with a trailing slash). */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).split(path.sep).join('/') + (e.isDirectory() ? '/' : ''))
    .sort();
}

async function rejectsWith(run: Promise<unknown>, check: (error: unknown) => void) {
  await assert.rejects(run, (error: unknown) => {
    check(error);
    return true;
  });
}
const evidenceError = (key: string, args: string[]) => (error: unknown) => {
  assert.ok(error instanceof EvidenceError, String(error));
  assert.equal(error.key, key);
  assert.deepEqual(error.args, args);
};
const gitError = (code: string) => (error: unknown) => {
  assert.ok(error instanceof GitOperationError, String(error));
  assert.equal(error.code, code);
};

/** Nothing was written: no evidence folder, no Git write, the sources still there. */
function nothingDone(g: MemoryIndex, sources: string[]) {
  assert.deepEqual(tree(path.join(top, 'evidence')), []);
  assert.ok(!g.calls.some((c) => ['add', 'commit', 'update-index', 'push'].includes(c.args[0])), 'no Git write');
  for (const s of sources) assert.ok(existsSync(s), `${s} is kept`);
}

const SYNCED: SyncResult = { branch: 'main', upstream: 'origin/main', received: 1, sent: 2, rebased: true, retries: 0, head: 'f'.repeat(40), before: 'e'.repeat(40) };

describe('adding evidence on disk with a Git held in memory (docs/audit-trail.md)', () => {
  it('copies the files into the requirement folder under safe names and commits exactly them with the trailers', async () => {
    const g = memoryIndex(top);
    const a = source('Báo cáo?.pdf', 'A');
    const b = source('SCAN.PDF', 'B');
    const result = await addEvidence(options(g, [a, b]));
    assert.deepEqual(result.added, ['1.1/Báo cáo.pdf', '1.1/SCAN.pdf']);
    assert.deepEqual(tree(path.join(top, 'evidence')), ['1.1/', '1.1/Báo cáo.pdf', '1.1/SCAN.pdf']);
    assert.equal(readFileSync(path.join(top, 'evidence/1.1/Báo cáo.pdf'), 'utf8'), 'A');
    assert.equal(readFileSync(a, 'utf8'), 'A', 'the source is only read');
    assert.deepEqual(g.commits.length, 1);
    assert.deepEqual(g.commits[0].paths, ['evidence/1.1/Báo cáo.pdf', 'evidence/1.1/SCAN.pdf']);
    assert.deepEqual(g.commits[0].messages, [
      'evidence(1.1): add Báo cáo (+1)',
      ['Criterion: 1.1', 'Requirement: Kế hoạch', 'Unit: VP', `Evidence-SHA256: ${sha256('A')} evidence/1.1/Báo cáo.pdf`, `Evidence-SHA256: ${sha256('B')} evidence/1.1/SCAN.pdf`].join('\n'),
    ]);
    assert.equal(result.hash, g.commits[0].hash);
    assert.equal(result.subject, 'evidence(1.1): add Báo cáo (+1)');
    assert.equal(result.pushed, false);
    assert.ok(!g.calls.some((c) => c.args[0] === 'push'));
  });

  it('a task: its linked criteria and Task trailer; one file: no (+N); --name gives the file its title', async () => {
    const g = memoryIndex(top);
    const result = await addEvidence(options(g, [source('x.pdf', 'X')], { target: 'NV-01', requirement: undefined, name: 'Quyết định 248/QĐ-UBND.pdf' }));
    assert.deepEqual(result.added, ['nv/Quyết định 248-QĐ-UBND.pdf']);
    assert.equal(g.commits[0].messages[0], 'evidence(NV-01): add Quyết định 248-QĐ-UBND');
    assert.deepEqual(g.commits[0].messages[1].split('\n').slice(0, 5), ['Criterion: 1.1', 'Criterion: 1.2', 'Task: NV-01', 'Requirement: Tập huấn', 'Unit: VP']);
  });

  it('a name already taken on disk, in the index (deleted from the disk) or in HEAD, in any case, gets the next free variant', async () => {
    mkdirSync(path.join(top, 'evidence/1.1'), { recursive: true });
    writeFileSync(path.join(top, 'evidence/1.1/a.pdf'), 'on disk');
    const g = memoryIndex(top, { index: { 'evidence/1.1/A (2).PDF': { mode: '100644', blob: '1'.repeat(40) } }, head: ['evidence/1.1/a (3).pdf', 'evidence/1.1/sub/a (4).pdf', 'evidence/1.2/a (4).pdf'] });
    const result = await addEvidence(options(g, [source('a.pdf', 'new')]));
    assert.deepEqual(result.added, ['1.1/a (4).pdf']);
    assert.equal(readFileSync(path.join(top, 'evidence/1.1/a.pdf'), 'utf8'), 'on disk', 'never overwritten');
    assert.equal(readFileSync(path.join(top, 'evidence/1.1/a (4).pdf'), 'utf8'), 'new');
  });

  it('two files with one name in one add: the second becomes (2); a repository without commits yet is fine', async () => {
    mkdirSync(path.join(downloads, 'x'));
    const second = path.join(downloads, 'x', 'a.pdf');
    writeFileSync(second, 'second');
    const g = memoryIndex(top);
    const result = await addEvidence(options(g, [source('a.pdf', 'first'), second]));
    assert.deepEqual(result.added, ['1.1/a.pdf', '1.1/a (2).pdf']);
    assert.equal(readFileSync(path.join(top, 'evidence/1.1/a (2).pdf'), 'utf8'), 'second');
  });

  it('no temporary file is left in the folder, after a success or a failure', async () => {
    const g = memoryIndex(top);
    await addEvidence(options(g, [source('a.pdf')]));
    assert.deepEqual(tree(path.join(top, 'evidence/1.1')), ['a.pdf']);
    const failing = memoryIndex(top, { fail: { commit: new Error('x') }, hooks: new Error('no') });
    await assert.rejects(addEvidence(options(failing, [source('b.pdf')])));
    assert.deepEqual(tree(path.join(top, 'evidence/1.1')), ['a.pdf']);
  });

  it('a literal requirement: the file takes its name; an existing one (on disk or tracked) is never overwritten', async () => {
    const g = memoryIndex(top);
    const result = await addEvidence(options(g, [source('whatever.docx', 'Q')], { requirement: 2 }));
    assert.deepEqual(result.added, ['1.1/Quy chế.docx']);
    assert.deepEqual(g.commits[0].paths, ['evidence/1.1/Quy chế.docx']);
    const again = memoryIndex(top);
    await rejectsWith(addEvidence(options(again, [source('other.docx', 'R')], { requirement: 2 })), evidenceError('evidence.literalExists', ['Quy chế.docx']));
    assert.equal(readFileSync(path.join(top, 'evidence/1.1/Quy chế.docx'), 'utf8'), 'Q');
    rmSync(path.join(top, 'evidence/1.1/Quy chế.docx'));
    const tracked = memoryIndex(top, { head: ['evidence/1.1/QUY CHẾ.docx'] });
    await rejectsWith(addEvidence(options(tracked, [source('other.docx', 'R')], { requirement: 2 })), evidenceError('evidence.literalExists', ['Quy chế.docx']));
    assert.deepEqual(tree(path.join(top, 'evidence')), ['1.1/']);
  });

  it('evidenceRoot "." and a root glob: paths from the top, added without a folder', async () => {
    const { file, doc } = criteria({ evidenceRoot: '.' });
    const g = memoryIndex(top);
    const result = await addEvidence({ criteriaFile: file, doc, target: '1.2', files: [source('p.JPG', 'P')], repository: g.repo });
    assert.deepEqual(result.added, ['p.jpg']);
    assert.deepEqual(g.commits[0].paths, ['p.jpg']);
    assert.equal(readFileSync(path.join(top, 'p.jpg'), 'utf8'), 'P');
    // A name HEAD holds at the top is taken too.
    const tracked = memoryIndex(top, { head: ['q.jpg', 'sub/r.jpg'] });
    assert.deepEqual((await addEvidence({ criteriaFile: file, doc, target: '1.2', files: [source('q.jpg')], repository: tracked.repo })).added, ['q (2).jpg']);
  });

  it("a requirement's folder: a literal path under a folder ending in a dot, a glob after repeated slashes", () => {
    const req = (p: string) => ({ title: 't', path: p, min: 1, index: 0, valid: true, fields: {} }) as unknown as Requirement;
    assert.deepEqual(requirementFolder(req('x./y.docx')), { folder: 'x.', fixedName: 'y.docx' });
    assert.deepEqual(requirementFolder(req('./a/./b.docx')), { folder: 'a/.', fixedName: 'b.docx' });
    assert.deepEqual(requirementFolder(req('1.1//*.pdf')), { folder: '1.1' });
    assert.deepEqual(requirementFolder(req('1.1///*.pdf')), { folder: '1.1' });
  });

  it('a name the glob accepts as it is keeps the case of its extension', async () => {
    const { file, doc } = criteria({ extra: [{ title: 'Bất kỳ', path: '1.1/any/*' }] });
    const g = memoryIndex(top);
    const result = await addEvidence({ criteriaFile: file, doc, target: '1.1', requirement: 3, files: [source('X.PDF')], repository: g.repo });
    assert.deepEqual(result.added, ['1.1/any/X.PDF']);
  });

  it('a criteria file in a subfolder: paths from the repository top', async () => {
    const { file, doc } = criteria({ sub: 'ward' });
    const g = memoryIndex(top);
    const result = await addEvidence({ criteriaFile: file, doc, target: '1.2', files: [source('p.jpg')], repository: g.repo });
    assert.deepEqual(result.added, ['p.jpg']);
    assert.deepEqual(g.commits[0].paths, ['ward/evidence/p.jpg']);
    assert.ok(existsSync(path.join(top, 'ward/evidence/p.jpg')));
  });

  it('the criteria file is read from disk when no parsed copy is given', async () => {
    const { file } = criteria();
    const g = memoryIndex(top);
    const result = await addEvidence({ criteriaFile: file, target: '1.1', requirement: 1, files: [source('a.pdf')], repository: g.repo });
    assert.deepEqual(result.added, ['1.1/a.pdf']);
  });

  it('push after the commit when asked', async () => {
    const g = memoryIndex(top);
    const result = await addEvidence(options(g, [source('a.pdf')], { push: true }));
    assert.equal(result.pushed, true);
    assert.deepEqual(g.calls.at(-1)!.args, ['push', '--quiet']);
  });

  it('refusals before anything is copied: no file, --name with several, a missing source, a folder, a file the glob refuses', async () => {
    const g = memoryIndex(top);
    await rejectsWith(addEvidence(options(g, [])), evidenceError('evidence.noFiles', []));
    const a = source('a.pdf');
    const b = source('b.pdf');
    await rejectsWith(addEvidence(options(g, [a, b], { name: 'x.pdf' })), evidenceError('evidence.nameOneFile', []));
    const missing = path.join(downloads, 'gone.pdf');
    await rejectsWith(addEvidence(options(g, [a, missing])), evidenceError('evidence.noSource', [missing]));
    await rejectsWith(addEvidence(options(g, [a, downloads])), evidenceError('evidence.notAFile', [downloads]));
    const docx = source('c.docx');
    await rejectsWith(addEvidence(options(g, [a, docx])), evidenceError('evidence.noGlobMatch', ['c.docx', 'Kế hoạch', '1.1/*.pdf']));
    await rejectsWith(addEvidence(options(g, [a], { target: '1' })), evidenceError('evidence.notLeaf', ['1', '1.1, 1.2']));
    await rejectsWith(addEvidence(options(g, [a], { requirement: undefined })), (e) => assert.equal((e as EvidenceError).key, 'evidence.chooseRequirement'));
    nothingDone(g, [a, b, docx]);
  });

  it('a repository not ready (detached HEAD, no identity, a merge or rebase under way) is refused before copying', async () => {
    const a = source('a.pdf');
    for (const [script, code] of [
      [{ branch: 'HEAD' }, 'detachedHead'],
      [{ identity: false }, 'noIdentity'],
    ] as Array<[IndexScript, string]>) {
      const g = memoryIndex(top, script);
      await rejectsWith(addEvidence(options(g, [a])), gitError(code));
      nothingDone(g, [a]);
    }
    writeFileSync(path.join(top, '.git', 'MERGE_HEAD'), 'x');
    const merging = memoryIndex(top);
    await rejectsWith(addEvidence(options(merging, [a])), gitError('mergeInProgress'));
    nothingDone(merging, [a]);
  });

  it('a folder inside the Git directory is refused, by where Git says it is or by a name Git reserves', async () => {
    const a = source('a.pdf');
    const g = memoryIndex(top, {}, path.join(top, 'evidence'));
    await rejectsWith(addEvidence(options(g, [a])), evidenceError('evidence.insideGitDir', [path.join(top, 'evidence', '1.1'), path.join(top, 'evidence')]));
    nothingDone(g, [a]);
    // The common directory of a worktree (answered relative to the top by older Gits).
    const worktree = memoryIndex(top, { gitDirs: `${path.join(top, '.git')}\nevidence/1.1\n` });
    await rejectsWith(addEvidence(options(worktree, [a])), evidenceError('evidence.insideGitDir', [path.join(top, 'evidence', '1.1'), path.join(top, 'evidence', '1.1')]));
    // The parser refuses such an evidenceRoot (RE141, the default kept); this is the second guard, for a
    // document that would let one through.
    for (const root of ['x/.git', 'x/.GIT. ', 'x/git~1']) {
      const { file, doc } = criteria();
      doc.index.evidenceRoot = root;
      const named = memoryIndex(top);
      await rejectsWith(addEvidence({ criteriaFile: file, doc, target: '1.2', files: [source('p.jpg')], repository: named.repo }), (e) => {
        evidenceError('evidence.insideGitDir', [path.join(top, root), path.join(top, '.git')])(e);
      });
      assert.ok(!existsSync(path.join(top, 'x')), `${root}: nothing made`);
    }
    // A name merely starting or ending so is not the Git directory.
    for (const root of ['.github-ev', 'ev.git', 'xgit~1']) {
      const { file, doc } = criteria();
      doc.index.evidenceRoot = root;
      const fine = memoryIndex(top);
      assert.deepEqual((await addEvidence({ criteriaFile: file, doc, target: '1.2', files: [source('p.jpg')], repository: fine.repo })).added, ['p.jpg'], root);
    }
    // Reached through a link: the folder does not exist yet, its parent is a link into the Git directory.
    mkdirSync(path.join(top, '.git', 'inside'));
    symlinkSync(path.join(top, '.git', 'inside'), path.join(top, 'linked'));
    const { file, doc } = criteria();
    doc.index.evidenceRoot = 'linked';
    await rejectsWith(
      addEvidence({ criteriaFile: file, doc, target: '1.1', requirement: 1, files: [a], repository: memoryIndex(top).repo }),
      evidenceError('evidence.insideGitDir', [path.join(top, 'linked', '1.1'), path.join(top, '.git')]),
    );
    assert.deepEqual(readdirSync(path.join(top, '.git', 'inside')), []);
  });

  it('the 400-byte path bound: the name is shortened to the room left, or refused when under 16 bytes remain', async () => {
    const deep = 'd'.repeat(200) + '/' + 'e'.repeat(150);
    const { file, doc } = criteria({ evidenceRoot: deep });
    const g = memoryIndex(top);
    const long = source('n'.repeat(100) + '.jpg');
    const result = await addEvidence({ criteriaFile: file, doc, target: '1.2', files: [long], repository: g.repo });
    // evidence path from the top: 351 bytes, a slash, and a name of at most 48.
    assert.equal(result.added[0], 'n'.repeat(44) + '.jpg');
    const deeper = criteria({ evidenceRoot: 'd'.repeat(200) + '/' + 'e'.repeat(184) });
    await rejectsWith(addEvidence({ criteriaFile: deeper.file, doc: deeper.doc, target: '1.2', files: [long], repository: memoryIndex(top).repo }), evidenceError('evidence.pathTooLong', [path.basename(long)]));
    const room16 = criteria({ evidenceRoot: 'd'.repeat(200) + '/' + 'e'.repeat(182) });
    const fits = await addEvidence({ criteriaFile: room16.file, doc: room16.doc, target: '1.2', files: [long], repository: memoryIndex(top).repo });
    assert.equal(fits.added[0], 'n'.repeat(12) + '.jpg');
  });

  it('a commit that fails removes the copies and the folders made for them, restores the index, keeps the sources', async () => {
    const a = source('a.pdf', 'A');
    const before = { 'evidence/1.1/a.pdf': { mode: '100644', blob: '2'.repeat(40) } };
    const g = memoryIndex(top, { index: before, fail: { commit: new Error('Author identity unknown') } });
    await rejectsWith(addEvidence(options(g, [a])), gitError('noIdentity'));
    assert.deepEqual(tree(path.join(top, 'evidence')), []);
    assert.ok(!existsSync(path.join(top, 'evidence')), 'the evidence folder made for the copy is gone');
    assert.deepEqual(Object.fromEntries(g.index), before);
    assert.equal(readFileSync(a, 'utf8'), 'A');
  });

  it('after a failure only what this add made goes: a folder that existed stays, with its files', async () => {
    mkdirSync(path.join(top, 'evidence'));
    writeFileSync(path.join(top, 'evidence', 'keep.txt'), 'k');
    const g = memoryIndex(top, { fail: { commit: new GitOperationError('lockBusy', 'git.lockBusy', ['l']) } });
    await rejectsWith(addEvidence(options(g, [source('a.pdf'), source('b.pdf')])), gitError('lockBusy'));
    assert.deepEqual(tree(path.join(top, 'evidence')), ['keep.txt']);
  });

  it('a folder that cannot take the copy (a file where the folder should be) is cannotWrite, and nothing stays', async () => {
    mkdirSync(path.join(top, 'evidence'));
    writeFileSync(path.join(top, 'evidence', '1.1'), 'a file');
    const g = memoryIndex(top);
    const a = source('a.pdf');
    await rejectsWith(addEvidence(options(g, [a])), (e) => {
      assert.ok(e instanceof EvidenceError, String(e));
      assert.equal(e.key, 'evidence.cannotWrite');
      assert.equal(e.args[0], path.join(top, 'evidence', '1.1'));
      assert.match(e.args[1], /^(EEXIST|ENOTDIR)$/);
    });
    assert.deepEqual(tree(path.join(top, 'evidence')), ['1.1']);
    nothingDoneToGit(g);
  });

  it('a folder whose parents are missing and cannot all be made leaves none of those it made behind', async () => {
    const mkdir = fsp.mkdir;
    (fsp as { mkdir: unknown }).mkdir = async () => {
      await mkdir(path.join(top, 'evidence'));
      await mkdir(path.join(top, 'evidence', '1.1'));
      throw Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES', syscall: 'mkdir' });
    };
    try {
      const g = memoryIndex(top);
      await rejectsWith(addEvidence(options(g, [source('a.pdf')])), evidenceError('evidence.cannotWrite', [path.join(top, 'evidence', '1.1'), 'EACCES']));
      assert.ok(!existsSync(path.join(top, 'evidence')));
      nothingDoneToGit(g);
    } finally {
      (fsp as { mkdir: unknown }).mkdir = mkdir;
    }
    // Each failure of a folder that cannot take a file is cannotWrite; any other keeps its own error.
    for (const code of ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR', 'ENOSPC', 'EDQUOT', 'ENOENT', 'EIO']) {
      const failure = Object.assign(new Error(`${code}: mkdir`), { code, syscall: 'mkdir' });
      (fsp as { mkdir: unknown }).mkdir = async () => {
        throw failure;
      };
      try {
        const run = addEvidence(options(memoryIndex(top), [source('a.pdf')]));
        if (code === 'EIO') await rejectsWith(run, (e) => assert.equal(e, failure));
        else await rejectsWith(run, evidenceError('evidence.cannotWrite', [path.join(top, 'evidence', '1.1'), code]));
      } finally {
        (fsp as { mkdir: unknown }).mkdir = mkdir;
      }
    }
    // A folder that was there before stays.
    mkdirSync(path.join(top, 'evidence'));
    (fsp as { mkdir: unknown }).mkdir = async () => {
      throw Object.assign(new Error('EROFS: read-only file system, mkdir'), { code: 'EROFS', syscall: 'mkdir' });
    };
    try {
      await rejectsWith(addEvidence(options(memoryIndex(top), [source('a.pdf')])), evidenceError('evidence.cannotWrite', [path.join(top, 'evidence', '1.1'), 'EROFS']));
      assert.ok(existsSync(path.join(top, 'evidence')));
    } finally {
      (fsp as { mkdir: unknown }).mkdir = mkdir;
    }
  });

  for (const code of ['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP']) {
    it(`file systems without hard links (${code}): the copy is made by an exclusive copy instead`, async () => {
      const restore = patchLink(async () => {
        throw Object.assign(new Error(`${code}: link`), { code, syscall: 'link' });
      });
      try {
        mkdirSync(path.join(top, 'evidence/1.1'), { recursive: true });
        writeFileSync(path.join(top, 'evidence/1.1/a.pdf'), 'old');
        const g = memoryIndex(top);
        const result = await addEvidence(options(g, [source('a.pdf', 'new'), source('b.pdf', 'B')]));
        assert.deepEqual(result.added, ['1.1/a (2).pdf', '1.1/b.pdf']);
        assert.equal(readFileSync(path.join(top, 'evidence/1.1/a (2).pdf'), 'utf8'), 'new');
        assert.equal(readFileSync(path.join(top, 'evidence/1.1/a.pdf'), 'utf8'), 'old');
        assert.deepEqual(tree(path.join(top, 'evidence/1.1')), ['a (2).pdf', 'a.pdf', 'b.pdf']);
      } finally {
        restore();
      }
    });
  }

  it('without hard links, a name another process takes meanwhile is not overwritten: the next variant, as with links', async () => {
    let raced = false;
    const restore = patchLink(async (_from, to) => {
      if (!raced) {
        raced = true;
        writeFileSync(to, 'theirs');
      }
      throw Object.assign(new Error('EPERM: link'), { code: 'EPERM', syscall: 'link' });
    });
    try {
      const g = memoryIndex(top);
      const result = await addEvidence(options(g, [source('a.pdf', 'ours')]));
      assert.deepEqual(result.added, ['1.1/a (2).pdf']);
      assert.equal(readFileSync(path.join(top, 'evidence/1.1/a.pdf'), 'utf8'), 'theirs');
      assert.equal(readFileSync(path.join(top, 'evidence/1.1/a (2).pdf'), 'utf8'), 'ours');
      assert.deepEqual(g.commits[0].paths, ['evidence/1.1/a (2).pdf']);
    } finally {
      restore();
    }
    // A copy that fails otherwise stops the add, nothing left behind.
    rmSync(path.join(top, 'evidence'), { recursive: true });
    const copyFile = fsp.copyFile;
    const restoreLink = patchLink(async () => {
      throw Object.assign(new Error('EXDEV: link'), { code: 'EXDEV', syscall: 'link' });
    });
    (fsp as { copyFile: unknown }).copyFile = async (from: string, to: string, mode?: number) => {
      if (path.basename(to).startsWith('.reform-evidence-')) return copyFile(from, to, mode);
      throw Object.assign(new Error('EROFS: copyfile'), { code: 'EROFS', syscall: 'copyfile' });
    };
    try {
      const g = memoryIndex(top);
      await rejectsWith(addEvidence(options(g, [source('a.pdf')])), evidenceError('evidence.cannotWrite', [path.join(top, 'evidence', '1.1'), 'EROFS']));
      assert.deepEqual(tree(path.join(top, 'evidence')), []);
      nothingDoneToGit(g);
    } finally {
      restoreLink();
      (fsp as { copyFile: unknown }).copyFile = copyFile;
    }
  });

  it("Git's own error stays Git's, even when a source has gone meanwhile", async () => {
    const a = source('a.pdf');
    const link = fsp.link;
    const restore = patchLink(async (from, to) => {
      await link(from, to);
      rmSync(a);
    });
    try {
      const g = memoryIndex(top, { fail: { commit: new GitOperationError('lockBusy', 'git.lockBusy', ['l']) } });
      await rejectsWith(addEvidence(options(g, [a])), gitError('lockBusy'));
    } finally {
      restore();
    }
  });

  it('a name another process takes while we copy: the next variant; any other link failure stops the add, the copies removed', async () => {
    let raced = false;
    const link = fsp.link;
    const restore = patchLink(async (from, to) => {
      if (!raced) {
        raced = true;
        writeFileSync(to, 'theirs');
      }
      return link(from, to);
    });
    try {
      const g = memoryIndex(top);
      const result = await addEvidence(options(g, [source('a.pdf', 'ours')]));
      assert.deepEqual(result.added, ['1.1/a (2).pdf']);
      assert.equal(readFileSync(path.join(top, 'evidence/1.1/a.pdf'), 'utf8'), 'theirs');
      assert.equal(readFileSync(path.join(top, 'evidence/1.1/a (2).pdf'), 'utf8'), 'ours');
    } finally {
      restore();
    }
    rmSync(path.join(top, 'evidence'), { recursive: true });
    const broken = Object.assign(new Error('EIO: i/o error, link'), { code: 'EIO', syscall: 'link' });
    let calls = 0;
    const restore2 = patchLink(async (from, to) => {
      if (++calls === 2) throw broken;
      return link(from, to);
    });
    try {
      const g = memoryIndex(top);
      await rejectsWith(addEvidence(options(g, [source('a.pdf'), source('b.pdf')])), (e) => assert.equal(e, broken));
      assert.deepEqual(tree(path.join(top, 'evidence')), []);
      nothingDoneToGit(g);
    } finally {
      restore2();
    }
  });

  it('a source that vanishes while it is copied is noSource; a full disk is cannotWrite', async () => {
    const a = source('a.pdf');
    const link = fsp.link;
    const restore = patchLink(async () => {
      rmSync(a);
      throw Object.assign(new Error('ENOSPC: no space left on device, link'), { code: 'ENOSPC', syscall: 'link' });
    });
    try {
      await rejectsWith(addEvidence(options(memoryIndex(top), [a])), evidenceError('evidence.noSource', [a]));
    } finally {
      restore();
    }
    const b = source('b.pdf');
    const restore2 = patchLink(async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, link'), { code: 'ENOSPC', syscall: 'link' });
    });
    try {
      await rejectsWith(addEvidence(options(memoryIndex(top), [b])), evidenceError('evidence.cannotWrite', [path.join(top, 'evidence', '1.1'), 'ENOSPC']));
    } finally {
      restore2();
    }
    void link;
  });
});

function nothingDoneToGit(g: MemoryIndex) {
  assert.ok(!g.calls.some((c) => ['add', 'commit', 'update-index', 'push'].includes(c.args[0])), 'no Git write');
}

/** Replaces fs.promises.link (what addEvidence links the copy with) until the returned function is called. */
function patchLink(replacement: (from: string, to: string) => Promise<void>): () => void {
  const original = fsp.link;
  (fsp as { link: unknown }).link = replacement;
  return () => {
    (fsp as { link: unknown }).link = original;
  };
}

describe('commit-pending: the groups and their commits (docs/audit-trail.md)', () => {
  const file = (p: string, git: EvidenceFile['git']): EvidenceFile => ({ path: p, git });

  it('untracked and modified files that match, grouped by criterion then task, each file in one group only', () => {
    const { doc } = criteria();
    const matches = matchAll(compileRequirements(doc), [
      file('1.1/a.pdf', 'untracked'),
      file('1.1/b.pdf', 'modified'),
      file('1.1/c.pdf', 'committed'),
      file('1.1/d.pdf', 'none'),
      file('1.1/Quy chế.docx', 'untracked'),
      file('x.jpg', 'modified'),
      file('nv/t.pdf', 'untracked'),
      file('other.txt', 'untracked'),
    ]);
    const groups = pendingGroups(doc, matches);
    assert.deepEqual(
      groups.map((g) => [g.target.kind, g.target.id, g.files, g.requirements]),
      [
        ['criterion', '1.1', [{ path: '1.1/a.pdf', state: 'untracked' }, { path: '1.1/b.pdf', state: 'modified' }, { path: '1.1/Quy chế.docx', state: 'untracked' }], ['Kế hoạch', 'Quy chế']],
        ['criterion', '1.2', [{ path: 'x.jpg', state: 'modified' }], ['Ảnh']],
        ['task', 'NV-01', [{ path: 'nv/t.pdf', state: 'untracked' }], ['Tập huấn']],
      ],
    );
    // A file two requirements of one criterion match is listed once, with the first requirement.
    const { doc: twice } = criteria({ extra: [{ title: 'Mọi PDF', path: '1.1/**/*.pdf' }] });
    const once = pendingGroups(twice, matchAll(compileRequirements(twice), [file('1.1/a.pdf', 'untracked')]));
    assert.deepEqual(once.map((g) => [g.target.id, g.files.length, g.requirements]), [['1.1', 1, ['Kế hoạch']]]);
    assert.deepEqual(pendingGroups(doc, matchAll(compileRequirements(doc), [file('1.1/c.pdf', 'committed')])), []);
  });

  it('one commit per group, subject "update" when every file was modified, paths from the top, push once after the last', async () => {
    const { doc } = criteria({ sub: 'ward' });
    for (const p of ['1.1/a.pdf', '1.1/b.pdf', 'x.jpg']) {
      mkdirSync(path.dirname(path.join(top, 'ward/evidence', p)), { recursive: true });
      writeFileSync(path.join(top, 'ward/evidence', p), p);
    }
    const groups = pendingGroups(doc, matchAll(compileRequirements(doc), [file('1.1/a.pdf', 'untracked'), file('1.1/b.pdf', 'modified'), file('x.jpg', 'modified')]));
    const g = memoryIndex(top);
    const seen: string[] = [];
    const results = await commitGroups(g.repo, doc, groups, { push: true, onCommit: (r, group) => seen.push(`${group.target.id} ${r.hash}`) });
    assert.deepEqual(g.commits.map((c) => [c.messages[0], c.paths]), [
      ['evidence(1.1): add a (+1)', ['ward/evidence/1.1/a.pdf', 'ward/evidence/1.1/b.pdf']],
      ['evidence(1.2): update x', ['ward/evidence/x.jpg']],
    ]);
    assert.deepEqual(g.commits[1].messages[1].split('\n').slice(0, 3), ['Criterion: 1.2', 'Requirement: Ảnh', 'Unit: VP']);
    assert.deepEqual(results.map((r) => [r.group.target.id, r.hash, r.pushed]), [
      ['1.1', g.commits[0].hash, false],
      ['1.2', g.commits[1].hash, true],
    ]);
    assert.deepEqual(seen, [`1.1 ${g.commits[0].hash}`, `1.2 ${g.commits[1].hash}`]);
    const pushes = g.calls.map((c, i) => [c.args[0], i]).filter(([c]) => c === 'push');
    assert.equal(pushes.length, 1);
    assert.ok((pushes[0][1] as number) > g.calls.map((c) => c.args[0]).lastIndexOf('commit'), 'after the last commit');
    // Without push, none.
    const quiet = memoryIndex(top);
    await commitGroups(quiet.repo, doc, groups, {});
    assert.ok(!quiet.calls.some((c) => c.args[0] === 'push'));
  });

  it('evidenceRoot at the top: paths as listed; a sync that rebased the commits gives each its new hash', async () => {
    const { doc } = criteria({ evidenceRoot: '.' });
    for (const p of ['1.1/a.pdf', 'x.jpg']) {
      mkdirSync(path.dirname(path.join(top, p)), { recursive: true });
      writeFileSync(path.join(top, p), p);
    }
    mkdirSync(path.join(top, 'nv'));
    writeFileSync(path.join(top, 'nv/t.pdf'), 't');
    const groups = pendingGroups(doc, matchAll(compileRequirements(doc), [file('1.1/a.pdf', 'untracked'), file('x.jpg', 'untracked'), file('nv/t.pdf', 'untracked')]));
    const g = memoryIndex(top, { fail: { push: new Error(' ! [rejected] main -> main (fetch first)') }, sync: SYNCED });
    const results = await commitGroups(g.repo, doc, groups, { push: true });
    assert.deepEqual(g.commits.map((c) => c.paths), [['1.1/a.pdf'], ['x.jpg'], ['nv/t.pdf']]);
    assert.deepEqual(results.map((r) => [r.hash, r.shortHash]), g.commits.map((c) => [c.hash, c.hash.slice(0, 7)]));
    assert.deepEqual(g.calls.at(-1)!.args, ['log', '-3', '--format=%H %h', 'HEAD']);
    assert.deepEqual(await commitGroups(g.repo, doc, [], { push: true }), []);
    // Without a rebase the hashes stand as committed.
    const plain = memoryIndex(top, { fail: { push: new Error(' ! [rejected] main -> main (fetch first)') }, sync: { ...SYNCED, rebased: false } });
    const kept = await commitGroups(plain.repo, doc, groups, { push: true });
    assert.equal(kept[0].hash, plain.commits[0].hash);
    assert.ok(!plain.calls.some((c) => c.args[0] === 'log' && c.args[1] === '-3'));
  });
});
