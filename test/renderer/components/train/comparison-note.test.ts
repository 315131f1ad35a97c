import { describe, expect, it } from 'vitest';
import type { HeadResult, RunResult } from '../../../../src-core/contract/operations';
import { objectiveNote, trainingObjective } from '../../../../src-renderer/components/train/comparison-note';
import { binaryDefaults, runResult } from '../../support/fixtures';

function run(objectives: readonly number[], lowerBounds: readonly (number | null)[], options: Partial<RunResult['options']> = {}): RunResult {
  const base = runResult();
  const heads: HeadResult[] = objectives.map((objective, k) => ({ ...base.heads[0]!, classIndex: objectives.length > 1 ? k : null, objective, lowerBound: lowerBounds[k] ?? null }));
  return runResult({ heads, options: { ...binaryDefaults, ...options } });
}

describe('objectiveNote', () => {
  const backprop = (objective: number) => run([objective], [null], { solver: 'backprop' });

  it('explains a baseline below a sampled convex run by the sampled patterns, and suggests more', () => {
    const convex = run([2.437], [2.437], { solver: 'ipm', formulation: 'sampled', patterns: 32 });
    const note = objectiveNote(convex, [backprop(2.228), backprop(1.857)]);
    expect(note).toContain('Back-propagation reached a lower training objective (1.857) than the convex run (2.437).');
    expect(note).toContain('its 32 sampled activation patterns');
    expect(note).toContain('(try 128)');
    expect(note).toContain('Patterns from a back-propagation network (Pattern source under Advanced) make the convex objective at most that network\'s');
    // Already from back-propagation: the other seeds' networks are why.
    const fromBackprop = run([2.437], [2.437], { solver: 'ipm', formulation: 'sampled', patterns: 32, solverSettings: { patternSource: 'backprop' } });
    const second = objectiveNote(fromBackprop, [backprop(2.228), backprop(1.857)])!;
    expect(second).toContain('Its patterns came from one back-propagation network, whose objective it does not exceed; other seeds\' networks can find other patterns.');
    expect(second).not.toContain('Pattern source under Advanced');
  });

  it('says nothing while the sampled convex run is the lowest', () => {
    const convex = run([1.204], [1.204], { formulation: 'sampled', patterns: 128 });
    expect(objectiveNote(convex, [backprop(1.857), backprop(2.2)])).toBeNull();
    expect(objectiveNote(convex, [])).toBeNull();
  });

  it('states the exact program\'s lower bound as one for every network, summed over one-vs-rest networks', () => {
    const convex = run([1, 2], [0.9, 1.8], { formulation: 'exact' });
    expect(trainingObjective(convex)).toBe(3);
    expect(objectiveNote(convex, [backprop(3.5)])).toBe(
      "The convex run solved the exact program: no two-layer ReLU network with this regularization, of any width and however trained, has a training objective below 2.7 (its certified lower bound). Back-propagation's best: 3.5.",
    );
    // Without a bound for every network there is no claim to make.
    expect(objectiveNote(run([1, 2], [0.9, null], { formulation: 'exact' }), [backprop(3.5)])).toBeNull();
  });
});
