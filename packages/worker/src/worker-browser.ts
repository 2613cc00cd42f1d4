// The Web Worker entry: exposes the WorkerApi on the worker's global scope.

import { expose } from 'comlink';
import { createWorkerApi } from './worker-api.js';

expose(createWorkerApi());
