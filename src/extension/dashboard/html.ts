// The dashboard page's HTML shell. Pure (no `vscode`), so the browser test serves exactly this.

export interface ShellOptions {
  /** `webview.cspSource`: the origin the page's own files come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  /** uPlot (media/uplot/, copied from node_modules at build time): its script and style. */
  chartScriptUri: string;
  chartStyleUri: string;
  lang: string;
}

/** 144 random bits as hex, from the Web Crypto global (no Node module to load, and the browser tier renders it too). */
export function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Nothing but our nonce'd script runs; styles and fonts come only from media/; no network at all. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `img-src ${cspSource}`, `base-uri 'none'`, `form-action 'none'`].join('; ');
}

export function dashboardShell(o: ShellOptions): string {
  return `<!DOCTYPE html>
<html lang="${attr(o.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(o.codiconsUri)}">
<link rel="stylesheet" href="${attr(o.chartStyleUri)}">
<link rel="stylesheet" href="${attr(o.styleUri)}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${attr(o.nonce)}" src="${attr(o.chartScriptUri)}"></script>
<script nonce="${attr(o.nonce)}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}
