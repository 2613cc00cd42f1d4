// Direct manipulation in real Chromium: dragging the start on a loss surface (pointer events) and
// the arrow keys rerun both losses from the new start; every expected number is core's train run
// here from that start, never the app's own output.

import { afterEach, describe, expect, it } from 'vitest';
import { dataset, epochsToFit, toy, train, type Dataset, type LossName } from '@losslab/core';
import '../../src/components/ll-app.js';
import type { LlApp } from '../../src/components/ll-app.js';
import type { LlSurface } from '../../src/components/ll-surface.js';
import type { RunTrace } from '../../src/lib/trace.js';
import { deep, deepAll, mount, settled, shadow, waitFor } from './helpers.js';

const status = (root: LlApp) => shadow(deep(root, 'll-progress'), '.box').dataset.status;

async function runPreset(id: string): Promise<LlApp> {
  const root = mount(document.createElement('ll-app'));
  await root.updateComplete;
  shadow(deep(root, 'll-presets'), `#preset-${id}`).click();
  await waitFor(() => status(root) === 'done', 'the sweep to finish');
  deep(root, '#surfaces').scrollIntoView();
  return root;
}

function surfaces(root: LlApp): Record<'se' | 'ce', LlSurface> {
  const [se, ce] = deepAll<LlSurface>(root, 'll-surface');
  expect([se?.dataset.loss, ce?.dataset.loss]).toEqual(['se', 'ce']);
  return { se: se!, ce: ce! };
}

/** The primary (last) trace drawn on a surface once its start's w0 is `w0`; its b0 must then be `b0`. */
async function pathFrom(surface: LlSurface, w0: number, b0: number): Promise<RunTrace> {
  const trace = await waitFor(() => {
    const last = surface.traces.at(-1);
    return last && last.w0 === w0 && surface.shadowRoot!.querySelector('polyline') ? last : null;
  }, `the ${surface.dataset.loss} path from w0 = ${w0}`, 120_000);
  expect(trace.b0, `the ${surface.dataset.loss} path's b0`).toBe(b0);
  return trace;
}

/** core's train of one loss from (w0, b0): the reference each moved run must equal bit for bit. */
function reference(data: Dataset, loss: LossName, eta: number, epochs: number, w0: number, b0: number) {
  return train({ data, loss, eta, epochs, w0: [w0], b0, reduction: 'sum' });
}

function pointer(target: Element, type: string, clientX: number, clientY: number, pointerType = 'mouse'): void {
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, cancelable: true, pointerId: 7, pointerType, isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1, clientX, clientY }));
}

