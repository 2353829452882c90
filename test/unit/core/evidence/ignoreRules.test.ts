import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isIgnoredByGit, type IgnoreContext } from '../../../../src/core/evidence/ignoreRules';
import { gitProcessCount } from '../../../../src/core/git/git';
import { flattenCriteria } from '../../../../src/core/status/computeStatus';
import { applyEvidenceChanges } from '../../../../src/core/workspace/incremental';
import { loadWorkspace, type LoadedWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, writeFiles } from '../../helpers';

const fileOf = (loaded: LoadedWorkspace, id: string, name: string) =>
  flattenCriteria(loaded.model)
    .find((n) => n.id === id)
    ?.requirements.flatMap((r) => r.files)
    .find((f) => f.path.endsWith(name));

describe('Git ignore rules in process', () => {
  afterEach(cleanupTempDirs);

  it('agrees with git check-ignore on nested, negated, anchored and folder rules', async () => {
    const dir = initRepo();
    writeFiles(dir, {
      '.gitignore': '*.tmp\n/build\nscan-tmp/\n!keep.tmp\ndocs/*.bak\n**/cache/**\n\\#literal\nname with space.pdf\n[!a]x.log\n',
      'evidence/.gitignore': '!important.bak\nlocal/\n*.pdf\n!Quyết định*.pdf\n',
      'evidence/1.1 Kế hoạch/.gitignore': 'nháp*\n',
      '.git/info/exclude': 'private*\n',
    });
    const paths = [
      'a.tmp', 'keep.tmp', 'x/keep.tmp', 'build/x.pdf', 'x/build/y.pdf', 'evidence/scan-tmp/a.pdf', 'scan-tmp', 'docs/a.bak', 'docs/x/a.bak',
      'x/cache/y/z.pdf', '#literal', 'name with space.pdf', 'a/name with space.pdf', 'bx.log', 'ax.log', 'evidence/important.bak',
      'evidence/local/a.docx', 'evidence/1.1 Kế hoạch/Quyết định 12.pdf', 'evidence/1.1 Kế hoạch/Báo cáo.pdf', 'evidence/1.1 Kế hoạch/nháp 1.docx',
      'evidence/2 Khác/nháp.docx', 'private notes.txt', 'evidence/private/a.docx', 'evidence/ok.docx',
    ];
    const context: IgnoreContext = { topDir: dir, prefix: '', excludeFiles: [path.join(dir, '.git/info/exclude')], ignoreCase: false, absentTracked: new Set() };
    for (const p of paths) {
      let byGit: boolean;
      try {
        git(dir, 'check-ignore', '-q', '--no-index', '--', p);
        byGit = true;
      } catch {
        byGit = false;
      }
      assert.equal(await isIgnoredByGit(context, p), byGit, p);
    }
  });

  it('places a created file without starting Git, yet asks Git for a tracked file that comes back', async () => {
    const dir = initRepo();
    writeFiles(dir, {
      'criteria.yaml': sampleCriteria().replace('"1.1 Kế hoạch/*.pdf"', '"1.1 Kế hoạch/**"'),
      '.gitignore': 'scan-tmp/\n',
      'evidence/1.1 Kế hoạch/Kế hoạch.pdf': '%PDF',
    });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    const asOf = '2025-11-20';
    const loaded = await loadWorkspace(path.join(dir, 'criteria.yaml'), { asOf });
    assert.ok(loaded.ignore);

    const before = gitProcessCount();
    writeFiles(dir, { 'evidence/1.1 Kế hoạch/Báo cáo.pdf': 'new', 'evidence/1.1 Kế hoạch/scan-tmp/tạm.pdf': 'x' });
    const keys = await applyEvidenceChanges(
      loaded,
      [
        { file: path.join(dir, 'evidence/1.1 Kế hoạch/Báo cáo.pdf'), kind: 'created' },
        { file: path.join(dir, 'evidence/1.1 Kế hoạch/scan-tmp/tạm.pdf'), kind: 'created' },
      ],
      asOf,
    );
    assert.equal(gitProcessCount(), before);
    assert.deepEqual(keys, ['criterion:1.1#0']);
    assert.equal(fileOf(loaded, '1.1', 'Báo cáo.pdf')?.git, 'untracked');
    assert.equal(fileOf(loaded, '1.1', 'tạm.pdf'), undefined);

    // The committed file is deleted, then restored: it is committed again, which only Git can say.
    const committed = path.join(dir, 'evidence/1.1 Kế hoạch/Kế hoạch.pdf');
    rmSync(committed);
    await applyEvidenceChanges(loaded, [{ file: committed, kind: 'deleted' }], asOf);
    assert.equal(fileOf(loaded, '1.1', 'Kế hoạch.pdf'), undefined);
    writeFileSync(committed, '%PDF');
    await applyEvidenceChanges(loaded, [{ file: committed, kind: 'created' }], asOf);
    assert.ok(gitProcessCount() > before);
    assert.equal(fileOf(loaded, '1.1', 'Kế hoạch.pdf')?.git, 'committed');
  });
});
