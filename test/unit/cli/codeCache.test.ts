import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeCacheDir, codeCacheName, readOwnFile, requireWithCodeCache } from '../../../src/cli/codeCache';
import { cleanupTempDirs, tempDir } from '../helpers';

const ROOT = path.resolve(__dirname, '../../../..');
const EXAMPLE = path.join(ROOT, 'examples/ward-2025');
const CLI = path.join(ROOT, 'dist/cli.js');

describe('the CLI code cache (codeCache.ts)', () => {
  afterEach(cleanupTempDirs);

  it('lives in the setting, else the user cache folder, and is off on request', () => {
    assert.equal(codeCacheDir({ REFORM_EVIDENCE_CACHE_DIR: '/c' }, '/home/u', 'linux'), '/c');
    assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x' }, '/home/u', 'linux'), path.join('/x', 'reform-evidence'));
    assert.equal(codeCacheDir({}, '/home/u', 'linux'), path.join('/home/u', '.cache', 'reform-evidence'));
    assert.equal(codeCacheDir({ LOCALAPPDATA: 'C:\\L', XDG_CACHE_HOME: '/x' }, 'C:\\U', 'win32'), path.join('C:\\L', 'reform-evidence'));
    assert.equal(codeCacheDir({}, undefined, 'linux'), undefined);
    assert.equal(codeCacheDir({ REFORM_EVIDENCE_CODE_CACHE: '0', REFORM_EVIDENCE_CACHE_DIR: '/c' }, '/home/u', 'linux'), undefined);
  });

  it('names one file per bundle build, Node and flags, the files of one build under one prefix', () => {
    const name = codeCacheName('/d/cli-main.js', { size: 10, mtimeMs: 5 }, '--no-turbo-inlining');
    assert.match(name, new RegExp(`^cli-main-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{8}\\.cache$`));
    assert.equal(name, codeCacheName('/other/cli-main.js', { size: 10, mtimeMs: 5 }, '--no-turbo-inlining'));
    const otherFlags = codeCacheName('/d/cli-main.js', { size: 10, mtimeMs: 5 }, '');
    const others = [codeCacheName('/d/cli-main.js', { size: 11, mtimeMs: 5 }, '--no-turbo-inlining'), codeCacheName('/d/cli-main.js', { size: 10, mtimeMs: 6 }, '--no-turbo-inlining'), otherFlags];
    assert.equal(new Set([name, ...others]).size, 4);
    const build = (n: string) => n.split('-').slice(0, 3).join('-');
    assert.equal(build(otherFlags), build(name), 'the same build');
    assert.notEqual(build(others[0]), build(name));
  });

  it('reads only a regular file that this user alone can write, in a folder only this user can write', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempDir();
    const own = path.join(dir, 'own.cache');
    writeFileSync(own, 'bytes', { mode: 0o600 });
    assert.equal(readOwnFile(own)?.toString(), 'bytes');
    const shared = path.join(dir, 'shared.cache');
    writeFileSync(shared, 'bytes');
    chmodSync(shared, 0o666);
    assert.equal(readOwnFile(shared), undefined);
    const link = path.join(dir, 'link.cache');
    symlinkSync(own, link);
    assert.equal(readOwnFile(link), undefined);
    assert.equal(readOwnFile(path.join(dir, 'missing.cache')), undefined);
    mkdirSync(path.join(dir, 'folder.cache'));
    assert.equal(readOwnFile(path.join(dir, 'folder.cache')), undefined);
    const open = path.join(dir, 'open');
    mkdirSync(open);
    writeFileSync(path.join(open, 'in.cache'), 'bytes', { mode: 0o600 });
    chmodSync(open, 0o777);
    assert.equal(readOwnFile(path.join(open, 'in.cache')), undefined);
    // Another user's file, however private (root can make one).
    if (process.getuid?.() === 0) {
      const theirs = path.join(dir, 'theirs.cache');
      writeFileSync(theirs, 'bytes', { mode: 0o600 });
      chownSync(theirs, 1, 1);
      assert.equal(readOwnFile(theirs), undefined);
    }
    // Every descriptor it opened is closed, read or refused.
    if (existsSync('/proc/self/fd')) {
      const before = readdirSync('/proc/self/fd').length;
      for (let i = 0; i < 20; i++) [own, shared, link, path.join(dir, 'missing.cache'), path.join(dir, 'folder.cache')].forEach((f) => readOwnFile(f));
      assert.equal(readdirSync('/proc/self/fd').length, before);
    }
  });

  it('loads a bundle as require does, and says when its cache needs writing: none, refused, or of another build', function () {
    if (process.platform === 'win32') this.skip();
    // Each load from a copy in a folder of its own (same name, size and time: the same build): V8 keeps what this
    // process compiled by source and file name, and would not look at the cache for a file it compiled before.
    const source = "const dep = require('./dep.js');\nmodule.exports = { answer: (n) => dep + n, file: __filename, dir: __dirname, self: module };\n";
    const built = new Date('2026-01-01T00:00:00Z');
    type Bundle = { answer(n: number): number; file: string; dir: string; self: NodeJS.Module };
    const cache = path.join(tempDir(), 'cache');
    const env = { REFORM_EVIDENCE_CACHE_DIR: cache };
    const load = (e: NodeJS.ProcessEnv = env, flags = '--no-turbo-inlining') => {
      const folder = tempDir();
      const bundle = path.join(folder, 'cli-test.js');
      writeFileSync(path.join(folder, 'dep.js'), 'module.exports = 40;\n');
      writeFileSync(bundle, source);
      utimesSync(bundle, built, built);
      const loaded = requireWithCodeCache<Bundle>(bundle, flags, e);
      assert.ok(loaded);
      assert.equal(loaded.exports.answer(2), 42);
      assert.deepEqual([loaded.exports.file, loaded.exports.dir], [bundle, folder]);
      assert.equal(require.cache[bundle], loaded.exports.self);
      assert.equal(loaded.exports.self.loaded, true);
      delete require.cache[bundle];
      return loaded;
    };
    assert.equal(load({ REFORM_EVIDENCE_CODE_CACHE: '0', REFORM_EVIDENCE_CACHE_DIR: cache }).saveCache, undefined, 'off');
    const first = load();
    assert.ok(first.saveCache, 'no cache yet');
    assert.throws(() => readdirSync(cache), /ENOENT/, 'written only when asked (at exit)');
    first.saveCache();
    const [name, ...more] = readdirSync(cache);
    assert.deepEqual(more, []);
    assert.equal(statSync(path.join(cache, name)).mode & 0o777, 0o600);
    assert.equal(statSync(cache).mode & 0o777, 0o700);
    assert.equal(load().saveCache, undefined, 'V8 took the cache');
    writeFileSync(path.join(cache, name), Buffer.alloc(64, 7));
    const refused = load();
    assert.ok(refused.saveCache, 'a damaged cache is refused');
    refused.saveCache();
    assert.equal(load().saveCache, undefined, 'written again, and taken');
    // Another flag set keeps its own file beside; an older build's file goes at the next write.
    const other = load(env, '');
    assert.ok(other.saveCache);
    other.saveCache();
    assert.equal(readdirSync(cache).length, 2);
    const older = name.replace(/^cli-test-[0-9a-f]{8}-/, 'cli-test-00000000-');
    writeFileSync(path.join(cache, older), 'old', { mode: 0o600 });
    writeFileSync(path.join(cache, 'cli-other-00000000-x.cache'), 'another bundle', { mode: 0o600 });
    writeFileSync(path.join(cache, name), 'damaged', { mode: 0o600 });
    load().saveCache?.();
    assert.deepEqual(readdirSync(cache).sort(), ['cli-other-00000000-x.cache', ...readdirSync(cache).filter((f) => f.startsWith('cli-test-')).sort()].sort());
    assert.ok(!readdirSync(cache).includes(older));
    assert.equal(readdirSync(cache).filter((f) => f.startsWith('cli-test-')).length, 2);
    assert.equal(requireWithCodeCache(path.join(tempDir(), 'missing.js'), '', env), undefined);
    // Without a folder named, the user's cache folder under HOME.
    const home = tempDir();
    load({ HOME: home }).saveCache?.();
    assert.equal(readdirSync(path.join(home, '.cache', 'reform-evidence')).length, 1);
  });

  it('the bundled CLI writes its cache once, then runs from it; a damaged or older cache is replaced; the output never changes', function () {
    if (process.platform === 'win32') this.skip();
    const dir = path.join(tempDir(), 'cache');
    const status = (env: NodeJS.ProcessEnv) => {
      const run = spawnSync(process.execPath, [CLI, 'status', EXAMPLE, '--json', '--as-of', '2025-11-20'], { encoding: 'utf8', env: { ...process.env, REFORM_EVIDENCE_CACHE_DIR: dir, ...env } });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout;
    };
    const expected = status({ REFORM_EVIDENCE_CODE_CACHE: '0' });
    assert.throws(() => readdirSync(dir), /ENOENT/, 'off: nothing written');
    assert.equal(status({}), expected);
    const [name, ...more] = readdirSync(dir);
    assert.deepEqual(more, []);
    assert.match(name, /^cli-main-[0-9a-f]{8}-v\d+.*\.cache$/);
    const file = path.join(dir, name);
    const first = statSync(file);
    assert.equal(first.mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.ok(first.size > 10_000, 'holds the compiled functions');
    // V8 accepted it: the next run leaves it as it is.
    assert.equal(status({}), expected);
    const second = statSync(file);
    assert.deepEqual([second.ino, second.mtimeMs], [first.ino, first.mtimeMs]);
    // Damaged: V8 refuses it, the run compiles as without a cache and writes it again.
    writeFileSync(file, Buffer.alloc(first.size, 7), { mode: 0o600 });
    assert.equal(status({}), expected);
    assert.notDeepEqual(readFileSync(file), Buffer.alloc(first.size, 7));
    assert.deepEqual(readdirSync(dir), [name]);
    // This build's cache under other flags stays (each kind of run reads its own); an older build's goes.
    const inlined = spawnSync(process.execPath, ['--turbo-inlining', CLI, 'status', EXAMPLE, '--json', '--as-of', '2025-11-20'], { encoding: 'utf8', env: { ...process.env, REFORM_EVIDENCE_CACHE_DIR: dir } });
    assert.equal(inlined.stdout, expected, inlined.stderr);
    const both = readdirSync(dir).sort();
    assert.equal(both.length, 2);
    assert.ok(both.includes(name));
    const old = path.join(dir, name.replace(/^cli-main-[0-9a-f]{8}-/, 'cli-main-00000000-'));
    writeFileSync(old, 'old', { mode: 0o600 });
    writeFileSync(file, 'damaged', { mode: 0o600 });
    const damaged = statSync(file).ino;
    assert.equal(status({}), expected);
    assert.deepEqual(readdirSync(dir).sort(), both);
    assert.notEqual(statSync(file).ino, damaged, 'written again (a new file renamed over it)');
  });
});
