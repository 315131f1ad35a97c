import type { SettingSpec } from '../settings/setting-spec';

export interface RobustSolverSettings {
  [key: string]: number | string | boolean;
  maxIterations: number;
  tolerance: number;
  checkEvery: number;
  timeLimitMs: number;
  restarts: boolean;
  relaxation: number;
  method: string;
}

/** Settings of the robust (adversarial) convex solver, declared once. */
export const robustSettingSpecs: readonly SettingSpec[] = [
  { key: 'maxIterations', label: 'Iteration limit', kind: 'integer', default: 50000, min: 1, max: 10_000_000, unit: 'iterations', group: 'advanced',
    help: 'Stop after this many primal-dual iterations even if the tolerance is not reached.' },
  { key: 'tolerance', label: 'Gap tolerance', kind: 'number', default: 1e-4, min: 1e-14, max: 1, unit: 'relative gap', scale: 'log', group: 'advanced',
    help: 'Stop when the certified gap to the best possible robust training objective, and the robust-constraint violation, are below this fraction.' },
  { key: 'checkEvery', label: 'Check interval', kind: 'integer', default: 50, min: 1, max: 100000, unit: 'iterations', group: 'advanced',
    help: 'How often the certificate, the constraint violation and progress are computed.' },
  { key: 'timeLimitMs', label: 'Time limit', kind: 'number', default: 0, min: 0, max: 86_400_000, unit: 'ms', scale: 'linear', group: 'advanced',
    help: 'Stop after this much time (0 means no limit).' },
  { key: 'relaxation', label: 'Over-relaxation', kind: 'number', default: 1.5, min: 0, minExclusive: true, max: 1.95, unit: '', scale: 'linear', group: 'advanced',
    help: 'Over-relaxation of the primal-dual steps. 1 is plain PDHG. 1.5 needed about a third fewer iterations on the reference problems.' },
  { key: 'restarts', label: 'Adaptive restarts', kind: 'boolean', default: true, group: 'advanced',
    help: 'Restart from the average of the recent solutions when it is much better (as PDLP does). This is usually many times faster.' },
  { key: 'method', label: 'Method', kind: 'choice', default: 'auto', group: 'advanced',
    options: [
      { value: 'auto', label: 'Automatic (interior point when small enough)' },
      { value: 'ipm', label: 'Interior point (small and medium programs)' },
      { value: 'pdhg', label: 'Restarted PDHG (first-order, any size)' },
    ],
    help: 'How the robust program is solved. An interior-point method certifies small and medium programs in a few dozen steps. PDHG, a first-order method, takes any size.' },
];
