import { Matrix as DenseMatrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
import { chooseIpmSystemPath, IPM_MAX_FACTOR_ORDER, IpmNewtonSystem } from '../../../../src-core/solvers/ipm/ipm-newton-system';
import { ntScaling, wInverseMatrix } from '../../../../src-core/solvers/ipm/second-order-cone';

/**
 * The structured Newton solve against the dense matrix
 *   H = [F^T F, 0; 0, 0] + blockdiag_j(Omega_j + [0, 0; 0, X^T diag(c_j) X])
 * assembled entry by entry and solved by ml-matrix's LU, on weights spread over 10^(+-range).
 */
function setup(n: number, d: number, P: number, range: number, seed: number) {
  const rng = new Prng(seed);
  const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
  const masks = Uint8Array.from({ length: n * P }, () => (rng.nextFloat() < 0.5 ? 1 : 0));
  const m = 2 * P;
  const side = d + 1;
  const c = Float64Array.from({ length: n * m }, () => 10 ** ((2 * rng.nextFloat() - 1) * range));
  const eta = new Float64Array(m);
  const v = new Float64Array(m * side);
  const omega = new Float64Array(m * side * side);
  for (let j = 0; j < m; j++) {
    const s = new Float64Array(side);
    const z = new Float64Array(side);
    let ns = 0;
    let nz = 0;
    for (let p = 1; p < side; p++) {
      s[p] = rng.nextGaussian();
      z[p] = rng.nextGaussian();
      ns += s[p]! ** 2;
      nz += z[p]! ** 2;
    }
    const scale = 10 ** ((2 * rng.nextFloat() - 1) * (range / 2));
    s[0] = Math.sqrt(ns) * (1.001 + rng.nextFloat());
    z[0] = Math.sqrt(nz) * (1.001 + rng.nextFloat());
    for (let p = 0; p < side; p++) {
      s[p]! *= scale;
      z[p]! /= scale;
    }
    eta[j] = ntScaling(s, 0, z, 0, side, v, j * side);
    // Omega_j = W_j^{-2} = (W_j^{-1})^2, W^{-1} symmetric.
    const R = new Float64Array(side * side);
    wInverseMatrix(eta[j]!, v, j * side, side, R, 0);
    for (let p = 0; p < side; p++) {
      for (let q = 0; q < side; q++) {
        let sum = 0;
        for (let r = 0; r < side; r++) sum += R[p * side + r]! * R[r * side + q]!;
        omega[j * side * side + p * side + q] = sum;
      }
    }
  }
  const N = m * d + m;
  const H = DenseMatrix.zeros(N, N);
  const F = DenseMatrix.zeros(n, m * d);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < P; i++) {
      if (!masks[k * P + i]) continue;
      for (let a = 0; a < d; a++) {
        F.set(k, i * d + a, X.data[k * d + a]!);
        F.set(k, (P + i) * d + a, -X.data[k * d + a]!);
      }
    }
  }
  const FtF = F.transpose().mmul(F);
  for (let r = 0; r < m * d; r++) for (let q = 0; q < m * d; q++) H.set(r, q, FtF.get(r, q));
  for (let j = 0; j < m; j++) {
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        let g = 0;
        for (let k = 0; k < n; k++) g += c[k * m + j]! * X.data[k * d + a]! * X.data[k * d + b]!;
        H.set(j * d + a, j * d + b, H.get(j * d + a, j * d + b) + g);
      }
    }
    const index = (q: number): number => (q === 0 ? m * d + j : j * d + q - 1);
    for (let p = 0; p < side; p++) {
      for (let q = 0; q < side; q++) H.set(index(p), index(q), H.get(index(p), index(q)) + omega[j * side * side + p * side + q]!);
    }
  }
  const rhs = Float64Array.from({ length: N }, () => rng.nextGaussian());
  const expected = solve(H, DenseMatrix.columnVector(Array.from(rhs))).to1DArray();
  return { X, masks, P, m, d, c, eta, v, rhs, expected };
}

describe('IpmNewtonSystem', () => {
  for (const range of [0, 4, 8]) {
    for (const path of ['direct', 'woodbury'] as const) {
      it(`solves the Newton system like a dense solve (${path}, weights over 10^+-${range})`, () => {
        const { X, masks, P, m, d, c, eta, v, rhs, expected } = setup(30, 4, 5, range, 17 + range);
        const system = new IpmNewtonSystem(X, masks, P, path, () => 0);
        system.update(c, eta, v);
        const du = Float64Array.from(rhs.subarray(0, m * d));
        const dt = Float64Array.from(rhs.subarray(m * d));
        system.solve(du, dt, du, dt);
        const got = [...du, ...dt];
        const size = Math.max(...expected.map(Math.abs));
        const err = Math.max(...got.map((g, k) => Math.abs(g - expected[k]!)));
        expect(err / size).toBeLessThan(1e-9);
      });
    }
  }

  it('factors again for new weights (the second update replaces the first)', () => {
    const a = setup(20, 3, 4, 2, 5);
    const b = setup(20, 3, 4, 2, 6); // other weights and right-hand side on other data
    const system = new IpmNewtonSystem(a.X, a.masks, a.P, 'direct', () => 0);
    system.update(b.c, b.eta, b.v); // weights of b on the data of a: a different matrix ...
    system.update(a.c, a.eta, a.v); // ... then a's own
    const du = Float64Array.from(a.rhs.subarray(0, a.m * a.d));
    const dt = Float64Array.from(a.rhs.subarray(a.m * a.d));
    system.solve(du, dt, du, dt);
    const got = [...du, ...dt];
    const size = Math.max(...a.expected.map(Math.abs));
    expect(Math.max(...got.map((g, k) => Math.abs(g - a.expected[k]!))) / size).toBeLessThan(1e-9);
  });

  it('auto takes the path with less factorization work, each within the order limit', () => {
    // Measured cheaper (ms per step direct / Woodbury): 600 x 31 x 64: 169 / 49; 5000 x 21 x 32: 31 / 2292.
    expect(chooseIpmSystemPath(600, 31, 64, 'auto')).toBe('woodbury');
    expect(chooseIpmSystemPath(5000, 21, 32, 'auto')).toBe('direct');
    expect(chooseIpmSystemPath(1000, 21, 32, 'auto')).toBe('direct');
    expect(chooseIpmSystemPath(2000, 51, 64, 'auto')).toBe('woodbury');
    // Only one of them fits: that one (neither: direct, which ipmSizeProblem refuses first).
    expect(chooseIpmSystemPath(300, 50, Math.floor(IPM_MAX_FACTOR_ORDER / 50) + 1, 'auto')).toBe('woodbury');
    expect(chooseIpmSystemPath(IPM_MAX_FACTOR_ORDER + 1, 2, 8, 'auto')).toBe('direct');
    expect(chooseIpmSystemPath(IPM_MAX_FACTOR_ORDER + 1, 50, 200, 'auto')).toBe('direct');
    expect(chooseIpmSystemPath(600, 31, 64, 'direct')).toBe('direct');
    expect(chooseIpmSystemPath(5000, 21, 32, 'woodbury')).toBe('woodbury');
  });
});
