// The run ranges of a running sweep in the order they landed, for any number of readers: each
// reader keeps its own cursor (how many entries it has read), so a view can update only what
// landed since it last looked. Found by the result object a view already holds.

/** A run range [start, end). */
export interface RunRange {
  start: number;
  end: number;
}

const logs = new WeakMap<object, LandingLog>();

/** An append-only list of landed run ranges. */
export class LandingLog {
  readonly #ranges: RunRange[] = [];

  /** Entries so far: a reader's cursor after reading everything. */
  get length(): number {
    return this.#ranges.length;
  }

  /** Appends a range that landed. */
  push(range: RunRange): void {
    this.#ranges.push({ start: range.start, end: range.end });
  }

  /** The ranges from entry `cursor` (0 … length) on. */
  since(cursor: number): readonly RunRange[] {
    return this.#ranges.slice(cursor);
  }
}

/** Attaches a new log to `result` (the sweep's result object, filled in place) and returns it. */
export function startLandingLog(result: object): LandingLog {
  const log = new LandingLog();
  logs.set(result, log);
  return log;
}

/** The log of the sweep filling `result`, if a sweep controller keeps one (not for shown files). */
export function landingLogOf(result: object): LandingLog | undefined {
  return logs.get(result);
}
