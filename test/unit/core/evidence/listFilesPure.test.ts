// The evidence listing (docs/criteria-format.md, "Evidence states"): from Git when the folder is a work tree
// (tracked and untracked, not ignored: `ls-files --exclude-standard`), else a walk of the folder; paths compared
// in NFC, so names stored NFD (macOS) match too; `git` of a file is committed, modified, untracked, or none
// outside a Git work tree. Pure: Git is scripted with the exact `-z` output Git prints (checked against git 2.x:
// `? path`, `H|S|M|C|R <mode> <object> <stage>\tpath`, and `diff-index --name-status -z` as status/path pairs);
// only the walk uses a temporary folder.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Git } from '../../../../src/core/git/git';
import { inside, isExcluded, listEvidenceFiles, listFromGit, toNfc, type ListObserver } from '../../../../src/core/evidence/listFiles';
import { compileRequirement, filesOf, startMatching } from '../../../../src/core/evidence/match';
import type { EvidenceFile, Requirement } from '../../../../src/core/model/types';
import { cleanupTempDirs, tempDir, writeFiles } from '../../helpers';

const OID = 'a'.repeat(40);
/** One `ls-files -s -t` entry as Git prints it. */
const cached = (p: string, tag = 'H', mode = '100644', stage = 0) => `${tag} ${mode} ${OID} ${stage}\t${p}\0`;
const untracked = (p: string) => `? ${p}\0`;
/** `diff-index --cached --name-status -z`: status and path, each NUL-ended. */
const staged = (...pairs: Array<[string, string]>) => pairs.map(([s, p]) => `${s}\0${p}\0`).join('');

interface ListScript {
  /** What `ls-files` prints, or an Error it fails with. */
  lsFiles: string | Buffer | Error;
  /** What `diff-index --cached HEAD` prints (default: nothing staged), or an Error. */
  diffIndex?: string | Error;
  /** Whether `rev-parse -q --verify HEAD` finds a commit (default true). */
  head?: boolean;
  /** `rev-parse --is-inside-work-tree`: its output, or an Error (default "true\n"). */
  workTree?: string | Error;
  /** Bytes per chunk handed to readChunks (default: all at once). */
  chunk?: number;
}

/**
 * What Git writes for one of the two calls a whole listing makes (listFromGit), from the script's single-call
 * output: `--cached` alone, the index's entries (H, S, M, with `-s`'s fields); the work tree's call, the untracked
 * entries and the changed (C) and removed (R) ones without `-s`'s fields. The single call gets it all.
 */
function splitCall(args: string[], bytes: Buffer): Buffer {
  const cachedOnly = args.includes('--cached') && !args.includes('--others');
  const workTreeOnly = args.includes('--others') && !args.includes('--cached');
  if (!cachedOnly && !workTreeOnly) return bytes;
  const out: Buffer[] = [];
  for (let start = 0; start < bytes.length; ) {
    // The last entry may lack its NUL.
    const end = bytes.indexOf(0, start) < 0 ? bytes.length - 1 : bytes.indexOf(0, start);
    const entry = bytes.subarray(start, end + 1);
    start = end + 1;
    const tag = String.fromCharCode(entry[0]);
    const inIndex = tag === 'H' || tag === 'S' || tag === 'M';
    if (cachedOnly && inIndex) out.push(entry);
    if (workTreeOnly && tag === '?') out.push(entry);
    if (workTreeOnly && (tag === 'C' || tag === 'R')) out.push(Buffer.concat([entry.subarray(0, 2), entry.subarray(entry.indexOf(9) + 1)]));
  }
  return Buffer.concat(out);
}

function listingGit(script: ListScript): Git & { calls: string[][] } {
  const calls: string[][] = [];
  const refuse = (what: string) => () => Promise.reject(new Error(`unexpected ${what}`));
  const fail = (value: unknown) => (value instanceof Error ? Promise.reject(value) : undefined);
  return {
    cwd: '/repo',
    calls,
    async read(args) {
      calls.push(args);
      if (args.join(' ') === 'rev-parse --is-inside-work-tree') return fail(script.workTree) ?? (script.workTree as string | undefined) ?? 'true\n';
      throw new Error(`unexpected read ${args.join(' ')}`);
    },
    async readBuffer(args) {
      calls.push(args);
      if (args[0] === 'diff-index') return fail(script.diffIndex) ?? Buffer.from((script.diffIndex as string | undefined) ?? '');
      if (args.join(' ') === 'rev-parse -q --verify HEAD') {
        if (script.head === false) throw new Error('exit 1');
        return Buffer.from(`${OID}\n`);
      }
      throw new Error(`unexpected readBuffer ${args.join(' ')}`);
    },
    async readChunks(args, each) {
      calls.push(args);
      if (args[0] !== 'ls-files') throw new Error(`unexpected readChunks ${args.join(' ')}`);
      if (script.lsFiles instanceof Error) throw script.lsFiles;
      const bytes = splitCall(args, Buffer.isBuffer(script.lsFiles) ? script.lsFiles : Buffer.from(script.lsFiles, 'utf8'));
      const size = script.chunk ?? bytes.length;
      for (let i = 0; i < bytes.length; i += size) each(bytes.subarray(i, i + size));
    },
    readInput: refuse('readInput'),
    hashBlobs: refuse('hashBlobs'),
    readBlobs: refuse('readBlobs'),
    write: refuse('write'),
    writeInput: refuse('writeInput'),
    exclusive: refuse('exclusive'),
    stream: () => {
      throw new Error('unexpected stream');
    },
  };
}

