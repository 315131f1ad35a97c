import type { SettingSpec } from '../../settings/setting-spec';

export interface IpmSettings {
  [key: string]: number | string | boolean;
  maxIterations: number;
  tolerance: number;
  timeLimitMs: number;
  linearSystem: string;
  coneRows: string;
}

/** Settings of the interior-point solver, declared once. */
export const ipmSettingSpecs: readonly SettingSpec[] = [
  { key: 'maxIterations', label: 'Iteration limit', kind: 'integer', default: 100, min: 1, max: 1000, unit: 'Newton steps', group: 'advanced',
    help: 'Stop after this many interior-point (Newton) steps even if the tolerance is not reached; 20-40 is typical.' },
  { key: 'tolerance', label: 'Gap tolerance', kind: 'number', default: 1e-6, min: 1e-12, max: 1, unit: 'relative gap', scale: 'log', group: 'advanced',
    help: 'Stop when the certified gap to the best possible training objective, and the cone violation, are below this fraction.' },
  { key: 'timeLimitMs', label: 'Time limit', kind: 'number', default: 0, min: 0, max: 86_400_000, unit: 'ms', scale: 'linear', group: 'advanced',
    help: 'Stop after this much time (0 means no limit).' },
  { key: 'linearSystem', label: 'Linear system method', kind: 'choice', default: 'auto', group: 'advanced',
    options: [
      { value: 'auto', label: 'Automatic (the cheaper of the two for the data size)' },
      { value: 'direct', label: 'Direct (factor the d P pattern system)' },
      { value: 'woodbury', label: 'Woodbury (factor an n x n system over the rows)' },
    ],
    help: 'How each Newton system is factored: the features x patterns system or one over the rows; automatic takes the cheaper, each up to order 6000.' },
  { key: 'coneRows', label: 'Cone constraints', kind: 'choice', default: 'auto', group: 'advanced',
    options: [
      { value: 'auto', label: 'Automatic (a working set when there are many rows per feature, or many features)' },
      { value: 'all', label: 'All rows in every Newton step' },
      { value: 'working-set', label: 'Working set (the rows that matter, added as needed)' },
    ],
    help: 'Each pattern cone has a row per training row, but only a few dozen decide the optimum; a working set carries those and adds any the solution violates, to the same certified optimum.' },
];
