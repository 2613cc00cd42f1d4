// @losslab/worker: sweep spec → run index space → kernel → pool → result files. This entry has no
// side effects and no platform code; the pools live in ./node and ./browser.

export { planSweep, MAX_GENERATED_FEATURES, curveEpochs, bytesPerRun, resultBytes, SweepSpecError, formatSpecPath, SPEC_VERSION, DEFAULT_LIMITS, DEFAULT_CURVE_SAMPLES, DEFAULT_TOLERANCE } from './spec.js';
export type { SweepSpec, SweepPlan, SweepLimits, SpecIssue, SpecPath, AxisSpec, AxisRangeSpec, DatasetSpec, InlineDatasetSpec, GeneratedDatasetSpec, GridInitSpec, RandomInitSpec, CurveSpec } from './spec.js';
export { benchmarkS1Spec, S1_EPOCHS } from './benchmark.js';
export { runConfig, runIndex, runPosition, gridInitIndex, initialParameters, type RunConfig, type RunPosition } from './space.js';
export { allocateResult, allocateRuns, writeChunk, chunkBuffers, RUN_PENDING, RUN_DONE, RUN_FAILED, NEVER, OUTCOME_NONE, outcomeCode, outcomeOf } from './result.js';
export type { RunArrays, ChunkResult, RunFailure, SweepResult } from './result.js';
export { RESULT_FIELDS, ARRAY_FIELDS, resultFields, runArray, copyRuns, resetRuns, fieldPresent, fieldWidth, fieldIsList, fieldIsText, fieldCsvColumns, type ResultField, type ConfigField, type ArrayField, type FailureField, type ResultArrayType, type ResultWidth, type ResultEncoding, type ResultParquetType, type ResultPresence, type RunArrayKey } from './result-schema.js';
export { resultParquetChunks, ResultParquetWriter, parquetColumns, ROW_GROUP_RUNS, ROW_GROUP_BYTES, rowGroupRuns } from './result-parquet.js';
export { ParquetWriter, type ParquetColumn, type ParquetKind, type ParquetBatch, type ParquetMetadata } from './parquet/parquet-writer.js';
export { resultHeaderJson, resultHeader, resultJsonChunks, resultCsvChunks, resultToJson, resultToCsv, resultJsonOpening, resultJsonRun, resultJsonClosing, csvMetaLine, csvTrailerLine, shardRange, RunsDigest, ResultTextWriter } from './result-file.js';
export type { ResultHeader, ResultTrailer, Shard, ShardRange, RunsHash } from './result-file.js';
export { Sha256 } from './sha256.js';
export { runRecord, csvColumns, csvCells, type RunRecord, type ResultRuns } from './result-record.js';
export { formatNumber, toJson, csvCell, csvUnescapeText, type JsonValue } from './result-text.js';
export { parseResultJson, readRun, ResultFileError, type ParsedResult, type ParseResultOptions } from './result-parse.js';
export { sampleIndices, checkRecomputed, DEFAULT_SAMPLES } from './result-sample.js';
export { csvRowRecord, splitCsvRow } from './result-csv-row.js';
export { jsonErrorOffset, lineAndColumn } from './json-error.js';
export { runChunk, runChunkWith, type KernelEngine, type RunChunkOptions } from './kernel.js';
export { aggregateChunk, type ChunkAggregate, type BlockAggregate } from './chunk-aggregate.js';
export { ChunkOrder, progressiveParts, reverseBits, type ChunkOrderName } from './chunk-order.js';
export { sweepStability, type SweepStability } from './sweep-stability.js';
export type { SweepPool, SweepProgress, RunSweepOptions } from './sweep-pool.js';
export { SweepWindow } from './sweep-window.js';
export type { WorkerApi } from './worker-api.js';
export { isRecord } from './is-record.js';
export { planParquetMerge, checkParquetShards, mergedParquetChunks, type ParquetSource, type ParquetMerge } from './result-parquet-merge.js';
export { crc32 } from './parquet/crc32.js';
export { readParquetFooter, readRowGroup, ParquetFormatError, type ParquetFooter, type ReadAt } from './parquet/parquet-reader.js';
