import { describe, expect, it } from 'vitest';
import { buildRobustConicForm } from '../../../src-core/robust/robust-conic-form';
import { robustConicQp } from '../../../src-core/robust/robust-conic-qp';
import { RobustPdhg } from '../../../src-core/robust/robust-pdhg';
import type { RobustProblem } from '../../../src-core/robust/robust-problem';
import { uniformThreat } from '../../../src-core/robust/threat-model';
import { smallHingeProblem } from './robust-fixtures';

/** The program without an adversary on 20 Gaussian rows (2 features and the bias column, 4 patterns). */
const hingeProblem = (): RobustProblem => smallHingeProblem(20, 4, 3, (_x1, _x2, k) => (k % 2 === 0 ? 1 : -1));

/** Row r of a sparse matrix as a dense array over `cols` columns. */
function denseRow(A: { rowStart: Int32Array; columns: Int32Array; values: Float64Array }, r: number, cols: number): number[] {
  const row = new Array<number>(cols).fill(0);
  for (let p = A.rowStart[r]!; p < A.rowStart[r + 1]!; p++) row[A.columns[p]!]! += A.values[p]!;
  return row;
}

describe('robustConicQp with a working set of cone rows', () => {
  it('keeps every row of K, in order, when no set is given', () => {
    const problem = hingeProblem();
    const form = buildRobustConicForm(problem);
    const qp = robustConicQp(problem, form);
    expect(Array.from(qp.kRowOf)).toEqual(Array.from({ length: form.K.rows }, (_, r) => r));
  });

  it('leaves out exactly the cone rows the set does not keep, the other rows and cones unchanged', () => {
    const problem = hingeProblem();
    const form = buildRobustConicForm(problem);
    const { n, P, coneRowStart } = form.layout;
    const m = 2 * P;
    // Keep row k of block j when (k + j) is divisible by 3.
    const kept = Uint8Array.from({ length: n * m }, (_, e) => ((Math.floor(e / m) + (e % m)) % 3 === 0 ? 1 : 0));
    const full = robustConicQp(problem, form, 1e-6);
    const part = robustConicQp(problem, form, 1e-6, kept);
    const leftOut = kept.length - kept.reduce((sum, v) => sum + v, 0);
    expect(part.A.rows).toBe(full.A.rows - leftOut);
    expect(part.cones.start.length).toBe(full.cones.start.length - leftOut);
    // Each kept row of K is the full program's row, with its relaxed right-hand side.
    part.kRowOf.forEach((t, r) => {
      const coneRow = t - coneRowStart;
      if (coneRow >= 0 && coneRow < m * n) expect(kept[(coneRow % n) * m + Math.floor(coneRow / n)]).toBe(1);
      expect(denseRow(part.A, r, part.A.cols)).toEqual(denseRow(full.A, t, full.A.cols));
      expect(part.c[r]).toBe(full.c[t]);
    });
    const keptCone = part.kRowOf.filter((t) => t - coneRowStart >= 0 && t - coneRowStart < m * n).length;
    expect(keptCone).toBe(m * n - leftOut);
    // The rows after K's (the heights' cones, hinge's e_k >= 0) follow as in the full program.
    const tail = full.A.rows - form.K.rows;
    for (let r = 0; r < tail; r++) expect(denseRow(part.A, part.kRowOf.length + r, part.A.cols)).toEqual(denseRow(full.A, form.K.rows + r, full.A.cols));
    expect(Array.from(part.cones.soc).filter((s) => s === 1)).toHaveLength(Array.from(full.cones.soc).filter((s) => s === 1).length);
  });

  it('writes the cone and loss rows itself, so a form built without their entries gives the same program (l_inf and l_2 threats)', () => {
    const base = hingeProblem();
    const d = base.X.cols;
    for (const threat of [uniformThreat('linf', 0.05, d, [d - 1]), { norm: 'l2' as const, radii: Float64Array.from({ length: d }, (_, t) => (t === d - 1 ? 0 : 0.03 * (t + 1))) }]) {
      const problem = { ...base, threat };
      const full = buildRobustConicForm(problem);
      const lean = buildRobustConicForm(problem, { coneAndLossEntries: false });
      const { n, P, coneRowStart, lossRowStart, lossRowsPerSample } = full.layout;
      expect(full.coneAndLossEntries).toBe(true);
      expect(lean.coneAndLossEntries).toBe(false);
      expect(() => new RobustPdhg(problem, lean)).toThrow(/without its cone and loss rows/);
      expect(lean.K.rows).toBe(full.K.rows);
      expect(lean.layout).toEqual(full.layout);
      // Its cone and loss rows are empty, its other rows (the spreads') the full form's.
      for (let r = 0; r < full.K.rows; r++) {
        const cone = r - coneRowStart >= 0 && r - coneRowStart < 2 * P * n;
        const lossRow = r - lossRowStart >= 0 && r - lossRowStart < lossRowsPerSample * n;
        expect(denseRow(lean.K, r, lean.K.cols)).toEqual(cone || lossRow ? new Array<number>(lean.K.cols).fill(0) : denseRow(full.K, r, full.K.cols));
      }
      expect(Array.from(lean.b)).toEqual(Array.from(full.b));
      // Loss row of sample k by hand (hinge): e_k + y_k yhat_k - S_k >= 1.
      const { sampleSpreadStart, slackStart } = full.layout;
      for (const k of [0, 5, n - 1]) {
        const expected = new Array<number>(full.K.cols).fill(0);
        expected[slackStart + k] = 1;
        for (let i = 0; i < P; i++) {
          if (problem.patterns.masks[k * P + i] !== 1) continue;
          for (let t = 0; t < d; t++) {
            expected[i * d + t] = problem.y[k]! * problem.X.data[k * d + t]!;
            expected[(P + i) * d + t] = -problem.y[k]! * problem.X.data[k * d + t]!;
          }
        }
        if (threat.norm === 'linf') full.layout.perturbable.forEach((t, q) => (expected[sampleSpreadStart + k * full.layout.spreadWidth + q] = -threat.radii[t]!));
        else expected[sampleSpreadStart + k * full.layout.spreadWidth] = -1;
        expect(denseRow(full.K, lossRowStart + k, full.K.cols)).toEqual(expected);
        expect(full.b[lossRowStart + k]).toBe(1);
        expect(denseRow(robustConicQp(problem, lean).A, lossRowStart + k, full.K.cols)).toEqual(expected);
      }
      // Cone row j n + k by hand: (2 d_ik - 1) x_k on u_j, minus block j's worst-case shift.
      const { blockSpreadStart, spreadWidth, perturbable } = full.layout;
      for (const [j, k] of [[0, 0], [1, 2], [2 * P - 1, n - 1]] as const) {
        const expected = new Array<number>(full.K.cols).fill(0);
        const sign = problem.patterns.masks[k * P + (j % P)] === 1 ? 1 : -1;
        for (let t = 0; t < d; t++) expected[j * d + t] = sign * problem.X.data[k * d + t]!;
        if (threat.norm === 'linf') perturbable.forEach((t, q) => (expected[blockSpreadStart + j * spreadWidth + q] = -threat.radii[t]!));
        else expected[blockSpreadStart + j * spreadWidth] = -1;
        expect(denseRow(full.K, coneRowStart + j * n + k, full.K.cols)).toEqual(expected);
        expect(denseRow(robustConicQp(problem, lean).A, coneRowStart + j * n + k, full.K.cols)).toEqual(expected);
      }
      const kept = Uint8Array.from({ length: n * 2 * P }, (_, e) => (e % 3 === 0 ? 1 : 0));
      for (const set of [null, kept]) {
        const a = robustConicQp(problem, full, 1e-6, set);
        const b = robustConicQp(problem, lean, 1e-6, set);
        expect(b.A.rows).toBe(a.A.rows);
        for (let r = 0; r < a.A.rows; r++) expect(denseRow(b.A, r, b.A.cols)).toEqual(denseRow(a.A, r, a.A.cols));
        expect(Array.from(b.c)).toEqual(Array.from(a.c));
      }
    }
  });
});
