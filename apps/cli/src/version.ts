// The version outputs record: @losslab/cli's package.json version.

import { readFileSync } from 'node:fs';

/** The version in apps/cli/package.json (read next to dist/). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
