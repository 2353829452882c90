// Tree nodes: small plain objects with a stable id. Commands receive them as their first argument,
// so they carry what a command needs (`entryUri`, `criterionId`, `requirementIndex`, `taskId`, `fileUri`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriteriaEntry, ModelStore } from '../model/modelStore';

export type NodeKind = 'folder' | 'criteriaFile' | 'unit' | 'criterion' | 'requirement' | 'file' | 'task';

export interface TreeNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** The criteria file (uri string) the node belongs to; for a folder node, its first criteria file. */
  readonly entryUri: string;
  readonly folderUri?: string;
  /** Owning unit of a unit group; '' for criteria without owner. */
  readonly unitId?: string;
  readonly criterionId?: string;
  readonly taskId?: string;
  readonly requirementIndex?: number;
  /** Matched evidence file (uri string). */
  readonly fileUri?: string;
  /** Matched evidence file, relative to the evidence root. */
  readonly filePath?: string;
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

  get(node: TreeNode): TreeNode {
    const known = this.nodes.get(node.id);
    if (known) return known;
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
  for (const entry of store.entries) {
    const key = entry.folder.uri.toString();
    const group = byFolder.get(key) ?? { folder: entry.folder, entries: [] };
    group.entries.push(entry);
    byFolder.set(key, group);
  }
  const folders = [...byFolder.values()].sort((a, b) => a.folder.index - b.folder.index);
  return { folders, showFolders: folders.length > 1 };
}

export function findEntry(store: ModelStore, entryUri: string): CriteriaEntry | undefined {
  return store.entries.find((e) => e.uri.toString() === entryUri);
}

/** The label of a criteria file: its path inside the workspace folder. */
export function criteriaFileLabel(entry: CriteriaEntry): string {
  return path.relative(entry.folder.uri.fsPath, entry.uri.fsPath).split(path.sep).join('/');
}

/** Absolute path of the evidence folder of an entry. */
export function evidenceRootOf(entry: CriteriaEntry): string {
  return path.resolve(path.dirname(entry.uri.fsPath), entry.loaded.model.index.evidenceRoot || '.');
}

export function evidenceFileUri(entry: CriteriaEntry, relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(evidenceRootOf(entry), ...relative.split('/')));
}
