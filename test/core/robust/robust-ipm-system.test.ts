import { describe, expect, it } from 'vitest';
import { choleskyFactor, choleskySolve } from '../../../src-core/linalg/cholesky';
import { Prng } from '../../../src-core/random/prng';
import { LocalEliminationSystem, type ConeList } from '../../../src-core/robust/robust-ipm-system';
import { SparseRowsBuilder } from '../../../src-core/robust/sparse-rows';
import { wInverseMatrix } from '../../../src-core/solvers/ipm/second-order-cone';
import { randomConeScaling } from './random-cone-scaling';

/**
 * A random program with 4 global columns and 3 local groups of 2 columns: global rays, a global
 * second-order cone, and per group rays and one second-order cone mixing its own and global
 * columns. The eliminated solve must equal a dense solve of P + A^T W^{-2} A.
 */
describe('LocalEliminationSystem', () => {
  // 'mixed scales': each group's first ray (on its local column a) weighted 1e12, as a robust
  // sample's loss slack is near the end; its other local column keeps weights ~1.
  for (const mixed of [false, true]) it(`solves P + A^T W^{-2} A exactly as the dense matrix does${mixed ? ' (mixed scales in the local blocks)' : ''}`, () => {
    const prng = new Prng(7);
    const cols = 10;
    const localGroup = Int32Array.of(-1, 0, -1, 0, 1, -1, 1, 2, 2, -1);
    const globals = [0, 2, 5, 9];
    const groupCols = [[1, 3], [4, 6], [7, 8]];
    const builder = new SparseRowsBuilder(cols);
    const start: number[] = [];
    const size: number[] = [];
    const soc: number[] = [];
    const row = (columns: number[]): void => {
      for (const c of columns) builder.add(c, prng.nextGaussian());
      builder.endRow();
    };
    const ray = (columns: number[]): void => {
      start.push(builder.rowCount);
      size.push(1);
      soc.push(0);
      row(columns);
    };
    const cone = (rows: number[][]): void => {
      start.push(builder.rowCount);
      size.push(rows.length);
      soc.push(1);
      rows.forEach(row);
    };
    for (let r = 0; r < 6; r++) ray([globals[r % 4]!, globals[(r + 1) % 4]!]);
    cone([[0], [2, 5], [9]]);
    const heavyRows: number[] = [];
    groupCols.forEach(([a, b], k) => {
      heavyRows.push(builder.rowCount);
      ray([a!]);
      ray([a!, globals[k]!]);
      ray([b!, globals[k + 1]!, a!]);
      cone([[a!], [b!, globals[k]!], [globals[3]!]]);
    });
    const A = builder.build();
    const cones: ConeList = { start: Int32Array.from(start), size: Int32Array.from(size), soc: Uint8Array.from(soc) };
    const p = Float64Array.from({ length: cols }, (_, c) => (c === 3 || c === 8 ? 1.5 : 0));

    // A strictly feasible (s, y) pair per cone gives the scaling, as the method computes it.
    const { rayW, eta, v } = randomConeScaling(cones, A.rows, prng, (row) => (mixed && heavyRows.includes(row) ? 1e-6 : 0.5 + prng.nextFloat()));

    const system = new LocalEliminationSystem(A, cones, localGroup, 3, p);
    system.update({ rayW, eta, v });
    const rhs = Float64Array.from({ length: cols }, () => prng.nextGaussian());
    const solved = Float64Array.from(rhs);
    system.solve(solved);

    // Dense: H = P + sum over cones of (W^{-1} A_C)^T (W^{-1} A_C).
    const H = new Float64Array(cols * cols);
    for (let c = 0; c < cols; c++) H[c * cols + c] = p[c]!;
    const dense = (r: number): Float64Array => {
      const out = new Float64Array(cols);
      for (let q = A.rowStart[r]!; q < A.rowStart[r + 1]!; q++) out[A.columns[q]!]! += A.values[q]!;
      return out;
    };
    start.forEach((o, g) => {
      const m = size[g]!;
      const rows = Array.from({ length: m }, (_, a) => dense(o + a));
      let scaled: Float64Array[];
      if (!soc[g]) scaled = [rows[0]!.map((x) => x / rayW[o]!)];
      else {
        const Winv = new Float64Array(m * m);
        wInverseMatrix(eta[g]!, v, o, m, Winv, 0);
        scaled = Array.from({ length: m }, (_, a) => {
          const out = new Float64Array(cols);
          for (let b = 0; b < m; b++) for (let c = 0; c < cols; c++) out[c]! += Winv[a * m + b]! * rows[b]![c]!;
          return out;
        });
      }
      for (const r of scaled) for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) H[i * cols + j]! += r[i]! * r[j]!;
    });
    choleskyFactor(H, cols);
    const expected = Float64Array.from(rhs);
    choleskySolve(H, cols, expected);
    for (let c = 0; c < cols; c++) expect(Math.abs(solved[c]! - expected[c]!)).toBeLessThan(1e-10 * Math.max(1, Math.abs(expected[c]!)));
    expect(system.globalCount).toBe(4);
  });

  it('refuses a cone that touches two local groups', () => {
    const builder = new SparseRowsBuilder(3);
    builder.add(0, 1);
    builder.add(1, 1);
    builder.endRow();
    const cones: ConeList = { start: Int32Array.of(0), size: Int32Array.of(1), soc: Uint8Array.of(0) };
    expect(() => new LocalEliminationSystem(builder.build(), cones, Int32Array.of(0, 1, -1), 2, new Float64Array(3))).toThrow(/two local groups/);
  });
});
