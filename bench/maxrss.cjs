// `node --require bench/maxrss.cjs …`: prints the process's peak resident memory (KB) on stderr at exit.
'use strict';
process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));
