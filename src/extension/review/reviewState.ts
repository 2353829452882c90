// The open review, if any: what the Review view shows and the Evidence tree and file decorations mark, until
// Close Review. One at a time, for one criteria file. Sets the `reformEvidence.reviewOpen` context key.
import * as vscode from 'vscode';
import type { Locale } from '../../core/i18n/messages';
import type { Review } from '../../core/review/review';
import { reviewMarks, type ReviewMarks } from '../../core/review/reviewTree';

export interface OpenReview {
  review: Review;
  marks: ReviewMarks;
  /** The criteria file (uri string) the review is of. */
  entryUri: string;
  /** The repository's top folder. */
  top: string;
  /** The criteria file and the evidence root, from `top` with "/" separators ('' for the top itself). */
  criteriaFromTop: string;
  evidenceFromTop: string;
  /** The evidence root on disk (absolute). */
  evidenceRoot: string;
  /** The language the review was computed in (its words come from the core). */
  locale: Locale;
}

export class ReviewState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<OpenReview | undefined>();
  readonly onDidChange = this.changed.event;
  private open?: OpenReview;

  get current(): OpenReview | undefined {
    return this.open;
  }

  /** The marks for a criteria file while its review is open. */
  marksFor(entryUri: string): { open: OpenReview; marks: ReviewMarks } | undefined {
    return this.open && this.open.entryUri === entryUri ? { open: this.open, marks: this.open.marks } : undefined;
  }

  async show(open: Omit<OpenReview, 'marks'>): Promise<OpenReview> {
    this.open = { ...open, marks: reviewMarks(open.review) };
    await vscode.commands.executeCommand('setContext', 'reformEvidence.reviewOpen', true);
    this.changed.fire(this.open);
    return this.open;
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = undefined;
    await vscode.commands.executeCommand('setContext', 'reformEvidence.reviewOpen', false);
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
