// Committing evidence (docs/audit-trail.md, "Adding", "On failure", "Commit message", error codes) against a Git
// whose index is held in memory (memoryIndex.ts): exactly the given paths are staged and committed with
// `--only`, on stdin as bytes; the trailers hash each file as staged (an LFS pointer: its object id); whatever
// fails, the index entries of those paths are put back exactly as they were, with a typed error; push after
// the commit, and a sync when the remote moved on. Fast: no Git process runs.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { commitEvidence, restoreIndex, type CommitRequest } from '../../../../src/core/evidence/commitEvidence';
import { GitOperationError } from '../../../../src/core/git/errors';
import { pathBytes } from '../../../../src/core/git/pathBytes';
import type { SyncResult } from '../../../../src/core/sync/sync';
import { memoryIndex, sha256, type IndexScript } from './memoryIndex';

let top: string;
beforeEach(() => {
  top = mkdtempSync(path.join(tmpdir(), 'commit-pure-'));
});
afterEach(() => rmSync(top, { recursive: true, force: true }));

function put(relative: string, content: string | Buffer): void {
  const file = Buffer.concat([Buffer.from(top + path.sep), pathBytes(relative.split('/').join(path.sep))]);
  mkdirSync(path.dirname(path.join(top, relative)), { recursive: true });
  writeFileSync(file, content);
}

const request = (paths: string[], extra: Partial<CommitRequest> = {}): CommitRequest => ({
  paths,
  message: { subject: 'evidence(1.1): add a', criteria: ['1.1'], requirements: ['Kế hoạch'], units: ['VP'] },
  ...extra,
});

/** Asserts a GitOperationError with `code`, `key`, `args` and an output containing each of `outputs`. */
async function rejectsGit(run: Promise<unknown>, code: string, key: string, args: string[], ...outputs: string[]) {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof GitOperationError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.key, key);
    assert.deepEqual(error.args, args);
    for (const o of outputs) assert.ok(error.output.includes(o), `${JSON.stringify(error.output)} has ${JSON.stringify(o)}`);
    return true;
  });
}

const SYNCED: SyncResult = { branch: 'main', upstream: 'origin/main', received: 1, sent: 1, rebased: true, retries: 0, head: 'f'.repeat(40), before: 'e'.repeat(40) };

