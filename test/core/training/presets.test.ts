import { describe, expect, it } from 'vitest';
import type { Dataset, Task } from '../../../src-core/data/dataset';
import { resolveSettings } from '../../../src-core/settings/setting-spec';
import { admmRbcdSettingSpecs } from '../../../src-core/solvers/admm-rbcd/admm-rbcd-settings';
import { admmSettingSpecs } from '../../../src-core/solvers/admm/admm-settings';
import { backpropSettingSpecs } from '../../../src-core/solvers/backprop/backprop-settings';
import { ipmSettingSpecs } from '../../../src-core/solvers/ipm/ipm-settings';
import { scpSettingSpecs } from '../../../src-core/solvers/scp/scp-settings';
import { modelCost } from '../../../src-core/training/cost-estimate';
import { IPM_RECOMMENDED_MAX_BYTES, IPM_STRUCTURED_MAX_UNKNOWNS } from '../../../src-core/training/recommended-solver';
import { BALANCED_BACKPROP_PATTERN_ROWS, presetAdvice, presetInfos, presetOptions, presetSolverChoice, presetSolverSettings, recommendedSolverFor, type PresetName } from '../../../src-core/training/presets';
import { patternSourceOf } from '../../../src-core/training/pattern-source';
import { solverOwnSettings } from '../../../src-core/training/pipeline-settings';
import { validateTrainOptions } from '../../../src-core/training/validate-train-options';
import { blobs, curve, moons } from '../fixtures/synthetic';

const specsOf = { admm: admmSettingSpecs, 'admm-rbcd': admmRbcdSettingSpecs, ipm: ipmSettingSpecs, scp: scpSettingSpecs, backprop: backpropSettingSpecs } as const;
const datasets: Record<Task, Dataset> = { binary: moons(40, 0.1, 1), multiclass: blobs(45, 3, 0.3, 2), regression: curve(40, 0.05, 3) };
const names = presetInfos.map((p) => p.name);

