/**
 * The squared-loss ADMM problem every ADMM case solves, built exactly as trainModel builds it
 * for a regression dataset with the app's defaults: bias column appended (so the solver's
 * d = features + 1), `patterns` Gaussian patterns sampled with the seed's Prng and
 * de-duplicated, beta = defaultBeta(n) (1e-4 per row, sum-over-samples loss).
 */
import { getLoss } from '../src-core/losses';
import { samplePatterns } from '../src-core/patterns/sample-patterns';
import { Prng } from '../src-core/random/prng';
import type { AdmmProblem } from '../src-core/solvers/admm/solve-admm';
import { defaultBeta } from '../src-core/training/train-defaults';
import { makeSyntheticData, withBias } from './data';
import { benchNow } from './stats';

export interface BuiltProblem {
  problem: AdmmProblem;
  /** Wall time of pattern sampling (part of the user's training time), ms. */
  patternMs: number;
  /** Wall time of making the synthetic data (not part of any measured time), ms. */
  dataMs: number;
}

export function buildRegressionProblem(n: number, features: number, patterns: number, seed: number): BuiltProblem {
  const t0 = benchNow();
  const data = makeSyntheticData(n, features, seed);
  const X = withBias(data.X);
  const t1 = benchNow();
  const patternSet = samplePatterns(X, patterns, new Prng(seed + 1));
  const t2 = benchNow();
  const problem: AdmmProblem = {
    X,
    y: data.yRegression,
    loss: getLoss('squared'),
    beta: defaultBeta(n),
    patterns: patternSet,
    hasBias: true,
  };
  return { problem, patternMs: t2 - t1, dataMs: t1 - t0 };
}

export interface SystemNote {
  linearSystemPath: string;
  factorizations: number;
  factorMs: number;
  largestFactoredDimension: number;
  finalRho: number;
}

const SYSTEM_NOTE = /Linear system: (\w+), factored (\d+) times? in (\d+) ms, largest factored dimension (\d+); final rho ([0-9.eE+-]+)\./;

/**
 * Reads the linear-system facts that solveAdmm reports in its details (SolveInfo.details, the engine's
 * linearSystemPath, factorization count and time, largestFactoredDimension, final rho).
 * Throws if the note is missing, so a changed wording shows up as a case error, not as a silent pass.
 */
export function parseSystemNote(notes: readonly string[] = []): SystemNote {
  for (const note of notes) {
    const m = SYSTEM_NOTE.exec(note);
    if (m) {
      return {
        linearSystemPath: m[1]!,
        factorizations: Number(m[2]),
        factorMs: Number(m[3]),
        largestFactoredDimension: Number(m[4]),
        finalRho: Number(m[5]),
      };
    }
  }
  throw new Error(`solveAdmm details carry no linear-system line (format changed?): ${JSON.stringify(notes)}`);
}
