// Helpers for element tests in the browser.

/**
 * Polls `check` every 20 ms until it returns a truthy value. The deadline is not a speed check: it
 * only turns a state that never comes into an error naming `what` before the test's own timeout
 * (300 s in the `components` project) would end it with no name; keep it below that.
 */
export async function waitFor<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 240_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Mounts an element in the document body; returns it. */
export function mount<T extends HTMLElement>(element: T): T {
  document.body.append(element);
  return element;
}

/** The first match of `selector` in an element's shadow root, or throws naming it. */
export function shadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${host.localName}>'s shadow root`);
  return found;
}

/** Collects the events of a type that reach the document. */
export function collect<T>(type: string): { events: T[]; stop: () => void } {
  const events: T[] = [];
  const listener = (event: Event) => events.push((event as CustomEvent<T>).detail);
  document.addEventListener(type, listener);
  return { events, stop: () => document.removeEventListener(type, listener) };
}

/** Types into a text field the way a person does: value, then an input event. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
