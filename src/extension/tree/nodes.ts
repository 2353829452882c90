// Tree nodes: small plain objects with a stable id. Commands receive them as their first argument,
// so they carry what a command needs (`entryUri`, `criterionId`, `requirementIndex`, `taskId`, `fileUri`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriteriaEntry, ModelStore } from '../model/modelStore';

interface NodeBase {
  readonly id: string;
  /** The criteria file (uri string) the node belongs to; for a folder node, its first criteria file. */
  readonly entryUri: string;
}

/** What a requirement or a file node hangs under: a criterion (Evidence tree) or a task (Tasks tree). */
type OwnerRef = { readonly criterionId: string; readonly taskId?: undefined } | { readonly taskId: string; readonly criterionId?: undefined };

type NodeField = 'folderUri' | 'unitId' | 'criterionId' | 'taskId' | 'requirementIndex' | 'fileUri' | 'filePath';
/** Every kind names the fields of the others as absent, so `node.criterionId` reads on any node (undefined when not its kind). */
type Only<T> = T & { readonly [K in Exclude<NodeField, keyof T>]?: undefined };

export type FolderNode = Only<NodeBase & { readonly kind: 'folder'; readonly folderUri: string }>;
export type CriteriaFileNode = Only<NodeBase & { readonly kind: 'criteriaFile'; readonly folderUri: string }>;
/** A unit group; `unitId` is '' for criteria without owner. */
export type UnitNode = Only<NodeBase & { readonly kind: 'unit'; readonly unitId: string }>;
export type CriterionNode = Only<NodeBase & { readonly kind: 'criterion'; readonly criterionId: string }>;
export type TaskNode = Only<NodeBase & { readonly kind: 'task'; readonly taskId: string }>;
export type RequirementNode = Only<NodeBase & OwnerRef & { readonly kind: 'requirement'; readonly requirementIndex: number }>;
/** A matched evidence file: its uri string, and its path relative to the evidence root. */
export type FileNode = Only<NodeBase & OwnerRef & { readonly kind: 'file'; readonly requirementIndex: number; readonly fileUri: string; readonly filePath: string }>;

/** A node of the trees, keyed on its kind. Commands receive it as their first argument. */
export type TreeNode = FolderNode | CriteriaFileNode | UnitNode | CriterionNode | TaskNode | RequirementNode | FileNode;
export type NodeKind = TreeNode['kind'];

/** The owner part of a requirement or file node, from the criterion or task node (or requirement) above it. */
export function ownerRef(node: CriterionNode | TaskNode | RequirementNode): { criterionId: string } | { taskId: string } {
  return node.criterionId !== undefined ? { criterionId: node.criterionId } : { taskId: node.taskId };
}

/** The context value the menus in package.json match (`viewItem =~ /^reformEvidence\.…/`). */
export function contextValueOf(node: TreeNode, criterion?: { leaf: boolean; kind: 'area' | 'criterion' }): string {
  switch (node.kind) {
    case 'criterion':
      // A leaf area still takes evidence: it gets the leaf value, with `.area` after it.
      if (criterion?.leaf) return criterion.kind === 'area' ? 'reformEvidence.criterion.leaf.area' : 'reformEvidence.criterion.leaf';
      return criterion?.kind === 'area' ? 'reformEvidence.area' : 'reformEvidence.criterion.parent';
    case 'requirement':
      return 'reformEvidence.requirement';
    case 'file':
      return 'reformEvidence.file';
    case 'criteriaFile':
      return 'reformEvidence.criteriaFile';
    case 'task':
      return 'reformEvidence.task';
    case 'unit':
      return 'reformEvidence.unit';
    case 'folder':
      return 'reformEvidence.folder';
  }
}

/** Hands out one object per id, so events name the very objects the view holds. */
export class NodeCache {
  private readonly nodes = new Map<string, TreeNode>();

  get<T extends TreeNode>(node: T): T {
    const known = this.nodes.get(node.id);
    // Ids embed the kind and its keys, so the node known under an id is of the same kind.
    if (known) return known as T;
    this.nodes.set(node.id, node);
    return node;
  }

  peek(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  clear(): void {
    this.nodes.clear();
  }
}

/** Where the entries of the store sit: a folder level only with several folders, a file level only with several files. */
export interface Layout {
  folders: { folder: vscode.WorkspaceFolder; entries: CriteriaEntry[] }[];
  showFolders: boolean;
}

export function layoutOf(store: ModelStore): Layout {
  const byFolder = new Map<string, { folder: vscode.WorkspaceFolder; entries: CriteriaEntry[] }>();
  for (const entry of store.shownEntries) {
    const key = entry.folder.uri.toString();
    const group = byFolder.get(key) ?? { folder: entry.folder, entries: [] };
    group.entries.push(entry);
    byFolder.set(key, group);
  }
  const folders = [...byFolder.values()].sort((a, b) => a.folder.index - b.folder.index);
  return { folders, showFolders: folders.length > 1 };
}

/** The label of a criteria file: its path inside the workspace folder. */
export function criteriaFileLabel(entry: CriteriaEntry): string {
  return path.relative(entry.folder.uri.fsPath, entry.uri.fsPath).split(path.sep).join('/');
}

export function evidenceFileUri(entry: CriteriaEntry, relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(entry.evidenceRoot, ...relative.split('/')));
}
