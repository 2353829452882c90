// readChunks with afterExit (the portfolio's listings): Git writes into a nameless temporary file, read after it
// ends; the bytes are the pipe's, byte for byte, in more than one chunk when large, and nothing is left behind.
// With follow (loadWorkspace's listing, in the CLI and the editor's host) the same file is read as it grows: Git
// ends even while our thread is busy.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createGit, gitProcessCount, observeGitProcesses } from '../../../../src/core/git/git';
import { cleanupTempDirs, git, initRepo, tempDir } from '../../helpers';

const ourTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`reform-evidence-${process.pid}-`));

async function collect(repo: string, args: string[], afterExit: boolean, follow = false): Promise<{ bytes: Buffer; chunks: number }> {
  const chunks: Buffer[] = [];
  await createGit({ cwd: repo }).readChunks(args, (chunk) => chunks.push(Buffer.from(chunk)), { afterExit, follow });
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

/** A repository whose listing (`ls-files -z --cached -s -t`) is over 1 MB: more than one read, far more than a pipe holds. */
function largeListingRepo(): string {
  const repo = initRepo();
  for (let i = 0; i < 6000; i++) writeFileSync(path.join(repo, `${'tệp-minh-chứng-'.repeat(8)}${i}.pdf`), '');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'files');
  return repo;
}

describe('readChunks after Git ends (a temporary file instead of a pipe)', () => {
  after(cleanupTempDirs);

  it('gives the same bytes as the pipe, in one Git process, and leaves no file', async () => {
    // Over 1 MB of listing (the read size): more than one chunk.
    const repo = largeListingRepo();
    const args = ['ls-files', '-z', '--cached', '-s', '-t'];
    const piped = await collect(repo, args, false);
    const before = gitProcessCount();
    const afterExit = await collect(repo, args, true);
    assert.equal(gitProcessCount() - before, 1, 'one Git process');
    assert.ok(piped.bytes.length > 1024 * 1024, `listing of ${piped.bytes.length} bytes`);
    assert.ok(afterExit.bytes.equals(piped.bytes), 'same bytes');
    assert.equal(afterExit.chunks, Math.ceil(afterExit.bytes.length / (1024 * 1024)), 'read in 1 MB chunks');
    assert.deepEqual(ourTempFiles(), []);
  });

  it('rejects with Git\'s message when Git fails, and leaves no file', async () => {
    const notRepo = tempDir();
    await assert.rejects(collect(notRepo, ['ls-files', '-z'], true), /not a git repository/i);
    assert.deepEqual(ourTempFiles(), []);
    // One handling of Git's end for every call: the message is what Git said, trimmed for the file and the stream,
    // and a piped read says it too (with what it printed, as simple-git does).
    const said = (call: Promise<unknown>) => call.then(() => '', (e: Error) => e.message);
    const file = await said(collect(notRepo, ['ls-files', '-z'], true));
    const stream = createGit({ cwd: notRepo }).stream(['cat-file', '--batch'], () => undefined);
    assert.equal(await said(stream.end()), file);
    assert.equal((await said(collect(notRepo, ['ls-files', '-z'], false))).trim(), file);
    assert.equal(await said(collect(notRepo, ['no-such-command-x'], true)), await said(collect(notRepo, ['no-such-command-x'], false)).then((m) => m.trim()));
  });

  it('an empty output calls each never', async () => {
    const repo = initRepo();
    assert.deepEqual(await collect(repo, ['ls-files', '-z'], true), { bytes: Buffer.alloc(0), chunks: 0 });
  });
});

