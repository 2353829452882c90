// Sync against a real bare remote on disk: fast-forward, push, rebase of disjoint evidence commits, and every
// refusal leaving the clone byte-identical (HEAD, branch, index file, status, stash, work tree).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { verifyAuditTrail } from '../../../../src/core/audit/verify';
import { addEvidence, commitPending } from '../../../../src/core/evidence/addEvidence';
import { isGitError, type GitErrorCode } from '../../../../src/core/git/errors';
import { createGit, gitCommandMark, gitCommandsSince } from '../../../../src/core/git/git';
import { sync } from '../../../../src/core/sync/sync';
import { cli, isolateGitConfig, snapshot } from '../../gitHelpers';
import { git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const CLI = path.resolve(__dirname, '../../../../../dist/cli.js');
const run = promisify(execFile);

/** A bare remote holding a ward (criteria + a readme, so `verify` has only evidence commits to check) and `count` clones of it, each with an identity. */
function remoteWithClones(count: number): { remote: string; clones: string[] } {
  const seed = initRepo();
  writeFiles(seed, { 'criteria.yaml': sampleCriteria(), 'README.md': 'ward' });
  git(seed, 'add', '.');
  git(seed, 'commit', '-q', '-m', 'import');
  const remote = path.join(tempDir('re-remote-'), 'ward.git');
  git(seed, 'clone', '-q', '--bare', seed, remote);
  const clones = Array.from({ length: count }, (_, i) => {
    const dir = path.join(tempDir('re-clone-'), `unit${i}`);
    git(seed, 'clone', '-q', remote, dir);
    git(dir, 'config', 'user.name', `Unit ${i}`);
    git(dir, 'config', 'user.email', `unit${i}@example.gov.vn`);
    git(dir, 'config', 'commit.gpgsign', 'false');
    return dir;
  });
  return { remote, clones };
}

/** Everything a refused sync must leave as it was. */
function state(repo: string): Record<string, unknown> {
  const gitDir = git(repo, 'rev-parse', '--absolute-git-dir').trim();
  return {
    head: git(repo, 'rev-parse', 'HEAD').trim(),
    branch: git(repo, 'symbolic-ref', 'HEAD').trim(),
    status: git(repo, 'status', '--porcelain=v2', '--untracked-files=all'),
    index: createHash('sha256').update(readFileSync(path.join(gitDir, 'index'))).digest('hex'),
    stash: git(repo, 'stash', 'list'),
    files: snapshot(repo),
  };
}

function commitFiles(repo: string, files: Record<string, string>, message: string): void {
  writeFiles(repo, files);
  git(repo, 'add', '--', ...Object.keys(files));
  git(repo, 'commit', '-q', '-m', message);
}

async function add(repo: string, source: string): Promise<void> {
  await addEvidence({ criteriaFile: path.join(repo, 'criteria.yaml'), target: '1.1', files: [source] });
}

async function refused(repo: string, code: GitErrorCode, text?: RegExp): Promise<void> {
  const before = state(repo);
  await assert.rejects(sync(createGit({ cwd: repo })), (error: unknown) => {
    assert.ok(isGitError(error, code), `expected ${code}, got ${String(error)}`);
    if (text) assert.match(error.localized('en'), text);
    assert.ok(error.localized('vi') !== error.localized('en'));
    return true;
  });
  assert.deepEqual(state(repo), before, 'the clone changed');
}

describe('sync (src/core/sync)', function () {
  this.timeout(60_000);
  isolateGitConfig();

  it('pushes when only this clone moved, fast-forwards when only the remote did, keeping uncommitted work', async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones;
    const sources = tempDir('re-src-');
    writeFiles(sources, { 'a.pdf': 'from a' });
    await add(a, path.join(sources, 'a.pdf'));
    const pushed = await sync(createGit({ cwd: a }));
    assert.equal(pushed.sent, 1);
    assert.equal(pushed.received, 0);
    assert.equal(git(remote, 'rev-parse', 'main').trim(), git(a, 'rev-parse', 'HEAD').trim());

    writeFiles(b, { 'notes.txt': 'untracked', 'criteria.yaml': sampleCriteria('# edited, not committed\n') });
    const pulled = await sync(createGit({ cwd: b }));
    assert.deepEqual([pulled.received, pulled.sent, pulled.rebased], [1, 0, false]);
    assert.equal(git(b, 'rev-parse', 'HEAD').trim(), git(remote, 'rev-parse', 'main').trim());
    assert.equal(readFileSync(path.join(b, 'evidence/1.1 Kế hoạch/a.pdf'), 'utf8'), 'from a');
    assert.equal(readFileSync(path.join(b, 'notes.txt'), 'utf8'), 'untracked');
    assert.match(readFileSync(path.join(b, 'criteria.yaml'), 'utf8'), /edited, not committed/);

    const again = await sync(createGit({ cwd: b }));
    assert.deepEqual([again.received, again.sent], [0, 0]);
  });

  it('rebases local evidence commits onto the remote when both moved on different paths: trailers, author and staged work survive, verify passes', async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones;
    const sources = tempDir('re-src-');
    writeFiles(sources, { 'a.pdf': 'from a', 'b.pdf': 'from b' });
    await add(a, path.join(sources, 'a.pdf'));
    await sync(createGit({ cwd: a }));
    await add(b, path.join(sources, 'b.pdf'));
    const before = git(b, 'log', '-1', '--format=%an <%ae> %ad%n%B', 'HEAD');
    writeFiles(b, { 'staged.txt': 'staged', 'loose.txt': 'untracked' });
    git(b, 'add', 'staged.txt');

    const gitDir = git(b, 'rev-parse', '--absolute-git-dir').trim();
    const mark = gitCommandMark();
    const result = await sync(createGit({ cwd: b }), { gitDir });
    // The Git processes of one rebased sync: no rev-parse, merge-base or second diff, no update-ref of origin/main.
    const commands = gitCommandsSince(mark).filter((c) => c.cwd === b).map((c) => c.args[0]);
    assert.deepEqual(commands.sort(), ['cat-file', 'commit-tree', 'diff-tree', 'fetch', 'for-each-ref', 'log', 'merge-tree', 'push', 'read-tree', 'rev-list', 'status', 'update-ref']);
    assert.equal(git(b, 'rev-parse', 'origin/main').trim(), git(b, 'rev-parse', 'HEAD').trim(), 'the push moved the remote-tracking ref');
    assert.deepEqual([result.received, result.sent, result.rebased], [1, 1, true]);
    assert.equal(git(b, 'log', '-1', '--format=%an <%ae> %ad%n%B', 'HEAD'), before, 'author, date and message (trailers) kept');
    assert.equal(git(remote, 'rev-parse', 'main').trim(), git(b, 'rev-parse', 'HEAD').trim());
    assert.equal(git(b, 'rev-parse', 'HEAD~1').trim(), git(a, 'rev-parse', 'HEAD').trim());
    assert.equal(git(b, 'diff', '--cached', '--name-only'), 'staged.txt\n');
    assert.equal(readFileSync(path.join(b, 'loose.txt'), 'utf8'), 'untracked');
    assert.equal(git(b, 'status', '--porcelain', '--', 'evidence'), '');

    const fresh = path.join(tempDir('re-fresh-'), 'ward');
    git(b, 'clone', '-q', remote, fresh);
    const report = await verifyAuditTrail(createGit({ cwd: fresh }), { evidenceRoot: 'evidence' });
    assert.equal(report.commits, 2);
    assert.equal(git(fresh, 'rev-list', '--count', 'HEAD').trim(), '3');
    assert.deepEqual(report.problems, []);
  });

  it('finds the merge base when the local history merged a commit the remote has (two boundary commits)', async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones;
    commitFiles(a, { 'evidence/r1.pdf': 'r1' }, 'r1');
    await sync(createGit({ cwd: a }));
    // b: a local commit, then a merge of what it fetched (r1); a then pushes r2.
    commitFiles(b, { 'evidence/l1.pdf': 'l1' }, 'l1');
    git(b, 'fetch', '-q');
    git(b, 'merge', '-q', '--no-ff', '--no-edit', 'origin/main');
    commitFiles(a, { 'evidence/r2.pdf': 'r2' }, 'r2');
    await sync(createGit({ cwd: a }));
    const mark = gitCommandMark();
    const result = await sync(createGit({ cwd: b }));
    assert.ok(gitCommandsSince(mark).some((c) => c.cwd === b && c.args[0] === 'merge-base'), 'merge-base asked');
    assert.deepEqual([result.received, result.rebased], [1, true]);
    assert.equal(git(remote, 'rev-parse', 'main').trim(), git(b, 'rev-parse', 'HEAD').trim());
    assert.deepEqual(git(b, 'ls-files', 'evidence').split('\n').filter(Boolean).sort(), ['evidence/l1.pdf', 'evidence/r1.pdf', 'evidence/r2.pdf']);
  });

  it('refuses, changing nothing, when both sides changed the same path', async () => {
    const { clones } = remoteWithClones(2);
    const [a, b] = clones;
    commitFiles(a, { 'evidence/1.1 Kế hoạch/same.pdf': 'a' }, 'a');
    await sync(createGit({ cwd: a }));
    commitFiles(b, { 'evidence/1.1 Kế hoạch/same.pdf': 'b' }, 'b');
    writeFiles(b, { 'loose.txt': 'x' });
    git(b, 'stash', 'push', '-q', '--include-untracked');
    writeFiles(b, { 'dirty.txt': 'y' });
    await refused(b, 'syncConflict', /same\.pdf/);
  });

  it('refuses, changing nothing, when both sides changed the criteria file', async () => {
    const { clones } = remoteWithClones(2);
    const [a, b] = clones;
    commitFiles(a, { 'criteria.yaml': sampleCriteria('# a\n') }, 'a');
    await sync(createGit({ cwd: a }));
    commitFiles(b, { 'criteria.yaml': sampleCriteria('# b\n'), 'evidence/1.1 Kế hoạch/b.pdf': 'b' }, 'b');
    await refused(b, 'syncConflict', /criteria\.yaml/);
  });

  it('refuses, changing nothing, when the remote changed a file modified, staged or untracked here', async () => {
    const { clones } = remoteWithClones(2);
    const [a, b] = clones;
    commitFiles(a, { 'criteria.yaml': sampleCriteria('# a\n'), 'evidence/1.1 Kế hoạch/new.pdf': 'a' }, 'a');
    await sync(createGit({ cwd: a }));
    writeFiles(b, { 'criteria.yaml': sampleCriteria('# b, not committed\n') });
    await refused(b, 'syncConflict', /criteria\.yaml/);
    git(b, 'checkout', '--', 'criteria.yaml');
    writeFiles(b, { 'evidence/1.1 Kế hoạch/new.pdf': 'b, untracked' });
    await refused(b, 'syncConflict', /new\.pdf/);
    git(b, 'add', '.');
    await refused(b, 'syncConflict', /new\.pdf/);
  });

  it('refuses, changing nothing, when the upstream was rewritten under this clone', async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones;
    commitFiles(a, { 'evidence/1.1 Kế hoạch/a.pdf': 'a' }, 'a');
    await sync(createGit({ cwd: a }));
    await sync(createGit({ cwd: b }));
    commitFiles(b, { 'evidence/1.1 Kế hoạch/b.pdf': 'b' }, 'b');
    // Someone removes a's commit from the remote and pushes something else.
    git(a, 'reset', '-q', '--hard', 'HEAD~1');
    commitFiles(a, { 'evidence/1.1 Kế hoạch/c.pdf': 'c' }, 'c');
    git(a, 'push', '-q', '--force', 'origin', 'main');
    await refused(b, 'upstreamRewritten', /origin\/main/);
    // Also when the remote was only rewound: pushing would bring the removed commit back.
    git(remote, 'update-ref', 'refs/heads/main', 'main~1');
    await refused(b, 'upstreamRewritten');
  });

  it('says when the branch has no upstream, and passes on what Git said when the remote refuses who we are', async () => {
    const repo = initRepo();
    commitFiles(repo, { 'criteria.yaml': sampleCriteria() }, 'import');
    await refused(repo, 'noUpstream', /main/);
    const { clones } = remoteWithClones(1);
    git(clones[0], 'remote', 'set-url', 'origin', 'ssh://nobody@example.invalid/ward.git');
    git(clones[0], 'config', 'core.sshCommand', 'sh -c \'echo "Permission denied (publickey)." >&2; exit 255\'');
    await refused(clones[0], 'authFailed', /Permission denied \(publickey\)/);
  });

  it('commit-pending --push after another clone pushed: both commits rebased and pushed, the results carry their new hashes', async () => {
    const { remote, clones } = remoteWithClones(2);
    const [a, b] = clones;
    commitFiles(a, { 'evidence/ISO/a.pdf': 'a' }, 'a');
    await sync(createGit({ cwd: a }));
    writeFiles(b, { 'evidence/1.1 Kế hoạch/b.pdf': 'b', 'evidence/1.2 Báo cáo/q1.pdf': 'q1' });
    const results = await commitPending({ criteriaFile: path.join(b, 'criteria.yaml'), push: true });
    assert.equal(results.length, 2);
    assert.equal(results[1].pushError, undefined);
    assert.equal(results[1].synced?.rebased, true);
    assert.deepEqual(results.map((r) => r.hash), [git(b, 'rev-parse', 'HEAD~1').trim(), git(b, 'rev-parse', 'HEAD').trim()]);
    assert.equal(git(remote, 'rev-parse', 'main').trim(), results[1].hash);
    assert.equal(git(b, 'rev-parse', 'HEAD~2').trim(), git(a, 'rev-parse', 'HEAD').trim());
  });

  it('CLI sync -C: says what was received and sent; a conflict exits 1 with the files, in the chosen language', async () => {
    const { clones } = remoteWithClones(2);
    const [a, b] = clones;
    commitFiles(a, { 'evidence/1.1 Kế hoạch/a.pdf': 'a' }, 'a');
    assert.deepEqual(await cli(['sync', '-C', a], b), { code: 0, out: 'Synced with origin/main: 0 commit(s) received, 1 commit(s) sent.\n', err: '' });
    assert.equal((await cli(['sync', '-C', a], b)).out, 'Already in sync with origin/main.\n');
    commitFiles(b, { 'evidence/1.1 Kế hoạch/a.pdf': 'b' }, 'b');
    const json = await cli(['sync', '-C', path.join(a, 'criteria.yaml'), '--json'], b);
    assert.equal(JSON.parse(json.out).sent, 0);
    const conflict = await cli(['sync', '-C', b, '--lang', 'vi'], a);
    assert.equal(conflict.code, 1);
    assert.match(conflict.err, /Chưa đồng bộ: .*a\.pdf/);
    assert.equal((await cli(['sync', '-C', path.join(b, 'nope')], a)).code, 2);
  });

  it('add --push from 5 clones at once, in separate processes: every file arrives once, no commit lost, verify passes from a fresh clone', async () => {
    const units = 5;
    const perUnit = 1;
    const { remote, clones } = remoteWithClones(units);
    const sources = tempDir('re-src-');
    const names: string[] = [];
    for (let u = 0; u < units; u++) for (let k = 0; k < perUnit; k++) names.push(`unit${u}-${k}.pdf`);
    writeFiles(sources, Object.fromEntries(names.map((n) => [n, `content of ${n}`])));
    const env = { ...process.env, LANG: 'C' };
    const outcomes = await Promise.all(
      clones.map(async (clone, u) => {
        const lines: string[] = [];
        for (let k = 0; k < perUnit; k++) {
          const { stdout } = await run(process.execPath, [CLI, 'add', '1.1', path.join(sources, `unit${u}-${k}.pdf`), '--push', '-C', clone], { env });
          lines.push(stdout);
        }
        return lines.join('');
      }),
    );
    for (const out of outcomes) assert.match(out, /Pushed to the remote/);
    const fresh = path.join(tempDir('re-fresh-'), 'ward');
    git(sources, 'clone', '-q', remote, fresh);
    const tracked = git(fresh, 'ls-files', '-z', 'evidence').split('\0').filter(Boolean).sort();
    assert.deepEqual(tracked, [...names.map((n) => `evidence/1.1 Kế hoạch/${n}`)].sort());
    for (const n of names) assert.equal(readFileSync(path.join(fresh, 'evidence/1.1 Kế hoạch', n), 'utf8'), `content of ${n}`);
    assert.equal(Number(git(fresh, 'rev-list', '--count', 'HEAD')), 1 + units * perUnit, 'one commit per add, none lost or doubled');
    const report = await verifyAuditTrail(createGit({ cwd: fresh }), { evidenceRoot: 'evidence' });
    assert.equal(report.commits, units * perUnit);
    assert.deepEqual(report.problems, []);
  }).timeout(240_000);
});
