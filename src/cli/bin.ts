// dist/cli.js: starts the bundle the command needs. `sync` has its own (dist/cli-sync.js), every other command
// the whole CLI (dist/cli-main.js); scripts/build.mjs maps the two requires to those files.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (process.argv[2] === 'sync') (require('./syncMain') as typeof import('./syncMain')).main();
// eslint-disable-next-line @typescript-eslint/no-require-imports
else (require('./main') as typeof import('./main')).main();
