// What the Evidence and Tasks trees share: the folder and criteria-file levels (each hidden when there is
// only one), requirement and file nodes, the node cache, and firing changes for as little of the tree as possible.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { markdownStringText } from '../../core/report/format';
import { stateOf } from '../../core/status/computeStatus';
import type { RequirementStatus, StatusModel } from '../../core/model/types';
import { readSettings } from '../config/settings';
import type { CriteriaEntry, ModelStore } from '../model/modelStore';
import { shownModel } from '../../core/status/modelView';
import {
  contextValueOf,
  criteriaFileLabel,
  evidenceFileUri,
  layoutOf,
  NodeCache,
  ownerRef,
  type CriteriaFileNode,
  type CriterionNode,
  type FileNode,
  type FolderNode,
  type RequirementNode,
  type TaskNode,
  type TreeNode,
} from './nodes';
import { gitLabel, requirementText, stateIcon } from './present';
import type { ViewOptions } from './viewOptions';
import { mark } from '../startupTrace';
import { fileCountOf } from '../../core/workspace/modelCache';

/** How long after answering with the cached model's rows the store is told they are drawn. */
const PREVIEW_SENT_MS = 50;
/** Above this many changed nodes one event for the whole entry is cheaper. */
const MAX_NODE_EVENTS = 40;

