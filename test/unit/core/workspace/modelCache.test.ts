import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadWorkspace } from '../../../../src/core/workspace/loadWorkspace';
import fc from 'fast-check';
import type { CriterionStatus, EvidenceFile, GitFileState, RequirementStatus, StatusModel } from '../../../../src/core/model/types';
import { stateOf } from '../../../../src/core/status/computeStatus';
import {
  cacheFileName,
  cacheKeyOf,
  fileCountOf,
  readCache,
  sameKey,
  serializeCache,
  settingsKey,
  summarizeModel,
  SUMMARY_FILES_PER_REQUIREMENT,
  validateCache,
  writeCache,
  type CacheKey,
} from '../../../../src/core/workspace/modelCache';
import { cleanupTempDirs, git, initRepo, sampleCriteria, tempDir, writeFiles } from '../../helpers';

const SETTINGS = settingsKey({ exclude: [], asOfSetting: '', locale: 'en', trusted: true });

/** The model with every requirement (of criteria and tasks) holding `files`. */
function withFiles(model: StatusModel, files: EvidenceFile[]): StatusModel {
  const node = (c: CriterionStatus): CriterionStatus => ({ ...c, requirements: c.requirements.map((r) => ({ ...r, files })), children: c.children.map(node) });
  return { ...model, areas: model.areas.map(node), tasks: model.tasks.map((t) => ({ ...t, requirements: t.requirements.map((r) => ({ ...r, files })) })) };
}

function allRequirements(model: StatusModel): RequirementStatus[] {
  const walk = (c: CriterionStatus): RequirementStatus[] => [...c.requirements, ...c.children.flatMap(walk)];
  return [...model.areas.flatMap(walk), ...model.tasks.flatMap((t) => t.requirements)];
}

const countRequirements = (model: StatusModel) => allRequirements(model).length;

