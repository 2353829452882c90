import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { splitRange } from '../../../src/cli/commands/review';
import { cli, isolateGitConfig } from '../gitHelpers';
import { git, initRepo, sampleCriteria, writeFiles } from '../helpers';

const AS_OF = ['--as-of', '2025-11-20'];
const hash = (repo: string, rev = 'HEAD') => git(repo, 'rev-parse', rev).trim();

/** Base: 1.1 complete (1 point). Then a commit without trailer completes 2.1 (+1.5). */
function repoWithGain(): { repo: string; base: string; gain: string } {
  const repo = initRepo();
  writeFiles(repo, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/plan.pdf': 'plan' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'import', '-m', 'Criterion: 1.1');
  const base = hash(repo);
  writeFiles(repo, { 'evidence/2.1/sub/rà soát.docx': 'docx', 'evidence/2.1/ket-qua-2025.pdf': 'kq' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'Kết quả rà soát');
  return { repo, base, gain: hash(repo) };
}

describe('CLI review', () => {
  isolateGitConfig();

  it('splits a range as Git does', () => {
    assert.deepEqual(splitRange('main'), { base: 'main', mergeBase: false });
    assert.deepEqual(splitRange('main..topic'), { base: 'main', head: 'topic', mergeBase: false });
    assert.deepEqual(splitRange('main..'), { base: 'main', head: 'HEAD', mergeBase: false });
    assert.deepEqual(splitRange('main...topic'), { base: 'main', head: 'topic', mergeBase: true });
  });

  it('reports a gain between two commits, with the evidence added and the commit without trailer', async () => {
    const { repo, base, gain } = repoWithGain();
    const { code, out, err } = await cli(['review', `${base}..HEAD`, '--fail-on-loss', ...AS_OF], repo);
    assert.equal(err, '');
    assert.equal(code, 0, 'nothing was lost');
    assert.match(out, /Secured points: 1 → 2\.5 of 5 \(\+1\.5 gained, 0 lost\)/);
    assert.match(out, /2\.1 Rà soát văn bản QPPL \[VP\]: missing, 0\/1\.5 → committed, 1\.5\/1\.5 \(\+1\.5\)/);
    assert.match(out, /\+ 2\.1\/ket-qua-2025\.pdf: 2\.1/);
    assert.match(out, /Commits without an audit trailer \(1 of 1 evidence commits\)/);
    assert.ok(out.includes(`${gain.slice(0, 7)} Kết quả rà soát`));
    assert.doesNotMatch(out, /Secured points lost/);
  });

  it('fails on a loss in the work tree, and names the renamed file with what it counted for before', async () => {
    const { repo } = repoWithGain();
    // The plan moved into 1.2's folder: 1.1 loses its point, 1.2 (4 reports needed) gains nothing.
    mkdirSync(path.join(repo, 'evidence/1.2 Báo cáo'));
    git(repo, 'mv', 'evidence/1.1 Kế hoạch/plan.pdf', 'evidence/1.2 Báo cáo/plan.pdf');
    const { code, out } = await cli(['review', 'HEAD', '--fail-on-loss', ...AS_OF], repo);
    assert.equal(code, 1);
    assert.match(out, /→ working tree/);
    assert.match(out, /Secured points lost: 1\./);
    assert.match(out, /1\.1 Kế hoạch CCHC \[VHXH\]: committed, 1\/1 → missing, overdue, 0\/1 \(−1\)/);
    assert.match(out, /→ 1\.1 Kế hoạch\/plan\.pdf → 1\.2 Báo cáo\/plan\.pdf: 1\.2 \(before: 1\.1\)/);
    // Without --fail-on-loss the same review exits 0.
    assert.equal((await cli(['review', 'HEAD', ...AS_OF], repo)).code, 0);
  });

  it('gives JSON for programs and Markdown for a merge-request comment', async () => {
    const { repo, base, gain } = repoWithGain();
    writeFiles(repo, { 'criteria.yaml': sampleCriteria().replace('maxScore: 1.5', 'maxScore: 2') });
    git(repo, 'commit', '-q', '-am', 'more points', '-m', 'Criterion: 2.1');
    const json = await cli(['review', `${base}..${gain}`, '--json', ...AS_OF], repo);
    assert.equal(json.code, 0);
    const data = JSON.parse(json.out);
    assert.equal(data.base.commit, base);
    assert.equal(data.head.commit, gain);
    assert.equal(data.asOf, '2025-11-20');
    assert.deepEqual([data.comparison.total.gained, data.comparison.total.lost, data.comparison.securedLost], [1.5, 0, false]);
    assert.deepEqual(data.evidence.map((e: { kind: string; path: string; counts: string[] }) => [e.kind, e.path, e.counts]), [
      ['added', '2.1/ket-qua-2025.pdf', ['2.1']],
      ['added', '2.1/sub/rà soát.docx', ['2.1']],
    ]);
    assert.deepEqual(data.criteriaChanges, []);
    assert.equal(data.untrailed.length, 1);

    const md = await cli(['review', `${gain}..HEAD`, '--format', 'md', ...AS_OF], repo);
    assert.equal(md.code, 0);
    assert.match(md.out, /^## Review of criteria\.yaml: /);
    assert.match(md.out, /### Criteria file changes \(2\)\n\n- 2\.1: maxScore 1\.5 → 2\n- 2: maxScore 2 → 2\.5\n/);
    assert.match(md.out, /\| 2\.1 Rà soát văn bản QPPL \| VP \| committed, 1\.5\/1\.5 \| committed, 2\/2 \| \+0\.5 \|/);
    assert.match(md.out, /### Commits without an audit trailer \(0 of 0 evidence commits\)/);
  });

  it('speaks Vietnamese with --lang vi', async () => {
    const { repo, base } = repoWithGain();
    const { out } = await cli(['review', `${base}..HEAD`, '--lang', 'vi', ...AS_OF], repo);
    assert.match(out, /Điểm đạt: 1 → 2,5 trên 5/);
    assert.match(out, /Commit thiếu dòng vết kiểm tra \(1\/1 commit tài liệu\)/);
  });

  it('refuses a revision spelled like an option, an unknown one, and a bad format or date, with exit 2', async () => {
    const { repo } = repoWithGain();
    for (const argv of [['review', '--output=x'], ['review', '--', '--output=x'], ['review', 'HEAD..--output=x'], ['review', 'no-such-branch'], ['review', 'HEAD', '--format', 'pdf'], ['review', 'HEAD', '--as-of', '2025-02-30'], ['review']]) {
      const { code, err } = await cli(argv, repo);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, /^reform-evidence: /, argv.join(' '));
    }
    assert.equal(existsSync(path.join(repo, 'x')), false, 'no option reached Git');
  });
});
