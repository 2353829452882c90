// Git LFS end to end with the real git-lfs (docs/lfs.md): `add` into an LFS-tracked folder commits a pointer and
// records the content's SHA-256 (the pointer's oid); a clone that did not download the content counts the file,
// marks it "not downloaded", and verifies without downloading; a pointer whose oid was changed fails verify.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { verifyAuditTrail } from '../../../../src/core/audit/verify';
import { addEvidence, commitPending } from '../../../../src/core/evidence/addEvidence';
import { diffEvidenceFile, renderFileDiff } from '../../../../src/core/git/diff';
import { createGit } from '../../../../src/core/git/git';
import { parseLfsPointer } from '../../../../src/core/git/lfs';
import { evidenceHashes, messageArgs, parseTrailers } from '../../../../src/core/git/trailers';
import { applyEvidenceChanges } from '../../../../src/core/workspace/incremental';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import type { RequirementStatus, StatusModel } from '../../../../src/core/model/types';
import { git, tempDir, writeFiles } from '../../helpers';
import { cli, isolateGitConfig, sha256, ward } from '../../gitHelpers';

const SCAN_FOLDER = 'evidence/1.2 Báo cáo';
const SCAN = `${SCAN_FOLDER}/q1.pdf`;

/** Fails (never skips) without git-lfs: CI installs it (.ci/run), and a silent skip would hide the feature. */
function requireGitLfs(): void {
  try {
    execFileSync('git', ['lfs', 'version'], { stdio: 'pipe' });
  } catch {
    throw new Error('git-lfs is not installed: these tests need the real git-lfs (Debian package git-lfs; .ci/run installs it)');
  }
}

/** A ward whose "1.2 Báo cáo" folder stores PDFs through LFS, pushed to a bare remote on disk. */
function lfsWard(): { repo: string; criteria: string; sources: string; remote: string; base: string } {
  const w = ward();
  // Writes the filter configuration into the private HOME, and the pre-push hook that uploads objects.
  git(w.repo, 'lfs', 'install');
  writeFiles(w.repo, { [`${SCAN_FOLDER}/.gitattributes`]: '*.pdf filter=lfs diff=lfs merge=lfs -text\n' });
  git(w.repo, 'add', '.');
  git(w.repo, 'commit', '-q', '-m', 'store scans with Git LFS');
  const remote = tempDir('re-lfs-remote-');
  git(remote, 'init', '-q', '--bare', '-b', 'main');
  git(w.repo, 'remote', 'add', 'origin', remote);
  git(w.repo, 'push', '-q', '-u', 'origin', 'main');
  // Verify from here on: the ward's import and the attributes are not evidence commits.
  return { ...w, remote, base: git(w.repo, 'rev-parse', 'HEAD').trim() };
}

/** A clone of `remote` that keeps LFS files as pointers (GIT_LFS_SKIP_SMUDGE=1). */
function cloneWithoutContent(remote: string): string {
  const clone = path.join(tempDir('re-lfs-clone-'), 'ward');
  execFileSync('git', ['clone', '-q', '-b', 'main', remote, clone], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_LFS_SKIP_SMUDGE: '1' }, stdio: 'pipe' });
  git(clone, 'config', 'user.name', 'Test');
  git(clone, 'config', 'user.email', 'test@example.com');
  return clone;
}

/** The one requirement of leaf 1.2 in a status model. */
function leaf12(model: StatusModel): RequirementStatus | undefined {
  return model.areas.flatMap((a) => a.children).find((c) => c.id === '1.2')?.requirements[0];
}

