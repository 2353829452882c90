// Worker threads that load wards for the portfolio (src/core/portfolio/worker.ts), a few per thread at once.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { FoundWard } from './findWards';
import type { PortfolioOptions, PortfolioWard } from './portfolio';

/** What a worker is asked: one ward (the options a ward's load reads, plain data). */
export interface WardRequest {
  id: number;
  root: string;
  found: FoundWard;
  /** cacheParses: the worker parses each distinct criteria text once (PortfolioOptions.parseCache). */
  options: Pick<PortfolioOptions, 'locale' | 'asOf' | 'verify'> & { cacheParses?: boolean };
}

export interface WardReply {
  id: number;
  ward: PortfolioWard;
}

export interface WardPool {
  /** The ward's summary as `loadWard` makes it; rejects only when the worker itself died (the caller loads it here). */
  load(request: Omit<WardRequest, 'id'>): Promise<PortfolioWard>;
  /** Wards sent and not yet back. */
  inFlight(): number;
  close(): Promise<void>;
}

/**
 * The worker's script: next to the CLI's bundle (dist/cli-portfolio-worker.js), or the compiled worker.js next to this
 * file (the tests); undefined when neither is there (the wards then load on the main thread).
 */
export function portfolioWorkerScript(dir = __dirname): string | undefined {
  return [path.join(dir, 'cli-portfolio-worker.js'), path.join(dir, 'worker.js')].find((f) => existsSync(f));
}

/** `threads` workers running `script`; each request goes to the thread with the fewest in flight. */
export function createWardPool(script: string, threads: number): WardPool {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  let nextId = 0;
  const slots = Array.from({ length: threads }, () => {
    const pending = new Map<number, { resolve: (w: PortfolioWard) => void; reject: (e: unknown) => void }>();
    const worker: WorkerThread = new Worker(script);
    const slot = { worker, pending, dead: undefined as unknown };
    const fail = (error: unknown) => {
      slot.dead ??= error ?? new Error('portfolio worker exited');
      for (const p of pending.values()) p.reject(slot.dead);
      pending.clear();
    };
    worker.on('message', (reply: WardReply) => {
      pending.get(reply.id)?.resolve(reply.ward);
      pending.delete(reply.id);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`portfolio worker exited with code ${code}`)));
    return slot;
  });
  return {
    load(request) {
      const alive = slots.filter((s) => s.dead === undefined);
      if (alive.length === 0) return Promise.reject(slots[0].dead);
      const slot = alive.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<PortfolioWard>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        slot.worker.postMessage({ ...request, id } satisfies WardRequest);
      });
    },
    inFlight: () => slots.reduce((n, s) => n + s.pending.size, 0),
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
