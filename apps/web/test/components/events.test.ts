// The one event helper: what it sends is what ll-app's listeners receive, across shadow roots, with
// the detail the typed map says.

import { afterEach, describe, expect, it } from 'vitest';
import { fire } from '../../src/components/events.js';

afterEach(() => document.body.replaceChildren());

describe('fire', () => {
  it('sends a CustomEvent that bubbles out of nested shadow roots with its detail, retargeted to the outer host', () => {
    const outer = document.createElement('div');
    const middle = document.createElement('span');
    const inner = document.createElement('button');
    outer.attachShadow({ mode: 'open' }).append(middle);
    middle.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(outer);
    const seen: { detail: 'json' | 'csv' | 'parquet'; target: EventTarget | null; bubbles: boolean; composed: boolean }[] = [];
    document.body.addEventListener('ll-export', (event) => seen.push({ detail: event.detail, target: event.target, bubbles: event.bubbles, composed: event.composed }));
    fire(inner, 'll-export', 'csv');
    expect(seen).toEqual([{ detail: 'csv', target: outer, bubbles: true, composed: true }]);
  });

  it('types the detail by the event (checked by tsc)', () => {
    const typedOnly = (target: EventTarget) => {
      // @ts-expect-error 'll-export' carries 'json', 'csv' or 'parquet'
      fire(target, 'll-export', 'xml');
      // @ts-expect-error 'll-history-open' carries a history entry's id, a number
      fire(target, 'll-history-open', '3');
      // @ts-expect-error not an event of the app
      fire(target, 'll-unknown', null);
    };
    expect(typedOnly).toBeTypeOf('function');
  });
});