function lfsObjects(repoGitDir: string): string[] {
  const root = path.join(repoGitDir, 'lfs', 'objects');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe('git lfs: evidence stored through the real git-lfs', function () {
  // Several git and git-lfs processes per test, on a shared machine.
  this.timeout(120_000);
  before(requireGitLfs);
  isolateGitConfig();

  it('add commits the LFS pointer, records the content SHA-256 (the oid), pushes the object, and verifies', async () => {
    const { repo, criteria, sources, remote, base } = lfsWard();
    const content = randomBytes(200_000);
    writeFiles(sources, { 'q1.pdf': content });
    const result = await addEvidence({ criteriaFile: criteria, target: '1.2', files: [path.join(sources, 'q1.pdf')], push: true });
    assert.deepEqual(result.added, ['1.2 Báo cáo/q1.pdf']);
    assert.equal(result.pushed, true);
    const blob = Buffer.from(execFileSync('git', ['cat-file', 'blob', `HEAD:${SCAN}`], { cwd: repo }));
    const pointer = parseLfsPointer(blob);
    assert.deepEqual(pointer, { oid: sha256(content), size: content.length }, 'the commit holds the pointer, as plain `git add` makes it');
    const trailers = parseTrailers(git(repo, 'log', '-1', '--format=%(trailers:only,unfold)'));
    assert.equal(evidenceHashes(trailers).get(SCAN), sha256(content), 'Evidence-SHA256 is the content hash, not the pointer hash');
    assert.notEqual(sha256(blob), sha256(content));
    assert.deepEqual(lfsObjects(remote), [sha256(content)], 'the pre-push hook uploaded the object');
    assert.equal(readFileSync(path.join(repo, SCAN)).equals(content), true, 'the work tree keeps the content');
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: base })).problems, []);
    const status = await loadWorkspace(criteria);
    const files = leaf12(status.model)?.files;
    assert.deepEqual(files, [{ path: '1.2 Báo cáo/q1.pdf', git: 'committed' }], 'a downloaded file carries no LFS mark');
  });

  it('commit-pending of a file placed in an LFS folder also commits a pointer with the oid as hash', async () => {
    const { repo, criteria, base } = lfsWard();
    const content = randomBytes(5_000);
    writeFiles(repo, { [SCAN]: content });
    const results = await commitPending({ criteriaFile: criteria });
    assert.equal(results.length, 1);
    assert.deepEqual(results[0].files, [{ path: SCAN, sha256: sha256(content) }]);
    assert.equal(parseLfsPointer(Buffer.from(execFileSync('git', ['cat-file', 'blob', `HEAD:${SCAN}`], { cwd: repo })))?.oid, sha256(content));
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: base })).problems, []);
  });

  it('a clone without the content counts the pointer as evidence, marks it not downloaded (en, vi, JSON), verifies without downloading', async () => {
    const { criteria, sources, remote, base } = lfsWard();
    const content = randomBytes(50_000);
    writeFiles(sources, { 'q1.pdf': content });
    await addEvidence({ criteriaFile: criteria, target: '1.2', files: [path.join(sources, 'q1.pdf')], push: true });
    const clone = cloneWithoutContent(remote);
    assert.deepEqual(parseLfsPointer(readFileSync(path.join(clone, SCAN)))?.oid, sha256(content), 'the work tree holds the pointer');
    assert.deepEqual(lfsObjects(path.join(clone, '.git')), [], 'nothing downloaded');

    const loaded = await loadWorkspace(path.join(clone, 'criteria.yaml'));
    const requirement = leaf12(loaded.model);
    assert.deepEqual(requirement?.files, [{ path: '1.2 Báo cáo/q1.pdf', git: 'committed', lfs: 'pointer' }]);

    const json = await cli(['status', '--json'], clone);
    assert.equal(json.code, 0, json.err);
    assert.match(json.out, /"path": ?"1\.2 Báo cáo\/q1\.pdf",\s*"git": ?"committed",\s*"lfs": ?"pointer"/);
    const en = await cli(['status', '--files', '--lang', 'en'], clone);
    assert.match(en.out, /q1\.pdf \[not downloaded \(Git LFS\)\]/);
    const vi = await cli(['status', '--files', '--lang', 'vi'], clone);
    assert.match(vi.out, /q1\.pdf \[chưa tải về \(Git LFS\)\]/);

    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: clone }), { evidenceRoot: 'evidence', since: base })).problems, []);
    const verified = await cli(['verify', '--since', base], clone);
    assert.equal(verified.code, 0, verified.out + verified.err);
    assert.deepEqual(lfsObjects(path.join(clone, '.git')), [], 'verify downloaded nothing');

    // The content arrives (`git lfs pull`): the file event clears the mark.
    git(clone, 'lfs', 'pull');
    assert.equal(readFileSync(path.join(clone, SCAN)).equals(content), true);
    await applyEvidenceChanges(loaded, [{ file: path.join(clone, SCAN), kind: 'changed' }], loaded.model.asOf);
    assert.deepEqual(leaf12(loaded.model)?.files, [{ path: '1.2 Báo cáo/q1.pdf', git: 'committed' }]);
  });

  it('a pointer whose oid was changed after the commit recorded it fails verify (the recorded hash is of the content, the pointer names other content)', async () => {
    const { repo, criteria, sources, base } = lfsWard();
    const content = randomBytes(10_000);
    writeFiles(sources, { 'q1.pdf': content });
    await addEvidence({ criteriaFile: criteria, target: '1.2', files: [path.join(sources, 'q1.pdf')] });
    // The same message (trailers and all) over a pointer to other content: what tampering with the pointer gives.
    const forged = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256('other content')}\nsize 13\n`;
    const pointerFile = path.join(tempDir('re-lfs-forged-'), 'pointer');
    writeFileSync(pointerFile, forged);
    const blob = git(repo, 'hash-object', '-w', '--no-filters', pointerFile).trim();
    git(repo, 'update-index', '--cacheinfo', `100644,${blob},${SCAN}`);
    git(repo, 'commit', '-q', '-C', 'HEAD');
    const report = await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: base });
    assert.deepEqual(
      report.problems.map((p) => [p.kind, p.path]),
      [['hashMismatch', SCAN]],
    );
    const cliReport = await cli(['verify', '--since', base], repo);
    assert.notEqual(cliReport.code, 0);
  });
  it('the binary diff summary reads the pointers (content size and SHA-256), in the repository and in a clone without the content', async () => {
    const { repo, criteria, remote } = lfsWard();
    const first = randomBytes(3_000);
    const second = randomBytes(4_000);
    writeFiles(repo, { [SCAN]: first });
    await commitPending({ criteriaFile: criteria });
    writeFiles(repo, { [SCAN]: second });
    await commitPending({ criteriaFile: criteria, push: true });
    const between = await diffEvidenceFile(createGit({ cwd: repo }), SCAN, 'HEAD~1', 'HEAD');
    assert.equal(between.binary, true, 'pointers are text, but the diff is of the content');
    if (!between.binary) return;
    assert.deepEqual([between.before.size, between.before.sha256, between.before.lfs], [first.length, sha256(first), 'pointer']);
    assert.deepEqual([between.after.size, between.after.sha256, between.after.lfs], [second.length, sha256(second), 'pointer']);
    // Against the work tree, which holds the content: the same file.
    const worktree = await diffEvidenceFile(createGit({ cwd: repo }), SCAN, 'HEAD');
    assert.equal(worktree.binary && worktree.after.lfs, 'content');
    assert.match(renderFileDiff(worktree), /identical content\n$/);

    const clone = cloneWithoutContent(remote);
    const en = await cli(['diff', 'HEAD~1', '--file', '1.2 Báo cáo/q1.pdf', '--lang', 'en'], clone);
    assert.equal(en.code, 0, en.err);
    assert.match(en.out, new RegExp(`^before \\(HEAD~1\\): 3000 bytes, SHA-256 ${sha256(first)} \\(Git LFS pointer: content not downloaded`, 'm'));
    assert.match(en.out, new RegExp(`^after \\(working tree\\): 4000 bytes, SHA-256 ${sha256(second)} \\(Git LFS pointer`, 'm'));
    assert.match(en.out, /binary content differs\n$/);
    const vi = await cli(['diff', 'HEAD~1', 'HEAD', '--file', '1.2 Báo cáo/q1.pdf', '--lang', 'vi'], clone);
    assert.match(vi.out, /^trước \(HEAD~1\): 3000 byte, SHA-256 [0-9a-f]{64} \(con trỏ Git LFS: nội dung chưa tải về/m);
    assert.match(vi.out, /nội dung nhị phân khác nhau\n$/);
    assert.deepEqual(lfsObjects(path.join(clone, '.git')), [], 'the diff downloaded nothing');
  });
  it('a commit recorded before LFS was understood (Evidence-SHA256 of the pointer itself) still verifies', async () => {
    const { repo, base } = lfsWard();
    const pointerText = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256('scan')}\nsize 4\n`;
    const pointerFile = path.join(tempDir('re-lfs-old-'), 'pointer');
    writeFileSync(pointerFile, pointerText);
    const blob = git(repo, 'hash-object', '-w', '--no-filters', pointerFile).trim();
    git(repo, 'update-index', '--add', '--cacheinfo', `100644,${blob},${SCAN}`);
    const message = { subject: 'evidence(1.2): add q1', criteria: ['1.2'], requirements: ['Báo cáo quý'], units: ['VP'], files: [{ path: SCAN, sha256: sha256(pointerText) }] };
    git(repo, 'commit', '-q', ...messageArgs(message));
    assert.deepEqual((await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: base })).problems, []);
    // And a hash that is neither the pointer's nor the content's does not.
    git(repo, 'commit', '-q', '--amend', ...messageArgs({ ...message, files: [{ path: SCAN, sha256: sha256('other') }] }));
    const report = await verifyAuditTrail(createGit({ cwd: repo }), { evidenceRoot: 'evidence', since: base });
    assert.deepEqual(report.problems.map((p) => p.kind), ['hashMismatch']);
  });
});
