// What every adapter of the extension gets: the model store, the log, the extension context, and what the
// trees show (filter and grouping), which the trees and the navigation commands share.
import * as vscode from 'vscode';
import type { ModelStore } from './model/modelStore';
import type { ViewOptions } from './tree/viewOptions';

export interface Services {
  context: vscode.ExtensionContext;
  store: ModelStore;
  log: vscode.LogOutputChannel;
  viewOptions: ViewOptions;
}
