// `reform-evidence diff <rev> [<rev>]` as docs/audit-trail.md ("Diffs") states it, on two parsed criteria
// documents: criteria and tasks added, removed or moved (renumbered: same title, new id), changes of title,
// maxScore, owner, due, notApplicable, selfScore, the task fields and the evidence requirements (title, path,
// min); the list in English and Vietnamese; the criteria file read at a revision (Git's answers as data).
import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { changeText, criteriaTextAt, diffCriteria, diffCriteriaRevisions, renderCriteriaDiff, type CriteriaChange } from '../../../../src/core/audit/criteriaDiff';
import { MAX_CRITERIA_BYTES, parseCriteria } from '../../../../src/core/parse/parseCriteria';
import { UnreadableFileError } from '../../../../src/core/fs/readBounded';
import type { CriteriaDoc } from '../../../../src/core/model/types';
import { cleanupTempDirs, tempDir } from '../../helpers';
import { fakeGit, hashOf } from './fakeGit';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Raw = Record<string, any>;

function base(): Raw {
  return {
    reformEvidence: 1,
    index: { id: 't-2025', title: 'Thử', year: 2025, evidenceRoot: 'evidence' },
    units: { VP: { name: 'Văn phòng' }, VHXH: { name: 'Văn hóa - Xã hội' } },
    criteria: [
      {
        id: '1',
        title: 'Chỉ đạo điều hành',
        children: [
          { id: '1.1', title: 'Kế hoạch CCHC', maxScore: 1, owner: 'VHXH', due: '2025-12-15', evidence: [{ title: 'Kế hoạch', path: '1.1/*.pdf' }] },
          {
            id: '1.2',
            title: 'Báo cáo quý',
            maxScore: 2,
            owner: 'VP',
            evidence: [
              { title: 'Báo cáo quý', path: '1.2/*.pdf', min: 4 },
              { title: 'Phụ lục', path: '1.2/phu-luc/*.xlsx' },
            ],
          },
        ],
      },
    ],
    tasks: [{ id: 'NV-01', title: 'Tập huấn ISO', owner: 'VHXH', support: ['VP'], due: '2025-11-08', source: '248/QĐ-UBND', criteria: ['1.1'], evidence: [] }],
  };
}

function doc(change: (raw: Raw) => void = () => undefined): CriteriaDoc {
  const raw = base();
  change(raw);
  return parseCriteria(JSON.stringify(raw), 'criteria.yaml');
}

const leaf = (raw: Raw, id: string): Raw => raw.criteria[0].children.find((c: Raw) => c.id === id);

