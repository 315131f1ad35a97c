import type { Prng } from '../../../src-core/random/prng';
import type { ConeList, ConeScaling } from '../../../src-core/robust/robust-ipm-groups';
import { ntScaling } from '../../../src-core/solvers/ipm/second-order-cone';

/**
 * The scaling of a random strictly feasible (s, y) pair per cone, as the interior-point method
 * computes it: rays get the weight `rayW(row)`, second-order cones the Nesterov-Todd scaling of
 * s = (3, ~0.5 N(0, 1)) and y = (2, ~0.5 N(0, 1)).
 */
export function randomConeScaling(cones: ConeList, rows: number, prng: Prng, rayW: (row: number) => number): ConeScaling {
  const scaling = { rayW: new Float64Array(rows), eta: new Float64Array(cones.start.length), v: new Float64Array(rows) };
  cones.start.forEach((o, g) => {
    if (!cones.soc[g]) {
      scaling.rayW[o] = rayW(o);
      return;
    }
    const m = cones.size[g]!;
    const s = Float64Array.from({ length: m }, (_, t) => (t === 0 ? 3 : prng.nextGaussian() * 0.5));
    const y = Float64Array.from({ length: m }, (_, t) => (t === 0 ? 2 : prng.nextGaussian() * 0.5));
    const wb = new Float64Array(m);
    scaling.eta[g] = ntScaling(s, 0, y, 0, m, wb, 0);
    scaling.v.set(wb, o);
  });
  return scaling;
}
