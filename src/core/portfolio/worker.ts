// A portfolio worker thread (dist/cli-portfolio-worker.js): loads the wards the main thread sends, one summary back
// per ward. The JavaScript of a ward (parse, match, model) then runs on every core, not on the main thread's alone.
import { parentPort } from 'node:worker_threads';
import { createParseCache } from '../workspace/parseCache';
import { loadWard } from './portfolio';
import type { WardRequest, WardReply } from './pool';

// The worker lives for one portfolio run: its wards share their parses, as the main thread's do.
const parseCache = createParseCache();

parentPort?.on('message', (request: WardRequest) => {
  const { cacheParses, ...options } = request.options;
  void loadWard(request.root, request.found, { ...options, parseCache: cacheParses === false ? false : parseCache }).then((ward) => parentPort?.postMessage({ id: request.id, ward } satisfies WardReply));
});
