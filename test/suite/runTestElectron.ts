// `npm run test:desktop`: the same extension-host suite (test/suite/index.ts) in a desktop
// VS Code through @vscode/test-electron, the ecosystem's standard runner.
//
// NOTE: runTests() downloads VS Code from update.code.visualstudio.com (cached in
// .vscode-test/). Machines that cannot reach it (like this project's CI, which only reaches
// the npm registry and Debian) use `npm run test:integration` instead: the same suite in
// code-server. Set VSCODE_EXECUTABLE_PATH to use an installed VS Code and skip the download.
//
// Usage: npm run test:desktop [-- --restricted]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTests } from '@vscode/test-electron';

// scripts/code-server.mjs is an ES module: load it with a real dynamic import (tsc would turn
// `import()` into `require()` under "module": "commonjs").
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

interface Harness {
  createWorkspaceRepo(dest: string, options: { history: string }): { dir: string; commits: number; untracked: string[] };
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '../../..'); // out/test/suite -> repo root
  const restricted = process.argv.includes('--restricted');
  const mode = restricted ? 'restricted' : 'desktop';
  const harness = (await importEsm(pathToFileURL(path.join(root, 'scripts', 'code-server.mjs')).href)) as Harness;

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'reform-evidence-desktop-'));
  const ws = harness.createWorkspaceRepo(path.join(tmp, 'ward-2025'), { history: 'basic' });
  const outDir = path.join(root, 'test-results', restricted ? 'desktop-restricted' : 'desktop');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const resultsFile = path.join(outDir, 'results.txt');

  const launchArgs = [ws.dir, '--disable-extensions', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${path.join(tmp, 'user-data')}`];
  if (!restricted) launchArgs.push('--disable-workspace-trust');
  try {
    await runTests({
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      version: process.env.VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'index.js'),
      launchArgs,
      extensionTestsEnv: {
        REFORM_EVIDENCE_TEST_RESULTS: resultsFile,
        REFORM_EVIDENCE_TEST_MODE: restricted ? 'restricted' : mode,
        REFORM_EVIDENCE_TEST_WORKSPACE: ws.dir,
        REFORM_EVIDENCE_TEST_HISTORY: 'basic',
        ...(process.env.REFORM_EVIDENCE_TEST_GLOB ? { REFORM_EVIDENCE_TEST_GLOB: process.env.REFORM_EVIDENCE_TEST_GLOB } : {}),
        ...(process.env.REFORM_EVIDENCE_TEST_GREP ? { REFORM_EVIDENCE_TEST_GREP: process.env.REFORM_EVIDENCE_TEST_GREP } : {}),
      },
    });
    return 0;
  } catch (err) {
    console.error(`test:desktop failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    if (fs.existsSync(resultsFile)) console.log(`results: ${resultsFile}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