describe('direct manipulation of the start', () => {
  afterEach(() => document.body.replaceChildren());

  it('a drag on the squared-error surface moves both runs’ start to the drop point; both equal core’s train from there', async () => {
    const root = await runPreset('lecture-two-point');
    const { se, ce } = surfaces(root);
    await pathFrom(se, -2, -2);
    await pathFrom(ce, -2, -2);
    const svg = shadow<SVGSVGElement>(se, 'svg');
    const box = svg.getBoundingClientRect();
    const map = se.map!;
    // The drop point's (w, b), from the plot's box and the map's window: sample i of n sits at
    // (i + 0.5)/n of the width, and w runs linearly from extent.w[0] (sample 0) to extent.w[1] (n − 1).
    const fx = 0.7;
    const fy = 0.25;
    const expectedW = map.extent.w[0] + ((fx * map.width - 0.5) / (map.width - 1)) * (map.extent.w[1] - map.extent.w[0]);
    const expectedB = map.extent.b[0] + (((1 - fy) * map.height - 0.5) / (map.height - 1)) * (map.extent.b[1] - map.extent.b[0]);

    pointer(svg, 'pointerdown', box.left + 0.3 * box.width, box.top + 0.6 * box.height);
    pointer(svg, 'pointermove', box.left + 0.5 * box.width, box.top + 0.4 * box.height);
    pointer(svg, 'pointermove', box.left + fx * box.width, box.top + fy * box.height);
    pointer(svg, 'pointerup', box.left + fx * box.width, box.top + fy * box.height);
    await settled(root);

    const moved = root.state.view.selected.at(-1)!;
    expect(moved).toMatchObject({ etaIndex: 0, initIndex: 0 });
    // Rounded for people and links to 0.01 at most (a window of a few units: a step of 0.2).
    expect(Math.abs(moved.w0! - expectedW)).toBeLessThanOrEqual(0.005 + 1e-12);
    expect(Math.abs(moved.b0! - expectedB)).toBeLessThanOrEqual(0.005 + 1e-12);
    expect(moved.w0).not.toBe(-2);

    for (const [loss, surface] of [['se', se], ['ce', ce]] as const) {
      const trace = await pathFrom(surface, moved.w0!, moved.b0!);
      const expected = reference(toy, loss, 1, 1000, moved.w0!, moved.b0!);
      expect(trace.pathW.at(-1)).toBe(expected.w[0]);
      expect(trace.pathB.at(-1)).toBe(expected.b);
      expect(Array.from(trace.maxError)).toEqual(Array.from(expected.maxErrors));
      expect(trace.epochsToFit).toBe(epochsToFit(expected.maxErrors, 0.01));
    }
    // The curves show the same moved runs (the state routes them, not the surface).
    for (const curves of deepAll<HTMLElement & { traces: RunTrace[] }>(root, 'll-curves')) {
      await waitFor(() => curves.traces.at(-1)?.w0 === moved.w0, `the ${curves.dataset.loss} curves of the moved run`);
      expect(curves.traces.at(-1)!.b0).toBe(moved.b0);
    }
    // The readout names the start and both outcomes in words, in a live region.
    const readout = shadow(deep(root, 'll-surfaces-section'), '#start-readout');
    expect(readout.getAttribute('aria-live')).toBe('polite');
    const seFit = epochsToFit(reference(toy, 'se', 1, 1000, moved.w0!, moved.b0!).maxErrors, 0.01);
    const ceFit = epochsToFit(reference(toy, 'ce', 1, 1000, moved.w0!, moved.b0!).maxErrors, 0.01);
    const words = (fit: number | null) => (fit === null ? 'not fit within ε in 1,000 epochs' : `fits within ε from epoch ${fit.toLocaleString('en')}`);
    expect(readout.textContent).toContain(`squared error ${words(seFit)}; cross-entropy ${words(ceFit)}.`);

    // Back to the sweep's own start.
    shadow<HTMLButtonElement>(deep(root, 'll-surfaces-section'), '#restore-start').click();
    await settled(root);
    expect(root.state.view.selected).toEqual([{ etaIndex: 0, initIndex: 0 }]);
    await pathFrom(se, -2, -2);
  });

  it('a touch drag on the cross-entropy surface moves the start too', async () => {
    const root = await runPreset('lecture-two-point');
    const { se, ce } = surfaces(root);
    await pathFrom(ce, -2, -2);
    const svg = shadow<SVGSVGElement>(ce, 'svg');
    const box = svg.getBoundingClientRect();
    pointer(svg, 'pointerdown', box.left + 0.5 * box.width, box.top + 0.5 * box.height, 'touch');
    pointer(svg, 'pointermove', box.left + 0.2 * box.width, box.top + 0.8 * box.height, 'touch');
    pointer(svg, 'pointerup', box.left + 0.2 * box.width, box.top + 0.8 * box.height, 'touch');
    await settled(root);
    const moved = root.state.view.selected.at(-1)!;
    expect(moved.w0).toBeLessThan(-2 + 1e-9 + (ce.map!.extent.w[1] - ce.map!.extent.w[0]) * 0.5);
    const trace = await pathFrom(se, moved.w0!, moved.b0!);
    const expected = reference(toy, 'se', 1, 1000, moved.w0!, moved.b0!);
    expect(trace.pathW.at(-1)).toBe(expected.w[0]);
    expect(trace.pathB.at(-1)).toBe(expected.b);
  });

  it('the arrow keys move the start by one step of the sweep’s grid; both runs equal core’s train from there', async () => {
    // Nielsen's neuron: starts w0 ∈ {0.6, 2}, b0 ∈ {0.9, 2}, the preset selects (2, 2).
    const root = await runPreset('nielsen-neuron');
    const { se, ce } = surfaces(root);
    await pathFrom(se, 2, 2);
    await pathFrom(ce, 2, 2);
    const stepW = 2 - 0.6;
    const stepB = 2 - 0.9;
    const svg = shadow<SVGSVGElement>(se, 'svg');
    expect(svg.getAttribute('tabindex')).toBe('0');
    svg.focus();
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true, cancelable: true }));
    await settled(root);
    expect(root.state.view.selected.at(-1)).toMatchObject({ w0: 2 + stepW, b0: 2 });
    await pathFrom(ce, 2 + stepW, 2);
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true, cancelable: true }));
    await settled(root);
    const moved = root.state.view.selected.at(-1)!;
    expect(moved).toMatchObject({ w0: 2 + stepW, b0: 2 - stepB });
    for (const [loss, surface] of [['se', se], ['ce', ce]] as const) {
      const trace = await pathFrom(surface, 2 + stepW, 2 - stepB);
      const expected = train({ data: dataset({ x: [1], y: [0] }), loss, eta: 0.15, epochs: 300, w0: [2 + stepW], b0: 2 - stepB, reduction: 'sum' });
      expect(trace.pathW.at(-1)).toBe(expected.w[0]);
      expect(trace.pathB.at(-1)).toBe(expected.b);
      expect(trace.epochsToFit).toBe(epochsToFit(expected.maxErrors, 0.1));
    }
    // PageUp/PageDown move b by ten steps, Home/End move w by ten; the crosshair's readout and the
    // live sentence follow the keys as they follow hover.
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true, composed: true, cancelable: true }));
    await settled(root);
    expect(root.state.view.selected.at(-1)).toMatchObject({ w0: 2 + stepW, b0: 2 - stepB + 10 * stepB });
    await pathFrom(ce, 2 + stepW, 2 - stepB + 10 * stepB);
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, composed: true, cancelable: true }));
    await settled(root);
    const last = root.state.view.selected.at(-1)!;
    expect(last).toMatchObject({ w0: 2 + stepW - 10 * stepW, b0: 2 - stepB + 10 * stepB });
    await pathFrom(se, last.w0!, last.b0!);
    await settled(root);
    const w = (v: number) => (Math.round(v * 100) / 100).toString().replace('-', '−');
    expect(shadow(se, '.readout').textContent).toContain(`w ${w(last.w0!)}, b ${w(last.b0!)}: excess`);
    expect(shadow(deep(root, 'll-surfaces-section'), '#start-readout').textContent).toMatch(new RegExp(`^Start \\(w0, b0\\) = \\(${w(last.w0!)}, ${w(last.b0!)}\\), η = 0\\.15: squared error `));
  });

  it('changing η on the selected run reruns both runs at once from the slider or the field, without a sweep', async () => {
    const root = await runPreset('lecture-two-point');
    const { se, ce } = surfaces(root);
    await pathFrom(ce, -2, -2);
    const spec = root.state.run;
    const controls = deep(root, 'll-run-controls');
    const slider = shadow<HTMLInputElement>(controls, '#run-eta-slider');
    expect(Number(slider.value)).toBeCloseTo(0, 12);
    // The slider moves in steps of 0.01 in log10 η: 0.4 is η = 10^0.4 = 2.5119, shown to three digits.
    slider.value = '0.4';
    slider.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settled(root);
    expect(root.state.view.selected).toEqual([{ etaIndex: 0, initIndex: 0, eta: 2.51 }]);
    // No sweep ran: the spec on display is the same object and the sweep is still done.
    expect(root.state.run).toBe(spec);
    expect(status(root)).toBe('done');
    for (const curves of deepAll<HTMLElement & { traces: RunTrace[] }>(root, 'll-curves')) {
      const trace = await waitFor(() => (curves.traces.at(-1)?.eta === 2.51 ? curves.traces.at(-1) : null), `the ${curves.dataset.loss} curves at η = 2.51`);
      const expected = reference(toy, trace.loss, 2.51, 1000, -2, -2);
      expect(trace.pathW.at(-1)).toBe(expected.w[0]);
      expect(trace.pathB.at(-1)).toBe(expected.b);
      expect(Array.from(trace.excess).length).toBe(expected.epochsRun);
    }

    const field = shadow<HTMLInputElement>(controls, '#run-eta');
    field.value = 'abc';
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settled(root);
    expect(shadow(controls, '#run-eta-issue').textContent).toBe('η must be a number > 0, got "abc"');
    expect(root.state.view.selected.at(-1)!.eta).toBe(2.51);
    field.value = '0.3';
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settled(root);
    expect(shadow(controls, '#run-eta-issue').textContent).toBe('');
    expect(root.state.view.selected.at(-1)!.eta).toBe(0.3);
    for (const [loss, surface] of [['se', se], ['ce', ce]] as const) {
      const trace = await waitFor(() => (surface.traces.at(-1)?.eta === 0.3 ? surface.traces.at(-1) : null), `the ${loss} path at η = 0.3`);
      const expected = reference(toy, loss, 0.3, 1000, -2, -2);
      expect(trace.pathW.at(-1)).toBe(expected.w[0]);
      expect(trace.pathB.at(-1)).toBe(expected.b);
      expect(trace.epochsToFit).toBe(epochsToFit(expected.maxErrors, 0.01));
    }
    expect(root.shareUrl()).toContain('seta=0.3');
    expect(status(root)).toBe('done');
  });

  it('step mode steps the moved run: its session starts from the dropped start and steps as core’s train does', async () => {
    const root = await runPreset('lecture-two-point');
    const { se } = surfaces(root);
    await pathFrom(se, -2, -2);
    deep(root, '#open-step-mode').click();
    type StepMode = HTMLElement & { clock: { session: { config: { w0?: number }; step(): boolean; points(): { loss: string; w: number; b: number }[] } | null } };
    const stepMode = await waitFor(() => deepAll<StepMode>(root, 'll-step-mode')[0], 'step mode to load');
    await waitFor(() => stepMode.clock.session, 'a step-mode session');
    const svg = shadow<SVGSVGElement>(se, 'svg');
    svg.focus();
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true, cancelable: true }));
    await settled(root);
    const moved = root.state.view.selected.at(-1)!;
    expect(moved.b0).toBeGreaterThan(-2);
    const session = await waitFor(() => (stepMode.clock.session?.config.w0 === moved.w0 ? stepMode.clock.session : null), 'step mode to load the moved run', 60_000);
    for (const point of session.points()) expect([point.w, point.b]).toEqual([moved.w0, moved.b0]);
    for (let k = 0; k < 3; k++) session.step();
    for (const point of session.points()) {
      const expected = reference(toy, point.loss as LossName, 1, 3, moved.w0!, moved.b0!);
      expect([point.w, point.b]).toEqual([expected.w[0], expected.b]);
    }
  });

  it('a drag sends one move per animation frame however many pointer events arrive, and the drop at once', async () => {
    const root = await runPreset('lecture-two-point');
    const { se } = surfaces(root);
    await pathFrom(se, -2, -2);
    const moves: { w0: number; b0: number }[] = [];
    se.addEventListener('ll-action', (event) => {
      const action = (event as CustomEvent<{ type: string; w0: number; b0: number }>).detail;
      if (action.type === 'move-start') moves.push({ w0: action.w0, b0: action.b0 });
    });
    const svg = shadow<SVGSVGElement>(se, 'svg');
    const box = svg.getBoundingClientRect();
    pointer(svg, 'pointerdown', box.left + 0.2 * box.width, box.top + 0.5 * box.height);
    for (let k = 1; k <= 10; k++) pointer(svg, 'pointermove', box.left + (0.2 + 0.05 * k) * box.width, box.top + 0.5 * box.height);
    // All in one task: nothing is sent before the next frame.
    expect(moves).toHaveLength(0);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    // One move, to where the pointer was last (0.7 of the width).
    expect(moves).toHaveLength(1);
    pointer(svg, 'pointermove', box.left + 0.75 * box.width, box.top + 0.5 * box.height);
    pointer(svg, 'pointerup', box.left + 0.8 * box.width, box.top + 0.5 * box.height);
    // The drop is sent at once, at the release point, and nothing is left for a later frame.
    expect(moves).toHaveLength(2);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(moves).toHaveLength(2);
    const w = (fraction: number) => se.map!.extent.w[0] + ((fraction * se.map!.width - 0.5) / (se.map!.width - 1)) * (se.map!.extent.w[1] - se.map!.extent.w[0]);
    expect(Math.abs(moves[0]!.w0 - w(0.7))).toBeLessThanOrEqual(0.005 + 1e-12);
    expect(Math.abs(moves[1]!.w0 - w(0.8))).toBeLessThanOrEqual(0.005 + 1e-12);
    await settled(root);
    expect(root.state.view.selected.at(-1)!.w0).toBe(moves[1]!.w0);
  });
});
