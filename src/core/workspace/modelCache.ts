// The last computed model of a criteria file, kept outside the repository (the editor's workspace storage)
// so a window shows it at once while the fresh model is computed. Keyed by everything cheap to read that
// says "same state": the criteria file's bytes, HEAD, the index's mtime, the program's version and the
// settings the model depends on. A cache that does not match, or does not parse, is ignored, never trusted.
import { crypto } from '../node/lazy';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CriterionStatus, EvidenceFile, RequirementStatus, StatusModel } from '../model/types';
import { findTopLevel, gitDirOf } from '../git/git';
import { readBounded } from '../fs/readBounded';
import { MAX_CRITERIA_BYTES } from '../parse/parseCriteria';
import { unsafePathReason } from '../validate/paths';

export const CACHE_FORMAT = 'reform-evidence-model-cache';
/**
 * 2: the model kept is the views' summary (`summarizeModel`): each requirement holds its first few files and their
 * count, not every file record (a full model of 100,000 files took 5 s to read under load, before the first row).
 */
export const CACHE_FORMAT_VERSION = 2;
/** Larger cache files are not read (a summary is a few hundred kB whatever the repository's size). */
export const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/**
 * The files a cached requirement keeps, the count saying how many there were: one is enough for its row (its state
 * reads whether it has files and whether all are committed). With 8, the province's summary was 3.3 MB, with 1
 * 1.3 MB (the criteria tree itself is 1 MB), against 15 MB for the whole model.
 */
export const SUMMARY_FILES_PER_REQUIREMENT = 1;

/** A requirement of a cached summary: `files` may hold only the first ones, `fileCount` says how many matched. */
export type SummaryRequirement = RequirementStatus & { fileCount?: number };

/** How many files matched a requirement (in a cached summary, more than `files` holds). */
export function fileCountOf(requirement: RequirementStatus): number {
  const count = (requirement as SummaryRequirement).fileCount;
  return typeof count === 'number' ? count : requirement.files.length;
}

/** The first `keep` files; when they are all committed and a later one is not, that one takes the last place (the row's state reads the same). */
function keptFiles(files: EvidenceFile[], keep: number): EvidenceFile[] {
  const kept = files.slice(0, keep);
  const notCommitted = kept.every((f) => f.git === 'committed') ? files.find((f, i) => i >= keep && f.git !== 'committed') : undefined;
  if (notCommitted && keep > 0) kept[keep - 1] = notCommitted;
  return kept;
}

function summarizeRequirements(requirements: RequirementStatus[], keep: number): SummaryRequirement[] {
  return requirements.map((r) => (r.files.length <= keep ? r : { ...r, files: keptFiles(r.files, keep), fileCount: r.files.length }));
}

function summarizeCriterion(node: CriterionStatus, keep: number): CriterionStatus {
  return { ...node, requirements: summarizeRequirements(node.requirements, keep), children: node.children.map((c) => summarizeCriterion(c, keep)) };
}

/**
 * What the views need to draw the model before the fresh one comes (the trees' rows, the status bar, the view's
 * description): everything but the file records past the first few of each requirement. Shares what it keeps.
 */
export function summarizeModel(model: StatusModel, keep = SUMMARY_FILES_PER_REQUIREMENT): StatusModel {
  return {
    ...model,
    areas: model.areas.map((a) => summarizeCriterion(a, keep)),
    tasks: model.tasks.map((t) => ({ ...t, requirements: summarizeRequirements(t.requirements, keep) })),
  };
}

export interface CacheKey {
  /** sha256 of the criteria file's bytes. */
  criteriaHash: string;
  /** The commit HEAD names ('' outside Git or when unborn). */
  head: string;
  /** mtime of Git's index in ms (0 when there is none). */
  indexMtimeMs: number;
  /** The extension's (or CLI's) version: another version may compute another model. */
  version: string;
  /** What else the model depends on: the settings (exclude, an explicit as-of date, locale) and trust (Git or not). */
  settings: string;
}

