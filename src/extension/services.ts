// What every adapter of the extension gets: the model store, the log, the extension context, and what the
// trees show (filter and grouping), which the trees and the navigation commands share; the open review, which the
// Review view shows and the Evidence tree marks.
import * as vscode from 'vscode';
import type { ModelStore } from './model/modelStore';
import type { ReviewState } from './review/reviewState';
import type { ViewOptions } from './tree/viewOptions';

export interface Services {
  context: vscode.ExtensionContext;
  store: ModelStore;
  log: vscode.LogOutputChannel;
  viewOptions: ViewOptions;
  review: ReviewState;
}
