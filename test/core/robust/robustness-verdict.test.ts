import { describe, expect, it } from 'vitest';
import type { RobustnessComparison, RobustnessPoint, RobustnessReport } from '../../../src-core/robust/robustness-report-types';
import { robustnessVerdict } from '../../../src-core/robust/robustness-verdict';

function classificationPoint(epsilon: number, pgd: number): RobustnessPoint {
  const set = { clean: 1, fgsm: pgd, pgd, certified: pgd };
  return { epsilon, accuracy: set, balancedAccuracy: set, error: null };
}

function report(points: RobustnessPoint[], task: RobustnessReport['task'] = 'binary'): RobustnessReport {
  return { task, norm: 'linf', units: 'raw', unitsText: '', testPoints: 50, dataSet: 'test', attack: { steps: 50, restarts: 10, stepFraction: 0.25 }, certification: 'interval', points, warnings: [] };
}

const radii = [0, 0.025, 0.05, 0.1];

describe('robustnessVerdict', () => {
  it('says when the standard model holds up at least as well under PGD at every radius, naming the widest margin', () => {
    const robust = report(radii.map((e, k) => classificationPoint(e, [0.88, 0.88, 0.88, 0.84][k]!)));
    const standard = report(radii.map((e, k) => classificationPoint(e, [1, 1, 0.98, 0.86][k]!)));
    const verdict = robustnessVerdict({ robust, standard });
    expect(verdict).toMatch(/^Adversarial training did not pay here/);
    expect(verdict).toContain('at epsilon 0.025: 100.0% against 88.0% for the robust model');
    expect(verdict).toMatch(/; try a smaller epsilon\.$/);
    // With the radius suggested for the training rows, the verdict names it.
    expect(robustnessVerdict({ robust, standard, suggestedRadius: 0.02 })).toMatch(/; try a smaller epsilon, such as 0\.02 \(the largest radius at which a quarter of the sampled neurons keep a margin no training row can be pushed across\)\.$/);
  });

  it('is silent when the robust model wins at some radius, or there is no standard model', () => {
    const robust = report(radii.map((e, k) => classificationPoint(e, [0.9, 0.9, 0.85, 0.8][k]!)));
    const standard = report(radii.map((e, k) => classificationPoint(e, [1, 0.95, 0.8, 0.6][k]!)));
    expect(robustnessVerdict({ robust, standard })).toBeNull();
    expect(robustnessVerdict({ robust, standard: null })).toBeNull();
    // Equal everywhere: nothing to say.
    expect(robustnessVerdict({ robust, standard: robust })).toBeNull();
  });

  it('says what adversarial training did buy when its certificate is better though PGD favours the standard model', () => {
    const point = (epsilon: number, pgd: number, bound: number): RobustnessPoint => ({ epsilon, accuracy: { clean: null, fgsm: null, pgd: null, certified: null }, balancedAccuracy: { clean: null, fgsm: null, pgd: null, certified: null }, error: { clean: 0.1, fgsm: pgd, pgd, certifiedBound: bound } });
    // Measured on a regression curve (n = 300, l_inf 0.1): 0.255 / 0.275 robust, 0.193 / 0.467 standard.
    const comparison: RobustnessComparison = {
      robust: report([point(0, 0.17, 0.17), point(0.05, 0.213, 0.22), point(0.1, 0.255, 0.275)], 'regression'),
      standard: report([point(0, 0.11, 0.11), point(0.05, 0.15, 0.281), point(0.1, 0.193, 0.467)], 'regression'),
    };
    const verdict = robustnessVerdict(comparison)!;
    expect(verdict).toMatch(/^Adversarial training did not improve accuracy under attack here: at every radius tested the standard model does at least as well under PGD/);
    expect(verdict).toContain('It did buy a better guarantee: at epsilon 0.1 the robust model has a certified RMSE bound of 0.275 against a certified RMSE bound of 0.467 for the standard model.');
    expect(verdict).toMatch(/if attack accuracy matters more than the guarantee, try a smaller epsilon\.$/);
    // Classification: certified accuracy.
    const c = (epsilon: number, pgd: number, certified: number): RobustnessPoint => ({ epsilon, accuracy: { clean: 1, fgsm: pgd, pgd, certified }, balancedAccuracy: { clean: 1, fgsm: pgd, pgd, certified }, error: null });
    const cls = robustnessVerdict({ robust: report([c(0, 1, 1), c(0.1, 0.8, 0.7)]), standard: report([c(0, 1, 1), c(0.1, 0.9, 0.2)]) })!;
    expect(cls).toContain('at epsilon 0.1 the robust model has 70.0% certified accuracy against 20.0% certified accuracy for the standard model');
  });

  it('compares regression models by their RMSE under PGD (lower is better)', () => {
    const point = (epsilon: number, pgd: number): RobustnessPoint => ({ epsilon, accuracy: { clean: null, fgsm: null, pgd: null, certified: null }, balancedAccuracy: { clean: null, fgsm: null, pgd: null, certified: null }, error: { clean: 0.1, fgsm: pgd, pgd, certifiedBound: 2 * pgd } });
    const comparison: RobustnessComparison = { robust: report([point(0, 0.3), point(0.1, 0.5)], 'regression'), standard: report([point(0, 0.1), point(0.1, 0.4)], 'regression') };
    expect(robustnessVerdict(comparison)).toContain('at epsilon 0.1: RMSE 0.4 against RMSE 0.5 for the robust model');
    const better: RobustnessComparison = { robust: comparison.robust, standard: report([point(0, 0.1), point(0.1, 0.6)], 'regression') };
    expect(robustnessVerdict(better)).toBeNull();
  });
});
