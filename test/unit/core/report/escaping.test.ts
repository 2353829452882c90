// Strings from a criteria file or a file name are shown as text, never as markup: in the Markdown and HTML
// reports, in the hovers of the criteria file, and in notifications. The Markdown is rendered by markdown-it
// with raw HTML allowed (as VS Code's Markdown preview does), so a test fails if anything becomes a tag.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import fc from 'fast-check';
import { hoverMarkdown, escapeMarkdown as escapeHover } from '../../../../src/core/language/hover';
import { tokenAt } from '../../../../src/core/language/tokens';
import type { CriteriaDoc, EvidenceCommit, FileRecord, StatusModel } from '../../../../src/core/model/types';
import { escapeHtml, escapeMarkdown, markdownStringText, notificationText } from '../../../../src/core/report/format';
import { renderSelfAssessmentCsv, renderSelfAssessmentHtml, selfAssessment } from '../../../../src/core/report/selfAssessment';
import { renderWeeklyHtml, renderWeeklyMarkdown, weeklyData } from '../../../../src/core/report/weekly';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, sampleCriteria, tempDir, writeFiles } from '../../helpers';

interface MarkdownIt {
  render(src: string): string;
  renderInline(src: string): string;
}
// markdown-it (installed with @vscode/vsce) is the renderer of VS Code's Markdown preview.
const MarkdownItClass = createRequire(__filename)('markdown-it') as new (options: object) => MarkdownIt;
/** The most permissive configuration: raw HTML passes through, bare URLs become links. */
const markdown = new MarkdownItClass({ html: true, linkify: true });
const markdownNoLinkify = new MarkdownItClass({ html: true, linkify: false });

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const COMMAND_LINK = '[x](command:workbench.action.terminal.new)';
const FORMATTING = '**bold** <b>b</b> &lt;i&gt;';
const MORE = '~~strike~~ `code` ![i](http://example.invalid/i.png) <http://example.invalid> $(zap)';
const HOSTILE = [SCRIPT, IMG, COMMAND_LINK, FORMATTING, MORE];
const FILE_NAME = `${IMG} ${COMMAND_LINK}.pdf`;
const AS_OF = '2025-11-20';

