// Which open documents are criteria files, and their parse, cached per document version so that
// diagnostics, completion, hover and quick fixes share one parse of each text.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CriteriaDoc, Range } from '../../core/model/types';
import { parseCriteria } from '../../core/parse/parseCriteria';
import { DEFAULT_CRITERIA_NAMES, startsAsCriteriaFile } from '../../core/workspace/findCriteria';
import { readSettings } from '../config/settings';
import type { CriteriaEntry, ModelStore } from '../model/modelStore';

/**
 * Criteria files by name, plus every YAML document on disk or not yet saved: providers check the first key
 * themselves. Schemes named, so a read-only old version (a diff's `git:` side) gets no quick fixes and VS Code
 * does not warn about a selector without a scheme.
 */
export const CRITERIA_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'yaml', pattern: '**/criteria.{yaml,yml}' },
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
];

/** Lines read to find the first key: comments may come first. */
const HEAD_LINES = 60;

export function storeEntryOf(store: ModelStore, uri: vscode.Uri): CriteriaEntry | undefined {
  const key = uri.toString();
  return store.entries.find((e) => e.uri.toString() === key);
}

/** A YAML document that the store loaded, that the criteria glob names, or whose first key is `reformEvidence: 1`. */
export function isCriteriaDocument(document: vscode.TextDocument, store: ModelStore): boolean {
  if (document.languageId !== 'yaml') return false;
  if (storeEntryOf(store, document.uri)) return true;
  if (DEFAULT_CRITERIA_NAMES.includes(path.basename(document.uri.path))) return true;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (folder && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, readSettings(folder).criteriaFiles) }, document) > 0) return true;
  return startsAsCriteriaFile(document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, HEAD_LINES), 0)));
}

export class ParsedDocuments {
  private readonly cache = new Map<string, { version: number; doc: CriteriaDoc }>();

  constructor(private readonly store: ModelStore) {}

  /** The document's current text, parsed (once per version). */
  get(document: vscode.TextDocument): CriteriaDoc {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.doc;
    const file = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.path;
    // The fast reading places nodes like `yaml` (test/unit/core/parse/fastRanges.test.ts) and falls back to it.
    const doc = parseCriteria(document.getText(), file, { locale: this.store.locale, fast: true });
    this.cache.set(key, { version: document.version, doc });
    return doc;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }
}

const shared = new WeakMap<ModelStore, ParsedDocuments>();

/** One cache per store, shared by the diagnostics and the language features. */
export function parsedDocuments(store: ModelStore): ParsedDocuments {
  let parsed = shared.get(store);
  if (!parsed) {
    parsed = new ParsedDocuments(store);
    shared.set(store, parsed);
  }
  return parsed;
}

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function fromVsRange(range: vscode.Range): Range {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}
