import { describe, expect, it } from 'vitest';
import { choleskyFactor, choleskySolve } from '../../../../src-core/linalg/cholesky';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
import { addDominantProduct, DOMINANCE_RATIO, DominantRowCapacitance, findDominantRows, separateBlocks, type DominantRow } from '../../../../src-core/solvers/ipm/dominant-rows';

/** Block j's weighted Gram sum_k c_kj x_k x_k^T, both triangles (d x d). */
function gram(X: { rows: number; cols: number; data: Float64Array }, c: Float64Array, m: number, j: number): Float64Array {
  const d = X.cols;
  const out = new Float64Array(d * d);
  for (let k = 0; k < X.rows; k++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) out[a * d + b]! += c[k * m + j]! * X.data[k * d + a]! * X.data[k * d + b]!;
  return out;
}

describe('findDominantRows', () => {
  it('finds a row whose weight dwarfs the rest of its block, and caps it at the rest times DOMINANCE_RATIO', () => {
    // Two blocks over three rows: block 0's row 1 weighs 1e12 against 1 and 2; block 1 has none.
    const X = createMatrix(3, 2, Float64Array.from([1, 1, 2, 1, -1, 1]));
    const c = Float64Array.from([1, 1, 1e12, 3, 2, 1]);
    const coneTrace = Float64Array.from([0.5, 0.5]);
    const rows = findDominantRows(c, X, coneTrace);
    expect(rows).toHaveLength(1);
    const rest = 1 * 2 + 2 * 2 + 0.5; // rows 0 and 2 (|x|^2 = 2 each) and the cone part
    expect(rows[0]).toEqual({ block: 0, row: 1, weight: 1e12, capped: (DOMINANCE_RATIO * rest) / 5 });
    expect(rows[0]!.capped).toBeLessThan(rows[0]!.weight);
  });

  it('caps several dominant rows of one block at the rest without any of them', () => {
    const X = createMatrix(3, 3, Float64Array.from([1, 0, 1, 0, 1, 1, 1, 1, 1]));
    const c = Float64Array.from([1e14, 1e13, 1]);
    const rows = findDominantRows(c, X, Float64Array.from([0]));
    expect(rows.map((r) => r.row)).toEqual([0, 1]);
    for (const r of rows) {
      expect(r.capped).toBeCloseTo((DOMINANCE_RATIO * 3) / 2, 0);
      expect(r.capped).toBeLessThan(r.weight);
    }
  });

  it('finds none where no row dominates by DOMINANCE_RATIO', () => {
    const X = createMatrix(2, 2, Float64Array.from([1, 1, 1, -1]));
    expect(findDominantRows(Float64Array.from([1e7, 1]), X, Float64Array.from([0.01]))).toEqual([]);
  });
});

