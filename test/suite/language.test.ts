// Diagnostics and language features of the criteria file, in the real extension host on the example ward.
// Every edit is made in the editor only and undone at the end: other suites see the original file.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriteriaDoc } from '../../src/core/model/types';
import type { ReformEvidenceApi } from '../../src/extension/extension';
import { closeAllEditors } from './treeHelpers';

const EXTENSION_ID = 'reform-evidence.reform-evidence';
const SOURCE = 'reform-evidence';

async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The example ward (examples/ward-2025/criteria.yaml), written out here so that a list the extension
// returns empty cannot match an expectation read from the same extension.
const EXAMPLE_UNITS = ['VP', 'VHXH', 'KTHTDT', 'TTPVHCC', 'TTSNC'];
const EXAMPLE_AREAS = ['1', '2', '3', '4', '5', '6', '7', '8'];

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

function markdownOf(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

describe('criteria file in the editor', function () {
  this.timeout(90_000);
  let api: ReformEvidenceApi;
  let document: vscode.TextDocument;
  let original: string;
  let stored: CriteriaDoc;

  /** Position of `needle` on the first line at or after `from` that contains `lineNeedle`. */
  const find = (lineNeedle: string, needle = lineNeedle, from = 0): vscode.Position => {
    for (let line = from; line < document.lineCount; line++) {
      const text = document.lineAt(line).text;
      if (text.includes(lineNeedle)) return new vscode.Position(line, text.indexOf(needle));
    }
    throw new Error(`"${lineNeedle}" not in the criteria file`);
  };

  before(async () => {
    const ext = vscode.extensions.getExtension<ReformEvidenceApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    await waitFor(() => api.services.store.state === 'ready', 'the store to load the example');
    const entry = api.services.store.entries[0];
    stored = entry.loaded.doc;
    document = await vscode.workspace.openTextDocument(entry.uri);
    await vscode.window.showTextDocument(document);
    original = document.getText();
  });

  after(async () => {
    if (!document) return;
    if (document.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), original);
      await vscode.workspace.applyEdit(edit);
    }
    if (document.isDirty) await document.save();
    await closeAllEditors();
    await waitFor(() => ours(document.uri).length === 0, 'the original file to have no diagnostics again');
  });

  it('shows no diagnostic for the example', () => {
    assert.deepEqual(stored.problems, [], 'the core finds nothing to report');
    assert.deepEqual(ours(document.uri).map((d) => `${codeOf(d)} ${d.message}`), []);
  });

  it('reports an unknown owner, as it is typed, at its line and column', async () => {
    const at = find('owner: VHXH', 'VHXH');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(at, at.translate(0, 'VHXH'.length)), 'KHONGCO');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostic = await waitFor(() => ours(document.uri).find((d) => codeOf(d) === 'RE110'), 'the RE110 diagnostic');
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [at.line, at.character, at.character + 'KHONGCO'.length]);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /KHONGCO/);
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
    assert.ok(target && target.path.endsWith('/problem-codes.md') && /^L\d+$/.test(target.fragment), `code links to the problem-code table: ${target?.toString()}`);
    const row = (await fs.readFile(target.fsPath, 'utf8')).split(/\r?\n/)[Number(target.fragment.slice(1)) - 1];
    assert.match(row, /^\| RE110 \|/, 'the link opens the RE110 row');
    assert.equal(ours(document.uri).length, 1, 'nothing else is reported');
  });

  it('completes unit ids after owner:', async () => {
    const at = find('owner: VP', 'VP');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at);
    const units = list.items.filter((i) => i.detail && [...stored.units.values()].some((u) => u.name === i.detail));
    const labels = units.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels.sort(), [...EXAMPLE_UNITS].sort());
  });

  it('completes criterion ids, quoted, in a task criteria list', async () => {
    const at = find('criteria: ["7.3"]', '"7.3"');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at.translate(0, 1));
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '7.3' && i.detail === stored.byId.get('7.3')?.title);
    assert.ok(item, 'criterion 7.3 is offered with its title');
    assert.equal(item.insertText, '"7.3"');
  });

  it('shows the unit behind an id on hover, with the points it answers for', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, find('owner: VP', 'VP'));
    const text = markdownOf(hovers);
    assert.ok(text.includes('Văn phòng HĐND và UBND') && text.includes('Lê Văn Thành'), text);
    assert.ok(text.includes('22.5 point(s)'), text);
  });

  it('goes from a task criterion reference to the criterion', async () => {
    const at = find('criteria: ["7.3"]', '7.3');
    const result = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, at);
    const ranges = result.map((r) => ('targetRange' in r ? r.targetRange : r.range));
    const definition = find('id: "7.3"', '"7.3"');
    assert.ok(ranges.some((r) => r.start.isEqual(definition)), JSON.stringify(ranges));
  });

  it('outlines units, areas and tasks', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    const names = symbols.map((s) => s.name.split(' ')[0]);
    assert.deepEqual(names, ['Units', ...EXAMPLE_AREAS, 'Tasks']);
    assert.deepEqual(symbols[0].children.map((s) => s.name), EXAMPLE_UNITS);
    const area7 = symbols.find((s) => s.name.startsWith('7 '))!;
    assert.ok(area7.children.some((s) => s.name.startsWith('7.3 ')));
  });

  it('fixes the unknown owner by adding the unit, and the diagnostic goes away', async () => {
    const diagnostic = await waitFor(() => ours(document.uri).find((d) => codeOf(d) === 'RE110'), 'the RE110 diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const add = actions.find((a) => a.title.includes('KHONGCO') && a.kind?.value === vscode.CodeActionKind.QuickFix.value);
    assert.ok(add?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    await waitFor(() => ours(document.uri).length === 0, 'the diagnostics to clear');
    assert.ok(document.getText().includes('KHONGCO: { name: "KHONGCO" }'));
  });

  it('points a duplicate id to its first definition and renames it with a quick fix', async () => {
    const second = find('id: "1.1.2"', '1.1.2');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(second, second.translate(0, 5)), '1.1.1');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostic = await waitFor(() => ours(document.uri).find((d) => codeOf(d) === 'RE100'), 'the RE100 diagnostic');
    assert.equal(diagnostic.relatedInformation?.[0]?.location.range.start.line, find('id: "1.1.1"').line);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const rename = actions.find((a) => a.title.includes('"1.1.1"'));
    assert.ok(rename?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    await waitFor(() => ours(document.uri).length === 0, 'the duplicate to be gone');
  });

  it('checks an unsaved YAML document whose first key is reformEvidence: 1, and stops when it no longer is', async () => {
    const untitled = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'reformEvidence: 1\nindex: { id: x, title: X }\nunits:\n  VP: { name: A }\ncriteria:\n  - id: "1"\n    title: T\n    maxScore: 1\n    owner: KHAC\n    evidence: [{ title: E, path: "1/*.pdf" }]\n' });
    await vscode.window.showTextDocument(untitled);
    const diagnostic = await waitFor(() => ours(untitled.uri).find((d) => codeOf(d) === 'RE110'), 'a diagnostic in the untitled document');
    assert.equal(diagnostic.range.start.line, 8);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(untitled.uri, new vscode.Range(0, 0, 0, 'reformEvidence'.length), 'somethingElse');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => ours(untitled.uri).length === 0, 'the diagnostics to clear');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the problems of a criteria file that is not open, and removes them when it is deleted', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, 'nhap', 'criteria.yml');
    const uri = vscode.Uri.file(file);
    await fs.mkdir(path.dirname(file), { recursive: true });
    try {
      await fs.writeFile(file, original.replace('maxScore: 11', 'maxScore: 12'));
      const diagnostic = await waitFor(() => ours(uri).find((d) => codeOf(d) === 'RE121'), 'RE121 in the new file');
      assert.equal(diagnostic.range.start.line, original.split('\n').findIndex((l) => l.includes('maxScore: 11')));
      await fs.rm(file);
      await waitFor(() => ours(uri).length === 0, 'the diagnostics of the deleted file to go');
      await waitFor(() => api.services.store.entries.length === 1, 'the store to drop the deleted file');
    } finally {
      await fs.rm(path.dirname(file), { recursive: true, force: true });
    }
  });
});
