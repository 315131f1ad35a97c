import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../../../src-core/data/dataset';
import { createMatrix } from '../../../src-core/linalg/matrix';
import { Prng } from '../../../src-core/random/prng';
import type { SolverStatus } from '../../../src-core/solvers/solver-types';
import type { TrainFunction, TrainOptions, TrainOutcome } from '../../../src-core/training/train-types';
import type { CliEnvironment } from '../../../src-main/cli/cli-environment';
import { runCli } from '../../../src-main/cli/run-cli';

export function tempDir(): { dir: string; file: (name: string, text?: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'convexnet-cli-'));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      if (text !== undefined) writeFileSync(path, text);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Deterministic CSV: two numeric columns (one with gaps), a text column, and a class target. */
export function classificationCsv(classes: readonly string[], rowsPerClass: number, seed = 4): string {
  const prng = new Prng(seed);
  const lines = ['x1,x2,shade,label'];
  for (let i = 0; i < rowsPerClass * classes.length; i++) {
    const c = i % classes.length;
    const x1 = (Math.cos((2 * Math.PI * c) / classes.length) * 2 + prng.nextGaussian() * 0.5).toFixed(4);
    const x2 = i % 17 === 3 ? '' : (Math.sin((2 * Math.PI * c) / classes.length) * 2 + prng.nextGaussian() * 0.5).toFixed(4);
    const shade = ['light', 'dark', '"mid, grey"'][(i * 7) % 3];
    lines.push(`${x1},${x2},${shade},${classes[c]}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  calls: { train: Dataset; options: TrainOptions }[];
}

/** Runs the CLI in-process with a trainer stand-in and a fake clock. */
export async function runInProcess(argv: string[], trainer: TrainFunction = fakeTrainer()): Promise<Captured> {
  const out: Captured = { code: -1, stdout: '', stderr: '', calls: [] };
  let clock = 0;
  const env: CliEnvironment = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    now: () => (clock += 100),
    loadTrainer: async () => (train, options, context) => {
      out.calls.push({ train, options });
      return trainer(train, options, context);
    },
    producer: 'ConvexNet Studio test',
    version: '0.0.0-test',
  };
  out.code = await runCli(argv, env);
  return out;
}

/** A trainer stand-in: small random networks of the right shape, fixed solve info, some progress. */
export function fakeTrainer(status: SolverStatus = 'max-iterations'): TrainFunction {
  return (train, options, context): TrainOutcome => {
    const prng = new Prng(options.seed);
    const d = train.X.cols + (options.bias ? 1 : 0);
    const classes = train.task === 'multiclass' ? train.classNames.map((_, c) => c) : [null];
    for (let i = 1; i <= 30; i++) context.onProgress?.({ iteration: i * 10, elapsedMs: i * 100, objective: 10 / i, relativeGap: 1 / i, fraction: i / 30 });
    const heads = classes.map((classIndex, h) => {
      const m = 2 + h;
      return {
        classIndex,
        network: {
          hidden: createMatrix(m, d, Float64Array.from({ length: m * d }, () => prng.nextGaussian())),
          output: Float64Array.from({ length: m }, () => (status === 'numerical-failure' ? Number.NaN : prng.nextGaussian())),
          hasBias: options.bias,
        },
        status,
        info: { iterations: 100 + h, objective: 2 + h, lowerBound: 1 + h, relativeGap: (1 / (2 + h)), primalResidual: null, dualResidual: null, setupMs: 1, solveMs: 5, notes: [] },
        history: [
          { iteration: 50, elapsedMs: 2, objective: 3 + h, lowerBound: 0.5 + h, relativeGap: 0.8 },
          { iteration: 100 + h, elapsedMs: 5, objective: 2 + h, lowerBound: 1 + h, relativeGap: 1 / (2 + h) },
        ],
        convex: { patternSource: 'sampled' as const, generators: createMatrix(3, d, Float64Array.from({ length: 3 * d }, () => prng.nextGaussian())), certificateText: 'certified' },
      };
    });
    return { task: train.task, options, heads, status, setupMs: 1.5, solveMs: 10 + heads.length };
  };
}
