// dist/cli.js: starts the bundle the command needs. `sync` has its own (dist/cli-sync.js), every other command
// the whole CLI (dist/cli-main.js); scripts/build.mjs maps the two requires to those files.
import { setFlagsFromString } from 'node:v8';

// A command is over in a second or a few: TurboFan's inlining costs more compile time, on the core Git needs,
// than the faster code gives back (docs/benchmark.md, "JIT"). `node --turbo-inlining cli.js` keeps V8's default.
if (!process.execArgv.some((flag) => flag.endsWith('turbo-inlining'))) setFlagsFromString('--no-turbo-inlining');

// eslint-disable-next-line @typescript-eslint/no-require-imports
if (process.argv[2] === 'sync') (require('./syncMain') as typeof import('./syncMain')).main();
// eslint-disable-next-line @typescript-eslint/no-require-imports
else (require('./main') as typeof import('./main')).main();
