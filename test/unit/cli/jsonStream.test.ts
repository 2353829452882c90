import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { jsonChunks, writeJson } from '../../../src/cli/jsonStream';
import { loadWorkspace } from '../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, writeFiles } from '../helpers';

/** Values with everything JSON.stringify treats specially: undefined, functions, toJSON, Maps, holes, -0, NaN. */
const special = fc.constantFrom<unknown>(undefined, () => 1, Symbol('s'), new Date(Date.UTC(2025, 10, 20)), new Map([['a', 1]]), NaN, -0, Infinity, '', 'dòng\nmới "x" \u2028', [], {});
const tree = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), special, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 5 }),
})).value;

describe('streamed JSON', () => {
  afterEach(cleanupTempDirs);

  it('is the text of JSON.stringify(value, null, space) for any value, in any chunk size', () => {
    fc.assert(
      // `small` 0 serializes every object piece by piece; larger ones leave subtrees to JSON.stringify.
      fc.property(tree, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 8 }), fc.constantFrom(0, 1, 2, 4), (value, size, small, space) => {
        const chunks = [...jsonChunks(value, size, small, space)];
        assert.equal(chunks.join(''), JSON.stringify(value, null, space) ?? '');
        // Each write carries something: an empty chunk would be a write (and, piped, a wait) for nothing.
        assert.ok(chunks.every((chunk) => chunk.length > 0));
      }),
      { numRuns: 500 },
    );
  });

  it('writes a status model as JSON.stringify would, waiting whenever the reader is behind', async () => {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/Kế hoạch.pdf': '%PDF', 'evidence/2.1/a/b.docx': 'x' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    writeFiles(dir, { 'evidence/1.2 Báo cáo/Báo cáo.pdf': '%PDF' });
    const { model } = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf: '2025-11-20' });
    const written: string[] = [];
    let full = false;
    let waits = 0;
    await writeJson(model, {
      // Full after every write until the reader drains: the writer must wait each time.
      write: (text) => {
        assert.equal(full, false, 'wrote while the reader was behind');
        written.push(text);
        full = true;
        return false;
      },
      drained: async () => {
        waits++;
        full = false;
      },
    });
    const text = written.join('');
    assert.equal(text, JSON.stringify(model, null, 2) + '\n');
    // Piped output is one line: the same data.
    const compact: string[] = [];
    await writeJson(model, { write: (chunk) => compact.push(chunk) }, 0);
    assert.equal(compact.join(''), JSON.stringify(model) + '\n');
    assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(model)));
    assert.equal(waits, written.length);
  });
});
