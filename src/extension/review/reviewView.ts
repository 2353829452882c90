// The Review view: the core's review tree (src/core/review/reviewTree.ts) as TreeItems, each file opening its diff
// through the reform-evidence-git documents; Open as Markdown and Close Review on its title bar.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderReviewMarkdown, sideName } from '../../core/review/render';
import { reviewTree, type FileAt, type ReviewOpen, type ReviewTreeNode } from '../../core/review/reviewTree';
import { gitContentUri } from '../evidence/gitContent';
import type { Services } from '../services';
import type { OpenReview, ReviewState } from './reviewState';

/** The URI of one side of a file: a reform-evidence-git document for a commit, the file on disk for the work tree. */
function fileUri(open: OpenReview, file: FileAt): vscode.Uri {
  const fromTop = file.path === undefined ? open.criteriaFromTop : open.evidenceFromTop ? `${open.evidenceFromTop}/${file.path}` : file.path;
  if (file.commit !== undefined) return gitContentUri(open.top, fromTop, file.commit);
  return file.path === undefined ? vscode.Uri.parse(open.entryUri) : vscode.Uri.file(path.join(open.evidenceRoot, ...file.path.split('/')));
}

/** The command that shows a row's file: `vscode.diff` of its two sides, or `vscode.open` of the one there is. */
export function openCommand(open: OpenReview, what: ReviewOpen): vscode.Command {
  if (what.kind === 'open') return { command: 'vscode.open', title: vscode.l10n.t('Open File'), arguments: [fileUri(open, what.file), { preview: true }] };
  const name = path.posix.basename(what.right.path ?? open.criteriaFromTop);
  const title = `${name} (${sideName(open.review.base, open.locale)} ↔ ${sideName(open.review.head, open.locale)})`;
  return { command: 'vscode.diff', title: vscode.l10n.t('Open Changes'), arguments: [fileUri(open, what.left), fileUri(open, what.right), title, { preview: true }] };
}

const EXPANDED: ReadonlySet<ReviewTreeNode['kind']> = new Set(['area', 'group']);

export class ReviewTreeProvider implements vscode.TreeDataProvider<ReviewTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ReviewTreeNode[] = [];
  private readonly parents = new Map<ReviewTreeNode, ReviewTreeNode>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly state: ReviewState) {
    this.subscription = state.onDidChange((open) => this.update(open));
  }

  private update(open: OpenReview | undefined): void {
    this.roots = open ? reviewTree(open.review, open.locale) : [];
    this.parents.clear();
    const visit = (node: ReviewTreeNode) => {
      if (!('children' in node)) return;
      for (const child of node.children) {
        this.parents.set(child, node);
        visit(child);
      }
    };
    this.roots.forEach(visit);
    this.changed.fire(undefined);
  }

  getChildren(node?: ReviewTreeNode): ReviewTreeNode[] {
    if (!node) return this.roots;
    return 'children' in node ? node.children : [];
  }

  getParent(node: ReviewTreeNode): ReviewTreeNode | undefined {
    return this.parents.get(node);
  }

  getTreeItem(node: ReviewTreeNode): vscode.TreeItem {
    const open = this.state.current;
    const collapsible = !EXPANDED.has(node.kind) ? vscode.TreeItemCollapsibleState.None : node.kind === 'group' && node.group === 'untrailed' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, 'children' in node && node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : collapsible);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon, node.color ? new vscode.ThemeColor(node.color) : undefined);
    item.contextValue = `reformEvidence.review.${node.kind}`;
    if (!open) return item;
    if (node.kind === 'summary') item.command = { command: 'reformEvidence.openReviewMarkdown', title: vscode.l10n.t('Open as Markdown') };
    if (node.kind === 'evidence' || node.kind === 'criteriaChange') item.command = openCommand(open, node.open);
    // A criterion still in the file: shown in the Evidence tree.
    if (node.kind === 'item' && node.change.kind === 'criterion' && node.change.after) {
      item.command = { command: 'reformEvidence.revealCriterion', title: vscode.l10n.t('Show in the Evidence Tree'), arguments: [open.entryUri, node.change.id] };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export interface ReviewView {
  provider: ReviewTreeProvider;
  view: vscode.TreeView<ReviewTreeNode>;
  /** Shows the Review view with its summary row. */
  reveal(): Promise<void>;
}

export function registerReviewView(services: Services, state: ReviewState): ReviewView {
  const provider = new ReviewTreeProvider(state);
  const view = vscode.window.createTreeView('reformEvidence.review', { treeDataProvider: provider, showCollapseAll: true });
  const openMarkdown = async () => {
    const open = state.current;
    if (!open) return undefined;
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderReviewMarkdown(open.review, { locale: open.locale, file: open.criteriaFromTop }) });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  };
  services.context.subscriptions.push(
    provider,
    view,
    state.onDidChange((open) => {
      view.description = open ? open.criteriaFromTop : undefined;
    }),
    vscode.commands.registerCommand('reformEvidence.openReviewMarkdown', openMarkdown),
    vscode.commands.registerCommand('reformEvidence.closeReview', () => state.close()),
  );
  const reveal = async () => {
    const [summary] = provider.getChildren();
    if (!summary) return;
    try {
      await view.reveal(summary, { focus: true, select: false });
    } catch {
      // The view may not be registered yet right after the context key turned on: focusing it shows it.
      await vscode.commands.executeCommand('reformEvidence.review.focus');
    }
  };
  return { provider, view, reveal };
}
