import { createMatrix } from '../../linalg/matrix';
import { networkScores, weightDecay } from '../../network/forward';
import type { ReluNetwork } from '../../network/relu-network';
import { Prng } from '../../random/prng';
import { resolveSettings } from '../../settings/setting-spec';
import type { HistoryPoint, SolveContext, SolveResult, SolverStatus } from '../solver-types';
import { accumulateLossGradient, addWeightDecayGradient, createGradientWorkspace } from './backprop-gradient';
import { heUniformInit } from './backprop-init';
import { createOptimizer } from './backprop-optimizer';
import { validateBackpropProblem, validateBackpropWarmStart, type BackpropProblem } from './backprop-problem';
import {
  ADAM_BETA1,
  ADAM_BETA2,
  ADAM_EPSILON,
  BACKPROP_PLATEAU_WINDOW,
  backpropSettingSpecs,
  type BackpropSettings,
} from './backprop-settings';

export type { BackpropProblem } from './backprop-problem';
export type { BackpropOptimizer, BackpropSettings } from './backprop-settings';

/**
 * Back-propagation baseline (paper-spec.md 1.1, 1.2): the non-convex objective
 *   F(U, alpha) = L( sum_j (X u_j)_+ alpha_j , y ) + (beta / 2) sum_j ( ||u_j||^2 + alpha_j^2 )
 * (L summed over samples) minimized by mini-batch SGD with momentum or Adam.
 *
 * Each step uses the mini-batch S of a seeded reshuffle of the rows and the gradient
 *   (n / |S|) grad L_S + beta theta,
 * an unbiased estimate of grad F (the weight decay's gradient is exact). At every epoch end the
 * FULL objective F is evaluated, recorded in the history and sent as progress, and cancel, the
 * early stop, the time limit and finiteness are checked.
 *
 * Restarts: restart r draws its generator as the r-th fork of Prng(seed) and uses it for the
 * He-uniform initialization and the shuffles. The solution is the final network of the restart
 * with the lowest final objective. Back-propagation has no optimality certificate: lowerBound
 * and relativeGap are null.
 *
 * History: one point per completed epoch, restarts concatenated in order; `iteration` counts
 * epochs over the whole run (restart r owns the next restartEpochs[r] points). Cancel and the
 * time limit are checked at epoch ends only, so one epoch is the reaction time.
 * Status: 'cancelled', 'time-limit' or 'numerical-failure' when the run was cut short (the
 * network is then the best final iterate so far; a restart that blew up contributes its last
 * finite epoch); otherwise the status of the best restart ('solved' if it met the tolerance,
 * else 'max-iterations').
 */
export interface BackpropSolution {
  /** Final network of the best restart (lowest final objective). */
  readonly network: ReluNetwork;
  /** Objective F of `network`. */
  readonly objective: number;
  /** Index of the restart `network` comes from. */
  readonly bestRestart: number;
  /** Final objective of each restart that ran (a cut-short restart counts with its last finite iterate). */
  readonly restartObjectives: number[];
  /** How each restart that ran ended. */
  readonly restartStatuses: SolverStatus[];
  /** Epochs each restart that ran completed. */
  readonly restartEpochs: number[];
  /** Settings actually used (defaults filled in). */
  readonly settings: BackpropSettings;
  readonly seed: number;
}

