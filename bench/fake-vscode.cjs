// A minimal `vscode` module for timing activation outside VS Code: the parts activate touches are real
// enough (output channel, event emitters, commands, configuration); anything else is a harmless stub.
'use strict';
const path = require('node:path');

/** A callable, constructible object whose every property is another stub: absorbs any API we did not model. */
function stub(overrides = {}) {
  const cache = new Map();
  const target = function () {};
  // Free `name` and `length` so code can set them (a tree item's name, say) like on a plain object.
  delete target.name;
  delete target.length;
  // Overrides are own properties, so bundlers that copy a module's own keys (esbuild's __toESM) see them.
  for (const [key, value] of Object.entries(overrides)) Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
  const lookup = (t, prop) => {
    if (Object.prototype.hasOwnProperty.call(t, prop)) return t[prop];
    if (prop === 'then' || prop === '__esModule') return undefined; // neither a promise nor an ES module
    if (prop === Symbol.iterator) return function* () {};
    if (prop === Symbol.toPrimitive) return () => 0;
    if (prop === 'dispose') return () => undefined;
    if (typeof prop === 'symbol') return undefined;
    if (!cache.has(prop)) cache.set(prop, stub());
    return cache.get(prop);
  };
  // esbuild's __toESM copies own keys onto an object whose prototype is the module's: this prototype
  // answers every other name, so `vscode.SymbolKind.Namespace` still works through the copy.
  const fallback = new Proxy({}, { get: (_t, prop) => lookup(target, prop) });
  return new Proxy(target, {
    get: (t, prop) => lookup(t, prop),
    getPrototypeOf: () => fallback,
    set: (t, prop, value) => Reflect.defineProperty(t, prop, { value, writable: true, configurable: true, enumerable: true }),
    apply: () => stub(),
    construct: () => stub(),
  });
}

const disposable = () => ({ dispose() {} });

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i?.dispose?.()));
  }
  dispose() {
    this.fn?.();
  }
}

class Uri {
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath;
  }
  static file(p) {
    return new Uri('file', p);
  }
  static parse(s) {
    return new Uri(s.split(':')[0], s.replace(/^file:\/\//, ''));
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  with() {
    return this;
  }
  toString() {
    return `${this.scheme}://${this.fsPath}`;
  }
}

class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

const event = () => disposable;
const channel = () => {
  const noop = () => undefined;
  return { info: noop, warn: noop, error: noop, debug: noop, trace: noop, append: noop, appendLine: noop, replace: noop, clear: noop, show: noop, hide: noop, dispose: noop, name: 'Reform Evidence', logLevel: 2, onDidChangeLogLevel: event() };
};
const configuration = () => ({ get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined });
const format = (message, ...args) => String(message).replace(/\{(\d+)\}/g, (m, i) => (args[i] !== undefined ? String(args[i]) : m));

const vscode = stub({
  EventEmitter,
  Disposable,
  Uri,
  TreeItem,
  ThemeIcon: class ThemeIcon { constructor(id, color) { this.id = id; this.color = color; } },
  ThemeColor: class ThemeColor { constructor(id) { this.id = id; } },
  MarkdownString: class MarkdownString { constructor(value = '') { this.value = value; } appendMarkdown(s) { this.value += s; return this; } appendText(s) { this.value += s; return this; } },
  RelativePattern: class RelativePattern { constructor(base, pattern) { this.base = base; this.pattern = pattern; } },
  Range: class Range { constructor(a, b, c, d) { Object.assign(this, { start: { line: a, character: b }, end: { line: c, character: d } }); } },
  Position: class Position { constructor(line, character) { Object.assign(this, { line, character }); } },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  version: '1.100.0',
  env: stub({ language: 'en', appName: 'bench', clipboard: stub() }),
  l10n: stub({ t: (message, ...args) => format(typeof message === 'string' ? message : message.message, ...args), bundle: undefined, uri: undefined }),
  window: stub({
    createOutputChannel: channel,
    createTreeView: () => stub({ onDidChangeVisibility: event(), onDidExpandElement: event(), onDidCollapseElement: event(), onDidChangeSelection: event(), visible: false }),
    registerTreeDataProvider: disposable,
    registerFileDecorationProvider: disposable,
    registerWebviewPanelSerializer: disposable,
    registerWebviewViewProvider: disposable,
    createStatusBarItem: () => stub({ show() {}, hide() {}, dispose() {} }),
    onDidChangeActiveTextEditor: event(),
    onDidChangeVisibleTextEditors: event(),
    activeTextEditor: undefined,
    visibleTextEditors: [],
  }),
  workspace: stub({
    workspaceFolders: [],
    textDocuments: [],
    isTrusted: true,
    getConfiguration: configuration,
    getWorkspaceFolder: () => undefined,
    findFiles: async () => [],
    createFileSystemWatcher: () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} }),
    onDidChangeWorkspaceFolders: event(),
    onDidGrantWorkspaceTrust: event(),
    onDidChangeConfiguration: event(),
    onDidChangeTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidOpenTextDocument: event(),
    onDidSaveTextDocument: event(),
    registerTextDocumentContentProvider: disposable,
  }),
  commands: stub({ registerCommand: disposable, registerTextEditorCommand: disposable, executeCommand: async () => undefined }),
  languages: stub({ createDiagnosticCollection: () => stub({ set() {}, delete() {}, clear() {}, dispose() {} }), match: () => 0 }),
  extensions: stub({ getExtension: () => undefined, all: [] }),
});

/** A fake ExtensionContext rooted at the repository. */
function fakeContext(root) {
  const memento = () => {
    const values = new Map();
    return { get: (k, d) => (values.has(k) ? values.get(k) : d), update: async (k, v) => void values.set(k, v), keys: () => [...values.keys()], setKeysForSync() {} };
  };
  const tmp = path.join(root, 'bench', 'work', 'context');
  return stub({
    subscriptions: [],
    extensionPath: root,
    extensionUri: Uri.file(root),
    asAbsolutePath: (p) => path.join(root, p),
    globalState: memento(),
    workspaceState: memento(),
    storageUri: Uri.file(tmp),
    globalStorageUri: Uri.file(tmp),
    logUri: Uri.file(tmp),
    storagePath: tmp,
    globalStoragePath: tmp,
    logPath: tmp,
    extensionMode: 1,
    extension: { id: 'reform-evidence.reform-evidence', packageJSON: require(path.join(root, 'package.json')) },
  });
}

module.exports = { vscode, fakeContext };
