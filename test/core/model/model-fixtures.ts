import type { Task } from '../../../src-core/data/dataset';
import type { FittedPreprocessing } from '../../../src-core/data/preprocessing';
import { fitPreprocessing } from '../../../src-core/data/preprocessing';
import type { RawTable } from '../../../src-core/data/raw-table';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { Prng } from '../../../src-core/random/prng';
import type { SolveInfo } from '../../../src-core/solvers/solver-types';
import type { TrainedHead, TrainOutcome } from '../../../src-core/training/train-types';
import { rowTable, tableRows } from '../../../src-core/data/raw-table';

/** 12 raw rows: a numeric column with one gap, a text column, and three kinds of target. */
export function rawTable(): RawTable {
  const rows: string[][] = [];
  const colors = ['red', 'green', 'blue'];
  for (let i = 0; i < 12; i++) {
    rows.push([i === 4 ? '' : String((i * 7) % 11 - 5), colors[i % 3]!, String(i % 2 === 0 ? 'no' : 'yes'), ['cat', 'dog', 'eel'][i % 3]!, String(i * 0.5 - 1)]);
  }
  return rowTable(['x', 'color', 'binary', 'species', 'amount'], rows);
}

const TARGETS: Record<Task, string> = { binary: 'binary', multiclass: 'species', regression: 'amount' };

export function fitFor(task: Task): FittedPreprocessing {
  const table = rawTable();
  const others = Object.values(TARGETS).filter((t) => t !== TARGETS[task]);
  const keep = table.columns.map((c, j) => (others.includes(c) ? -1 : j)).filter((j) => j >= 0);
  return fitPreprocessing(rowTable(keep.map((j) => table.columns[j]!), tableRows(table).map((r) => keep.map((j) => r[j]!))), TARGETS[task], { task });
}

function info(objective: number): SolveInfo {
  return { iterations: 42, objective, lowerBound: objective * 0.99, relativeGap: 0.01, primalResidual: 1e-6, dualResidual: 2e-6, setupMs: 1.5, solveMs: 9.25, notes: ['note'] };
}

/** A hand-made training outcome: random small networks (with bias), convex metadata on each head. */
export function handMadeOutcome(task: Task, features: number, seed = 9): TrainOutcome {
  const prng = new Prng(seed);
  const d = features + 1;
  const heads: TrainedHead[] = (task === 'multiclass' ? [0, 1, 2] : [null]).map((classIndex, h) => {
    const m = 3 + h;
    const hidden = createMatrix(m, d, Float64Array.from({ length: m * d }, () => prng.nextGaussian()));
    const output = Float64Array.from({ length: m }, () => prng.nextGaussian());
    const generators = createMatrix(4, d, Float64Array.from({ length: 4 * d }, () => prng.nextGaussian()));
    return {
      classIndex,
      network: { hidden, output, hasBias: true },
      status: 'solved',
      info: info(1 + h),
      history: [{ iteration: 10, elapsedMs: 1, objective: 2 }],
      convex: { patternSource: 'sampled', generators, certificateText: 'within 1% of the best possible training objective' },
    };
  });
  return {
    task,
    options: { task, loss: task === 'regression' ? 'squared' : 'bce', solver: 'admm', formulation: 'sampled', patterns: 4, beta: 0.01, bias: true, seed, solverSettings: { rho: 2 } },
    heads,
    status: 'solved',
    setupMs: 3,
    solveMs: 20,
  };
}
