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
    help: 'Stop after this many steps (Newton steps) even if the tolerance is not reached. 20 to 40 steps is typical.' },
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
    help: 'How the linear system of each step is factored: one over features x patterns, or one over the rows. Automatic takes the cheaper one. Either can have up to 6,000 unknowns (its order).' },
  { key: 'coneRows', label: 'Cone constraints', kind: 'choice', default: 'auto', group: 'advanced',
    options: [
      { value: 'auto', label: 'Automatic (a working set when there are many rows per feature, or many features)' },
      { value: 'all', label: 'All rows in every Newton step' },
      { value: 'working-set', label: 'Working set (the rows that matter, added as needed)' },
    ],
    help: 'Each pattern has one constraint (cone row) per training row, but only a few dozen decide the optimum. A working set keeps just those, and adds any that the solution breaks. The certified optimum is the same.' },
];
