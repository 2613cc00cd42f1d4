// The worker_threads entry: exposes the WorkerApi on the parent port. Runs from dist/ (built JS).

import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { createWorkerApi } from './worker-api.js';

if (!parentPort) throw new Error('@losslab/worker: worker-node.js must run in a worker_thread (new Worker(url)), not as a main script');
expose(createWorkerApi(), nodeEndpoint(parentPort));
