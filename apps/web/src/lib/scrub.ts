// The keys of every epoch cursor (step mode's slider, the curves charts, the gradient split): one
// rule, so a key moves the same way everywhere.

/**
 * The position a scrub key moves to from `epoch` on 0 … `last`, or null for other keys:
 * arrows ±1, PageUp/PageDown ±10 % of the run (at least 1), Home 0, End the last.
 */
export function scrubTarget(key: string, epoch: number, last: number): number | null {
  const big = Math.max(1, Math.round(last / 10));
  const to = (k: number) => Math.max(0, Math.min(last, k));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return to(epoch - 1);
    case 'ArrowRight':
    case 'ArrowUp':
      return to(epoch + 1);
    case 'PageDown':
      return to(epoch - big);
    case 'PageUp':
      return to(epoch + big);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
