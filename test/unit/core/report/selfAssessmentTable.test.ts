// The self-assessment table (docs/reports.md): every criterion with maximum, self score, points with evidence,
// rate, state, due date and its evidence files, each with the commit that last recorded it; as CSV, HTML and .xlsx.
// A hand-made model, so every cell is named.
import * as assert from 'node:assert/strict';
import type { FileRecord } from '../../../../src/core/model/types';
import { loadExcelJs } from '../../../../src/core/measure/table';
import { renderSelfAssessmentCsv, renderSelfAssessmentHtml, renderSelfAssessmentXlsx, selfAssessment } from '../../../../src/core/report/selfAssessment';
import { file, leaf, measure, model, parent } from './fixtureModel';

function example() {
  const l111 = leaf('1.1.1', 'Kế hoạch năm', { state: 'committed', owner: 'VP', selfScore: 0.1, due: '2025-12-15' });
  l111.requirements = [
    { title: 'Kế hoạch', path: '*.pdf', min: 1, met: true, files: [file('c.pdf', 'untracked'), file('B.pdf'), file('a.pdf', 'modified')] },
    { title: 'Phụ lục', path: 'a*.pdf', min: 1, met: true, files: [file('a.pdf', 'modified')] },
  ];
  const l112 = leaf('1.1.2', 'Kế hoạch quý', { state: 'missing', owner: 'VP', selfScore: 0.2, maxScore: 2, due: '2025-10-15', overdue: true });
  const l12 = leaf('1.2', 'Miễn', { state: 'waived', notApplicable: 'Không có đơn vị sự nghiệp' });
  const l21 = leaf('2.1', 'Tỷ lệ A', { state: 'partial', maxScore: 1.5, measure: measure({ rate: 62.345 }) });
  const l22 = leaf('2.2', 'Tỷ lệ B', { state: 'missing', maxScore: 0.5, measure: measure({ rate: null }) });
  return model([parent('1', 'Chỉ đạo', [parent('1.1', 'Kế hoạch', [l111, l112]), l12]), parent('2', 'Số liệu', [l21, l22])]);
}

const record = (path: string, shortHash: string, date: string): [string, FileRecord] => [path, { path, hash: shortHash.padEnd(40, '0'), shortHash, date, author: 'A' }];
const RECORDS = new Map([record('a.pdf', 'aaaaaaa', '2025-11-03T23:30:00-05:00'), record('B.pdf', 'bbbbbbb', '2025-11-04T08:00:00+07:00'), record('c.pdf', 'ccccccc', '2025-11-05T08:00:00+07:00')]);

