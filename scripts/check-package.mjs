#!/usr/bin/env node
// The packaging tier of `npm test`: `npm run package` builds a .vsix, the .vsix holds the bundles the
// extension loads lazily, the licence, changelog, icon and linked docs, and code-server installs it. Prints {"passed":N,"failed":M} as its last line.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entryJs, extensionId, root } from './code-server.mjs';

const counts = { passed: 0, failed: 0 };
function check(name, run) {
  try {
    run();
    counts.passed++;
    console.log(`  ✓ ${name}`);
  } catch (error) {
    counts.failed++;
    console.log(`  ✗ ${name}\n      ${String(error?.message ?? error).split('\n').join('\n      ')}`);
  }
}

const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `reform-evidence-${version}.vsix`);
rmSync(vsix, { force: true });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'reform-evidence-package-'));

check('npm run package builds the .vsix', () => {
  const built = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (built.status !== 0 || !existsSync(vsix)) throw new Error(`exit ${built.status}\n${(built.stdout + built.stderr).trim().split('\n').slice(-15).join('\n')}`);
});

let listing = '';
check('the .vsix holds the bundles, the lazily loaded chunks, schema, media and translations', () => {
  listing = execFileSync('unzip', ['-l', vsix], { encoding: 'utf8' });
  const must = ['extension/dist/extension.js', 'extension/dist/cli.js', 'extension/schemas/criteria.schema.json', 'extension/l10n/bundle.l10n.vi.json', 'extension/package.nls.vi.json', 'extension/media/dashboard/', 'extension/media/codicons/codicon.css', 'extension/media/uplot/uPlot.iife.min.js', 'extension/media/uplot/uPlot.min.css'];
  const chunks = readdirSync(path.join(root, 'dist')).filter((f) => /^(extension|cli)-.*\.js$/.test(f));
  if (chunks.length === 0) throw new Error('no lazily loaded chunk dist/extension-*.js was built');
  const missing = [...must, ...chunks.map((c) => `extension/dist/${c}`)].filter((entry) => !listing.includes(entry));
  if (missing.length) throw new Error(`missing from the .vsix: ${missing.join(', ')}`);
  for (const banned of ['extension/src/', 'extension/test/', 'extension/node_modules/', 'extension/examples/', 'extension/bench/']) {
    if (listing.includes(banned)) throw new Error(`the .vsix should not contain ${banned}`);
  }
});

check('the .vsix holds what the Marketplace and Open VSX show: licence, changelog, a 128×128 icon, the linked docs', () => {
  // vsce stores the readme and changelog as readme.md and changelog.md.
  const must = ['extension/LICENSE.txt', 'extension/changelog.md', 'extension/readme.md', 'extension/media/icon.png', 'extension/docs/problem-codes.md', 'extension/docs/vi/problem-codes.md', 'extension/docs/vi/huong-dan.md'];
  const missing = must.filter((entry) => !listing.includes(entry));
  if (missing.length) throw new Error(`missing from the .vsix: ${missing.join(', ')}`);
  const manifest = execFileSync('unzip', ['-p', vsix, 'extension.vsixmanifest'], { encoding: 'utf8' });
  for (const asset of ['Icons.Default" Path="extension/media/icon.png', 'Content.License" Path="extension/LICENSE.txt', 'Content.Changelog" Path="extension/changelog.md']) {
    if (!manifest.includes(asset)) throw new Error(`extension.vsixmanifest does not declare ${asset.split('"')[0]} at ${asset.split('"').at(-1)}`);
  }
  // A PNG's IHDR: width and height as big-endian 32-bit numbers at bytes 16 and 20.
  const icon = execFileSync('unzip', ['-p', vsix, 'extension/media/icon.png']);
  const size = `${icon.readUInt32BE(16)}×${icon.readUInt32BE(20)}`;
  if (icon.subarray(1, 4).toString() !== 'PNG' || size !== '128×128') throw new Error(`media/icon.png is not a 128×128 PNG (${size})`);
});

check('code-server installs the .vsix', () => {
  if (!existsSync(entryJs)) throw new Error(`code-server is not installed (${entryJs}); run npm run setup:vscode`);
  const extensionsDir = path.join(tmp, 'extensions');
  const env = { ...process.env, HOME: tmp, XDG_DATA_HOME: path.join(tmp, 'data'), XDG_CONFIG_HOME: path.join(tmp, 'config'), EXTENSIONS_GALLERY: '{}' };
  const args = [entryJs, '--user-data-dir', path.join(tmp, 'user'), '--extensions-dir', extensionsDir];
  const installed = spawnSync(process.execPath, [...args, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 180_000 });
  if (installed.status !== 0) throw new Error(`install failed (exit ${installed.status}): ${(installed.stdout + installed.stderr).trim().slice(-600)}`);
  const listed = spawnSync(process.execPath, [...args, '--list-extensions', '--show-versions'], { env, encoding: 'utf8', timeout: 120_000 });
  if (!listed.stdout.includes(`${extensionId}@${version}`)) throw new Error(`--list-extensions does not show ${extensionId}@${version}: ${listed.stdout.trim()}`);
  const folder = readdirSync(extensionsDir).find((d) => d.startsWith(extensionId));
  if (!folder || !existsSync(path.join(extensionsDir, folder, 'dist', 'extension.js'))) throw new Error('the installed extension has no dist/extension.js');
});

rmSync(tmp, { recursive: true, force: true });
// Packaging minifies dist/: put the development build back for whatever runs next.
spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
console.log(`[package] ${counts.passed} passed, ${counts.failed} failed`);
console.log(JSON.stringify(counts));
process.exit(counts.failed ? 1 : 0);
