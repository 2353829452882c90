// Diagnostics of criteria files: the core's problems, in the Problems panel, as the user types.
// Files the store loads are re-parsed by the store (one parse per edit); other open YAML documents
// whose first key is `reformEvidence: 1` are parsed here, debounced.
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Problem, Range, Severity } from '../../core/model/types';
import { isCriteriaDocument, parsedDocuments, storeEntryOf, toVsRange } from '../language/criteriaDocuments';
import type { CriteriaEntry } from '../model/modelStore';
import type { Services } from '../services';

export const DIAGNOSTIC_SOURCE = 'reform-evidence';
const EDIT_DEBOUNCE_MS = 250;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** README line of each code's row in the problem-code table, so a code links to its explanation. */
function readmeLines(readme: vscode.Uri): Map<string, number> {
  const lines = new Map<string, number>();
  try {
    readFileSync(readme.fsPath, 'utf8')
      .split(/\r?\n/)
      .forEach((line, i) => {
        if (!line.startsWith('| RE')) return;
        for (const code of line.split('|')[1].split('/')) lines.set(code.trim(), i + 1);
      });
  } catch {
    // No README beside the extension: codes stay plain text.
  }
  return lines;
}

function isRange(value: unknown): value is Range {
  const r = value as Range | undefined;
  return typeof r?.start?.line === 'number' && typeof r.end?.character === 'number';
}

export function toDiagnostic(problem: Problem, uri: vscode.Uri, codeTarget?: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(problem.range), problem.message, SEVERITY[problem.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = codeTarget ? { value: problem.code, target: codeTarget } : problem.code;
  const first = problem.data?.first;
  if ((problem.code === 'RE100' || problem.code === 'RE101') && isRange(first)) {
    diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toVsRange(first)), vscode.l10n.t('First defined here'))];
  }
  return diagnostic;
}

export function registerDiagnostics({ context, store }: Services): void {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const parsed = parsedDocuments(store);
  const readme = vscode.Uri.joinPath(context.extensionUri, 'README.md');
  const codeLines = readmeLines(readme);
  const target = (code: string) => (codeLines.has(code) ? readme.with({ fragment: `L${codeLines.get(code)}` }) : undefined);
  const publish = (uri: vscode.Uri, problems: Problem[]) => collection.set(uri, problems.map((p) => toDiagnostic(p, uri, target(p.code))));
  /** Published from the store's entries, and from open documents the store does not know. */
  const fromStore = new Set<string>();
  const fromEditor = new Set<string>();
  const timers = new Map<string, NodeJS.Timeout>();

  const publishEntries = (changed: CriteriaEntry | undefined) => {
    if (!changed) {
      const live = new Set(store.entries.map((e) => e.uri.toString()));
      for (const key of [...fromStore].filter((k) => !live.has(k))) {
        fromStore.delete(key);
        collection.delete(vscode.Uri.parse(key));
      }
    }
    for (const entry of changed ? [changed] : store.entries) {
      const key = entry.uri.toString();
      fromStore.add(key);
      fromEditor.delete(key);
      publish(entry.uri, entry.loaded.doc.problems);
    }
    // A file the store dropped may still be open as a criteria document.
    if (!changed) vscode.workspace.textDocuments.forEach(checkDocument);
  };

  const checkDocument = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    if (fromStore.has(key) || storeEntryOf(store, document.uri)) return;
    const deleted = document.uri.scheme === 'file' && !existsSync(document.uri.fsPath);
    if (deleted || !isCriteriaDocument(document, store)) {
      if (fromEditor.delete(key)) collection.delete(document.uri);
      return;
    }
    fromEditor.add(key);
    publish(document.uri, parsed.get(document).problems);
  };

  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    if (fromStore.has(key) || document.languageId !== 'yaml') return;
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        checkDocument(document);
      }, EDIT_DEBOUNCE_MS),
    );
  };

  const closed = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    parsed.forget(document.uri);
    // The store's files keep their diagnostics while closed; others are only watched while open.
    if (fromEditor.delete(key) && !fromStore.has(key)) collection.delete(document.uri);
  };

  context.subscriptions.push(
    collection,
    store.onDidChange(publishEntries),
    vscode.workspace.onDidOpenTextDocument(checkDocument),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument(closed),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
  publishEntries(undefined);
}
