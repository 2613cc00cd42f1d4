// Work that can wait for the main thread to be idle (charts and surfaces that are not the first
// thing people look at): first results and input handling go first.

/** A handle to cancel a callback of {@link whenIdle}. */
export interface IdleHandle {
  cancel(): void;
}

/**
 * Runs `callback` in an idle period, or after `timeoutMs` at the latest (requestIdleCallback where
 * the browser has it, else a timer). The callback gets the milliseconds left in the idle period.
 */
export function whenIdle(callback: (timeRemaining: () => number) => void, timeoutMs = 400): IdleHandle {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback((deadline) => callback(() => deadline.timeRemaining()), { timeout: timeoutMs });
    return { cancel: () => cancelIdleCallback(id) };
  }
  const id = setTimeout(() => {
    const end = performance.now() + 10;
    callback(() => Math.max(0, end - performance.now()));
  }, 30);
  return { cancel: () => clearTimeout(id) };
}

/**
 * Runs a generator's steps in idle periods, as many per period as fit (at least one), and calls
 * `done` with its result. Cancelling stops it between steps.
 */
export function runWhenIdle<T>(steps: Generator<void, T, void>, done: (value: T) => void, timeoutMs = 400): IdleHandle {
  let handle: IdleHandle | null = null;
  let cancelled = false;
  const next = () => {
    handle = whenIdle((timeRemaining) => {
      if (cancelled) return;
      do {
        const step = steps.next();
        if (step.done) {
          done(step.value);
          return;
        }
      } while (timeRemaining() > 4);
      next();
    }, timeoutMs);
  };
  next();
  return {
    cancel: () => {
      cancelled = true;
      handle?.cancel();
    },
  };
}

/**
 * The app's idle scheduler: named jobs, each a generator run by {@link runWhenIdle}. Starting a job
 * under a name cancels that name's previous job unless it runs for the same key (compared element
 * by element with `Object.is`), in which case the running one is kept. So a host may ask for
 * "the surfaces of this plan and extent" on every update, and the work starts once.
 */
export class IdleJobs {
  readonly #jobs = new Map<string, { key: readonly unknown[]; handle: IdleHandle }>();

  /** Runs `steps()` in idle time as job `name` for `key`; `done` gets its value. */
  run<T>(name: string, key: readonly unknown[], steps: () => Generator<void, T, void>, done: (value: T) => void, timeoutMs?: number): void {
    const running = this.#jobs.get(name);
    if (running && running.key.length === key.length && running.key.every((k, i) => Object.is(k, key[i]))) return;
    running?.handle.cancel();
    const job = {
      key,
      handle: runWhenIdle(
        steps(),
        (value) => {
          if (this.#jobs.get(name) === job) this.#jobs.delete(name);
          done(value);
        },
        timeoutMs,
      ),
    };
    this.#jobs.set(name, job);
  }

  /** Whether job `name` is running. */
  has(name: string): boolean {
    return this.#jobs.has(name);
  }

  /** The names of the jobs running, in the order they started. */
  names(): string[] {
    return [...this.#jobs.keys()];
  }

  /** Cancels job `name`, if it runs. */
  cancel(name: string): void {
    this.#jobs.get(name)?.handle.cancel();
    this.#jobs.delete(name);
  }

  /** Cancels every job. */
  cancelAll(): void {
    for (const job of this.#jobs.values()) job.handle.cancel();
    this.#jobs.clear();
  }
}