const states = (files: EvidenceFile[] | undefined) => Object.fromEntries((files ?? []).map((f) => [f.path, f.git]));
const recorder = () => {
  const seen: string[] = [];
  const observer: ListObserver = {
    added: (f) => seen.push(`+${f.path}`),
    removed: (p) => seen.push(`-${p}`),
  };
  return { seen, observer };
};

// Vietnamese names in both Unicode forms: "Báo cáo" / "Quyết định".
const NFC_NAME = 'Báo cáo.pdf'.normalize('NFC');
const NFD_NAME = 'Báo cáo.pdf'.normalize('NFD');
const NFD_FOLDER = 'Quyết định'.normalize('NFD');

describe('evidence listing from a scripted Git (listFromGit)', () => {
  it('asks ls-files for untracked (not ignored), modified and deleted entries, and apart for the cached ones with modes, under the evidence root', async () => {
    const git = listingGit({ lsFiles: '' });
    await listFromGit(git, 'evidence');
    assert.deepEqual(git.calls, [
      ['ls-files', '-z', '--others', '--modified', '--deleted', '--exclude-standard', '-t', '--', 'evidence'],
      ['ls-files', '-z', '--cached', '-t', '-s', '--', 'evidence'],
      ['diff-index', '--cached', '--relative', '--name-status', '-z', '--no-renames', '--ignore-submodules=all', 'HEAD', '--', 'evidence'],
    ]);
  });

  it('a listing read after Git ends (a ward of the portfolio) or of some paths is one ls-files call', async () => {
    const combined = ['ls-files', '-z', '--cached', '--others', '--modified', '--deleted', '--exclude-standard', '-t', '-s', '--'];
    const lsFiles = cached('evidence/a.pdf') + cached('evidence/a.pdf', 'C') + untracked('evidence/n.pdf') + cached('evidence/gone.pdf') + cached('evidence/gone.pdf', 'R');
    const afterExit = listingGit({ lsFiles });
    const ward = await listFromGit(afterExit, 'evidence', undefined, undefined, undefined, undefined, false, true);
    assert.deepEqual(afterExit.calls, [[...combined, 'evidence']]);
    const some = listingGit({ lsFiles });
    const few = await listFromGit(some, 'evidence', ['a.pdf', 'n.pdf', 'gone.pdf'], undefined, undefined, undefined, false);
    assert.deepEqual(some.calls, [[...combined, 'evidence/a.pdf', 'evidence/n.pdf', 'evidence/gone.pdf']]);
    // The same files and states as the two calls of a whole listing.
    const whole = await listFromGit(listingGit({ lsFiles }), 'evidence', undefined, undefined, undefined, undefined, false);
    assert.deepEqual(states(ward), { 'a.pdf': 'modified', 'n.pdf': 'untracked' });
    assert.deepEqual(states(few), states(ward));
    assert.deepEqual(states(whole), states(ward));
  });

  it('an evidence root "." lists the whole folder ("."), and `paths` narrow the calls to those files under the root', async () => {
    const whole = listingGit({ lsFiles: '' });
    await listFromGit(whole, '.');
    assert.deepEqual(whole.calls[0].slice(-2), ['--', '.']);
    const some = listingGit({ lsFiles: '' });
    await listFromGit(some, 'evidence', ['1.1/a.pdf', 'b.pdf']);
    assert.deepEqual(some.calls[0].slice(-3), ['--', 'evidence/1.1/a.pdf', 'evidence/b.pdf']);
    assert.deepEqual(some.calls[1].slice(-3), ['--', 'evidence/1.1/a.pdf', 'evidence/b.pdf']);
    const atRoot = listingGit({ lsFiles: '' });
    await listFromGit(atRoot, '.', ['a.pdf']);
    assert.deepEqual(atRoot.calls[0].slice(-2), ['--', 'a.pdf']);
  });

  it('tracked files are committed, untracked ones untracked, paths relative to the evidence root', async () => {
    const git = listingGit({
      lsFiles: untracked('evidence/new.pdf') + cached('evidence/1.1/a.pdf') + cached('evidence/b.pdf'),
    });
    const files = await listFromGit(git, 'evidence');
    assert.deepEqual(states(files), {
      'new.pdf': 'untracked',
      '1.1/a.pdf': 'committed',
      'b.pdf': 'committed',
    });
    assert.deepEqual(
      files?.map((f) => f.path),
      ['new.pdf', '1.1/a.pdf', 'b.pdf'],
      'in the order Git lists them',
    );
  });

  it('entries outside the evidence root (a sibling folder whose name starts the same) are left out', async () => {
    const git = listingGit({
      lsFiles: cached('evidence2/x.pdf') + cached('evidence') + untracked('other/evidence/y.pdf') + cached('evidence/ok.pdf') + untracked('evidence-old/z.pdf'),
    });
    assert.deepEqual(states(await listFromGit(git, 'evidence')), {
      'ok.pdf': 'committed',
    });
  });

  it('a nested evidence root (a/b) takes the paths below it only', async () => {
    const git = listingGit({
      lsFiles: cached('a/b/c.pdf') + cached('a/bc.pdf') + cached('a/c.pdf') + untracked('a/b/d/e.pdf'),
    });
    assert.deepEqual(states(await listFromGit(git, 'a/b')), {
      'c.pdf': 'committed',
      'd/e.pdf': 'untracked',
    });
  });

  it('names stored NFD are keyed in NFC, under a root, at the top, and when the root itself is written NFD', async () => {
    const underRoot = await listFromGit(
      listingGit({
        lsFiles: cached(`evidence/${NFD_FOLDER}/${NFD_NAME}`) + untracked(`evidence/${NFD_NAME}`),
      }),
      'evidence',
    );
    assert.deepEqual(underRoot?.map((f) => f.path).sort(), [NFC_NAME, `${'Quyết định'.normalize('NFC')}/${NFC_NAME}`].sort());
    const top = await listFromGit(
      listingGit({
        lsFiles: cached(NFD_NAME) + untracked(`${NFD_FOLDER}/x.pdf`),
      }),
      '.',
    );
    assert.deepEqual(top?.map((f) => f.path).sort(), [NFC_NAME, `${'Quyết định'.normalize('NFC')}/x.pdf`].sort());
    // The root as written in the criteria file (NFD) matches Git's bytes: the entry is found, its key NFC.
    const nfdRoot = await listFromGit(listingGit({ lsFiles: cached(`${NFD_FOLDER}/${NFD_NAME}`) }), NFD_FOLDER);
    assert.deepEqual(
      nfdRoot?.map((f) => f.path),
      [NFC_NAME],
    );
  });

  it('an NFD and an NFC spelling of one name are one file (the first listed)', async () => {
    const files = await listFromGit(
      listingGit({
        lsFiles: untracked(`evidence/${NFD_NAME}`) + cached(`evidence/${NFC_NAME}`),
      }),
      'evidence',
    );
    assert.equal(files?.length, 1);
    assert.deepEqual(states(files), { [NFC_NAME]: 'untracked' });
  });

  it('quoted-looking and control-character names are taken byte for byte (-z: Git quotes nothing)', async () => {
    const odd = ['"quoted".pdf', 'tab\there.pdf', 'new\nline.pdf', 'back\\slash.pdf'];
    const files = await listFromGit(listingGit({ lsFiles: odd.map((n) => cached(`evidence/${n}`)).join('') }), 'evidence');
    assert.deepEqual(
      files?.map((f) => f.path),
      odd,
    );
  });

  it('a name that is not UTF-8 keeps its bytes as escapes (decodePath), not U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from(`H 100644 ${OID} 0\tevidence/`), Buffer.from([0x62, 0xe1, 0x2e, 0x70]), Buffer.from([0])]);
    const files = await listFromGit(listingGit({ lsFiles: bytes }), 'evidence');
    assert.deepEqual(
      files?.map((f) => f.path),
      ['b\udce1.p'],
    );
  });

  it('entries split across chunks are read whole', async () => {
    const files = await listFromGit(
      listingGit({
        lsFiles: cached('evidence/một.pdf') + untracked('evidence/hai.pdf') + cached('evidence/ba.pdf'),
        chunk: 5,
      }),
      'evidence',
    );
    assert.deepEqual(states(files), {
      'một.pdf': 'committed',
      'hai.pdf': 'untracked',
      'ba.pdf': 'committed',
    });
  });

  it('an entry without a tab or with an empty path is skipped', async () => {
    const files = await listFromGit(
      listingGit({
        lsFiles: `H 100644 ${OID} 0 evidence/notab.pdf\0` + `H 100644 ${OID} 0\t\0` + cached('evidence/ok.pdf'),
      }),
      '.',
    );
    assert.deepEqual(states(files), { 'evidence/ok.pdf': 'committed' });
  });

  it('a file changed in the work tree (C) is modified; one changed and staged too is modified once', async () => {
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf') + cached('evidence/a.pdf', 'C') + cached('evidence/b.pdf'),
      diffIndex: staged(['M', 'evidence/a.pdf']),
    });
    const files = await listFromGit(git, 'evidence');
    assert.deepEqual(states(files), {
      'a.pdf': 'modified',
      'b.pdf': 'committed',
    });
    assert.equal(files?.length, 2);
  });

  it('a staged addition or change is modified; a staged deletion changes nothing listed', async () => {
    const git = listingGit({
      lsFiles: cached('evidence/new.pdf') + cached('evidence/changed.pdf') + cached('evidence/kept.pdf'),
      diffIndex: staged(['A', 'evidence/new.pdf'], ['M', 'evidence/changed.pdf'], ['D', 'evidence/kept.pdf']),
    });
    assert.deepEqual(states(await listFromGit(git, 'evidence')), {
      'new.pdf': 'modified',
      'changed.pdf': 'modified',
      'kept.pdf': 'committed',
    });
  });

  it('a staged path with no status pair (a truncated answer) is ignored', async () => {
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf') + cached('evidence/M'),
      diffIndex: 'evidence/a.pdf\0M\0',
    });
    // Read as pairs: ("evidence/a.pdf", "M"): the status is the path's place, so nothing is settled.
    assert.deepEqual(states(await listFromGit(git, 'evidence')), {
      'a.pdf': 'committed',
      M: 'committed',
    });
    const odd = listingGit({
      lsFiles: cached('evidence/a.pdf'),
      diffIndex: 'M\0',
    });
    assert.deepEqual(states(await listFromGit(odd, 'evidence')), {
      'a.pdf': 'committed',
    });
  });

  it('a changed or staged untracked entry stays untracked; a changed path Git did not list is not invented', async () => {
    const git = listingGit({
      lsFiles: untracked('evidence/u.pdf') + cached('evidence/u.pdf', 'C') + cached('evidence/ghost.pdf', 'C'),
      diffIndex: staged(['M', 'evidence/u.pdf'], ['M', 'elsewhere/x.pdf']),
    });
    assert.deepEqual(states(await listFromGit(git, 'evidence')), {
      'u.pdf': 'untracked',
    });
  });

  it('a file deleted in the work tree (R) is gone, recorded in absentTracked, and told to the observer', async () => {
    const absent = new Set<string>();
    const unverified = new Set<string>();
    const { seen, observer } = recorder();
    const git = listingGit({
      lsFiles: cached('evidence/gone.pdf') + cached('evidence/gone.pdf', 'R') + cached('evidence/gone.pdf', 'C') + cached('evidence/kept.pdf'),
    });
    const files = await listFromGit(git, 'evidence', undefined, absent, unverified, observer);
    assert.deepEqual(states(files), { 'kept.pdf': 'committed' });
    assert.deepEqual([...absent], ['gone.pdf']);
    assert.deepEqual(seen, ['+gone.pdf', '+kept.pdf', '-gone.pdf']);
    assert.deepEqual([...unverified], [], 'a deleted modified file is not looked at on disk');
  });

  it("a caller's map (ListOptions.files) holds exactly the listed files, a matcher taking it as its state matches as with its own", async () => {
    const lsFiles = cached('evidence/gone.pdf') + cached('evidence/gone.pdf', 'R') + cached('evidence/a/k.pdf') + cached('evidence/a/k.pdf', 'M') + untracked('evidence/a/n.pdf');
    const requirements = [compileRequirement('criterion', '1', { title: 't', path: 'a/*.pdf', min: 1, index: 0, valid: true } as unknown as Requirement)];
    const own = startMatching(requirements);
    const alone = await listFromGit(listingGit({ lsFiles }), 'evidence', undefined, undefined, undefined, { added: (f) => own.add(f), removed: (p) => own.remove(p) });
    const files = new Map<string, EvidenceFile>();
    const shared = startMatching(requirements, files);
    const listed = await listFromGit(listingGit({ lsFiles }), 'evidence', undefined, undefined, undefined, { added: (f) => shared.add(f), removed: (p) => shared.remove(p) }, true, false, files);
    assert.deepEqual(states(listed), states(alone));
    assert.deepEqual([...files.keys()].sort(), ['a/k.pdf', 'a/n.pdf']);
    assert.equal(shared.state.files, files);
    assert.deepEqual([...shared.state.files.entries()].sort(), [...own.state.files.entries()].sort());
    assert.deepEqual(filesOf(shared.state, 'criterion:1#0'), filesOf(own.state, 'criterion:1#0'));
    assert.equal(filesOf(shared.state, 'criterion:1#0').length, 2);
  });

  it('a file staged and then deleted in the work tree is gone (deletions are applied last)', async () => {
    const absent = new Set<string>();
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf') + cached('evidence/a.pdf', 'R'),
      diffIndex: staged(['A', 'evidence/a.pdf']),
    });
    assert.deepEqual(states(await listFromGit(git, 'evidence', undefined, absent)), {});
    assert.deepEqual([...absent], ['a.pdf']);
  });

  it('a deletion outside the root or of an unknown path is ignored, and a deleted NFD name is recorded in NFC', async () => {
    const absent = new Set<string>();
    const git = listingGit({
      lsFiles: cached(`evidence/${NFD_NAME}`) + cached(`evidence/${NFD_NAME}`, 'R') + cached('other/x.pdf', 'R') + cached('evidence/never.pdf', 'R'),
    });
    assert.deepEqual(states(await listFromGit(git, 'evidence', undefined, absent)), {});
    assert.deepEqual([...absent], [NFC_NAME]);
  });

  it('unmerged entries (M, stages 1–3) are one modified file; skip-worktree (S) is committed', async () => {
    const { seen, observer } = recorder();
    const git = listingGit({
      lsFiles: cached('evidence/c.pdf', 'M', '100644', 1) + cached('evidence/c.pdf', 'M', '100644', 2) + cached('evidence/c.pdf', 'M', '100644', 3) + cached('evidence/s.pdf', 'S'),
    });
    const files = await listFromGit(git, 'evidence', undefined, undefined, undefined, observer);
    assert.deepEqual(states(files), {
      'c.pdf': 'modified',
      's.pdf': 'committed',
    });
    assert.deepEqual(seen, ['+c.pdf', '+s.pdf'], 'added once per file');
  });

  it('a path listed twice keeps its least settled state: a later committed entry does not settle it, a later unmerged one does unsettle it', async () => {
    const first = await listFromGit(
      listingGit({
        lsFiles: cached('evidence/a.pdf', 'M', '100644', 2) + cached('evidence/a.pdf'),
      }),
      'evidence',
    );
    assert.deepEqual(states(first), { 'a.pdf': 'modified' });
    const { seen, observer } = recorder();
    const files = await listFromGit(
      listingGit({
        lsFiles: cached('evidence/b.pdf') + cached('evidence/b.pdf', 'M', '100644', 3),
      }),
      'evidence',
      undefined,
      undefined,
      undefined,
      observer,
    );
    assert.deepEqual(states(files), { 'b.pdf': 'modified' });
    assert.deepEqual(seen, ['+b.pdf'], 'added once');
  });

  it('the observer gets the very objects returned, updated in place as Git says more', async () => {
    const told: EvidenceFile[] = [];
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf') + cached('evidence/a.pdf', 'C'),
    });
    const files = await listFromGit(git, 'evidence', undefined, undefined, undefined, {
      added: (f) => told.push(f),
      removed: () => assert.fail('nothing removed'),
    });
    assert.equal(told[0], files?.[0]);
    assert.equal(told[0].git, 'modified');
  });

  it('unverified: the links (mode 120000, even committed) and every file not committed; never the committed regular files', async () => {
    const unverified = new Set<string>();
    const git = listingGit({
      lsFiles:
        cached('evidence/link.pdf', 'H', '120000') +
        cached('evidence/sub.pdf', 'H', '160000') +
        cached('evidence/plain.pdf') +
        untracked('evidence/new.pdf') +
        cached('evidence/changed.pdf') +
        cached('evidence/changed.pdf', 'C'),
    });
    const files = await listFromGit(git, 'evidence', undefined, undefined, unverified);
    assert.deepEqual([...unverified].sort(), ['changed.pdf', 'link.pdf', 'new.pdf']);
    assert.deepEqual(states(files), {
      'link.pdf': 'committed',
      'sub.pdf': 'committed',
      'plain.pdf': 'committed',
      'new.pdf': 'untracked',
      'changed.pdf': 'modified',
    });
  });

  it('a link deleted from the work tree is no longer unverified', async () => {
    const unverified = new Set<string>();
    const git = listingGit({
      lsFiles: cached('evidence/link.pdf', 'H', '120000') + cached('evidence/link.pdf', 'R'),
    });
    await listFromGit(git, 'evidence', undefined, undefined, unverified);
    assert.deepEqual([...unverified], []);
  });

  it('staged false: no diff-index, a staged file reads committed', async () => {
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf'),
      diffIndex: staged(['A', 'evidence/a.pdf']),
    });
    assert.deepEqual(states(await listFromGit(git, 'evidence', undefined, undefined, undefined, undefined, false)), { 'a.pdf': 'committed' });
    assert.equal(
      git.calls.some((c) => c[0] === 'diff-index'),
      false,
    );
  });

  it('before the first commit (diff-index fails, no HEAD, a work tree) everything in the index is staged: modified', async () => {
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf') + untracked('evidence/u.pdf'),
      diffIndex: new Error("fatal: bad revision 'HEAD'"),
      head: false,
    });
    assert.deepEqual(states(await listFromGit(git, 'evidence')), {
      'a.pdf': 'modified',
      'u.pdf': 'untracked',
    });
  });

  it('diff-index failing with a HEAD is an error, not "nothing staged"', async () => {
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf'),
      diffIndex: new Error('fatal: index file corrupt'),
    });
    await assert.rejects(listFromGit(git, 'evidence'), /index file corrupt/);
  });

  it('diff-index failing with no HEAD outside a work tree: undefined (the caller walks the folder)', async () => {
    const git = listingGit({
      lsFiles: cached('evidence/a.pdf'),
      diffIndex: new Error('fatal: not a git repository'),
      head: false,
      workTree: new Error('fatal: not a git repository'),
    });
    assert.equal(await listFromGit(git, 'evidence'), undefined);
  });

  it('ls-files failing outside a work tree gives undefined; inside one it is an error', async () => {
    assert.equal(
      await listFromGit(
        listingGit({
          lsFiles: new Error('fatal: not a git repository'),
          workTree: new Error('fatal'),
        }),
        'evidence',
      ),
      undefined,
    );
    assert.equal(
      await listFromGit(
        listingGit({
          lsFiles: new Error('fatal: this operation must be run in a work tree'),
          workTree: 'false\n',
        }),
        'evidence',
      ),
      undefined,
    );
    await assert.rejects(
      listFromGit(
        listingGit({
          lsFiles: new Error('fatal: index file corrupt'),
          workTree: ' true \n',
        }),
        'evidence',
      ),
      /index file corrupt/,
    );
  });
});