describe('criteria diff: what changed between two documents', () => {
  it('the same document: no change', () => {
    assert.deepEqual(diffCriteria(doc(), doc()), []);
  });

  it('each field of a criterion: title, maxScore, owner, due, notApplicable, selfScore; an absent value is "—"', () => {
    const after = doc((raw) => {
      Object.assign(leaf(raw, '1.1'), { title: 'Kế hoạch CCHC 2025', maxScore: 1.5, owner: 'VP', notApplicable: 'Không có', selfScore: 0 });
      delete leaf(raw, '1.1').due;
      leaf(raw, '1.2').due = '2025-10-15';
    });
    assert.deepEqual(diffCriteria(doc(), after), [
      { kind: 'field', id: '1.1', field: 'title', before: 'Kế hoạch CCHC', after: 'Kế hoạch CCHC 2025' },
      { kind: 'field', id: '1.1', field: 'maxScore', before: '1', after: '1.5' },
      { kind: 'field', id: '1.1', field: 'owner', before: 'VHXH', after: 'VP' },
      { kind: 'field', id: '1.1', field: 'due', before: '2025-12-15', after: '—' },
      { kind: 'field', id: '1.1', field: 'notApplicable', before: '—', after: 'Không có' },
      { kind: 'field', id: '1.1', field: 'selfScore', before: '—', after: '0' },
      { kind: 'field', id: '1.2', field: 'due', before: '—', after: '2025-10-15' },
      { kind: 'field', id: '1', field: 'maxScore', before: '3', after: '3.5' },
    ]);
  });

  it('a parent\'s maxScore follows its children', () => {
    const after = doc((raw) => (leaf(raw, '1.2').maxScore = 3));
    assert.deepEqual(diffCriteria(doc(), after), [
      { kind: 'field', id: '1.2', field: 'maxScore', before: '2', after: '3' },
      { kind: 'field', id: '1', field: 'maxScore', before: '3', after: '4' },
    ]);
  });

  it('each field of a task: title, owner, support, due, criteria, source; lists joined, an empty list "—"', () => {
    const after = doc((raw) => Object.assign(raw.tasks[0], { title: 'Tập huấn ISO 9001', owner: 'VP', support: [], due: '2025-11-30', criteria: ['1.1', '1.2'], source: '' }));
    assert.deepEqual(diffCriteria(doc(), after), [
      { kind: 'field', id: 'NV-01', field: 'title', before: 'Tập huấn ISO', after: 'Tập huấn ISO 9001' },
      { kind: 'field', id: 'NV-01', field: 'owner', before: 'VHXH', after: 'VP' },
      { kind: 'field', id: 'NV-01', field: 'support', before: 'VP', after: '—' },
      { kind: 'field', id: 'NV-01', field: 'due', before: '2025-11-08', after: '2025-11-30' },
      { kind: 'field', id: 'NV-01', field: 'criteria', before: '1.1', after: '1.1, 1.2' },
      { kind: 'field', id: 'NV-01', field: 'source', before: '248/QĐ-UBND', after: '—' },
    ]);
    const two = doc((raw) => (raw.tasks[0].support = ['VP', 'VHXH']));
    assert.deepEqual(diffCriteria(doc(), two), [{ kind: 'field', id: 'NV-01', field: 'support', before: 'VP', after: 'VP, VHXH' }]);
  });

  it('added and removed criteria and tasks', () => {
    const after = doc((raw) => {
      raw.criteria[0].children.push({ id: '1.3', title: 'Mới', maxScore: 1 });
      raw.tasks = [{ id: 'NV-02', title: 'Rà soát', owner: 'VP', criteria: ['1.3'] }];
    });
    assert.deepEqual(diffCriteria(doc(), after), [
      { kind: 'removed', what: 'task', id: 'NV-01', title: 'Tập huấn ISO' },
      { kind: 'added', what: 'criterion', id: '1.3', title: 'Mới' },
      { kind: 'added', what: 'task', id: 'NV-02', title: 'Rà soát' },
      { kind: 'field', id: '1', field: 'maxScore', before: '3', after: '4' },
    ]);
    assert.deepEqual(diffCriteria(after, doc()).slice(0, 3), [
      { kind: 'removed', what: 'criterion', id: '1.3', title: 'Mới' },
      { kind: 'removed', what: 'task', id: 'NV-02', title: 'Rà soát' },
      { kind: 'added', what: 'task', id: 'NV-01', title: 'Tập huấn ISO' },
    ]);
  });

  it('moved (renumbered): same title with a new id, its other changes listed under the new id; the title compared without case, spaces or Unicode form', () => {
    const after = doc((raw) => Object.assign(leaf(raw, '1.2'), { id: '1.3', title: ' BA\u0301O CA\u0301O QUÝ ', owner: 'VHXH' }));
    assert.deepEqual(diffCriteria(doc(), after), [
      { kind: 'moved', what: 'criterion', from: '1.2', to: '1.3', title: ' BA\u0301O CA\u0301O QUÝ ' },
      { kind: 'field', id: '1.3', field: 'owner', before: 'VP', after: 'VHXH' },
    ]);
    // And back: the old title is the one in another form.
    assert.deepEqual(diffCriteria(after, doc())[0], { kind: 'moved', what: 'criterion', from: '1.3', to: '1.2', title: 'Báo cáo quý' });
  });

  it('a criterion and a task are never one another\'s move, even with the same id or title', () => {
    const after = doc((raw) => {
      raw.tasks[0].id = '1.2';
      raw.tasks[0].title = 'Báo cáo quý';
      leaf(raw, '1.2').id = '1.4';
      leaf(raw, '1.4').title = 'Khác';
    });
    assert.deepEqual(
      diffCriteria(doc(), after).filter((c) => c.kind !== 'field'),
      [
        { kind: 'removed', what: 'criterion', id: '1.2', title: 'Báo cáo quý' },
        { kind: 'removed', what: 'task', id: 'NV-01', title: 'Tập huấn ISO' },
        { kind: 'added', what: 'criterion', id: '1.4', title: 'Khác' },
        { kind: 'added', what: 'task', id: '1.2', title: 'Báo cáo quý' },
      ],
    );
  });

  it('evidence requirements: matched by title (any case), else by path; path, min and title changes; added and removed', () => {
    const after = doc((raw) => {
      leaf(raw, '1.2').evidence = [
        // Same path, new title: matched by path.
        { title: 'Phụ lục số liệu', path: '1.2/phu-luc/*.xlsx' },
        // Same title in other case: matched by title, its path and min changed.
        { title: 'BÁO CÁO QUÝ', path: '1.2/**/*.pdf', min: 3 },
      ];
      leaf(raw, '1.1').evidence = [{ title: 'Quyết định', path: '1.1/qd-*.pdf' }];
    });
    assert.deepEqual(diffCriteria(doc(), after), [
      { kind: 'reqRemoved', id: '1.1', title: 'Kế hoạch', path: '1.1/*.pdf' },
      { kind: 'reqAdded', id: '1.1', title: 'Quyết định', path: '1.1/qd-*.pdf' },
      { kind: 'reqChanged', id: '1.2', title: 'BÁO CÁO QUÝ', field: 'path', before: '1.2/*.pdf', after: '1.2/**/*.pdf' },
      { kind: 'reqChanged', id: '1.2', title: 'BÁO CÁO QUÝ', field: 'min', before: '4', after: '3' },
      { kind: 'reqChanged', id: '1.2', title: 'Phụ lục số liệu', field: 'title', before: 'Phụ lục', after: 'Phụ lục số liệu' },
    ]);
  });

  it('a title match wins over an earlier path match; each requirement is matched once', () => {
    const after = doc((raw) => {
      leaf(raw, '1.2').evidence = [
        { title: 'Khác', path: '1.2/phu-luc/*.xlsx' },
        { title: 'Phụ lục', path: '1.2/pl/*.xlsx' },
        { title: 'Báo cáo quý', path: '1.2/*.pdf', min: 4 },
      ];
    });
    assert.deepEqual(diffCriteria(doc(), after), [
      { kind: 'reqChanged', id: '1.2', title: 'Phụ lục', field: 'path', before: '1.2/phu-luc/*.xlsx', after: '1.2/pl/*.xlsx' },
      { kind: 'reqAdded', id: '1.2', title: 'Khác', path: '1.2/phu-luc/*.xlsx' },
    ]);
    // A title match first in the list still wins over a path match further on.
    const first = doc((raw) => {
      leaf(raw, '1.1').evidence = [
        { title: 'Kế hoạch', path: '1.1/new/*.pdf' },
        { title: 'Khác', path: '1.1/*.pdf' },
      ];
    });
    assert.deepEqual(diffCriteria(doc(), first), [
      { kind: 'reqChanged', id: '1.1', title: 'Kế hoạch', field: 'path', before: '1.1/*.pdf', after: '1.1/new/*.pdf' },
      { kind: 'reqAdded', id: '1.1', title: 'Khác', path: '1.1/*.pdf' },
    ]);
    const twice = doc((raw) => {
      leaf(raw, '1.2').evidence = [{ title: 'Báo cáo quý', path: '1.2/*.pdf', min: 4 }];
      leaf(raw, '1.1').evidence = [
        { title: 'Kế hoạch', path: '1.1/*.pdf' },
        { title: 'kế hoạch', path: '1.1/b/*.pdf' },
      ];
    });
    assert.deepEqual(diffCriteria(doc(), twice), [
      { kind: 'reqAdded', id: '1.1', title: 'kế hoạch', path: '1.1/b/*.pdf' },
      { kind: 'reqRemoved', id: '1.2', title: 'Phụ lục', path: '1.2/phu-luc/*.xlsx' },
    ]);
  });
});

