// End to end, in Chromium against `vite preview`: the optimizer hint beside the optimizer field
// wraps between words, never inside one (it once broke "hyperparameters" mid-word at 1440 px), at
// 1440×900 and at the narrowest width the app supports, a 390 px phone. Each word is measured with
// a Range over its characters: a word on one line has one client rect, a split word two. Layout
// only; no timing.

import { describe, expect, it } from 'vitest';
import { useApp } from './support/app.js';


const app = useApp();

/** Each word of the hint: its text, its rects' count, and whether it stays inside the hint's box. */
interface WordBox {
  word: string;
  rects: number;
  inside: boolean;
}

/** The optimizer hint's words, laid out at a viewport of `width` × `height`. */
async function hintWords(width: number, height: number): Promise<WordBox[]> {
  const page = await app.open('', { width, height });
  try {
    const hint = page.locator('ll-sweep-form #f-optimizer-hint');
    await hint.waitFor();
    await hint.scrollIntoViewIfNeeded();
    return await hint.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const words: WordBox[] = [];
      for (const node of element.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const inside = rects.every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5);
          words.push({ word: match[0], rects: rects.length, inside });
        }
      }
      return words;
    });
  } finally {
    await page.context().close();
  }
}

describe('the optimizer hint', () => {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`keeps every word whole and inside its box at ${width}×${height}`, async () => {
      const words = await hintWords(width, height);
      // The hint's own words, so an empty or renamed hint cannot pass.
      expect(words.map((w) => w.word)).toEqual(['gd,', 'momentum,', 'nesterov,', 'rmsprop,', 'adam,', 'adagrad;', 'hyperparameters', 'as', 'adam:beta1=0.8']);
      for (const { word, rects, inside } of words) {
        expect(rects, `“${word}” on ${rects} lines`).toBe(1);
        expect(inside, `“${word}” runs out of the hint's box`).toBe(true);
      }
    });
  }
});
