// Add evidence, commit pending evidence, history, diffs and verification through Git: thin adapters over
// src/core. Every command refuses in an untrusted workspace, reports typed errors with the action that fixes
// them (errorActions.ts), shows progress, and refreshes the model store after a commit.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { addEvidence, commitPending } from '../../core/evidence/addEvidence';
import { diffCriteriaRevisions, renderCriteriaDiff } from '../../core/audit/criteriaDiff';
import { createGit } from '../../core/git/git';
import { criterionHistory } from '../../core/audit/history';
import { openRepository } from '../../core/git/repository';
import { renderVerifyReport, verifyAuditTrail } from '../../core/audit/verify';
import { sync, type SyncResult } from '../../core/sync/sync';
import type { EvidenceCommit, Requirement } from '../../core/model/types';
import { notificationText } from '../../core/report/format';
import type { CriteriaEntry } from '../model/modelStore';
import { registerEntryCommand, type CommandArg } from '../commands/entryCommand';
import { readSettings } from '../config/settings';
import type { Services } from '../services';
import { refuseUntrusted, reportCommitted, reportError } from './errorActions';
import { gitContentUri, GIT_SCHEME, GitContentProvider } from './gitContent';
import { pickRevision, pickTarget, requirementsOf } from './pickers';

/** `uris` is the programmatic entry point (other extensions, tests): the files to add, instead of the file dialog. */
async function runAdd(services: Services, entry: CriteriaEntry, node: CommandArg, uris?: readonly vscode.Uri[]): Promise<void> {
  const target = node.criterionId ?? node.taskId ?? (await pickTarget(entry));
  if (!target) return;
  const requirements = requirementsOf(entry, target);
  let requirement: Requirement | undefined = node.requirementIndex !== undefined ? requirements.find((r) => r.index === node.requirementIndex) : undefined;
  if (!requirement && requirements.length === 1) requirement = requirements[0];
  if (!requirement && requirements.length > 1) {
    const picked = await vscode.window.showQuickPick(
      requirements.map((r) => ({ label: r.title, description: r.path, requirement: r })),
      { placeHolder: vscode.l10n.t('Choose the evidence requirement') },
    );
    if (!picked) return;
    requirement = picked.requirement;
  }
  const files = uris?.length ? uris : await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: vscode.l10n.t('Add as Evidence'), title: vscode.l10n.t('Evidence for {0}', requirement ? `${target} — ${requirement.title}` : target) });
  if (!files || files.length === 0) return;
  const folder = entry.loaded.doc.baseDir;
  const attempt = async (): Promise<void> => {
    try {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Adding evidence to {0}…', target) }, () =>
        addEvidence({
          criteriaFile: entry.uri.fsPath,
          target,
          requirement: requirement ? requirements.indexOf(requirement) + 1 : undefined,
          files: files.map((f) => f.fsPath),
          push: readSettings(entry.folder).pushAfterCommit,
          isTrusted: () => vscode.workspace.isTrusted,
        }),
      );
      reportCommitted(services, [result]);
      await services.store.refresh();
      void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Committed {0}: {1}', result.shortHash, result.subject)));
    } catch (error) {
      await reportError(services, error, folder, attempt);
    }
  };
  await attempt();
}

async function runCommitPending(services: Services, entry: CriteriaEntry): Promise<void> {
  const attempt = async (): Promise<void> => {
    try {
      const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Committing pending evidence…') }, (progress) =>
        commitPending({
          criteriaFile: entry.uri.fsPath,
          push: readSettings(entry.folder).pushAfterCommit,
          isTrusted: () => vscode.workspace.isTrusted,
          onCommit: (r) => progress.report({ message: r.subject }),
        }),
      );
      reportCommitted(services, results);
      await services.store.refresh();
      void vscode.window.showInformationMessage(results.length === 0 ? vscode.l10n.t('No pending evidence: every matching file is committed.') : vscode.l10n.t('Committed {0} commit(s) of pending evidence.', results.length));
    } catch (error) {
      await services.store.refresh();
      await reportError(services, error, entry.loaded.doc.baseDir, attempt);
    }
  };
  await attempt();
}

/** Opens the diff of one file of a commit against its parent. */
async function showCommitFile(top: string, rootFromTop: string, commit: EvidenceCommit, file: string): Promise<void> {
  const relative = rootFromTop ? `${rootFromTop}/${file}` : file;
  const title = `${path.posix.basename(file)} (${commit.shortHash}^ ↔ ${commit.shortHash})`;
  await vscode.commands.executeCommand('vscode.diff', gitContentUri(top, relative, `${commit.hash}^`), gitContentUri(top, relative, commit.hash), title, { preview: true });
}

