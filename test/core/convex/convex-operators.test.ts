import { afterEach, describe, expect, it } from 'vitest';
import { ConvexOperators } from '../../../src-core/convex/convex-operators';
import { createMatrix, type Matrix } from '../../../src-core/linalg/matrix';
import { setSimdKernelsEnabled } from '../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../src-core/random/prng';

function randomArray(rng: Prng, length: number): Float64Array {
  return Float64Array.from({ length }, () => rng.nextGaussian());
}

function randomMatrix(rng: Prng, rows: number, cols: number): Matrix {
  return createMatrix(rows, cols, randomArray(rng, rows * cols));
}

function operators(rng: Prng, n: number, d: number, P: number): { X: Matrix; ops: ConvexOperators } {
  const X = randomMatrix(rng, n, d);
  const masks = Uint8Array.from({ length: n * P }, () => (rng.nextGaussian() > 0 ? 1 : 0));
  return { X, ops: new ConvexOperators(X, { n, count: P, masks }) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function run(ops: ConvexOperators, U: Float64Array, R: Float64Array): { XU: Float64Array; adjoint: Float64Array } {
  const XU = new Float64Array(ops.patternSpaceLength).fill(Number.NaN);
  const adjoint = new Float64Array(ops.blockLength).fill(Number.NaN);
  ops.applyBlocks(U, XU);
  ops.adjointBlocks(R, adjoint);
  return { XU, adjoint };
}

describe('ConvexOperators products with all 2P blocks', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  it('applyBlocks gives x_k^T u_j and adjointBlocks its adjoint: <X U^T, R> = <U, adjoint(R)>', () => {
    const rng = new Prng(17);
    for (const [n, d, P] of [[3, 2, 1], [37, 5, 3], [300, 12, 8]] as const) {
      const { X, ops } = operators(rng, n, d, P);
      const U = randomArray(rng, ops.blockLength);
      const R = randomArray(rng, ops.patternSpaceLength);
      const { XU, adjoint } = run(ops, U, R);
      const m = 2 * P;
      for (const [k, j] of [[0, 0], [n - 1, m - 1], [n >> 1, P]] as const) {
        let s = 0;
        for (let t = 0; t < d; t++) s += X.data[k * d + t]! * U[j * d + t]!;
        expect(XU[k * m + j]).toBeCloseTo(s, 12);
      }
      expect(dot(XU, R) / dot(U, adjoint)).toBeCloseTo(1, 12);
    }
  });

  it('give the same bits with WebAssembly SIMD and with the JavaScript kernels', () => {
    const rng = new Prng(5);
    const { ops } = operators(rng, 520, 51, 32);
    const U = randomArray(rng, ops.blockLength);
    const R = randomArray(rng, ops.patternSpaceLength);
    const simd = run(ops, U, R);
    setSimdKernelsEnabled(false);
    const scalar = run(ops, U, R);
    expect(Array.from(simd.XU)).toEqual(Array.from(scalar.XU));
    expect(Array.from(simd.adjoint)).toEqual(Array.from(scalar.adjoint));
  });

  it('stay exact when two live operators on different X take turns (each X copied back in)', () => {
    const rng = new Prng(9);
    const a = operators(rng, 200, 7, 4);
    const b = operators(rng, 90, 13, 6);
    const inputs = [a, b].map(({ ops }) => ({ U: randomArray(rng, ops.blockLength), R: randomArray(rng, ops.patternSpaceLength) }));
    setSimdKernelsEnabled(false);
    const alone = [a, b].map(({ ops }, i) => run(ops, inputs[i]!.U, inputs[i]!.R));
    setSimdKernelsEnabled(true);
    for (let round = 0; round < 2; round++) {
      [a, b].forEach(({ ops }, i) => {
        const again = run(ops, inputs[i]!.U, inputs[i]!.R);
        expect(Array.from(again.XU)).toEqual(Array.from(alone[i]!.XU));
        expect(Array.from(again.adjoint)).toEqual(Array.from(alone[i]!.adjoint));
      });
    }
  });

  it('residentPatternSpace: the engine-style views give the same bits as ordinary arrays; null for odd P', () => {
    const rng = new Prng(12);
    const { ops } = operators(rng, 400, 51, 8);
    const U = randomArray(rng, ops.blockLength);
    const R = randomArray(rng, ops.patternSpaceLength);
    const plain = run(ops, U, R);
    const views = ops.residentPatternSpace()!;
    expect(views.adjointInput.length).toBe(ops.patternSpaceLength);
    views.adjointInput.set(R);
    const adjoint = new Float64Array(ops.blockLength);
    ops.adjointBlocks(views.adjointInput, adjoint);
    ops.applyBlocks(U, views.applyOutput);
    expect(Array.from(views.applyOutput)).toEqual(Array.from(plain.XU));
    expect(Array.from(adjoint)).toEqual(Array.from(plain.adjoint));
    expect(operators(rng, 40, 5, 3).ops.residentPatternSpace()).toBeNull();
  });
});