describe('evidence listing: exclusions, prefixes, NFC (pure helpers)', () => {
  it('inside: the part of a path below a prefix folder; "" and "." are the whole path', () => {
    assert.equal(inside('a/b.pdf', ''), 'a/b.pdf');
    assert.equal(inside('a/b.pdf', '.'), 'a/b.pdf');
    assert.equal(inside('a/b.pdf', 'a'), 'b.pdf');
    assert.equal(inside('ab/c.pdf', 'a'), undefined);
    assert.equal(inside('a', 'a'), undefined);
    assert.equal(inside('x/a/b.pdf', 'a'), undefined);
  });

  it('isExcluded: a folder name excludes any folder of that name, never a file so named; a path excludes itself and below', () => {
    assert.equal(isExcluded('drafts/a.pdf', ['drafts']), true);
    assert.equal(isExcluded('1.1/drafts/a.pdf', ['drafts']), true);
    assert.equal(isExcluded('drafts', ['drafts']), false, 'a file named like the folder');
    assert.equal(isExcluded('1.1/drafts', ['drafts']), false);
    assert.equal(isExcluded('drafts-old/a.pdf', ['drafts']), false);
    assert.equal(isExcluded('1.1/old/a.pdf', ['1.1/old']), true);
    assert.equal(isExcluded('1.1/old', ['1.1/old']), true);
    assert.equal(isExcluded('1.1/older/a.pdf', ['1.1/old']), false);
    assert.equal(isExcluded('x/1.1/old/a.pdf', ['1.1/old']), false, 'a path is from the evidence root');
    assert.equal(isExcluded('a.pdf', []), false);
    assert.equal(isExcluded('b/a.pdf', ['c', 'b']), true, 'any of the list');
  });

  it('toNfc: composes combining marks (Vietnamese NFD) and other non-NFC characters; leaves NFC text as it is', () => {
    assert.equal(toNfc(NFD_NAME), NFC_NAME);
    assert.equal(toNfc('Nguye\u0302\u0303n'), 'Nguyễn');
    assert.equal(toNfc('\u2126'), '\u03a9', 'OHM SIGN, past U+1F00');
    assert.equal(toNfc('\u1100\u1161'), '\uac00', 'Hangul jamo, below U+1DFF');
    assert.equal(toNfc('Quyết định.pdf'), 'Quyết định.pdf');
    assert.equal(toNfc('plain.pdf'), 'plain.pdf');
  });
});

