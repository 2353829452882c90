// The pure part of scripts/mutate-changed.mjs (checked by test/unit/scripts/mutationPlan.test.ts): which lines of
// the mutated core changed since a revision, which unit tests exercise them, and the verdict of Stryker's report.

/**
 * Line ranges added or changed on the new side of `git diff --unified=0 --no-color --no-renames` output, per file
 * (paths relative to the repository, as Git prints them after `+++ b/`). A hunk that only deletes lines has
 * nothing to mutate on the new side and gives no range. Returns Map<file, Array<{ start, end }>> (1-based, inclusive).
 */
export function changedRanges(diffText) {
  const ranges = new Map();
  let file = null;
  for (const line of diffText.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = line.slice(4);
      file = name === '/dev/null' ? null : unquote(name).replace(/^b\//, '');
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || file === null) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count === 0) continue;
    if (!ranges.has(file)) ranges.set(file, []);
    ranges.get(file).push({ start, end: start + count - 1 });
  }
  return ranges;
}

/** Git quotes a path with unusual bytes in double quotes with C escapes; core paths are plain, keep it simple. */
function unquote(name) {
  if (!name.startsWith('"')) return name;
  return name.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

/**
 * The files among `files` that Stryker's `mutate` patterns select (a leading `!` excludes), in `files`' order.
 * `match(pattern)` returns a predicate over a relative path (picomatch in the script).
 */
export function selectMutated(files, patterns, match) {
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => match(p));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => match(p.slice(1)));
  return files.filter((f) => include.some((m) => m(f)) && !exclude.some((m) => m(f)));
}

/**
 * Compiled unit test files that exercise a source file of the core: those of its folder's test folder
 * (`src/core/<folder>/x.ts` → `out/test/unit/core/<folder>/**\/*.test.js`), and for the folders whose rules
 * other folders' tests state, those too (see docs/mutation.md for the specs the scores were measured with).
 */
export function specFor(file) {
  const folder = /^src\/core\/([^/]+)\//.exec(file)?.[1];
  if (!folder) return [];
  const own = [`out/test/unit/core/${folder}/**/*.test.js`];
  const extra = {
    validate: ['out/test/unit/core/measure/rules.test.js', 'out/test/unit/core/parse/parse.test.js', 'out/test/unit/core/language/quickFixes.test.js'],
    git: [],
  };
  return [...own, ...(extra[folder] ?? [])];
}

/** Stryker's `--mutate` arguments: one `file:start-end` per range. */
export function mutateArguments(ranges) {
  const out = [];
  for (const [file, list] of ranges) for (const r of list) out.push(`${file}:${r.start}-${r.end}`);
  return out;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/**
 * The verdict of a Stryker JSON report (mutation-testing-report-schema): detected / (detected + undetected);
 * compile errors, runtime errors and ignored mutants (`// Stryker disable …: reason`) are not counted, as
 * Stryker's own score does. Returns { detected, undetected, score (0–100, or null with no mutant), survivors:
 * ['file:line mutator (replacement)'], passed }.
 */
export function verdict(report, threshold) {
  let detected = 0;
  let undetected = 0;
  const survivors = [];
  for (const [file, entry] of Object.entries(report.files ?? {})) {
    for (const m of entry.mutants ?? []) {
      if (DETECTED.has(m.status)) detected++;
      else if (UNDETECTED.has(m.status)) {
        undetected++;
        const replacement = m.replacement === undefined ? '' : ` → ${JSON.stringify(m.replacement).slice(0, 60)}`;
        survivors.push(`${file}:${m.location.start.line} ${m.mutatorName}${replacement} (${m.status})`);
      }
    }
  }
  const total = detected + undetected;
  const score = total === 0 ? null : (100 * detected) / total;
  return { detected, undetected, score, survivors, passed: score === null || score >= threshold };
}
