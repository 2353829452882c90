import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { completionCandidates, completionContextAt } from '../../../../src/core/language/completion';
import { escapeMarkdown, hoverMarkdown } from '../../../../src/core/language/hover';
import { documentSymbols, type CriteriaSymbol } from '../../../../src/core/language/symbols';
import { applyEdits, offsetAt, rangeContains, textIn } from '../../../../src/core/language/text';
import { allNodes, definitionOf, tokenAt } from '../../../../src/core/language/tokens';
import { t } from '../../../../src/core/i18n/messages';
import type { Position } from '../../../../src/core/model/types';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const ROOT = path.resolve(__dirname, '../../../../..');
const EXAMPLE_FILE = path.join(ROOT, 'examples/ward-2025/criteria.yaml');
const EXAMPLE = readFileSync(EXAMPLE_FILE, 'utf8');
const FILE = '/ws/criteria.yaml';

/** Position of `needle` on the first line (at or after line `from`) that contains `lineNeedle`, plus `shift` characters. */
function at(text: string, lineNeedle: string, needle = lineNeedle, shift = 0, from = 0): Position {
  const lines = text.split(/\r?\n/);
  const line = lines.findIndex((l, i) => i >= from && l.includes(lineNeedle));
  assert.ok(line >= 0, `"${lineNeedle}" not in text`);
  const character = lines[line].indexOf(needle);
  assert.ok(character >= 0, `"${needle}" not on line ${line + 1}`);
  return { line, character: character + shift };
}

/** The text with the cursor at the end of it, for completion. */
function endOf(text: string): Position {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

describe('language: text helpers', () => {
  it('maps positions to offsets on LF and CRLF text and applies edits from the end', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = ['ab', 'cdé', 'f'].join(eol);
      assert.equal(text[offsetAt(text, { line: 1, character: 2 })], 'é');
      assert.equal(offsetAt(text, { line: 1, character: 99 }), 2 + eol.length + 3, 'a column past the end stops at the line end');
      const edited = applyEdits(text, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'X' },
        { range: { start: { line: 2, character: 1 }, end: { line: 2, character: 1 } }, newText: 'YZ' },
      ]);
      assert.equal(edited, ['Xb', 'cdé', 'fYZ'].join(eol));
    }
  });
});

