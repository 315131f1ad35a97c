import type { SettingSpec } from '../../settings/setting-spec';
import { admmSettingSpecs, type AdmmSettings } from '../admm/admm-settings';

export interface AdmmRbcdSettings extends AdmmSettings {
  innerSolver: string;
  blockSize: number;
  innerThreshold: number;
  thresholdDecay: number;
  maxInnerSteps: number;
}

const outerOverrides: Record<string, Partial<SettingSpec>> = {
  maxIterations: { default: 3000, help: 'Stop after this many outer ADMM iterations even if the tolerance is not reached.' },
  checkEvery: { default: 5 },
  // Changing rho under an inexact inner solver destabilized the outer iteration in tests.
  adaptiveRho: { default: false },
};

/** ADMM-RBCD settings: the ADMM ones (no linear system to factor) plus the inner solver's. */
export const admmRbcdSettingSpecs: readonly SettingSpec[] = [
  ...admmSettingSpecs
    .filter((s) => s.key !== 'linearSystem')
    .map((s) => ({ ...s, ...(outerOverrides[s.key] ?? {}) }) as SettingSpec),
  { key: 'innerSolver', label: 'Inner solver', kind: 'choice', default: 'auto', group: 'advanced',
    options: [
      { value: 'auto', label: 'Automatic (exact Newton when small, block coordinate descent otherwise)' },
      { value: 'rbcd', label: 'Randomized block coordinate descent' },
      { value: 'newton', label: 'Exact Newton (small problems only)' },
    ],
    help: 'How each ADMM step\'s smooth sub-problem is solved; block coordinate descent scales to large data.' },
  { key: 'blockSize', label: 'Block size', kind: 'integer', default: 4, min: 1, max: 4096, unit: 'patterns', group: 'advanced',
    help: 'How many patterns each coordinate-descent step updates together.' },
  { key: 'innerThreshold', label: 'Inner stopping threshold', kind: 'number', default: 1e-4, min: 1e-16, max: 1, unit: 'relative decrease', scale: 'log', group: 'advanced',
    help: 'The inner solver stops when its recent average progress falls below this fraction of the objective.' },
  { key: 'thresholdDecay', label: 'Threshold decay', kind: 'number', default: 0.96, min: 0.5, max: 1, unit: 'per iteration', scale: 'linear', group: 'advanced',
    help: 'The inner threshold is multiplied by this after every outer iteration, so inner solves get more exact.' },
  { key: 'maxInnerSteps', label: 'Inner step limit', kind: 'integer', default: 0, min: 0, max: 10_000_000, unit: 'steps', group: 'advanced',
    help: 'Most inner steps per outer iteration (0 chooses 50 sweeps over the patterns).' },
];
