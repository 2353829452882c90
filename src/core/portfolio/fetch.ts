// `portfolio fetch`: clone or update each ward's remote listed in wards.yaml, a few at a time, as partial
// clones (no blob of the history is downloaded). Remotes, ids and branches come from a file: each is
// checked, and none ever reaches Git's argument list where it could be read as an option.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'yaml';
import { createGit } from '../git/git';
import { t, type Locale } from '../i18n/messages';
import { replaceControls } from '../parse/text';
import { isMap, isScalar, isSeq, itemsOf, LineIndex, nodeOf, SourceMap, yamlLib } from '../parse/yamlSource';
import { mapLimited } from './findWards';

export interface WardRemote {
  id: string;
  remote: string;
  branch?: string;
}

/** A problem of wards.yaml, at its 1-based line and column. */
export interface WardsFileProblem {
  line: number;
  col: number;
  message: string;
}

/** The largest wards.yaml read (a city lists a few hundred wards). */
export const MAX_WARDS_FILE_BYTES = 1024 * 1024;
const ID = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,99}$/u;
const KEYS = new Set(['id', 'remote', 'branch']);

/** A branch name Git accepts (the subset of `git check-ref-format --branch` we need), never an option. */
export function isSafeBranch(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$/.test(name) && !/\.\.|\/\/|\/$|\.lock$|\.$|@\{|\/\./.test(name);
}

/** A remote as Git takes it: a URL or a path; not empty, not an option, no controls, no `ext::` command. */
export function remoteProblem(remote: string): 'empty' | 'option' | 'control' | 'transport' | undefined {
  if (remote.trim() === '') return 'empty';
  if (remote.startsWith('-')) return 'option';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(remote)) return 'control';
  // `ext::` and `fd::` run programs or read descriptors: a file of remotes never needs them.
  if (/^(ext|fd)::/i.test(remote)) return 'transport';
  return undefined;
}

/** Reads wards.yaml: a list of `{ id, remote, branch }` (or `wards:` holding it); every problem with its place. */
export function parseWardsFile(text: string, locale: Locale): { wards: WardRemote[]; problems: WardsFileProblem[] } {
  const { parseDocument, LineCounter } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: WardsFileProblem[] = [];
  const map = new SourceMap(lines);
  const at = (node: Node | null | undefined, key: Parameters<typeof t>[1], ...args: Array<string | number>) => {
    const range = map.ofNode(node ?? undefined, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    problems.push({ line: range.start.line + 1, col: range.start.character + 1, message: t(locale, key, ...args) });
  };
  for (const error of doc.errors) {
    const pos = error.linePos?.[0] ?? new LineIndex(text).linePos(error.pos[0]);
    problems.push({ line: pos.line, col: pos.col, message: t(locale, 'RE001', error.message.split('\n')[0]) });
  }
  if (problems.length > 0) return { wards: [], problems };
  let list = doc.contents as Node | null;
  if (isMap(list)) list = nodeOf(list, 'wards') ?? null;
  if (!isSeq(list)) {
    at(doc.contents as Node, 'fetch.notAList');
    return { wards: [], problems };
  }
  const wards: WardRemote[] = [];
  const seen = new Map<string, number>();
  for (const item of itemsOf(list)) {
    if (!isMap(item)) {
      at(item, 'fetch.notAMapping');
      continue;
    }
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!KEYS.has(key)) at(pair.key as Node, 'fetch.unknownKey', replaceControls(key, { singleLine: true }));
    }
    const value = (key: string) => {
      const node = nodeOf(item, key);
      if (node === undefined) return { node, text: undefined };
      if (!isScalar(node) || typeof node.value !== 'string') {
        at(node, 'fetch.notText', key);
        return { node, text: null };
      }
      return { node, text: node.value };
    };
    const id = value('id');
    const remote = value('remote');
    const branch = value('branch');
    let ok = id.text !== null && remote.text !== null && branch.text !== null;
    if (id.text === undefined || remote.text === undefined) {
      at(item, 'fetch.missing', id.text === undefined ? 'id' : 'remote');
      ok = false;
    }
    if (typeof id.text === 'string') {
      if (!ID.test(id.text)) {
        at(id.node, 'fetch.badId', replaceControls(id.text, { singleLine: true }));
        ok = false;
      } else if (seen.has(id.text.toLowerCase())) {
        at(id.node, 'fetch.duplicateId', id.text, seen.get(id.text.toLowerCase()) ?? 0);
        ok = false;
      } else seen.set(id.text.toLowerCase(), (lines.linePos(id.node?.range?.[0] ?? 0).line));
    }
    if (typeof remote.text === 'string') {
      const problem = remoteProblem(remote.text);
      if (problem) {
        at(remote.node, `fetch.remote.${problem}`, replaceControls(remote.text, { singleLine: true }));
        ok = false;
      }
    }
    if (typeof branch.text === 'string' && !isSafeBranch(branch.text)) {
      at(branch.node, 'fetch.badBranch', replaceControls(branch.text, { singleLine: true }));
      ok = false;
    }
    if (ok && typeof id.text === 'string' && typeof remote.text === 'string') wards.push({ id: id.text, remote: remote.text, ...(typeof branch.text === 'string' ? { branch: branch.text } : {}) });
  }
  return { wards, problems };
}

