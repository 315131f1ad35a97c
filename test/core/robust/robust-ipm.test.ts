import { describe, expect, it } from 'vitest';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { buildRobustConicForm, type RobustConicForm } from '../../../src-core/robust/robust-conic-form';
import { robustConicQp, type RobustConicQp } from '../../../src-core/robust/robust-conic-qp';
import { ConicQpIpm } from '../../../src-core/robust/robust-ipm';
import { evaluateRobustBlocks } from '../../../src-core/robust/robust-objective';
import type { RobustProblem } from '../../../src-core/robust/robust-problem';
import { smallHingeProblem } from './robust-fixtures';

/** 40 Gaussian rows labelled by the sign of x1 x2 (xor), 6 patterns. */
const hingeProblem = (): RobustProblem => smallHingeProblem(40, 6, 5, (x1, x2) => (x1 * x2 > 0 ? 1 : -1));

/** Each row of `large` at its row in `small` (-1: new): K's kept rows first in both, then the same others. */
function previousRowsOf(small: RobustConicQp, large: RobustConicQp): Int32Array {
  const where = new Map(Array.from(small.kRowOf, (t, r) => [t, r]));
  return Int32Array.from({ length: large.A.rows }, (_, r) => (r < large.kRowOf.length ? (where.get(large.kRowOf[r]!) ?? -1) : r - large.kRowOf.length + small.kRowOf.length));
}

/** Newton steps until the duality measure is below 1e-12 (at most 80); returns the steps taken. */
function run(engine: ConicQpIpm, most = 80): number {
  for (let k = 0; k < most; k++) {
    const { mu } = engine.residuals();
    if (mu < 1e-12) return k;
    engine.step(mu);
  }
  return most;
}

/** Keep row k of block j when the test says so. */
function keptRows(form: RobustConicForm, keep: (k: number, j: number) => boolean): Uint8Array {
  const { n, P } = form.layout;
  const m = 2 * P;
  return Uint8Array.from({ length: n * m }, (_, e) => (keep(Math.floor(e / m), e % m) ? 1 : 0));
}

describe('ConicQpIpm started from the iterate of a smaller program', () => {
  it('carries x, s and y over on the rows both have and starts new rows at s = y = sqrt(mu)', () => {
    const problem = hingeProblem();
    const form = buildRobustConicForm(problem);
    const small = robustConicQp(problem, form, 0, keptRows(form, (k) => k % 4 === 0));
    const grownRows = keptRows(form, (k) => k % 2 === 0);
    const large = robustConicQp(problem, form, 0, grownRows);
    const before = new ConicQpIpm(small);
    for (let k = 0; k < 5; k++) before.step(before.residuals().mu);
    const previousRow = previousRowsOf(small, large);
    const after = new ConicQpIpm(large, { from: before, previousRow });
    expect(Array.from(after.x)).toEqual(Array.from(before.x));
    let sy = 0;
    for (let r = 0; r < before.s.length; r++) sy += before.s[r]! * before.y[r]!;
    const root = Math.sqrt(sy / before.degree);
    let fresh = 0;
    previousRow.forEach((from, r) => {
      if (from >= 0) {
        expect(after.s[r]).toBe(before.s[from]);
        expect(after.y[r]).toBe(before.y[from]);
      } else {
        fresh++;
        expect(after.s[r]).toBeCloseTo(root, 12);
        expect(after.y[r]).toBeCloseTo(root, 12);
      }
    });
    expect(fresh).toBe(large.A.rows - small.A.rows);
    expect(fresh).toBeGreaterThan(0);
  });

  it('goes on to the grown program\'s optimum, as a cold start on it does', () => {
    const problem = hingeProblem();
    const form = buildRobustConicForm(problem);
    const small = robustConicQp(problem, form, 0, keptRows(form, (k, j) => (k + j) % 5 === 0));
    const large = robustConicQp(problem, form, 0, null);
    const before = new ConicQpIpm(small);
    for (let k = 0; k < 6; k++) before.step(before.residuals().mu);
    const previousRow = previousRowsOf(small, large);
    const grown = new ConicQpIpm(large, { from: before, previousRow });
    const cold = new ConicQpIpm(large);
    expect(run(grown)).toBeLessThan(80);
    expect(run(cold)).toBeLessThan(80);
    const { d, P } = form.layout;
    const objective = (engine: ConicQpIpm): number => evaluateRobustBlocks(problem, engine.x.slice(0, 2 * P * d)).objective;
    expect(Math.abs(objective(grown) - objective(cold)) / objective(cold)).toBeLessThan(1e-7);
  });

  it('refuses a program with other variables', () => {
    const problem = hingeProblem();
    const qp = robustConicQp(problem, buildRobustConicForm(problem));
    const fewer = { ...problem, patterns: samplePatterns(problem.X, 3, new Prng(9)) };
    const other = robustConicQp(fewer, buildRobustConicForm(fewer));
    expect(other.A.cols).not.toBe(qp.A.cols);
    const engine = new ConicQpIpm(qp);
    expect(() => new ConicQpIpm(other, { from: engine, previousRow: new Int32Array(other.A.rows).fill(-1) })).toThrow(/other variables/);
  });
});
