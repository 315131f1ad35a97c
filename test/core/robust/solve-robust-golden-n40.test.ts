import { describe, expect, it } from 'vitest';
import { solveRobust } from '../../../src-core/robust/solve-robust';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { getGoldenProblem, loadGoldenProblems } from '../golden/golden-problems';
import { robustProblemFromGolden } from './robust-fixtures';

/** The larger robust golden problems (n = 40, standardized seeded data, cvxopt optima). */
describe('solveRobust on the seeded robust golden problems', () => {
  const names = loadGoldenProblems().filter((p) => p.kind === 'robust-convex-relu' && !p.name.startsWith('toy')).map((p) => p.name);
  it('has the three losses', () => expect(names.length).toBe(3));
  // 'auto' solves the squared and hinge programs by the interior-point method, BCE by PDHG.
  for (const [name, method] of names.flatMap((name) => [[name, 'auto'], [name, 'pdhg']] as const)) {
    it(`${name} (${method}): optimum to 1e-6 relative`, () => {
      const golden = getGoldenProblem(name);
      const result = solveRobust(robustProblemFromGolden(golden), { tolerance: 8e-7, maxIterations: 200000, method }, defaultContext());
      expect(result.status).toBe('solved');
      expect(Math.abs(result.info.objective - golden.optimum) / golden.optimum).toBeLessThan(1e-6);
      expect(result.info.lowerBound!).toBeLessThanOrEqual(golden.optimum * (1 + 1e-9));
    }, 30000);
  }
});
