// dist/cli.js loads its bundle with V8's code cache: a command is over in a second, and compiling the 420 KB bundle
// (its top level at load, each function on its first call) is some 4% of a cold status (docs/benchmark.md, "code
// cache"). Node 20 has no compile cache of its own (module.enableCompileCache came with Node 22), so the CLI keeps
// one per user, bundle and Node version, written by the first run and read by the next ones. A cache V8 does not
// accept (another Node, other flags, a rebuilt bundle) is ignored and written again; nothing here ever fails a run.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Where the cache lives: REFORM_EVIDENCE_CACHE_DIR, else the user's cache folder; undefined when off or unknown. */
export function codeCacheDir(env: NodeJS.ProcessEnv, home: string | undefined, platform: NodeJS.Platform): string | undefined {
  if (env.REFORM_EVIDENCE_CODE_CACHE === '0') return undefined;
  if (env.REFORM_EVIDENCE_CACHE_DIR) return env.REFORM_EVIDENCE_CACHE_DIR;
  const base = platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : undefined);
  return base ? path.join(base, 'reform-evidence') : undefined;
}

/** FNV-1a of a short text, as 8 hex digits: tells builds apart in a file name without loading node:crypto. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The cache file of one build of a bundle under one Node and one set of flags: `<bundle>-<build>-<node>-<flags>.cache`,
 * the build told apart by the bundle's size and time (a rebuilt bundle gets a new file).
 */
export function codeCacheName(bundle: string, stat: { size: number; mtimeMs: number }, flags: string): string {
  return `${buildPrefix(bundle, stat)}${process.version}-${process.arch}-${fnv1a(flags)}.cache`;
}

/** What every cache file of the bundle starts with, whatever its build. */
function bundlePrefix(bundle: string): string {
  return `${path.basename(bundle, '.js')}-`;
}

/** What every cache file of this build of the bundle starts with (other builds' files can go). */
function buildPrefix(bundle: string, stat: { size: number; mtimeMs: number }): string {
  return `${bundlePrefix(bundle)}${fnv1a(`${stat.size}:${stat.mtimeMs}`)}-`;
}

/**
 * The cache's bytes if only this user could have written the file: V8 runs what a cache holds, so on a POSIX system a
 * file (or its folder) that others may write, that another user owns, or that is a link, is never read.
 */
export function readOwnFile(file: string): Buffer | undefined {
  const uid = process.getuid?.();
  const own = (stat: fs.Stats) => uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || !own(stat) || !own(fs.statSync(path.dirname(file)))) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes a cache in a private folder, through a temporary file renamed (a reader sees all or none of it). Other
 * builds' caches of the bundle go; this build's under other flags or another Node stay (each run reads its own).
 */
function writeCache(dir: string, name: string, bundle: string, build: string, data: Buffer): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const old of fs.readdirSync(dir)) if (old.startsWith(bundle) && !old.startsWith(build)) fs.rmSync(path.join(dir, old), { force: true });
    const temp = path.join(dir, `${name}.${process.pid}.tmp`);
    fs.writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(temp, path.join(dir, name));
  } catch {
    // A cache not written costs the next run its compile time, nothing else.
  }
}

export interface LoadedBundle<T> {
  exports: T;
  /**
   * Writes the cache: there was none, or V8 refused it. Called at exit, the cache then holds every function the run
   * compiled. Undefined when the cache was used or is off.
   */
  saveCache?: () => void;
}

/**
 * Loads a CommonJS bundle as `require` would (same exports, in require.cache under its path), compiled with its code
 * cache. `flags` names the V8 flags the run set (part of the cache's name). Undefined when the bundle cannot be read:
 * the caller then requires it as usual.
 */
export function requireWithCodeCache<T>(bundle: string, flags: string, env: NodeJS.ProcessEnv = process.env): LoadedBundle<T> | undefined {
  let source: string;
  let stat: fs.Stats;
  let fd: number | undefined;
  try {
    // The time and size of the very bytes read (a bundle replaced meanwhile must not lend its name to this code).
    fd = fs.openSync(bundle, 'r');
    stat = fs.fstatSync(fd);
    source = fs.readFileSync(fd, 'utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const dir = codeCacheDir(env, env.HOME ?? env.USERPROFILE, process.platform);
  const name = codeCacheName(bundle, stat, `${flags} ${process.execArgv.join(' ')}`);
  const cachedData = dir ? readOwnFile(path.join(dir, name)) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const loaded = new Module(bundle, require.main);
  loaded.filename = bundle;
  loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  require.cache[bundle] = loaded;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(loaded.exports, loaded.exports, Module.createRequire(bundle), loaded, bundle, path.dirname(bundle));
  loaded.loaded = true;
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: loaded.exports as T,
    saveCache: dir && stale ? () => writeCache(dir, name, bundlePrefix(bundle), buildPrefix(bundle, stat), script.createCachedData()) : undefined,
  };
}
