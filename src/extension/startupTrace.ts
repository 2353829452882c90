// With REFORM_EVIDENCE_TRACE_STARTUP=1 in the extension host's environment (bench/ui.mjs sets it), the output
// channel gets timed marks of the startup, our Git processes and the longest stalls of the host's event loop (the
// tree can only answer the workbench between our tasks and other extensions'). With 2, also what costs the host
// time: the heap the first models keep (after full collections) and a sampler of /proc in a worker thread; the
// bench runs those in an opening of their own, never in the openings it times. Off: nothing runs.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as vscode from 'vscode';
import { observeGitProcesses } from '../core/git/git';

export const TRACE_PREFIX = '[trace]';
const level = Number(process.env.REFORM_EVIDENCE_TRACE_STARTUP ?? 0);
const enabled = level >= 1;
const deep = level >= 2;

let log: vscode.LogOutputChannel | undefined;
let origin = 0;
let gc: (() => void) | undefined;
const once = new Set<string>();

/** Starts the trace (activation): the event loop's stalls are logged while the host starts. */
export function startTrace(channel: vscode.LogOutputChannel): vscode.Disposable {
  if (!enabled) return { dispose: () => undefined };
  log = channel;
  origin = Date.now();
  // A full collection before reading the heap: the model's share is what stays, not garbage of the load.
  if (deep) {
    try {
      require('node:v8').setFlagsFromString('--expose-gc');
      gc = require('node:vm').runInNewContext('gc') as () => void;
    } catch {
      gc = undefined;
    }
  }
  const { monitorEventLoopDelay } = require('node:perf_hooks') as typeof import('node:perf_hooks');
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const timer = setInterval(() => {
    const max = lag.max / 1e6;
    lag.reset();
    if (max >= 250) log?.info(`${TRACE_PREFIX} ${JSON.stringify({ mark: 'stall', t: Date.now() - origin, ms: Math.round(max) })}`);
  }, 1000);
  mark('activate', { hostUptimeMs: Math.round(process.uptime() * 1000) });
  traceGit();
  const sampler = deep ? startSampler() : undefined;
  return { dispose: () => (clearInterval(timer), lag.disable(), observeGitProcesses(undefined), void sampler?.terminate()) };
}

/**
 * Each Git process of ours (binary-safe calls: the listing, diff-index…): when it started, its first byte, its exit
 * and close as this thread saw them, the bytes read, the chunks and the time our handlers took on them, and the
 * longest wait between two chunks. Set beside the sampler's view of the same process (its real end, its time on
 * a CPU, waiting for one, and blocked writing its output): a busy host thread leaves Git blocked on its stdout.
 */
const processes: { handlerMs: number; maxHandlerMs: number }[] = [];
const summary = <T extends { handlerMs: number; maxHandlerMs: number }>(seen: T): T => ({ ...seen, handlerMs: Math.round(seen.handlerMs), maxHandlerMs: Math.round(seen.maxHandlerMs) });
function traceGit(): void {
  observeGitProcesses((child, args) => {
    const started = Date.now() - origin;
    const seen = { pid: child.pid, args: args.join(' ').slice(0, 120), started, firstByte: undefined as number | undefined, exit: undefined as number | undefined, bytes: 0, chunks: 0, handlerMs: 0, maxHandlerMs: 0, maxGapMs: 0 };
    let last = 0;
    child.on('exit', (code) => ((seen.exit = Date.now() - origin), void code));
    child.on('close', (code) => mark('git: process', { ...summary(seen), code, close: Date.now() - origin }));
    processes.push(seen);
    return (bytes, ms) => {
      const now = Date.now() - origin;
      seen.firstByte ??= now - Math.round(ms);
      if (last > 0) seen.maxGapMs = Math.max(seen.maxGapMs, now - ms - last);
      last = now;
      seen.bytes += bytes;
      seen.chunks++;
      seen.handlerMs += ms;
      seen.maxHandlerMs = Math.max(seen.maxHandlerMs, ms);
    };
  });
}

/**
 * A worker thread (its own event loop: it samples while this thread is busy) that reads /proc every 20 ms (Linux
 * only): each child process of the host (ours and other extensions': VS Code's Git extension's `git status`) with its
 * time on a CPU, waiting for one, and the samples it was blocked writing output nobody read; the host's main
 * thread the same; and, between two of our load's phases, which processes of the machine used the CPU.
 */
let samplerPort: { postMessage(message: unknown): void } | undefined;
function startSampler(): { terminate(): Promise<number> } | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    const worker = new Worker(SAMPLER, { eval: true, workerData: { origin, pid: process.pid } });
    worker.on('message', (m: { mark: string } & Record<string, unknown>) => {
      const { mark: name, ...extra } = m;
      mark(name, extra);
    });
    worker.on('error', (error) => log?.warn(`${TRACE_PREFIX} sampler failed: ${String(error)}`));
    worker.unref();
    samplerPort = worker;
    return worker;
  } catch {
    return undefined;
  }
}

/** Asks the sampler for the machine's CPU use per process since the last window mark (the load's phases). */
function windowMark(name: string): void {
  samplerPort?.postMessage({ window: name });
}

