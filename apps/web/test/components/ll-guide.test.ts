import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-app.js';
import type { LlApp } from '../../src/components/ll-app.js';
import type { LlFirstLook } from '../../src/components/ll-first-look.js';
import { deep, deepAll, mount, shadow, waitFor } from './helpers.js';

const heading = (root: LlApp) => shadow(deep(root, 'll-guide'), 'h2').textContent!.replace(/\s+/g, ' ').trim();
const next = (root: LlApp) => shadow<HTMLButtonElement>(deep(root, 'll-guide'), 'button.next').click();

describe('the guided path in <ll-app>', () => {
  afterEach(() => document.body.replaceChildren());

  it('walks five steps from the first look: saturated start, the factor, the grid, large η, your own sweep', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    const look = await waitFor(() => deepAll<LlFirstLook>(root, 'll-first-look')[0], 'the first look');
    await look.updateComplete;
    shadow<HTMLButtonElement>(look, 'button.tour').click();
    await waitFor(() => root.state.view.guide === 1 && deepAll(root, 'll-guide').length === 1, 'step 1');
    await waitFor(() => heading(root) === 'Guided tour, step 1 of 5: Both runs start saturated', 'step 1’s heading');
    await waitFor(() => look.epoch === 0, 'the slider at epoch 0');
    // Focus moves to the step's heading so that its sentence is read next.
    await waitFor(() => deep(root, 'll-guide').shadowRoot!.activeElement?.localName === 'h2', 'focus on the step');

    next(root);
    await waitFor(() => root.state.view.guide === 2, 'step 2');
    // The middle of squared error's plateau (69 epochs in the lecture's run).
    await waitFor(() => look.epoch >= 30 && look.epoch <= 35, 'the slider on the plateau');
    expect(root.state.run).toBeNull();

    next(root);
    await waitFor(() => root.state.view.guide === 3 && root.state.run !== null, 'step 3 to run the grid');
    expect(root.state.run).toMatchObject({ dataset: 'toy', init: { w0: { from: -6, to: 6, count: 32 } } });
    expect(root.state.run).toMatchObject({ eta: { from: 0.01, to: 10, count: 16 } });
    await waitFor(() => deepAll(root, 'll-first-look').length === 0, 'the heatmaps instead of the first look');

    next(root);
    await waitFor(() => root.state.view.guide === 4 && Array.isArray((root.state.run as { eta: unknown } | null)?.eta), 'step 4 to run the large η');
    expect(root.state.run?.eta).toEqual([1, 2, 3, 5]);
    expect(root.state.view.etaIndex).toBe(2);
    await waitFor(() => /about 2\.57 for cross-entropy/.test(shadow(deep(root, 'll-guide'), '[data-guide-text]').textContent!), 'step 4’s sentence with the limit');

    next(root);
    await waitFor(() => root.state.view.guide === 5 && heading(root) === 'Guided tour, step 5 of 5: Now sweep your own', 'step 5');
    await waitFor(() => deep(root, 'll-sweep-form').shadowRoot!.activeElement !== null, 'focus in the form');
    next(root);
    await waitFor(() => root.state.view.guide === undefined && deepAll(root, 'll-guide').length === 0, 'the tour to close');
  });

  it('can be skipped', async () => {
    const root = mount(document.createElement('ll-app')) as LlApp;
    const look = await waitFor(() => deepAll<LlFirstLook>(root, 'll-first-look')[0], 'the first look');
    await look.updateComplete;
    shadow<HTMLButtonElement>(look, 'button.tour').click();
    await waitFor(() => deepAll(root, 'll-guide').length === 1, 'step 1');
    shadow<HTMLButtonElement>(deep(root, 'll-guide'), 'button.skip').click();
    await waitFor(() => deepAll(root, 'll-guide').length === 0 && root.state.view.guide === undefined, 'the tour to close');
    expect(deepAll(root, 'll-first-look')).toHaveLength(1);
  });
});
