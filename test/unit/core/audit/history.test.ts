import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createGit, gitProcessCount } from '../../../../src/core/git/git';
import { evidenceCommits, lastCommitsForFiles } from '../../../../src/core/audit/history';
import { parseTrailers, evidenceHashes, trailerBlock } from '../../../../src/core/git/trailers';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { entryHistory } from '../../../../src/extension/reports/history';
import type { CriteriaEntry } from '../../../../src/extension/model/modelStore';
import { cleanupTempDirs, git, initRepo, writeFiles } from '../../helpers';

const NFD_NAME = 'Kế hoạch CCHC.pdf'.normalize('NFD');

/** A repository with evidence under ward/evidence (criteria folder `ward`, not the top), three commits. */
function historyRepo(): { top: string; base: string; hashes: string[] } {
  const top = initRepo();
  const base = path.join(top, 'ward');
  writeFiles(base, { 'criteria.yaml': 'reformEvidence: 1\n', [`evidence/1.1 Kế hoạch/${NFD_NAME}`]: 'plan v1', 'evidence/1.2 Báo cáo/q1.pdf': 'q1' });
  writeFiles(top, { 'outside.txt': 'not evidence' });
  git(top, 'add', '.');
  git(top, 'commit', '-q', '-m', 'evidence(1.1): add plan', '-m', 'Criterion: 1.1\nUnit: VHXH');
  git(top, 'commit', '-q', '--allow-empty', '-m', 'unrelated empty commit');
  writeFiles(base, { 'evidence/1.2 Báo cáo/q2.pdf': 'q2' });
  git(top, 'rm', '-q', 'ward/evidence/1.2 Báo cáo/q1.pdf');
  git(top, 'add', '.');
  git(top, 'commit', '-q', '-m', 'replace q1 by q2 (no trailer)');
  writeFiles(top, { 'outside.txt': 'changed' });
  git(top, 'commit', '-q', '-am', 'outside only');
  const hashes = git(top, 'log', '--format=%H').trim().split('\n');
  return { top, base, hashes };
}

