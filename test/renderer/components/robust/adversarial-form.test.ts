import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '../../../../src-core/contract/dataset-types';
import { checkAdversarial, perturbedColumns, suggestedEpsilon } from '../../../../src-renderer/components/robust/adversarial-form';

function numeric(name: string, std: number): ColumnProfile {
  return { name, kind: 'numeric', missing: 0, distinct: 10, stats: { min: -1, max: 1, mean: 0, std }, topCategories: [], histogram: [], flags: [], suggestedRole: 'feature' };
}
const profiles: ColumnProfile[] = [numeric('age', 10), numeric('income', 2000), { ...numeric('color', 0), kind: 'categorical', stats: null }];
const features = ['age', 'income', 'color'];

describe('adversarial form helpers', () => {
  it('shows each numeric column in raw units and in standard deviations; categorical columns are left out', () => {
    const columns = perturbedColumns({ epsilon: 5, norm: 'linf', units: 'raw', columnRadii: { income: 100 } }, features, profiles);
    expect(columns).toEqual([
      { name: 'age', raw: 5, standardized: 0.5, immutable: false },
      { name: 'income', raw: 100, standardized: 0.05, immutable: false },
    ]);
    const standardized = perturbedColumns({ epsilon: 0.2, norm: 'l2', units: 'standardized', immutable: ['income'] }, features, profiles);
    expect(standardized).toEqual([
      { name: 'age', raw: 2, standardized: 0.2, immutable: false },
      { name: 'income', raw: 0, standardized: 0, immutable: true },
    ]);
  });

  it('suggests a tenth of the smallest spread', () => {
    expect(suggestedEpsilon(features, profiles)).toBe(1);
    expect(suggestedEpsilon(['color'], profiles)).toBe(0.1);
  });

  it('warns when epsilon exceeds the spread and refuses unsupported solvers', () => {
    const wide = perturbedColumns({ epsilon: 30, norm: 'linf', units: 'raw' }, features, profiles);
    const check = checkAdversarial({ epsilon: 30, norm: 'linf', units: 'raw' }, 'admm', wide);
    expect(check.errors).toEqual([]);
    expect(check.warnings.join(' ')).toMatch(/age is 3\.0 standard deviations.*shrink towards zero/);
    expect(checkAdversarial({ epsilon: 1, norm: 'linf', units: 'raw' }, 'scp', []).errors.join(' ')).toMatch(/not scp/);
    expect(checkAdversarial({ epsilon: Number.NaN, norm: 'linf', units: 'raw' }, 'admm', []).errors).toHaveLength(1);
  });

  it('refuses the interior-point solver above epsilon 0 with the fix, and lets it train the standard model at 0', () => {
    expect(checkAdversarial({ epsilon: 0.5, norm: 'linf', units: 'raw' }, 'ipm', []).errors).toEqual([
      'The interior-point solver (ipm) does not do adversarial training (epsilon > 0): use ADMM or ADMM-RBCD, which solve the robust convex program, or set epsilon to 0.',
    ]);
    const atZero = checkAdversarial({ epsilon: 0, norm: 'linf', units: 'raw' }, 'ipm', []);
    expect(atZero.errors).toEqual([]);
    expect(atZero.warnings.join(' ')).toMatch(/standard model/);
  });
});