/** Text content of HTML that has no tags of its own. */
function decode(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The tag names in rendered HTML. */
function tags(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
}

/** Markers that must never appear in rendered output: script, event handlers, images, command links, hostile formatting. */
function assertNoInjection(html: string, where: string): void {
  assert.doesNotMatch(html, /<script|<img|href="command:|<s>|<del>|<strong>bold|<b>b<\/b>|<code>code/i, where);
}

/** Control characters as spaces (the parser shows them as U+FFFD anyway, RE206), except those in `keep`. */
function withoutControls(text: string, keep = ''): string {
  return [...text].map((c) => ((c.charCodeAt(0) < 32 || c === '\u007f') && !keep.includes(c) ? ' ' : c)).join('');
}

const yamlString = (s: string) => JSON.stringify(s);

/** A ward whose titles, unit name, task, requirement and evidence file carry hostile strings. */
async function hostileWorkspace(): Promise<{ doc: CriteriaDoc; model: StatusModel; text: string }> {
  const dir = tempDir();
  const text = sampleCriteria()
    .replace('title: Kế hoạch CCHC', `title: ${yamlString(`${SCRIPT} ${COMMAND_LINK}`)}`)
    .replace('title: Báo cáo quý\n', `title: ${yamlString(MORE)}\n`)
    .replace('name: Văn phòng HĐND và UBND', `name: ${yamlString(IMG)}`)
    .replace('title: Tập huấn ISO 9001:2015', `title: ${yamlString(FORMATTING)}`)
    .replace('notApplicable: Phường không ban hành văn bản QPPL', `notApplicable: ${yamlString(`${COMMAND_LINK}\n- list\n===`)}`);
  writeFiles(dir, { 'criteria.yaml': text, [`evidence/1.1 Kế hoạch/${FILE_NAME}`]: '%PDF' });
  const { doc, model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: AS_OF });
  assert.equal(doc.byId.get('1.1')?.title, `${SCRIPT} ${COMMAND_LINK}`, 'the hostile title is kept verbatim in the model');
  return { doc, model, text };
}

function hostileRecords(commits: EvidenceCommit[]): Map<string, FileRecord> {
  const c = commits[0];
  return new Map([[c.files[0], { path: c.files[0], hash: c.hash, shortHash: c.shortHash, date: c.date, author: c.author }]]);
}

function hostileCommits(model: StatusModel): EvidenceCommit[] {
  const file = model.areas[0].children[0].requirements[0].files[0]?.path ?? FILE_NAME;
  return [{ hash: 'a'.repeat(40), shortHash: 'aaaaaaa', author: IMG, email: 'x@example.invalid', date: `${AS_OF}T09:00:00+07:00`, subject: `${SCRIPT} ${COMMAND_LINK}`, criteria: ['1.1'], files: [file] }];
}

describe('escaping: strings from criteria files and file names are text', () => {
  afterEach(cleanupTempDirs);

  it('report Markdown escaping: any text renders back to itself, with no tag (property, markdown-it with HTML on)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom(...HOSTILE), (random, hostile) => {
        for (const text of [random, hostile, `${random}${hostile}`]) {
          const clean = withoutControls(text);
          const html = markdownNoLinkify.renderInline(escapeMarkdown(clean));
          assert.deepEqual(tags(html), [], `no tag for ${JSON.stringify(clean)}: ${html}`);
          assert.equal(decode(html).replace(/\s+/g, ' ').trim(), clean.replace(/\s+/g, ' ').trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hover Markdown escaping: any text renders back to itself, with no tag, on one line (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom(...HOSTILE, 'a\n- list', 'a\n===', 'a\n\n# h'), (random, hostile) => {
        for (const text of [random, hostile, `${hostile}${random}`]) {
          const clean = withoutControls(text, '\r\n');
          const html = markdownNoLinkify.render(`**1.1** · ${escapeHover(clean)}`);
          assert.deepEqual(tags(html), ['p', 'strong', 'strong', 'p'], `only our own tags for ${JSON.stringify(clean)}: ${html}`);
          const shown = decode(html.replace(/<\/?(p|strong)>/g, ''));
          assert.equal(shown.replace(/\s+/g, ' ').trim(), `1.1 · ${clean}`.replace(/\s+/g, ' ').trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the weekly report in Markdown shows every hostile title, unit, commit subject and author as text', async () => {
    const { model } = await hostileWorkspace();
    const commits = hostileCommits(model);
    const md = renderWeeklyMarkdown(weeklyData(model, { commits, before: null, since: '2025-11-13' }), 'en');
    const html = markdown.render(md);
    assertNoInjection(html, 'rendered weekly Markdown');
    const text = decode(html.replace(/<[^>]+>/g, ''));
    for (const s of [SCRIPT, IMG, COMMAND_LINK, MORE]) assert.ok(text.includes(s), `"${s}" shown as text`);
    // A raw view of the file (any editor) shows no live markup either.
    assert.doesNotMatch(md, /<script|<img|<b>|(?<!\\)\[x(?<!\\)\]\(command:/);
  });

  it('the HTML reports (weekly, self-assessment) escape every hostile string', async () => {
    const { model } = await hostileWorkspace();
    const commits = hostileCommits(model);
    const weekly = renderWeeklyHtml(weeklyData(model, { commits, before: null, since: '2025-11-13' }), 'vi');
    const table = renderSelfAssessmentHtml(selfAssessment(model, hostileRecords(commits)), 'en');
    for (const [name, html] of [
      ['weekly', weekly],
      ['self-assessment', table],
    ]) {
      assert.doesNotMatch(html, /<script|<img|href=/i, name);
      assert.ok(html.includes(escapeHtml(SCRIPT)), `${name}: the script title as text`);
      assert.ok(html.includes(escapeHtml(IMG)), `${name}: the unit name as text`);
    }
    assert.ok(table.includes(escapeHtml(FILE_NAME)), 'the hostile file name is listed as text');
    // In a spreadsheet nothing runs either: no cell starts a formula.
    const csv = renderSelfAssessmentCsv(selfAssessment(model), 'en');
    assert.ok(csv.includes(IMG.replace(/"/g, '""')), 'the CSV keeps the text, quotes doubled');
  });

  it('hovers over a hostile criterion, unit and task render only our own markup', async () => {
    const { doc, model, text } = await hostileWorkspace();
    const at = (needle: string, offset = 0) => {
      const index = text.indexOf(needle) + offset;
      const line = text.slice(0, index).split('\n').length - 1;
      return { line, character: index - text.lastIndexOf('\n', index - 1) - 1 };
    };
    // [text before the token, offset into it, the hostile strings the hover shows]
    const cases: Array<[string, number, string[]]> = [
      ['id: "1.1"', 6, [SCRIPT, COMMAND_LINK]],
      ['id: "2.2"', 6, [COMMAND_LINK]],
      ['id: NV-01', 6, [FORMATTING]],
      ['  VP:', 3, [IMG]],
    ];
    for (const [needle, offset, shown] of cases) {
      const token = tokenAt(doc, at(needle, offset));
      assert.ok(token, `a token at ${needle}`);
      const md = hoverMarkdown(doc, model, token, 'en');
      assert.ok(md, `a hover at ${needle}`);
      const html = markdown.render(md);
      assertNoInjection(html, `hover at ${needle}`);
      assert.deepEqual([...new Set(tags(html))].filter((t) => t !== 'p' && t !== 'strong'), [], `only paragraphs and bold: ${html}`);
      const plain = decode(html.replace(/<[^>]+>/g, ''));
      for (const s of shown) assert.ok(plain.includes(s.replace(/\s*\n\s*/g, ' ')), `"${s}" shown as text in ${plain}`);
    }
  });

  it('tree and status bar tooltips: text through MarkdownString.appendText renders back to itself, tags included (property)', () => {
    // vscode.MarkdownString.appendText of VS Code 1.100 (src/vs/base/common/htmlContent.ts), with theme icons on.
    const appendText = (value: string) =>
      value
        .replace(/(\\)?\$\([a-z0-9-]+?(?:~[a-z0-9-]*?)?\)/gi, (match: string, escaped?: string) => (escaped ? match : `\\${match}`))
        .replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&')
        .replace(/([ \t]+)/g, (_m: string, g: string) => '&nbsp;'.repeat(g.length))
        .replace(/>/gm, '\\>')
        .replace(/\n/g, '\n\n');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom(...HOSTILE, FILE_NAME, 'no\u00a0break\u00a0space'), (random, hostile) => {
        for (const text of [random, hostile, `${random}${hostile}`]) {
          const clean = withoutControls(text);
          const html = markdownNoLinkify.renderInline(appendText(markdownStringText(clean)));
          assert.deepEqual(tags(html), [], `no tag for ${JSON.stringify(clean)}: ${html}`);
          // VS Code then shows an escaped `\$(icon)` as the literal `$(icon)` (renderLabelWithIcons). Spaces come
          // back as no-break spaces (`&nbsp;`), so both sides read U+00A0 as a space: the input may hold one too.
          const asSpaces = (s: string) => s.replace(/\u00a0/g, ' ');
          assert.equal(asSpaces(decode(html)).replace(/\\\$\(/g, '$('), asSpaces(clean));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('notification text: no [label](command:…) link survives, and the text looks the same', () => {
    // The link syntax VS Code's notifications recognise (src/vs/base/common/linkedText.ts, parseLinkedText).
    const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
    const message = `"${FILE_NAME}" would not count for "${COMMAND_LINK}" [y](https://example.invalid) [z](file:///etc/passwd)`;
    assert.ok(LINK.test(message), 'the raw message would show links');
    LINK.lastIndex = 0;
    const safe = notificationText(message);
    assert.equal(LINK.test(safe), false);
    assert.equal(safe.replace(/\u200b/g, ''), message, 'only zero-width spaces added');
  });
});
