// With REFORM_EVIDENCE_TRACE_STARTUP=1 in the extension host's environment (bench/ui.mjs sets it), the output
// channel gets timed marks of the startup, the longest stalls of the host's event loop (the tree can only answer
// the workbench between our tasks and other extensions'), and the heap the first models keep. Off: nothing runs.
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as vscode from 'vscode';

export const TRACE_PREFIX = '[trace]';
const enabled = process.env.REFORM_EVIDENCE_TRACE_STARTUP === '1';

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
  try {
    require('node:v8').setFlagsFromString('--expose-gc');
    gc = require('node:vm').runInNewContext('gc') as () => void;
  } catch {
    gc = undefined;
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
  return { dispose: () => (clearInterval(timer), lag.disable()) };
}

/** A timed mark (ms since activation); `first` marks are logged once. */
export function mark(name: string, extra: Record<string, unknown> = {}, first = false): void {
  if (!log) return;
  if (first) {
    if (once.has(name)) return;
    once.add(name);
  }
  log.info(`${TRACE_PREFIX} ${JSON.stringify({ mark: name, t: Date.now() - origin, at: new Date().toISOString(), ...extra })}`);
}

/** The heap in use after a full collection (when possible), in bytes; undefined when the trace is off. */
export function heapUsed(): number | undefined {
  if (!log) return undefined;
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** Marks the heap, with the peak resident size of the host so far. */
export function markMemory(name: string, extra: Record<string, unknown> = {}): void {
  if (!log) return;
  const heap = heapUsed();
  mark(name, { heapUsed: heap, rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024, gc: gc !== undefined, ...extra });
}
