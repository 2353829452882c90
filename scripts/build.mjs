// Bundles the extension and the CLI with esbuild; fails if the core reaches `vscode`.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';

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
 * Libraries the extension requires only inside functions (on first use): each is its own file next to
 * extension.js, so loading the extension neither parses nor runs them (activation time, bench/).
 */
const LAZY = { ajv: 'extension-ajv.js', 'simple-git': 'extension-simple-git.js', yaml: 'extension-yaml.js' };
const lazyChunks = {
  name: 'lazy-chunks',
  setup(build) {
    build.onResolve({ filter: /^(ajv|simple-git|yaml)$/ }, (args) => ({ path: `./${LAZY[args.path]}`, external: true }));
  },
};

const targets = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', plugins: [coreStaysPure, lazyChunks] },
  ...Object.entries(LAZY).map(([pkg, file]) => ({ ...common, stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: root, loader: 'js' }, outfile: `dist/${file}` })),
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

function copyCodicons() {
  const from = path.join(root, 'node_modules/@vscode/codicons/dist');
  const to = path.join(root, 'media/codicons');
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) cpSync(path.join(from, f), path.join(to, f));
}

copyCodicons();
if (watch) {
  for (const t of targets) await (await esbuild.context(t)).watch();
} else {
  await Promise.all(targets.map((t) => esbuild.build(t)));
}
