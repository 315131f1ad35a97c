import { describe, expect, it } from 'vitest';
import { weightDecay } from '../../../src-core/network/forward';
import { headValue, type AttackModel } from '../../../src-core/robust/attack-model';
import { pgdAttack } from '../../../src-core/robust/attacks';
import { solveRobust } from '../../../src-core/robust/solve-robust';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { getGoldenProblem } from '../golden/golden-problems';
import { robustProblemFromGolden } from './robust-fixtures';

describe('a convexly trained robust network on its training points', () => {
  for (const name of ['toy-D-robust-hinge', 'robust-sq-n40-d4-P8']) {
    it(`${name}: no admissible perturbation flips a hidden activation, and the worst-case loss is the robust objective`, () => {
      const golden = getGoldenProblem(name);
      const problem = robustProblemFromGolden(golden);
      const result = solveRobust(problem, { tolerance: 1e-7, maxIterations: 200000 }, defaultContext());
      const net = result.solution.network;
      const { X, threat } = problem;
      const n = X.rows;
      const d = X.cols;
      const r = threat.radii;
      const scale = Math.max(...net.hidden.data.map(Math.abs));
      let worstLoss = 0;
      for (let k = 0; k < n; k++) {
        const x = X.data.subarray(k * d, (k + 1) * d);
        // (1) each pre-activation u_j^T x is linear in the perturbation: the gradient-sign attack
        // that pushes it towards zero is its exact worst case.
        for (let j = 0; j < net.output.length; j++) {
          const u = net.hidden.data.subarray(j * d, (j + 1) * d);
          const clean = u.reduce((s, v, t) => s + v * x[t]!, 0);
          const side = clean > 0 ? 1 : -1;
          const attacked = u.reduce((s, v, t) => s + v * (x[t]! - side * r[t]! * Math.sign(v)), 0);
          expect(side * attacked).toBeGreaterThanOrEqual(-1e-6 * scale);
        }
        // (2) PGD on the network's loss-relevant objective: at the attacked point the network still
        // equals the convex model x^T g_k (same activations), so the loss the attacker reaches is
        // at most the closed-form worst case the program minimized.
        const model: AttackModel = { task: problem.loss.name === 'squared' ? 'regression' : 'binary', heads: [net] };
        const label = problem.loss.name === 'squared' ? problem.y[k]! : problem.y[k]! > 0 ? 1 : 0;
        const pgd = pgdAttack(model, threat, x, label, { stopWhenFooled: false, seed: k });
        const f = headValue(net, pgd.point);
        const yk = problem.y[k]!;
        const loss = problem.loss.name === 'squared' ? 0.5 * (f - yk) ** 2 : Math.max(0, 1 - yk * f);
        worstLoss += loss;
      }
      const attackedObjective = worstLoss + weightDecay(net, problem.beta);
      expect(attackedObjective).toBeLessThanOrEqual(result.info.objective * (1 + 1e-6));
      // and the attack gets close to it: the robust objective is the true worst case, not a loose bound
      expect(attackedObjective).toBeGreaterThanOrEqual(result.info.objective * (1 - 2e-3));
    }, 30000);
  }
});
