/**
 * Writes a bench regression problem (bench/problem.ts: X with its bias column, the sampled
 * patterns' masks, y, beta) as JSON for cvxopt_iterations.py, and solves it with solveIpm on
 * every cone row, printing the Newton steps and certified gap of each step:
 *
 *   npx tsx bench/reference/export-ipm-problem.ts N FEATURES PATTERNS OUT.json [TOLERANCE]
 */
import { writeFileSync } from 'node:fs';
import { solveIpm } from '../../src-core/solvers/ipm/solve-ipm';
import { defaultContext } from '../../src-core/solvers/solver-types';
import { buildRegressionProblem } from '../problem';
import { SEED } from '../plan';

const [n, features, patterns] = [2, 3, 4].map((k) => Number(process.argv[k]));
const out = process.argv[5];
const tolerance = Number(process.argv[6] ?? 1e-8);
if (!(n! > 0 && features! > 0 && patterns! > 0) || !out) {
  console.error('usage: npx tsx bench/reference/export-ipm-problem.ts N FEATURES PATTERNS OUT.json [TOLERANCE]');
  process.exit(2);
}
const { problem } = buildRegressionProblem(n!, features!, patterns!, SEED);
const { X, patterns: set } = problem;
writeFileSync(out, JSON.stringify({ n: X.rows, d: X.cols, P: set.count, X: Array.from(X.data), masks: Array.from(set.masks), y: Array.from(problem.y), beta: problem.beta }));
const result = solveIpm(problem, { tolerance, maxIterations: 200, coneRows: 'all' }, defaultContext());
for (const point of result.history) console.log(`${point.iteration} gap ${(point.relativeGap ?? NaN).toExponential(2)} objective ${point.objective.toPrecision(12)}`);
console.log(JSON.stringify({ status: result.status, newtonSteps: result.info.iterations, objective: result.info.objective, relativeGap: result.info.relativeGap, rows: X.rows * 2 * set.count, n: X.rows, d: X.cols, P: set.count }));
