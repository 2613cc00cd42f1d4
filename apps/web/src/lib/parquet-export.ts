// The sweep on display as `losslab sweep --format parquet` writes it: @losslab/worker's Parquet
// writer (pure TypeScript, no Node imports) over the same result arrays and header, so the bytes
// equal the CLI's for the same spec. Its own module, imported only when Export Parquet is clicked:
// the writer and its Thrift encoder stay out of the initial bundle and out of the JSON/CSV export.

import { resultHeader, resultParquetChunks, type ResultRuns, type SweepPlan } from '@losslab/worker';
import { APP_VERSION } from './version.js';

/** The sweep's Parquet result file: one row per run, the spec and losslab version in its key-value metadata. */
export function resultParquet(plan: SweepPlan, runs: ResultRuns): Blob {
  return new Blob([...resultParquetChunks(plan, runs, resultHeader(plan, APP_VERSION))] as BlobPart[], { type: 'application/vnd.apache.parquet' });
}
