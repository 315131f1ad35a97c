import { describe, expect, it } from 'vitest';
import { buildRobustConicForm } from '../../../src-core/robust/robust-conic-form';
import { robustConicQp } from '../../../src-core/robust/robust-conic-qp';
import type { RobustProblem } from '../../../src-core/robust/robust-problem';
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
});
