import { createMatrix } from '../../linalg/matrix';
import { networkScores, weightDecay } from '../../network/forward';
import type { ReluNetwork } from '../../network/relu-network';
import { Prng } from '../../random/prng';
import type { AttackModel } from '../../robust/attack-model';
import { fgsmAttack, pgdAttack } from '../../robust/attacks';
import { validateThreatModel, type ThreatModel } from '../../robust/threat-model';
import { resolveSettings } from '../../settings/setting-spec';
import type { HistoryPoint, SolveContext, SolveResult, SolverStatus } from '../solver-types';
import { accumulateLossGradient, addWeightDecayGradient, createGradientWorkspace } from './backprop-gradient';
import { heUniformInit } from './backprop-init';
import { createOptimizer } from './backprop-optimizer';
import { validateBackpropProblem, type BackpropProblem } from './backprop-problem';
import { backpropSettingSpecs, type BackpropSettings } from './backprop-settings';

export interface AdversarialBackpropProblem extends BackpropProblem {
  /** The adversary, in the network's input coordinates (bias entry pinned). */
  readonly threat: ThreatModel;
  /** 'pgd' (Madry et al.: PGD examples, 10 steps, one start) or 'fgsm' (Goodfellow et al.: one signed step). */
  readonly attack: 'pgd' | 'fgsm';
}

/** PGD steps used to make training examples (evaluation uses the report's stronger attack). */
export const TRAINING_PGD_STEPS = 10;

/**
 * Adversarial training baselines by back-propagation for the same two-layer architecture: every
 * mini-batch step first replaces each row by the attack's worst input against the current
 * network (margin attack for classification, squared error for regression; see attacks.ts), then
 * takes the usual optimizer step on the loss at those inputs plus weight decay, i.e. stochastic
 * descent on the adversarial objective  sum_k max_{delta_k in B} l(f(x_k + delta_k), y_k) + decay.
 * The history records, per epoch, that adversarial objective as met during the epoch (the
 * examples of the weights at the time of each step). No certificate: this is the non-convex
 * method users run today, for comparison with the convex robust program.
 */
export function trainBackpropAdversarial(problem: AdversarialBackpropProblem, given: Partial<BackpropSettings>, context: SolveContext): SolveResult<{ network: ReluNetwork; objective: number }> {
  const startMs = context.now();
  const s = resolveSettings<BackpropSettings>(backpropSettingSpecs, given);
  validateBackpropProblem(problem);
  validateThreatModel(problem.threat, problem.X.cols);
  const { X, y, loss, beta, sampleWeights, threat } = problem;
  const n = X.rows;
  const d = X.cols;
  const m = s.hiddenUnits;
  const batch = s.batchSize === 0 || s.batchSize >= n ? n : s.batchSize;
  const size = m * d + m;
  const theta = new Float64Array(size);
  const grad = new Float64Array(size);
  const best = new Float64Array(size);
  const net: ReluNetwork = { hidden: createMatrix(m, d, theta.subarray(0, m * d)), output: theta.subarray(m * d), hasBias: problem.hasBias };
  const model: AttackModel = { task: loss.labels === 'real' ? 'regression' : 'binary', heads: [net] };
  const adversarial = createMatrix(n, d, Float64Array.from(X.data));
  const rows = new Int32Array(n);
  const workspace = createGradientWorkspace(m);
  const optimizer = createOptimizer(s.optimizer, size, s.learningRate, s.momentum);
  const root = new Prng(problem.seed);
  const history: HistoryPoint[] = [];
  const scores = new Float64Array(n);
  let bestObjective = Infinity;
  let status: SolverStatus = 'max-iterations';
  let totalEpochs = 0;

  /** Replaces rows[start..end) of `adversarial` by attacked inputs against the current weights. */
  const attackRows = (start: number, end: number, seed: number): void => {
    for (let r = start; r < end; r++) {
      const k = rows[r]!;
      const x = X.data.subarray(k * d, (k + 1) * d);
      const label = model.task === 'regression' ? y[k]! : y[k]! > 0 ? 1 : 0;
      const found = problem.attack === 'fgsm'
        ? fgsmAttack(model, threat, x, label)
        : pgdAttack(model, threat, x, label, { steps: TRAINING_PGD_STEPS, restarts: 1, stopWhenFooled: false, seed: seed + k });
      adversarial.data.set(found.point, k * d);
    }
  };

  for (let restart = 0; restart < s.restarts && status !== 'cancelled' && status !== 'time-limit'; restart++) {
    const rng = root.fork();
    for (let k = 0; k < n; k++) rows[k] = k;
    heUniformInit(rng, m, d, theta);
    optimizer.reset();
    let objective = Infinity;
    for (let epoch = 0; epoch < s.epochs; epoch++) {
      if (batch < n) rng.shuffle(rows);
      for (let start = 0; start < n; start += batch) {
        const end = Math.min(start + batch, n);
        attackRows(start, end, rng.nextUint32());
        grad.fill(0);
        accumulateLossGradient({ X: adversarial, y, loss, ...(sampleWeights ? { sampleWeights } : {}) }, theta, m, rows, start, end, n / (end - start), grad, workspace);
        addWeightDecayGradient(theta, beta, grad);
        optimizer.step(theta, grad);
      }
      totalEpochs++;
      networkScores(net, adversarial, scores);
      objective = loss.value(scores, y, sampleWeights) + weightDecay(net, beta);
      const point: HistoryPoint = { iteration: totalEpochs, elapsedMs: context.now() - startMs, objective };
      history.push(point);
      context.onProgress?.({ ...point, fraction: (restart + (epoch + 1) / s.epochs) / s.restarts });
      if (!Number.isFinite(objective)) {
        status = 'numerical-failure';
        break;
      }
      if (context.isCancelled()) {
        status = 'cancelled';
        break;
      }
      if (s.timeLimitMs > 0 && context.now() - startMs >= s.timeLimitMs) {
        status = 'time-limit';
        break;
      }
    }
    if (Number.isFinite(objective) && objective < bestObjective) {
      bestObjective = objective;
      best.set(theta);
    }
    if (status === 'numerical-failure') break;
  }
  if (!Number.isFinite(bestObjective)) best.set(theta);
  const network: ReluNetwork = { hidden: createMatrix(m, d, best.slice(0, m * d)), output: best.slice(m * d), hasBias: problem.hasBias };
  return {
    status,
    solution: { network, objective: bestObjective },
    info: {
      iterations: totalEpochs,
      objective: bestObjective,
      lowerBound: null,
      relativeGap: null,
      primalResidual: null,
      dualResidual: null,
      setupMs: 0,
      solveMs: context.now() - startMs,
      notes: [
        problem.attack === 'fgsm'
          ? 'FGSM adversarial training (Goodfellow et al.) by back-propagation: each step trains on one-step signed-gradient examples.'
          : `PGD adversarial training (Madry et al.) by back-propagation: each step trains on ${TRAINING_PGD_STEPS}-step PGD examples.`,
        'The objective is the training loss at the attack examples plus weight decay; no certificate (non-convex).',
      ],
    },
    history,
  };
}
