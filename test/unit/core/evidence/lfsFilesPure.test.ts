// docs/lfs.md: an evidence file that is only a Git LFS pointer in the work tree counts as evidence and is marked
// "not downloaded" (`lfs: "pointer"`); status looks for pointers only when `$GIT_DIR/info/attributes`, a
// `.gitattributes` of a folder from the repository's top down to the evidence folder, or one inside the evidence
// folder names `filter=lfs`; a file is a pointer when it is under 1024 bytes and exactly a pointer by the spec.
// No Git: temporary folders only (the real git-lfs round trip is lfs.test.ts).
import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { markLfsPointers, matchedFiles, usesLfs } from '../../../../src/core/evidence/lfsFiles';
import { compileRequirement, matchAll } from '../../../../src/core/evidence/match';
import type { EvidenceFile, Requirement } from '../../../../src/core/model/types';
import { cleanupTempDirs, tempDir, writeFiles } from '../../helpers';

const OID = 'b'.repeat(64);
const pointer = (oid = OID, size = 123456) => `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`;
const TRACK = '*.pdf filter=lfs diff=lfs merge=lfs -text\n';

/** A repository layout: top/, its evidence folder top/evidence/1.2 Báo cáo, and top/.git/info. */
function layout(files: Record<string, string> = {}) {
  const top = tempDir('re-lfs-');
  mkdirSync(path.join(top, '.git', 'info'), { recursive: true });
  mkdirSync(path.join(top, 'evidence', '1.2 Báo cáo'), { recursive: true });
  writeFiles(top, files);
  return {
    topDir: top,
    evidenceDir: path.join(top, 'evidence'),
    infoAttributes: path.join(top, '.git', 'info', 'attributes'),
    listed: [] as string[],
  };
}

describe('usesLfs: which attributes files can turn LFS on for the evidence folder (docs/lfs.md)', () => {
  after(cleanupTempDirs);

  it('no attributes anywhere: false (and missing files are not an error)', async () => {
    assert.equal(await usesLfs(layout()), false);
  });

  it('$GIT_DIR/info/attributes naming filter=lfs: true', async () => {
    assert.equal(await usesLfs(layout({ '.git/info/attributes': TRACK })), true);
  });

  it("the top folder's .gitattributes: true; without filter=lfs (diff=lfs only, a longer filter name): false", async () => {
    assert.equal(await usesLfs(layout({ '.gitattributes': TRACK })), true);
    assert.equal(
      await usesLfs(
        layout({
          '.gitattributes': '*.pdf diff=lfs merge=lfs -text\n*.txt text\n',
        }),
      ),
      false,
    );
    assert.equal(await usesLfs(layout({ '.gitattributes': '*.pdf filter=lfsx\n' })), false);
    assert.equal(await usesLfs(layout({ '.gitattributes': '*.pdf myfilter=lfs\n' })), false);
  });

  it('spaces around "=" still name the filter', async () => {
    assert.equal(await usesLfs(layout({ '.gitattributes': '*.pdf filter = lfs\n' })), true);
  });

  it('each folder from the top down to the evidence folder (nested two deep) is read', async () => {
    const deep = (at: string) => {
      const l = layout({ [at]: TRACK });
      return usesLfs({
        ...l,
        evidenceDir: path.join(l.topDir, 'wards', 'an-binh', 'evidence'),
      });
    };
    assert.equal(await deep('wards/.gitattributes'), true);
    assert.equal(await deep('wards/an-binh/.gitattributes'), true);
    assert.equal(await deep('wards/an-binh/evidence/.gitattributes'), true);
    assert.equal(await deep('other/.gitattributes'), false, 'a sibling folder is not on the way');
    assert.equal(await deep('wards/an-binh/evidence/sub/.gitattributes'), false, 'below the evidence folder: only the listed ones');
  });

  it('the .gitattributes files listed inside the evidence folder (at its top or in a requirement folder) are read; other names are not', async () => {
    const l = layout({
      'evidence/1.2 Báo cáo/.gitattributes': TRACK,
      'evidence/x.gitattributes': TRACK,
    });
    assert.equal(await usesLfs(l), false, 'not listed: not read');
    assert.equal(await usesLfs({ ...l, listed: ['a.pdf', '1.2 Báo cáo/.gitattributes'] }), true);
    assert.equal(await usesLfs({ ...l, listed: ['x.gitattributes'] }), false, 'a name that only ends like it');
    const atTop = layout({ 'evidence/.gitattributes': TRACK });
    assert.equal(
      await usesLfs({
        ...atTop,
        evidenceDir: path.join(atTop.topDir, 'nowhere'),
        listed: [],
      }),
      false,
    );
    assert.equal(
      await usesLfs({
        ...atTop,
        evidenceDir: path.join(atTop.topDir, 'nowhere'),
        listed: ['.gitattributes'],
      }),
      false,
      'listed names are under the evidence folder',
    );
    const listedAtTop = layout({ 'evidence/.gitattributes': TRACK });
    // The evidence folder's own .gitattributes is on the way from the top; listed, it is read too.
    assert.equal(await usesLfs({ ...listedAtTop, listed: ['.gitattributes'] }), true);
  });

  it('the evidence folder is the top folder (evidenceRoot "."): the top .gitattributes only', async () => {
    const l = layout({ '.gitattributes': TRACK });
    assert.equal(await usesLfs({ ...l, evidenceDir: l.topDir }), true);
    const none = layout({ 'evidence/.gitattributes': TRACK });
    assert.equal(await usesLfs({ ...none, evidenceDir: none.topDir }), false);
  });

  it('an evidence folder outside the top folder: no folder above it is read (the ".." path is not walked)', async () => {
    const l = layout({ '.gitattributes': '# none\n' });
    const outer = tempDir('re-lfs-outer-');
    writeFiles(outer, { '.gitattributes': TRACK, 'ev/.gitattributes': TRACK });
    assert.equal(await usesLfs({ ...l, evidenceDir: path.join(outer, 'ev') }), false);
    // Its own .gitattributes, listed, is read all the same (top level or in a requirement folder).
    assert.equal(await usesLfs({ ...l, evidenceDir: path.join(outer, 'ev'), listed: ['a.pdf', '.gitattributes'] }), true);
    writeFiles(outer, { 'ev2/1.2/.gitattributes': TRACK });
    assert.equal(await usesLfs({ ...l, evidenceDir: path.join(outer, 'ev2'), listed: ['1.2/.gitattributes'] }), true);
    assert.equal(await usesLfs({ ...l, evidenceDir: path.join(outer, 'ev2'), listed: ['1.2/a.pdf'] }), false);
  });

  it('the same file reached twice (info/attributes given as the top .gitattributes) is fine either way', async () => {
    const l = layout({ '.gitattributes': TRACK });
    assert.equal(
      await usesLfs({
        ...l,
        infoAttributes: path.join(l.topDir, '.gitattributes'),
        listed: [],
      }),
      true,
    );
  });
});

