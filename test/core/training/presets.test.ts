import { describe, expect, it } from 'vitest';
import type { Dataset, Task } from '../../../src-core/data/dataset';
import { resolveSettings } from '../../../src-core/settings/setting-spec';
import { admmRbcdSettingSpecs } from '../../../src-core/solvers/admm-rbcd/admm-rbcd-settings';
import { admmSettingSpecs } from '../../../src-core/solvers/admm/admm-settings';
import { backpropSettingSpecs } from '../../../src-core/solvers/backprop/backprop-settings';
import { scpSettingSpecs } from '../../../src-core/solvers/scp/scp-settings';
import { presetInfos, presetOptions, presetSolverSettings, type PresetName } from '../../../src-core/training/presets';
import { validateTrainOptions } from '../../../src-core/training/validate-train-options';
import { blobs, curve, moons } from '../fixtures/synthetic';

const specsOf = { admm: admmSettingSpecs, 'admm-rbcd': admmRbcdSettingSpecs, scp: scpSettingSpecs, backprop: backpropSettingSpecs } as const;
const datasets: Record<Task, Dataset> = { binary: moons(40, 0.1, 1), multiclass: blobs(45, 3, 0.3, 2), regression: curve(40, 0.05, 3) };
const names = presetInfos.map((p) => p.name);

describe('presets', () => {
  it('are Quick look, Balanced and Most accurate, in that order', () => {
    expect(presetInfos.map((p) => p.label)).toEqual(['Quick look', 'Balanced', 'Most accurate']);
  });

  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    for (const preset of names) {
      it(`${preset} gives valid settings for a ${task} task (small and large data)`, () => {
        for (const rows of [datasets[task].X.rows, 50_000]) {
          const options = presetOptions(preset, { task, rows, features: 2, bias: true });
          expect(options.task).toBe(task);
          if (rows === datasets[task].X.rows) expect(() => validateTrainOptions(datasets[task], options)).not.toThrow();
          expect(() => resolveSettings(specsOf[options.solver], options.solverSettings)).not.toThrow();
        }
      });
    }
  }

  it('gives valid solver settings for every solver when the user switches solver', () => {
    for (const preset of names) {
      for (const solver of Object.keys(specsOf) as (keyof typeof specsOf)[]) {
        expect(() => resolveSettings(specsOf[solver], presetSolverSettings(preset, solver))).not.toThrow();
      }
    }
  });

  it('orders effort: more patterns and a tighter tolerance towards Most accurate', () => {
    const shape = { task: 'binary' as const, rows: 1000, features: 5, bias: true };
    const [quick, balanced, accurate] = (['quick', 'balanced', 'accurate'] as PresetName[]).map((p) => presetOptions(p, shape));
    expect(quick!.patterns).toBeLessThan(balanced!.patterns);
    expect(balanced!.patterns).toBeLessThan(accurate!.patterns);
    expect(quick!.solverSettings!.tolerance as number).toBeGreaterThan(balanced!.solverSettings!.tolerance as number);
    expect(balanced!.solverSettings!.tolerance as number).toBeGreaterThan(accurate!.solverSettings!.tolerance as number);
  });

  it('uses the exact formulation only when the automatic choice allows it, never for Quick look', () => {
    const tiny = { task: 'regression' as const, rows: 8, features: 1, bias: true };
    expect(presetOptions('balanced', tiny).formulation).toBe('exact');
    expect(presetOptions('quick', tiny).formulation).toBe('sampled');
    expect(presetOptions('accurate', { ...tiny, rows: 500 }).formulation).toBe('sampled');
  });
});
