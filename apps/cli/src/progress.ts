// A one-line progress bar on stderr, drawn only when stderr is a terminal (quiet in pipes, CI
// logs and tests), at most ten times a second, and erased when the work ends.

/** What the bar shows, as the pool reports it. */
export interface ProgressReport {
  done: number;
  failed: number;
  total: number;
  runsPerSecond: number;
  etaSeconds: number;
}

/** A progress display; the no-op one is used when stderr is not a terminal. */
export interface Progress {
  update(report: ProgressReport): void;
  /** Erases the bar (call before writing anything else to stderr). */
  clear(): void;
}

const QUIET: Progress = { update() {}, clear() {} };

/** A bar on `stream` if it is a TTY, else a no-op. `label` prefixes the line (e.g. 'shard 2/8'). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, label = ''): Progress {
  if (!stream.isTTY) return QUIET;
  let last = 0;
  let shown = false;
  return {
    update(report) {
      const now = Date.now();
      if (now - last < 100 && report.done + report.failed < report.total) return;
      last = now;
      const line = progressLine(report, stream.columns || 80, label);
      stream.write(`\r${line}\x1b[K`);
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** The text of the bar for a terminal `columns` wide. */
export function progressLine(report: ProgressReport, columns: number, label = ''): string {
  const { done, failed, total } = report;
  const finished = done + failed;
  const fraction = total > 0 ? finished / total : 1;
  const rate = Number.isFinite(report.runsPerSecond) && report.runsPerSecond > 0 ? `${formatCount(Math.round(report.runsPerSecond))} runs/s` : '… runs/s';
  const eta = finished >= total ? 'done' : Number.isFinite(report.etaSeconds) && report.etaSeconds >= 0 ? `ETA ${formatDuration(report.etaSeconds)}` : 'ETA …';
  const counts = `${formatCount(finished)}/${formatCount(total)} runs${failed > 0 ? ` (${formatCount(failed)} failed)` : ''}`;
  const text = `${label ? `${label} ` : ''}${(fraction * 100).toFixed(0).padStart(3)}% ${counts}  ${rate}  ${eta}`;
  // A fixed-width bar so the line does not jitter; dropped on narrow terminals.
  const width = 30;
  if (text.length + width + 3 >= columns) return text.slice(0, Math.max(0, columns - 1));
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`;
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Seconds as "42s", "3m07s" or "2h05m". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
