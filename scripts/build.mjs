// Bundles the extension and the CLI with esbuild; fails if the core reaches `vscode`.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { validatorUpToDate, writeValidator } from './generate-validator.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** The core and the CLI must run without VS Code: refuse the build if they import it. */
const coreStaysPure = {
  name: 'core-stays-pure',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => {
      const rel = path.relative(root, args.importer).split(path.sep).join('/');
      if (rel.startsWith('src/core/') || rel.startsWith('src/cli/')) {
        return { errors: [{ text: `${rel} imports "vscode": the core and the CLI must run without VS Code.` }] };
      }
      return { path: 'vscode', external: true };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [coreStaysPure],
  absWorkingDir: root,
};

/**
 * Modules the extension requires only inside functions (on first use): each is its own file next to
 * extension.js, so loading the extension neither parses nor runs them (activation time, bench/).
 * request (as written in the require call) → [what the chunk bundles, the chunk's file].
 */
const LAZY = {
  'simple-git': ['simple-git', 'extension-simple-git.js'],
  yaml: ['yaml', 'extension-yaml.js'],
  // The CLI's fast reading (src/core/parse/fastCompose.ts); the extension reads with yaml and never loads it.
  'js-yaml': ['js-yaml', 'extension-js-yaml.js'],
  // The criteria validator ajv generated ahead of time (scripts/generate-validator.mjs), with the ajv runtime helpers it uses.
  './criteriaValidator.generated': ['./src/core/validate/criteriaValidator.generated.ts', 'extension-validator.js'],
  // Measures' data files (src/core/measure/table.ts): read only when a criteria file has a measure.
  'csv-parse/sync': ['csv-parse/sync', 'extension-csv-parse.js'],
  exceljs: ['exceljs', 'extension-exceljs.js'],
};
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^(simple-git|yaml|js-yaml|\.\/criteriaValidator\.generated|csv-parse\/sync|exceljs)$/ }, (args) => ({ path: `./${LAZY[args.path][1]}`, external: true }));
  },
};

/**
 * The CLI too loads exceljs (a megabyte) only for an .xlsx, yaml only when the fast reader gives way to it, csv-parse
 * only for a measure's data file: a status compiles none of them before its first Git call (a quarter of the bundle).
 */
const cliLazyExcel = {
  name: 'cli-lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^(exceljs|yaml|csv-parse\/sync)$/ }, (args) => ({ path: `./${LAZY[args.path][1]}`, external: true }));
  },
};

/** ajv's compiler: the generated validator needs only ajv/dist/runtime/*, so no bundle may contain it (start-up time). */
const noAjvCompiler = /node_modules\/ajv\/dist\/(compile\/|core\.js|ajv\.js|vocabularies\/)/;
const staysCompilerFree = {
  name: 'stays-ajv-compiler-free',
  setup(build) {
    build.onEnd((result) => {
      const offending = Object.keys(result.metafile?.inputs ?? {}).filter((input) => noAjvCompiler.test(input));
      if (offending.length) return { errors: [{ text: `${build.initialOptions.outfile} bundles ajv's compiler (${offending[0]}…): validate with src/core/validate/criteriaValidator.generated.ts instead.` }] };
    });
  },
};

/**
 * exceljs as the measures use it (Workbook#xlsx.load and #writeBuffer, both through JSZip): its streaming reader
 * and writer (unzipper, archiver) and its CSV module (fast-csv) are never reached, so the chunk leaves them out
 * (1.2 MB → about half; the extension-size target counts every chunk).
 */
const EXCELJS_UNUSED = /^(archiver|unzipper|@fast-csv\/format|@fast-csv\/parse)$/;
const slimExcelJs = {
  name: 'slim-exceljs',
  setup(build) {
    build.onResolve({ filter: EXCELJS_UNUSED }, (args) => (/node_modules[\\/]exceljs[\\/]/.test(args.importer) ? { path: args.path, namespace: 'unused' } : undefined));
    // Empty: exceljs destructures some of them when it loads, and calls none on the paths the measures use.
    build.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/**
 * dist/cli.js (src/cli/bin.ts) only picks a bundle: `sync` → dist/cli-sync.js, every other command → dist/cli-main.js.
 * A sync then compiles a quarter of the CLI (bench: `--only sync`). Both load simple-git from the extension's chunk.
 */
const CLI_CHUNKS = { './syncMain': 'cli-sync.js', './main': 'cli-main.js' };
const cliEntry = {
  name: 'cli-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\/(syncMain|main)$/ }, (args) => (path.resolve(args.importer) === path.join(root, 'src/cli/bin.ts') ? { path: `./${CLI_CHUNKS[args.path]}`, external: true } : undefined));
  },
};
const cliLazySimpleGit = {
  name: 'cli-lazy-simple-git',
  setup(build) {
    build.onResolve({ filter: /^simple-git$/ }, () => ({ path: `./${LAZY['simple-git'][1]}`, external: true }));
  },
};

const targets = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', plugins: [coreStaysPure, lazyChunks] },
  ...Object.values(LAZY).map(([module, file]) => ({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(module)});`, resolveDir: root, loader: 'js' }, outfile: `dist/${file}`, plugins: module === 'exceljs' ? [...common.plugins, slimExcelJs] : common.plugins })),
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [coreStaysPure, cliEntry] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', plugins: [coreStaysPure, cliLazyExcel, cliLazySimpleGit] },
  { ...common, entryPoints: ['src/cli/syncMain.ts'], outfile: 'dist/cli-sync.js', plugins: [coreStaysPure, cliLazyExcel, cliLazySimpleGit] },
  // The portfolio's worker threads (src/core/portfolio/pool.ts looks for it next to cli-main.js).
  { ...common, entryPoints: ['src/core/portfolio/worker.ts'], outfile: 'dist/cli-portfolio-worker.js', plugins: [coreStaysPure, cliLazyExcel, cliLazySimpleGit] },
].map((t) => ({ ...t, metafile: true, plugins: [...t.plugins, staysCompilerFree] }));

/** Chunks of earlier builds that no longer exist (extension-ajv.js became extension-validator.js): not to be packaged. */
function removeStaleChunks() {
  const dist = path.join(root, 'dist');
  if (!existsSync(dist)) return;
  const current = new Set(Object.values(LAZY).map(([, file]) => file));
  for (const f of readdirSync(dist)) {
    const chunk = /^(extension-.+\.js)(\.map)?$/.exec(f)?.[1];
    if (chunk && !current.has(chunk)) rmSync(path.join(dist, f), { force: true });
  }
}

/** The generated validator follows the schema: regenerate it when its fingerprint says it is stale (a hash, no ajv load). */
function refreshValidator() {
  if (!validatorUpToDate() && writeValidator()) console.log('regenerated src/core/validate/criteriaValidator.generated.ts from schemas/criteria.schema.json: commit it');
}

function copyCodicons() {
  const from = path.join(root, 'node_modules/@vscode/codicons/dist');
  const to = path.join(root, 'media/codicons');
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) cpSync(path.join(from, f), path.join(to, f));
}

/** The dashboard's charts: uPlot's browser build and its style, served from media/ like the codicons. */
function copyUplot() {
  const from = path.join(root, 'node_modules/uplot/dist');
  const to = path.join(root, 'media/uplot');
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const f of ['uPlot.iife.min.js', 'uPlot.min.css']) cpSync(path.join(from, f), path.join(to, f));
  cpSync(path.join(root, 'node_modules/uplot/LICENSE'), path.join(to, 'LICENSE.md'));
}

copyCodicons();
copyUplot();
refreshValidator();
removeStaleChunks();
if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
