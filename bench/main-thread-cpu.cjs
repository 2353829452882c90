// Preloaded by bench/run.mjs (`node -r bench/main-thread-cpu.cjs …`): at exit, writes this process's main-thread CPU
// time (user + system, ms) to stderr as `bench: main-thread-cpu-ms N`, and its other threads' as
// `bench: other-threads-cpu-ms N` (V8's compile jobs and collector helpers, libuv's pool; a worker thread that ended
// before is not among them). JavaScript runs on the main thread, so its time is serial: no overlap with Git or the
// other threads can take a run's wall time below it. Linux only (/proc/self/task/<tid>/stat, clock ticks of 10 ms);
// elsewhere it writes nothing.
const { readdirSync, readFileSync, writeSync } = require('node:fs');

/** A thread's user + system CPU time in ms. */
function threadCpuMs(tid) {
  const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": state is field 3, utime field 14, stime field 15 (proc(5)).
  return (Number(fields[14 - 3]) + Number(fields[15 - 3])) * 10;
}

process.on('exit', () => {
  try {
    writeSync(2, `bench: main-thread-cpu-ms ${threadCpuMs(process.pid)}\n`);
    let others = 0;
    for (const tid of readdirSync('/proc/self/task')) if (Number(tid) !== process.pid) others += threadCpuMs(tid);
    writeSync(2, `bench: other-threads-cpu-ms ${others}\n`);
  } catch {
    // Not Linux: no figure.
  }
});
