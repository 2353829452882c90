// What VS Code gives a webview page (and what the browser test stubs).
interface VsCodeWebviewApi<State> {
  postMessage(message: import('../../src/extension/dashboard/protocol').PageMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeWebviewApi<{ open: string[] }>;
