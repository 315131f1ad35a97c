import { admmRbcdSettingSpecs } from '../../src-core/solvers/admm-rbcd/admm-rbcd-settings';
import { admmSettingSpecs } from '../../src-core/solvers/admm/admm-settings';
import { backpropSettingSpecs } from '../../src-core/solvers/backprop/backprop-settings';
import { ipmSettingSpecs } from '../../src-core/solvers/ipm/ipm-settings';
import { scpSettingSpecs } from '../../src-core/solvers/scp/scp-settings';
import type { SettingSpec } from '../../src-core/settings/setting-spec';
import { exactPatternLimitSpec } from '../../src-core/training/exact-pattern-limit';
import { patternSourceSpec } from '../../src-core/training/pattern-source';

/** The README's settings tables, generated from the declared settings of the solvers and the pipeline (one source of truth). */
export function settingsTablesMarkdown(): string {
  const sections: [string, readonly SettingSpec[]][] = [
    ['ADMM (`--solver admm`)', admmSettingSpecs],
    ['ADMM-RBCD (`--solver admm-rbcd`)', admmRbcdSettingSpecs],
    ['Interior-point (`--solver ipm`)', ipmSettingSpecs],
    ['SCP (`--solver scp`)', scpSettingSpecs],
    ['Back-propagation baseline (`--solver backprop`)', backpropSettingSpecs],
    // The training pipeline's settings of its own (any convex solver: `--exact-pattern-limit`, `--pattern-source`).
    ['Exact formulation (`--formulation exact`)', [exactPatternLimitSpec]],
    ['Sampled formulation (`--pattern-source`)', [patternSourceSpec]],
  ];
  return sections.map(([title, specs]) => `#### ${title}\n\n${table(specs)}`).join('\n\n');
}

function table(specs: readonly SettingSpec[]): string {
  const rows = specs.map((s) => `| \`${s.key}\` | ${defaultText(s)} | ${rangeText(s)} | ${s.help.replace(/\|/g, '\\|')} |`);
  return ['| setting | default | allowed | what it does |', '|---|---|---|---|', ...rows].join('\n');
}

function defaultText(s: SettingSpec): string {
  return `\`${String(s.default)}\``;
}

function rangeText(s: SettingSpec): string {
  switch (s.kind) {
    case 'number':
    case 'integer':
      return `${s.minExclusive ? '>' : '>='} ${s.min}, <= ${s.max}${s.unit ? ` ${s.unit}` : ''}${s.kind === 'integer' ? ' (whole)' : ''}`;
    case 'choice':
      return s.options.map((o) => `\`${o.value}\``).join(', ');
    case 'boolean':
      return 'true, false';
  }
}
