// A styleMap that never writes the `style` attribute: Lit's styleMap returns a string on its first
// render, which Lit sets with setAttribute('style', …), and the Content-Security-Policy (style-src
// 'self', no 'unsafe-inline') blocks that. This one sets every property through the CSSOM
// (element.style.setProperty), which the policy allows, and removes the ones that went away.

import { noChange, type AttributePart } from 'lit';
import { Directive, directive, PartType, type PartInfo } from 'lit/directive.js';

/** CSS properties in camelCase ("borderColor") or kebab-case ("border-top-style"), or custom properties. */
export type StyleProps = Readonly<Record<string, string | undefined | null>>;

const kebab = (name: string) => (name.startsWith('--') || name.includes('-') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));

class StylePropsDirective extends Directive {
  private _previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style' || (partInfo.strings?.length ?? 0) > 2) throw new TypeError('styleProps must be the only value of a style attribute: style=${styleProps({…})}');
  }

  render(_props: StyleProps): unknown {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): unknown {
    const style = (part.element as HTMLElement).style;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      const property = kebab(name);
      next.add(property);
      style.setProperty(property, value);
    }
    for (const property of this._previous) if (!next.has(property)) style.removeProperty(property);
    this._previous = next;
    return noChange;
  }
}

/** Sets inline style properties through the CSSOM (CSP-safe): `style=${styleProps({ left: '4px' })}`. */
export const styleProps = directive(StylePropsDirective);
