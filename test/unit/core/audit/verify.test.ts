// `reform-evidence verify` as docs/audit-trail.md states it, on Git's answers given as data (fakeGit): every
// commit that touched evidence carries a `Criterion:` (or `Task:`) trailer and one `Evidence-SHA256:` line per
// added or changed file whose hash is the committed blob's SHA-256 (or, for an LFS pointer, its object id);
// `--require-signed` accepts only `G`/`U`; `--since` starts after a commit; each offending commit is named.
import * as assert from 'node:assert/strict';
import { problemText, renderVerifyReport, verifyAuditTrail, type VerifyOptions, type VerifyProblem, type VerifyReport } from '../../../../src/core/audit/verify';
import { fakeGit, hashOf, logOutput, type LogRecord } from './fakeGit';

const SHA_X = 'a'.repeat(64);
const SHA_Y = 'b'.repeat(64);
const OID = 'c'.repeat(64);
const WRONG = 'd'.repeat(64);

interface Setup {
  records: LogRecord[];
  /** What `git rev-parse --show-prefix` prints: the Git's cwd (the criteria file's folder) from the top. */
  prefix?: string;
  blobs?: Record<string, { sha256: string; oid?: string }>;
  /** The whole log text, when a test needs a record Git would not print. */
  log?: string;
}

async function verify(setup: Setup, options: Partial<VerifyOptions> = {}) {
  const git = fakeGit({
    read: (args) => {
      if (args.join(' ') === 'rev-parse --show-prefix') return (setup.prefix ?? '') + '\n';
      if (args[0] === 'rev-parse' && args.includes('--verify')) return hashOf('9') + '\n';
      throw new Error(`unexpected ${args.join(' ')}`);
    },
    readBuffer: () => setup.log ?? logOutput(setup.records, { raw: true, signatures: options.requireSigned }),
    blobs: setup.blobs ?? { b000001: { sha256: SHA_X }, b000002: { sha256: SHA_Y } },
  });
  const report = await verifyAuditTrail(git, { evidenceRoot: 'evidence', ...options });
  return { report, git, kinds: report.problems.map((p) => [p.shortHash, p.kind, p.path ?? '', p.signature ?? '']) };
}

const A = hashOf('a');
const B = hashOf('b');
const C = hashOf('c');

