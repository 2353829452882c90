// Completion, hover, definition, symbols and quick fixes in criteria files: thin adapters over src/core/language.
import * as vscode from 'vscode';
import { completionCandidates, completionContextAt } from '../../core/language/completion';
import { hoverMarkdown } from '../../core/language/hover';
import { columnCandidates, columnFieldAt, dataFileOf, dataLineAt, measureAt, measureHoverMarkdown } from '../../core/language/measures';
import * as path from 'node:path';
import { flattenCriteria } from '../../core/status/computeStatus';
import { headersOf } from './measureHeaders';
import { sheetNames } from '../../core/measure/sheets';
import { quickFixesFor } from '../../core/language/quickFixes';
import { documentSymbols, type CriteriaSymbol, type SymbolKind } from '../../core/language/symbols';
import { rangesEqual } from '../../core/language/text';
import { definitionOf, tokenAt } from '../../core/language/tokens';
import type { CriteriaDoc } from '../../core/model/types';
import { DIAGNOSTIC_SOURCE } from '../diagnostics/diagnostics';
import type { ModelStore } from '../model/modelStore';
import type { Services } from '../services';
import { CRITERIA_SELECTOR, fromVsRange, isCriteriaDocument, parsedDocuments, storeEntryOf, toVsRange, type ParsedDocuments } from './criteriaDocuments';

const SYMBOL_KIND: Record<SymbolKind, vscode.SymbolKind> = {
  units: vscode.SymbolKind.Namespace,
  unit: vscode.SymbolKind.Struct,
  area: vscode.SymbolKind.Module,
  criterion: vscode.SymbolKind.Object,
  leaf: vscode.SymbolKind.Field,
  tasks: vscode.SymbolKind.Namespace,
  task: vscode.SymbolKind.Event,
};

function toDocumentSymbol(symbol: CriteriaSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(symbol.name, symbol.detail, SYMBOL_KIND[symbol.kind], toVsRange(symbol.range), toVsRange(symbol.selectionRange));
  result.children = symbol.children.map(toDocumentSymbol);
  return result;
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return code === undefined ? undefined : String(code);
}

class CriteriaLanguage implements vscode.CompletionItemProvider, vscode.HoverProvider, vscode.DefinitionProvider, vscode.DocumentSymbolProvider, vscode.CodeActionProvider {
  private readonly parsed: ParsedDocuments;

  constructor(private readonly store: ModelStore) {
    this.parsed = parsedDocuments(store);
  }

  private docOf(document: vscode.TextDocument): CriteriaDoc | undefined {
    return isCriteriaDocument(document, this.store) ? this.parsed.get(document) : undefined;
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    // Space is a trigger character: look at the line before parsing anything.
    if (!isCriteriaDocument(document, this.store)) return undefined;
    const columns = await this.columnCompletions(document, position);
    if (columns) return columns;
    const context = completionContextAt(document.getText(), position);
    if (!context) return undefined;
    // The store's parse (at most one debounce old) is enough for ids and saves a parse per keystroke;
    // half-typed YAML would often hide them anyway.
    const doc = storeEntryOf(this.store, document.uri)?.loaded.doc ?? this.parsed.get(document);
    const candidates = completionCandidates(doc, context);
    return candidates.map((c) => {
      const item = new vscode.CompletionItem({ label: c.label, description: c.detail }, c.kind === 'unit' ? vscode.CompletionItemKind.Module : vscode.CompletionItemKind.Reference);
      item.detail = c.detail;
      if (c.documentation) item.documentation = c.documentation;
      item.insertText = c.insertText;
      item.filterText = c.filterText;
      item.sortText = c.sortText;
      item.range = toVsRange(context.range);
      return item;
    });
  }