describe('readChunks following Git\'s output file as it grows', () => {
  after(cleanupTempDirs);
  const args = ['ls-files', '-z', '--cached', '-s', '-t'];

  it('gives the same bytes as the pipe, in one Git process, and leaves no file', async () => {
    const repo = largeListingRepo();
    const piped = await collect(repo, args, false);
    const before = gitProcessCount();
    const sizes: number[] = [];
    const chunks: Buffer[] = [];
    await createGit({ cwd: repo }).readChunks(args, (chunk) => (sizes.push(chunk.length), chunks.push(Buffer.from(chunk))), { follow: true });
    const followed = Buffer.concat(chunks);
    assert.equal(gitProcessCount() - before, 1, 'one Git process');
    assert.ok(followed.equals(piped.bytes), `same bytes (${followed.length} of ${piped.bytes.length})`);
    // Each chunk is one task of a thread other extensions share (the editor's host): at most 256 KB.
    assert.ok(sizes.length >= Math.ceil(piped.bytes.length / (256 * 1024)) && sizes.every((n) => n > 0 && n <= 256 * 1024), `chunks ${sizes.join(', ')}`);
    assert.deepEqual(ourTempFiles(), []);
  });

  it('Git ends while the reading thread is still busy with the first chunk (a pipe would block it)', async function () {
    // Whether Git has ended is read from /proc (its zombie, before this thread reaps it).
    if (process.platform !== 'linux') this.skip();
    this.timeout(120_000);
    const repo = largeListingRepo();
    let pid: number | undefined;
    observeGitProcesses((child) => ((pid = child.pid), undefined));
    let endedWhileBusy: boolean | undefined;
    try {
      await createGit({ cwd: repo }).readChunks(
        args,
        () => {
          if (endedWhileBusy !== undefined) return;
          // Never back to the event loop until Git has ended (at most 30 s): it wrote everything meanwhile.
          const wait = new Int32Array(new SharedArrayBuffer(4));
          const deadline = Date.now() + 30_000;
          endedWhileBusy = false;
          while (Date.now() < deadline && !endedWhileBusy) {
            // Already reaped: Git ended before its first chunk was handed over (over 1 MB unread: no pipe allows it).
            const stat = pid === undefined ? '' : procStat(pid);
            endedWhileBusy = /\) Z /.test(stat);
            Atomics.wait(wait, 0, 0, 20);
          }
        },
        { follow: true },
      );
    } finally {
      observeGitProcesses(undefined);
    }
    assert.equal(endedWhileBusy, true);
  });

  it('Git ends while our thread is busy from its start on (a pipe would hold it at 64 KB), and every byte still comes', async function () {
    // Whether Git has ended is read from /proc (its zombie, before this thread reaps it).
    if (process.platform !== 'linux') this.skip();
    this.timeout(120_000);
    const repo = largeListingRepo();
    const expected = (await collect(repo, args, false)).bytes;
    const chunks: Buffer[] = [];
    let pid: number | undefined;
    observeGitProcesses((child) => ((pid = child.pid), undefined));
    let ended = false;
    let done: Promise<void>;
    try {
      done = createGit({ cwd: repo }).readChunks(args, (chunk) => chunks.push(Buffer.from(chunk)), { follow: true });
      // Git is started once the temporary file is open; from then on the thread is kept busy (as a long parse
      // does) until Git has ended, at most 30 s.
      while (pid === undefined) await new Promise((resolve) => setImmediate(resolve));
      const wait = new Int32Array(new SharedArrayBuffer(4));
      const deadline = Date.now() + 30_000;
      while (!ended && Date.now() < deadline) {
        ended = /\) Z /.test(procStat(pid));
        Atomics.wait(wait, 0, 0, 5);
      }
    } finally {
      observeGitProcesses(undefined);
    }
    assert.equal(ended, true, 'Git wrote its whole output while the thread was busy');
    await done;
    assert.ok(Buffer.concat(chunks).equals(expected), 'same bytes');
    assert.deepEqual(ourTempFiles(), []);
  });

  it('rejects with Git\'s message when Git fails, and leaves no file', async () => {
    const notRepo = tempDir();
    await assert.rejects(collect(notRepo, ['ls-files', '-z'], false, true), /not a git repository/i);
    assert.deepEqual(ourTempFiles(), []);
  });

  it('an empty output calls each never', async () => {
    assert.deepEqual(await collect(initRepo(), ['ls-files', '-z'], false, true), { bytes: Buffer.alloc(0), chunks: 0 });
  });
});

/** A process's /proc stat line; a reaped one reads as a zombie (it has ended). */
function procStat(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return ') Z ';
  }
}

