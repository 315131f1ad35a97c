import type { Prng } from '../../random/prng';

/**
 * Seeded He/Kaiming-uniform initialization of theta = [u_1; ...; u_m; alpha] (m d + m entries):
 *   u_jt    ~ U(-sqrt(6 / d), sqrt(6 / d))   (fan-in d, ReLU gain sqrt(2): Var = 2 / d)
 *   alpha_j ~ U(-sqrt(3 / m), sqrt(3 / m))   (fan-in m, linear output gain 1: Var = 1 / m)
 * d counts the bias column when there is one. Draws the u's row by row, then the alphas, all
 * from `rng`, so the same generator state gives bit-identical weights.
 */
export function heUniformInit(rng: Prng, hiddenUnits: number, inputDim: number, theta: Float64Array): void {
  const m = hiddenUnits;
  const d = inputDim;
  if (theta.length !== m * d + m) {
    throw new RangeError(`theta has ${theta.length} entries, expected ${m} x ${d} + ${m} = ${m * d + m}`);
  }
  const hiddenBound = Math.sqrt(6 / d);
  for (let i = 0; i < m * d; i++) theta[i] = (2 * rng.nextFloat() - 1) * hiddenBound;
  const outputBound = Math.sqrt(3 / m);
  for (let j = 0; j < m; j++) theta[m * d + j] = (2 * rng.nextFloat() - 1) * outputBound;
}
