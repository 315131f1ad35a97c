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
import { ntScaling } from '../../../src-core/solvers/ipm/second-order-cone';

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

/** The scaling of random strictly feasible (s, y) pairs, per cone, as the method computes it. */
function randomScaling(qp: ConicQp, prng: Prng): ConeScaling {
  const { start, size, soc } = qp.cones;
  const rayW = new Float64Array(qp.A.rows);
  const eta = new Float64Array(start.length);
  const v = new Float64Array(qp.A.rows);
  start.forEach((o, g) => {
    if (!soc[g]) {
      rayW[o] = 0.05 + 3 * prng.nextFloat();
      return;
    }
    const m = size[g]!;
    const s = Float64Array.from({ length: m }, (_, t) => (t === 0 ? 3 : prng.nextGaussian() * 0.5));
    const z = Float64Array.from({ length: m }, (_, t) => (t === 0 ? 2 : prng.nextGaussian() * 0.5));
    const wb = new Float64Array(m);
    eta[g] = ntScaling(s, 0, z, 0, m, wb, 0);
    v.set(wb, o);
  });
  return { rayW, eta, v };
}

const threats: Record<string, ThreatModel> = {
  'l_inf, two perturbable features': { norm: 'linf', radii: Float64Array.of(0.1, 0.2, 0, 0) },
  'l_2 (second-order spread cones)': { norm: 'l2', radii: Float64Array.of(0.1, 0.05, 0.2, 0) },
};

describe('SignedBlockGroups', () => {
  for (const [label, threat] of Object.entries(threats)) {
    for (const loss of ['squared', 'hinge'] as const) {
      it(`${label}, ${loss}: solves the Newton system as the general elimination does`, () => {
        const qp = programOf(loss, threat, loss === 'squared');
        expect(qp.signedBlocks).toBeDefined();
        const prng = new Prng(3);
        const signed = new LocalEliminationSystem(qp.A, qp.cones, qp.localGroup, qp.groupCount, qp.p, qp.signedBlocks);
        const general = new LocalEliminationSystem(qp.A, qp.cones, qp.localGroup, qp.groupCount, qp.p);
        for (let trial = 0; trial < 3; trial++) {
          const scaling = randomScaling(qp, prng);
          signed.update(scaling);
          general.update(scaling);
          const rhs = Float64Array.from({ length: qp.A.cols }, () => prng.nextGaussian());
          const a = Float64Array.from(rhs);
          const b = Float64Array.from(rhs);
          signed.solve(a);
          general.solve(b);
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
