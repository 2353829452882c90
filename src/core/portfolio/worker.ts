// A portfolio worker thread (dist/cli-portfolio-worker.js): loads the wards the main thread sends, one summary back
// per ward. The JavaScript of a ward (parse, match, model) then runs on every core, not on the main thread's alone.
import { parentPort } from 'node:worker_threads';
import { loadWard } from './portfolio';
import type { WardRequest, WardReply } from './pool';

parentPort?.on('message', (request: WardRequest) => {
  void loadWard(request.root, request.found, request.options).then((ward) => parentPort?.postMessage({ id: request.id, ward } satisfies WardReply));
});
