import { describe, expect, it } from 'vitest';
import { getLoss, lossNames } from '../../../src-core/losses';
import { Prng } from '../../../src-core/random/prng';
import { robustSampleLoss } from '../../../src-core/robust/robust-losses';
import { evaluateRobustBlocks } from '../../../src-core/robust/robust-objective';
import { uniformThreat, worstCaseDirection, worstCaseShift, type ThreatModel } from '../../../src-core/robust/threat-model';
import { getGoldenProblem } from '../golden/golden-problems';
import { robustProblemFromGolden } from './robust-fixtures';

/** Every vertex of the box {|delta_t| <= r_t} (pinned coordinates stay 0). */
function boxVertices(radii: Float64Array): Float64Array[] {
  let out: Float64Array[] = [new Float64Array(radii.length)];
  radii.forEach((r, t) => {
    if (r === 0) return;
    out = out.flatMap((v) => [-1, 1].map((s) => {
      const w = Float64Array.from(v);
      w[t] = s * r;
      return w;
    }));
  });
  return out;
}

function labelFor(name: string, prng: Prng): number {
  if (name === 'squared') return 2 * prng.nextFloat() - 1;
  const c = prng.nextFloat() < 0.5 ? 0 : 1;
  return name === 'bce' ? c : 2 * c - 1;
}

describe('closed-form worst-case losses (paper-spec 6.3) against brute force over the l_inf vertices', () => {
  for (const name of lossNames) {
    it(`${name}: equals the maximum over all vertices on 200 random tiny problems`, () => {
      const prng = new Prng(1234);
      const loss = getLoss(name);
      for (let trial = 0; trial < 200; trial++) {
        const d = 1 + prng.nextInt(4);
        const x = Float64Array.from({ length: d }, () => prng.nextGaussian());
        const g = Float64Array.from({ length: d }, () => prng.nextGaussian());
        const radii = Float64Array.from({ length: d }, (_, t) => (t === 0 && d > 1 ? 0 : 0.5 * prng.nextFloat()));
        const threat: ThreatModel = { norm: 'linf', radii };
        const y = labelFor(name, prng);
        const yhat = x.reduce((s, v, t) => s + v * g[t]!, 0);
        let brute = -Infinity;
        for (const delta of boxVertices(radii)) {
          const shifted = yhat + delta.reduce((s, v, t) => s + v * g[t]!, 0);
          brute = Math.max(brute, loss.value(Float64Array.of(shifted), Float64Array.of(y)));
        }
        expect(robustSampleLoss(loss, yhat, y, worstCaseShift(threat, g))).toBeCloseTo(brute, 12);
      }
    });
  }

  it('l_2: the closed form is attained at the worst-case direction and never exceeded inside the ellipsoid', () => {
    const prng = new Prng(99);
    const loss = getLoss('squared');
    for (let trial = 0; trial < 50; trial++) {
      const radii = Float64Array.of(0.3, 0.1, 0);
      const threat: ThreatModel = { norm: 'l2', radii };
      const g = Float64Array.from({ length: 3 }, () => prng.nextGaussian());
      const yhat = prng.nextGaussian();
      const y = prng.nextGaussian();
      const closed = robustSampleLoss(loss, yhat, y, worstCaseShift(threat, g));
      const sign = yhat >= y ? 1 : -1;
      const dir = worstCaseDirection(threat, g, new Float64Array(3));
      const attained = loss.value(Float64Array.of(yhat + sign * dir.reduce((s, v, t) => s + v * g[t]!, 0)), Float64Array.of(y));
      expect(attained).toBeCloseTo(closed, 12);
      for (let s = 0; s < 50; s++) {
        const eta = Float64Array.from({ length: 3 }, () => prng.nextGaussian());
        const norm = Math.hypot(...eta) / Math.sqrt(prng.nextFloat());
        const shift = eta.reduce((acc, v, t) => acc + (radii[t]! * v * g[t]!) / norm, 0);
        expect(loss.value(Float64Array.of(yhat + shift), Float64Array.of(y))).toBeLessThanOrEqual(closed + 1e-12);
      }
    }
  });
});

describe('evaluateRobustBlocks at the golden robust optima', () => {
  for (const name of ['toy-D-robust-squared', 'toy-D-robust-hinge', 'toy-D-robust-bce', 'robust-sq-n40-d4-P8']) {
    it(`${name}: objective equals cvxopt's and the cones hold`, () => {
      const golden = getGoldenProblem(name);
      const problem = robustProblemFromGolden(golden);
      const blocks = Float64Array.from([...golden.solution.v!, ...golden.solution.w!].flat());
      const evaluation = evaluateRobustBlocks(problem, blocks);
      expect(evaluation.objective).toBeCloseTo(golden.optimum, 8);
      expect(evaluation.coneViolation).toBeLessThan(1e-8);
    });
  }

  it('uniformThreat pins the listed coordinates', () => {
    expect(Array.from(uniformThreat('linf', 0.2, 3, [2]).radii)).toEqual([0.2, 0.2, 0]);
  });
});