const ALL: CriteriaChange[] = [
  { kind: 'added', what: 'criterion', id: '1.3', title: 'Mới' },
  { kind: 'added', what: 'task', id: 'NV-02', title: 'Rà soát' },
  { kind: 'removed', what: 'criterion', id: '1.4', title: 'Cũ' },
  { kind: 'removed', what: 'task', id: 'NV-03', title: 'Bỏ' },
  { kind: 'moved', what: 'criterion', from: '2.2', to: '2.3', title: 'Không áp dụng' },
  { kind: 'field', id: '1.2', field: 'owner', before: 'VP', after: 'VHXH' },
  { kind: 'reqAdded', id: '1.1', title: 'Quyết định', path: '1.1/qd-*.pdf' },
  { kind: 'reqRemoved', id: '2.1', title: 'Kết quả', path: '2.1/kq-*.pdf' },
  { kind: 'reqChanged', id: '1.2', title: 'Báo cáo quý', field: 'min', before: '4', after: '3' },
];

describe('criteria diff: the list as printed', () => {
  it('one line per change, in English and Vietnamese', () => {
    assert.deepEqual(
      ALL.map((c) => changeText(c, 'en')),
      [
        'added criterion 1.3 "Mới"',
        'added NV-02 "Rà soát"',
        'removed criterion 1.4 "Cũ"',
        'removed NV-03 "Bỏ"',
        'moved 2.2 → 2.3 "Không áp dụng"',
        '1.2: owner VP → VHXH',
        '1.1: evidence requirement added "Quyết định" (1.1/qd-*.pdf)',
        '2.1: evidence requirement removed "Kết quả" (2.1/kq-*.pdf)',
        '1.2: evidence requirement "Báo cáo quý": min 4 → 3',
      ],
    );
    assert.deepEqual(
      ALL.map((c) => changeText(c, 'vi')),
      [
        'thêm tiêu chí 1.3 "Mới"',
        'thêm NV-02 "Rà soát"',
        'xóa tiêu chí 1.4 "Cũ"',
        'xóa NV-03 "Bỏ"',
        'chuyển 2.2 → 2.3 "Không áp dụng"',
        '1.2: owner VP → VHXH',
        '1.1: thêm yêu cầu tài liệu "Quyết định" (1.1/qd-*.pdf)',
        '2.1: xóa yêu cầu tài liệu "Kết quả" (2.1/kq-*.pdf)',
        '1.2: yêu cầu tài liệu "Báo cáo quý": min 4 → 3',
      ],
    );
  });

  it('a header line when given, "- " before each change, a line saying there is none, a final newline', () => {
    assert.equal(renderCriteriaDiff(ALL.slice(0, 2), 'en', 'Criteria file c.yaml: a → b'), 'Criteria file c.yaml: a → b\n- added criterion 1.3 "Mới"\n- added NV-02 "Rà soát"\n');
    assert.equal(renderCriteriaDiff(ALL.slice(4, 5), 'en'), '- moved 2.2 → 2.3 "Không áp dụng"\n');
    assert.equal(renderCriteriaDiff([], 'en'), 'No change to criteria, scores, owners, due dates or evidence requirements.\n');
    assert.equal(renderCriteriaDiff([], 'vi', 'H'), 'H\nKhông thay đổi tiêu chí, điểm, đơn vị, thời hạn hay yêu cầu tài liệu.\n');
  });
});

