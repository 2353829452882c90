// One activation timing in a fresh process: `node bench/activate.cjs <module.js>` prints
// {"ms": load + activate}. `vscode` resolves to bench/fake-vscode.cjs.
'use strict';
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { vscode, fakeContext } = require('./fake-vscode.cjs');

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

async function main() {
  const target = path.resolve(process.argv[2]);
  const context = fakeContext(path.resolve(__dirname, '..'));
  const started = performance.now();
  const mod = require(target);
  let api;
  if (typeof mod.activate === 'function') api = await mod.activate(context);
  const ms = performance.now() - started;
  // Whether activate returned the test API: proves the real activate ran, not a stub.
  // Which lazy chunks (extension-<library>.js) activation loaded: none is the point of them.
  const chunksLoaded = Object.keys(require.cache).filter((f) => /[\\/]extension-[^\\/]+\.js$/.test(f)).map((f) => path.basename(f));
  process.stdout.write(JSON.stringify({ ms, activated: typeof mod.activate === 'function', api: api !== undefined && api !== null, chunksLoaded }) + '\n');
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
  process.exit(1);
});