describe('verify: the audit trail read from Git records', () => {
  it('a commit with its Criterion and a matching hash for each added or changed file is clean; one Git log with blob ids, one hashing', async () => {
    const { report, git } = await verify({
      records: [
        { hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} evidence/x.pdf\nEvidence-SHA256: ${SHA_Y} evidence/y.pdf`, changes: [['A', 'evidence/x.pdf', 'b000001'], ['M', 'evidence/y.pdf', 'b000002']] },
        { hash: B, trailers: `Criterion: 1.2\nEvidence-SHA256: ${SHA_X} evidence/z.pdf`, changes: [['A', 'evidence/z.pdf', 'b000001'], ['D', 'evidence/old.pdf']] },
      ],
    });
    assert.deepEqual(report, { commits: 2, problems: [], offending: [] });
    const log = git.calls.find((c) => c.method === 'readBuffer');
    assert.ok(log?.args.includes('--raw'), 'blob ids come from --raw');
    assert.equal(log?.args.at(-3), 'HEAD', 'the whole history without --since');
    assert.ok(!log?.args.some((a) => a.includes('%G?')), 'no signature is read unless asked');
    // Each blob hashed once, however many commits name it.
    assert.deepEqual(git.calls.filter((c) => c.method === 'hashBlobs').map((c) => [...c.args].sort()), [['b000001', 'b000002']]);
  });

  it('names a commit without a Criterion or Task trailer; a Task: trailer alone owns the commit', async () => {
    const { kinds } = await verify({
      records: [
        { hash: A, trailers: `Evidence-SHA256: ${SHA_X} evidence/x.pdf`, changes: [['A', 'evidence/x.pdf', 'b000001']] },
        { hash: B, trailers: `Task: NV-01\nEvidence-SHA256: ${SHA_X} evidence/x.pdf`, changes: [['A', 'evidence/x.pdf', 'b000001']] },
        { hash: C, trailers: `criterion: 2.1\nEvidence-SHA256: ${SHA_X} evidence/x.pdf`, changes: [['A', 'evidence/x.pdf', 'b000001']] },
      ],
    });
    assert.deepEqual(kinds, [['aaaaaaa', 'noCriterion', '', '']]);
  });

  it('a missing hash line, a hash that does not match, and a hash naming a file the commit did not change, each with its path', async () => {
    const { report, kinds } = await verify({
      records: [
        {
          hash: A,
          subject: 'import',
          trailers: `Criterion: 1.1\nEvidence-SHA256: ${WRONG} evidence/y.pdf\nEvidence-SHA256: ${SHA_X} evidence/other.pdf`,
          changes: [['A', 'evidence/x.pdf', 'b000001'], ['M', 'evidence/y.pdf', 'b000002']],
        },
        { hash: B, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_Y} evidence/y.pdf`, changes: [['M', 'evidence/y.pdf', 'b000002']] },
      ],
    });
    assert.deepEqual(kinds, [
      ['aaaaaaa', 'noHash', 'evidence/x.pdf', ''],
      ['aaaaaaa', 'hashMismatch', 'evidence/y.pdf', ''],
      ['aaaaaaa', 'hashUnknownPath', 'evidence/other.pdf', ''],
    ]);
    assert.equal(report.commits, 2);
    assert.deepEqual(report.offending, ['aaaaaaa'], 'a commit is named once, however many problems it has');
    assert.deepEqual(report.problems[0], { hash: A, shortHash: 'aaaaaaa', subject: 'import', kind: 'noHash', path: 'evidence/x.pdf' });
  });

  it('a blob Git cannot hash never matches a recorded hash', async () => {
    const { kinds } = await verify({
      records: [{ hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} evidence/x.pdf`, changes: [['A', 'evidence/x.pdf', 'b0000ff']] }],
    });
    assert.deepEqual(kinds, [['aaaaaaa', 'hashMismatch', 'evidence/x.pdf', '']]);
  });

  it('an LFS pointer answers to its object id, and to the SHA-256 of the pointer itself (older commits)', async () => {
    const blobs = { b000001: { sha256: SHA_X, oid: OID }, b000002: { sha256: SHA_Y } };
    const { kinds } = await verify({
      blobs,
      records: [
        { hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${OID} evidence/big.pdf`, changes: [['A', 'evidence/big.pdf', 'b000001']] },
        { hash: B, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} evidence/big.pdf`, changes: [['M', 'evidence/big.pdf', 'b000001']] },
        // The object id of another blob does not vouch for this one.
        { hash: C, trailers: `Criterion: 1.1\nEvidence-SHA256: ${OID} evidence/small.pdf`, changes: [['A', 'evidence/small.pdf', 'b000002']] },
      ],
    });
    assert.deepEqual(kinds, [['ccccccc', 'hashMismatch', 'evidence/small.pdf', '']]);
  });

  it('a deleted file needs no hash; a hash recorded for it names a file the commit did not add or change', async () => {
    const { kinds } = await verify({
      records: [
        { hash: A, trailers: 'Criterion: 1.1', changes: [['D', 'evidence/old.pdf']] },
        { hash: B, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} evidence/old.pdf`, changes: [['D', 'evidence/old.pdf']] },
      ],
    });
    assert.deepEqual(kinds, [['bbbbbbb', 'hashUnknownPath', 'evidence/old.pdf', '']]);
  });

  it('paths are from the repository top when the criteria file sits in a subfolder', async () => {
    // Git's cwd is ward/; --relative gives paths from there; the trailers name them from the top.
    const good = await verify({
      prefix: 'ward/',
      records: [{ hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} ward/evidence/x.pdf`, changes: [['A', 'evidence/x.pdf', 'b000001']] }],
    });
    assert.deepEqual(good.kinds, []);
    const fromWard = await verify(
      { prefix: 'ward/', records: [{ hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} evidence/x.pdf`, changes: [['A', 'evidence/x.pdf', 'b000001']] }] },
      { evidenceRoot: './evidence/' },
    );
    assert.deepEqual(fromWard.kinds, [
      ['aaaaaaa', 'noHash', 'ward/evidence/x.pdf', ''],
      ['aaaaaaa', 'hashUnknownPath', 'evidence/x.pdf', ''],
    ]);
    // evidenceRoot "." is the criteria file's folder itself.
    const dot = await verify(
      { prefix: 'ward/', records: [{ hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} ward/x.pdf`, changes: [['A', 'x.pdf', 'b000001']] }] },
      { evidenceRoot: '.' },
    );
    assert.deepEqual(dot.kinds, []);
    const top = await verify({ records: [{ hash: A, trailers: 'Criterion: 1.1', changes: [['A', 'x.pdf', 'b000001']] }] }, { evidenceRoot: './' });
    assert.deepEqual(top.kinds, [['aaaaaaa', 'noHash', 'x.pdf', '']]);
    // Deeper folders on both sides, doubled slashes, "./." for the folder itself, a dot inside a name.
    const deep = (evidenceRoot: string, file: string) => verify({ prefix: 'city/ward/', records: [{ hash: A, trailers: 'Criterion: 1.1', changes: [['A', file, 'b000001']] }] }, { evidenceRoot });
    assert.deepEqual((await deep('ev/files//', 'ev/files/x.pdf')).kinds, [['aaaaaaa', 'noHash', 'city/ward/ev/files/x.pdf', '']]);
    assert.deepEqual((await deep('./.', 'x.pdf')).kinds, [['aaaaaaa', 'noHash', 'city/ward/x.pdf', '']]);
    assert.deepEqual((await deep('v1.0/ev', 'v1.0/ev/x.pdf')).kinds, [['aaaaaaa', 'noHash', 'city/ward/v1.0/ev/x.pdf', '']]);
  });

  it('a quoted-looking path of an older commit is also read as written', async () => {
    const { kinds } = await verify(
      { records: [{ hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} "q.pdf"`, changes: [['A', '"q.pdf"', 'b000001']] }] },
      { evidenceRoot: '.' },
    );
    assert.deepEqual(kinds, []);
    // Read as C-quoted it names q.pdf: right for a commit that changed q.pdf.
    const quoted = await verify({ records: [{ hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} "q.pdf"`, changes: [['A', 'q.pdf', 'b000001']] }] }, { evidenceRoot: '.' });
    assert.deepEqual(quoted.kinds, []);
    // Neither way did the commit change it.
    const other = await verify({ records: [{ hash: A, trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} "q.pdf"`, changes: [['D', 'q.pdf']] }] }, { evidenceRoot: '.' });
    assert.deepEqual(other.kinds, [['aaaaaaa', 'hashUnknownPath', 'q.pdf', '']]);
  });

  it('a record Git printed in another shape is reported by its hash, and nothing else is said of it', async () => {
    const broken = [A, 'aaaaaaa', 'N', 'extra field', 'n@x', '2025-11-10', 's', '', A].join('\0') + '\0\n:100644 100644 1111111 b000001 A\0evidence/x.pdf\0';
    const { report, kinds } = await verify({ records: [], log: broken + logOutput([{ hash: B, trailers: 'Criterion: 1.1', changes: [['D', 'evidence/x.pdf']] }], { raw: true }) });
    assert.deepEqual(kinds, [['aaaaaaa', 'unparsed', '', '']]);
    assert.equal(report.commits, 2);
  });

  it('--require-signed: G and U pass; N and no letter are "not signed"; any other letter is named', async () => {
    const records: LogRecord[] = ['G', 'U', 'N', '', 'B', 'X', 'Y', 'R', 'E'].map((signature, i) => ({
      hash: hashOf('0123456789'[i]),
      signature,
      trailers: `Criterion: 1.1\nEvidence-SHA256: ${SHA_X} evidence/x.pdf`,
      changes: [['A', 'evidence/x.pdf', 'b000001']],
    }));
    const { kinds, git } = await verify({ records }, { requireSigned: true });
    assert.deepEqual(kinds, [
      ['2222222', 'unsigned', '', ''],
      ['3333333', 'unsigned', '', ''],
      ['4444444', 'badSignature', '', 'B'],
      ['5555555', 'badSignature', '', 'X'],
      ['6666666', 'badSignature', '', 'Y'],
      ['7777777', 'badSignature', '', 'R'],
      ['8888888', 'badSignature', '', 'E'],
    ]);
    assert.ok(git.calls.find((c) => c.method === 'readBuffer')?.args.some((a) => a.includes('%G?')));
    // Without the option, the same commits are clean.
    assert.deepEqual((await verify({ records: records.map((r) => ({ ...r, signature: undefined })) })).kinds, []);
  });

  it('--since resolves the revision to a hash first and reads only the commits after it', async () => {
    const { git } = await verify({ records: [] }, { since: '--output=x' });
    assert.deepEqual(git.calls[1].args, ['rev-parse', '-q', '--verify', '--end-of-options', '--output=x^{commit}']);
    const log = git.calls.find((c) => c.method === 'readBuffer');
    assert.ok(log?.args.includes(`${hashOf('9')}..HEAD`), log?.args.join(' '));
    assert.ok(!log?.args.includes('HEAD'));
  });
});

