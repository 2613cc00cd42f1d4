import { afterEach, describe, expect, it } from 'vitest';
import { LlApp } from '../../src/components/ll-app.js';
import { importResultsViews } from '../../src/components/results-views-loader.js';
import { mount, shadow, waitFor } from './helpers.js';

// The shell as it runs, except that fetching the results chunk fails while `failing` is set, as a
// network error or a deploy that removed the chunk makes Chromium's dynamic import fail. Once it
// is cleared, the real chunk is imported. Nothing else in this file loads the chunk (each test file
// runs in its own page), so its elements are undefined until this shell's import succeeds.
let failing = true;
let imports = 0;

class FlakyChunkApp extends LlApp {
  protected override importResultsViews(): Promise<unknown> {
    imports += 1;
    if (failing) return Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/results-views-gone.js'));
    return importResultsViews();
  }
}
customElements.define('ll-app-flaky-chunk', FlakyChunkApp);

/** The notices ll-app shows, as [kind, text] pairs. */
function notices(app: LlApp): [string, string][] {
  const list = shadow(app, 'll-notices');
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('.notice')].map((n) => [n.dataset.kind ?? '', n.textContent ?? '']);
}

describe('the results views chunk', () => {
  afterEach(() => document.body.replaceChildren());

  it('failing to load: ll-app says so and to reload, updateComplete still resolves, and a later wait imports again', async () => {
    const app = mount(new FlakyChunkApp());
    // The old shell rejected here (the import's error), with no word to the user.
    await expect(app.updateComplete).resolves.toBeTypeOf('boolean');
    expect(imports).toBeGreaterThan(0);
    const shown = await waitFor(() => notices(app).find(([, text]) => /could not be loaded/.test(text)), 'the notice of the failed chunk');
    expect(shown[0]).toBe('error');
    expect(shown[1]).toMatch(/Reload the page/);
    expect(shown[1]).toContain('Failed to fetch dynamically imported module');
    expect(customElements.get('ll-curves-section')).toBeUndefined();

    // Still failing: the next wait tries again (the failure settled, so nothing is pending) and resolves again.
    let before = imports;
    await expect(app.updateComplete).resolves.toBeTypeOf('boolean');
    expect(imports).toBe(before + 1);
    // Two failures, one notice (the same text replaces the older one).
    expect(notices(app).filter(([, text]) => /could not be loaded/.test(text))).toHaveLength(1);

    // Another cause's notice, up while the chunk is retried: the loader's success must leave it.
    const other = 'A notice of something else, raised while the views were missing.';
    app.notify('warning', other);
    await app.updateComplete;

    // The network is back: the next wait imports the chunk, and the shell's sections upgrade.
    failing = false;
    before = imports;
    await app.updateComplete;
    expect(imports).toBe(before + 1);
    const Curves = customElements.get('ll-curves-section');
    expect(Curves).toBeDefined();
    expect(shadow(app, '#curves')).toBeInstanceOf(Curves!);
    // Its cause is gone, so the loader's notice goes by itself (nobody dismissed it); the other stays.
    await waitFor(() => !notices(app).some(([, text]) => /could not be loaded/.test(text)), 'the failed-chunk notice to go once the chunk loaded');
    const left = notices(app);
    expect(left).toHaveLength(1);
    expect(left[0]![0]).toBe('warning');
    expect(left[0]![1]).toContain(other);
    // A success is kept: no further import.
    await app.updateComplete;
    expect(imports).toBe(before + 1);
  });
});
