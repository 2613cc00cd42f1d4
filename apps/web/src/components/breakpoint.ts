// The app's one layout breakpoint: at or below this width the sidebar stacks above the results and
// paired panels stack one above the other. CSS and script (matchMedia) both read it from here.

import { unsafeCSS } from 'lit';

/** Widest viewport, in CSS pixels, that gets the narrow (one-column) layout. */
export const NARROW_MAX_WIDTH_PX = 860;

/** The media query of the narrow layout, for `window.matchMedia`. */
export const NARROW_QUERY = `(max-width: ${NARROW_MAX_WIDTH_PX}px)`;

/** The same query for Lit's `css` tag: `@media ${narrow} { … }`. */
export const narrow = unsafeCSS(NARROW_QUERY);

/** Whether the viewport has the narrow layout now. */
export function isNarrow(): boolean {
  return typeof window !== 'undefined' && window.matchMedia(NARROW_QUERY).matches;
}
