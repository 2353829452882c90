// Review Changes Against…: the core's review (what the work tree's changes do to the points since a branch, tag
// or commit) opened in the Review view, the Evidence tree marking what changed, until Close Review; Open as
// Markdown gives the same review as a document. A thin adapter: the review and its words come from src/core/review.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openRepository } from '../../core/git/repository';
import { buildReview, type Review } from '../../core/review/review';
import { registerEntryCommand } from '../commands/entryCommand';
import { refuseUntrusted, reportError } from '../evidence/errorActions';
import { pickRevision } from '../evidence/pickers';
import type { CriteriaEntry } from '../model/modelStore';
import { registerReviewDecorations, type ReviewDecorations } from '../decorations/reviewDecorations';
import type { Services } from '../services';
import type { ReviewState } from './reviewState';
import { registerReviewView, type ReviewView } from './reviewView';

/** What the extension's API exposes of the review (the integration tests read the view and the marks). */
export interface ReviewApi {
  state: ReviewState;
  view: ReviewView;
  decorations: ReviewDecorations;
}

/** `revision` is the programmatic entry point (tests, other extensions); the review is returned for them too. */
async function runReview(services: Services, view: ReviewView, entry: CriteriaEntry, revision?: string): Promise<Review | undefined> {
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
    const fromTop = (dir: string) => path.relative(repo.top, dir).split(path.sep).join('/');
    await services.review.show({ review, entryUri: entry.uri.toString(), top: repo.top, criteriaFromTop: relative, evidenceFromTop: fromTop(entry.evidenceRoot), evidenceRoot: entry.evidenceRoot, locale });
    await view.reveal();
    if (review.comparison.securedLost) void vscode.window.showWarningMessage(vscode.l10n.t('This change loses {0} secured point(s).', review.comparison.total.lost));
    return review;
  } catch (error) {
    await reportError(services, error, entry.loaded.doc.baseDir);
    return undefined;
  }
}

export function registerReviewCommand(services: Services): ReviewApi {
  const view = registerReviewView(services, services.review);
  const decorations = registerReviewDecorations(services);
  services.context.subscriptions.push(
    registerEntryCommand(services, 'reformEvidence.reviewChanges', (entry, _node, [, revision]) => runReview(services, view, entry, typeof revision === 'string' ? revision : undefined), { refuse: refuseUntrusted }),
    // The review is of the work tree when it was made: Refresh computes it again against the same base.
    vscode.commands.registerCommand('reformEvidence.refreshReview', async () => {
      const open = services.review.current;
      const entry = open && services.store.entry(open.entryUri);
      if (!open || !entry || refuseUntrusted()) return undefined;
      return runReview(services, view, entry, open.review.base.rev ?? open.review.base.commit);
    }),
  );
  return { state: services.review, view, decorations };
}