describe('listEvidenceFiles (a temporary folder, Git scripted or absent)', () => {
  after(cleanupTempDirs);

  it('a missing evidence folder, or a file in its place: exists false, no files, no Git asked', async () => {
    const base = tempDir();
    writeFiles(base, { 'evidence.txt': 'x' });
    const git = listingGit({ lsFiles: cached('evidence/a.pdf') });
    assert.deepEqual(await listEvidenceFiles({ baseDir: base, evidenceRoot: 'evidence', git }), { files: [], git: false, exists: false });
    assert.deepEqual(
      await listEvidenceFiles({
        baseDir: base,
        evidenceRoot: 'evidence.txt',
        git,
      }),
      { files: [], git: false, exists: false },
    );
    assert.deepEqual(git.calls, []);
  });

  it('from Git: states, git true, the unverified set, excluded folders and paths left out (also for the observer)', async () => {
    const base = tempDir();
    mkdirSync(path.join(base, 'evidence'));
    const git = listingGit({
      lsFiles: cached('evidence/drafts/a.pdf') + untracked('evidence/1.1/old/b.pdf') + untracked('evidence/1.1/c.pdf') + cached('evidence/d.pdf'),
    });
    const { seen, observer } = recorder();
    const listing = await listEvidenceFiles({
      baseDir: base,
      evidenceRoot: 'evidence',
      git,
      exclude: ['/drafts/', '1.1/old//'],
      observer,
    });
    assert.deepEqual(states(listing.files), {
      '1.1/c.pdf': 'untracked',
      'd.pdf': 'committed',
    });
    assert.equal(listing.git, true);
    assert.equal(listing.exists, true);
    assert.deepEqual([...(listing.unverified ?? [])].sort(), ['1.1/c.pdf', '1.1/old/b.pdf']);
    assert.deepEqual(seen, ['+1.1/c.pdf', '+d.pdf']);
  });

  it("the caller's map (ListOptions.files) ends holding exactly the returned files: with exclusions, and after Git gave up for a walk", async () => {
    const base = tempDir();
    writeFiles(base, { 'evidence/drafts/w.pdf': 'w', 'evidence/b.pdf': 'b' });
    const lsFiles = cached('evidence/drafts/a.pdf') + cached('evidence/c.pdf') + untracked('evidence/drafts/u.pdf');
    const excludedMap = new Map<string, EvidenceFile>();
    const excluded = await listEvidenceFiles({ baseDir: base, evidenceRoot: 'evidence', git: listingGit({ lsFiles }), exclude: ['drafts'], files: excludedMap });
    assert.deepEqual([...excludedMap.keys()], ['c.pdf']);
    assert.deepEqual([...excludedMap.values()], excluded.files, 'the same objects');
    const inPlaceMap = new Map<string, EvidenceFile>();
    const inPlace = await listEvidenceFiles({ baseDir: base, evidenceRoot: 'evidence', git: listingGit({ lsFiles }), files: inPlaceMap });
    assert.deepEqual([...inPlaceMap.keys()].sort(), ['c.pdf', 'drafts/a.pdf', 'drafts/u.pdf']);
    assert.deepEqual(states([...inPlaceMap.values()]), states(inPlace.files));
    // Git listed, then its second call failed and the folder turned out to be no work tree: the walk's files alone.
    const walkedMap = new Map<string, EvidenceFile>();
    const walked = await listEvidenceFiles({ baseDir: base, evidenceRoot: 'evidence', git: listingGit({ lsFiles, diffIndex: new Error('fatal'), workTree: 'false\n' }), files: walkedMap });
    assert.equal(walked.git, false);
    assert.deepEqual([...walkedMap.keys()].sort(), ['b.pdf', 'drafts/w.pdf']);
    const walkedExcluded = new Map<string, EvidenceFile>([['stale.pdf', { path: 'stale.pdf', git: 'untracked' }]]);
    await listEvidenceFiles({ baseDir: base, evidenceRoot: 'evidence', exclude: ['drafts'], files: walkedExcluded });
    assert.deepEqual([...walkedExcluded.keys()], ['b.pdf']);
  });

  it('the observer hears of removals but not of excluded ones; with nothing excluded it hears everything', async () => {
    const base = tempDir();
    mkdirSync(path.join(base, 'evidence'));
    const lsFiles = cached('evidence/drafts/a.pdf') + cached('evidence/drafts/a.pdf', 'R') + cached('evidence/b.pdf') + cached('evidence/b.pdf', 'R');
    const one = recorder();
    await listEvidenceFiles({
      baseDir: base,
      evidenceRoot: 'evidence',
      git: listingGit({ lsFiles }),
      exclude: ['drafts'],
      observer: one.observer,
    });
    assert.deepEqual(one.seen, ['+b.pdf', '-b.pdf']);
    const all = recorder();
    await listEvidenceFiles({
      baseDir: base,
      evidenceRoot: 'evidence',
      git: listingGit({ lsFiles }),
      observer: all.observer,
    });
    assert.deepEqual(all.seen, ['+drafts/a.pdf', '+b.pdf', '-drafts/a.pdf', '-b.pdf']);
  });

  it('excluded names given NFD match NFC paths', async () => {
    const base = tempDir();
    mkdirSync(path.join(base, 'evidence'));
    const git = listingGit({
      lsFiles: cached(`evidence/${'Nháp'.normalize('NFC')}/a.pdf`) + cached('evidence/b.pdf'),
    });
    const listing = await listEvidenceFiles({
      baseDir: base,
      evidenceRoot: 'evidence',
      git,
      exclude: ['Nháp'.normalize('NFD')],
    });
    assert.deepEqual(states(listing.files), { 'b.pdf': 'committed' });
  });

  it('staged files are told apart by default (diff-index asked), not with staged: false', async () => {
    const base = tempDir();
    mkdirSync(path.join(base, 'evidence'));
    const script = {
      lsFiles: cached('evidence/a.pdf'),
      diffIndex: staged(['A', 'evidence/a.pdf']),
    };
    assert.deepEqual(
      states(
        (
          await listEvidenceFiles({
            baseDir: base,
            evidenceRoot: 'evidence',
            git: listingGit(script),
          })
        ).files,
      ),
      { 'a.pdf': 'modified' },
    );
    assert.deepEqual(
      states(
        (
          await listEvidenceFiles({
            baseDir: base,
            evidenceRoot: 'evidence',
            git: listingGit(script),
            staged: false,
          })
        ).files,
      ),
      { 'a.pdf': 'committed' },
    );
  });

  it('not a work tree: the folder is walked (git false, every file "none", no unverified set)', async () => {
    const base = tempDir();
    writeFiles(base, { 'evidence/a.pdf': 'a', 'evidence/1.1/b.pdf': 'b' });
    const git = listingGit({
      lsFiles: new Error('fatal: not a git repository'),
      workTree: new Error('fatal'),
    });
    const listing = await listEvidenceFiles({
      baseDir: base,
      evidenceRoot: 'evidence',
      git,
    });
    assert.equal(listing.git, false);
    assert.equal(listing.exists, true);
    assert.equal(listing.unverified, undefined);
    assert.deepEqual(states(listing.files), {
      'a.pdf': 'none',
      '1.1/b.pdf': 'none',
    });
  });

  it('the walk: relative NFC paths, .git/node_modules/.svn/.hg and excluded folders not entered, links listed, linked folders not entered', async () => {
    const base = tempDir();
    writeFiles(base, {
      [`ev/${NFD_FOLDER}/${NFD_NAME}`]: 'x',
      'ev/top.pdf': 't',
      'ev/.git/HEAD': 'ref',
      'ev/node_modules/m.js': 'm',
      'ev/.svn/s': 's',
      'ev/.hg/h': 'h',
      'ev/a/drafts/d.pdf': 'd',
      'ev/a/b/old/o.pdf': 'o',
      'ev/a/b/kept.pdf': 'k',
      'ev/drafts': 'a file named like an excluded folder',
      'outside/real.pdf': 'r',
    });
    symlinkSync(path.join(base, 'outside', 'real.pdf'), path.join(base, 'ev', 'link.pdf'));
    symlinkSync(path.join(base, 'outside'), path.join(base, 'ev', 'linkedFolder'));
    const { seen, observer } = recorder();
    const listing = await listEvidenceFiles({
      baseDir: base,
      evidenceRoot: 'ev',
      exclude: ['drafts', 'a/b/old'],
      observer,
    });
    const expected = [`${'Quyết định'.normalize('NFC')}/${NFC_NAME}`, 'top.pdf', 'a/b/kept.pdf', 'drafts', 'link.pdf', 'linkedFolder'].sort();
    assert.deepEqual(listing.files.map((f) => f.path).sort(), expected);
    assert.ok(listing.files.every((f) => f.git === 'none'));
    assert.deepEqual(seen.sort(), expected.map((p) => `+${p}`).sort());
    assert.equal(listing.git, false);
  });

  it('an evidence root "." walks the criteria folder itself', async () => {
    const base = tempDir();
    writeFiles(base, { 'criteria.yaml': 'x', 'e/a.pdf': 'a' });
    const listing = await listEvidenceFiles({
      baseDir: base,
      evidenceRoot: '.',
    });
    assert.deepEqual(listing.files.map((f) => f.path).sort(), ['criteria.yaml', 'e/a.pdf']);
  });
});

