/**
 * Where the sampled program's patterns come from (pattern-source.ts): random directions against
 * the neurons of a back-propagation network, on mixed data through the app's preparation, with a
 * back-propagation run of the same size beside them. The data: 12 numeric columns and two
 * categorical ones (4 and 3 values), labelled by a small random ReLU network whose hyperplanes do
 * not pass through the middle of the data (offsets up to 1.5 standard deviations), with 5% of the
 * labels flipped: the kind of data on which random patterns were found to fall behind.
 */
import { rowTable } from '../../src-core/data/raw-table';
import { readTarget } from '../../src-core/data/target-column';
import { Prng } from '../../src-core/random/prng';
import { defaultContext } from '../../src-core/solvers/solver-types';
import { evaluatePredictions } from '../../src-core/training/evaluate';
import { predictWithHeads } from '../../src-core/training/predict';
import { prepareTrainingData } from '../../src-core/training/prepare-training-data';
import { presetOptions } from '../../src-core/training/presets';
import { trainModel } from '../../src-core/training/train-model';
import type { TrainOptions } from '../../src-core/training/train-types';
import { measured } from '../stats';
import type { Metrics, PatternSourceParams } from '../types';

const NUMERIC = 12;
const SEGMENTS = ['A', 'B', 'C', 'D'];
const CHANNELS = ['phone', 'store', 'web'];
const TEACHER_UNITS = 6;

/** The mixed table: cells as text, as a CSV would give them. */
function mixedTable(rows: number, seed: number) {
  const prng = new Prng(seed);
  const inputs = NUMERIC + SEGMENTS.length + CHANNELS.length;
  const weights = Array.from({ length: TEACHER_UNITS }, () => Array.from({ length: inputs }, () => prng.nextGaussian()));
  const offsets = Array.from({ length: TEACHER_UNITS }, () => 1.5 * (2 * prng.nextFloat() - 1) * Math.sqrt(inputs));
  const outputs = Array.from({ length: TEACHER_UNITS }, (_, j) => (j % 2 === 0 ? 1 : -1) * (0.5 + prng.nextFloat()));
  const cells: string[][] = [];
  const scores: number[] = [];
  for (let k = 0; k < rows; k++) {
    const x = Array.from({ length: NUMERIC }, () => prng.nextGaussian());
    const segment = Math.floor(prng.nextFloat() * SEGMENTS.length);
    const channel = Math.floor(prng.nextFloat() * CHANNELS.length);
    const input = [...x, ...SEGMENTS.map((_, s) => (s === segment ? 1 : 0)), ...CHANNELS.map((_, c) => (c === channel ? 1 : 0))];
    let score = 0;
    for (let j = 0; j < TEACHER_UNITS; j++) {
      let pre = offsets[j]!;
      for (let t = 0; t < inputs; t++) pre += weights[j]![t]! * input[t]!;
      score += outputs[j]! * Math.max(0, pre);
    }
    scores.push(score);
    cells.push([...x.map((v) => v.toFixed(4)), SEGMENTS[segment]!, CHANNELS[channel]!, '']);
  }
  const median = [...scores].sort((a, b) => a - b)[Math.floor(rows / 2)]!;
  cells.forEach((row, k) => {
    const positive = scores[k]! > median !== prng.nextFloat() < 0.05;
    row[row.length - 1] = positive ? 'pos' : 'neg';
  });
  const columns = [...Array.from({ length: NUMERIC }, (_, j) => `f${j}`), 'segment', 'channel', 'label'];
  return rowTable(columns, cells);
}

export function runPatternSourceCase(params: PatternSourceParams): Metrics {
  const table = mixedTable(params.rows, params.seed);
  const prep = prepareTrainingData(table, readTarget(table, 'label'), { testFraction: 0.2, seed: 1, standardize: true });
  const train = prep.fitted.dataset;
  const test = prep.test!;
  const shape = { task: train.task, rows: train.X.rows, features: train.X.cols, bias: true };
  const balanced = presetOptions('balanced', shape, params.seed);
  const run = (label: string, options: TrainOptions): Metrics => {
    const { value: outcome, ms, cpuMs } = measured(() => trainModel(train, options, defaultContext()));
    const score = (data: typeof train): number | null => evaluatePredictions(data.task, predictWithHeads(data.task, options.loss, outcome.heads, data.X), data.y).classification?.accuracy ?? null;
    const head = outcome.heads[0]!;
    return {
      run: label,
      solver: options.solver,
      status: outcome.status,
      objective: outcome.heads.reduce((s, h) => s + h.info.objective, 0),
      relativeGap: head.info.relativeGap ?? null,
      patterns: head.convex?.generators.rows ?? null,
      trainAccuracy: score(train),
      testAccuracy: score(test),
      ms,
      cpuMs,
    };
  };
  const runs = [
    run('back-propagation', { ...balanced, solver: 'backprop', solverSettings: {} }),
    // Explicitly: Balanced itself takes back-propagation's patterns from 500 training rows on.
    run('convex, random patterns', { ...balanced, solverSettings: { ...balanced.solverSettings, patternSource: 'random' } }),
    run('convex, patterns from back-propagation', { ...balanced, solverSettings: { ...balanced.solverSettings, patternSource: 'backprop' } }),
  ];
  return { rows: train.X.rows, features: train.X.cols, patterns: balanced.patterns, beta: balanced.beta, runs };
}
