// The sweep's stability limits, loaded on demand (lib/eta-star.ts places them): Newton's method for
// cross-entropy's optimum and the Hessians' eigenvalues are not needed before a sweep exists.

export { sweepStability } from '@losslab/worker';
