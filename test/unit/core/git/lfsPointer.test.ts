// Git LFS pointers as the spec writes them: a `version` line, then sorted `key value` lines with `oid sha256:<hex>`
// and `size`; anything else (a real file that starts like one, a pointer cut short) is not a pointer.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { LFS_POINTER_MAX_BYTES, parseLfsPointer, readLfsPointerFile } from '../../../../src/core/git/lfs';
import { cleanupTempDirs, tempDir } from '../../helpers';

const OID = '72076046ef0ce8493dbb4f0560a6b55b28f0108b7e91f93bd2c34f9b6038fd97';
const pointer = (oid = OID, size = '5000', extra = '') => `version https://git-lfs.github.com/spec/v1\n${extra}oid sha256:${oid}\nsize ${size}\n`;

describe('git lfs: pointers', () => {
  afterEach(cleanupTempDirs);

  it('reads the oid and size of a pointer as git-lfs writes it (string or bytes)', () => {
    assert.deepEqual(parseLfsPointer(pointer()), { oid: OID, size: 5000 });
    assert.deepEqual(parseLfsPointer(Buffer.from(pointer(OID, '0'))), { oid: OID, size: 0 });
  });

  it('accepts extension lines sorted before oid, and the legacy hawser version', () => {
    assert.deepEqual(parseLfsPointer(pointer(OID, '7', 'ext-0-foo sha256:' + 'b'.repeat(64) + '\n')), { oid: OID, size: 7 });
    assert.deepEqual(parseLfsPointer(`version https://hawser.github.com/spec/v1\noid sha256:${OID}\nsize 1\n`), { oid: OID, size: 1 });
  });

  it('refuses what is not exactly a pointer', () => {
    const refused = [
      '',
      pointer().slice(0, -1), // no final newline
      pointer(OID.toUpperCase()),
      pointer(OID.slice(1)),
      pointer(OID, '-1'),
      pointer(OID, '01'),
      pointer(OID, '1.5'),
      `version https://git-lfs.github.com/spec/v1\nsize 5000\noid sha256:${OID}\n`, // keys not sorted
      `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\n`, // no size
      `version https://git-lfs.github.com/spec/v2\noid sha256:${OID}\nsize 1\n`,
      `%PDF-1.7\n${pointer()}`,
      pointer().replace(/\n/g, '\r\n'),
      pointer() + 'x'.repeat(LFS_POINTER_MAX_BYTES),
    ];
    for (const text of refused) assert.equal(parseLfsPointer(text), undefined, JSON.stringify(text.slice(0, 80)));
  });

  it('property: any oid and size round-trip; random bytes are never taken for a pointer without its version line', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.nat(), (oid, size) => {
        assert.deepEqual(parseLfsPointer(pointer(oid, String(size))), { oid, size });
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const parsed = parseLfsPointer(Buffer.from(bytes));
        // Random bytes are a pointer only if they are one, which needs the version line.
        if (parsed) assert.ok(Buffer.from(bytes).toString('utf8').startsWith('version https://'));
      }),
    );
  });

  it('reads a work-tree pointer file, and never a larger file, a folder or a missing one', async () => {
    const dir = tempDir('re-lfs-');
    writeFileSync(path.join(dir, 'p.pdf'), pointer());
    writeFileSync(path.join(dir, 'big.pdf'), pointer() + ' '.repeat(LFS_POINTER_MAX_BYTES));
    writeFileSync(path.join(dir, 'real.pdf'), '%PDF-1.7 content');
    assert.deepEqual(await readLfsPointerFile(path.join(dir, 'p.pdf')), { oid: OID, size: 5000 });
    assert.equal(await readLfsPointerFile(path.join(dir, 'big.pdf')), undefined);
    assert.equal(await readLfsPointerFile(path.join(dir, 'real.pdf')), undefined);
    assert.equal(await readLfsPointerFile(dir), undefined);
    assert.equal(await readLfsPointerFile(path.join(dir, 'none.pdf')), undefined);
  });
});