describe('git history', () => {
  afterEach(cleanupTempDirs);

  it('evidenceCommits lists only commits that touched evidence, newest first, with NFC paths relative to evidenceRoot', async () => {
    const { base, hashes } = historyRepo();
    const commits = await evidenceCommits(createGit({ cwd: base }), { evidenceRoot: 'evidence' });
    assert.deepEqual(
      commits.map((c) => c.hash),
      [hashes[1], hashes[3]],
    );
    assert.deepEqual(commits[0].files.sort(), ['1.2 Báo cáo/q1.pdf', '1.2 Báo cáo/q2.pdf']);
    assert.deepEqual(commits[1].criteria, ['1.1']);
    assert.ok(commits[1].files.includes('1.1 Kế hoạch/Kế hoạch CCHC.pdf'), 'NFD name from Git comes back NFC');
    assert.equal(commits[1].author, 'Test');
    assert.match(commits[1].date, /^\d{4}-\d{2}-\d{2}T/);
  });

  it('evidenceCommits filters by Criterion trailer or by path', async () => {
    const { base, hashes } = historyRepo();
    const g = createGit({ cwd: base });
    assert.deepEqual(
      (await evidenceCommits(g, { evidenceRoot: 'evidence', criterionId: '1.1' })).map((c) => c.hash),
      [hashes[3]],
    );
    assert.deepEqual(
      (await evidenceCommits(g, { evidenceRoot: 'evidence', criterionId: '1.2', globs: ['1.2 Báo cáo/*.pdf'] })).map((c) => c.hash),
      [hashes[1], hashes[3]],
    );
    assert.deepEqual(
      (await evidenceCommits(g, { evidenceRoot: 'evidence', criterionId: '9.9', paths: ['1.2 Báo cáo'] })).map((c) => c.hash),
      [hashes[1], hashes[3]],
    );
    assert.deepEqual(await evidenceCommits(g, { evidenceRoot: 'evidence', since: '2099-01-01' }), []);
  });

  it('lastCommitsForFiles gives the last commit of each file still present, in one Git call', async () => {
    const { base, hashes } = historyRepo();
    const g = createGit({ cwd: base });
    const before = gitProcessCount();
    const records = await lastCommitsForFiles(g, 'evidence');
    assert.equal(gitProcessCount() - before, 1);
    assert.deepEqual([...records.keys()].sort(), ['1.1 Kế hoạch/Kế hoạch CCHC.pdf', '1.2 Báo cáo/q2.pdf']);
    assert.equal(records.get('1.2 Báo cáo/q2.pdf')?.hash, hashes[1]);
    assert.equal(records.get('1.1 Kế hoạch/Kế hoạch CCHC.pdf')?.hash, hashes[3]);
    assert.equal(records.get('1.1 Kế hoạch/Kế hoạch CCHC.pdf')?.shortHash, hashes[3].slice(0, records.get('1.1 Kế hoạch/Kế hoạch CCHC.pdf')!.shortHash.length));
  });

  it('the dashboard history is walked once per HEAD: asked again, one rev-parse answers; a new commit walks again', async () => {
    const { top, base } = historyRepo();
    writeFiles(base, { 'criteria.yaml': 'reformEvidence: 1\nindex: { id: w, title: W, year: 2025 }\nunits: {}\ncriteria: []\n' });
    const loaded = await loadWorkspace(path.join(base, 'criteria.yaml'), { asOf: '2025-11-20' });
    const entry = { loaded } as unknown as CriteriaEntry;
    const ask = async () => {
      const before = gitProcessCount();
      const history = await entryHistory(entry, true, { files: true });
      return { processes: gitProcessCount() - before, history };
    };
    const first = await ask();
    assert.ok(first.processes >= 3, 'rev-parse, log of evidence commits, last commit of each file');
    assert.equal(first.history.commits?.length, 2);
    const again = await ask();
    assert.equal(again.processes, 1, 'only rev-parse HEAD');
    assert.deepEqual(again.history, first.history);
    writeFiles(base, { 'evidence/1.3/new.pdf': 'new' });
    git(top, 'add', '.');
    git(top, 'commit', '-q', '-m', 'evidence(1.3): add new', '-m', 'Criterion: 1.3');
    const after = await ask();
    assert.ok(after.processes >= 3, 'HEAD moved: the history is walked again');
    assert.equal(after.history.commits?.length, 3);
    assert.deepEqual(await entryHistory(entry, false, { files: true }), {}, 'never in restricted mode');
  });

  it('an empty repository has no history', async () => {
    const top = initRepo();
    writeFiles(top, { 'evidence/a.pdf': 'a' });
    assert.deepEqual(await evidenceCommits(createGit({ cwd: top }), { evidenceRoot: 'evidence' }), []);
    assert.equal((await lastCommitsForFiles(createGit({ cwd: top }), 'evidence')).size, 0);
  });

  it('trailers round-trip through a real commit', async () => {
    const top = initRepo();
    writeFiles(top, { 'e/x.pdf': 'x' });
    git(top, 'add', '.');
    const block = trailerBlock({ subject: 's', criteria: ['1.2'], requirements: ['Báo cáo quý'], units: ['VP'], files: [{ path: 'e/x.pdf', sha256: 'a'.repeat(64) }] });
    git(top, 'commit', '-q', '-m', 'evidence(1.2): add x', '-m', block);
    const trailers = parseTrailers(git(top, 'log', '-1', '--format=%(trailers:only,unfold)'));
    assert.deepEqual(trailers.map((t) => t.key), ['Criterion', 'Requirement', 'Unit', 'Evidence-SHA256']);
    assert.equal(evidenceHashes(trailers).get('e/x.pdf'), 'a'.repeat(64));
  });
});
