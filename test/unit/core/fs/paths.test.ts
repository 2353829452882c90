// A folder whose name begins with two dots (`..notes`) is inside; only a first segment `..` leads above.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { displayPath } from '../../../../src/cli/args';
import { isStrictlyWithin, isWithin, leadsOut } from '../../../../src/core/fs/paths';
import { evidenceRelative } from '../../../../src/core/workspace/incremental';
import type { LoadedWorkspace } from '../../../../src/core/workspace/loadWorkspace';

describe('paths: inside or out of a folder', () => {
  it('leadsOut: `..` as the first segment, or another root; not a name that only begins with two dots', () => {
    const cases: [string, boolean][] = [
      ['', false],
      ['a', false],
      ['..notes', false],
      [`..notes${path.sep}a.pdf`, false],
      [`a${path.sep}..`, false],
      ['...', false],
      ['..', true],
      [`..${path.sep}a`, true],
      [path.resolve('/elsewhere'), true],
    ];
    for (const [relative, out] of cases) assert.equal(leadsOut(relative), out, relative);
    assert.equal(leadsOut('../a', '/'), true);
    assert.equal(leadsOut('..notes/a', '/'), false);
  });

  it('isWithin and isStrictlyWithin: the folder itself, below it, a `..notes` folder beside and inside', () => {
    const root = path.resolve('/ws');
    assert.equal(isWithin(root, root), true);
    assert.equal(isStrictlyWithin(root, root), false);
    assert.equal(isWithin(path.join(root, '..notes', 'a.pdf'), root), true);
    assert.equal(isStrictlyWithin(path.join(root, '..notes'), root), true);
    assert.equal(isWithin(path.resolve('/ws-other/a'), root), false);
    assert.equal(isWithin(path.resolve('/..notes/a'), root), false);
    assert.equal(isStrictlyWithin(path.resolve('/'), root), false);
  });

  it('a file in an evidence folder named `..notes` is an evidence file for the refresh; the CLI shows its path relative', () => {
    const loaded = { doc: { baseDir: path.resolve('/ws'), index: { evidenceRoot: 'evidence' } } } as unknown as Pick<LoadedWorkspace, 'doc'>;
    assert.equal(evidenceRelative(loaded, path.resolve('/ws/evidence/..notes/a.pdf')), '..notes/a.pdf');
    assert.equal(evidenceRelative(loaded, path.resolve('/ws/evidence/../a.pdf')), undefined);
    assert.equal(displayPath(path.resolve('/ws/..notes/criteria.yaml'), path.resolve('/ws')), '..notes/criteria.yaml');
    assert.equal(displayPath(path.resolve('/elsewhere/criteria.yaml'), path.resolve('/ws')), path.resolve('/elsewhere/criteria.yaml'));
  });
});