export abstract class BaseTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  protected readonly cache = new NodeCache();
  /** The shown model of each entry as last rendered, to find what a change touched. */
  private readonly rendered = new Map<string, StatusModel>();
  private layoutKey = '';
  protected readonly disposables: vscode.Disposable[] = [this.emitter];

  constructor(
    protected readonly store: ModelStore,
    protected readonly options: ViewOptions,
    private readonly prefix: string,
  ) {
    this.disposables.push(store.onDidChange((entry) => this.onStoreChange(entry)));
  }

  /** Children of an entry's own top level (areas, units…). */
  protected abstract entryChildren(entry: CriteriaEntry, model: StatusModel): TreeNode[];
  /** Children of a node below the entry level. */
  protected abstract nodeChildren(node: TreeNode, entry: CriteriaEntry, model: StatusModel): TreeNode[];
  /** Parent of a node below the entry level; undefined when it sits at the entry's top level. */
  protected abstract nodeParent(node: TreeNode, entry: CriteriaEntry, model: StatusModel): TreeNode | undefined;
  protected abstract nodeItem(node: TreeNode, entry: CriteriaEntry, model: StatusModel): vscode.TreeItem;
  /** Nodes of one entry whose content differs between two models; 'entry' when the top level changed. */
  protected abstract changedNodes(entry: CriteriaEntry, before: StatusModel, after: StatusModel): TreeNode[] | 'entry';

  /** The model as this tree shows it (filtered to my unit when that filter is on). */
  protected model(entry: CriteriaEntry): StatusModel {
    return shownModel(entry.loaded.model, this.options.filter, readSettings(entry.folder).myUnit);
  }

  protected key(entry: CriteriaEntry | string, ...parts: (string | number)[]): string {
    const uri = typeof entry === 'string' ? entry : entry.uri.toString();
    return [this.prefix, uri, ...parts].join('|');
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const layout = layoutOf(this.store);
    if (!node) {
      if (layout.folders.length > 0) mark(`${this.prefix}: first rows`, { preview: this.store.showingPreview }, true);
      // What waits for this (the parse after the cached rows, the search for other criteria files after the first
      // model's) may start once the rows have gone to the workbench: the host may send its reply on a timer of its
      // own, which must run first (with 0 here, once, the rows came after the parse).
      if (layout.folders.length > 0) setTimeout(() => this.store.noteRowsSent(), PREVIEW_SENT_MS);
      if (layout.showFolders) return layout.folders.map((f) => this.folderNode(f.folder, f.entries[0]));
      const only = layout.folders[0];
      return only ? this.folderChildren(only.entries) : [];
    }
    if (node.kind === 'folder') return this.folderChildren(layout.folders.find((f) => f.folder.uri.toString() === node.folderUri)?.entries ?? []);
    const entry = this.store.shownEntry(node.entryUri);
    if (!entry) return [];
    const model = this.model(entry);
    this.rendered.set(node.entryUri, model);
    if (node.kind === 'criteriaFile') return this.entryChildren(entry, model);
    return this.nodeChildren(node, entry, model);
  }

  private folderChildren(entries: CriteriaEntry[]): TreeNode[] {
    if (entries.length > 1) return entries.map((e) => this.criteriaFileNode(e));
    const entry = entries[0];
    if (!entry) return [];
    const model = this.model(entry);
    this.rendered.set(entry.uri.toString(), model);
    return this.entryChildren(entry, model);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'folder') return undefined;
    const entry = this.store.shownEntry(node.entryUri);
    if (!entry) return undefined;
    if (node.kind !== 'criteriaFile') {
      const parent = this.nodeParent(node, entry, this.model(entry));
      if (parent) return parent;
    }
    return this.containerOf(entry, node.kind === 'criteriaFile');
  }

  /** The node that holds an entry's top level: its criteria-file node, or its folder node, or none (the root). */
  protected containerOf(entry: CriteriaEntry, aboveFile = false): TreeNode | undefined {
    const layout = layoutOf(this.store);
    const group = layout.folders.find((f) => f.folder.uri.toString() === entry.folder.uri.toString());
    if (!aboveFile && group && group.entries.length > 1) return this.criteriaFileNode(entry);
    return layout.showFolders && group ? this.folderNode(group.folder, group.entries[0]) : undefined;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(path.basename(vscode.Uri.parse(node.folderUri).fsPath), vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.resourceUri = vscode.Uri.parse(node.folderUri);
      item.iconPath = vscode.ThemeIcon.Folder;
      item.contextValue = contextValueOf(node);
      return item;
    }
    const entry = this.store.shownEntry(node.entryUri);
    if (!entry) return new vscode.TreeItem('…');
    const model = this.model(entry);
    if (node.kind === 'criteriaFile') {
      const item = new vscode.TreeItem(criteriaFileLabel(entry), vscode.TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.resourceUri = entry.uri;
      item.iconPath = new vscode.ThemeIcon('checklist');
      item.description = model.index.title;
      item.tooltip = `${model.index.title}\n${entry.uri.fsPath}`;
      item.contextValue = contextValueOf(node);
      return item;
    }
    const item = this.nodeItem(node, entry, model);
    item.id = node.id;
    return item;
  }

  protected folderNode(folder: vscode.WorkspaceFolder, first: CriteriaEntry): FolderNode {
    return this.cache.get({ id: `${this.prefix}|folder|${folder.uri.toString()}`, kind: 'folder', entryUri: first.uri.toString(), folderUri: folder.uri.toString() });
  }

  protected criteriaFileNode(entry: CriteriaEntry): CriteriaFileNode {
    return this.cache.get({ id: this.key(entry, 'file'), kind: 'criteriaFile', entryUri: entry.uri.toString(), folderUri: entry.folder.uri.toString() });
  }

  // ---- requirements and files, under a criterion or a task

  protected requirementNodeOf(owner: CriterionNode | TaskNode, index: number): RequirementNode {
    return this.cache.get<RequirementNode>({ id: `${owner.id}|r|${index}`, kind: 'requirement', entryUri: owner.entryUri, ...ownerRef(owner), requirementIndex: index });
  }

  protected requirementNodes(owner: CriterionNode | TaskNode, requirements: RequirementStatus[]): RequirementNode[] {
    return requirements.map((_, index) => this.requirementNodeOf(owner, index));
  }

  protected fileNodes(requirement: RequirementNode, entry: CriteriaEntry, status: RequirementStatus | undefined): FileNode[] {
    return (status?.files ?? []).map((f) =>
      this.cache.get<FileNode>({
        id: `${requirement.id}|f|${f.path}`,
        kind: 'file',
        entryUri: requirement.entryUri,
        ...ownerRef(requirement),
        requirementIndex: requirement.requirementIndex,
        fileUri: evidenceFileUri(entry, f.path).toString(),
        filePath: f.path,
      }),
    );
  }

  protected requirementItem(node: RequirementNode, status: RequirementStatus | undefined): vscode.TreeItem {
    if (!status) return new vscode.TreeItem('…');
    const item = new vscode.TreeItem(status.title, fileCountOf(status) > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.description = requirementText(status);
    item.iconPath = stateIcon(stateOf([status]), false);
    item.contextValue = contextValueOf(node);
    const md = new vscode.MarkdownString();
    md.appendText(markdownStringText(status.title));
    md.appendMarkdown(`\n\n${vscode.l10n.t('Files matching')} \`${status.path.replace(/`/g, "'")}\`: ${requirementText(status)}`);
    item.tooltip = md;
    return item;
  }

  protected fileItem(node: FileNode, status: RequirementStatus | undefined): vscode.TreeItem {
    const uri = vscode.Uri.parse(node.fileUri);
    const item = new vscode.TreeItem(path.posix.basename(node.filePath), vscode.TreeItemCollapsibleState.None);
    item.resourceUri = uri;
    const file = status?.files.find((f) => f.path === node.filePath);
    const git = file?.git;
    // An LFS file whose content is not downloaded: it counts, but opening it shows only its pointer.
    const notDownloaded = file?.lfs === 'pointer' ? vscode.l10n.t('not downloaded (Git LFS)') : undefined;
    item.iconPath = notDownloaded ? new vscode.ThemeIcon('cloud') : vscode.ThemeIcon.File;
    const labels = [git ? gitLabel(git) : undefined, notDownloaded].filter((l): l is string => l !== undefined);
    item.description = labels.length > 0 ? labels.join(' · ') : undefined;
    item.tooltip = [node.filePath, ...labels, ...(notDownloaded ? [vscode.l10n.t('Run "git lfs pull" to download the content.')] : [])].join('\n');
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open File'), arguments: [uri] };
    item.contextValue = contextValueOf(node);
    return item;
  }

  // ---- change events

  /** Everything again: new nodes, new models. */
  refreshAll(): void {
    this.cache.clear();
    this.rendered.clear();
    this.emitter.fire(undefined);
  }

  private onStoreChange(entry: CriteriaEntry | undefined): void {
    const layout = layoutOf(this.store);
    const layoutKey = layout.folders.map((f) => f.entries.map((e) => e.uri.toString()).join(',')).join(';');
    const before = entry ? this.rendered.get(entry.uri.toString()) : undefined;
    if (!entry || layoutKey !== this.layoutKey || !before) {
      this.layoutKey = layoutKey;
      this.refreshAll();
      return;
    }
    const after = this.model(entry);
    if (after === before) return;
    const changed = this.changedNodes(entry, before, after);
    this.rendered.set(entry.uri.toString(), after);
    if (changed === 'entry' || changed.length > MAX_NODE_EVENTS) {
      const container = this.containerOf(entry);
      if (container) this.emitter.fire(container);
      else this.refreshAll();
    } else if (changed.length > 0) {
      this.emitter.fire(changed);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Whether two values serialize alike: the models are plain data, so this is a deep comparison. */
export function sameData(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
