// readChunks with afterExit (the portfolio's listings): Git writes into a nameless temporary file, read after it
// ends; the bytes are the pipe's, byte for byte, in more than one chunk when large, and nothing is left behind.
// Through a file followed as Git writes it (the editor's listings): the same, and Git never waits for the reader.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createGit, gitProcessCount, observeGitProcesses, readChunksThroughFiles } from '../../../../src/core/git/git';
import { cleanupTempDirs, git, initRepo, tempDir } from '../../helpers';

const ourTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`reform-evidence-${process.pid}-`));

async function collect(repo: string, args: string[], afterExit: boolean): Promise<{ bytes: Buffer; chunks: number }> {
  const chunks: Buffer[] = [];
  await createGit({ cwd: repo }).readChunks(args, (chunk) => chunks.push(Buffer.from(chunk)), { afterExit });
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

describe('readChunks after Git ends (a temporary file instead of a pipe)', () => {
  after(cleanupTempDirs);

  it('gives the same bytes as the pipe, in one Git process, and leaves no file', async () => {
    const repo = initRepo();
    // Over 1 MB of listing (the read size): more than one chunk.
    for (let i = 0; i < 6000; i++) writeFileSync(path.join(repo, `${'tệp-minh-chứng-'.repeat(8)}${i}.pdf`), '');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'files');
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
  });

  it('an empty output calls each never', async () => {
    const repo = initRepo();
    assert.deepEqual(await collect(repo, ['ls-files', '-z'], true), { bytes: Buffer.alloc(0), chunks: 0 });
  });
});

describe('readChunks through a file read as Git writes it (the editor: readChunksThroughFiles)', () => {
  afterEach(() => readChunksThroughFiles(false));
  after(cleanupTempDirs);

  /** A repository whose listing is over 2 MB: more than any pipe or socket holds. */
  const largeRepo = () => {
    const repo = initRepo();
    for (let i = 0; i < 12000; i++) writeFileSync(path.join(repo, `${'tệp-minh-chứng-'.repeat(8)}${i}.pdf`), '');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'files');
    return repo;
  };
  const args = ['ls-files', '-z', '--cached', '-s', '-t'];

  it('gives the same bytes as the pipe, in chunks of at most 256 KB, in one Git process, and leaves no file', async () => {
    const repo = largeRepo();
    const piped = await collect(repo, args, false);
    readChunksThroughFiles(true);
    const sizes: number[] = [];
    const chunks: Buffer[] = [];
    const before = gitProcessCount();
    await createGit({ cwd: repo }).readChunks(args, (chunk) => (sizes.push(chunk.length), chunks.push(Buffer.from(chunk))));
    assert.equal(gitProcessCount() - before, 1, 'one Git process');
    assert.ok(piped.bytes.length > 2 * 1024 * 1024, `listing of ${piped.bytes.length} bytes`);
    assert.ok(Buffer.concat(chunks).equals(piped.bytes), 'same bytes');
    assert.ok(sizes.length >= Math.ceil(piped.bytes.length / (256 * 1024)) && sizes.every((n) => n > 0 && n <= 256 * 1024), `chunks ${sizes.length}`);
    assert.deepEqual(ourTempFiles(), []);
  });

  it('Git ends while the reading thread is still busy with the first chunk (a pipe would block it)', async function () {
    // Whether Git has ended is read from /proc (its zombie, before this thread reaps it).
    if (process.platform !== 'linux') this.skip();
    const repo = largeRepo();
    readChunksThroughFiles(true);
    let pid: number | undefined;
    observeGitProcesses((child) => ((pid = child.pid), undefined));
    let endedWhileBusy: boolean | undefined;
    try {
      await createGit({ cwd: repo }).readChunks(args, () => {
        if (endedWhileBusy !== undefined) return;
        // Never back to the event loop until Git has ended (at most 30 s): it wrote everything meanwhile.
        const wait = new Int32Array(new SharedArrayBuffer(4));
        const deadline = Date.now() + 30_000;
        endedWhileBusy = false;
        while (Date.now() < deadline && !endedWhileBusy) {
          const stat = pid === undefined ? '' : readFileSync(`/proc/${pid}/stat`, 'utf8');
          endedWhileBusy = /\) Z /.test(stat);
          Atomics.wait(wait, 0, 0, 20);
        }
      });
    } finally {
      observeGitProcesses(undefined);
    }
    assert.equal(endedWhileBusy, true);
  });

  it("rejects with Git's message when Git fails, and leaves no file", async () => {
    readChunksThroughFiles(true);
    await assert.rejects(collect(tempDir(), ['ls-files', '-z'], false), /not a git repository/i);
    assert.deepEqual(ourTempFiles(), []);
  });

  it('an empty output calls each never', async () => {
    readChunksThroughFiles(true);
    assert.deepEqual(await collect(initRepo(), ['ls-files', '-z'], false), { bytes: Buffer.alloc(0), chunks: 0 });
  });
});