export function trainBackprop(
  problem: BackpropProblem,
  settings: Partial<BackpropSettings>,
  context: SolveContext,
): SolveResult<BackpropSolution> {
  const startMs = context.now();
  const s = resolveSettings<BackpropSettings>(backpropSettingSpecs, settings);
  validateBackpropProblem(problem);
  if (problem.warmStart) validateBackpropWarmStart(problem.warmStart, s.hiddenUnits, problem.X.cols);

  const { X, y, loss, beta, sampleWeights } = problem;
  const n = X.rows;
  const d = X.cols;
  const m = s.hiddenUnits;
  const batch = s.batchSize === 0 || s.batchSize >= n ? n : s.batchSize;
  const fullBatch = batch === n;
  const classification = loss.name === 'bce' || loss.name === 'hinge';

  // All buffers are allocated here, none inside the epoch loop.
  const size = m * d + m;
  const theta = new Float64Array(size);
  const grad = new Float64Array(size);
  const lastGood = new Float64Array(size);
  const best = new Float64Array(size);
  const net: ReluNetwork = { hidden: createMatrix(m, d, theta.subarray(0, m * d)), output: theta.subarray(m * d), hasBias: problem.hasBias };
  const scores = new Float64Array(n);
  const rows = new Int32Array(n);
  const recent = new Float64Array(BACKPROP_PLATEAU_WINDOW); // ring: slot e % window holds F at epoch e
  const workspace = createGradientWorkspace(m);
  const optimizer = createOptimizer(s.optimizer, size, s.learningRate, s.momentum);
  const root = new Prng(problem.seed);

  /** F(theta) into the return value; training accuracy of 1[f > 0] vs y > 0 into `accuracy`. */
  let accuracy = Number.NaN;
  const evaluate = (): number => {
    networkScores(net, X, scores);
    if (classification) {
      let correct = 0;
      for (let k = 0; k < n; k++) if (scores[k]! > 0 === y[k]! > 0) correct++;
      accuracy = correct / n;
    }
    return loss.value(scores, y, sampleWeights) + weightDecay(net, beta);
  };

  const history: HistoryPoint[] = [];
  const notes: string[] = [];
  const restartObjectives: number[] = [];
  const restartStatuses: SolverStatus[] = [];
  const restartEpochs: number[] = [];
  let bestObjective = Number.POSITIVE_INFINITY;
  let bestRestart = -1;
  let runStop: SolverStatus | null = null; // set when the whole run must end (cancel, time, NaN)
  let totalEpochs = 0;
  const loopStartMs = context.now();
  const setupMs = loopStartMs - startMs;

  for (let r = 0; r < s.restarts && runStop === null; r++) {
    const rng = root.fork();
    for (let k = 0; k < n; k++) rows[k] = k; // each restart shuffles from the identity order
    heUniformInit(rng, m, d, theta); // drawn even when warm-started, so later restarts are unchanged
    if (r === 0 && problem.warmStart) {
      theta.set(problem.warmStart.hidden.data, 0);
      theta.set(problem.warmStart.output, m * d);
    }
    optimizer.reset();
    const initial = evaluate();
    let objective = Number.NaN; // F of lastGood, the last finite iterate of this restart
    let restartStatus: SolverStatus = 'max-iterations';
    let epoch = 0;
    if (!Number.isFinite(initial)) {
      restartStatus = runStop = 'numerical-failure';
      notes.push(`Restart ${r + 1}: the objective at the initial weights is not finite (${initial}).`);
    } else {
      objective = initial;
      lastGood.set(theta);
      recent[0] = objective;
    }

    while (runStop === null && epoch < s.epochs) {
      if (!fullBatch) rng.shuffle(rows);
      for (let start = 0; start < n; start += batch) {
        const end = Math.min(start + batch, n);
        grad.fill(0);
        accumulateLossGradient(problem, theta, m, rows, start, end, n / (end - start), grad, workspace);
        addWeightDecayGradient(theta, beta, grad);
        optimizer.step(theta, grad);
      }
      epoch += 1;
      totalEpochs += 1;
      const value = evaluate();
      const elapsedMs = context.now() - startMs;
      if (!Number.isFinite(value)) {
        restartStatus = runStop = 'numerical-failure';
        notes.push(`Restart ${r + 1}, epoch ${epoch}: the objective became ${value}; kept the weights of epoch ${epoch - 1}. Try a smaller learning rate or standardized data.`);
        break;
      }
      objective = value;
      lastGood.set(theta);
      const point: HistoryPoint = { iteration: totalEpochs, elapsedMs, objective, ...(classification ? { trainAccuracy: accuracy } : {}) };
      history.push(point);
      context.onProgress?.({ ...point, fraction: (r + epoch / s.epochs) / s.restarts });

      // Early stop on |F_{e-10} - F_e| / |F_e| < tolerance within this restart.
      const slot = epoch % BACKPROP_PLATEAU_WINDOW;
      const before = recent[slot]!; // F at epoch - window (meaningful once epoch >= window)
      recent[slot] = objective;
      if (context.isCancelled()) {
        restartStatus = runStop = 'cancelled';
      } else if (epoch >= BACKPROP_PLATEAU_WINDOW && Math.abs(before - objective) < s.tolerance * Math.max(Math.abs(objective), 1e-300)) {
        restartStatus = 'solved';
        break;
      } else if (s.timeLimitMs > 0 && elapsedMs >= s.timeLimitMs && (epoch < s.epochs || r < s.restarts - 1)) {
        // Out of time with work left: a restart that just finished its epochs keeps 'max-iterations'.
        runStop = 'time-limit';
        if (epoch < s.epochs) restartStatus = 'time-limit';
      }
    }

    restartObjectives.push(Number.isFinite(objective) ? objective : initial);
    if (Number.isFinite(objective) && (objective < bestObjective || bestRestart < 0)) {
      bestObjective = objective;
      bestRestart = r;
      best.set(lastGood);
    }
    restartStatuses.push(restartStatus);
    restartEpochs.push(epoch);
    notes.push(`Restart ${r + 1}: final objective ${restartObjectives[r]}, ${epoch} epochs run (${restartStatus}).`);
  }

  // bestRestart < 0 only when the first restart's initial objective was not finite: keep those weights.
  if (bestRestart < 0) {
    best.set(theta);
    bestObjective = restartObjectives[0]!;
  }
  const network: ReluNetwork = {
    hidden: createMatrix(m, d, best.slice(0, m * d)),
    output: best.slice(m * d),
    hasBias: problem.hasBias,
  };
  const status: SolverStatus = runStop ?? restartStatuses[bestRestart]!;
  const endMs = context.now();

  notes.unshift(
    'Back-propagation has no optimality certificate: lowerBound and relativeGap are null. The convex solvers certify how far any network, this one included, can be from the global optimum.',
    s.optimizer === 'adam'
      ? `Adam (beta1 ${ADAM_BETA1}, beta2 ${ADAM_BETA2}, eps ${ADAM_EPSILON}), learning rate ${s.learningRate}.`
      : `SGD with momentum ${s.momentum}, learning rate ${s.learningRate}.`,
    fullBatch ? `Full batch (${n} samples per step).` : `Mini-batches of ${batch} of ${n} samples, reshuffled every epoch; loss gradients scaled by n / batch.`,
    problem.warmStart
      ? `Restart 1 warm-started from the given weights; the others He-uniform from forks of Prng(${problem.seed}).`
      : `He-uniform initialization; restart r uses the r-th fork of Prng(${problem.seed}).`,
  );

  return {
    status,
    solution: {
      network,
      objective: bestObjective,
      bestRestart: Math.max(bestRestart, 0),
      restartObjectives,
      restartStatuses,
      restartEpochs,
      settings: s,
      seed: problem.seed,
    },
    info: {
      iterations: totalEpochs,
      objective: bestObjective,
      lowerBound: null,
      relativeGap: null,
      primalResidual: null,
      dualResidual: null,
      setupMs,
      solveMs: endMs - loopStartMs,
      notes,
    },
    history,
  };
}