describe('model cache', () => {
  afterEach(cleanupTempDirs);

  /** A committed sample workspace, its loaded model and the key of its state. */
  const workspace = async () => {
    const dir = initRepo();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria(), 'evidence/1.1 Kế hoạch/kh.pdf': 'x' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init');
    const criteria = path.join(dir, 'criteria.yaml');
    const loaded = await loadWorkspace(criteria, { asOf: '2025-11-20' });
    const key = await cacheKeyOf(criteria, '1.0.0', SETTINGS);
    return { dir, criteria, model: loaded.model, key, storage: tempDir('re-storage-') };
  };

  it('gives back the model written for the same state, and nothing is written next to the repository', async () => {
    const { dir, criteria, model, key, storage } = await workspace();
    const before = readdirSync(dir).sort();
    await writeCache(storage, criteria, key, model);
    const verdict = await readCache(storage, criteria, await cacheKeyOf(criteria, '1.0.0', SETTINGS));
    assert.equal(verdict.kind, 'hit');
    assert.deepEqual(verdict.kind === 'hit' && verdict.model, JSON.parse(JSON.stringify(model)));
    // The key may still be computed while the file is read: the same verdicts (before `git status` refreshes the index).
    assert.equal((await readCache(storage, criteria, cacheKeyOf(criteria, '1.0.0', SETTINGS))).kind, 'hit');
    assert.equal((await readCache(storage, criteria, cacheKeyOf(criteria, '1.0.1', SETTINGS))).kind, 'mismatch');
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.equal(git(dir, 'status', '--porcelain'), '');
    // Only the cache file remains in the storage folder: the temporary file was renamed over it.
    assert.deepEqual(readdirSync(storage), [cacheFileName(criteria)]);
  });

  it('ignores the cache when any part of the key differs', async () => {
    const { dir, criteria, model, key, storage } = await workspace();
    await writeCache(storage, criteria, key, model);
    const differs = async (changed: CacheKey, what: string) => assert.equal((await readCache(storage, criteria, changed)).kind, 'mismatch', what);
    await differs({ ...key, version: '1.0.1' }, 'version');
    await differs({ ...key, settings: settingsKey({ exclude: [], asOfSetting: '', locale: 'en', trusted: false }) }, 'trust');
    await differs({ ...key, settings: settingsKey({ exclude: ['**/*.tmp'], asOfSetting: '', locale: 'en', trusted: true }) }, 'exclude');

    writeFileSync(criteria, sampleCriteria('# one more line\n'));
    await differs(await cacheKeyOf(criteria, '1.0.0', SETTINGS), 'criteria file content');
    writeFileSync(criteria, sampleCriteria());
    assert.equal((await readCache(storage, criteria, await cacheKeyOf(criteria, '1.0.0', SETTINGS))).kind, 'hit', 'same content again');

    const index = path.join(dir, '.git', 'index');
    const t = statSync(index).mtime;
    utimesSync(index, t, new Date(t.getTime() + 5000));
    await differs(await cacheKeyOf(criteria, '1.0.0', SETTINGS), 'index mtime');

    writeFiles(dir, { 'evidence/1.1 Kế hoạch/kh2.pdf': 'y' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'second');
    const moved = await cacheKeyOf(criteria, '1.0.0', SETTINGS);
    assert.notEqual(moved.head, key.head);
    assert.match(moved.head, /^refs\/heads\/main@[0-9a-f]{40}$/);
    await differs({ ...key, head: moved.head }, 'HEAD');
  });

  it('reads HEAD from packed-refs and a detached HEAD', async () => {
    const { dir, criteria } = await workspace();
    const commit = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'pack-refs', '--all');
    assert.equal((await cacheKeyOf(criteria, 'v', SETTINGS)).head, `refs/heads/main@${commit}`);
    git(dir, 'checkout', '-q', '--detach');
    assert.equal((await cacheKeyOf(criteria, 'v', SETTINGS)).head, commit);
  });

  it('a folder without Git has an empty HEAD and no index', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'criteria.yaml': sampleCriteria() });
    const key = await cacheKeyOf(path.join(dir, 'criteria.yaml'), 'v', SETTINGS);
    assert.equal(key.indexMtimeMs, 0);
  });

  it('ignores a corrupt or foreign file, and the next write replaces it', async () => {
    const { criteria, model, key, storage } = await workspace();
    const file = path.join(storage, cacheFileName(criteria));
    const cases: [string, string][] = [
      ['{"format":"reform-evidence-model-cache","formatVer', 'truncated'],
      ['\u0000\u0001binary', 'binary'],
      [JSON.stringify({ hello: 'world' }), 'foreign JSON'],
      [JSON.stringify({ format: 'reform-evidence-model-cache', formatVersion: 2, key }), 'no model'],
      [JSON.stringify({ format: 'reform-evidence-model-cache', formatVersion: 2, key, model: { ...model, areas: 'x' } }), 'damaged model'],
      [JSON.stringify({ format: 'reform-evidence-model-cache', formatVersion: 2, key: { ...key, head: 7 }, model }), 'damaged key'],
      [JSON.stringify({ format: 'reform-evidence-model-cache', formatVersion: 2, key, model: withFiles(model, 'x' as never) }), 'damaged requirement deep in the tree'],
      [JSON.stringify({ format: 'reform-evidence-model-cache', formatVersion: 2, key, model: { ...model, tasks: [{ id: 't', requirements: [{ title: 't', path: 'p', files: [], fileCount: -1 }] }] } }), 'damaged task'],
    ];
    for (const [text, what] of cases) {
      writeFileSync(file, text);
      assert.equal((await readCache(storage, criteria, key)).kind, 'invalid', what);
      await writeCache(storage, criteria, key, model);
      assert.equal((await readCache(storage, criteria, key)).kind, 'hit', `rewritten after ${what}`);
    }
    // Another format version is not an error, only not ours to read: the full model of version 1, or a later one.
    for (const formatVersion of [1, 3]) assert.equal(validateCache(JSON.stringify({ format: 'reform-evidence-model-cache', formatVersion, key, model }), key).kind, 'mismatch', `version ${formatVersion}`);
  });

  it('refuses a cache path that is a folder, and reads no file when there is none', async () => {
    const { criteria, key, storage } = await workspace();
    assert.equal((await readCache(storage, criteria, key)).kind, 'mismatch');
    mkdirSync(path.join(storage, cacheFileName(criteria)));
    assert.equal((await readCache(storage, criteria, key)).kind, 'invalid');
  });

  it('writes atomically: a failed write leaves the previous cache whole and no temporary file', async () => {
    const { criteria, model, key, storage } = await workspace();
    await writeCache(storage, criteria, key, model);
    const before = readFileSync(path.join(storage, cacheFileName(criteria)), 'utf8');
    const circular = { ...model } as Record<string, unknown>;
    circular.self = circular;
    await assert.rejects(writeCache(storage, criteria, { ...key, version: '2' }, circular as never));
    assert.equal(readFileSync(path.join(storage, cacheFileName(criteria)), 'utf8'), before);
    assert.deepEqual(readdirSync(storage), [cacheFileName(criteria)]);
  });

  it('keys compare field by field and serialize with the format marker', async () => {
    const key: CacheKey = { criteriaHash: 'a', head: 'b', indexMtimeMs: 1, version: 'v', settings: 's' };
    assert.ok(sameKey(key, { ...key }));
    assert.ok(!sameKey(key, { ...key, indexMtimeMs: 2 }));
    const { model } = await workspace();
    assert.match(serializeCache(key, model), /^\{"format":"reform-evidence-model-cache","formatVersion":2,"key":/);
  });

  it("keeps the views' summary: a few files per requirement with their count, so its size does not grow with the repository", async () => {
    const { criteria, model, key, storage } = await workspace();
    const many = (n: number, modifiedAt = -1) => Array.from({ length: n }, (_, i) => ({ path: `f/${String(i).padStart(6, '0')}.pdf`, git: i === modifiedAt ? 'modified' : 'committed' }) as EvidenceFile);
    const sizeWith = (n: number) => serializeCache(key, withFiles(model, many(n))).length;
    assert.ok(sizeWith(100_000) - sizeWith(100) < 20 * countRequirements(model), `${sizeWith(100_000)} vs ${sizeWith(100)} characters`);

    const big = withFiles(model, many(1000, 700));
    await writeCache(storage, criteria, key, big);
    const verdict = await readCache(storage, criteria, key);
    assert.ok(verdict.kind === 'hit');
    const original = allRequirements(big);
    const cached = allRequirements(verdict.model);
    assert.equal(cached.length, original.length);
    cached.forEach((r, i) => {
      assert.equal(fileCountOf(r), 1000, 'the count of every requirement');
      assert.equal(r.files.length, SUMMARY_FILES_PER_REQUIREMENT);
      assert.deepEqual(r.files.slice(0, -1), original[i].files.slice(0, SUMMARY_FILES_PER_REQUIREMENT - 1), 'the first files');
      // The modified 701st file takes the last place: the row's state (committed or not) reads the same.
      assert.equal(r.files.at(-1)!.git, 'modified');
      assert.equal(stateOf([r]), stateOf([original[i]]));
    });
    assert.deepEqual(verdict.model.totals, big.totals);
    assert.deepEqual(verdict.model.byUnit, big.byUnit);
  });

  it('a summary keeps the count and the state of any requirement (property)', () => {
    const file = fc.record({ path: fc.string({ maxLength: 6 }), git: fc.constantFrom<GitFileState>('committed', 'modified', 'untracked', 'none') });
    const requirement = fc.record({ title: fc.string(), path: fc.string(), min: fc.nat(5), met: fc.boolean(), files: fc.array(file, { maxLength: 40 }) });
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 4 }), fc.integer({ min: 1, max: 10 }), (requirements, keep) => {
        const model = { areas: [], tasks: [{ id: 't', requirements }] } as unknown as StatusModel;
        const summary = summarizeModel(model, keep).tasks[0].requirements;
        summary.forEach((r, i) => {
          assert.equal(fileCountOf(r), requirements[i].files.length);
          assert.ok(r.files.length <= keep);
          assert.ok(r.files.every((f) => requirements[i].files.includes(f)));
        });
        assert.equal(stateOf(summary), stateOf(requirements));
        for (const r of summary) assert.equal(stateOf([r]), stateOf([requirements[summary.indexOf(r)]]));
      }),
    );
  });
});