describe('markLfsPointers: files that are only a pointer on disk are marked "pointer", the others not', () => {
  after(cleanupTempDirs);

  it('a pointer is marked; downloaded content, a pointer cut short, a text that only starts like one, a missing file are not', async () => {
    const dir = tempDir('re-lfs-mark-');
    writeFiles(dir, {
      '1.2 Báo cáo/scan.pdf': pointer(),
      'old.pdf': pointer(OID, 7).replace('git-lfs.github.com', 'hawser.github.com'),
      'content.pdf': '%PDF-1.7 real content',
      'cut.pdf': pointer().slice(0, -1),
      'starts.pdf': pointer() + 'and more\n' + 'x'.repeat(2000),
    });
    const files: EvidenceFile[] = ['1.2 Báo cáo/scan.pdf', 'old.pdf', 'content.pdf', 'cut.pdf', 'starts.pdf', 'missing.pdf'].map((p) => ({ path: p, git: 'committed', lfs: 'pointer' }));
    await markLfsPointers(dir, files);
    assert.deepEqual(Object.fromEntries(files.map((f) => [f.path, f.lfs])), {
      '1.2 Báo cáo/scan.pdf': 'pointer',
      'old.pdf': 'pointer',
      'content.pdf': undefined,
      'cut.pdf': undefined,
      'starts.pdf': undefined,
      'missing.pdf': undefined,
    });
    assert.ok(!('lfs' in files[2]), 'the mark is removed, not set to undefined');
    assert.equal(files[0].git, 'committed', 'the Git state is left alone');
  });

  it('a link to a pointer file is not a pointer (lstat: only regular files are read)', async () => {
    const dir = tempDir('re-lfs-link-');
    writeFiles(dir, { 'real.pdf': pointer() });
    symlinkSync(path.join(dir, 'real.pdf'), path.join(dir, 'link.pdf'));
    const files: EvidenceFile[] = [
      { path: 'link.pdf', git: 'committed' },
      { path: 'real.pdf', git: 'untracked' },
    ];
    await markLfsPointers(dir, files);
    assert.deepEqual(
      files.map((f) => f.lfs),
      [undefined, 'pointer'],
    );
  });

  it('every file of a long list is looked at (more files than readers at a time)', async () => {
    const dir = tempDir('re-lfs-many-');
    const content: Record<string, string> = {};
    for (let i = 0; i < 30; i++) content[`f${i}.pdf`] = i % 3 === 0 ? 'not a pointer' : pointer();
    writeFiles(dir, content);
    const files: EvidenceFile[] = Object.keys(content).map((p) => ({
      path: p,
      git: 'committed',
    }));
    await markLfsPointers(dir, files);
    assert.deepEqual(
      files.map((f) => f.lfs === 'pointer'),
      files.map((_, i) => i % 3 !== 0),
    );
  });

  it('an empty list does nothing', async () => {
    await markLfsPointers(tempDir('re-lfs-empty-'), []);
  });
});

describe('matchedFiles: the files matched by any requirement, each once', () => {
  const req = (p: string) =>
    ({
      title: 't',
      path: p,
      min: 1,
      index: 0,
      valid: true,
      range: undefined,
      fields: {},
    }) as unknown as Requirement;

  it('a file matched by two requirements is one entry; unmatched files are left out', () => {
    const a = compileRequirement('criterion', '1.1', req('*.pdf'));
    const b = compileRequirement('criterion', '1.2', {
      ...req('scan*'),
      index: 0,
    });
    const files: EvidenceFile[] = [
      { path: 'scan.pdf', git: 'committed' },
      { path: 'other.pdf', git: 'committed' },
      { path: 'notes.txt', git: 'committed' },
    ];
    const out = matchedFiles(matchAll([a, b], files));
    assert.deepEqual([...out].map((f) => f.path).sort(), ['other.pdf', 'scan.pdf']);
    assert.ok(
      [...out].every((f) => files.includes(f)),
      'the same objects, so marks show in the state',
    );
  });
});
