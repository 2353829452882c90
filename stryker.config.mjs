// StrykerJS over the core (issue 16). Not part of `npm test`: a full run takes far longer than CI's budget.
// Run one folder at a time, with the unit test files that exercise it:
//   MUTATE_SPEC='out/test/unit/core/measure/measures.test.js' npm run mutate -- --mutate 'src/core/measure/compute.ts'
// MUTATE_SPEC is a comma-separated list of compiled test files (default: the whole unit tier, several minutes).
// Property tests replay one fixed seed: a mutant must be killed (or survive) the same way on every run,
// and perTest coverage must not change between the dry run and the mutant runs.
process.env.FC_SEED ??= '20251120';

const spec = process.env.MUTATE_SPEC
  ? process.env.MUTATE_SPEC.split(',').map((s) => s.trim()).filter(Boolean)
  : ['out/test/unit/**/*.test.js'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'mocha',
  // MUTATE_TYPECHECK=0 skips the type check of each mutant (a mutant that would not compile then runs as
  // JavaScript): about half the time on a loaded machine, at the cost of a few such mutants counted as killed.
  checkers: process.env.MUTATE_TYPECHECK === '0' ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  // Stryker mutates the TS sources in a sandbox, then this compiles them (instrumented) into out/ for mocha.
  buildCommand: 'npx tsc -p tsconfig.test.json',
  mochaOptions: {
    config: '.mocharc.json',
    spec,
  },
  mutate: [
    'src/core/status/**/*.ts',
    'src/core/evidence/**/*.ts',
    'src/core/audit/**/*.ts',
    'src/core/git/trailers.ts',
    'src/core/report/**/*.ts',
    'src/core/validate/**/*.ts',
    'src/core/measure/**/*.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machine has two shared cores.
  concurrency: 1,
  timeoutMS: 20000,
  // Kept in reports/ (committed) so a rerun only tests mutants in changed code or with changed tests.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Nothing the sandbox's build or unit tests need lives here; copying it costs time.
  ignorePatterns: ['out', 'dist', '.vscode-test', 'test/server', 'bench/work', '.tmp', 'test-results', 'reports', '*.vsix'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
