// Eigenvalues of a small symmetric matrix, by the cyclic Jacobi method.

/**
 * The eigenvalues of the symmetric m × m matrix `a` (row-major, m² entries; only its upper
 * triangle is read), in ascending order. m = 2 in closed form:
 * λ = (a₀₀ + a₁₁)/2 ± hypot((a₀₀ − a₁₁)/2, a₀₁). Larger m by the cyclic Jacobi method: plane
 * rotations zero each off-diagonal entry in turn, sweep after sweep, until the off-diagonal entries'
 * squares sum to at most (10⁻¹⁵·‖A‖_F)² (at most 64 sweeps; it converges quadratically, in well
 * under 10 sweeps for the sizes here). Jacobi gives every eigenvalue to an absolute accuracy of
 * about 10⁻¹⁵·‖A‖_F, small ones too, which power iteration does not.
 */
export function symmetricEigenvalues(a: ArrayLike<number>, m: number): Float64Array {
  if (!Number.isSafeInteger(m) || m < 1) throw new RangeError(`m must be a positive integer, got ${m}`);
  if (a.length !== m * m) throw new RangeError(`a must have m² = ${m * m} entries, got ${a.length}`);
  for (let i = 0; i < m * m; i++) if (!Number.isFinite(a[i]!)) throw new RangeError(`a[${i}] must be a finite number, got ${a[i]}`);
  if (m === 1) return Float64Array.of(a[0]!);
  if (m === 2) {
    const mid = (a[0]! + a[3]!) / 2;
    const radius = Math.hypot((a[0]! - a[3]!) / 2, a[1]!);
    return Float64Array.of(mid - radius, mid + radius);
  }
  const s = new Float64Array(m * m);
  for (let j = 0; j < m; j++) for (let k = j; k < m; k++) s[j * m + k] = s[k * m + j] = a[j * m + k]!;
  let frobenius = 0;
  for (let i = 0; i < m * m; i++) frobenius += s[i]! * s[i]!;
  const limit = 1e-30 * frobenius;
  for (let sweep = 0; sweep < 64; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += 2 * s[p * m + q]! * s[p * m + q]!;
    if (off <= limit) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = s[p * m + q]!;
        if (apq === 0) continue;
        // The rotation that zeroes s[p][q]: tan θ = t, the smaller root of t² + 2τt − 1 = 0.
        const tau = (s[q * m + q]! - s[p * m + p]!) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const sn = t * c;
        for (let k = 0; k < m; k++) {
          const skp = s[k * m + p]!;
          const skq = s[k * m + q]!;
          s[k * m + p] = c * skp - sn * skq;
          s[k * m + q] = sn * skp + c * skq;
        }
        for (let k = 0; k < m; k++) {
          const spk = s[p * m + k]!;
          const sqk = s[q * m + k]!;
          s[p * m + k] = c * spk - sn * sqk;
          s[q * m + k] = sn * spk + c * sqk;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let j = 0; j < m; j++) values[j] = s[j * m + j]!;
  return values.sort();
}