export interface FetchResult {
  id: string;
  /** The clone's folder. */
  dir: string;
  action: 'cloned' | 'updated' | 'failed';
  /** Why it failed: our message, then Git's own output. */
  error?: string;
}

export interface FetchOptions {
  /** The folder the clones live in (`<into>/<id>`). */
  into: string;
  jobs: number;
  locale?: Locale;
}

/** `-c` options of the network calls: no `ext::` transport, even if a config allows it. */
const NETWORK = ['-c', 'protocol.ext.allow=never'];

async function fetchOne(ward: WardRemote, options: FetchOptions): Promise<FetchResult> {
  const locale = options.locale ?? 'en';
  const dir = path.join(options.into, ward.id);
  const fail = (message: string, error?: unknown): FetchResult => ({
    id: ward.id,
    dir,
    action: 'failed',
    error: replaceControls(error === undefined ? message : `${message}: ${String((error as Error)?.message ?? error).trim()}`),
  });
  if (!existsSync(dir)) {
    // The target folder is ours, absolute, and given after `--` like the remote.
    const parent = createGit({ cwd: options.into });
    try {
      const branch = ward.branch ? [`--branch=${ward.branch}`] : [];
      await parent.writeInput([...NETWORK, 'clone', '--quiet', '--filter=blob:none', ...branch, '--', ward.remote, dir], '');
      return { id: ward.id, dir, action: 'cloned' };
    } catch (error) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      return fail(t(locale, 'fetch.cloneFailed', ward.remote), error);
    }
  }
  if (!existsSync(path.join(dir, '.git'))) return fail(t(locale, 'fetch.notAClone', dir));
  const git = createGit({ cwd: dir });
  try {
    const url = (await git.read(['config', '--get', 'remote.origin.url']).catch(() => '')).trim();
    if (url !== ward.remote) return fail(t(locale, 'fetch.otherRemote', dir, url, ward.remote));
    const current = (await git.read(['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
    if (ward.branch && current !== ward.branch) return fail(t(locale, 'fetch.otherBranch', dir, current, ward.branch));
    await git.writeInput([...NETWORK, 'fetch', '--quiet', '--prune', 'origin'], '');
    // Only a fast-forward: a clone someone committed in is reported, never rewritten.
    await git.writeInput(['merge', '--ff-only', '--quiet', ward.branch ? `refs/remotes/origin/${ward.branch}` : '@{upstream}'], '');
    return { id: ward.id, dir, action: 'updated' };
  } catch (error) {
    return fail(t(locale, 'fetch.updateFailed', ward.remote), error);
  }
}

/** Clones or updates every ward, at most `jobs` at once; one failure is reported, the others go on. */
export async function fetchWards(wards: readonly WardRemote[], options: FetchOptions): Promise<FetchResult[]> {
  await fs.mkdir(options.into, { recursive: true });
  return mapLimited(wards, options.jobs, (ward) => fetchOne(ward, options));
}
