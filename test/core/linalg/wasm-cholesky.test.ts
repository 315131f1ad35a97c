import { afterEach, describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import { choleskyFactor } from '../../../src-core/linalg/cholesky';
import { factorCholesky, WASM_CHOLESKY_MIN_ORDER } from '../../../src-core/linalg/factor-cholesky';
import { JsCholeskyFactor } from '../../../src-core/linalg/js-cholesky';
import { setSimdKernelsEnabled } from '../../../src-core/linalg/simd-kernels';
import { WasmCholeskyFactor } from '../../../src-core/linalg/wasm-cholesky';
import { Prng } from '../../../src-core/random/prng';

/** Random SPD matrix B B^T + I (row-major k x k), B k x (k + 3) Gaussian: condition number ~10-100 k. */
function randomSpd(rng: Prng, k: number): Float64Array {
  const m = k + 3;
  const b = Float64Array.from({ length: k * m }, () => rng.nextGaussian());
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j <= i; j++) {
      let s = i === j ? 1 : 0;
      for (let p = 0; p < m; p++) s += b[i * m + p]! * b[j * m + p]!;
      a[i * k + j] = s;
      a[j * k + i] = s;
    }
  return a;
}

/** ||A x - b|| / ||b|| with the full symmetric A. */
function relativeResidual(a: Float64Array, k: number, x: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += a[i * k + j]! * x[j]!;
    num += (s - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

function wasmFactor(k: number): WasmCholeskyFactor {
  const factor = WasmCholeskyFactor.create(k);
  if (!factor) throw new Error('WebAssembly SIMD is expected in the test runtime (Node 20)');
  return factor;
}

function thrown(f: () => void): ConvexNetError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConvexNetError) return e;
    throw e;
  }
  throw new Error('expected a ConvexNetError');
}

// Edges: k = 1..5 (no full 4-row tile, odd pair counts in the back solve), 63/64/65 (one panel,
// then one row below it: the first trailing update and an 8-row panel strip with 7 padding rows),
// every k mod 4 after a panel (66, 67), several panels and partial strips (130, 200).
const ORDERS = [1, 2, 3, 4, 5, 7, 63, 64, 65, 66, 67, 130, 200];

