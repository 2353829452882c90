// readChunks with afterExit (the portfolio's listings): Git writes into a nameless temporary file, read after it
// ends; the bytes are the pipe's, byte for byte, in more than one chunk when large, and nothing is left behind.
import * as assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createGit, gitProcessCount } from '../../../../src/core/git/git';
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
