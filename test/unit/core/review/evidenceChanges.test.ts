import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { rmSync } from 'node:fs';
import { createGit } from '../../../../src/core/git/git';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { changedEvidenceFiles, commitsWithoutTrailer, criteriaForFiles, parseNameStatus, withCriteria } from '../../../../src/core/review/evidenceChanges';
import { cleanupTempDirs, git, initRepo, sampleCriteria, writeFiles } from '../../helpers';

const head = (repo: string, rev = 'HEAD') => git(repo, 'rev-parse', rev).trim();

describe('review: evidence changes', () => {
  afterEach(cleanupTempDirs);

  it('reads renames, copies, additions, removals and changes, keeping only evidenceRoot', () => {
    const output = Buffer.from(['R087', 'evidence/a.pdf', 'evidence/b.pdf', 'M', 'evidence/c.pdf', 'A', 'other/x.pdf', 'D', 'evidence/d.pdf', 'R100', 'other/y.pdf', 'evidence/y.pdf', 'R100', 'evidence/z.pdf', 'other/z.pdf', 'C90', 'evidence/c.pdf', 'evidence/c2.pdf', ''].join('\0'));
    assert.deepEqual(parseNameStatus(output, 'evidence/'), [
      { kind: 'renamed', path: 'b.pdf', from: 'a.pdf' },
      { kind: 'modified', path: 'c.pdf' },
      { kind: 'removed', path: 'd.pdf' },
      { kind: 'added', path: 'y.pdf' },
      { kind: 'removed', path: 'z.pdf' },
      { kind: 'added', path: 'c2.pdf' },
    ]);
  });

  it('lists what changed between two commits and against the work tree (untracked files included), with the criteria each counts for', async () => {
    const repo = initRepo();
    writeFiles(repo, {
      'criteria.yaml': sampleCriteria(),
      'evidence/1.1 Kế hoạch/plan.pdf': 'plan',
      'evidence/1.2 Báo cáo/q1.pdf': 'q1 report, long enough to be recognised as the same file once renamed',
      'evidence/ISO/list.pdf': 'list',
    });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'import');
    const base = head(repo);
    // Moved from 1.2's folder into 1.1's: renamed, counting for 1.1 now and for 1.2 before.
    git(repo, 'mv', 'evidence/1.2 Báo cáo/q1.pdf', 'evidence/1.1 Kế hoạch/q1.pdf');
    writeFiles(repo, { 'evidence/1.1 Kế hoạch/plan.pdf': 'plan v2', 'evidence/2.1/ket-qua-2025.pdf': 'kq' });
    git(repo, 'rm', '-q', 'evidence/ISO/list.pdf');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'no trailer here');
    const second = head(repo);
    const g = createGit({ cwd: repo });
    const doc = parseCriteria(sampleCriteria(), path.join(repo, 'criteria.yaml'));
    const changes = withCriteria(await changedEvidenceFiles(g, 'evidence', base, second), doc, doc);
    assert.deepEqual(changes, [
      { kind: 'renamed', path: '1.1 Kế hoạch/q1.pdf', from: '1.2 Báo cáo/q1.pdf', counts: ['1.1'], countedBefore: ['1.2'] },
      { kind: 'modified', path: '1.1 Kế hoạch/plan.pdf', counts: ['1.1'] },
      { kind: 'added', path: '2.1/ket-qua-2025.pdf', counts: ['2.1'] },
      { kind: 'removed', path: 'ISO/list.pdf', counts: ['NV-01'] },
    ].sort((a, b) => (a.path < b.path ? -1 : 1)));

    // The work tree: an untracked file is added, a deleted tracked one removed, a file outside evidenceRoot ignored.
    writeFiles(repo, { 'evidence/1.2 Báo cáo/q2.pdf': 'q2', 'notes.txt': 'not evidence' });
    rmSync(path.join(repo, 'evidence/2.1/ket-qua-2025.pdf'));
    const worktree = await changedEvidenceFiles(g, 'evidence', second);
    assert.deepEqual(worktree, [
      { kind: 'added', path: '1.2 Báo cáo/q2.pdf' },
      { kind: 'removed', path: '2.1/ket-qua-2025.pdf' },
    ]);

    const log = await commitsWithoutTrailer(g, 'evidence', base, second);
    assert.equal(log.commits, 1);
    assert.deepEqual(log.untrailed.map((c) => [c.shortHash, c.subject]), [[second.slice(0, 7), 'no trailer here']]);
    assert.ok(log.untrailed[0].files.includes('2.1/ket-qua-2025.pdf'));
  });

  it('keeps commits that say for which criterion they are out of the untrailed list', async () => {
    const repo = initRepo();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria(), 'evidence/.keep': '' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'import');
    const base = head(repo);
    writeFiles(repo, { 'evidence/1.1 Kế hoạch/plan.pdf': 'plan' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'Plan', '-m', 'Criterion: 1.1');
    writeFiles(repo, { 'evidence/ISO/list.pdf': 'list' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'List', '-m', 'Task: NV-01');
    writeFiles(repo, { 'README.md': 'not evidence' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'docs');
    const log = await commitsWithoutTrailer(createGit({ cwd: repo }), 'evidence', base, head(repo));
    assert.equal(log.commits, 2, 'the commit outside evidenceRoot is no evidence commit');
    assert.deepEqual(log.untrailed, []);
  });

  it('refuses anything but a commit hash (revisions are resolved by the caller)', async () => {
    const repo = initRepo();
    await assert.rejects(changedEvidenceFiles(createGit({ cwd: repo }), 'evidence', '--output=x'), /commit hashes only/);
    await assert.rejects(commitsWithoutTrailer(createGit({ cwd: repo }), 'evidence', 'HEAD~1', 'HEAD'), /commit hashes only/);
  });

  it('finds the criteria and tasks a path counts for, in document order, none for a stray file', () => {
    const doc = parseCriteria(sampleCriteria(), '/x/criteria.yaml');
    const found = criteriaForFiles(doc, ['1.2 Báo cáo/q3.pdf', 'ISO/a.pdf', 'stray.txt', '2.1/a/b.docx']);
    assert.deepEqual(Object.fromEntries(found), { '1.2 Báo cáo/q3.pdf': ['1.2'], '2.1/a/b.docx': ['2.1'], 'ISO/a.pdf': ['NV-01'] });
  });
});
