// Mocha runner loaded by VS Code's extension host (`extensionTestsPath`), both under
// code-server (scripts/run-integration.mjs) and under @vscode/test-electron
// (test/suite/runTestElectron.ts).
//
// Environment (set on the code-server process, which the extension host inherits):
//   REFORM_EVIDENCE_TEST_RESULTS  file to append one line per test and, last, a JSON line
//                                 {"passed":N,"failed":N,"pending":N}; the runner prints it.
//   REFORM_EVIDENCE_TEST_MODE     "normal" (trusted workspace) | "restricted" (untrusted
//                                 workspace, Restricted Mode) | "multiroot" (two folders from a
//                                 .code-workspace file) | "desktop" (test-electron).
//   REFORM_EVIDENCE_TEST_GLOB     which compiled files under out/test/suite to run.
//                                 Default: "**/*.restricted.test.js" in restricted mode,
//                                 "**/*.multiroot.test.js" in multiroot mode, otherwise
//                                 "**/*.test.js" minus the files of those two modes.
//   REFORM_EVIDENCE_TEST_GREP     optional mocha --grep.
//   REFORM_EVIDENCE_TEST_WORKSPACE absolute path of the opened workspace folder (a fresh Git
//                                 repository copied from examples/ward-2025).
//   REFORM_EVIDENCE_TEST_WORKSPACES multiroot mode: JSON array of the folders' absolute paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import picomatch from 'picomatch';
import * as vscode from 'vscode';

const RESTRICTED_GLOB = '**/*.restricted.test.js';
const MULTIROOT_GLOB = '**/*.multiroot.test.js';
/** Files that only run in their own mode, never in the normal run. */
const MODE_GLOBS: Record<string, string> = { restricted: RESTRICTED_GLOB, multiroot: MULTIROOT_GLOB };

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

/** Test files (relative to this folder) selected by mode and glob. */
export function selectTestFiles(dir: string, mode: string, glob?: string): string[] {
  const own = MODE_GLOBS[mode];
  const include = picomatch(glob || own || '**/*.test.js');
  const isModeOnly = picomatch(Object.values(MODE_GLOBS));
  return listFiles(dir).filter((f) => include(f) && (glob || own || !isModeOnly(f)));
}

/** Checks of the harness itself, so that every mode runs at least one meaningful test. */
function addHarnessSuite(mocha: Mocha, mode: string): void {
  const suite = Mocha.Suite.create(mocha.suite, 'harness');
  const expected = process.env.REFORM_EVIDENCE_TEST_WORKSPACE;
  if (mode === 'multiroot') {
    const all = JSON.parse(process.env.REFORM_EVIDENCE_TEST_WORKSPACES || '[]') as string[];
    suite.addTest(
      new Mocha.Test('opens the .code-workspace file with its folders in order', () => {
        const folders = vscode.workspace.workspaceFolders ?? [];
        assert.ok(vscode.workspace.workspaceFile, 'a workspace file is open');
        assert.ok(all.length >= 2, 'the runner names at least two folders');
        assert.deepEqual(folders.map((f) => f.uri.fsPath), all);
      }),
    );
  } else {
    suite.addTest(
      new Mocha.Test('opens the workspace copy as the only folder', () => {
        const folders = vscode.workspace.workspaceFolders ?? [];
        assert.equal(folders.length, 1, 'exactly one workspace folder is open');
        if (expected) assert.equal(folders[0].uri.fsPath, expected);
      }),
    );
  }
  if (mode === 'restricted') {
    suite.addTest(
      new Mocha.Test('runs in Restricted Mode (workspace not trusted)', () => {
        assert.equal(vscode.workspace.isTrusted, false);
      }),
    );
  } else {
    suite.addTest(
      new Mocha.Test('runs in a trusted workspace', () => {
        assert.equal(vscode.workspace.isTrusted, true);
      }),
    );
  }
}

export function run(): Promise<void> {
  const mode = process.env.REFORM_EVIDENCE_TEST_MODE || 'normal';
  const resultsFile = process.env.REFORM_EVIDENCE_TEST_RESULTS;
  const write = (line: string): void => {
    console.log(line);
    if (resultsFile) fs.appendFileSync(resultsFile, line + '\n');
  };
  const counts = { passed: 0, failed: 0, pending: 0 };
  const finish = (): void => write(JSON.stringify(counts));

  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000, // generous: CI machines have 2 cores
    slow: 5_000,
    reporter: 'spec',
    grep: process.env.REFORM_EVIDENCE_TEST_GREP || undefined,
    forbidOnly: true, // a `.only` left in a test fails the run instead of running a subset
  });
  const dir = __dirname;
  let files: string[];
  try {
    files = selectTestFiles(dir, mode, process.env.REFORM_EVIDENCE_TEST_GLOB);
    // Only the harness checks would run: a glob that selects no file is a mistake, not a pass.
    if (files.length === 0) throw new Error(`no test file under ${dir} matches ${process.env.REFORM_EVIDENCE_TEST_GLOB || `the files of mode ${mode}`}`);
    addHarnessSuite(mocha, mode);
    for (const f of files) mocha.addFile(path.join(dir, f));
  } catch (err) {
    counts.failed++;
    write(`✗ loading the suite: ${String((err as Error)?.stack ?? err)}`);
    finish();
    return Promise.reject(err);
  }
  write(`# mode ${mode}; files: ${files.length ? files.join(', ') : '(none)'}`);

  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        finish();
        if (failures > 0 || counts.failed > 0) reject(new Error(`${Math.max(failures, counts.failed)} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      // e.g. a test file that throws while being required
      counts.failed++;
      write(`✗ loading the suite: ${String((err as Error)?.stack ?? err)}`);
      finish();
      reject(err);
      return;
    }
    runner.on('pass', (test) => {
      counts.passed++;
      write(`✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test, err) => {
      counts.failed++;
      const e = err as Error;
      const detail = (e?.stack || String(e)).split('\n').slice(0, 12).join('\n    ');
      write(`✗ ${test.fullTitle()}\n    ${detail}`);
    });
    runner.on('pending', (test) => {
      counts.pending++;
      write(`- ${test.fullTitle()} (pending)`);
    });
  });
}
