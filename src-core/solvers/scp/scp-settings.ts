import type { SettingSpec, SettingValues } from '../../settings/setting-spec';
import { resolveSettings } from '../../settings/setting-spec';

/**
 * Settings of the sampled-convex-program (SCP) solver, paper-spec.md section 5, declared once as
 * data. `neurons` is read by whoever samples the directions (see scp-features.ts); the solver
 * itself takes the directions from the problem.
 */
export interface ScpSettings extends SettingValues {
  neurons: number;
  maxIterations: number;
  tolerance: number;
  timeLimitMs: number;
  checkEvery: number;
  rho: number;
  method: string;
}

export const scpSettingSpecs: readonly SettingSpec[] = [
  {
    key: 'neurons',
    label: 'Sampled neurons',
    help: 'How many random neuron directions the model may choose from; more gets closer to the true optimum but is slower.',
    group: 'basic',
    kind: 'integer',
    default: 256,
    min: 1,
    max: 100_000,
    unit: 'neurons',
    scale: 'log',
  },
  {
    key: 'maxIterations',
    label: 'Iteration limit',
    help: 'The solver stops here even if the certificate has not reached the tolerance.',
    group: 'advanced',
    kind: 'integer',
    default: 5000,
    min: 1,
    max: 10_000_000,
    unit: 'iterations',
    scale: 'log',
  },
  {
    key: 'tolerance',
    label: 'Optimality tolerance',
    help: 'Stop once the certified relative gap between the objective and its lower bound is this small.',
    group: 'basic',
    kind: 'number',
    default: 1e-6,
    min: 1e-15,
    max: 1,
    unit: 'relative gap',
    scale: 'log',
  },
  {
    key: 'timeLimitMs',
    label: 'Time limit',
    help: 'Stop after this much time and keep the current model; 0 means no limit.',
    group: 'advanced',
    kind: 'number',
    default: 0,
    min: 0,
    max: 1e9,
    unit: 'ms',
  },
  {
    key: 'checkEvery',
    label: 'Check interval',
    help: 'How often the optimality certificate is computed, reported and compared with the tolerance.',
    group: 'advanced',
    kind: 'integer',
    default: 10,
    min: 1,
    max: 100_000,
    unit: 'iterations',
  },
  {
    key: 'rho',
    label: 'ADMM penalty',
    help: 'Starting penalty of the ADMM method (hinge loss on large problems); it is re-balanced automatically.',
    group: 'advanced',
    kind: 'number',
    default: 1,
    min: 0,
    minExclusive: true,
    max: 1e6,
    unit: '',
    scale: 'log',
  },
  {
    key: 'method',
    label: 'Method',
    help: 'Automatic: FISTA for squared and cross-entropy; for hinge an interior-point method when small enough, else ADMM.',
    group: 'advanced',
    kind: 'choice',
    default: 'auto',
    options: [
      { value: 'auto', label: 'Automatic' },
      { value: 'fista', label: 'FISTA (smooth losses only)' },
      { value: 'admm', label: 'ADMM' },
      { value: 'ipm', label: 'Interior point (hinge loss only)' },
    ],
  },
];

/** Defaults filled in; unknown keys and out-of-range values throw a ConvexNetError (settings/...). */
export function resolveScpSettings(given: Partial<Record<string, unknown>> = {}): ScpSettings {
  return resolveSettings<ScpSettings>(scpSettingSpecs, given);
}
