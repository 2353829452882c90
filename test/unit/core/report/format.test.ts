// The small helpers every report writes through (docs/reports.md "Formats", docs/reliability.md escaping rows):
// numbers as people write them, calendar dates, and the escapes of HTML, Markdown, CSV, notifications, tooltips.
import * as assert from 'node:assert/strict';
import { addDays, csvField, dayOf, daysBetween, escapeHtml, escapeMarkdown, formatScore, markdownStringText, notificationText, percent, toCsv } from '../../../../src/core/report/format';
import { htmlPage } from '../../../../src/core/report/html';

describe('report format helpers', () => {
  it('scores keep at most two decimals, no binary noise', () => {
    assert.equal(formatScore(0.1 + 0.2), '0.3');
    assert.equal(formatScore(1.256), '1.26');
    assert.equal(formatScore(40), '40');
    assert.equal(formatScore(2.5), '2.5');
  });

  it('a share is a whole percentage; an empty whole counts as 100%', () => {
    assert.equal(percent(1, 3), 33);
    assert.equal(percent(2, 3), 67);
    assert.equal(percent(0, 5), 0);
    assert.equal(percent(0, 0), 100);
  });

  it('dates: calendar days either way, and a timestamp keeps the day its author wrote', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2025-01-01', -1), '2024-12-31');
    assert.equal(daysBetween('2025-11-20', '2025-11-20'), 0);
    assert.equal(daysBetween('2025-12-31', '2026-01-02'), 2);
    assert.equal(dayOf('2025-11-03T23:30:00-05:00'), '2025-11-03');
  });

  it('HTML: each of & < > " \' becomes an entity, every occurrence', () => {
    assert.equal(escapeHtml('a&b&c'), 'a&amp;b&amp;c');
    assert.equal(escapeHtml('<<>>'), '&lt;&lt;&gt;&gt;');
    assert.equal(escapeHtml(`"x" 'y'`), '&quot;x&quot; &#39;y&#39;');
    assert.equal(escapeHtml('Kế hoạch 2025'), 'Kế hoạch 2025');
  });

  it('Markdown: every markup character escaped, line breaks joined into one space, HTML as entities', () => {
    assert.equal(escapeMarkdown('\\ ` * _ [ ] | # ~'), '\\\\ \\` \\* \\_ \\[ \\] \\| \\# \\~');
    assert.equal(escapeMarkdown('~~gạch~~ **đậm**'), '\\~\\~gạch\\~\\~ \\*\\*đậm\\*\\*');
    assert.equal(escapeMarkdown('a\r\n\r\nb\nc\rd'), 'a b c d');
    assert.equal(escapeMarkdown('<b>&</b> <i>'), '&lt;b&gt;&amp;&lt;/b&gt; &lt;i&gt;');
    assert.equal(escapeMarkdown('Kế hoạch (2025). 1-2 + 3 = 4!'), 'Kế hoạch (2025). 1-2 + 3 = 4!', 'nothing else changes');
  });

  it('CSV guard: a leading =, +, -, @, tab or carriage return gets an apostrophe; elsewhere nothing', () => {
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('+84 912'), "'+84 912");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('\tx'), "'\tx");
    assert.equal(csvField('\rx'), `"'\rx"`, 'a carriage return also needs quotes');
    assert.equal(csvField('a=b+c-d@e'), 'a=b+c-d@e');
    assert.equal(csvField(' =1'), ' =1');
    // Numbers are ours, not text from a file: a negative score stays a number.
    assert.equal(csvField(-1.5), '-1.5');
    assert.equal(csvField(1.256), '1.26');
  });

  it('CSV quoting (RFC 4180): only a field with a comma, quote or line break is quoted, quotes doubled', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('a\rb'), '"a\rb"');
    assert.equal(csvField('a\nb'), '"a\nb"');
    assert.equal(csvField('plain text; ok'), 'plain text; ok');
    assert.equal(csvField(undefined), '');
    assert.equal(csvField(''), '');
  });

  it('toCsv: a byte order mark, fields joined by commas, CRLF after every line', () => {
    assert.equal(toCsv([['Mã', 'Điểm'], ['1.1', 2], ['=x', undefined]]), "\uFEFFMã,Điểm\r\n1.1,2\r\n'=x,\r\n");
  });

  it('notifications: every "](" gets a zero-width space, so no name becomes a command link', () => {
    assert.equal(notificationText('[a](command:x) [b](https://y)'), '[a]\u200b(command:x) [b]\u200b(https://y)');
    assert.equal(notificationText('(a) [b]'), '(a) [b]');
  });

  it('tooltips (appendText): & and < as entities, every occurrence; the rest as typed', () => {
    assert.equal(markdownStringText('<b>&</b> <i>&'), '&lt;b>&amp;&lt;/b> &lt;i>&amp;');
  });

  it('the HTML page: language and title escaped, a CSP that forbids scripts, the body as given, A4 print styles', () => {
    const page = htmlPage({ title: 'A <b> & "B"', lang: 'vi"x', body: '<p>thân</p>' });
    assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="vi&quot;x">\n<head>\n<meta charset="utf-8">\n'), page.slice(0, 120));
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`));
    assert.ok(page.includes('<meta name="viewport" content="width=device-width, initial-scale=1">'));
    assert.ok(page.includes('<title>A &lt;b&gt; &amp; &quot;B&quot;</title>'));
    assert.ok(page.includes('<body>\n<p>thân</p>\n</body>\n</html>\n'));
    assert.match(page, /@media print \{/);
    assert.match(page, /@page \{ size: A4; margin: 14mm; \}/);
    assert.match(page, /\.state-missing \{ color: var\(--risk\); \}/);
  });
});