function problem(kind: VerifyProblem['kind'], extra: Partial<VerifyProblem> = {}, short = 'aaaaaaa'): VerifyProblem {
  return { hash: short.padEnd(40, '0'), shortHash: short, subject: 'evidence(1.1): add x.pdf', kind, ...extra };
}

describe('verify: the report as printed', () => {
  it('each problem in English and Vietnamese, paths C-quoted as Git quotes them', () => {
    const cases: Array<[VerifyProblem, string, string]> = [
      [problem('unparsed'), `Git's record of commit ${'aaaaaaa'.padEnd(40, '0')} could not be read; check it with "git show ${'aaaaaaa'.padEnd(40, '0')}".`, 'Không đọc được bản ghi'],
      [problem('noCriterion'), 'changes evidence without a "Criterion:" (or "Task:") trailer', 'thay đổi tài liệu nhưng không có dòng "Criterion:" (hoặc "Task:")'],
      [problem('noHash', { path: 'evidence/a\tb.pdf' }), 'no "Evidence-SHA256:" line for "evidence/a\\tb.pdf"', 'thiếu dòng "Evidence-SHA256:" cho "evidence/a\\tb.pdf"'],
      [problem('hashMismatch', { path: 'evidence/x.pdf' }), 'the hash recorded for evidence/x.pdf does not match the committed file', 'mã băm ghi cho evidence/x.pdf không khớp tệp đã commit'],
      [problem('hashUnknownPath', { path: 'evidence/x.pdf' }), '"Evidence-SHA256:" names evidence/x.pdf, which the commit does not add or change', '"Evidence-SHA256:" ghi evidence/x.pdf, nhưng commit không thêm hay sửa tệp này'],
      [problem('unsigned'), 'not signed', 'chưa ký'],
      [problem('badSignature', { signature: 'R' }), 'signature status "R" (bad, expired, revoked or cannot be checked)', 'trạng thái chữ ký "R" (sai, hết hạn, bị thu hồi hoặc không kiểm tra được)'],
    ];
    for (const [p, en, vi] of cases) {
      assert.equal(problemText(p, 'en'), en);
      assert.ok(problemText(p, 'vi').startsWith(vi), problemText(p, 'vi'));
    }
    // Without a path or letter, the placeholder is filled with nothing rather than left as "{0}".
    assert.equal(problemText(problem('noHash'), 'en'), 'no "Evidence-SHA256:" line for ');
    assert.equal(problemText(problem('hashMismatch'), 'en'), 'the hash recorded for  does not match the committed file');
    assert.equal(problemText(problem('hashUnknownPath'), 'en'), '"Evidence-SHA256:" names , which the commit does not add or change');
    assert.equal(problemText(problem('badSignature'), 'en'), 'signature status "" (bad, expired, revoked or cannot be checked)');
  });

  it('no problem: one line with the number of commits', () => {
    assert.equal(renderVerifyReport({ commits: 3, problems: [], offending: [] }, 'en'), 'Audit trail verified: 3 evidence commit(s), no problem.\n');
    assert.equal(renderVerifyReport({ commits: 3, problems: [], offending: [] }, 'vi'), 'Đã kiểm tra vết: 3 commit tài liệu, không có vấn đề.\n');
  });

  it('problems: a line per offending commit (short hash, subject), its problems indented, then a summary', () => {
    const problems = [
      problem('noCriterion', { subject: 'edit\x1b[2J plan' }),
      problem('hashMismatch', { subject: 'edit\x1b[2J plan', path: 'evidence/x.pdf' }),
      problem('unsigned', { subject: 'other\nline' }, 'bbbbbbb'),
    ];
    const report: VerifyReport = { commits: 5, problems, offending: ['aaaaaaa', 'bbbbbbb'] };
    assert.equal(
      renderVerifyReport(report, 'en'),
      [
        'aaaaaaa edit\uFFFD[2J plan',
        '    changes evidence without a "Criterion:" (or "Task:") trailer',
        '    the hash recorded for evidence/x.pdf does not match the committed file',
        'bbbbbbb other\uFFFDline',
        '    not signed',
        '3 problem(s) in 2 of 5 evidence commit(s).',
        '',
      ].join('\n'),
    );
    assert.match(renderVerifyReport(report, 'vi'), /\n3 vấn đề trong 2\/5 commit tài liệu\.\n$/);
  });

  it('a commit with many files without a hash shows its other problems, three of those files, then a count', () => {
    const files = ['a', 'b', 'c', 'd', 'e'].map((f) => problem('noHash', { path: `evidence/${f}.pdf` }));
    const four: VerifyReport = { commits: 1, problems: [...files, problem('noCriterion')], offending: ['aaaaaaa'] };
    assert.deepEqual(renderVerifyReport(four, 'en').split('\n'), [
      'aaaaaaa evidence(1.1): add x.pdf',
      '    changes evidence without a "Criterion:" (or "Task:") trailer',
      '    no "Evidence-SHA256:" line for evidence/a.pdf',
      '    no "Evidence-SHA256:" line for evidence/b.pdf',
      '    no "Evidence-SHA256:" line for evidence/c.pdf',
      '    … and 2 more file(s) without an "Evidence-SHA256:" line',
      '6 problem(s) in 1 of 1 evidence commit(s).',
      '',
    ]);
    assert.match(renderVerifyReport(four, 'vi'), /… và 2 tệp khác thiếu dòng/);
    // Exactly three: all shown, no count.
    const three: VerifyReport = { commits: 1, problems: files.slice(0, 3), offending: ['aaaaaaa'] };
    const lines = renderVerifyReport(three, 'en').split('\n');
    assert.equal(lines.length, 6);
    assert.ok(!lines.some((l) => l.includes('more file')));
  });

  it('a problem text holding a line break stays on its line', () => {
    const report: VerifyReport = { commits: 1, problems: [problem('badSignature', { signature: 'X\nY' })], offending: ['aaaaaaa'] };
    assert.equal(renderVerifyReport(report, 'en').split('\n').length, 4);
  });
});
