// Where Chromium is and how to start it on this kind of machine (root, no GPU, no network but the
// registry). Shared by vitest's browser mode, the end-to-end tests and `pnpm bench:web`.

import { existsSync } from 'node:fs';

/** Usual install paths, after $CHROMIUM_PATH. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/**
 * The Chromium executable: $CHROMIUM_PATH if set, else the first usual install path that exists.
 * Throws an Error naming the paths it tried.
 * @returns {string}
 */
export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is ${JSON.stringify(fromEnv)}, which does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new Error(`no Chromium found: set CHROMIUM_PATH, or install one at ${CANDIDATES.join(', ')}`);
  return found;
}

/**
 * Flags for headless Chromium as root: no sandbox, no GPU, and no background networking (without
 * those flags Chromium keeps trying closed network addresses).
 * @type {readonly string[]}
 */
export const chromiumArgs = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]);
