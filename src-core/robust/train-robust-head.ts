import { ConvexNetError } from '../errors';
import { createMatrix, type Matrix } from '../linalg/matrix';
import type { Loss } from '../losses/loss';
import type { PatternSet } from '../patterns/pattern-set';
import type { SettingValue } from '../settings/setting-spec';
import { trainBackpropAdversarial } from '../solvers/backprop/train-backprop-adversarial';
import type { BackpropSettings } from '../solvers/backprop/backprop-settings';
import { formatPercent, type SolveContext } from '../solvers/solver-types';
import { convexHead } from '../training/convex-head';
import { IPM_ADVERSARIAL_MESSAGE } from '../training/solver-support';
import type { TrainedHead, TrainOptions } from '../training/train-types';
import { threatForNetwork } from './adversarial-options';
import { robustSettingSpecs, type RobustSolverSettings } from './robust-settings';
import { solveRobust, type RobustWarmStartLink } from './solve-robust';

export interface RobustHeadInput {
  /** Training matrix with the bias column when options.bias. */
  readonly X: Matrix;
  readonly y: Float64Array;
  readonly loss: Loss;
  readonly sampleWeights: Float64Array | undefined;
  readonly options: TrainOptions;
  readonly solverSettings: Record<string, SettingValue>;
  /** The run's patterns (convex solvers), shared by all one-vs-rest heads. */
  readonly patterns: PatternSet | null;
  readonly seed: number;
  readonly classIndex: number | null;
}

/**
 * One head under adversarial training: the convex solvers ('admm', 'admm-rbcd') solve the robust
 * convex program on the run's patterns (solve-robust.ts); 'backprop' runs the PGD or FGSM
 * adversarial-training baseline; 'ipm' and 'scp' have no adversarial training and are refused.
 * Settings of the chosen solver that the robust solver does not have (rho, ...) are ignored; the
 * shared ones (iteration and time limits, tolerance) apply. `warm` links the robust convex solve
 * to the previous point of an epsilon sweep (solve-robust.ts); the baseline ignores it.
 */
export function trainRobustHead(input: RobustHeadInput, context: SolveContext, warm: RobustWarmStartLink = {}): TrainedHead {
  const { X, y, loss, sampleWeights, options, solverSettings, patterns, seed, classIndex } = input;
  const adversarial = options.adversarial!;
  const threat = threatForNetwork(adversarial, X.cols - (options.bias ? 1 : 0), options.bias);
  const weightPart = sampleWeights ? { sampleWeights } : {};
  if (options.solver === 'backprop') {
    const result = trainBackpropAdversarial(
      { X, y, loss, beta: options.beta, hasBias: options.bias, seed, threat, attack: adversarial.baselineAttack ?? 'pgd', ...weightPart },
      { ...(solverSettings as Partial<BackpropSettings>), hiddenUnits: options.patterns },
      context,
    );
    return { classIndex, network: result.solution.network, status: result.status, info: result.info, history: result.history };
  }
  if (options.solver === 'ipm') throw new ConvexNetError('settings/invalid', IPM_ADVERSARIAL_MESSAGE);
  if ((options.solver !== 'admm' && options.solver !== 'admm-rbcd') || !patterns) {
    throw new ConvexNetError('settings/invalid', `Adversarial training works with the convex solvers admm and admm-rbcd (the robust convex program) and with backprop (PGD/FGSM adversarial training); "${options.solver}" does not support it.`);
  }
  const known = new Set(robustSettingSpecs.map((spec) => spec.key));
  const robustSettings: Partial<RobustSolverSettings> = {};
  for (const [key, value] of Object.entries(solverSettings)) if (known.has(key)) robustSettings[key] = value;
  const robustPatterns = options.bias ? withLinearPattern(X, patterns) : patterns;
  const result = solveRobust({ X, y, loss, beta: options.beta, patterns: robustPatterns, hasBias: options.bias, threat, ...weightPart }, robustSettings, context, warm);
  // withLinearPattern keeps the patterns' source, so robustPatterns.source is patterns.source.
  return convexHead(result, robustPatterns, classIndex, describeRobustCertificate(result.info.relativeGap, patterns.source));
}

/**
 * The robust certificate in plain words. The robust program keeps the training points' activation
 * patterns fixed under attack, so even with all patterns it bounds the best pattern-preserving
 * robust network, not every network.
 */
export function describeRobustCertificate(relativeGap: number | null, source: 'sampled' | 'exact'): string {
  if (relativeGap === null || !Number.isFinite(relativeGap)) return 'No optimality certificate is available for this run.';
  const scope = source === 'exact' ? 'all activation patterns' : 'the sampled activation patterns';
  return `Within ${formatPercent(relativeGap)} of the best possible worst-case (adversarial) training objective among networks that keep ${scope} of the training points under attack.`;
}

/**
 * The patterns plus the all-ones pattern D = I (generator: the bias direction), when missing.
 * A sampled hyperplane cuts through the data, so some training point usually lies closer to it
 * than the radius and its robust cone is {0}; the all-ones pattern always keeps a robust cone
 * with interior (a large bias keeps every point active), so the robust program can at least
 * fit a robust linear model instead of collapsing to zero.
 */
export function withLinearPattern(X: Matrix, patterns: PatternSet): PatternSet {
  const { n, count: P, masks } = patterns;
  for (let i = 0; i < P; i++) {
    let all = true;
    for (let k = 0; k < n && all; k++) all = masks[k * P + i] === 1;
    if (all) return patterns;
  }
  const d = X.cols;
  const next = new Uint8Array(n * (P + 1));
  for (let k = 0; k < n; k++) {
    next.set(masks.subarray(k * P, (k + 1) * P), k * (P + 1));
    next[k * (P + 1) + P] = 1;
  }
  const generators = createMatrix(P + 1, d);
  generators.data.set(patterns.generators.data);
  generators.data[P * d + d - 1] = 1;
  return { n, count: P + 1, masks: next, generators, source: patterns.source };
}
