import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createGit, type Git } from '../../core/git/git';
import { openRepository } from '../../core/git/repository';
import { resolveCommit } from '../../core/git/revision';
import { t, type Locale } from '../../core/i18n/messages';
import { renderReviewMarkdown, renderReviewText } from '../../core/review/render';
import { buildReview } from '../../core/review/review';
import { checkDateOption, cliFailure, cliLocale, CliError, displayPath, jsonText, resolveCriteriaFile, writeText, type Io } from '../args';

/** `<base>`, `<base>..<head>` or `<base>...<head>` (base: their merge base); an empty side is HEAD, as in Git. */
export function splitRange(range: string): { base: string; head?: string; mergeBase: boolean } {
  const three = range.indexOf('...');
  if (three >= 0) return { base: range.slice(0, three) || 'HEAD', head: range.slice(three + 3) || 'HEAD', mergeBase: true };
  const two = range.indexOf('..');
  if (two >= 0) return { base: range.slice(0, two) || 'HEAD', head: range.slice(two + 2) || 'HEAD', mergeBase: false };
  return { base: range, mergeBase: false };
}

/** The merge base of two revisions, each resolved to a hash first. */
async function mergeBase(git: Git, a: string, b: string): Promise<string> {
  const [x, y] = await Promise.all([resolveCommit(git, a), resolveCommit(git, b)]);
  return (await git.read(['merge-base', x, y])).trim();
}

function checkFormat(format: string | undefined, locale: Locale): 'text' | 'md' {
  if (format === undefined || format === 'text') return 'text';
  if (format === 'md' || format === 'markdown') return 'md';
  throw new CliError(t(locale, 'review.badFormat', format));
}

/** `review <base>[..<head>] [dir|file]`: what the change does to the points. Exit 1 with --fail-on-loss when a secured point is lost. */
export async function review(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      'as-of': { type: 'string' },
      'fail-on-loss': { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  const locale = cliLocale(values.lang, io.env);
  const format = checkFormat(values.format, locale);
  const asOf = checkDateOption('--as-of', values['as-of'], locale);
  const [range, target, ...extra] = positionals;
  if (!range || extra.length > 0) throw new CliError(t(locale, 'review.usage'));
  const file = await resolveCriteriaFile(target, io.cwd, locale);
  try {
    await openRepository(path.dirname(file));
    const git = createGit({ cwd: path.dirname(file) });
    const split = splitRange(range);
    const base = split.mergeBase ? await mergeBase(git, split.base, split.head!) : split.base;
    const result = await buildReview({ file, base, head: split.head, git, locale, asOf });
    if (split.mergeBase) result.base.rev = `${split.base}...${split.head}`;
    if (values.json) io.out(jsonText({ file, ...result }, io));
    else if (format === 'md') writeText(io, renderReviewMarkdown(result, { locale, file: displayPath(file, io.cwd) }));
    else writeText(io, renderReviewText(result, { locale, file: displayPath(file, io.cwd) }));
    return values['fail-on-loss'] && result.comparison.securedLost ? 1 : 0;
  } catch (error) {
    throw cliFailure(error, locale);
  }
}
