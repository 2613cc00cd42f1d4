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

/** Every match of `selector` under an element's shadow root and, recursively, the shadow roots inside it (as playwright's locators pierce them). */
export function deepAll<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  const found: T[] = [];
  const visit = (root: ShadowRoot) => {
    found.push(...root.querySelectorAll<T>(selector));
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return found;
}

/** The first match of {@link deepAll}, or throws naming it. */
export function deep<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = deepAll<T>(host, selector)[0];
  if (!found) throw new Error(`no ${selector} under <${host.localName}>'s shadow roots`);
  return found;
}

/** Waits until an element and every element in its shadow roots have finished updating (children update after their parents render). */
export async function settled(host: Element): Promise<void> {
  for (let pass = 0; pass < 3; pass++) {
    const elements = [host, ...deepAll(host, '*')].filter((e): e is Element & { updateComplete: Promise<unknown> } => 'updateComplete' in e);
    await Promise.all(elements.map((e) => e.updateComplete));
  }
}
