import { epochsToFit, train, type OptimizerName } from '@losslab/core';
import { gridInitIndex, runConfig, runIndex } from '@losslab/worker';
import { describe, expect, it } from 'vitest';
import { validateDraft } from '../../src/lib/draft.js';
import { presetById } from '../../src/lib/presets.js';

/** Epochs until Nielsen's neuron's output stays below 0.1, straight from core's train. */
function epochsTo01(loss: 'se' | 'ce', optimizer: OptimizerName, eta: number, w0: number, b0: number, epochs: number): number | null {
  return epochsToFit(train({ data: { x: [1], y: [0] }, loss, optimizer, eta, w0, b0, epochs }).maxErrors, 0.1);
}

describe("Nielsen's presets", () => {
  it('Nielsen’s neuron: his problem and starts at η = 0.15, converged when the output stays below 0.1', () => {
    const plan = validateDraft(presetById('nielsen-neuron').draft).plan!;
    expect(Array.from(plan.data.x)).toEqual([1]);
    expect(Array.from(plan.data.y)).toEqual([0]);
    expect(Array.from(plan.eta)).toEqual([0.15]);
    expect(plan.tolerance).toBe(0.1);
    const starts = [0, 1, 2, 3].map((initIndex) => runConfig(plan, runIndex(plan, { lossIndex: 0, etaIndex: 0, initIndex })));
    expect(starts.map((run) => [run.w0[0], run.b0])).toEqual([[0.6, 0.9], [0.6, 2], [2, 0.9], [2, 2]]);
    // From w = b = 2 squared error is the slow one: cross-entropy reaches the threshold first.
    const ce = epochsTo01('ce', 'gd', 0.15, 2, 2, plan.epochs);
    const se = epochsTo01('se', 'gd', 0.15, 2, 2, plan.epochs);
    expect(ce).not.toBeNull();
    expect(se === null || se > ce!).toBe(true);
    expect(presetById('nielsen-neuron').description).toMatch(/∂C\/∂a.*η = 0\.005/);
  });

  it('Does Adam fix squared error?: gd, momentum and Adam over saturated starts, where Adam at η = 0.01 lets squared error win from w = b = 2', () => {
    const plan = validateDraft(presetById('adam-squared-error').draft).plan!;
    expect(plan.optimizers.map((o) => o.name)).toEqual(['gd', 'momentum', 'adam']);
    expect(plan.init.kind).toBe('grid');
    const etaIndex = Array.from(plan.eta).indexOf(0.01);
    const initIndex = gridInitIndex(plan, 1, 1); // w0 = b0 = 1.5 on the [1, 5] grid of 9
    expect(runConfig(plan, runIndex(plan, { lossIndex: 0, etaIndex, initIndex }))).toMatchObject({ b0: 1.5 });
    const adam = { se: epochsTo01('se', 'adam', 0.01, 2, 2, plan.epochs)!, ce: epochsTo01('ce', 'adam', 0.01, 2, 2, plan.epochs)! };
    expect(adam.se).toBeLessThan(adam.ce);
    const momentum = { se: epochsTo01('se', 'momentum', 0.15, 2, 2, plan.epochs)!, ce: epochsTo01('ce', 'momentum', 0.15, 2, 2, plan.epochs)! };
    expect(momentum.ce).toBeLessThan(momentum.se);
    // Saturated starts: every start of the grid has w0 + b0 ≥ 2, so the neuron's output starts ≥ σ(2) ≈ 0.88.
    if (plan.init.kind === 'grid') for (const w of plan.init.w0) for (const b of plan.init.b0) expect(w + b).toBeGreaterThanOrEqual(2);
  });
});