describe('criteria diff: the file at a revision', () => {
  afterEach(() => cleanupTempDirs());

  const YAML = JSON.stringify(base());

  it('resolves the revision first, then reads the blob of the file\'s path from the top, bounded like the file', async () => {
    const top = tempDir();
    mkdirSync(path.join(top, 'ward'));
    const git = fakeGit({ read: () => hashOf('a') + '\n', readBuffer: () => 'text' });
    assert.equal(await criteriaTextAt(git, top, path.join(top, 'ward', 'criteria.yaml'), 'HEAD~1'), 'text');
    assert.deepEqual(git.calls[0].args, ['rev-parse', '-q', '--verify', '--end-of-options', 'HEAD~1^{commit}']);
    assert.deepEqual(git.calls[1].args, ['cat-file', 'blob', `${hashOf('a')}:ward/criteria.yaml`]);
    assert.deepEqual(git.calls[1].limit, { bytes: MAX_CRITERIA_BYTES, path: `${hashOf('a')}:ward/criteria.yaml` });
  });

  it('a file reached through a symbolic link is read by its real path in the repository', async () => {
    const top = tempDir();
    mkdirSync(path.join(top, 'real'));
    writeFileSync(path.join(top, 'real', 'criteria.yaml'), YAML);
    symlinkSync(path.join(top, 'real'), path.join(top, 'link'));
    const git = fakeGit({ read: () => hashOf('a'), readBuffer: () => 'text' });
    await criteriaTextAt(git, top, path.join(top, 'link', 'criteria.yaml'), 'HEAD');
    assert.equal(git.calls[1].args[2], `${hashOf('a')}:real/criteria.yaml`);
  });

  it('the file missing at the revision: undefined; too large: the error; an unknown revision: badRevision', async () => {
    const top = tempDir();
    const missing = fakeGit({ read: () => hashOf('a'), readBuffer: () => Promise.reject(new Error("fatal: path 'c.yaml' does not exist in 'HEAD'")) });
    assert.equal(await criteriaTextAt(missing, top, path.join(top, 'c.yaml'), 'HEAD'), undefined);
    const big = fakeGit({ read: () => hashOf('a'), readBuffer: () => Promise.reject(new UnreadableFileError('c.yaml', 'tooLarge', MAX_CRITERIA_BYTES, MAX_CRITERIA_BYTES + 1)) });
    await assert.rejects(criteriaTextAt(big, top, path.join(top, 'c.yaml'), 'HEAD'), UnreadableFileError);
    const unknown = fakeGit({ read: () => Promise.reject(new Error('fatal: Needed a single revision')) });
    await assert.rejects(criteriaTextAt(unknown, top, path.join(top, 'c.yaml'), 'nope'), (error: Error & { code?: string }) => error.code === 'badRevision');
  });

  it('diffCriteriaRevisions: a revision against another, or against the working tree; a side without the file gives no change', async () => {
    const top = tempDir();
    const file = path.join(top, 'criteria.yaml');
    const moved = JSON.stringify(Object.assign(base(), { tasks: [] }));
    writeFileSync(file, moved);
    const texts: Record<string, string | undefined> = { [hashOf('1')]: YAML, [hashOf('2')]: moved, [hashOf('3')]: undefined };
    const git = fakeGit({
      read: (args) => hashOf(args[4][0]),
      readBuffer: (args) => texts[args[2].split(':')[0]] ?? Promise.reject(new Error('does not exist')),
    });
    const removed = [{ kind: 'removed', what: 'task', id: 'NV-01', title: 'Tập huấn ISO' }];
    const two = await diffCriteriaRevisions(git, top, file, '1', '2');
    assert.deepEqual(two.changes, removed);
    assert.equal(two.before?.tasks.length, 1);
    assert.equal(two.after?.tasks.length, 0);
    const worktree = await diffCriteriaRevisions(git, top, file, '1');
    assert.deepEqual(worktree.changes, removed);
    assert.equal(git.calls.filter((c) => c.method === 'readBuffer').length, 3, 'the working tree is read from disk');
    const gone = await diffCriteriaRevisions(git, top, file, '3', '1');
    assert.equal(gone.before, undefined);
    assert.deepEqual(gone.changes, []);
    const deleted = await diffCriteriaRevisions(git, top, path.join(top, 'deleted.yaml'), '1');
    assert.equal(deleted.after, undefined);
    assert.deepEqual(deleted.changes, []);
  });
});