export interface CacheFile {
  format: typeof CACHE_FORMAT;
  formatVersion: typeof CACHE_FORMAT_VERSION;
  key: CacheKey;
  /** The summary of the model (`summarizeModel`). */
  model: StatusModel;
}

/** A stable text for the settings part of the key. */
export function settingsKey(settings: { exclude: readonly string[]; asOfSetting: string; locale: string; trusted: boolean }): string {
  return JSON.stringify([[...settings.exclude], settings.asOfSetting, settings.locale, settings.trusted]);
}

export function sameKey(a: CacheKey, b: CacheKey): boolean {
  return a.criteriaHash === b.criteriaHash && a.head === b.head && a.indexMtimeMs === b.indexMtimeMs && a.version === b.version && a.settings === b.settings;
}

/** The cache file's text: the key first, then the model's summary. */
export function serializeCache(key: CacheKey, model: StatusModel): string {
  const file: CacheFile = { format: CACHE_FORMAT, formatVersion: CACHE_FORMAT_VERSION, key, model: summarizeModel(model) };
  return JSON.stringify(file);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value has the shape of a model the views can show (a light check: the file is ours, but may be damaged). */
export function looksLikeModel(v: unknown): v is StatusModel {
  if (!isObject(v) || v.schemaVersion !== 1) return false;
  if (typeof v.criteriaFile !== 'string' || typeof v.asOf !== 'string' || typeof v.git !== 'boolean') return false;
  if (!isObject(v.index) || !isObject(v.totals) || !isObject(v.problems)) return false;
  if (!Array.isArray(v.areas) || !Array.isArray(v.tasks) || !Array.isArray(v.byArea) || !Array.isArray(v.byUnit)) return false;
  return v.areas.every(looksLikeCriterion) && v.tasks.every((t) => isObject(t) && typeof t.id === 'string' && looksLikeRequirements(t.requirements));
}

// Every node the views walk is checked (a summary is small): a damaged one is an invalid cache, never a crash in a view.
function looksLikeRequirements(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    v.every(
      (r) =>
        isObject(r) &&
        typeof r.title === 'string' &&
        typeof r.path === 'string' &&
        Array.isArray(r.files) &&
        r.files.every((f) => isObject(f) && typeof f.path === 'string') &&
        (r.fileCount === undefined || (typeof r.fileCount === 'number' && r.fileCount >= r.files.length)),
    )
  );
}

function looksLikeCriterion(v: unknown): boolean {
  return isObject(v) && typeof v.id === 'string' && typeof v.state === 'string' && isObject(v.totals) && looksLikeRequirements(v.requirements) && Array.isArray(v.children) && v.children.every(looksLikeCriterion);
}

function looksLikeKey(v: unknown): v is CacheKey {
  return (
    isObject(v) &&
    typeof v.criteriaHash === 'string' &&
    typeof v.head === 'string' &&
    typeof v.indexMtimeMs === 'number' &&
    typeof v.version === 'string' &&
    typeof v.settings === 'string'
  );
}

export type CacheVerdict = { kind: 'hit'; model: StatusModel } | { kind: 'mismatch' } | { kind: 'invalid'; reason: string };

/** Checks a cache file's text against the key of the state now: a model only when everything matches. */
export function validateCache(text: string, key: CacheKey): CacheVerdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (!isObject(parsed) || parsed.format !== CACHE_FORMAT) return { kind: 'invalid', reason: 'not a model cache' };
  if (parsed.formatVersion !== CACHE_FORMAT_VERSION) return { kind: 'mismatch' };
  if (!looksLikeKey(parsed.key)) return { kind: 'invalid', reason: 'no key' };
  if (!sameKey(parsed.key, key)) return { kind: 'mismatch' };
  if (!looksLikeModel(parsed.model)) return { kind: 'invalid', reason: 'damaged model' };
  return { kind: 'hit', model: parsed.model };
}

