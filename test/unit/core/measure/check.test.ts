// dataFileProblems (`check` reads the data files too, docs/measures.md): the problems of each valid measure's data
// file that is a regular file on disk; none for a missing file, a link or a folder in its place.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dataFileProblems } from '../../../../src/core/measure/check';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { cleanupTempDirs, tempDir } from '../../helpers';
import { measuredCriteria, measureLines } from './fixtures';

const criteria = (data: string) =>
  measuredCriteria({ index: '{ id: t, title: T, year: 2025, evidenceRoot: evidence }', measure: measureLines(data, '          bands: [{ from: 80, score: 2 }]\n') });

describe('measure dataFileProblems', () => {
  after(cleanupTempDirs);

  it('reports the problems of a data file on disk, located in it', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'evidence', '3'), { recursive: true });
    writeFileSync(path.join(dir, 'evidence', '3', 'tt.csv'), 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;abc;10\n');
    const doc = parseCriteria(criteria('3/tt.csv'), path.join(dir, 'criteria.yaml'));
    assert.deepEqual(doc.problems, []);
    const problems = await dataFileProblems(doc, { asOf: '2025-06-30' });
    assert.deepEqual(problems.map((p) => [p.code, path.relative(dir, p.file), p.range.start.line, p.range.start.character]), [['RE162', path.join('evidence', '3', 'tt.csv'), 1, 8]]);
    // The same in Vietnamese.
    const vi = await dataFileProblems(doc, { asOf: '2025-06-30', locale: 'vi' });
    assert.notEqual(vi[0].message, problems[0].message);
  });

  it('reports nothing for a data file that is missing, a link or a folder', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'evidence', '3', 'folder.csv'), { recursive: true });
    writeFileSync(path.join(dir, 'bad.csv'), 'Tháng;Đã thanh toán;Phải nộp phí\n2025-01;abc;10\n');
    symlinkSync(path.join(dir, 'bad.csv'), path.join(dir, 'evidence', '3', 'link.csv'));
    for (const data of ['3/missing.csv', '3/link.csv', '3/folder.csv']) {
      const doc = parseCriteria(criteria(data), path.join(dir, 'criteria.yaml'));
      assert.deepEqual(await dataFileProblems(doc, { asOf: '2025-06-30' }), [], data);
    }
  });
});
