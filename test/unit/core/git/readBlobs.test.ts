// Blobs read through one `git cat-file --batch` (a status at a revision's data files): each id answered in order,
// missing ids and non-blobs as missing, a blob over its limit refused from its size (Git stopped, never read whole).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createGit, gitCommandLog, gitProcessCount, type BlobBytes } from '../../../../src/core/git/git';
import { BlobBatch, readBlob } from '../../../../src/core/git/tree';
import { cleanupTempDirs, git, initRepo } from '../../helpers';

const MISSING = 'f'.repeat(40);

/** A repository with these files committed, and each file's blob id. */
function repoWith(contents: Record<string, Buffer>): { repo: string; ids: Record<string, string>; tree: string } {
  const repo = initRepo();
  for (const [name, bytes] of Object.entries(contents)) writeFileSync(path.join(repo, name), bytes);
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'blobs');
  const ids = Object.fromEntries(Object.keys(contents).map((name) => [name, git(repo, 'rev-parse', `HEAD:${name}`).trim()]));
  return { repo, ids, tree: git(repo, 'rev-parse', 'HEAD^{tree}').trim() };
}

const contents = {
  'empty.csv': Buffer.alloc(0),
  'small.csv': Buffer.from('tháng,số\n2025-01,3\n'),
  'nl.csv': Buffer.from('\n\n'),
  // More than one pipe chunk: the bytes arrive in several pieces.
  'large.csv': Buffer.alloc(300 * 1024 + 17, 7),
  'big.csv': Buffer.alloc(2 * 1024 * 1024, 65),
};

describe('readBlobs: many blobs through one git cat-file --batch', () => {
  after(cleanupTempDirs);

  it('answers every id in order, in one process: bytes, missing ids and non-blobs as missing', async () => {
    const { repo, ids, tree } = repoWith(contents);
    const asked = [ids['small.csv'], MISSING, ids['empty.csv'], ids['large.csv'], tree, ids['nl.csv'], ids['small.csv']];
    const seen: Array<[string, BlobBytes]> = [];
    const before = gitProcessCount();
    await createGit({ cwd: repo }).readBlobs(asked, 1024 * 1024, (id, read) => seen.push([id, read]));
    assert.equal(gitProcessCount() - before, 1, 'one Git process');
    assert.deepEqual(seen, [
      [ids['small.csv'], { bytes: contents['small.csv'] }],
      [MISSING, { missing: true }],
      [ids['empty.csv'], { bytes: contents['empty.csv'] }],
      [ids['large.csv'], { bytes: contents['large.csv'] }],
      [tree, { missing: true }],
      [ids['nl.csv'], { bytes: contents['nl.csv'] }],
      [ids['small.csv'], { bytes: contents['small.csv'] }],
    ]);
  });

  it('refuses a blob over its limit from its size, and reads the ids after it in a second process', async () => {
    const { repo, ids } = repoWith(contents);
    const asked = [ids['small.csv'], ids['big.csv'], MISSING, ids['large.csv'], ids['big.csv']];
    // Per-blob limits: the same blob may be refused under one limit and read under another.
    const limits = [1024, 1024 * 1024, 1024, 1024, 4 * 1024 * 1024];
    const seen: Array<[string, BlobBytes]> = [];
    const before = gitProcessCount();
    await createGit({ cwd: repo }).readBlobs(asked, limits, (id, read) => seen.push([id, read]));
    assert.deepEqual(seen, [
      [ids['small.csv'], { bytes: contents['small.csv'] }],
      [ids['big.csv'], { tooLarge: contents['big.csv'].length }],
      [MISSING, { missing: true }],
      [ids['large.csv'], { tooLarge: contents['large.csv'].length }],
      [ids['big.csv'], { bytes: contents['big.csv'] }],
    ]);
    // Git stopped at each refused blob and started again after it.
    assert.equal(gitProcessCount() - before, 3);
    const batches = gitCommandLog().slice(-3);
    assert.ok(batches.every((c) => c.args.join(' ') === 'cat-file --batch'), JSON.stringify(batches));
  });

  it('refuses anything that is not a full object id before starting Git', async () => {
    const { repo } = repoWith({ 'a.csv': Buffer.from('a') });
    const before = gitProcessCount();
    await assert.rejects(createGit({ cwd: repo }).readBlobs(['HEAD'], 10, () => undefined), /not an object id: HEAD/);
    await assert.rejects(createGit({ cwd: repo }).readBlobs(['--batch-all-objects'], 10, () => undefined), /not an object id/);
    assert.equal(gitProcessCount(), before);
  });

  it('BlobBatch: the reads of one turn share one process; missing rejects, over the limit is its size', async () => {
    const { repo, ids } = repoWith(contents);
    const batch = new BlobBatch(createGit({ cwd: repo }));
    const before = gitProcessCount();
    const reads = [batch.read(ids['small.csv'], 1024), batch.read(ids['big.csv'], 1024), batch.read(ids['nl.csv'], 1024), batch.read(MISSING, 1024)];
    const settled = await Promise.allSettled(reads);
    assert.deepEqual(settled.slice(0, 3), [
      { status: 'fulfilled', value: { bytes: contents['small.csv'] } },
      { status: 'fulfilled', value: { tooLarge: contents['big.csv'].length } },
      { status: 'fulfilled', value: { bytes: contents['nl.csv'] } },
    ]);
    assert.equal(settled[3].status, 'rejected');
    assert.match(String((settled[3] as PromiseRejectedResult).reason), /Not a valid object name f{40}/);
    // One process up to the refused blob, one for the rest.
    assert.equal(gitProcessCount() - before, 2);
    assert.deepEqual(await readBlob(createGit({ cwd: repo }), ids['large.csv'], 1024 * 1024), { bytes: contents['large.csv'] });
  });
});
