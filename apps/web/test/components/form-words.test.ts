// The sweep form's selects show their whole option text in the app's sidebar at 1280×800 (the
// Reduction select once read "Sum (le"): each option's text, measured with the select's own font,
// fits inside the select less its padding and the drop-down arrow.

import { afterEach, describe, expect, it } from 'vitest';
import '../../src/components/ll-app.js';
import { deep, deepAll, mount } from './helpers.js';

afterEach(() => document.body.replaceChildren());

/** Room Chromium's drop-down arrow takes at the right of a select (its menulist button), with a margin. */
const ARROW = 24;

describe('the sweep form’s words', () => {
  it('shows every option of every visible select whole (none cut off by its column)', async () => {
    const root = mount(document.createElement('ll-app'));
    await (root as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const form = deep(root, 'll-sweep-form');
    await (form as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const selects = deepAll<HTMLSelectElement>(form, 'select').filter((s) => s.getClientRects().length > 0);
    expect(selects.map((s) => s.id)).toContain('f-reduction');
    const context = document.createElement('canvas').getContext('2d')!;
    for (const select of selects) {
      const style = getComputedStyle(select);
      context.font = style.font;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ARROW;
      for (const option of select.options) expect(context.measureText(option.text).width, `${select.id}: “${option.text}” in ${room.toFixed(1)} px`).toBeLessThanOrEqual(room);
    }
  });
});