describe('evidence listing: odd Git output and odd folders', () => {
  after(cleanupTempDirs);

  it('an entry without a tab, alone or last, is skipped (the path is never taken from elsewhere in the output)', async () => {
    const alone = await listFromGit(listingGit({ lsFiles: `H 100644 ${OID} 0 evidence/notab.pdf\0` }), '.');
    assert.deepEqual(states(alone), {});
    const last = await listFromGit(listingGit({ lsFiles: cached('evidence/ok.pdf') + `H 100644 ${OID} 0 evidence/notab.pdf\0` }), '.');
    assert.deepEqual(states(last), { 'evidence/ok.pdf': 'committed' });
  });

  it('an entry shorter than the evidence root, at the end of the output, is outside it (no error)', async () => {
    const files = await listFromGit(listingGit({ lsFiles: cached('evidence/ok.pdf') + untracked('ev') }), 'evidence');
    assert.deepEqual(states(files), { 'ok.pdf': 'committed' });
    const exact = await listFromGit(listingGit({ lsFiles: cached('evidence/ok.pdf') + untracked('evidence') }), 'evidence');
    assert.deepEqual(states(exact), { 'ok.pdf': 'committed' });
  });

  it('tags this listing does not ask for (K, killed) change nothing', async () => {
    const absent = new Set<string>();
    const files = await listFromGit(listingGit({ lsFiles: cached('evidence/a.pdf') + cached('evidence/a.pdf', 'K') }), 'evidence', undefined, absent);
    assert.deepEqual(states(files), { 'a.pdf': 'committed' });
    assert.deepEqual([...absent], []);
  });

  it('an entry of a tag not asked for (K, killed) is neither a file nor a deletion, in one call or two', async () => {
    const lsFiles = cached('evidence/a.pdf') + cached('evidence/a.pdf', 'K') + cached('evidence/k.pdf', 'K');
    const absent = new Set<string>();
    const one = await listFromGit(listingGit({ lsFiles }), 'evidence', undefined, absent, undefined, undefined, false, true);
    const two = await listFromGit(listingGit({ lsFiles }), 'evidence', undefined, absent, undefined, undefined, false);
    assert.deepEqual(states(one), { 'a.pdf': 'committed' });
    assert.deepEqual(states(two), states(one));
    assert.deepEqual([...absent], []);
  });

  it('a last entry that Git did not end with a NUL is still read', async () => {
    const files = await listFromGit(listingGit({ lsFiles: cached('evidence/a.pdf') + untracked('evidence/b.pdf').slice(0, -1) }), 'evidence');
    assert.deepEqual(states(files), { 'a.pdf': 'committed', 'b.pdf': 'untracked' });
  });

  it('excluded paths written with several leading or trailing slashes', async () => {
    const base = tempDir();
    mkdirSync(path.join(base, 'evidence'));
    const git = listingGit({ lsFiles: cached('evidence/a/old/x.pdf') + cached('evidence/drafts/y.pdf') + cached('evidence/z.pdf') });
    const listing = await listEvidenceFiles({ baseDir: base, evidenceRoot: 'evidence', git, exclude: ['//a/old//', '///drafts'] });
    assert.deepEqual(states(listing.files), { 'z.pdf': 'committed' });
  });

  it('the walk keeps a name that is not UTF-8 as its bytes (as from Git), and lists no FIFO or other special file', async () => {
    const base = tempDir();
    writeFiles(base, { 'evidence/ok.pdf': 'x' });
    writeFileSync(Buffer.concat([Buffer.from(path.join(base, 'evidence') + '/'), Buffer.from([0x62, 0xe1, 0x2e, 0x70])]), 'raw');
    execFileSync('mkfifo', [path.join(base, 'evidence', 'pipe.pdf')]);
    const listing = await listEvidenceFiles({ baseDir: base, evidenceRoot: 'evidence' });
    assert.deepEqual(listing.files.map((f) => f.path).sort(), ['b\udce1.p', 'ok.pdf']);
  });
});