describe('language: tokens and definitions', () => {
  const doc = parseCriteria(EXAMPLE, EXAMPLE_FILE);

  it('finds a criterion owner as a reference to its unit, and goes to the unit key', () => {
    const token = tokenAt(doc, at(EXAMPLE, 'owner: VHXH', 'VHXH', 2));
    assert.equal(token?.kind, 'unitRef');
    assert.equal(token?.id, 'VHXH');
    const target = definitionOf(doc, token!);
    assert.ok(target);
    assert.equal(textIn(EXAMPLE, target), 'VHXH');
    assert.match(EXAMPLE.split('\n')[target.start.line], /^ {2}VHXH: \{ name:/);
  });

  it('finds support entries and task owners as unit references', () => {
    const nv04 = at(EXAMPLE, 'id: "NV-04"').line;
    const support = tokenAt(doc, at(EXAMPLE, 'support: [VHXH, VP]', 'VP]', 0, nv04));
    assert.deepEqual([support?.kind, support?.id], ['unitRef', 'VP']);
    const owner = tokenAt(doc, at(EXAMPLE, 'owner: TTPVHCC', 'TTPVHCC', 1, nv04));
    assert.deepEqual([owner?.kind, owner?.id], ['unitRef', 'TTPVHCC']);
  });

  it('goes from a task criterion reference to the criterion id, quotes included', () => {
    const token = tokenAt(doc, at(EXAMPLE, 'criteria: ["1.2.2", "1.1.2"]', '1.1.2', 3));
    assert.equal(token?.kind, 'criterionRef');
    assert.equal(token?.id, '1.1.2');
    const target = definitionOf(doc, token!);
    assert.ok(target);
    assert.equal(textIn(EXAMPLE, target), '"1.1.2"');
    assert.deepEqual(target, doc.byId.get('1.1.2')?.idRange);
  });

  it('tells definitions apart from references, and finds nothing on a title', () => {
    assert.equal(tokenAt(doc, at(EXAMPLE, 'id: "1.1.1"', '1.1.1'))?.kind, 'criterionDef');
    assert.equal(tokenAt(doc, at(EXAMPLE, 'VP: { name:', 'VP'))?.kind, 'unitDef');
    assert.equal(tokenAt(doc, at(EXAMPLE, 'id: "NV-01"', 'NV-01'))?.kind, 'taskDef');
    assert.equal(tokenAt(doc, at(EXAMPLE, 'title: "Kế hoạch cải cách hành chính năm"', 'Kế hoạch', 3)), undefined);
    assert.equal(definitionOf(doc, tokenAt(doc, at(EXAMPLE, 'id: "1.1.1"', '1.1.1'))!), undefined, 'a unique definition points nowhere else');
  });

  it('sends a duplicate criterion id to its first definition', () => {
    const text = sampleCriteria().replace('- id: "1.2"', '- id: "1.1"');
    const dup = parseCriteria(text, FILE);
    const second = at(text, 'id: "1.1"', '1.1', 0, at(text, 'id: "1.1"').line + 1);
    const token = tokenAt(dup, second);
    assert.equal(token?.kind, 'criterionDef');
    assert.deepEqual(definitionOf(dup, token!)?.start, at(text, 'id: "1.1"', '"1.1"'));
  });
});

describe('language: completion', () => {
  const doc = parseCriteria(sampleCriteria(), FILE);
  const head = sampleCriteria().split('tasks:')[0];

  it('offers unit ids after owner:, replacing what is typed', () => {
    const text = `${head}tasks:\n  - id: NV-09\n    owner: VH`;
    const context = completionContextAt(text, endOf(text));
    assert.equal(context?.kind, 'unit');
    assert.equal(textIn(text, context!.range), 'VH');
    const candidates = completionCandidates(doc, context!);
    assert.deepEqual(candidates.map((c) => c.label), [...doc.units.keys()]);
    assert.equal(candidates.find((c) => c.label === 'VHXH')?.detail, 'Phòng Văn hóa - Xã hội');
    assert.equal(candidates[0].insertText, candidates[0].label);
  });

  it('adds the missing space after "owner:" and "-"', () => {
    const text = `${head}tasks:\n  - id: NV-09\n    owner:`;
    const context = completionContextAt(text, endOf(text));
    assert.equal(completionCandidates(doc, context!)[0].insertText, ' VP');
  });

  it('offers unit ids in flow and block support lists', () => {
    const flow = `${head}tasks:\n  - id: NV-09\n    support: [VP, `;
    assert.equal(completionContextAt(flow, endOf(flow))?.kind, 'unit');
    const block = `${head}tasks:\n  - id: NV-09\n    support:\n      - VP\n      - `;
    assert.equal(completionContextAt(block, endOf(block))?.kind, 'unit');
    const sameIndent = `${head}tasks:\n  - id: NV-09\n    support:\n    - `;
    assert.equal(completionContextAt(sameIndent, endOf(sameIndent))?.kind, 'unit');
  });

  it('offers criterion ids, quoted, in a task criteria list', () => {
    const flow = `${head}tasks:\n  - id: NV-09\n    criteria: ["1.1", "1.`;
    const context = completionContextAt(flow, endOf(flow));
    assert.equal(context?.kind, 'criterion');
    assert.equal(textIn(flow, context!.range), '"1.');
    const candidates = completionCandidates(doc, context!);
    assert.deepEqual(candidates.map((c) => c.label), allNodes(doc).map((n) => n.id));
    assert.equal(candidates.find((c) => c.label === '1.2')?.insertText, '"1.2"');
    assert.equal(candidates.find((c) => c.label === '1.2')?.detail, 'Báo cáo quý');
    const block = `${head}tasks:\n  - id: NV-09\n    criteria:\n      - `;
    const blockContext = completionContextAt(block, endOf(block));
    assert.equal(blockContext?.kind, 'criterion');
    assert.equal(completionCandidates(doc, blockContext!)[0].insertText, '"1"', 'unquoted, 1.2 would be a number');
  });

  it('replaces the closing quote an editor inserted', () => {
    const text = `${head}tasks:\n  - id: NV-09\n    criteria: ['2.']`;
    const cursor = { line: endOf(text).line, character: endOf(text).character - 2 };
    const context = completionContextAt(text, cursor);
    assert.equal(textIn(text, context!.range), "'2.'");
    assert.equal(completionCandidates(doc, context!).find((c) => c.label === '2.1')?.insertText, "'2.1'");
  });

  it('offers nothing in the criteria tree, in titles or in comments', () => {
    for (const text of [`${head}  - `, `${head}  - id: "3"\n    title: `, `${head}# owner: `, `${head}tasks:\n  - id: NV-09\n    title: Lập owner: `]) {
      assert.equal(completionContextAt(text, endOf(text)), undefined, JSON.stringify(text.slice(-30)));
    }
  });
});

describe('language: hover', () => {
  after(cleanupTempDirs);

  async function loaded(locale: 'en' | 'vi') {
    const dir = tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/ke-hoach.pdf': 'pdf' });
    return loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20', useGit: false, locale });
  }

  it('shows a unit with its head and the points it answers for, from the model', async () => {
    const { doc, model } = await loaded('en');
    const text = sampleCriteria().replace('name: Văn phòng HĐND và UBND', 'name: Văn phòng HĐND và UBND\n    head: Lê Văn *Thành*');
    const withHead = parseCriteria(text, FILE);
    const token = tokenAt(withHead, at(text, 'owner: VP', 'VP'))!;
    const markdown = hoverMarkdown(withHead, model, token, 'en')!;
    const totals = model.byUnit.find((u) => u.id === 'VP')!;
    assert.match(markdown, /\*\*VP\*\* · Văn phòng HĐND và UBND/);
    assert.ok(markdown.includes('Head: Lê Văn \\*Thành\\*'), markdown);
    assert.ok(markdown.includes(t('en', 'hover.unitPoints', totals.max, totals.secured, totals.atRisk, totals.overdue)), markdown);
    assert.ok(totals.atRisk > 0);
    assert.equal(hoverMarkdown(doc, undefined, { kind: 'unitRef', id: 'NOPE', range: token.range }, 'en'), undefined);
  });

  it('shows a criterion with its score, state, owner and due date', async () => {
    const { doc, model } = await loaded('en');
    const text = sampleCriteria();
    const present = hoverMarkdown(doc, model, tokenAt(doc, at(text, 'criteria: ["1.1"]', '1.1'))!, 'en')!;
    assert.ok(present.includes('**1.1** · Kế hoạch CCHC'), present);
    assert.ok(present.includes(`Max score 1 · ${t('en', 'state.present')}`), present);
    assert.ok(present.includes('Owner: VHXH (Phòng Văn hóa - Xã hội) · due 2025-12-15'), present);
    const overdue = hoverMarkdown(doc, model, tokenAt(doc, at(text, 'id: "1.2"', '1.2'))!, 'en')!;
    assert.ok(overdue.includes(`${t('en', 'state.missing')} · ${t('en', 'state.overdue')}`), overdue);
    const parent = hoverMarkdown(doc, model, tokenAt(doc, at(text, 'id: "1"', '"1"'))!, 'en')!;
    assert.ok(parent.includes('secured 1/3'), parent);
  });

  it('speaks Vietnamese when asked', async () => {
    const { doc, model } = await loaded('vi');
    const markdown = hoverMarkdown(doc, model, tokenAt(doc, at(sampleCriteria(), 'id: "1.2"', '1.2'))!, 'vi')!;
    assert.ok(markdown.includes('Điểm tối đa 2 · thiếu · quá hạn'), markdown);
    assert.ok(markdown.includes('Đơn vị chủ trì: VP'), markdown);
  });

  it('escapes Markdown in titles and names', () => {
    assert.equal(escapeMarkdown('Báo cáo *quý* [III] <b>#1</b>'), 'Báo cáo \\*quý\\* \\[III\\] \\<b\\>\\#1\\</b\\>');
  });
});

describe('language: document symbols', () => {
  const doc = parseCriteria(EXAMPLE, EXAMPLE_FILE);
  const symbols = documentSymbols(doc, 'en');
  const walk = (list: CriteriaSymbol[]): CriteriaSymbol[] => list.flatMap((s) => [s, ...walk(s.children)]);

  it('lists units, the criteria tree and tasks, in file order', () => {
    assert.equal(symbols[0].name, 'Units');
    assert.deepEqual(symbols[0].children.map((s) => s.name), [...doc.units.keys()]);
    assert.deepEqual(symbols.slice(1, -1).map((s) => s.name.split(' ')[0]), doc.areas.map((a) => a.id));
    assert.equal(symbols.at(-1)?.name, 'Tasks');
    assert.deepEqual(symbols.at(-1)?.children.map((s) => s.name.split(' ')[0]), doc.tasks.map((x) => x.id));
    const leaves = walk(symbols).filter((s) => s.kind === 'leaf');
    assert.equal(leaves.length, allNodes(doc).filter((n) => n.children.length === 0).length);
    const first = walk(symbols).find((s) => s.name.startsWith('1.1.1 '));
    assert.equal(first?.detail, '1 pt · VHXH');
  });

  it('keeps every selection range inside its range, and every child inside its parent', () => {
    for (const symbol of walk(symbols)) {
      assert.ok(rangeContains(symbol.range, symbol.selectionRange.start) && rangeContains(symbol.range, symbol.selectionRange.end), symbol.name);
      for (const child of symbol.children) assert.ok(rangeContains(symbol.range, child.range.start) && rangeContains(symbol.range, child.range.end), child.name);
    }
  });
});
