// The frame of the HTML reports: one self-contained, printable page (no scripts, no remote resources).
import { escapeHtml } from './format';

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --secured: #1a7f37; --risk: #cf222e; --waived: #8c959f; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.sub, .note, .foot { color: var(--muted); }
.note { font-size: 12px; font-style: italic; }
.foot { margin-top: 32px; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.area td { background: #f6f8fa; font-weight: 600; }
td.files { font-size: 12px; }
td.files div { white-space: nowrap; }
.state-missing { color: var(--risk); }
.state-partial { color: #9a6700; }
.state-committed, .state-present { color: var(--secured); }
.state-waived { color: var(--muted); }
.bar { display: flex; height: 14px; border: 1px solid var(--line); border-radius: 3px; overflow: hidden; margin: 12px 0 4px; }
.bar span { display: block; height: 100%; }
.bar .secured { background: var(--secured); } .bar .risk { background: var(--risk); } .bar .waived { background: var(--waived); }
figure.chart { margin: 8px 0; }
figure.chart svg { max-width: 100%; height: auto; }
ul { margin: 4px 0 8px; padding-left: 22px; }
code, .hash { font-family: ui-monospace, "Cascadia Mono", "Liberation Mono", monospace; font-size: 12px; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  .bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  figure.chart { break-inside: avoid; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
@page { size: A4; margin: 14mm; }
`;

/** A complete HTML document. `body` must already be escaped; a CSP forbids scripts as a second line of defence. */
export function htmlPage({ title, lang, body }: { title: string; lang: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
