import { describe, expect, it } from 'vitest';
import { pipelineSettings, runSolverSettings, solverOwnSettings } from '../../../src-core/training/pipeline-settings';

describe('pipeline settings', () => {
  it('leaves the solver its own settings', () => {
    expect(solverOwnSettings({ tolerance: 1e-4, exactPatternLimit: 500 })).toEqual({ tolerance: 1e-4 });
    expect(solverOwnSettings({ rho: 2 })).toEqual({ rho: 2 });
    expect(solverOwnSettings({ rho: 2, patternSource: 'backprop', exactPatternLimit: 500 })).toEqual({ rho: 2 });
  });

  it('takes the pipeline\'s own out of a solver\'s settings, to carry them to another solver', () => {
    expect(pipelineSettings({ tolerance: 1e-4, exactPatternLimit: 500, patternSource: 'backprop' })).toEqual({ exactPatternLimit: 500, patternSource: 'backprop' });
    expect(pipelineSettings({ tolerance: 1e-4 })).toEqual({});
  });

  it('hands back-propagation the generic iteration limit as its epochs', () => {
    expect(runSolverSettings({ solver: 'backprop', solverSettings: { maxIterations: 50, patternSource: 'random' } })).toEqual({ epochs: 50 });
    expect(runSolverSettings({ solver: 'admm', solverSettings: { maxIterations: 50, exactPatternLimit: 9 } })).toEqual({ maxIterations: 50 });
    expect(runSolverSettings({ solver: 'scp' })).toEqual({});
  });
});