describe('WebAssembly SIMD Cholesky factor', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  it.each(ORDERS)('k=%i: same factor as the JavaScript path and ||A x - b|| / ||b|| < 1e-12', (k) => {
    const rng = new Prng(500 + k);
    const a = randomSpd(rng, k);
    const simd = wasmFactor(k);
    simd.factor(a);
    const js = new JsCholeskyFactor(k);
    js.factor(a);
    const l = Float64Array.from(a);
    choleskyFactor(l, k);
    // Same operations in the same order: bit-identical, not merely close.
    expect(Array.from(simd.lower())).toEqual(Array.from(l));
    expect(Array.from(js.lower())).toEqual(Array.from(l));
    for (let trial = 0; trial < 2; trial++) {
      const b = Float64Array.from({ length: k }, () => rng.nextGaussian());
      const x = Float64Array.from(b);
      simd.solve(x);
      const y = Float64Array.from(b);
      js.solve(y);
      expect(Array.from(x)).toEqual(Array.from(y));
      expect(relativeResidual(a, k, x, b)).toBeLessThan(1e-12);
    }
  });

  it('solves at an offset and leaves the rest of the array alone', () => {
    const k = 67;
    const rng = new Prng(4);
    const a = randomSpd(rng, k);
    const factor = wasmFactor(k);
    factor.factor(a);
    const b = Float64Array.from({ length: k + 9 }, () => rng.nextGaussian());
    const x = Float64Array.from(b);
    factor.solve(x, 5);
    expect(Array.from(x.subarray(0, 5))).toEqual(Array.from(b.subarray(0, 5)));
    expect(Array.from(x.subarray(5 + k))).toEqual(Array.from(b.subarray(5 + k)));
    expect(relativeResidual(a, k, x.subarray(5, 5 + k), b.subarray(5, 5 + k))).toBeLessThan(1e-12);
  });

  it('refactors in place for a new matrix of the same order, and factors do not share memory', () => {
    const k = 131;
    const rng = new Prng(6);
    const a1 = randomSpd(rng, k);
    const a2 = randomSpd(rng, k);
    const f1 = wasmFactor(k);
    const f2 = wasmFactor(k);
    f1.factor(a2);
    f1.factor(a1);
    f2.factor(a2);
    const b = Float64Array.from({ length: k }, () => rng.nextGaussian());
    const x1 = Float64Array.from(b);
    const x2 = Float64Array.from(b);
    f1.solve(x1);
    f2.solve(x2);
    expect(relativeResidual(a1, k, x1, b)).toBeLessThan(1e-12);
    expect(relativeResidual(a2, k, x2, b)).toBeLessThan(1e-12);
  });

  it('reads only the lower triangle and does not modify the input', () => {
    const k = 70;
    const a = randomSpd(new Prng(5), k);
    const garbage = Float64Array.from(a);
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) garbage[i * k + j] = 1e6 * (i - j);
    const copy = Float64Array.from(garbage);
    const clean = wasmFactor(k);
    clean.factor(a);
    const dirty = wasmFactor(k);
    dirty.factor(garbage);
    expect(Array.from(dirty.lower())).toEqual(Array.from(clean.lower()));
    expect(Array.from(garbage)).toEqual(Array.from(copy));
  });

  it('raises the not-positive-definite error of the JavaScript path, with the same message, and recovers', () => {
    const k = 150;
    const a = randomSpd(new Prng(8), k);
    a[140 * k + 140] = -1e6; // pivot 140 lies in the third panel, after two SIMD trailing updates
    const simdError = thrown(() => wasmFactor(k).factor(a));
    const jsError = thrown(() => choleskyFactor(Float64Array.from(a), k));
    expect(simdError.code).toBe('solver/not-positive-definite');
    expect(simdError.message).toBe(jsError.message);
    expect(simdError.message).toMatch(/pivot 140 /);

    const small = new Float64Array([4, 2, 0, 0, 2, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 2]); // pivot 1 is 0
    const factor = wasmFactor(4);
    expect(thrown(() => factor.factor(small)).message).toMatch(/pivot 1 is 0/);
    // A failed factorization leaves no factor to solve with; a later good one works.
    expect(thrown(() => factor.solve(new Float64Array(4))).code).toBe('solver/invalid-argument');
    const good = randomSpd(new Prng(9), 4);
    factor.factor(good);
    const b = Float64Array.from([1, 2, 3, 4]);
    const x = Float64Array.from(b);
    factor.solve(x);
    expect(relativeResidual(good, 4, x, b)).toBeLessThan(1e-12);
  });

  it('rejects NaN and infinite entries as not positive definite', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const a = randomSpd(new Prng(3), 80);
      a[70 * 80 + 3] = bad; // below the first panel: reaches the pivots through the SIMD update
      a[3 * 80 + 70] = bad;
      expect(thrown(() => wasmFactor(80).factor(a)).code).toBe('solver/not-positive-definite');
    }
  });

  it('rejects wrongly sized matrices and right-hand sides', () => {
    const factor = wasmFactor(3);
    expect(thrown(() => factor.factor(new Float64Array(8))).code).toBe('linalg/shape-mismatch');
    factor.factor(new Float64Array([2, 0, 0, 0, 2, 0, 0, 0, 2]));
    expect(thrown(() => factor.solve(new Float64Array(4), 2)).code).toBe('linalg/shape-mismatch');
    expect(thrown(() => factorCholesky(new Float64Array(8), 3)).code).toBe('linalg/shape-mismatch');
  });
});

describe('factorCholesky', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  it('takes WebAssembly SIMD from order 64 on and JavaScript below, or when SIMD is turned off', () => {
    const rng = new Prng(12);
    const small = randomSpd(rng, WASM_CHOLESKY_MIN_ORDER - 1);
    const large = randomSpd(rng, WASM_CHOLESKY_MIN_ORDER);
    expect(factorCholesky(small, WASM_CHOLESKY_MIN_ORDER - 1).backend).toBe('javascript');
    expect(factorCholesky(large, WASM_CHOLESKY_MIN_ORDER).backend).toBe('wasm-simd');
    expect(factorCholesky(small, WASM_CHOLESKY_MIN_ORDER - 1, 'wasm-simd').backend).toBe('wasm-simd');
    expect(factorCholesky(large, WASM_CHOLESKY_MIN_ORDER, 'javascript').backend).toBe('javascript');
    setSimdKernelsEnabled(false);
    expect(WasmCholeskyFactor.create(10)).toBeNull();
    expect(factorCholesky(large, WASM_CHOLESKY_MIN_ORDER).backend).toBe('javascript');
    expect(factorCholesky(large, WASM_CHOLESKY_MIN_ORDER, 'wasm-simd').backend).toBe('javascript');
  });

  it('gives the same solution on both backends', () => {
    const k = 97;
    const rng = new Prng(13);
    const a = randomSpd(rng, k);
    const b = Float64Array.from({ length: k }, () => rng.nextGaussian());
    const solve = (backend: 'wasm-simd' | 'javascript'): number[] => {
      const x = Float64Array.from(b);
      factorCholesky(a, k, backend).solve(x);
      return Array.from(x);
    };
    expect(solve('wasm-simd')).toEqual(solve('javascript'));
  });
});
