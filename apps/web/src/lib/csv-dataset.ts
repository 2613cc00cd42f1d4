// The form's CSV dataset, read at every keystroke: validation runs whenever any field changes, so
// both steps from the pasted text to the spec's points are remembered for their last input. Apart
// from lib/draft.ts (which validates the form) so that the form's translation stays one concept:
// this file is only about not re-reading a large CSV.

import { parseCsv, type Dataset } from '@losslab/core';
import type { InlineDatasetSpec } from '@losslab/worker';

let csvCache: { text: string; result: Dataset | Error } | null = null;

/** parseCsv, remembered for the last text (validation runs at every keystroke in any field). */
export function parseCsvCached(text: string): Dataset | Error {
  if (csvCache?.text !== text) {
    let result: Dataset | Error;
    try {
      result = parseCsv(text, { name: 'csv' });
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    csvCache = { text, result };
  }
  return csvCache.result;
}

let inlineCache: { data: Dataset; name: string; spec: InlineDatasetSpec } | null = null;

/**
 * The parsed CSV as the spec's inline points ({x, y} arrays, x a number per point when d = 1),
 * remembered for the last parsed dataset and name: validation runs at every keystroke in any
 * field, and building n·d-element arrays each time cost hundreds of ms for a 1 MB CSV. The spec
 * returned is frozen (and so are its arrays) because the same object goes out every time.
 */
export function inlineCsvDataset(data: Dataset, name: string): InlineDatasetSpec {
  if (inlineCache?.data !== data || inlineCache.name !== name) {
    const { n, d } = data;
    let x: readonly number[] | readonly (readonly number[])[];
    if (d === 1) {
      x = Object.freeze(Array.from(data.x));
    } else {
      const rows: (readonly number[])[] = new Array(n);
      for (let i = 0; i < n; i++) rows[i] = Object.freeze(Array.from(data.x.subarray(i * d, (i + 1) * d)));
      x = Object.freeze(rows);
    }
    inlineCache = { data, name, spec: Object.freeze({ name, x, y: Object.freeze(Array.from(data.y)) }) };
  }
  return inlineCache.spec;
}
