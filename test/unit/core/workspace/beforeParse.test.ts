// The editor shows the cached model before the fresh load parses (a long synchronous task in the extension
// host): loadWorkspace starts Git's listing at once and parses only when `beforeParse` settles.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import { cleanupTempDirs, git, initRepo, sampleCriteria, writeFiles } from '../../helpers';

describe('loadWorkspace beforeParse', () => {
  afterEach(cleanupTempDirs);

  it('starts the listing, then waits for beforeParse before parsing, and gives the same model', async () => {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/kh.pdf': 'x' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    const criteria = path.join(dir, 'criteria.yaml');
    const phases: string[] = [];
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const loading = loadWorkspace(criteria, { asOf: '2025-11-20', fastParse: true, beforeParse: gate, onPhase: (p) => phases.push(p) });
    // Long enough for the listing to start and, without the gate, for the parse to finish.
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(phases, ['listing started'], 'nothing parsed while the gate is closed');
    phases.push('gate opened');
    open();
    const loaded = await loading;
    assert.deepEqual(phases, ['listing started', 'gate opened', 'parsed', 'listed', 'model']);
    const plain = await loadWorkspace(criteria, { asOf: '2025-11-20', fastParse: true });
    assert.deepEqual(loaded.model, plain.model);
  });
});
