import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { getLoss } from '../../../src-core/losses';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { buildRobustConicForm } from '../../../src-core/robust/robust-conic-form';
import { robustConicQp } from '../../../src-core/robust/robust-conic-qp';
import type { ConicQp } from '../../../src-core/robust/robust-ipm';
import type { ConeScaling } from '../../../src-core/robust/robust-ipm-groups';
import { LocalEliminationSystem } from '../../../src-core/robust/robust-ipm-system';
import type { RobustProblem } from '../../../src-core/robust/robust-problem';
import type { ThreatModel } from '../../../src-core/robust/threat-model';
import { withLinearPattern } from '../../../src-core/robust/train-robust-head';
import { applyWInverse } from '../../../src-core/solvers/ipm/second-order-cone';
import { randomConeScaling } from './random-cone-scaling';
import { multiplySparse, transposeSparse } from '../../../src-core/robust/sparse-rows';

/** A robust program on 30 Gaussian rows (3 features and the bias column, 6 sampled patterns and the all-ones one). */
function programOf(loss: 'squared' | 'hinge', threat: ThreatModel, weighted: boolean): ConicQp {
  const prng = new Prng(11);
  const n = 30;
  const d = 4;
  const X = createMatrix(n, d);
  for (let k = 0; k < n; k++) for (let t = 0; t < d; t++) X.data[k * d + t] = t === d - 1 ? 1 : prng.nextGaussian();
  const y = Float64Array.from({ length: n }, () => (loss === 'hinge' ? (prng.nextFloat() < 0.5 ? -1 : 1) : prng.nextGaussian()));
  const problem: RobustProblem = {
    X, y, loss: getLoss(loss), beta: 0.05, patterns: withLinearPattern(X, samplePatterns(X, 6, prng)), hasBias: true, threat,
    ...(weighted ? { sampleWeights: Float64Array.from({ length: n }, () => 0.5 + prng.nextFloat()) } : {}),
  };
  return robustConicQp(problem, buildRobustConicForm(problem));
}

/**
 * The scaling of random strictly feasible (s, y) pairs, per cone, as the method computes it; with
 * `mixed`, the rays on local columns only (hinge's e_k >= 0) weighted 1e12, as those of
 * well-classified samples are near the end of a solve.
 */
function randomScaling(qp: ConicQp, prng: Prng, mixed: boolean): ConeScaling {
  const localOnly = (row: number): boolean => Array.from(qp.A.columns.subarray(qp.A.rowStart[row]!, qp.A.rowStart[row + 1]!)).every((c) => qp.localGroup[c]! >= 0);
  return randomConeScaling(qp.cones, qp.A.rows, prng, (row) => (mixed && localOnly(row) ? 1e-6 : 0.05 + 3 * prng.nextFloat()));
}

/** max |(P + A^T W^{-2} A) x - b| / max |b|, with the products taken from A itself. */
function relativeResidual(qp: ConicQp, scaling: ConeScaling, x: Float64Array, b: Float64Array): number {
  const { A, cones, p } = qp;
  const ax = new Float64Array(A.rows);
  multiplySparse(A, x, ax);
  const once = new Float64Array(A.rows);
  cones.start.forEach((o, g) => {
    if (!cones.soc[g]) {
      ax[o] = ax[o]! / scaling.rayW[o]! ** 2;
      return;
    }
    applyWInverse(scaling.eta[g]!, scaling.v, o, ax, o, once, o, cones.size[g]!);
    applyWInverse(scaling.eta[g]!, scaling.v, o, once, o, ax, o, cones.size[g]!);
  });
  const hx = new Float64Array(A.cols);
  multiplySparse(transposeSparse(A), ax, hx);
  let worst = 0;
  let size = 0;
  for (let c = 0; c < hx.length; c++) {
    worst = Math.max(worst, Math.abs(hx[c]! + p[c]! * x[c]! - b[c]!));
    size = Math.max(size, Math.abs(b[c]!));
  }
  return worst / size;
}

const threats: Record<string, ThreatModel> = {
  'l_inf, two perturbable features': { norm: 'linf', radii: Float64Array.of(0.1, 0.2, 0, 0) },
  'l_2 (second-order spread cones)': { norm: 'l2', radii: Float64Array.of(0.1, 0.05, 0.2, 0) },
  // Every row of a sample reads x_k: the rank-one form.
  'no adversary (radius 0)': { norm: 'linf', radii: Float64Array.of(0, 0, 0, 0) },
};

describe('SignedBlockGroups', () => {
  for (const [label, threat] of Object.entries(threats)) {
    for (const loss of ['squared', 'hinge'] as const) {
      it(`${label}, ${loss}: solves the Newton system as the general elimination does, to rounding even with 1e12 weights`, () => {
        const qp = programOf(loss, threat, loss === 'squared');
        expect(qp.signedBlocks).toBeDefined();
        const prng = new Prng(3);
        const signed = new LocalEliminationSystem(qp.A, qp.cones, qp.localGroup, qp.groupCount, qp.p, qp.signedBlocks);
        const general = new LocalEliminationSystem(qp.A, qp.cones, qp.localGroup, qp.groupCount, qp.p);
        expect(signed.signedRankOne).toBe(threat.radii.every((radius) => radius === 0));
        expect(general.signedRankOne).toBeNull();
        for (let trial = 0; trial < 3; trial++) {
          const scaling = randomScaling(qp, prng, trial === 2);
          signed.update(scaling);
          general.update(scaling);
          const rhs = Float64Array.from({ length: qp.A.cols }, () => prng.nextGaussian());
          const a = Float64Array.from(rhs);
          const b = Float64Array.from(rhs);
          signed.solve(a);
          general.solve(b);
          // Both solve the system to rounding (with 1e12 weights, at different roundings).
          expect(relativeResidual(qp, scaling, a, rhs)).toBeLessThan(1e-10);
          expect(relativeResidual(qp, scaling, b, rhs)).toBeLessThan(1e-10);
          if (trial === 2) continue;
          const scale = b.reduce((most, x) => Math.max(most, Math.abs(x)), 0);
          for (let c = 0; c < a.length; c++) expect(Math.abs(a[c]! - b[c]!)).toBeLessThan(1e-9 * scale);
        }
      });
    }
  }

  it('refuses groups whose rows are not of the declared form', () => {
    const qp = programOf('squared', threats['l_inf, two perturbable features']!, false);
    const blocks = qp.signedBlocks!;
    // Sample 0 declared active on a pattern it is not active on (and the reverse).
    const activity = Uint8Array.from(blocks.activity);
    activity[0] = 1 - activity[0]!;
    expect(() => new LocalEliminationSystem(qp.A, qp.cones, qp.localGroup, qp.groupCount, qp.p, { ...blocks, activity })).toThrow(/signed-block form/);
    expect(() => new LocalEliminationSystem(qp.A, qp.cones, qp.localGroup, qp.groupCount, qp.p, { ...blocks, copySigns: [1, 1] })).toThrow(/signed-block form/);
  });
});