/** The cache file's name for a criteria file: one file per criteria file, in the storage folder. */
export function cacheFileName(criteriaFile: string): string {
  return `model-${crypto().createHash('sha256').update(path.resolve(criteriaFile)).digest('hex').slice(0, 24)}.json`;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** The commit a ref names, from its loose file or packed-refs (no Git process). */
async function resolveRef(gitDir: string, commonDir: string, ref: string): Promise<string> {
  for (const dir of [gitDir, commonDir]) {
    const loose = await readText(path.join(dir, ref));
    if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  }
  const packed = await readText(path.join(commonDir, 'packed-refs'));
  for (const line of packed?.split('\n') ?? []) {
    const [hash, name] = line.split(' ');
    if (name === ref && /^[0-9a-f]{40,64}$/.test(hash)) return hash;
  }
  return '';
}

/** HEAD and the index's mtime of the repository holding `dir`, read from .git without running Git. */
export async function gitStateOf(dir: string): Promise<{ head: string; indexMtimeMs: number }> {
  const top = findTopLevel(dir);
  const gitDir = gitDirOf(top);
  const common = await readText(path.join(gitDir, 'commondir'));
  const commonDir = common ? path.resolve(gitDir, common) : gitDir;
  const headText = (await readText(path.join(gitDir, 'HEAD'))) ?? '';
  const symbolic = /^ref:\s*(\S+)$/.exec(headText);
  const head = symbolic ? `${symbolic[1]}@${await resolveRef(gitDir, commonDir, symbolic[1])}` : headText;
  let indexMtimeMs = 0;
  try {
    indexMtimeMs = (await fs.stat(path.join(gitDir, 'index'))).mtimeMs;
  } catch {
    // No index: a new repository, or no Git at all.
  }
  return { head, indexMtimeMs };
}

/** The key of the state now. `text` is the criteria file's content when the caller has it. */
/** The path of a top-level `extends:` line, read without parsing (a key only: a wrong guess just misses the cache). */
export function extendsLine(text: string): string | undefined {
  const found = /^extends:[ \t]*(?:"([^"\\\n]*)"|'([^'\n]*)'|([^\s"'#][^#\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
  return found ? (found[1] ?? found[2] ?? found[3]) : undefined;
}

export async function cacheKeyOf(criteriaFile: string, version: string, settings: string, bytes?: Uint8Array): Promise<CacheKey> {
  const [content, git] = await Promise.all([bytes ?? fs.readFile(criteriaFile), gitStateOf(path.dirname(criteriaFile))]);
  const hash = crypto().createHash('sha256').update(content);
  // A ward's file on the city's index (`extends:`): the index file's bytes are part of the state too.
  const base = extendsLine(Buffer.from(content).toString('utf8'));
  if (base !== undefined && !unsafePathReason(base)) {
    hash.update('\0extends\0').update(await readBounded(path.resolve(path.dirname(criteriaFile), base), MAX_CRITERIA_BYTES).catch(() => Buffer.from('unreadable')));
  }
  return { criteriaHash: hash.digest('hex'), ...git, version, settings };
}

/**
 * Reads the cache of `criteriaFile` from `dir`: the model when it matches `key`, else why not. The key may still be
 * being computed: the file is read meanwhile.
 */
export async function readCache(dir: string, criteriaFile: string, key: CacheKey | Promise<CacheKey>): Promise<CacheVerdict> {
  const file = path.join(dir, cacheFileName(criteriaFile));
  let text: string;
  try {
    const stat = await fs.lstat(file);
    if (!stat.isFile()) return { kind: 'invalid', reason: 'not a regular file' };
    if (stat.size > MAX_CACHE_BYTES) return { kind: 'invalid', reason: 'too large' };
    text = await fs.readFile(file, 'utf8');
  } catch {
    return { kind: 'mismatch' };
  }
  return validateCache(text, await key);
}

/** Writes the cache atomically: a temporary file in the same folder, then a rename over the old one. */
export async function writeCache(dir: string, criteriaFile: string, key: CacheKey, model: StatusModel): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, cacheFileName(criteriaFile));
  const temp = `${file}.${process.pid}.${crypto().randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, serializeCache(key, model), { mode: 0o600 });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  return file;
}
