/**
 * Certifies the robust program along default epsilon grids, as the app's epsilon sweep would
 * (robust interior-point method for these sizes), and reports how many runs were certified and in
 * how many Newton steps (one-vs-rest heads counted each). Not a timed case: it checks the robust
 * solver's stopping rules on many programs (see solve-robust-ipm.ts, NO_PROGRESS_STEPS).
 *
 *   npx tsx bench/robust-grids.ts                       # every built-in dataset, squared and hinge
 *   IDS=two-moons:2000,blobs:2000 npx tsx bench/robust-grids.ts   # generators at other sizes
 *   LOSSES=bce NORM=l2 TOL=1e-6 npx tsx bench/robust-grids.ts
 */
import { loadBuiltInDataset } from '../src-core/data/builtin/registry';
import { readTarget } from '../src-core/data/target-column';
import type { LossName } from '../src-core/losses';
import type { ThreatNorm } from '../src-core/robust/threat-model';
import { defaultContext } from '../src-core/solvers/solver-types';
import { resolveEpsilonSweep } from '../src-core/training/epsilon-sweep-threats';
import { prepareTrainingData } from '../src-core/training/prepare-training-data';
import { defaultTrainOptions } from '../src-core/training/train-defaults';
import { trainModel } from '../src-core/training/train-model';

const ids = (process.env.IDS ?? 'two-moons,circles,xor,spirals,iris,penguins,blobs,curve-1d,curve-2d').split(',');
const tolerance = Number(process.env.TOL ?? 1e-4);
const norm = (process.env.NORM ?? 'linf') as ThreatNorm;
let runs = 0;
let solved = 0;
let steps = 0;
const unsolved: string[] = [];
const start = performance.now();
for (const id of ids) {
  const [name, rows] = id.split(':');
  const dataset = loadBuiltInDataset({ id: name!, ...(rows ? { rows: Number(rows) } : {}) });
  const prepared = prepareTrainingData(dataset.table, readTarget(dataset.table, dataset.target), { testFraction: 0.25, seed: 1, standardize: true });
  const train = prepared.fitted.dataset;
  const losses = (train.task === 'regression' ? ['squared'] : (process.env.LOSSES ?? 'squared,hinge').split(',')) as LossName[];
  for (const loss of losses) {
    const base = { ...defaultTrainOptions(train.task, train.X.rows), solver: 'admm' as const, loss, patterns: 32, seed: 1, solverSettings: { tolerance } };
    const threats = resolveEpsilonSweep({ norm }, undefined, prepared.fitted.pipeline, train, base).slice(1);
    for (const adversarial of threats) {
      const outcome = trainModel(train, { ...base, adversarial }, defaultContext());
      runs++;
      for (const head of outcome.heads) steps += head.info.iterations;
      if (outcome.status === 'solved') solved++;
      else unsolved.push(`${id} ${loss} epsilon ${adversarial.epsilon.toPrecision(3)}: ${outcome.status}, gap ${outcome.heads.map((h) => h.info.relativeGap?.toExponential(1)).join(' / ')}`);
    }
  }
}
console.log(`runs ${runs}, certified ${solved}, Newton steps ${steps}, ${((performance.now() - start) / 1000).toFixed(0)} s`);
for (const line of unsolved) console.log(`  ${line}`);
