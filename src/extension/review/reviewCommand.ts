// Review Changes Against…: the core's review (what the work tree's changes do to the points since a branch, tag
// or commit) opened as a Markdown document. A thin adapter: the review and its text come from src/core/review.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openRepository } from '../../core/git/repository';
import { renderReviewMarkdown } from '../../core/review/render';
import { buildReview, type Review } from '../../core/review/review';
import { registerEntryCommand } from '../commands/entryCommand';
import { refuseUntrusted, reportError } from '../evidence/errorActions';
import { pickRevision } from '../evidence/pickers';
import type { CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';

/** `revision` is the programmatic entry point (tests, other extensions); the review is returned for them too. */
async function runReview(services: Services, entry: CriteriaEntry, revision?: string): Promise<Review | undefined> {
  const file = entry.uri.fsPath;
  const isTrusted = () => vscode.workspace.isTrusted;
  try {
    const repo = await openRepository(entry.loaded.doc.baseDir, isTrusted);
    const relative = path.relative(repo.top, file).split(path.sep).join('/');
    const rev = revision ?? (await pickRevision(repo.git, relative, { refs: true, placeHolder: vscode.l10n.t('Review the changes of the working tree against…') }));
    if (!rev) return undefined;
    const locale = services.store.locale;
    const { doc, model } = entry.loaded;
    const review = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reviewing the changes since {0}…', rev) }, () =>
      buildReview({
        file,
        base: rev,
        git: repo.git,
        locale,
        asOf: model.asOf,
        isTrusted,
        // The work tree's status is the one the views show: not computed again.
        current: { doc, model },
      }),
    );
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderReviewMarkdown(review, { locale, file: relative }) });
    await vscode.window.showTextDocument(document, { preview: false });
    if (review.comparison.securedLost) void vscode.window.showWarningMessage(vscode.l10n.t('This change loses {0} secured point(s).', review.comparison.total.lost));
    return review;
  } catch (error) {
    await reportError(services, error, entry.loaded.doc.baseDir);
    return undefined;
  }
}

export function registerReviewCommand(services: Services): void {
  services.context.subscriptions.push(
    registerEntryCommand(services, 'reformEvidence.reviewChanges', (entry, _node, [, revision]) => runReview(services, entry, typeof revision === 'string' ? revision : undefined), { refuse: refuseUntrusted }),
  );
}
