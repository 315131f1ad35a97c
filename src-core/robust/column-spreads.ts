import type { Matrix } from '../linalg/matrix';

/**
 * The spread of each perturbable column of prepared rows X in epsilon's units: its standard
 * deviation (population, over X's rows) divided by its radius per unit of epsilon
 * (resolveAdversarial at epsilon 1). Columns that cannot move (radius 0: categorical, immutable,
 * the bias) or do not spread are left out, so the list may be empty.
 */
export function spreadsInEpsilonUnits(X: Matrix, radiiPerEpsilon: ArrayLike<number>): number[] {
  const { rows, cols, data } = X;
  const spreads: number[] = [];
  for (let t = 0; t < cols; t++) {
    const r = radiiPerEpsilon[t] ?? 0;
    if (!(r > 0)) continue;
    let mean = 0;
    for (let k = 0; k < rows; k++) mean += data[k * cols + t]!;
    mean /= Math.max(1, rows);
    let variance = 0;
    for (let k = 0; k < rows; k++) variance += (data[k * cols + t]! - mean) ** 2;
    const s = Math.sqrt(variance / Math.max(1, rows));
    if (s > 0) spreads.push(s / r);
  }
  return spreads;
}