async function runShowHistory(services: Services, entry: CriteriaEntry, node: CommandArg): Promise<void> {
  const id = node.criterionId ?? node.taskId ?? (await pickTarget(entry, true));
  if (!id) return;
  const doc = entry.loaded.doc;
  try {
    const repo = await openRepository(doc.baseDir, () => vscode.workspace.isTrusted);
    const commits = (await criterionHistory(createGit({ cwd: doc.baseDir, isTrusted: () => vscode.workspace.isTrusted }), doc, id)) ?? [];
    if (commits.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No commit has touched the evidence of {0} yet.', id));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      commits.map((c) => ({ label: c.subject, description: `${c.shortHash} · ${c.author} · ${c.date.slice(0, 10)}`, detail: c.files.join(', '), commit: c })),
      { placeHolder: vscode.l10n.t('History of {0}: choose a commit to see its changes', id), matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return;
    const rootFromTop = path.relative(repo.top, entry.evidenceRoot).split(path.sep).join('/');
    let file = picked.commit.files[0];
    if (picked.commit.files.length > 1) {
      const chosen = await vscode.window.showQuickPick(picked.commit.files, { placeHolder: vscode.l10n.t('Choose a file of {0}', picked.commit.shortHash) });
      if (!chosen) return;
      file = chosen;
    }
    if (file) await showCommitFile(repo.top, rootFromTop, picked.commit, file);
  } catch (error) {
    await reportError(services, error, doc.baseDir);
  }
}

/** `revision` is the programmatic entry point (tests, other extensions): what the "Another revision…" box would return. */
async function runDiffCriteria(services: Services, entry: CriteriaEntry, revision?: string): Promise<void> {
  const file = entry.uri.fsPath;
  try {
    const repo = await openRepository(entry.loaded.doc.baseDir, () => vscode.workspace.isTrusted);
    const relative = path.relative(repo.top, file).split(path.sep).join('/');
    const rev = revision ?? (await pickRevision(repo.git, relative));
    if (!rev) return;
    // The core resolves `rev` to a commit before Git sees it: a revision spelled like an option is an unknown revision.
    const { before, after, changes } = await diffCriteriaRevisions(repo.git, repo.top, file, rev);
    const locale = services.store.locale;
    if (!before || !after) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The criteria file does not exist at {0}.', rev));
      return;
    }
    const header = `# ${vscode.l10n.t('Criteria file {0}: {1} → working tree', relative, rev)}\n`;
    const body = renderCriteriaDiff(changes, locale);
    await showReport(header + '\n' + body, 'markdown');
  } catch (error) {
    await reportError(services, error, entry.loaded.doc.baseDir);
  }
}

/**
 * A report opens pinned, not as a preview: a preview tab is replaced by the next one opened (another report,
 * a diff), and an untitled report replaced that way is gone before it is read.
 */
async function showReport(content: string, language: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document, { preview: false });
}

async function runVerify(services: Services, entry: CriteriaEntry): Promise<void> {
  const doc = entry.loaded.doc;
  try {
    await openRepository(doc.baseDir, () => vscode.workspace.isTrusted);
    const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying the audit trail…') }, () =>
      verifyAuditTrail(createGit({ cwd: doc.baseDir, isTrusted: () => vscode.workspace.isTrusted }), { evidenceRoot: doc.index.evidenceRoot }),
    );
    const text = renderVerifyReport(report, services.store.locale);
    if (report.problems.length === 0) {
      void vscode.window.showInformationMessage(text.trim());
      return;
    }
    await showReport(text, 'plaintext');
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} evidence commit(s) lack trailers or have wrong hashes.', report.offending.length));
  } catch (error) {
    await reportError(services, error, doc.baseDir);
  }
}

/** Fetch, rebase the local evidence commits onto the remote's, push; the tree then shows what arrived. */
async function runSync(services: Services, entry: CriteriaEntry): Promise<SyncResult | undefined> {
  const doc = entry.loaded.doc;
  try {
    const repo = await openRepository(doc.baseDir, () => vscode.workspace.isTrusted);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Syncing evidence with the remote…') }, () => sync(repo.git, { gitDir: repo.gitDir }));
    services.log.info(`Synced with ${result.upstream}: ${result.received} received, ${result.sent} sent${result.rebased ? ' (rebased)' : ''}`);
    await services.store.refresh();
    const message = notificationText(
      result.received === 0 && result.sent === 0 ? vscode.l10n.t('Already in sync with {0}.', result.upstream) : vscode.l10n.t('Synced with {0}: {1} commit(s) received, {2} commit(s) sent.', result.upstream, result.received, result.sent),
    );
    // What arrived is the review of the work tree against the commit before the sync.
    if (result.received > 0) {
      const reviewIncoming = vscode.l10n.t('Review Incoming Changes');
      void vscode.window.showInformationMessage(message, reviewIncoming).then((choice) => {
        if (choice === reviewIncoming) void vscode.commands.executeCommand('reformEvidence.reviewChanges', { entryUri: entry.uri.toString() }, result.before);
      });
    } else {
      void vscode.window.showInformationMessage(message);
    }
    return result;
  } catch (error) {
    // A refused sync changed nothing but the remote-tracking ref; the tree is read again all the same.
    await services.store.refresh();
    await reportError(services, error, doc.baseDir);
    return undefined;
  }
}

export function registerEvidenceCommands(services: Services): void {
  const { context } = services;
  const isTrusted = () => vscode.workspace.isTrusted;
  // Git runs only in a trusted workspace: refuse before asking anything.
  const git = { refuse: refuseUntrusted };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider(isTrusted)),
    registerEntryCommand(
      services,
      'reformEvidence.addEvidence',
      // A tree's multi-selection also arrives second (as nodes): only Uris count as files.
      (entry, node, [, uris]) => runAdd(services, entry, node, Array.isArray(uris) && uris.every((u) => u instanceof vscode.Uri) ? uris : undefined),
      git,
    ),
    registerEntryCommand(services, 'reformEvidence.commitPending', (entry) => runCommitPending(services, entry), git),
    registerEntryCommand(services, 'reformEvidence.showHistory', (entry, node) => runShowHistory(services, entry, node), git),
    registerEntryCommand(services, 'reformEvidence.diffCriteria', (entry, _node, [, revision]) => runDiffCriteria(services, entry, typeof revision === 'string' ? revision : undefined), git),
    registerEntryCommand(services, 'reformEvidence.verifyAuditTrail', (entry) => runVerify(services, entry), git),
    registerEntryCommand(services, 'reformEvidence.syncEvidence', (entry) => runSync(services, entry), git),
  );
}