const SAMPLER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { origin, pid } = workerData;
const TICK = 20;
const read = (p) => { try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; } };
const now = () => Date.now() - origin;
const stateOf = (stat) => stat && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
const sched = (text) => { const f = (text || '').split(' '); return { run: Number(f[0]) / 1e6, wait: Number(f[1]) / 1e6 }; };
const children = new Map();
const host = { R: 0, S: 0, other: 0, sched: sched(read('/proc/' + pid + '/task/' + pid + '/schedstat')) };
function finish(c, end) {
  const life = end - c.first;
  parentPort.postMessage({ mark: 'proc: child', pid: c.pid, args: c.args, first: c.first, end, lifeMs: life, cpuMs: Math.round(c.last.run - c.start.run), runqueueMs: Math.round(c.last.wait - c.start.wait), blockedOnOutputMs: c.pipe, diskMs: c.D, sleepMs: c.S, wchans: c.wchans });
}
let lastTick = now();
function tick() {
  const t = now();
  // Each sample stands for the time since the previous one (the timer runs late under load).
  const dt = t - lastTick;
  lastTick = t;
  const list = (read('/proc/' + pid + '/task/' + pid + '/children') || '').trim().split(' ').filter(Boolean);
  for (const p of list) if (!children.has(p)) children.set(p, { pid: Number(p), first: t, args: '', pipe: 0, D: 0, S: 0, wchans: {}, start: undefined, last: undefined, done: false });
  for (const [p, c] of children) {
    if (c.done) continue;
    const stat = read('/proc/' + p + '/stat');
    const state = stateOf(stat);
    if (!stat || state === 'Z' || state === 'X') { c.done = true; if (c.start) finish(c, t); continue; }
    if (!c.args || c.args.startsWith('/') && c.args.includes('node')) c.args = (read('/proc/' + p + '/cmdline') || '').split('\0').filter((a) => a !== '-c' && !a.startsWith('core.') && a !== 'color.ui=false').join(' ').slice(0, 100);
    const s = sched(read('/proc/' + p + '/schedstat'));
    c.start ??= s;
    c.last = s;
    if (state === 'S' || state === 'D') {
      // Node's stdout of a child is a Unix socket: a full one blocks Git in sock_alloc_send_pskb (a pipe: pipe_write).
      const wchan = read('/proc/' + p + '/wchan') || '?';
      if (/sock_alloc_send|pipe_write|unix_stream/.test(wchan)) c.pipe += dt;
      else if (state === 'D') c.D += dt;
      else c.S += dt;
      c.wchans[wchan] = (c.wchans[wchan] || 0) + 1;
    }
  }
  const hs = stateOf(read('/proc/' + pid + '/task/' + pid + '/stat'));
  if (hs === 'R') host.R++; else if (hs === 'S') host.S++; else host.other++;
}
// Per process of the machine: CPU ticks (utime + stime), to tell who used the two cores in a window.
function cpuTable() {
  const table = new Map();
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    const stat = read('/proc/' + p + '/stat');
    if (!stat) continue;
    const close = stat.lastIndexOf(')');
    const f = stat.slice(close + 2).split(' ');
    table.set(p, { comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(f[11]) + Number(f[12]) });
  }
  return table;
}
const hz = 100;
let window = { name: 'activate', t: now(), table: cpuTable(), host: { ...host, sched: host.sched }, total: read('/proc/stat') };
parentPort.on('message', (m) => {
  if (!m.window) return;
  const t = now();
  const table = cpuTable();
  const hostSched = sched(read('/proc/' + pid + '/task/' + pid + '/schedstat'));
  const top = [];
  for (const [p, v] of table) {
    const before = window.table.get(p);
    const ms = ((v.ticks - (before ? before.ticks : 0)) * 1000) / hz;
    if (ms > 0) top.push({ pid: Number(p), comm: v.comm, ms: Math.round(ms), cmd: (read('/proc/' + p + '/cmdline') || '').split('\0').slice(0, 3).join(' ').slice(-60) });
  }
  top.sort((a, b) => b.ms - a.ms);
  const busy = (text) => { const f = text.split('\n')[0].trim().split(/\s+/).slice(1).map(Number); return { all: f.reduce((a, b) => a + b, 0), idle: f[3] + f[4] }; };
  const a = busy(window.total), b = busy(read('/proc/stat'));
  parentPort.postMessage({ mark: 'proc: window', from: window.name, to: m.window, fromT: window.t, toT: t, machineBusy: Math.round((1 - (b.idle - a.idle) / (b.all - a.all)) * 100) / 100, hostThreadCpuMs: Math.round(hostSched.run - window.host.sched.run), hostThreadRunqueueMs: Math.round(hostSched.wait - window.host.sched.wait), hostRunnableSamples: host.R - window.host.R, hostSleepSamples: host.S - window.host.S, loadavg: (read('/proc/loadavg') || '').split(' ').slice(0, 3).join(' '), top: top.slice(0, 12) });
  window = { name: m.window, t, table, host: { ...host, sched: hostSched }, total: read('/proc/stat') };
});
setInterval(tick, TICK);
`;

/** A timed mark (ms since activation); `first` marks are logged once. */
export function mark(name: string, extra: Record<string, unknown> = {}, first = false): void {
  if (!log) return;
  if (first) {
    if (once.has(name)) return;
    once.add(name);
  }
  log.info(`${TRACE_PREFIX} ${JSON.stringify({ mark: name, t: Date.now() - origin, at: new Date().toISOString(), ...extra })}`);
  // The first load's phases: the machine's CPU per process between them (the sampler).
  if (name.startsWith('load: ') && !once.has(name)) {
    once.add(name);
    windowMark(name);
    // What our handlers read from Git by then (a listing read from a file goes on after Git's exit).
    if (name === 'load: listed') mark('git: read by listed', { processes: processes.map(summary) });
  }
}

/** The heap in use after a full collection (when possible), in bytes; undefined when the trace is off. */
export function heapUsed(): number | undefined {
  if (!log || !deep) return undefined;
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** Marks the heap, with the peak resident size of the host so far. */
export function markMemory(name: string, extra: Record<string, unknown> = {}): void {
  if (!log) return;
  mark(name, deep ? { heapUsed: heapUsed(), rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024, gc: gc !== undefined, ...extra } : extra);
}
