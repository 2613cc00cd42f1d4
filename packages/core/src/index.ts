// @losslab/core: the sigmoid neuron's math. A flat index of named re-exports.

export { expNonPositive } from './exp.js';
export { log } from './log.js';
export { log1p } from './log1p.js';
export { log10 } from './log10.js';
export { exp10 } from './exp10.js';
export { expm1 } from './expm1.js';
export { cos } from './cos.js';
export { sin } from './sin.js';
export { sigmoid, sigmoidSlope, softplus, logSigmoid, logit, binaryEntropy } from './sigmoid.js';
export { squaredError, crossEntropy, klDivergence, losses, resolveLoss, type Loss, type LossName } from './losses.js';
export { dataset, type Dataset, type DatasetInput } from './dataset.js';
export { toy, fivePoint, builtinDatasets, builtinDataset, twoClasses, noisyThreshold, type TwoClassesOptions, type NoisyThresholdOptions } from './datasets.js';
export { parseCsv, type ParseCsvOptions } from './csv.js';
export { logitOf, predict, evaluate, evaluateInto, datasetLoss, lossGradient, reductions, type Evaluation, type LossOptions, type Reduction } from './neuron.js';
export { train, createTrainer, type TrainOptions, type TrainResult, type Trainer, type StepResult } from './descent.js';
export { optimizers, resolveOptimizer, type Optimizer, type OptimizerConfig, type OptimizerName } from './optimizers.js';
export { createUpdater, type Updater, type UpdaterOptions } from './updater.js';
export { epochPermutation } from './shuffle.js';
export { epochsToFit, epochsToDecrease, epochsTo99, plateauLength, convergence, DEFAULT_FIT_TOLERANCE, type Convergence } from './convergence.js';
export { lossSurface, type LossSurface, type LossSurfaceOptions } from './surface.js';
export { axisValues, axisValuesUnchecked, type AxisRange } from './axis.js';
export { philox4x32, uniformAt, normalAt, createRandom, type RandomStream } from './random.js';
export { initialize, initSchemes, validateInitSpec, defaultInitParameter, type InitScheme, type InitSpec, type InitialParameters } from './initializers.js';
export { show as formatValue } from './validate.js';
export { expConstants } from './exp.js';
export { parseDecimal } from './decimal.js';