describe('separateBlocks and addDominantProduct', () => {
  it('keep the curvature that the explicit block loses under a dominant row', () => {
    // Block 0: the row (1, 1) at weight 1e12 and the row (1, -1) at 1e-6. Explicitly the block is
    // [[1e12, 1e12], [1e12, 1e12]] to the last bit (the 1e-6 is below its rounding): no curvature
    // along n = (1, -1). Kept out, the dominant row adds c (x^T n)^2 = 0 there and the block 4e-6.
    const X = createMatrix(2, 2, Float64Array.from([1, 1, 1, -1]));
    const c = Float64Array.from([1e12, 1e-6]);
    const full = gram(X, c, 1, 0);
    const n = Float64Array.from([1, -1]);
    const quadratic = (B: Float64Array): number => n[0]! * (B[0]! * n[0]! + B[1]! * n[1]!) + n[1]! * (B[2]! * n[0]! + B[3]! * n[1]!);
    expect(quadratic(full)).toBe(0);
    const rows = findDominantRows(c, X, Float64Array.from([0]));
    expect(rows).toHaveLength(1);
    const operator = new Float64Array(4);
    const preconditioner = new Float64Array(4);
    separateBlocks(full, new Float64Array(4), c, X, rows, null, operator, preconditioner);
    const applied = new Float64Array(2);
    for (let a = 0; a < 2; a++) applied[a] = operator[a * 2]! * n[0]! + operator[a * 2 + 1]! * n[1]!;
    addDominantProduct(rows, X, n, applied);
    expect(n[0]! * applied[0]! + n[1]! * applied[1]!).toBeCloseTo(4e-6, 18);
    // The preconditioner's block: the operator's plus the row at its capped weight.
    expect(preconditioner[0]).toBeCloseTo(operator[0]! + rows[0]!.capped, 6);
  });

  it('apply, with the dominant rows, what the blocks of all rows apply; blocks without dominant rows are copied', () => {
    const rng = new Prng(3);
    const n = 12;
    const d = 3;
    const m = 4;
    const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
    const c = Float64Array.from({ length: n * m }, () => rng.nextFloat());
    c[5 * m + 1] = 1e10; // block 1, row 5
    c[7 * m + 2] = 1e11; // block 2, row 7
    const coneParts = new Float64Array(m * d * d);
    for (let j = 0; j < m; j++) for (let a = 0; a < d; a++) coneParts[j * d * d + a * d + a] = 0.1;
    const full = new Float64Array(m * d * d);
    for (let j = 0; j < m; j++) gram(X, c, m, j).forEach((value, t) => (full[j * d * d + t] = value + coneParts[j * d * d + t]!));
    const rows = findDominantRows(c, X, Float64Array.from({ length: m }, () => 0.3));
    expect(rows.map((r) => [r.block, r.row])).toEqual([[1, 5], [2, 7]]);
    const operator = new Float64Array(m * d * d);
    const preconditioner = new Float64Array(m * d * d);
    separateBlocks(full, coneParts, c, X, rows, null, operator, preconditioner);
    const u = Float64Array.from({ length: m * d }, () => rng.nextGaussian());
    const separated = new Float64Array(m * d);
    const explicit = new Float64Array(m * d);
    for (let j = 0; j < m; j++) {
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          separated[j * d + a]! += operator[j * d * d + a * d + b]! * u[j * d + b]!;
          explicit[j * d + a]! += full[j * d * d + a * d + b]! * u[j * d + b]!;
        }
      }
    }
    addDominantProduct(rows, X, u, separated);
    explicit.forEach((value, t) => expect(Math.abs(separated[t]! - value)).toBeLessThan(1e-14 * 1e11 * 10));
    for (const j of [0, 3]) for (let t = 0; t < d * d; t++) expect(preconditioner[j * d * d + t]).toBe(full[j * d * d + t]);
  });
});

describe('DominantRowCapacitance', () => {
  it('solves Hc + U (C - Cc) U^T through the solver of Hc', () => {
    const rng = new Prng(11);
    const d = 3;
    const blocks = 2;
    const N = d * blocks;
    const X = createMatrix(4, d, Float64Array.from({ length: 4 * d }, () => rng.nextGaussian()));
    // Hc: a random SPD matrix on the 2 blocks of 3 unknowns, solved densely.
    const A = Float64Array.from({ length: N * N }, () => rng.nextGaussian());
    const Hc = new Float64Array(N * N);
    for (let r = 0; r < N; r++) for (let s = 0; s < N; s++) for (let t = 0; t < N; t++) Hc[r * N + s]! += A[t * N + r]! * A[t * N + s]!;
    for (let r = 0; r < N; r++) Hc[r * N + r]! += 1;
    const factor = Float64Array.from(Hc);
    choleskyFactor(factor, N);
    const solveCapped = (r: Float64Array, out: Float64Array): void => {
      out.set(r);
      choleskySolve(factor, N, out, 0);
    };
    const rows: DominantRow[] = [
      { block: 0, row: 1, weight: 1e6, capped: 10 },
      { block: 1, row: 3, weight: 5e5, capped: 2 },
    ];
    const H = Float64Array.from(Hc);
    for (const { block, row, weight, capped } of rows) {
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) H[(block * d + a) * N + block * d + b]! += (weight - capped) * X.data[row * d + a]! * X.data[row * d + b]!;
    }
    const r = Float64Array.from({ length: N }, () => rng.nextGaussian());
    const expected = Float64Array.from(r);
    const hFactor = Float64Array.from(H);
    choleskyFactor(hFactor, N);
    choleskySolve(hFactor, N, expected, 0);
    const capacitance = new DominantRowCapacitance(rows, X, N, solveCapped);
    const x = new Float64Array(N);
    solveCapped(r, x);
    capacitance.correct(x);
    x.forEach((value, t) => expect(value).toBeCloseTo(expected[t]!, 9));
  });
});
