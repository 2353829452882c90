// Helpers of the tree suites: the extension's API, walking a tree provider, waiting, and the CLI's JSON.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriterionStatus, StatusModel } from '../../src/core/model/types';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import type { TreeNode } from '../../src/extension/tree/nodes';

export const EXTENSION_ID = 'reform-evidence.reform-evidence';
export const AS_OF = '2025-11-20';

/** The spec of the tree's look: state → codicon (overdue wins over an incomplete state). */
export const ICONS: Record<string, string> = {
  missing: 'circle-large-outline',
  partial: 'pie-chart',
  present: 'pass',
  committed: 'pass-filled',
  waived: 'circle-slash',
  overdue: 'clock',
};

export async function extensionApi(): Promise<ReformEvidenceApi> {
  const ext = vscode.extensions.getExtension<ReformEvidenceApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  await waitFor(() => api.services.store.state === 'ready', 'the model store to load the example');
  return api;
}

export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return folder.uri.fsPath;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sets the as-of date in the user settings (never in the workspace) and waits until the model uses it. */
export async function useAsOf(api: ReformEvidenceApi, date: string): Promise<void> {
  await vscode.workspace.getConfiguration('reformEvidence').update('asOfDate', date, vscode.ConfigurationTarget.Global);
  await waitFor(() => api.services.store.entries.every((e) => e.loaded.model.asOf === date), `the model as of ${date}`);
}

export interface Shown {
  node: TreeNode;
  item: vscode.TreeItem;
  children: Shown[];
}

/** Every node of a tree, depth first (children of collapsed nodes included). */
export async function walk(provider: vscode.TreeDataProvider<TreeNode>, node?: TreeNode): Promise<Shown[]> {
  const children = (await provider.getChildren(node)) ?? [];
  const out: Shown[] = [];
  for (const child of children) out.push({ node: child, item: await provider.getTreeItem(child), children: await walk(provider, child) });
  return out;
}

export function flatten(shown: Shown[]): Shown[] {
  return shown.flatMap((s) => [s, ...flatten(s.children)]);
}

export function iconOf(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** `node dist/cli.js ARGS` of the extension under test, in `cwd` (the workspace by default): its stdout. */
export function runCli(args: string[], cwd = workspaceDir()): string {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  return execFileSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', LANG: 'C' } });
}

/** `node dist/cli.js status <workspace> --json --as-of …` of the extension under test. */
export function cliStatus(args: string[] = []): StatusModel {
  return JSON.parse(runCli(['status', workspaceDir(), '--json', '--as-of', AS_OF, ...args])) as StatusModel;
}

/** The window's workspace folders (none: an empty list). */
export function folders(): vscode.WorkspaceFolder[] {
  return [...(vscode.workspace.workspaceFolders ?? [])];
}

/** Every criterion node of a model, depth first: the core's own walk. */
export { flattenCriteria as allCriteria } from '../../src/core/status/computeStatus';

/** The description the tree gives a criterion in English: `secured/max` of the scored part, after the rate when measured. */
export function expectedScore(c: CriterionStatus): string {
  if (c.state === 'waived') return 'waived';
  const fmt = (n: number) => String(Math.round(n * 100) / 100);
  const score = `${fmt(c.totals.secured)}/${fmt(c.totals.max - c.totals.waived)}`;
  const m = c.measure;
  if (!m) return score;
  const rate = m.quality === 'unknown' ? 'unknown' : m.quality === 'missing' ? 'no data file' : m.rate === null ? 'no case' : `${m.rate.toFixed(1)}%`;
  return `${rate} · ${score}`;
}

/** A measured leaf short of full points (or unknown) shows this instead of its state's icon (overdue still wins). */
export const BELOW_FULL_ICON = 'graph-line';

export function isBelowFull(c: CriterionStatus): boolean {
  const m = c.measure;
  if (!m || c.state === 'waived') return false;
  return m.quality === 'unknown' || (m.quality !== 'missing' && m.score !== null && m.score < c.maxScore);
}

export function expectedIcon(state: string, overdue: boolean, c?: CriterionStatus): string {
  if (c && !overdue && isBelowFull(c)) return BELOW_FULL_ICON;
  return ICONS[overdue ? 'overdue' : state];
}

/**
 * Closes every editor and waits until no tab is left. `workbench.action.closeAllEditors` returns before a dirty
 * editor (an untitled report) is closed, and closing it then would also close what the next test opens; those
 * editors are reverted and closed one by one first.
 */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor(() => vscode.window.tabGroups.all.every((g) => g.tabs.length === 0), 'every editor closed');
}
