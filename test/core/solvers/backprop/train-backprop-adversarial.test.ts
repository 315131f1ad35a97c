import { describe, expect, it } from 'vitest';
import { hingeLoss, squaredLoss } from '../../../../src-core/losses';
import { pgdAttack } from '../../../../src-core/robust/attacks';
import { uniformThreat } from '../../../../src-core/robust/threat-model';
import { trainBackprop } from '../../../../src-core/solvers/backprop/train-backprop';
import { trainBackpropAdversarial } from '../../../../src-core/solvers/backprop/train-backprop-adversarial';
import { defaultContext } from '../../../../src-core/solvers/solver-types';
import { toyProblem, toyX, toyYPlusMinus, toyYRegression } from './toy-problem';

const settings = { hiddenUnits: 6, epochs: 40, restarts: 1, batchSize: 0, tolerance: 0, learningRate: 0.05 };

describe('adversarial training baselines (back-propagation)', () => {
  it('with a zero radius is exactly the standard full-batch trainer (same seed, same weights)', () => {
    const problem = toyProblem(squaredLoss, toyYRegression, 3);
    const standard = trainBackprop(problem, settings, defaultContext());
    for (const attack of ['pgd', 'fgsm'] as const) {
      const adversarial = trainBackpropAdversarial({ ...problem, threat: uniformThreat('linf', 0, 3), attack }, settings, defaultContext());
      expect(Array.from(adversarial.solution.network.hidden.data)).toEqual(Array.from(standard.solution.network.hidden.data));
      expect(Array.from(adversarial.solution.network.output)).toEqual(Array.from(standard.solution.network.output));
    }
  });

  it('PGD training lowers the worst-case hinge loss a PGD attacker reaches, compared with standard training', () => {
    const problem = toyProblem(hingeLoss, toyYPlusMinus, 5);
    const threat = uniformThreat('linf', 0.15, 3, [2]);
    const long = { ...settings, epochs: 300 };
    const standard = trainBackprop(problem, long, defaultContext()).solution.network;
    const robust = trainBackpropAdversarial({ ...problem, threat, attack: 'pgd' }, long, defaultContext()).solution.network;
    const worstHinge = (net: typeof robust): number => {
      let total = 0;
      for (let k = 0; k < toyX.rows; k++) {
        const x = toyX.data.subarray(k * 3, (k + 1) * 3);
        const label = toyYPlusMinus[k]! > 0 ? 1 : 0;
        const found = pgdAttack({ task: 'binary', heads: [net] }, threat, x, label, { stopWhenFooled: false, seed: k });
        total += Math.max(0, 1 + found.objective); // objective = -ytil f
      }
      return total;
    };
    expect(worstHinge(robust)).toBeLessThan(worstHinge(standard));
  });

  it('records one history point per epoch and stops on cancel', () => {
    const problem = toyProblem(squaredLoss, toyYRegression, 3);
    let epochs = 0;
    const result = trainBackpropAdversarial(
      { ...problem, threat: uniformThreat('linf', 0.1, 3, [2]), attack: 'fgsm' },
      settings,
      defaultContext({ isCancelled: () => ++epochs >= 5 }),
    );
    expect(result.status).toBe('cancelled');
    expect(result.history).toHaveLength(5);
    expect(result.info.notes[0]).toMatch(/FGSM adversarial training/);
  });
});
