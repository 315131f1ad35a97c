import { ConvexNetError } from '../../errors';
import type { CholeskyFactor } from '../../linalg/cholesky-factor';
import { checkSquare } from '../../linalg/cholesky';
import { createCholeskyFactor } from '../../linalg/factor-cholesky';
import { factorSmall } from '../../linalg/small-cholesky';

/**
 * Cholesky factorizations of the interior-point Newton systems that survive rounding. In the
 * last iterations some weights are ~1e12 times others and a matrix that is positive definite in
 * exact arithmetic can fail to factor; the diagonal is then raised by a growing multiple of its
 * largest entry and the factorization retried. The Newton step is then slightly inexact, which
 * the method tolerates (its residuals are computed exactly). `count` records every raise.
 */
export interface RegularizationCount {
  regularizations: number;
}

/**
 * The retry policy of the small blocks' factorizations (factorSmallRegularized, and the
 * Woodbury path's blocks in woodbury-blocks.ts): the first shift is 1e-14 of the block's largest
 * diagonal entry, and each failed attempt is counted and multiplies it by 100, up to 12 times.
 */
export function firstSmallShift(scale: number): number {
  return 1e-14 * Math.max(scale, 1e-300);
}

/** After failed attempt number `attempt` (from 0): counts it and returns the next shift, or rethrows `error` once the attempts are used up. */
export function nextSmallShift(attempt: number, error: unknown, shift: number, count: RegularizationCount): number {
  if (attempt >= 12) throw error;
  count.regularizations++;
  return shift * 100;
}

/**
 * In-place Cholesky of the d x d block of A at `at`, shifted as firstSmallShift and
 * nextSmallShift say; with `shiftFirst` false the first attempt is unshifted. That matters when
 * the block mixes scales: a robust sample's block holds its loss slack (weight up to ~1e12 near
 * the end) beside its spread variables (~1), and a shift of 1e-14 of the largest entry is then a
 * 1e-2 change of the others, which left a Newton-solve error of ~4e-7 that no refinement removed
 * (the dual residual stalled and one penguins run stopped at a certified gap of 1.3e-3).
 */
export function factorSmallRegularized(A: Float64Array, at: number, d: number, count: RegularizationCount, shiftFirst = true): void {
  let scale = 0;
  for (let a = 0; a < d; a++) scale = Math.max(scale, Math.abs(A[at + a * d + a]!));
  let shift = firstSmallShift(scale);
  for (let attempt = 0; ; attempt++) {
    try {
      // A failed attempt leaves the block as it was: the next one shifts the original.
      factorSmall(A, at, d, shiftFirst || attempt > 0 ? shift : 0);
      return;
    } catch (error) {
      shift = nextSmallShift(attempt, error, shift, count);
    }
  }
}

/**
 * Factors the order x order matrix A (lower triangle read; A is not modified) into `factor`
 * (created on first use, WebAssembly SIMD where available), with factorLargeWith's shifts.
 * Returns the factor.
 */
export function factorLargeRegularized(A: Float64Array, order: number, factor: CholeskyFactor | null, count: RegularizationCount): CholeskyFactor {
  checkSquare('choleskyFactor', A, order);
  return factorLargeWith((target) => target.set(A.subarray(0, order * order)), order, factor, count);
}

/**
 * Factors the matrix that `write` forms straight in the factor's storage (its lower triangle; no
 * order x order copy). When it is not positive definite the diagonal is raised: the first shift
 * is 1e-13 of its largest entry, each failure is counted and adds the next, 100 times larger, up
 * to 8 times; a retry writes the matrix again and adds the shifts so far one after another.
 */
export function factorLargeWith(write: (target: Float64Array) => void, order: number, factor: CholeskyFactor | null, count: RegularizationCount): CholeskyFactor {
  const large = factor ?? createCholeskyFactor(order);
  const shifts: number[] = [];
  let shift = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      large.factorWith((a) => {
        write(a);
        if (attempt === 0) {
          let largest = 0;
          for (let k = 0; k < order; k++) largest = Math.max(largest, Math.abs(a[k * order + k]!));
          shift = 1e-13 * Math.max(largest, 1e-300);
        }
        for (const s of shifts) for (let k = 0; k < order; k++) a[k * order + k]! += s;
      });
      return large;
    } catch (error) {
      if (attempt >= 8 || !(error instanceof ConvexNetError) || error.code !== 'solver/not-positive-definite') throw error;
      count.regularizations++;
      shifts.push(shift);
      shift *= 100;
    }
  }
}