  /** `period:`, `numerator:`, `denominator:` of a measure: the headers its data file has. */
  private async columnCompletions(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const entry = storeEntryOf(this.store, document.uri);
    const doc = entry?.loaded.doc;
    if (!doc) return undefined;
    const at = columnFieldAt(doc, document.getText(), { line: position.line, character: position.character });
    if (!at) return undefined;
    const headers = at.field === 'sheet' ? await sheetNames(dataFileOf(doc, at.node.measure!)) : headersOf(entry)(at.node);
    if (!headers || headers.length === 0) return undefined;
    const line = document.lineAt(position.line).text;
    const start = line.indexOf(':') + 1;
    const range = new vscode.Range(position.line, start, position.line, line.length);
    return columnCandidates(headers).map((h, i) => {
      const item = new vscode.CompletionItem({ label: h, description: at.node.measure!.data }, at.field === 'sheet' ? vscode.CompletionItemKind.Module : vscode.CompletionItemKind.Field);
      item.insertText = ` ${JSON.stringify(h)}`;
      item.filterText = line.slice(start);
      item.sortText = String(i).padStart(4, '0');
      item.range = range;
      return item;
    });
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const doc = this.docOf(document);
    const token = doc && tokenAt(doc, position);
    const measured = doc && !token ? measureAt(doc, { line: position.line, character: position.character }) : undefined;
    if (doc && measured) {
      const model = storeEntryOf(this.store, document.uri)?.loaded.model;
      const status = model && flattenCriteria(model).find((c) => c.id === measured.id);
      const markdown = measureHoverMarkdown(measured, status, this.store.locale);
      return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown), toVsRange(measured.measure!.range)) : undefined;
    }
    if (!doc || !token) return undefined;
    const markdown = hoverMarkdown(doc, storeEntryOf(this.store, document.uri)?.loaded.model, token, this.store.locale);
    return markdown ? new vscode.Hover(new vscode.MarkdownString(markdown), toVsRange(token.range)) : undefined;
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const doc = this.docOf(document);
    const token = doc && tokenAt(doc, position);
    const target = doc && token && definitionOf(doc, token);
    return target ? new vscode.Location(document.uri, toVsRange(target)) : undefined;
  }

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    const doc = this.docOf(document);
    return doc ? documentSymbols(doc, this.store.locale).map(toDocumentSymbol) : undefined;
  }

  /** On a measure's `data:` line whose folder does not exist yet: create that folder (the staff then save the export there). */
  private async dataFolderAction(document: vscode.TextDocument, range: vscode.Range): Promise<vscode.CodeAction | undefined> {
    const doc = this.docOf(document);
    const node = doc && dataLineAt(doc, { line: range.start.line, character: range.start.character });
    if (!doc || !node) return undefined;
    const folder = vscode.Uri.file(path.dirname(dataFileOf(doc, node.measure!)));
    const exists = await vscode.workspace.fs.stat(folder).then(() => true, () => false);
    if (exists) return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('Create the data file\'s folder {0}', vscode.workspace.asRelativePath(folder)), vscode.CodeActionKind.QuickFix);
    action.command = { command: CREATE_DATA_FOLDER, title: action.title, arguments: [folder] };
    return action;
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[] | undefined> {
    const folderAction = await this.dataFolderAction(document, range);
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const doc = ours.length > 0 ? this.docOf(document) : undefined;
    if (!doc) return folderAction ? [folderAction] : undefined;
    const text = document.getText();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      // A diagnostic from an older text has no twin in this parse: no fix until it is refreshed.
      const range = fromVsRange(diagnostic.range);
      const problem = doc.problems.find((p) => p.code === codeOf(diagnostic) && rangesEqual(p.range, range));
      if (!problem) continue;
      for (const fix of quickFixesFor(doc, text, problem, this.store.locale)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) action.edit.replace(document.uri, toVsRange(edit.range), edit.newText);
        actions.push(action);
      }
    }
    if (folderAction) actions.push(folderAction);
    return actions;
  }
}

/** Internal command of the quick fix (not in the palette): creates a data file's folder inside the workspace. */
export const CREATE_DATA_FOLDER = 'reformEvidence.createDataFolder';

export function registerLanguageFeatures({ context, store }: Services): void {
  const language = new CriteriaLanguage(store);
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(CRITERIA_SELECTOR, language, ' ', '[', ',', '"', "'"),
    vscode.languages.registerHoverProvider(CRITERIA_SELECTOR, language),
    vscode.languages.registerDefinitionProvider(CRITERIA_SELECTOR, language),
    vscode.languages.registerDocumentSymbolProvider(CRITERIA_SELECTOR, language, { label: 'Reform Evidence' }),
    vscode.languages.registerCodeActionsProvider(CRITERIA_SELECTOR, language, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand(CREATE_DATA_FOLDER, async (folder: unknown) => {
      // Only a folder inside a workspace folder: the argument could come from anywhere that runs commands.
      if (!(folder instanceof vscode.Uri) || folder.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(folder)) return;
      await vscode.workspace.fs.createDirectory(folder);
      void vscode.window.showInformationMessage(vscode.l10n.t('Created {0}.', vscode.workspace.asRelativePath(folder)));
    }),
  );
}
