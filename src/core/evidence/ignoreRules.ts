// Git's ignore rules evaluated in process, so that a new file can be placed (untracked or ignored) without
// starting Git: on a large repository every Git call reads the whole index, which costs more than the update.
// Same sources and precedence as Git: core.excludesFile < .git/info/exclude < .gitignore of each folder, deeper wins.
import * as os from 'node:os';
import * as path from 'node:path';
import type { Git } from '../git/git';
import { globMatcher } from '../glob/glob';
import { readBounded } from '../fs/readBounded';

export interface IgnoreContext {
  /** The repository's top folder. */
  topDir: string;
  /** Folder of the criteria file relative to topDir ('' at the top). */
  prefix: string;
  /** core.excludesFile then .git/info/exclude: absolute paths, read when needed. */
  excludeFiles: string[];
  /** `$GIT_DIR/info`, where `attributes` may name Git LFS (lfsFiles.ts). */
  infoDir?: string;
  /** With core.ignoreCase Git compares names without case: not modelled here, so callers ask Git instead. */
  ignoreCase: boolean;
  /** Paths (relative to evidenceRoot, NFC) tracked in the index but absent from the work tree: a file created there is not untracked. */
  absentTracked: Set<string>;
}

interface Rule {
  negate: boolean;
  dirOnly: boolean;
  /** Folder of the file that holds the rule, relative to the top ('' for the top and the exclude files). */
  base: string;
  test: (relative: string) => boolean;
}

const GLOB_OPTIONS = { dot: true, nobrace: true, noextglob: true, nonegate: true, posix: true } as const;

/** The rules of one ignore file's text (gitignore(5) syntax). */
export function parseIgnoreRules(text: string, base: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of text.normalize('NFC').split('\n')) {
    line = line.replace(/\r$/, '');
    if (line === '' || line.startsWith('#')) continue;
    line = line.replace(/(?<!\\)\s+$/, '');
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.replace(/\/+$/, '');
    if (line === '') continue;
    // With a slash before the end the pattern is anchored to its file's folder; else it matches a name at any depth.
    const anchored = line.includes('/');
    const glob = (anchored ? line.replace(/^\//, '') : `**/${line}`).replace(/\[!/g, '[^');
    let test: (relative: string) => boolean;
    try {
      test = globMatcher(glob, GLOB_OPTIONS);
    } catch {
      throw new Error(`unsupported ignore pattern: ${line}`);
    }
    rules.push({ negate, dirOnly, base, test });
  }
  return rules;
}

/** Far above any real .gitignore; Git itself is asked when a file is larger. */
const MAX_IGNORE_FILE_BYTES = 4 * 1024 * 1024;

async function readText(file: string): Promise<string | undefined> {
  try {
    // An ignore file of the clone may be a link to /dev/zero or a FIFO: refused (the caller then asks Git).
    return (await readBounded(file, MAX_IGNORE_FILE_BYTES)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * Whether Git would ignore the untracked path `fromTop` (posix, relative to the top). Throws when a rule
 * cannot be read or understood: the caller then asks Git.
 */
export async function isIgnoredByGit(context: IgnoreContext, fromTop: string): Promise<boolean> {
  const segments = fromTop.normalize('NFC').split('/');
  const sources = [...context.excludeFiles.map((f) => ({ file: f, base: '' }))];
  for (let i = 0; i < segments.length; i++) {
    const base = segments.slice(0, i).join('/');
    sources.push({ file: path.join(context.topDir, ...segments.slice(0, i), '.gitignore'), base });
  }
  const texts = await Promise.all(sources.map((s) => readText(s.file)));
  const rules: Rule[] = [];
  texts.forEach((text, i) => {
    if (text !== undefined) rules.push(...parseIgnoreRules(text, sources[i].base));
  });
  if (rules.length === 0) return false;
  // A folder that is ignored hides everything below it; a later rule cannot bring a file back from it.
  for (let depth = 1; depth <= segments.length; depth++) {
    const target = segments.slice(0, depth).join('/');
    const isDir = depth < segments.length;
    let ignored = false;
    for (const rule of rules) {
      if (rule.dirOnly && !isDir) continue;
      // Rules of a folder's .gitignore apply to paths strictly inside that folder.
      if (rule.base !== '' && !target.startsWith(rule.base + '/')) continue;
      const relative = rule.base === '' ? target : target.slice(rule.base.length + 1);
      if (rule.test(relative)) ignored = !rule.negate;
    }
    if (ignored) return true;
  }
  return false;
}

/** core.excludesFile as Git resolves it: the configured path (with ~), else $XDG_CONFIG_HOME/git/ignore. */
function globalExcludesFile(configured: string | undefined, env: NodeJS.ProcessEnv): string {
  if (configured) return configured.startsWith('~/') ? path.join(os.homedir(), configured.slice(2)) : configured;
  const xdg = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(xdg, 'git', 'ignore');
}

/** What the in-process check needs, from two Git calls made once at load (in parallel with the listing). */
export async function ignoreContextOf(git: Git, baseDir: string, absentTracked: Set<string>): Promise<IgnoreContext | undefined> {
  try {
    // readBuffer, not read: read starts simple-git, whose loading costs a cold status tens of ms before the parse.
    const [revParse, config] = (await Promise.all([git.readBuffer(['rev-parse', '--show-prefix', '--git-path', 'info/exclude']), git.readBuffer(['config', '-z', '--list'])])).map((out) => out.toString('utf8'));
    const [prefixLine, excludeLine] = revParse.split('\n');
    const prefix = prefixLine.trim().replace(/\/$/, '');
    const settings = new Map<string, string>();
    for (const entry of config.split('\0')) {
      const at = entry.indexOf('\n');
      if (at > 0) settings.set(entry.slice(0, at).toLowerCase(), entry.slice(at + 1));
    }
    const up = prefix === '' ? 0 : prefix.split('/').length;
    const topDir = path.resolve(baseDir, ...Array<string>(up).fill('..'));
    return {
      topDir,
      prefix,
      excludeFiles: [globalExcludesFile(settings.get('core.excludesfile'), process.env), path.resolve(baseDir, excludeLine.trim())],
      infoDir: path.dirname(path.resolve(baseDir, excludeLine.trim())),
      ignoreCase: /^(true|yes|on|1)$/i.test(settings.get('core.ignorecase') ?? ''),
      absentTracked,
    };
  } catch {
    return undefined;
  }
}
