/** Robust problems built from the golden optima (test/core/golden), prepared built-in data and report checks. */
import { expect } from 'vitest';
import type { RawTable } from '../../../src-core/data/raw-table';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { readTarget } from '../../../src-core/data/target-column';
import { getLoss } from '../../../src-core/losses';
import type { RobustProblem } from '../../../src-core/robust/robust-problem';
import type { RobustnessReport } from '../../../src-core/robust/robustness-report-types';
import { uniformThreat, type ThreatModel } from '../../../src-core/robust/threat-model';
import { prepareTrainingData, type PreparedTrainingData } from '../../../src-core/training/prepare-training-data';
import type { GoldenProblem } from '../golden/golden-problems';
import { goldenGenerators, goldenX, goldenY } from '../golden/golden-problems';

/** The golden problem as a robust program: l_inf radius p.eps on every column but the bias. */
export function robustProblemFromGolden(p: GoldenProblem, threat?: ThreatModel): RobustProblem {
  const X = goldenX(p);
  const masks = new Uint8Array(p.n * p.P);
  p.masks.forEach((row, k) => row.forEach((m, i) => {
    masks[k * p.P + i] = m;
  }));
  return {
    X,
    y: goldenY(p),
    loss: getLoss(p.loss),
    beta: p.beta,
    hasBias: p.biasColumn,
    patterns: { n: p.n, count: p.P, masks, generators: goldenGenerators(p), source: 'sampled' },
    threat: threat ?? uniformThreat('linf', p.eps, p.d, p.biasColumn ? [p.d - 1] : []),
  };
}

/**
 * The hinge-loss program without an adversary on n Gaussian rows of two features and the bias
 * column, with `patterns` sampled patterns; the label of row k is `label(x1, x2, k)`.
 */
export function smallHingeProblem(n: number, patterns: number, seed: number, label: (x1: number, x2: number, k: number) => number): RobustProblem {
  const prng = new Prng(seed);
  const d = 3;
  const X = createMatrix(n, d);
  for (let k = 0; k < n; k++) for (let t = 0; t < d; t++) X.data[k * d + t] = t === d - 1 ? 1 : prng.nextGaussian();
  const y = Float64Array.from({ length: n }, (_, k) => label(X.data[k * d]!, X.data[k * d + 1]!, k));
  return { X, y, loss: getLoss('hinge'), beta: 0.05, patterns: samplePatterns(X, patterns, prng), hasBias: true, threat: uniformThreat('linf', 0, d) };
}

/** The golden problem's cvxopt solution as 2P x d blocks (v blocks, then w blocks). */
export function goldenBlocks(p: GoldenProblem): Float64Array {
  return Float64Array.from([...p.solution.v!.flat(), ...p.solution.w!.flat()]);
}

/** A built-in table split 75/25 (seed 3) and standardized. */
export function prepared(table: RawTable, targetColumn: string): PreparedTrainingData {
  const target = readTarget(table, targetColumn);
  return prepareTrainingData(table, target, { testFraction: 0.25, seed: 3, standardize: true });
}

/** certified <= PGD <= FGSM <= clean at every radius, for plain and balanced accuracy. */
export function expectNested(report: RobustnessReport): void {
  for (const point of report.points) {
    for (const set of [point.accuracy, point.balancedAccuracy]) {
      expect(set.certified!).toBeLessThanOrEqual(set.pgd!);
      expect(set.pgd!).toBeLessThanOrEqual(set.fgsm!);
      expect(set.fgsm!).toBeLessThanOrEqual(set.clean!);
    }
  }
}
