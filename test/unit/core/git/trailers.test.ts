// The evidence commit message as docs/audit-trail.md describes it: a subject, then one `Key: value` trailer per
// line (Criterion, Task, Requirement, Unit, Evidence-SHA256), free text on one line, paths C-quoted; and how
// `log`/`verify` read the trailers back (keys case-insensitive, hashes lower-case, old unquoted paths too).
import * as assert from 'node:assert/strict';
import { evidenceHashes, messageArgs, oneLine, parseTrailers, recordedHashes, trailerBlock, trailerValues, type EvidenceMessage } from '../../../../src/core/git/trailers';

const HASH_A = 'a'.repeat(64);
const HASH_B = '0123456789abcdef'.repeat(4);

function message(overrides: Partial<EvidenceMessage> = {}): EvidenceMessage {
  return {
    subject: 'evidence(1.2): add Kế hoạch CCHC năm 2025',
    criteria: ['1.2'],
    requirements: ['Báo cáo quý'],
    units: ['VP'],
    files: [{ path: 'evidence/1.2 Báo cáo/Kế hoạch.pdf', sha256: HASH_A }],
    ...overrides,
  };
}

describe('evidence commit trailers', () => {
  it('writes one `Key: value` line per criterion, task, requirement, unit and file, in that order', () => {
    const block = trailerBlock(
      message({
        criteria: ['1.2', '1.3'],
        task: 'NV-01',
        requirements: ['Báo cáo quý', 'Kế hoạch'],
        units: ['VP', 'TP'],
        files: [
          { path: 'evidence/a.pdf', sha256: HASH_A },
          { path: 'evidence/b.pdf', sha256: HASH_B },
        ],
      }),
    );
    assert.equal(
      block,
      [
        'Criterion: 1.2',
        'Criterion: 1.3',
        'Task: NV-01',
        'Requirement: Báo cáo quý',
        'Requirement: Kế hoạch',
        'Unit: VP',
        'Unit: TP',
        `Evidence-SHA256: ${HASH_A} evidence/a.pdf`,
        `Evidence-SHA256: ${HASH_B} evidence/b.pdf`,
      ].join('\n'),
    );
  });

  it('has no Task line without a task, and nothing but the lines it was given', () => {
    assert.equal(trailerBlock(message({ requirements: [], units: [], files: [] })), 'Criterion: 1.2');
    assert.equal(trailerBlock(message({ criteria: [], requirements: [], units: [], files: [], task: 'NV-02' })), 'Task: NV-02');
  });

  it('free text cannot add a line: line breaks and other control characters become one space, ends trimmed', () => {
    assert.equal(oneLine('  a\r\nCriterion: 9.9\tb\u2028c\u2029d\u0085e\u007ff\u0000g  '), 'a Criterion: 9.9 b c d e f g');
    assert.equal(oneLine('Kế hoạch — năm 2025'), 'Kế hoạch — năm 2025', 'printable text is kept as is');
    const block = trailerBlock(message({ criteria: ['1.2\nUnit: X'], task: 'NV\n01', requirements: ['Báo\rcáo'], units: ['V\nP'], files: [{ path: 'evidence/a.pdf', sha256: `${HASH_A}\nx` }] }));
    assert.deepEqual(block.split('\n'), ['Criterion: 1.2 Unit: X', 'Task: NV 01', 'Requirement: Báo cáo', 'Unit: V P', `Evidence-SHA256: ${HASH_A} x evidence/a.pdf`]);
  });

  it('C-quotes a path that needs it (as Git does), and leaves a plain one as is', () => {
    const block = trailerBlock(message({ criteria: [], requirements: [], units: [], files: [{ path: 'evidence/a\nCriterion: 9.pdf', sha256: HASH_A }] }));
    assert.equal(block, `Evidence-SHA256: ${HASH_A} "evidence/a\\nCriterion: 9.pdf"`);
  });

  it('messageArgs: `-m subject -m trailers`, the subject on one line, "evidence" when it is empty', () => {
    const m = message();
    assert.deepEqual(messageArgs(m), ['-m', m.subject, '-m', trailerBlock(m)]);
    assert.deepEqual(messageArgs(message({ subject: ' a\nb ' })).slice(0, 2), ['-m', 'a b']);
    assert.deepEqual(messageArgs(message({ subject: '\n \t' })).slice(0, 2), ['-m', 'evidence']);
  });

  it('parseTrailers reads `Key: value` lines (values trimmed) and skips anything else', () => {
    const text = ['Criterion: 1.2', '  Unit:VP  ', 'not a trailer', '', 'Bad key: x', 'Evidence-SHA256:  abc def ', 'Task:'].join('\n');
    assert.deepEqual(parseTrailers(text), [
      { key: 'Criterion', value: '1.2' },
      { key: 'Unit', value: 'VP' },
      { key: 'Evidence-SHA256', value: 'abc def' },
      { key: 'Task', value: '' },
    ]);
    assert.deepEqual(parseTrailers('x Criterion: 1.2'), [], 'a key starts the line');
  });

  it('trailerValues compares keys case-insensitively, as Git does, keeping the order', () => {
    const trailers = parseTrailers('criterion: 1.1\nUnit: VP\nCRITERION: 1.2\nCriterion: 1.3');
    assert.deepEqual(trailerValues(trailers, 'Criterion'), ['1.1', '1.2', '1.3']);
    assert.deepEqual(trailerValues(trailers, 'unit'), ['VP']);
    assert.deepEqual(trailerValues(trailers, 'Task'), []);
  });

  it('recordedHashes: exactly 64 hex digits then the path; quoted paths unquoted (the text kept as literal), older unquoted ones as they are, NFC, hashes lower-case', () => {
    const nfd = 'evidence/Kế hoạch.pdf'.normalize('NFD');
    const trailers = parseTrailers(
      [
        `Evidence-SHA256: ${HASH_B.toUpperCase()} "evidence/a\\nb.pdf"`,
        `evidence-sha256: ${HASH_A} ${nfd}`,
        `Evidence-SHA256: ${HASH_A.slice(1)} short.pdf`,
        `Evidence-SHA256: ${HASH_A}`,
        `Evidence-SHA256: ${'g'.repeat(64)} bad.pdf`,
        `Evidence-SHA256: ${HASH_A}b sixty-five-digits.pdf`,
        `Evidence-SHA256: x${HASH_A} leading-junk.pdf`,
        `Evidence-SHA256: ${HASH_B}   spaced.pdf`,
        `Criterion: ${HASH_A} not-a-hash-line.pdf`,
      ].join('\n'),
    );
    assert.deepEqual(recordedHashes(trailers), [
      { path: 'evidence/a\nb.pdf', literal: '"evidence/a\\nb.pdf"', sha256: HASH_B },
      { path: 'evidence/Kế hoạch.pdf'.normalize('NFC'), sha256: HASH_A },
      { path: 'spaced.pdf', sha256: HASH_B },
    ]);
    assert.deepEqual(
      evidenceHashes(trailers),
      new Map([
        ['evidence/a\nb.pdf', HASH_B],
        ['evidence/Kế hoạch.pdf'.normalize('NFC'), HASH_A],
        ['spaced.pdf', HASH_B],
      ]),
    );
  });

  it('what trailerBlock writes, parseTrailers and recordedHashes read back', () => {
    const files = [
      { path: 'evidence/1.2 Báo cáo/Kế hoạch.pdf', sha256: HASH_A },
      { path: 'evidence/tab\there "quoted".pdf', sha256: HASH_B },
    ];
    const trailers = parseTrailers(trailerBlock(message({ task: 'NV-01', files })));
    assert.deepEqual(trailerValues(trailers, 'Criterion'), ['1.2']);
    assert.deepEqual(trailerValues(trailers, 'Task'), ['NV-01']);
    assert.deepEqual([...evidenceHashes(trailers)], files.map((f) => [f.path, f.sha256]));
  });
});
