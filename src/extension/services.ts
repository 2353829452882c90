// What every adapter of the extension gets: the model store, the log, the extension context.
import * as vscode from 'vscode';
import type { ModelStore } from './model/modelStore';

export interface Services {
  context: vscode.ExtensionContext;
  store: ModelStore;
  log: vscode.LogOutputChannel;
}