describe('committing evidence with a Git held in memory (docs/audit-trail.md)', () => {
  it('stages and commits exactly the paths, once each, on stdin, with the trailers and the SHA-256 of each staged file', async () => {
    put('ev/1.1/a.pdf', 'A');
    put('ev/1.1/b.pdf', 'B');
    const g = memoryIndex(top, { index: { 'other.txt': { mode: '100644', blob: 'c'.repeat(40) } } });
    const result = await commitEvidence(g.repo, request(['ev/1.1/a.pdf', 'ev/1.1/b.pdf', 'ev/1.1/a.pdf']));
    const add = g.calls.find((c) => c.args[0] === 'add')!;
    assert.deepEqual(add.args, ['add', '--pathspec-from-file=-', '--pathspec-file-nul']);
    assert.deepEqual(add.paths, ['ev/1.1/a.pdf', 'ev/1.1/b.pdf']);
    const commit = g.calls.find((c) => c.args[0] === 'commit')!;
    const trailers = ['Criterion: 1.1', 'Requirement: Kế hoạch', 'Unit: VP', `Evidence-SHA256: ${sha256('A')} ev/1.1/a.pdf`, `Evidence-SHA256: ${sha256('B')} ev/1.1/b.pdf`].join('\n');
    assert.deepEqual(commit.args, ['commit', '-q', '--only', '-m', 'evidence(1.1): add a', '-m', trailers, '--pathspec-from-file=-', '--pathspec-file-nul']);
    assert.deepEqual(commit.paths, ['ev/1.1/a.pdf', 'ev/1.1/b.pdf']);
    assert.ok(add.exclusive && commit.exclusive, 'staging and committing hold the write queue');
    assert.deepEqual(result.files, [
      { path: 'ev/1.1/a.pdf', sha256: sha256('A') },
      { path: 'ev/1.1/b.pdf', sha256: sha256('B') },
    ]);
    assert.equal(result.hash, g.commits[0].hash);
    assert.equal(result.shortHash, g.commits[0].hash.slice(0, 7));
    assert.equal(result.subject, 'evidence(1.1): add a');
    assert.equal(result.pushed, false);
    assert.equal(result.pushError, undefined);
    assert.equal(result.synced, undefined);
    assert.ok(!g.calls.some((c) => c.args[0] === 'push' || c.args[0] === 'update-index'), 'no push, no restore');
    // The entries read before staging: only the paths asked for.
    assert.deepEqual(g.calls[1].args, ['ls-files', '-s', '-z', '--', 'ev/1.1/a.pdf', 'ev/1.1/b.pdf']);
  });

  it('a Git LFS file is hashed by its object id (the SHA-256 of the content), a task has its Task trailer, a path its NFC form', async () => {
    const oid = sha256('the real scan');
    put('ev/scan.pdf', `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 13\n`);
    const decomposed = 'ev/Ke\u0302\u0301 hoa\u0323ch.pdf';
    put(decomposed, 'K');
    const g = memoryIndex(top);
    const result = await commitEvidence(g.repo, {
      paths: ['ev/scan.pdf', decomposed],
      message: { subject: 'evidence(NV-01): add scan (+1)', criteria: ['1.1', '1.2'], task: 'NV-01', requirements: ['Tập huấn'], units: [] },
    });
    assert.deepEqual(result.files, [
      { path: 'ev/scan.pdf', sha256: oid },
      { path: decomposed.normalize('NFC'), sha256: sha256('K') },
    ]);
    const trailers = g.commits[0].messages[1].split('\n');
    assert.deepEqual(trailers.slice(0, 4), ['Criterion: 1.1', 'Criterion: 1.2', 'Task: NV-01', 'Requirement: Tập huấn']);
    assert.equal(trailers[4], `Evidence-SHA256: ${oid} ev/scan.pdf`);
  });

  it('a name that is not UTF-8 goes as its bytes; its entries are looked up through its nearest UTF-8 folder', async () => {
    const raw = 'ev/1.1/b\udce1o.pdf';
    const top2 = '\udcffx.pdf';
    put(raw, 'R');
    put(top2, 'T');
    put('ev/1.1/c.pdf', 'C');
    const g = memoryIndex(top, { index: { 'ev/1.1/c.pdf': { mode: '100644', blob: 'd'.repeat(40) } } });
    const result = await commitEvidence(g.repo, request([raw, top2]));
    assert.deepEqual(g.calls.find((c) => c.args[0] === 'ls-files')!.args, ['ls-files', '-s', '-z', '--', 'ev/1.1', '.']);
    assert.deepEqual(g.calls.find((c) => c.args[0] === 'add')!.paths, [raw, top2]);
    assert.deepEqual(result.files.map((f) => f.sha256), [sha256('R'), sha256('T')]);
    // The neighbour listed under the folder is not one of ours: its blob is not hashed.
    assert.deepEqual(g.calls.find((c) => c.method === 'hashBlobs')!.args, [g.index.get(raw)!.blob, g.index.get(top2)!.blob]);
  });

  it('two raw names in one folder are looked up with that folder once', async () => {
    const g = memoryIndex(top, { fail: { add: new Error('boom') } });
    await assert.rejects(commitEvidence(g.repo, request(['ev/\udce1.pdf', 'ev/\udce2.pdf'])));
    assert.deepEqual(g.calls.find((c) => c.args[0] === 'ls-files')!.args, ['ls-files', '-s', '-z', '--', 'ev']);
  });

  it('a commit that fails puts back every index entry of its paths (a staged one as it was, a new one removed), nothing else', async () => {
    put('ev/a.pdf', 'new A');
    put('ev/b.pdf', 'B');
    const before = { 'ev/a.pdf': { mode: '100755', blob: '1'.repeat(40) }, 'ev/z.pdf': { mode: '100644', blob: '2'.repeat(40) } };
    const g = memoryIndex(top, { index: before, fail: { commit: new Error('fatal: some failure') }, hooks: new Error('no') });
    await rejectsGit(commitEvidence(g.repo, request(['ev/a.pdf', 'ev/b.pdf'])), 'commandFailed', 'git.commandFailed', ['commit'], 'fatal: some failure');
    // What Git said, and nothing more when the index was put back.
    await assert.rejects(commitEvidence(g.repo, request(['ev/a.pdf'])), (e: unknown) => (e as GitOperationError).output === 'fatal: some failure');
    assert.deepEqual(Object.fromEntries(g.index), before);
    const restore = g.calls.find((c) => c.args[0] === 'update-index')!;
    assert.deepEqual(restore.args, ['update-index', '-z', '--index-info']);
    assert.equal(restore.input, `100755 ${'1'.repeat(40)}\tev/a.pdf\x000 ${'0'.repeat(40)}\tev/b.pdf\x00`);
    assert.ok(restore.exclusive, 'restored inside the same hold of the write queue');
    assert.equal(g.commits.length, 0);
  });

  it('a conflicted entry (stage 1–3) is not an entry to restore: the path is removed from the index', async () => {
    put('ev/a.pdf', 'A');
    const g = memoryIndex(top, { index: { 'ev/a.pdf': { mode: '100644', blob: '3'.repeat(40), stage: 2 } }, fail: { commit: new Error('x') }, hooks: new Error('no') });
    await assert.rejects(commitEvidence(g.repo, request(['ev/a.pdf'])));
    assert.equal(g.index.has('ev/a.pdf'), false);
  });

  it('a failed commit is typed: identity missing, signing, a hook refusing, a lock held (kept as Git reported it)', async () => {
    const cases: Array<[Error, IndexScript['hooks'], string, string, string[]]> = [
      [new Error('Author identity unknown\n*** Please tell me who you are.'), '.git/hooks', 'noIdentity', 'git.noIdentity', []],
      [new Error('error: gpg failed to sign the data'), '.git/hooks', 'signingFailed', 'git.signingFailed', []],
      [new Error('hook said no'), 'hooks-here', 'hookFailed', 'git.hookFailed', []],
      [new Error('hook said no'), '.git/hooks', 'commandFailed', 'git.commandFailed', ['commit']],
      [new GitOperationError('lockBusy', 'git.lockBusy', ['x/index.lock'], 'busy'), '.git/hooks', 'lockBusy', 'git.lockBusy', ['x/index.lock']],
    ];
    mkdirSync(path.join(top, 'hooks-here'));
    writeFileSync(path.join(top, 'hooks-here', 'commit-msg'), '#!/bin/sh\nexit 1\n');
    for (const [failure, hooks, code, key, args] of cases) {
      put('a.pdf', 'A');
      const g = memoryIndex(top, { fail: { commit: failure }, hooks });
      await rejectsGit(commitEvidence(g.repo, request(['a.pdf'])), code, key, args, outputOfFailure(failure));
      assert.equal(g.index.has('a.pdf'), false, `${code}: the staged path is taken out again`);
    }
  });

  it('a failure to stage is reported as the add that failed, and restores nothing (nothing was staged)', async () => {
    const g = memoryIndex(top, { index: { 'a.pdf': { mode: '100644', blob: '4'.repeat(40) } }, fail: { add: new Error("fatal: pathspec 'a.pdf' did not match") } });
    await rejectsGit(commitEvidence(g.repo, request(['a.pdf'])), 'commandFailed', 'git.commandFailed', ['add'], 'did not match');
    assert.ok(!g.calls.some((c) => c.args[0] === 'update-index' || c.args[0] === 'commit'));
    assert.deepEqual(g.index.get('a.pdf'), { mode: '100644', blob: '4'.repeat(40) });
    const locked = memoryIndex(top, { fail: { add: new GitOperationError('indexLocked', 'git.indexLocked', ['i.lock']) } });
    await rejectsGit(commitEvidence(locked.repo, request(['a.pdf'])), 'indexLocked', 'git.indexLocked', ['i.lock']);
  });

  it('when the index cannot be put back either, the error says so after what Git printed', async () => {
    put('a.pdf', 'A');
    const plain = memoryIndex(top, { fail: { commit: new Error('commit broke'), 'update-index': new Error('index broke') }, hooks: new Error('no') });
    await rejectsGit(commitEvidence(plain.repo, request(['a.pdf'])), 'commandFailed', 'git.commandFailed', ['commit'], 'commit broke\n(index not restored: index broke)');
    const typed = memoryIndex(top, { fail: { commit: new GitOperationError('lockBusy', 'git.lockBusy', ['l'], 'held'), 'update-index': new Error('index broke') } });
    await rejectsGit(commitEvidence(typed.repo, request(['a.pdf'])), 'lockBusy', 'git.lockBusy', ['l'], 'held\n(index not restored: index broke)');
    // A failure after the commit (reading its hash) restores too.
    const after = memoryIndex(top, { fail: { log: new Error('log broke') } });
    await rejectsGit(commitEvidence(after.repo, request(['a.pdf'])), 'commandFailed', 'git.commandFailed', ['commit'], 'log broke');
    assert.equal(after.index.has('a.pdf'), false);
  });

  it('push after the commit when asked: pushed, or the commit kept with pushRejected and what the remote said', async () => {
    put('a.pdf', 'A');
    const ok = memoryIndex(top);
    const pushed = await commitEvidence(ok.repo, request(['a.pdf'], { push: true }));
    assert.equal(pushed.pushed, true);
    assert.deepEqual(ok.calls.at(-1)!.args, ['push', '--quiet']);
    assert.equal(ok.calls.at(-1)!.exclusive, false, 'the push does not hold the write queue');
    const refused = memoryIndex(top, { fail: { push: new Error('remote: Permission denied\n[rejected] main -> main (fetch first)') } });
    const kept = await commitEvidence(refused.repo, request(['a.pdf'], { push: true }));
    assert.equal(kept.pushed, false);
    assert.equal(kept.hash, refused.commits[0].hash);
    assert.equal(kept.pushError?.code, 'pushRejected');
    assert.equal(kept.pushError?.key, 'git.pushRejected');
    assert.deepEqual(kept.pushError?.args, []);
    assert.ok(kept.pushError?.output.includes('Permission denied'));
    assert.equal(kept.synced, undefined);
  });

  it('a push that lost the race syncs and pushes again: the new hash is reported; a sync that fails is the push error', async () => {
    put('a.pdf', 'A');
    const moved = new Error(' ! [rejected]        main -> main (fetch first)');
    const g = memoryIndex(top, { fail: { push: moved }, sync: SYNCED });
    const result = await commitEvidence(g.repo, request(['a.pdf'], { push: true }));
    assert.equal(result.pushed, true);
    assert.equal(result.synced, SYNCED);
    assert.equal(result.hash, SYNCED.head);
    assert.equal(result.shortHash, SYNCED.head.slice(0, 7));
    assert.equal(result.pushError, undefined);
    assert.deepEqual(g.calls.at(-1)!.args, ['log', '-1', '--format=%H%n%h', SYNCED.head]);

    const typed = memoryIndex(top, { fail: { push: moved }, sync: new GitOperationError('authFailed', 'git.authFailed', ['origin'], 'denied') });
    const t = await commitEvidence(typed.repo, request(['a.pdf'], { push: true }));
    assert.equal(t.pushed, false);
    assert.equal(t.pushError?.code, 'authFailed');
    assert.equal(t.hash, typed.commits[0].hash);
    const plain = memoryIndex(top, { fail: { push: moved }, sync: new Error('sync broke') });
    const p = await commitEvidence(plain.repo, request(['a.pdf'], { push: true }));
    assert.equal(p.pushed, false);
    assert.equal(p.pushError?.code, 'pushRejected');
    assert.equal(p.pushError?.key, 'git.pushRejected');
    assert.equal(p.pushError?.output, 'sync broke');
    assert.deepEqual(p.pushError?.args, []);
  });

  it('a tracked file gone from the disk: its deletion is committed, with no hash trailer for it', async () => {
    put('ev/b.pdf', 'B');
    const g = memoryIndex(top, { index: { 'ev/a.pdf': { mode: '100644', blob: '7'.repeat(40) } } });
    const result = await commitEvidence(g.repo, request(['ev/a.pdf', 'ev/b.pdf']));
    assert.deepEqual(result.files, [{ path: 'ev/b.pdf', sha256: sha256('B') }]);
    assert.deepEqual(g.commits[0].messages[1].split('\n').filter((l) => l.startsWith('Evidence-SHA256')), [`Evidence-SHA256: ${sha256('B')} ev/b.pdf`]);
    assert.deepEqual(g.commits[0].paths, ['ev/a.pdf', 'ev/b.pdf']);
  });

  it('restoreIndex writes one update-index: each entry as it was, an absent one as mode 0', async () => {
    const g = memoryIndex(top, { index: { 'b.pdf': { mode: '100644', blob: '6'.repeat(40) } } });
    await restoreIndex(g.git, ['a.pdf', 'b.pdf'], new Map([['a.pdf', { mode: '100644', blob: '5'.repeat(40) }]]));
    assert.deepEqual(Object.fromEntries(g.index), { 'a.pdf': { mode: '100644', blob: '5'.repeat(40) } });
    assert.equal(g.calls.filter((c) => c.args[0] === 'update-index').length, 1);
  });
});

function outputOfFailure(error: Error): string {
  return error instanceof GitOperationError ? error.output : error.message;
}
