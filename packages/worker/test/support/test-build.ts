// Where the Node tests' compiled copy of src/ lives (written by build-for-tests.ts, vitest's
// globalSetup, before the tests run).

import { fileURLToPath } from 'node:url';

/** The directory, as a URL ending in '/'. */
export const TEST_BUILD_URL = new URL('../../.test-build/', import.meta.url);

/** The directory, as a path. */
export const TEST_BUILD_DIR = fileURLToPath(TEST_BUILD_URL);

/** The pool's worker_threads entry compiled from the current src/worker-node.ts. */
export const testWorkerUrl = new URL('worker-node.js', TEST_BUILD_URL);
