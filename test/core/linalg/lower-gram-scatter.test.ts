import { afterEach, describe, expect, it } from 'vitest';
import { LowerGramScatter } from '../../../src-core/linalg/lower-gram-scatter';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { setSimdKernelsEnabled } from '../../../src-core/linalg/simd-kernels';
import { Prng } from '../../../src-core/random/prng';

interface Group {
  rows: Int32Array;
  /** count x d row-major. */
  y: Float64Array;
}

/** Random groups of increasing rows (sizes 0..n, some not multiples of 4) with Gaussian vectors. */
function randomGroups(rng: Prng, n: number, d: number, count: number): Group[] {
  const groups: Group[] = [];
  for (let g = 0; g < count; g++) {
    const rows: number[] = [];
    const keep = g === 0 ? 1 : g === 1 ? 0 : rng.nextFloat();
    for (let k = 0; k < n; k++) if (rng.nextFloat() < keep) rows.push(k);
    groups.push({ rows: Int32Array.from(rows), y: Float64Array.from({ length: rows.length * d }, () => rng.nextGaussian()) });
  }
  return groups;
}

function scatter(groups: readonly Group[], n: number, d: number): { out: Float64Array; simd: boolean } {
  const gram = new LowerGramScatter(n, d, n);
  gram.reset();
  for (const { rows, y } of groups) {
    for (let t = 0; t < rows.length; t++) for (let p = 0; p < d; p++) gram.packed[gram.packedIndex(t, p)] = y[t * d + p]!;
    gram.add(rows, rows.length);
  }
  const out = new Float64Array(n * n);
  gram.lowerInto(out);
  return { out, simd: gram.simd };
}

/** The same sums by definition: per group, the dot product over p in order, added to S. */
function reference(groups: readonly Group[], n: number, d: number): Float64Array {
  const S = new Float64Array(n * n);
  for (const { rows, y } of groups) {
    for (let t = 0; t < rows.length; t++) {
      for (let u = 0; u <= t; u++) {
        let sum = 0;
        for (let p = 0; p < d; p++) sum += y[t * d + p]! * y[u * d + p]!;
        S[rows[t]! * n + rows[u]!]! += sum;
      }
    }
  }
  return S;
}

describe('LowerGramScatter', () => {
  afterEach(() => setSimdKernelsEnabled(true));

  for (const [n, d] of [[1, 1], [7, 3], [37, 5], [64, 13]] as const) {
    it(`sums the groups' Grams into the lower triangle (n = ${n}, d = ${d}), SIMD and JavaScript alike to the bit`, () => {
      const groups = randomGroups(new Prng(n * 100 + d), n, d, 9);
      const expected = reference(groups, n, d);
      const simd = scatter(groups, n, d);
      setSimdKernelsEnabled(false);
      const js = scatter(groups, n, d);
      expect(js.simd).toBe(false);
      expect(simd.simd).toBe(true);
      expect(Array.from(simd.out)).toEqual(Array.from(expected));
      expect(Array.from(js.out)).toEqual(Array.from(expected));
    });
  }

  it('forms each group\'s vectors L^T x_k from the rows of X it keeps packed, SIMD and JavaScript alike to the bit', () => {
    const n = 23;
    const d = 6;
    const rng = new Prng(11);
    const X = createMatrix(n, d, Float64Array.from({ length: n * d }, () => rng.nextGaussian()));
    const groups = randomGroups(rng, n, 1, 5).map((g) => g.rows);
    const Ls = groups.map(() => {
      const L = new Float64Array(d * d);
      for (let a = 0; a < d; a++) for (let b = 0; b <= a; b++) L[a * d + b] = rng.nextGaussian();
      // The upper triangle is not read: garbage there must not matter.
      for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) L[a * d + b] = 1e30;
      return L;
    });
    // By definition: y_k[a] = sum over b >= a of L[b][a] x_k[b], in order of b.
    const expected = reference(
      groups.map((rows, g) => {
        const y = new Float64Array(rows.length * d);
        rows.forEach((k, t) => {
          for (let a = 0; a < d; a++) {
            let sum = 0;
            for (let b = a; b < d; b++) sum += Ls[g]![b * d + a]! * X.data[k * d + b]!;
            y[t * d + a] = sum;
          }
        });
        return { rows, y };
      }),
      n,
      d,
    );
    const run = (): Float64Array => {
      const gram = new LowerGramScatter(n, d, n, { X, rows: groups });
      gram.reset();
      groups.forEach((_, g) => gram.addLowerTransformed(g, Ls[g]!));
      const out = new Float64Array(n * n);
      gram.lowerInto(out);
      return out;
    };
    const simd = run();
    setSimdKernelsEnabled(false);
    const js = run();
    expect(Array.from(simd)).toEqual(Array.from(expected));
    expect(Array.from(js)).toEqual(Array.from(expected));
  });

  it('starts again from zero after reset and leaves the upper triangle of the output alone', () => {
    const groups = randomGroups(new Prng(5), 10, 4, 3);
    const gram = new LowerGramScatter(10, 4, 10);
    const out = new Float64Array(100).fill(7);
    for (let round = 0; round < 2; round++) {
      gram.reset();
      for (const { rows, y } of groups) {
        for (let t = 0; t < rows.length; t++) for (let p = 0; p < 4; p++) gram.packed[gram.packedIndex(t, p)] = y[t * 4 + p]!;
        gram.add(rows, rows.length);
      }
    }
    gram.lowerInto(out);
    const expected = reference(groups, 10, 4);
    for (let k = 0; k < 10; k++) {
      for (let l = 0; l < 10; l++) expect(out[k * 10 + l]).toBe(l <= k ? expected[k * 10 + l] : 7);
    }
  });

  it('refuses bad sizes and more rows than reserved', () => {
    expect(() => new LowerGramScatter(0, 3, 0)).toThrow(/n >= 1/);
    expect(() => new LowerGramScatter(5, 3, 6)).toThrow(/maxRows <= n/);
    const gram = new LowerGramScatter(9, 2, 4);
    expect(() => gram.add(Int32Array.from([0, 1, 2, 3, 4]), 5)).toThrow(/at most 4/);
    expect(() => new LowerGramScatter(9, 2, 4, { X: createMatrix(9, 2), rows: [Int32Array.from([0, 1, 2, 3, 4])] })).toThrow(/a group has 5 rows, at most 4/);
  });
});
