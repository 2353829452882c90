// The audit trail read back (docs/audit-trail.md "History"), on Git's answers given as data (fakeGit): which
// `git log` is asked, how its NUL-ended records are read, and which commits a criterion's history, the
// reports' list of evidence commits and the last commit of each file keep.
import * as assert from 'node:assert/strict';
import { criterionHistory, evidenceCommits, lastCommitsForFiles, logEvidence, parseLog, recentCommits, toEvidenceCommit } from '../../../../src/core/audit/history';
import { evidenceCommitsSince } from '../../../../src/core/audit/commitsSince';
import { parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { fakeGit, hashOf, logOutput, type LogRecord } from './fakeGit';

const A = hashOf('a');
const B = hashOf('b');
const C = hashOf('c');
const D = hashOf('d');

const logGit = (records: LogRecord[]) => fakeGit({ readBuffer: () => logOutput(records) });

describe('history: the git log asked for', () => {
  it('evidence under evidenceRoot, relative paths, no renames, file statuses; since and a range when given', async () => {
    const git = logGit([]);
    await logEvidence(git, { evidenceRoot: './evidence/' });
    assert.deepEqual(git.calls[0].args, [
      'log',
      '-z',
      '--relative',
      '--no-renames',
      '--no-color',
      '--name-status',
      '--format=%H%x00%h%x00%an%x00%ae%x00%aI%x00%s%x00%(trailers:only,unfold)%x00%H',
      'HEAD',
      '--',
      'evidence',
    ]);
    await logEvidence(git, { evidenceRoot: '.', since: '2025-11-01', range: `${A}..HEAD`, blobs: true, signatures: true });
    assert.deepEqual(git.calls[1].args, [
      'log',
      '-z',
      '--relative',
      '--no-renames',
      '--no-color',
      '--raw',
      '--format=%H%x00%h%x00%an%x00%ae%x00%aI%x00%s%x00%G?%x00%(trailers:only,unfold)%x00%H',
      '--since=2025-11-01',
      `${A}..HEAD`,
      '--',
      '.',
    ]);
    for (const root of ['', './', 'ward/evidence//', './.', 'v1.0/evidence']) await logEvidence(git, { evidenceRoot: root });
    assert.deepEqual(
      git.calls.slice(2).map((c) => c.args.at(-1)),
      ['.', '.', 'ward/evidence', '.', 'v1.0/evidence'],
    );
  });

  it('a repository without commits has no history; any other Git failure is thrown', async () => {
    for (const message of [
      "fatal: your current branch 'main' does not have any commits yet",
      "fatal: ambiguous argument 'HEAD': unknown revision or path not in the working tree.",
      'fatal: bad default revision',
      "fatal: bad revision 'HEAD'",
      "fatal: Ambiguous argument 'HEAD'",
    ]) {
      const git = fakeGit({ readBuffer: () => Promise.reject(new Error(message)) });
      assert.deepEqual(await logEvidence(git, { evidenceRoot: 'evidence' }), [], message);
    }
    const git = fakeGit({ readBuffer: () => Promise.reject(new Error('fatal: not a git repository')) });
    await assert.rejects(logEvidence(git, { evidenceRoot: 'evidence' }), /not a git repository/);
    // Whatever was thrown is passed on as it is, even nothing.
    const odd = fakeGit({ readBuffer: () => Promise.reject(undefined) });
    await assert.rejects(logEvidence(odd, { evidenceRoot: 'evidence' }), (e) => e === undefined);
  });

  it('reads each commit: fields, trailers, files relative to evidenceRoot in NFC; files outside it are left out', async () => {
    const git = fakeGit({
      readBuffer: () =>
        logOutput([
          {
            hash: A,
            author: 'Trần Thị B',
            email: 'b@example.com',
            date: '2025-11-10T09:30:00+07:00',
            subject: 'evidence(1.2): add q1.pdf',
            trailers: 'Criterion: 1.2\nUnit: VP\n',
            changes: [
              ['A', 'evidence/1.2 Ba\u0301o ca\u0301o/q1.pdf'],
              ['M', 'evidence/x.pdf'],
              ['A', 'other/y.pdf'],
            ],
          },
          { hash: B, subject: 'outside', changes: [['D', 'evidence/old.pdf']] },
        ]),
    });
    const commits = await logEvidence(git, { evidenceRoot: 'evidence' });
    assert.deepEqual(commits, [
      {
        hash: A,
        shortHash: 'aaaaaaa',
        author: 'Trần Thị B',
        email: 'b@example.com',
        date: '2025-11-10T09:30:00+07:00',
        subject: 'evidence(1.2): add q1.pdf',
        signature: '',
        trailers: [
          { key: 'Criterion', value: '1.2' },
          { key: 'Unit', value: 'VP' },
        ],
        changes: [
          { status: 'A', path: '1.2 Báo cáo/q1.pdf', blob: undefined },
          { status: 'M', path: 'x.pdf', blob: undefined },
        ],
      },
      { hash: B, shortHash: 'bbbbbbb', author: 'Nguyễn Văn A', email: 'a@example.com', date: '2025-11-10T09:00:00+07:00', subject: 'outside', signature: '', trailers: [], changes: [{ status: 'D', path: 'old.pdf', blob: undefined }] },
    ]);
    assert.equal(commits[0].changes[0].path, '1.2 Ba\u0301o ca\u0301o/q1.pdf'.normalize('NFC'));
  });
});

describe('history: parseLog', () => {
  it('--raw: status letter and new blob id; a deletion (all zeros) has none', () => {
    const out = logOutput(
      [
        {
          hash: A,
          changes: [
            ['A', 'evidence/a.pdf', 'b000001'],
            ['M', 'evidence/b.pdf', 'b000002'],
            ['D', 'evidence/c.pdf'],
            ['A', 'evidence/d.pdf', 'a000000'],
            ['A', 'evidence/e.pdf', '00000ab'],
          ],
        },
      ],
      { raw: true },
    );
    assert.deepEqual(parseLog(out, 'evidence/', true)[0].changes, [
      { status: 'A', path: 'a.pdf', blob: 'b000001' },
      { status: 'M', path: 'b.pdf', blob: 'b000002' },
      { status: 'D', path: 'c.pdf', blob: undefined },
      { status: 'A', path: 'd.pdf', blob: 'a000000' },
      { status: 'A', path: 'e.pdf', blob: '00000ab' },
    ]);
    // Output cut after a status: the commit, without that file.
    assert.deepEqual(parseLog(`${A}\0aaaaaaa\0n\0e\0d\0s\0\0${A}\0\nM`, '', false)[0].changes, []);
    // A mode change with a score (`T`, `M100`…): the letter alone.
    const scored = `${A}\0aaaaaaa\0n\0e\0d\0s\0\0${A}\0\n:100644 100755 1111111 b000003 M100\0evidence/x.sh\0`;
    assert.deepEqual(parseLog(scored, 'evidence/', true)[0].changes, [{ status: 'M', path: 'x.sh', blob: 'b000003' }]);
    // Name-status lines are not raw lines: read as raw, no file.
    assert.deepEqual(parseLog(logOutput([{ hash: A, changes: [['A', 'evidence/a.pdf']] }]), 'evidence/', true)[0].changes, []);
  });

  it('--name-status: the letter of a scored status; a raw line is not a status', () => {
    const out = `${A}\0aaaaaaa\0n\0e\0d\0s\0\0${A}\0\nT12\0evidence/x.pdf\0M\0evidence/y.pdf\0`;
    assert.deepEqual(parseLog(out, 'evidence/', false)[0].changes, [
      { status: 'T', path: 'x.pdf', blob: undefined },
      { status: 'M', path: 'y.pdf', blob: undefined },
    ]);
    for (const head of ['m', 'MM', 'M1x', ':100644 100644 1111111 b000001 M', ' M'])
      assert.deepEqual(parseLog(`${A}\0aaaaaaa\0n\0e\0d\0s\0\0${A}\0\n${head}\0evidence/x.pdf\0`, 'evidence/', false)[0].changes, [], head);
    // Raw lines must be whole.
    for (const head of [':100644 100644 1111111 b000001 M extra', '100644 100644 1111111 b000001 M', 'x:100644 100644 1111111 b000001 M', ':100644 100644 1111111 B000001 M'])
      assert.deepEqual(parseLog(`${A}\0aaaaaaa\0n\0e\0d\0s\0\0${A}\0\n${head}\0evidence/x.pdf\0`, 'evidence/', true)[0].changes, [], head);
  });

  it('the signature letter is the seventh field when asked for, and empty otherwise', () => {
    const out = logOutput([{ hash: A, signature: 'G', trailers: 'Criterion: 1.1' }], { signatures: true });
    const [commit] = parseLog(out, '', false, true);
    assert.equal(commit.signature, 'G');
    assert.deepEqual(commit.trailers, [{ key: 'Criterion', value: '1.1' }]);
    assert.equal(commit.unparsed, undefined);
    // The same text read without signatures has one field too many: kept by its hash.
    const [wrong] = parseLog(out, '', false, false);
    assert.equal(wrong.unparsed, true);
  });

  it('a SHA-256 repository\'s hashes are read; text that is no hash before a record is skipped', () => {
    const long = 'e'.repeat(64);
    const out = `noise\0${'f'.repeat(39)}\0${long}\0eeeeeee\0n\0e\0d\0s\0\0${long}\0`;
    const commits = parseLog(out, '', false);
    assert.deepEqual(
      commits.map((c) => [c.hash, c.unparsed ?? false]),
      [[long, false]],
    );
    // 41 or 63 characters, capitals: not hashes.
    for (const bad of ['a'.repeat(41), 'a'.repeat(63), 'A'.repeat(40), `x${'a'.repeat(40)}`, `${'a'.repeat(40)}x`])
      assert.deepEqual(parseLog(`${bad}\0s\0n\0e\0d\0s\0\0${bad}\0`, '', false), [], bad);
  });

  it('a record cut short, or without its closing hash, is kept by its hash; the records after still read', () => {
    const cut = parseLog(`${A}\0aaaaaaa\0n`, '', false);
    assert.deepEqual(cut, [{ hash: A, shortHash: 'aaaaaaa', author: '', email: '', date: '', subject: '', signature: '', trailers: [], changes: [], unparsed: true }]);
    // One field missing: the closing hash comes early; the file after it is still counted, the next record reads.
    const short = `${A}\0aaaaaaa\0n\0d\0s\0\0${A}\0\nM\0x.pdf\0` + logOutput([{ hash: B, subject: 'next' }]);
    const commits = parseLog(short, '', false);
    assert.deepEqual(
      commits.map((c) => [c.hash, c.unparsed ?? false, c.changes.map((ch) => ch.path), c.subject]),
      [
        [A, true, ['x.pdf'], ''],
        [B, false, [], 'next'],
      ],
    );
    // No closing hash at all: the next token is read as it comes.
    const open = parseLog(`${A}\0aaaaaaa\0n\0e\0d\0s\0\0` + logOutput([{ hash: B, subject: 'after' }]), '', false);
    assert.deepEqual(
      open.map((c) => [c.hash, c.unparsed ?? false, c.subject]),
      [
        [A, true, ''],
        [B, false, 'after'],
      ],
    );
  });

  it('the newline Git puts between records is not part of a hash or status', () => {
    const out = `${A}\0aaaaaaa\0n\0e\0d\0s\0\0${A}\0\n\nM\0ev/x.pdf\0\n${B}\0bbbbbbb\0n\0e\0d\0t\0\0${B}\0`;
    const commits = parseLog(out, 'ev/', false);
    assert.deepEqual(
      commits.map((c) => [c.hash, c.changes.length]),
      [
        [A, 1],
        [B, 0],
      ],
    );
  });

  it('toEvidenceCommit: criteria from Criterion: trailers (any case), files, and unparsed only when so', () => {
    const [raw] = parseLog(logOutput([{ hash: A, trailers: 'Criterion: 1.1\ncriterion: 1.2\nTask: NV-01\nUnit: VP', changes: [['A', 'x.pdf']] }]), '', false);
    assert.deepEqual(toEvidenceCommit(raw), {
      hash: A,
      shortHash: 'aaaaaaa',
      author: 'Nguyễn Văn A',
      email: 'a@example.com',
      date: '2025-11-10T09:00:00+07:00',
      subject: 'evidence(1.1): add a.pdf',
      criteria: ['1.1', '1.2'],
      files: ['x.pdf'],
    });
    assert.equal(toEvidenceCommit({ ...raw, unparsed: true }).unparsed, true);
    assert.ok(!('unparsed' in toEvidenceCommit({ ...raw, unparsed: false })));
  });
});

const RECORDS: LogRecord[] = [
  { hash: A, trailers: 'Criterion: 1.1', changes: [['A', 'evidence/1.1 Kế hoạch/kh.pdf']] },
  { hash: B, trailers: 'Task: NV-01\nCriterion: 1.2', changes: [['A', 'evidence/1.2 Báo cáo/q1.pdf'], ['A', 'evidence/1.2 Báo cáo x/q2.pdf']] },
  { hash: C, changes: [['M', 'evidence/2.1/ket-qua-1.pdf'], ['A', 'evidence/2.1/.hidden.pdf']] },
  { hash: D, changes: [['A', 'evidence/2.1/.ket-qua-2.pdf']] },
];
const shorts = (commits: Array<{ shortHash: string }> | undefined) => commits?.map((c) => c.shortHash[0]).join('');

describe('history: evidenceCommits (reports and the dashboard)', () => {
  const run = (options: Parameters<typeof evidenceCommits>[1]) => evidenceCommits(logGit(RECORDS), options);

  it('without a filter, every evidence commit, newest first', async () => {
    assert.equal(shorts(await run({ evidenceRoot: 'evidence' })), 'abcd');
  });

  it('by criterion: its Criterion: or Task: trailer', async () => {
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', criterionId: '1.1' })), 'a');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', criterionId: 'NV-01' })), 'b');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', criterionId: '1.3' })), '');
  });

  it('by path: the file itself or a file under the folder (not a folder whose name only begins the same)', async () => {
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', paths: ['1.2 Báo cáo'] })), 'b');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', paths: ['1.2 Báo cáo//'] })), 'b');
    assert.deepEqual((await run({ evidenceRoot: 'evidence', paths: ['1.2 Báo cáo/'] }))[0].files, ['1.2 Báo cáo/q1.pdf', '1.2 Báo cáo x/q2.pdf'], 'all the files of a kept commit');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', paths: ['1.2 Báo'] })), '');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', paths: ['2.1/ket-qua-1.pdf'] })), 'c');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', paths: ['1.2 Ba\u0301o ca\u0301o'] })), 'b', 'compared in NFC');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', paths: [] })), 'abcd', 'an empty list filters nothing');
  });

  it('by glob: a requirement\'s path, "./" allowed, dot files not matched by a wildcard', async () => {
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', globs: ['./2.1/ket-qua-*.pdf'] })), 'c');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', globs: ['2.1/*.pdf'] })), 'c');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', globs: ['1.2 Ba\u0301o ca\u0301o/*.pdf'] })), 'b');
    assert.equal(shorts(await run({ evidenceRoot: 'evidence', criterionId: '1.1', globs: ['2.1/*.pdf'] })), 'ac', 'trailer or glob');
  });

  it('evidenceCommitsSince: asks Git from the day before, keeps exactly the author days from `since`', async () => {
    const git = logGit([
      { hash: A, date: '2025-11-10T00:30:00+07:00', changes: [['A', 'evidence/a.pdf']] },
      { hash: B, date: '2025-11-09T23:59:00+07:00', changes: [['A', 'evidence/b.pdf']] },
    ]);
    assert.equal(shorts(await evidenceCommitsSince(git, 'evidence', '2025-11-10')), 'a');
    assert.ok(git.calls[0].args.includes('--since=2025-11-09'), git.calls[0].args.join(' '));
    assert.equal(shorts(await evidenceCommitsSince(git, 'evidence')), 'ab');
    assert.ok(!git.calls[1].args.some((a) => a.startsWith('--since')));
  });
});

describe('history: lastCommitsForFiles', () => {
  it('the newest commit of each file still present; a file whose newest change is a deletion is gone', async () => {
    const git = logGit([
      { hash: A, date: '2025-11-12T08:00:00+07:00', author: 'C', changes: [['D', 'evidence/old.pdf'], ['M', 'evidence/a.pdf']] },
      { hash: B, date: '2025-11-11T08:00:00+07:00', changes: [['A', 'evidence/old.pdf'], ['A', 'evidence/b.pdf']] },
      { hash: C, date: '2025-11-10T08:00:00+07:00', changes: [['A', 'evidence/a.pdf'], ['D', 'evidence/b.pdf']] },
    ]);
    const records = await lastCommitsForFiles(git, 'evidence');
    assert.deepEqual([...records.entries()], [
      ['a.pdf', { path: 'a.pdf', hash: A, shortHash: 'aaaaaaa', date: '2025-11-12T08:00:00+07:00', author: 'C' }],
      ['b.pdf', { path: 'b.pdf', hash: B, shortHash: 'bbbbbbb', date: '2025-11-11T08:00:00+07:00', author: 'Nguyễn Văn A' }],
    ]);
    assert.equal(git.calls.length, 1, 'one git log');
  });
});

const DOC = parseCriteria(
  JSON.stringify({
    reformEvidence: 1,
    index: { id: 't', title: 'T', year: 2025, evidenceRoot: 'evidence' },
    units: { VP: { name: 'VP' } },
    criteria: [
      {
        id: '1',
        title: 'Area',
        children: [
          { id: '1.1', title: 'Plan', maxScore: 1, evidence: [{ title: 'Plan', path: '1.1 Kế hoạch/*.pdf' }] },
          { id: '1.2', title: 'Reports', maxScore: 1, evidence: [{ title: 'Q', path: './1.2 Ba\u0301o ca\u0301o/*.pdf' }, { title: 'Unsafe', path: '../*.pdf' }] },
        ],
      },
      { id: '2', title: 'Other', children: [{ id: '2.1', title: 'Review', maxScore: 1, evidence: [{ title: 'R', path: '2.1/ket-qua-*.pdf' }] }] },
    ],
    tasks: [
      { id: 'NV-01', title: 'Task', owner: 'VP', criteria: ['1.2'], evidence: [{ title: 'Minutes', path: '2.1/*.pdf' }] },
      { id: 'NV-02', title: 'Unsafe', owner: 'VP', criteria: ['1.2'], evidence: [{ title: 'Unsafe', path: '../*.pdf' }] },
    ],
  }),
  'criteria.yaml',
);

describe('history: criterionHistory (log, "Show Evidence History")', () => {
  const history = (id: string, records = RECORDS, since?: string) => criterionHistory(logGit(records), DOC, id, since);

  it('an unknown id has no history (and Git is not asked)', async () => {
    const git = logGit(RECORDS);
    assert.equal(await criterionHistory(git, DOC, '9.9'), undefined);
    assert.equal(git.calls.length, 0);
  });

  it('a leaf: commits naming it in a trailer, or touching a file its requirements match', async () => {
    assert.equal(shorts(await history('1.1')), 'a');
    assert.equal(shorts(await history('1.2')), 'b');
    assert.equal(shorts(await history('2.1')), 'c');
  });

  it('an area includes its sub-criteria', async () => {
    assert.equal(shorts(await history('1')), 'ab');
    // Without a trailer: one of the area's requirements matching is enough.
    const plain: LogRecord[] = [{ hash: A, changes: [['A', 'evidence/1.1 Kế hoạch/kh.pdf'], ['A', 'evidence/x.pdf']] }];
    const [kept] = (await history('1', plain)) ?? [];
    assert.deepEqual(kept?.files, ['1.1 Kế hoạch/kh.pdf']);
    assert.equal(shorts(await history('2')), 'c');
  });

  it('a task: its Task: trailer, or its own requirements (not those of its criteria); a wildcard skips dot files', async () => {
    assert.equal(shorts(await history('NV-01')), 'bc');
  });

  it('only the criterion\'s own files of a commit that recorded many, unless none of them match', async () => {
    const [b] = (await history('1.2')) ?? [];
    assert.deepEqual(b.files, ['1.2 Báo cáo/q1.pdf']);
    const [viaTrailer] = (await history('NV-01')) ?? [];
    assert.deepEqual(viaTrailer.files, ['1.2 Báo cáo/q1.pdf', '1.2 Báo cáo x/q2.pdf'], 'named by trailer, no file matches: all shown');
    const [c] = (await history('2.1')) ?? [];
    assert.deepEqual(c.files, ['2.1/ket-qua-1.pdf']);
  });

  it('a requirement whose glob was refused matches nothing', async () => {
    const outside: LogRecord[] = [{ hash: A, changes: [['A', 'evidence/../x.pdf']] }];
    const git = fakeGit({ readBuffer: () => logOutput(outside) });
    assert.equal(shorts(await criterionHistory(git, DOC, '1.2')), '');
    assert.equal(shorts(await criterionHistory(git, DOC, 'NV-02')), '', 'a task\'s too');
  });

  it('since reaches Git', async () => {
    const git = logGit(RECORDS);
    await criterionHistory(git, DOC, '1.1', '2025-11-01');
    assert.ok(git.calls[0].args.includes('--since=2025-11-01'));
  });
});

describe('history: recentCommits (a pick list of revisions)', () => {
  it('asks for the last N commits of the path, four NUL-ended fields each', async () => {
    const out = ['aaaaaaa', 'Trần B', '2025-11-10T09:00:00+07:00', 'one', '', 'bbbbbbb', 'Lê C', '2025-11-09T09:00:00+07:00', 'two', ''].join('\0');
    const git = fakeGit({ read: () => out });
    assert.deepEqual(await recentCommits(git, 'ward/criteria.yaml', 2), [
      { shortHash: 'aaaaaaa', author: 'Trần B', date: '2025-11-10T09:00:00+07:00', subject: 'one' },
      { shortHash: 'bbbbbbb', author: 'Lê C', date: '2025-11-09T09:00:00+07:00', subject: 'two' },
    ]);
    assert.deepEqual(git.calls[0].args, ['log', '-2', '-z', '--format=%h%x00%an%x00%aI%x00%s%x00', 'HEAD', '--', 'ward/criteria.yaml']);
  });

  it('a newline before a record is not part of its hash; a record that does not start with a hash is dropped', async () => {
    const out = ['aaaaaaa', 'A', 'd', 'one', '', '\n\nbcdef', 'B', 'd', 'two', '', 'xyz1', 'C', 'd', 'three', '', 'abc', 'D', 'd', 'four', '', 'zzabcd', 'E', 'd', 'five', '', 'abcdzz', 'F', 'd', 'six', ''].join('\0');
    assert.deepEqual(
      (await recentCommits(fakeGit({ read: () => out }), 'c.yaml', 4)).map((c) => [c.shortHash, c.subject]),
      [
        ['aaaaaaa', 'one'],
        ['bcdef', 'two'],
      ],
    );
  });

  it('output cut inside a record gives no half record', async () => {
    assert.deepEqual(await recentCommits(fakeGit({ read: () => ['abcd', 'A', 'd'].join('\0') }), 'c.yaml', 1), []);
  });

  it('Git failing (no commits yet) gives an empty list', async () => {
    assert.deepEqual(await recentCommits(fakeGit({ read: () => Promise.reject(new Error('fatal')) }), 'c.yaml', 5), []);
  });
});
