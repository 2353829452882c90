// Untrusted workspaces: a repository whose own .git/config names programs (core.fsmonitor, core.hooksPath, a
// clean filter, an external diff) must not get any of them run before the folder is trusted. Restricted mode
// runs no Git process at all, through every core entry point the extension reaches; once trusted, our reads
// still never start the repository's file-system monitor.
import * as assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { addEvidence, commitPending, pendingEvidence } from '../../../../src/core/evidence/addEvidence';
import { isGitError } from '../../../../src/core/git/errors';
import { createGit, gitProcessCount } from '../../../../src/core/git/git';
import { diffCriteriaRevisions } from '../../../../src/core/audit/criteriaDiff';
import { evidenceCommits, lastCommitsForFiles } from '../../../../src/core/audit/history';
import { initRepository, openRepository, setIdentity } from '../../../../src/core/git/repository';
import { verifyAuditTrail } from '../../../../src/core/audit/verify';
import { sync } from '../../../../src/core/sync/sync';
import { dashboardData } from '../../../../src/core/report/dashboardData';
import { renderSelfAssessmentHtml, selfAssessment } from '../../../../src/core/report/selfAssessment';
import { renderWeeklyMarkdown, weeklyData } from '../../../../src/core/report/weekly';
import { flattenCriteria } from '../../../../src/core/status/computeStatus';
import { findCriteriaFiles } from '../../../../src/core/workspace/findCriteria';
import { applyEvidenceChanges, reparseCriteria } from '../../../../src/core/workspace/incremental';
import { loadCriteria, loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, tempDir, writeFiles } from '../../helpers';
import { snapshot, ward } from '../../gitHelpers';

const HOOKS = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-index-change', 'reference-transaction', 'post-checkout', 'pre-push'];

interface Hostile {
  repo: string;
  criteria: string;
  sources: string;
  markers: string;
}

/** A marker-writing script: `name` is appended to a file in `markers` each time the program runs. */
function markerScript(file: string, markers: string, name: string, tail = 'exit 0'): void {
  writeFiles(path.dirname(file), { [path.basename(file)]: `#!/bin/sh\necho "${name}" >> "${markers}/${name}"\n${tail}\n` });
  chmodSync(file, 0o755);
}

/**
 * A ward repository as a hostile author could ship it: its config (which a clone does not carry, but a
 * copied or unzipped folder does) runs programs on status, on index refresh, on every commit and on add.
 */
function hostileRepo(): Hostile {
  const { repo, criteria, sources } = ward();
  writeFiles(repo, { '.gitattributes': '* filter=evil\n' });
  git(repo, 'add', '.gitattributes');
  git(repo, 'commit', '-q', '-m', 'attributes');
  const markers = tempDir('re-markers-');
  const tools = tempDir('re-tools-');
  markerScript(path.join(tools, 'fsmonitor'), markers, 'fsmonitor', 'exit 1');
  markerScript(path.join(tools, 'clean'), markers, 'clean-filter', 'cat');
  markerScript(path.join(tools, 'diff'), markers, 'external-diff');
  for (const hook of HOOKS) markerScript(path.join(repo, '.githooks', hook), markers, `hook-${hook}`);
  git(repo, 'config', 'core.fsmonitor', path.join(tools, 'fsmonitor'));
  git(repo, 'config', 'core.hooksPath', '.githooks');
  git(repo, 'config', 'filter.evil.clean', path.join(tools, 'clean'));
  git(repo, 'config', 'diff.external', path.join(tools, 'diff'));
  return { repo, criteria, sources, markers };
}

const markersOf = (h: Hostile) => readdirSync(h.markers).sort();
const gitDirBytes = (repo: string) => ['config', 'index', 'HEAD'].map((f) => readFileSync(path.join(repo, '.git', f)).toString('base64'));

