// dist/cli.js: starts the bundle the command needs. `sync` has its own (dist/cli-sync.js), every other command
// the whole CLI (dist/cli-main.js), each compiled with its code cache (codeCache.ts). Outside dist/ (the tests'
// out/ folder) there is no such file and the plain requires below load the modules; scripts/build.mjs maps those
// two requires to the bundles' files.
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { requireWithCodeCache } from './codeCache';

// A command is over in a second or a few: TurboFan's inlining costs more compile time, on the core Git needs,
// than the faster code gives back (docs/benchmark.md, "JIT"). `node --turbo-inlining cli.js` keeps V8's default.
const inlining = process.execArgv.some((flag) => flag.endsWith('turbo-inlining'));
if (!inlining) setFlagsFromString('--no-turbo-inlining');

type Entry = { main(): void };
const load = (bundle: string, plain: () => Entry): Entry => {
  const loaded = requireWithCodeCache<Entry>(path.join(__dirname, bundle), inlining ? '' : '--no-turbo-inlining');
  if (loaded?.saveCache) process.once('exit', loaded.saveCache);
  return loaded?.exports ?? plain();
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
if (process.argv[2] === 'sync') load('cli-sync.js', () => require('./syncMain') as Entry).main();
// eslint-disable-next-line @typescript-eslint/no-require-imports
else load('cli-main.js', () => require('./main') as Entry).main();
