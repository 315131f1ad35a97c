import type { SettingSpec } from '../../settings/setting-spec';

export interface AdmmSettings {
  [key: string]: number | string | boolean;
  rho: number;
  gammaRatio: number;
  relaxation: number;
  adaptiveRho: boolean;
  maxIterations: number;
  tolerance: number;
  epsAbs: number;
  epsRel: number;
  checkEvery: number;
  timeLimitMs: number;
  linearSystem: string;
}

/** Settings of the ADMM solvers (Algorithm 3.1 and its loss-splitting variant), declared once. */
export const admmSettingSpecs: readonly SettingSpec[] = [
  { key: 'rho', label: 'Penalty rho', kind: 'number', default: 0, min: 0, max: 1e6, unit: '', scale: 'log', group: 'advanced',
    help: 'The penalty of the ADMM method. It changes the speed, never the answer. 0 picks beta / sqrt(training rows). It is adapted during the solve unless that is turned off (Adapt rho). Like beta, it follows the units of the data: ADMM rescales the features (and squared-loss targets far from unit size) to unit size and rho with beta, so data in any units converge alike.' },
  { key: 'gammaRatio', label: 'Dual step ratio', kind: 'number', default: 1, min: 0, minExclusive: true, max: 1.618, unit: 'x rho', scale: 'linear', group: 'advanced',
    help: 'The step size of the dual update, as a multiple of rho. 1 is standard ADMM. Values up to the golden ratio (1.618) are allowed.' },
  { key: 'relaxation', label: 'Over-relaxation', kind: 'number', default: 1.6, min: 0, minExclusive: true, max: 1.95, unit: '', scale: 'linear', group: 'advanced',
    help: 'The over-relaxation factor of ADMM. 1 is the textbook method. 1.5 to 1.8 usually converges faster.' },
  { key: 'adaptiveRho', label: 'Adapt rho', kind: 'boolean', default: true, group: 'advanced',
    help: 'Change rho during the solve to keep the two residuals (primal and dual) in balance. The linear system is factored again when needed.' },
  { key: 'maxIterations', label: 'Iteration limit', kind: 'integer', default: 10000, min: 1, max: 10_000_000, unit: 'iterations', group: 'advanced',
    help: 'Stop after this many ADMM iterations even if the tolerance is not reached.' },
  { key: 'tolerance', label: 'Gap tolerance', kind: 'number', default: 1e-3, min: 1e-14, max: 1, unit: 'relative gap', scale: 'log', group: 'advanced',
    help: 'Stop when the certified gap to the best possible training objective, and the cone violation, are below this fraction.' },
  { key: 'epsAbs', label: 'Absolute residual tolerance', kind: 'number', default: 1e-9, min: 0, max: 1, unit: '', scale: 'log', group: 'advanced',
    help: 'A second stopping test: stop when the solution stops changing (primal and dual residuals, as in Boyd et al.). This is the absolute part of its tolerance. 0 turns the test off.' },
  { key: 'epsRel', label: 'Relative residual tolerance', kind: 'number', default: 1e-8, min: 0, max: 1, unit: '', scale: 'log', group: 'advanced',
    help: 'The relative part of the tolerance of the second stopping test (primal and dual residuals, as in Boyd et al.).' },
  { key: 'checkEvery', label: 'Check interval', kind: 'integer', default: 10, min: 1, max: 100000, unit: 'iterations', group: 'advanced',
    help: 'How often the certificate, residuals and progress are computed. In long solves, checks come every 5% of the iterations done if that is less often.' },
  { key: 'timeLimitMs', label: 'Time limit', kind: 'number', default: 0, min: 0, max: 86_400_000, unit: 'ms', scale: 'linear', group: 'advanced',
    help: 'Stop after this much time (0 means no limit).' },
  { key: 'linearSystem', label: 'Linear system method', kind: 'choice', default: 'auto', group: 'advanced',
    options: [
      { value: 'auto', label: 'Automatic (cheaper of the two)' },
      { value: 'direct', label: 'Direct (factor the pattern system)' },
      { value: 'woodbury', label: 'Woodbury (factor an n x n system)' },
    ],
    help: 'How the linear system is factored (once per value of rho). Automatic picks the cheaper way for the data size.' },
];
