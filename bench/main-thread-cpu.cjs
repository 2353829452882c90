// Preloaded by bench/run.mjs (`node -r bench/main-thread-cpu.cjs …`): at exit, writes this process's main-thread CPU
// time (user + system, ms) to stderr as `bench: main-thread-cpu-ms N`. JavaScript runs on that one thread, so its
// time is serial: no overlap with Git or V8's helper threads can take a run's wall time below it. Linux only
// (/proc/self/task/<pid>/stat, clock ticks of 10 ms); elsewhere it writes nothing.
const { readFileSync, writeSync } = require('node:fs');

process.on('exit', () => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ": state is field 3, utime field 14, stime field 15 (proc(5)).
    writeSync(2, `bench: main-thread-cpu-ms ${(Number(fields[14 - 3]) + Number(fields[15 - 3])) * 10}\n`);
  } catch {
    // Not Linux: no figure.
  }
});
