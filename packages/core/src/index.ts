// @losslab/core: the sigmoid neuron's math. A flat index of named re-exports.

export { expNonPositive } from './exp.js';
export { sigmoid, sigmoidSlope, softplus, logSigmoid, logit, binaryEntropy } from './sigmoid.js';
export { squaredError, crossEntropy, klDivergence, losses, resolveLoss, type Loss, type LossName } from './losses.js';
export { dataset, type Dataset, type DatasetInput } from './dataset.js';
export { toy, fivePoint, builtinDatasets, builtinDataset, twoClasses, noisyThreshold, type TwoClassesOptions, type NoisyThresholdOptions } from './datasets.js';
export { parseCsv, type ParseCsvOptions } from './csv.js';
export { logitOf, predict, evaluate, evaluateInto, datasetLoss, lossGradient, reductions, type Evaluation, type LossOptions, type Reduction } from './neuron.js';
export { train, createTrainer, type TrainOptions, type TrainResult, type Trainer, type StepResult } from './descent.js';
export { epochsToFit, epochsToExcessFraction, plateauEpochs, epochsTo1PercentExcess, excessMeasures, convergence, DEFAULT_FIT_TOLERANCE, type Convergence, type ExcessMeasures, type ConvergenceInput } from './convergence.js';
export { runOutcome, runOutcomes, PLATEAU_FRACTION, type RunOutcome, type RunFacts } from './outcome.js';
export { lossFloor } from './loss-floor.js';
export { lossHessian, type LossWithCurvature } from './hessian.js';
export { symmetricEigenvalues } from './symmetric-eigenvalues.js';
export { stabilityLimit, type StabilityLimit } from './stability.js';
export { crossEntropyOptimum, type CrossEntropyOptimum } from './cross-entropy-optimum.js';
export { gradientFlowEpochs, type GradientFlowOptions } from './gradient-flow.js';
export { lossSurface, type LossSurface, type LossSurfaceOptions } from './surface.js';
export { axisValues, axisValuesUnchecked, type AxisRange } from './axis.js';
export { philox4x32, uniformAt, normalAt, createRandom, type RandomStream } from './random.js';
export { initialize, initSchemes, validateInitSpec, defaultInitParameter, type InitScheme, type InitSpec, type InitialParameters } from './initializers.js';
export { show as formatValue } from './validate.js';
