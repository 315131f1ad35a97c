import { afterEach, describe, expect, it } from 'vitest';
import { multiplyXB, multiplyXtR } from '../../../src-core/linalg/kernels';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { PinnedWasmMatrix } from '../../../src-core/linalg/pinned-wasm-matrix';
import { setSimdKernelsEnabled } from '../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../src-core/random/prng';

function randomArray(rng: Prng, length: number): Float64Array {
  return Float64Array.from({ length }, () => rng.nextGaussian());
}

function randomMatrix(rng: Prng, rows: number, cols: number): Matrix {
  return createMatrix(rows, cols, randomArray(rng, rows * cols));
}

/** X U^T and R^T X the copying way (transposes around kernels.ts), with the scalar kernels. */
function reference(X: Matrix, U: Float64Array, R: Float64Array, m: number): [Float64Array, Float64Array] {
  const d = X.cols;
  const previous = setSimdKernelsEnabled(false);
  const bt = new Float64Array(d * m);
  for (let j = 0; j < m; j++) for (let t = 0; t < d; t++) bt[t * m + j] = U[j * d + t]!;
  const xu = new Float64Array(X.rows * m);
  multiplyXB(X, bt, m, xu);
  const at = new Float64Array(d * m);
  multiplyXtR(X, R, m, at);
  const rx = new Float64Array(m * d);
  for (let j = 0; j < m; j++) for (let t = 0; t < d; t++) rx[j * d + t] = at[t * m + j]!;
  setSimdKernelsEnabled(previous);
  return [xu, rx];
}

function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

describe('PinnedWasmMatrix', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  it('gives the scalar kernels\' bits, through its own views (no copies) and through ordinary arrays', () => {
    const rng = new Prng(31);
    for (const [n, d, m] of [[4, 1, 4], [7, 3, 8], [301, 51, 64], [1000, 10, 12]] as const) {
      const X = randomMatrix(rng, n, d);
      const pinned = PinnedWasmMatrix.create(X, m)!;
      expect(pinned).not.toBeNull();
      const U = randomArray(rng, m * d);
      const R = randomArray(rng, n * m);
      const [xu, rx] = reference(X, U, R, m);

      pinned.adjointInput.set(R);
      const rxPinned = new Float64Array(m * d);
      pinned.multiplyRtX(pinned.adjointInput, rxPinned);
      pinned.multiplyXUt(U, pinned.applyOutput);
      expect(firstDifference(rxPinned, rx)).toBe(-1);
      expect(firstDifference(pinned.applyOutput, xu)).toBe(-1);

      // Ordinary arrays, with other operands than the views hold: copied in and out.
      const U2 = randomArray(rng, m * d);
      const R2 = randomArray(rng, n * m);
      const [xu2, rx2] = reference(X, U2, R2, m);
      const xuCopied = new Float64Array(n * m);
      const rxCopied = new Float64Array(m * d);
      pinned.multiplyXUt(U2, xuCopied);
      pinned.multiplyRtX(R2, rxCopied);
      expect(firstDifference(xuCopied, xu2)).toBe(-1);
      expect(firstDifference(rxCopied, rx2)).toBe(-1);
      // ... without touching what the caller keeps in the views.
      expect(firstDifference(pinned.adjointInput, R)).toBe(-1);
      expect(firstDifference(pinned.applyOutput, xu)).toBe(-1);
    }
  });

  it('multiplyXtR gives X^T R in kernels.ts\'s layout and bits, from its view and from an ordinary array', () => {
    const rng = new Prng(41);
    for (const [n, d, m] of [[4, 1, 4], [9, 6, 8], [600, 496, 128]] as const) {
      const X = randomMatrix(rng, n, d);
      const pinned = PinnedWasmMatrix.create(X, m)!;
      const R = randomArray(rng, n * m);
      const previous = setSimdKernelsEnabled(false);
      const expected = new Float64Array(d * m);
      multiplyXtR(X, R, m, expected);
      setSimdKernelsEnabled(previous);
      const copied = new Float64Array(d * m);
      pinned.multiplyXtR(R, copied);
      expect(firstDifference(copied, expected)).toBe(-1);
      pinned.adjointInput.set(R);
      const viewed = new Float64Array(d * m);
      pinned.multiplyXtR(pinned.adjointInput, viewed);
      expect(firstDifference(viewed, expected)).toBe(-1);
    }
  });

  it('takes either view as the other operand (they do not overlap)', () => {
    const rng = new Prng(3);
    const X = randomMatrix(rng, 50, 6);
    const pinned = PinnedWasmMatrix.create(X, 8)!;
    const U = randomArray(rng, 8 * 6);
    // X U^T written into adjointInput, then used as R: R^T X with R = X U^T.
    pinned.multiplyXUt(U, pinned.adjointInput);
    const [xu] = reference(X, U, new Float64Array(50 * 8), 8);
    expect(firstDifference(pinned.adjointInput, xu)).toBe(-1);
    const [, rxExpected] = reference(X, U, xu, 8);
    const rx = new Float64Array(8 * 6);
    pinned.multiplyXUt(U, pinned.applyOutput);
    pinned.multiplyRtX(pinned.applyOutput, rx);
    expect(firstDifference(rx, rxExpected)).toBe(-1);
  });

  it('is not made where it cannot work: width not a multiple of 4, n < 4, SIMD turned off', () => {
    const X = createMatrix(10, 3);
    expect(PinnedWasmMatrix.create(X, 6)).toBeNull();
    expect(PinnedWasmMatrix.create(createMatrix(3, 3), 4)).toBeNull();
    setSimdKernelsEnabled(false);
    expect(PinnedWasmMatrix.create(X, 8)).toBeNull();
  });
});