describe('self-assessment table: rows, CSV, HTML, xlsx', () => {
  it('rows depth first; a parent without a self score sums its children; files once each, sorted, with their commit', () => {
    const table = selfAssessment(example(), RECORDS);
    assert.deepEqual(table.rows.map((r) => [r.id, r.depth, r.leaf, r.selfScore]), [
      ['1', 0, false, 0.3],
      ['1.1', 1, false, 0.3],
      ['1.1.1', 2, true, 0.1],
      ['1.1.2', 2, true, 0.2],
      ['1.2', 1, true, undefined],
      ['2', 0, false, undefined],
      ['2.1', 1, true, undefined],
      ['2.2', 1, true, undefined],
    ]);
    assert.deepEqual(table.rows[2].files, [
      { path: 'a.pdf', git: 'modified', hash: 'aaaaaaa'.padEnd(40, '0'), shortHash: 'aaaaaaa', date: '2025-11-03' },
      { path: 'B.pdf', git: 'committed', hash: 'bbbbbbb'.padEnd(40, '0'), shortHash: 'bbbbbbb', date: '2025-11-04' },
      // Not committed: no commit recorded it, whatever an older record says.
      { path: 'c.pdf', git: 'untracked', hash: undefined, shortHash: undefined, date: undefined },
    ]);
    assert.deepEqual(table.rows[0].files, [], 'an area lists no files');
    assert.equal(table.rows[6].rate, 62.345);
    assert.equal(table.rows[7].rate, null);
    assert.equal('rate' in table.rows[2], false, 'an unmeasured leaf has no rate');
    assert.deepEqual(table.total, { maxScore: 6, selfScore: 0.3, secured: 1 });
    assert.deepEqual(table.index, { id: 'test-2025', title: 'Bộ chỉ số thử nghiệm', year: 2025 });
    assert.equal(table.asOf, '2025-11-20');
    assert.equal(table.git, true);
    assert.equal(table.history, true);
    assert.equal(selfAssessment(example()).history, false);
    const noSelf = example();
    for (const a of noSelf.areas) for (const c of a.children) for (const l of [c, ...c.children]) delete l.selfScore;
    assert.equal(selfAssessment(noSelf).total.selfScore, undefined, 'no self score anywhere: none in the total');
  });

  it('CSV, every cell: figures, rate beside the score, state with overdue and the waiver reason, file notes, commits, a total line', () => {
    assert.equal(
      renderSelfAssessmentCsv(selfAssessment(example(), RECORDS), 'en'),
      '\uFEFFId,Criterion,Unit,Maximum,Self score,Points with evidence,Rate,State,Due,Evidence files,Commit,Commit date\r\n' +
        '1,Chỉ đạo,,4,0.3,1,,partial,,,,\r\n' +
        '1.1,Kế hoạch,,3,0.3,1,,partial,,,,\r\n' +
        '1.1.1,Kế hoạch năm,VP,1,0.1,1,,committed,2025-12-15,"a.pdf (modified since its commit)\nB.pdf\nc.pdf (not committed)","aaaaaaa\nbbbbbbb\n—","2025-11-03\n2025-11-04\n—"\r\n' +
        '1.1.2,Kế hoạch quý,VP,2,0.2,0,,missing · overdue,2025-10-15,,,\r\n' +
        '1.2,Miễn,,1,,0,,waived: Không có đơn vị sự nghiệp,,,,\r\n' +
        '2,Số liệu,,2,,0,,partial,,,,\r\n' +
        '2.1,Tỷ lệ A,,1.5,,0,62.3%,partial,,,,\r\n' +
        '2.2,Tỷ lệ B,,0.5,,0,—,missing,,,,\r\n' +
        ',Total,,6,0.3,1,\r\n',
    );
  });

  it('CSV in Vietnamese; without history every commit cell is a dash; a waiver without a reason', () => {
    const m = example();
    delete m.areas[0].children[1].notApplicable;
    const csv = renderSelfAssessmentCsv(selfAssessment(m), 'vi');
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines[0], 'Mã,Tiêu chí,Đơn vị,Điểm tối đa,Điểm tự chấm,Điểm có tài liệu,Tỷ lệ,Tình trạng,Thời hạn,Tài liệu kiểm chứng,Commit,Ngày commit');
    assert.equal(lines[3], '1.1.1,Kế hoạch năm,VP,1,0.1,1,,đã commit,2025-12-15,"a.pdf (đã sửa sau commit)\nB.pdf\nc.pdf (chưa commit)","—\n—\n—","—\n—\n—"');
    assert.equal(lines[4], '1.1.2,Kế hoạch quý,VP,2,0.2,0,,thiếu · quá hạn,2025-10-15,,,');
    assert.equal(lines[5], '1.2,Miễn,,1,,0,,không áp dụng,,,,');
    assert.equal(lines[9], ',Tổng cộng,,6,0.3,1,');
  });

  it('HTML: numeric columns, areas marked, children indented, every cell escaped, the total, the notes', () => {
    const html = renderSelfAssessmentHtml(selfAssessment(example(), RECORDS), 'en');
    assert.ok(html.includes('<title>Self-assessment table — Bộ chỉ số thử nghiệm</title>'));
    assert.ok(html.includes('<html lang="en">'));
    assert.ok(html.includes('<h1>Self-assessment table — Bộ chỉ số thử nghiệm</h1>\n<p class="sub">as of 2025-11-20</p>\n<table>'), 'with history, no note that it is missing');
    assert.ok(html.includes('<thead><tr><th>Id</th><th>Criterion</th><th>Unit</th><th class="num">Maximum</th><th class="num">Self score</th><th class="num">Points with evidence</th><th class="num">Rate</th><th>State</th><th>Due</th><th>Evidence files</th><th>Commit</th><th>Commit date</th></tr></thead>'));
    assert.ok(html.includes('<tbody><tr class="area"><td>1</td><td>Chỉ đạo</td><td></td><td class="num">4</td><td class="num">0.3</td><td class="num">1</td><td class="num"></td><td class="state-partial">partial</td><td></td><td class="files"></td><td class="files"></td><td class="files"></td></tr>'));
    assert.ok(html.includes('<td class="files"></td></tr><tr><td>1.1</td><td style="padding-left:22px">Kế hoạch</td>'), 'rows follow each other, nothing between');
    assert.ok(
      html.includes(
        '<tr><td>1.1.1</td><td style="padding-left:36px">Kế hoạch năm</td><td>VP</td><td class="num">1</td><td class="num">0.1</td><td class="num">1</td><td class="num"></td>' +
          '<td class="state-committed">committed</td><td>2025-12-15</td>' +
          '<td class="files"><div>a.pdf (modified since its commit)</div><div>B.pdf</div><div>c.pdf (not committed)</div></td>' +
          '<td class="files"><div>aaaaaaa</div><div>bbbbbbb</div><div>—</div></td>' +
          '<td class="files"><div>2025-11-03</div><div>2025-11-04</div><div>—</div></td></tr>',
      ),
    );
    assert.ok(html.includes('<td class="state-missing">missing · overdue</td><td>2025-10-15</td>'));
    assert.ok(html.includes('<td>1.2</td><td style="padding-left:22px">Miễn</td><td></td><td class="num">1</td><td class="num"></td><td class="num">0</td><td class="num"></td><td class="state-waived">waived: Không có đơn vị sự nghiệp</td>'));
    assert.ok(html.includes('<td class="num">62.3%</td>') && html.includes('<td class="num">—</td>'), 'rates');
    assert.ok(html.includes('<tr class="area"><td></td><td>Total</td><td></td><td class="num">6</td><td class="num">0.3</td><td class="num">1</td><td colspan="6"></td></tr></tbody></table>'));
    assert.ok(html.includes('<p class="foot">Generated by Reform Evidence from the data as of 2025-11-20.</p>'));
    const vi = renderSelfAssessmentHtml(selfAssessment({ ...example(), index: { ...example().index, title: '' } }), 'vi');
    assert.ok(vi.includes('<h1>Bảng tự chấm điểm — test-2025</h1>\n<p class="sub">tính đến 2025-11-20</p>\n<p class="sub">Không có lịch sử Git: không hiển thị commit ghi nhận từng tệp.</p>'));
    assert.ok(vi.includes('<td class="state-missing">thiếu · quá hạn</td>'));
    assert.ok(vi.includes('<p class="foot">Tạo bởi Reform Evidence từ dữ liệu tính đến ngày 2025-11-20.</p>'));
    const hostile = example();
    hostile.areas[0].title = '<b>"x" & \'y\'</b>';
    hostile.areas[0].children[0].children[0].owner = '<i>';
    hostile.areas[0].children[0].children[0].due = '<u>';
    const h = renderSelfAssessmentHtml(selfAssessment(hostile), 'en');
    assert.ok(h.includes('<td>&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;</td>') && h.includes('<td>&lt;i&gt;</td>') && h.includes('<td>&lt;u&gt;</td>'));
  });

  it('xlsx: a frozen header in bold, ids as text, scores as numbers, the rate as a percentage, areas and the total bold', async () => {
    const buffer = await renderSelfAssessmentXlsx(selfAssessment(example(), RECORDS), 'vi');
    const { Workbook } = loadExcelJs();
    const book = new Workbook();
    await book.xlsx.load(buffer as never);
    assert.equal(book.creator, 'Reform Evidence');
    const sheet = book.worksheets[0];
    assert.equal(sheet.name, 'Bảng tự chấm điểm');
    assert.equal(sheet.views[0].state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
    assert.deepEqual(sheet.columns.map((c) => c.width), [10, 60, 12, 10, 10, 10, 10, 24, 12, 60, 12, 12]);
    const values = (n: number) => Array.from(sheet.getRow(n).values as unknown[]).slice(1);
    assert.deepEqual(values(1), ['Mã', 'Tiêu chí', 'Đơn vị', 'Điểm tối đa', 'Điểm tự chấm', 'Điểm có tài liệu', 'Tỷ lệ', 'Tình trạng', 'Thời hạn', 'Tài liệu kiểm chứng', 'Commit', 'Ngày commit']);
    assert.equal(sheet.getRow(1).font?.bold, true);
    assert.deepEqual(values(4), ['1.1.1', 'Kế hoạch năm', 'VP', 1, 0.1, 1, undefined, 'đã commit', '2025-12-15', 'a.pdf (đã sửa sau commit)\nB.pdf\nc.pdf (chưa commit)', 'aaaaaaa\nbbbbbbb\n—', '2025-11-03\n2025-11-04\n—']);
    assert.equal(sheet.getRow(8).getCell(7).value, 0.62345);
    assert.equal(sheet.getRow(9).getCell(7).value, null, 'no figure: an empty cell, not 0%');
    for (const n of [2, 4, 10]) {
      const row = sheet.getRow(n);
      assert.equal(row.getCell(1).numFmt, '@', `row ${n} id as text`);
      assert.equal(row.getCell(7).numFmt, '0.0%');
      for (const c of [4, 5, 6]) assert.equal(row.getCell(c).numFmt, '0.##');
      for (const c of [10, 11, 12]) assert.deepEqual(row.getCell(c).alignment, { wrapText: true, vertical: 'top' });
    }
    assert.equal(sheet.getRow(2).font?.bold, true, 'an area is bold');
    assert.notEqual(sheet.getRow(3).font?.bold, true, 'a criterion is not');
    assert.deepEqual(values(10).slice(0, 6), ['', 'Tổng cộng', '', 6, 0.3, 1]);
    assert.equal(sheet.getRow(10).font?.bold, true, 'the total is bold');
    assert.equal(sheet.rowCount, 10);
  });
});