describe('presets', () => {
  it('are Quick look, Balanced and Most accurate, in that order', () => {
    expect(presetInfos.map((p) => p.label)).toEqual(['Quick look', 'Balanced', 'Most accurate']);
  });

  for (const task of ['binary', 'multiclass', 'regression'] as const) {
    for (const preset of names) {
      it(`${preset} gives valid settings for a ${task} task (small and large data, with and without class weights)`, () => {
        for (const rows of [datasets[task].X.rows, 50_000]) {
          for (const classWeighted of [false, true]) {
            const options = presetOptions(preset, { task, rows, features: 2, bias: true }, 1, { classWeighted });
            expect(options.task).toBe(task);
            // Small data takes the interior-point solver in every preset (with class weights in its conic form).
            if (rows === datasets[task].X.rows) expect(options.solver).toBe('ipm');
            else expect(options.solver).toBe(presetSolverChoice(preset, { task, rows, features: 2, bias: true }, { classWeighted }).value);
            const withWeights = classWeighted && task !== 'regression' ? { ...options, classWeights: 'balanced' as const } : options;
            if (rows === datasets[task].X.rows) expect(() => validateTrainOptions(datasets[task], withWeights)).not.toThrow();
            // The solver's own settings, and the pipeline's (pipeline-settings.ts) by their declarations.
            expect(() => resolveSettings(specsOf[options.solver], solverOwnSettings(options.solverSettings ?? {}))).not.toThrow();
            expect(() => patternSourceOf(options.solverSettings)).not.toThrow();
            // Most accurate takes a sampled program's patterns from back-propagation, Balanced from
            // BALANCED_BACKPROP_PATTERN_ROWS training rows on; Quick look never.
            const sampledConvex = options.formulation === 'sampled' && ['admm', 'admm-rbcd', 'ipm'].includes(options.solver);
            const fromBackprop = preset === 'accurate' || (preset === 'balanced' && rows >= BALANCED_BACKPROP_PATTERN_ROWS);
            expect(patternSourceOf(options.solverSettings)).toBe(fromBackprop && sampledConvex ? 'backprop' : 'random');
          }
        }
      });
    }
  }

  it('every preset picks the interior-point solver while its Newton systems fit (unknowns, memory), and says why', () => {
    const small = { task: 'regression' as const, rows: 200, features: 3, bias: true };
    const choice = presetSolverChoice('accurate', small);
    expect(choice.value).toBe('ipm');
    expect(choice.reason).toMatch(/^Squared loss \(1,024 unknowns\): the interior-point method certifies a gap of 1e-6 /);
    expect(presetOptions('accurate', small)).toMatchObject({ solver: 'ipm', patterns: 128, solverSettings: { tolerance: 1e-6, maxIterations: 200 } });
    // Quick look and Balanced too, sized by their own pattern counts and tolerances.
    expect(presetSolverChoice('balanced', small).reason).toMatch(/^Squared loss \(256 unknowns\): the interior-point method certifies a gap of 1e-3 /);
    expect(presetOptions('balanced', small)).toMatchObject({ solver: 'ipm', patterns: 32, solverSettings: { tolerance: 1e-3, maxIterations: 100 } });
    expect(presetOptions('quick', small)).toMatchObject({ solver: 'ipm', patterns: 16, solverSettings: { tolerance: 1e-2, maxIterations: 100 } });
    // Over 4000 unknowns 2dP (2 x 17 x 128 = 4352) on 5000 rows the step over the patterns decides:
    // modelled within its limit here; with 46 columns (11,776 unknowns) over it, so ADMM, with the
    // reason. More memory than the limit (many rows) too. On few rows the Woodbury system over
    // the rows takes them.
    expect(2 * 17 * 128).toBeGreaterThan(IPM_STRUCTURED_MAX_UNKNOWNS);
    expect(presetSolverChoice('accurate', { ...small, rows: 5000, features: 16 })).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Squared loss \(4,352 unknowns\)/) });
    const wide = presetSolverChoice('accurate', { ...small, rows: 12_000, features: 45 });
    expect(wide.value).toBe('admm');
    expect(wide.reason).toMatch(/The interior-point solver is not used: this problem has 11,776 unknowns\. Each of its steps \(Newton steps\) is estimated at about [\d.]+ s, more than its limit of 16 s\./);
    expect(presetSolverChoice('accurate', { ...small, rows: 300, features: 16 })).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Squared loss \(4,352 unknowns\)/) });
    const tall = { ...small, rows: 100_000 };
    expect(modelCost({ solver: 'ipm', loss: 'squared', rows: tall.rows, columns: 4, size: 128, heads: 1, checkEvery: 1 }).bytes).toBeGreaterThan(IPM_RECOMMENDED_MAX_BYTES);
    expect(presetSolverChoice('accurate', tall)).toMatchObject({ value: 'admm', reason: expect.stringMatching(/its steps would need about [\d.]+ GB of memory, more than its limit of 2\.0 GB/) });
    // Class weights: the interior-point solver's conic form.
    const weighted = presetSolverChoice('accurate', { ...small, task: 'binary' }, { classWeighted: true });
    expect(weighted.value).toBe('ipm');
    expect(weighted.reason).toMatch(/^Squared loss with class weights on a small problem/);
    // The exact program is sized by its pattern count: tiny data, exact, all patterns fit.
    const tiny = { task: 'binary' as const, rows: 8, features: 1, bias: true };
    expect(presetOptions('accurate', tiny)).toMatchObject({ solver: 'ipm', formulation: 'exact' });
  });

  it('carries every preset\'s solver reason with the options (the Train screen shows it)', () => {
    const shape = { task: 'binary' as const, rows: 300, features: 2, bias: true };
    const advice = presetAdvice(shape);
    for (const name of names) {
      const choice = presetSolverChoice(name, shape);
      expect(advice.presets[name].solver).toBe(choice.value);
      expect(choice.reason.length).toBeGreaterThan(20);
      // The Train screen's recommendation for the preset's own options is the preset's choice.
      expect(recommendedSolverFor(shape, advice.presets[name], name)).toEqual(choice);
    }
  });

  it('recommends for the options as set: another loss, other patterns, class weights', () => {
    // 100,000 rows of 10 features: the squared loss's structured Newton steps, the hinge loss's
    // conic ones modelled over 3 s a step (ADMM).
    const shape = { task: 'binary' as const, rows: 100_000, features: 10, bias: true };
    const balanced = presetOptions('balanced', shape);
    expect(recommendedSolverFor(shape, balanced, 'balanced')).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Squared loss \(704 unknowns\)/) });
    const hinge = recommendedSolverFor(shape, { ...balanced, loss: 'hinge' }, 'balanced');
    expect(hinge).toMatchObject({ value: 'admm', reason: expect.stringMatching(/hinge loss.*The interior-point solver is not used: /) });
    // Fewer rows: the hinge loss's conic form is cheap enough.
    const fewer = { ...shape, rows: 2000 };
    expect(recommendedSolverFor(fewer, { ...presetOptions('balanced', fewer), loss: 'hinge' }, 'balanced')).toMatchObject({ value: 'ipm', reason: expect.stringMatching(/^Hinge loss on a small problem/) });
    // Class weights send the squared loss to the conic form too.
    expect(recommendedSolverFor(fewer, { ...presetOptions('balanced', fewer), classWeights: 'balanced' }, 'balanced').reason).toMatch(/^Squared loss with class weights/);
    // The pattern count as set; a non-convex solver's count is not the convex program's.
    expect(recommendedSolverFor(shape, { ...balanced, patterns: 512 }, 'balanced').reason).toMatch(/11,264 unknowns/);
    expect(recommendedSolverFor(shape, { ...balanced, solver: 'scp', patterns: 512 }, 'balanced').reason).toMatch(/704 unknowns/);
    // Values not from a preset: Balanced's tolerance is quoted.
    expect(recommendedSolverFor(fewer, presetOptions('balanced', fewer), null).reason).toMatch(/gap of 1e-3/);
  });

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

  it('Balanced takes its patterns from back-propagation from BALANCED_BACKPROP_PATTERN_ROWS training rows on', () => {
    const shape = { task: 'binary' as const, rows: BALANCED_BACKPROP_PATTERN_ROWS - 1, features: 4, bias: true };
    expect(patternSourceOf(presetOptions('balanced', shape).solverSettings)).toBe('random');
    expect(patternSourceOf(presetOptions('balanced', { ...shape, rows: BALANCED_BACKPROP_PATTERN_ROWS }).solverSettings)).toBe('backprop');
    expect(patternSourceOf(presetOptions('quick', { ...shape, rows: 50_000 }).solverSettings)).toBe('random');
  });
});
