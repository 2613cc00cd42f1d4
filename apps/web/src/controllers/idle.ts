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