describe('trust: a hostile repository in an untrusted workspace', function () {
  this.timeout(60_000);
  afterEach(cleanupTempDirs);

  it('the hostile config is live: plain `git status` runs its file-system monitor (the control)', () => {
    const h = hostileRepo();
    git(h.repo, 'status', '--porcelain');
    assert.ok(markersOf(h).includes('fsmonitor'), `markers: ${markersOf(h).join(', ')}`);
  });

  it('every core entry point reachable in restricted mode runs no Git process, runs no program of the repository, and writes nothing', async () => {
    const h = hostileRepo();
    writeFiles(h.sources, { 'Kế hoạch.pdf': 'plan' });
    const untrusted = () => false;
    const repoBefore = snapshot(h.repo);
    const gitBefore = gitDirBytes(h.repo);
    const count = gitProcessCount();

    // What the trees, diagnostics and dashboard show: the criteria and the files, from a folder walk.
    assert.deepEqual(await findCriteriaFiles(h.repo), [h.criteria]);
    const loaded = await loadWorkspace(h.criteria, { isTrusted: untrusted, asOf: '2025-11-20' });
    assert.equal(loaded.git, undefined);
    assert.equal(loaded.model.git, false);
    assert.ok(flattenCriteria(loaded.model).length >= 6, 'the criteria tree is there');
    const plan = flattenCriteria(loaded.model).find((c) => c.id === '1.1')!;
    assert.deepEqual(
      plan.requirements[0].files.map((f) => [f.path, f.git]),
      [['1.1 Kế hoạch/old.pdf', 'none']],
      'files matched without Git',
    );
    await loadCriteria(h.criteria);

    // A file appears, the criteria file is edited: followed without Git.
    writeFiles(h.repo, { 'evidence/1.2 Báo cáo/quý 3.pdf': 'q3' });
    const changed = await applyEvidenceChanges(loaded, [{ file: path.join(h.repo, 'evidence/1.2 Báo cáo/quý 3.pdf'), kind: 'created' }], '2025-11-20');
    assert.ok(changed.length > 0, 'the new file is matched');
    assert.equal(reparseCriteria(loaded, readFileSync(h.criteria, 'utf8') + '\n# edited\n', { asOf: '2025-11-20' }).kind, 'parsed');

    // The dashboard and the reports, which get no history in restricted mode.
    assert.equal(dashboardData(loaded.model).git, false);
    assert.ok(renderWeeklyMarkdown(weeklyData(loaded.model), 'vi').length > 0);
    assert.ok(renderSelfAssessmentHtml(selfAssessment(loaded.model), 'en').length > 0);
    assert.deepEqual(
      (await pendingEvidence(h.criteria, untrusted)).groups,
      [],
      'without Git nothing is known to be pending',
    );

    // Everything that writes, or reads history, refuses before any process starts.
    const refused = (e: unknown) => isGitError(e, 'notTrusted') || (e instanceof Error && e.name === 'GitNotTrustedError');
    await assert.rejects(addEvidence({ criteriaFile: h.criteria, target: '1.1', files: [path.join(h.sources, 'Kế hoạch.pdf')], isTrusted: untrusted }), refused);
    await assert.rejects(commitPending({ criteriaFile: h.criteria, isTrusted: untrusted }), refused);
    await assert.rejects(openRepository(h.repo, untrusted), refused);
    await assert.rejects(initRepository(h.sources, untrusted), refused);
    await assert.rejects(setIdentity(h.repo, 'X', 'x@example.com', untrusted), refused);
    const g = createGit({ cwd: h.repo, isTrusted: untrusted });
    await assert.rejects(g.read(['status']), refused);
    await assert.rejects(g.readBuffer(['show', 'HEAD:criteria.yaml']), refused);
    await assert.rejects(g.hashBlobs(['HEAD'], () => undefined), refused);
    await assert.rejects(g.write(['add', '.']), refused);
    await assert.rejects(g.writeInput(['update-index', '--index-info'], ''), refused);
    await assert.rejects(evidenceCommits(g, { evidenceRoot: 'evidence' }), refused);
    await assert.rejects(lastCommitsForFiles(g, 'evidence'), refused);
    await assert.rejects(verifyAuditTrail(g, { evidenceRoot: 'evidence' }), refused);
    await assert.rejects(sync(g), refused);
    await assert.rejects(diffCriteriaRevisions(g, h.repo, h.criteria, 'HEAD'), refused, 'no old revision without Git: the revision is never resolved');

    assert.equal(gitProcessCount(), count, 'no Git process started');
    assert.deepEqual(markersOf(h), [], 'no program of the repository ran');
    const repoAfter = snapshot(h.repo);
    delete repoAfter['evidence/1.2 Báo cáo/quý 3.pdf']; // the test's own file
    assert.deepEqual(repoAfter, repoBefore, 'no file written in the work tree');
    assert.deepEqual(gitDirBytes(h.repo), gitBefore, '.git/config, index and HEAD unchanged');
  });

  it('once trusted, our reads still never start the repository’s file-system monitor; its hooks apply to our commit only', async () => {
    const h = hostileRepo();
    writeFiles(h.sources, { 'Kế hoạch.pdf': 'plan' });
    const count = gitProcessCount();
    const loaded = await loadWorkspace(h.criteria, { isTrusted: () => true, asOf: '2025-11-20' });
    assert.equal(loaded.model.git, true);
    await evidenceCommits(loaded.git!, { evidenceRoot: 'evidence' });
    await verifyAuditTrail(loaded.git!, { evidenceRoot: 'evidence' });
    assert.ok(gitProcessCount() > count, 'Git ran');
    // A clean filter may run when status re-reads a racily clean file, as it does for the user's own
    // `git status` (Git LFS works that way): that is what trusting the folder means. Nothing else runs.
    assert.deepEqual(
      markersOf(h).filter((m) => m !== 'clean-filter'),
      [],
      'status, ls-files, log: no monitor, no hook, no external diff',
    );

    // Adding evidence is the user's own commit: their hooks and filters apply (as in VS Code's Git), the monitor does not.
    await addEvidence({ criteriaFile: h.criteria, target: '1.1', files: [path.join(h.sources, 'Kế hoạch.pdf')], isTrusted: () => true });
    const ran = markersOf(h);
    assert.ok(!ran.includes('fsmonitor'), `no monitor: ${ran.join(', ')}`);
    assert.ok(ran.includes('hook-pre-commit') && ran.includes('clean-filter'), `the user's hooks and filters ran: ${ran.join(', ')}`);
  });
});
