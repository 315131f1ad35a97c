import { ConvexNetError } from '../errors';
import { createMatrix, type Matrix } from '../linalg/matrix';
import type { Loss } from '../losses/loss';
import { patternsFromGenerators } from '../patterns/patterns-from-generators';
import type { PatternSet } from '../patterns/pattern-set';
import type { Prng } from '../random/prng';
import { backpropSettingSpecs, type BackpropSettings } from '../solvers/backprop/backprop-settings';
import { defaultSettings, type NumberSetting } from '../settings/setting-spec';
import { trainBackprop } from '../solvers/backprop/train-backprop';
import type { SolveContext } from '../solvers/solver-types';

/** One head's target for the pattern network: its labels in the loss's convention and its weights. */
export interface PatternHeadTarget {
  readonly y: Float64Array;
  readonly sampleWeights?: Float64Array;
}

/** The back-propagation network behind one head's share of the patterns. */
export interface PatternNetworkSummary {
  /** Its regularized training objective F (train-backprop.ts), on that head's target. */
  readonly objective: number;
  readonly hiddenUnits: number;
}

export interface BackpropPatterns {
  /**
   * Null when every neuron ended inactive on every training row (no pattern at all; dead ReLU
   * neurons, seen with two neurons at beta 1e-3): the caller draws random patterns instead.
   */
  readonly patterns: PatternSet | null;
  /** Per head, in order. */
  readonly networks: readonly PatternNetworkSummary[];
}

/**
 * Optimizer steps a pattern network takes at most: its epochs are back-propagation's default
 * (300) or as many as make this many mini-batch steps, whichever is fewer. The convex solve
 * re-optimizes every weight on the patterns, so the network only has to place its hyperplanes.
 * Measured on the bench's pattern-source-20000 data (16,000 training rows, 250 steps an epoch):
 * 50 / 100 / 300 epochs gave certified objectives 2,240 / 2,235 / 2,234 in 2.1 / 3.0 / 7.3 s.
 * Small data keeps 300 epochs (up to 5,312 rows), where fewer were measured worse (penguins,
 * 258 rows, Most accurate: 1.37 at 100 epochs against 0.72 at 300).
 */
export const PATTERN_NETWORK_STEPS = 25_000;

/** The most neurons a back-propagation network has (its hiddenUnits setting's limit), so the most patterns it gives a head. */
export const MAX_BACKPROP_PATTERNS_PER_HEAD = (backpropSettingSpecs.find((spec) => spec.key === 'hiddenUnits') as NumberSetting).max;

/** The most patterns back-propagation can give a run of `heads` heads (each head's network has ceil(patterns / heads) neurons). */
export function maxBackpropPatterns(heads: number): number {
  return MAX_BACKPROP_PATTERNS_PER_HEAD * heads;
}

/** The epochs of a pattern network on `rows` training rows (see PATTERN_NETWORK_STEPS). */
export function patternNetworkEpochs(rows: number): number {
  const { epochs, batchSize } = defaultSettings<BackpropSettings>(backpropSettingSpecs);
  const stepsPerEpoch = batchSize > 0 && batchSize < rows ? Math.ceil(rows / batchSize) : 1;
  return Math.max(1, Math.min(epochs, Math.ceil(PATTERN_NETWORK_STEPS / stepsPerEpoch)));
}

/**
 * Activation patterns from back-propagation (Wang, Lacotte & Pilanci, ICLR 2021: the neurons of
 * a network found by gradient descent define a sub-sampled convex program; paper-spec.md 2.2).
 * Each head's target trains a network of ceil(patterns / heads) hidden neurons by
 * back-propagation (its default settings, Adam, with at most 300 epochs (patternNetworkEpochs); the
 * run's loss, beta, bias, class weights; a seed from `prng`); the neurons' weight vectors u_j are the generators h of the
 * patterns D = diag(1[X u_j >= 0]), de-duplicated as for random ones.
 *
 * Why: random generators can miss the hyperplanes the data need (bench case pattern-source-20000,
 * mixed data: 32 random patterns certified an objective 1.9x back-propagation's, test accuracy
 * 87.0% against 91.8%; on another such file 79% against 89%, and 81% with 128 random patterns).
 * And the guarantee: a network with hidden neurons u_j and output
 * weights alpha_j is a feasible point of the program with its own patterns (v or w block
 * |alpha_j| u_j by the sign of alpha_j, neurons with one pattern summed into one block), whose
 * objective L + beta sum |alpha_j| ||u_j|| is at most the network's L + (beta / 2) sum (||u_j||^2 +
 * alpha_j^2). So each head's convex optimum is at most its pattern network's objective.
 *
 * `timeLimitMs` (> 0; 0 is none) is the run's time limit: the networks together stop within it
 * (each at the end of an epoch), so a run given one second does not first spend a pattern
 * network's 300 epochs (on 160,000 rows they had taken ~25 s of a "1 s" run).
 */
export function backpropPatterns(
  X: Matrix,
  targets: readonly PatternHeadTarget[],
  loss: Loss,
  beta: number,
  hasBias: boolean,
  patterns: number,
  prng: Prng,
  context: SolveContext,
  timeLimitMs = 0,
): BackpropPatterns {
  const hiddenUnits = Math.max(1, Math.ceil(patterns / targets.length));
  if (hiddenUnits > MAX_BACKPROP_PATTERNS_PER_HEAD) {
    // Checked here, not by back-propagation's own settings check, whose message speaks of hidden neurons the user never asked for.
    throw new ConvexNetError(
      'settings/invalid',
      `${patterns} patterns from back-propagation need ${targets.length === 1 ? 'a network' : 'networks'} of ${hiddenUnits} neurons${targets.length === 1 ? '' : ' (one per class)'}, but back-propagation trains at most ${MAX_BACKPROP_PATTERNS_PER_HEAD}. Use at most ${maxBackpropPatterns(targets.length)} patterns, or random patterns.`,
    );
  }
  const epochs = patternNetworkEpochs(X.rows);
  // Every network's neurons, one per row, in head order.
  const generators = createMatrix(targets.length * hiddenUnits, X.cols);
  const networks: PatternNetworkSummary[] = [];
  const onProgress = context.onProgress;
  const start = context.now();
  targets.forEach((target, head) => {
    // Its progress is marked as this phase's (not the run's history); cancelling stops the network.
    const phaseContext: SolveContext = {
      isCancelled: context.isCancelled,
      now: context.now,
      // The fraction is of all the pattern networks: (head + its own) / heads.
      ...(onProgress ? { onProgress: (e) => onProgress({ ...e, fraction: (head + e.fraction) / targets.length, phase: 'patterns', ...(targets.length > 1 ? { head, headCount: targets.length } : {}) }) } : {}),
    };
    // What is left of the time limit; at least 1 ms (0 would mean no limit): a late head still trains one epoch, so every head has neurons.
    const timeLimit = timeLimitMs > 0 ? { timeLimitMs: Math.max(1, Math.ceil(timeLimitMs - (context.now() - start))) } : {};
    const result = trainBackprop({ X, y: target.y, loss, beta, hasBias, seed: prng.nextUint32(), ...(target.sampleWeights ? { sampleWeights: target.sampleWeights } : {}) }, { hiddenUnits, epochs, ...timeLimit }, phaseContext);
    generators.data.set(result.solution.network.hidden.data, head * hiddenUnits * X.cols);
    networks.push({ objective: result.solution.objective, hiddenUnits });
  });
  const set = patternsFromGenerators(X, generators);
  return { patterns: set.count > 0 ? set : null, networks };
}

/**
 * The note of a head whose pattern networks gave no pattern (every neuron inactive on every row),
 * so that random patterns were drawn. Seen in 6 of 240 random small runs (`.exp` fuzz): 2 and 4
 * neurons, beta 1e-3, squared loss; dead ReLU neurons, not the regularization.
 */
export function randomPatternsFallbackNote(heads: number, patternCount: number): string {
  const networks = heads === 1 ? 'the back-propagation network' : 'the back-propagation networks';
  return `Patterns: ${patternCount} random ones. Every neuron of ${networks} ended inactive on every training row (dead neurons, likelier when they are few), which gives no activation pattern; more patterns or another seed usually avoid it.`;
}

/** "a back-propagation network's" or "back-propagation networks'": one network, or one per class. */
function networksOf(heads: number): string {
  return heads === 1 ? "a back-propagation network's" : "back-propagation networks'";
}

/**
 * The note of a robust head: where its patterns came from, without the comparison, as a robust
 * program's objective is the worst case over perturbations and not the network's (standard) one.
 */
export function robustPatternsNote(heads: number, patternCount: number): string {
  return `Patterns: the ${patternCount} distinct activation patterns of ${networksOf(heads)} neurons (trained without the adversary).`;
}

/** The note a head's result carries: where its patterns came from and what that guarantees. */
export function backpropPatternsNote(network: PatternNetworkSummary, heads: number, patternCount: number, objective: number): string {
  const lower = network.objective > 0 ? (100 * (network.objective - objective)) / network.objective : 0;
  // A solve stopped before its tolerance (a limit, a cancel) can deliver an objective above it.
  const comparison = lower >= 0.005 ? `; this solution's objective is ${lower.toFixed(2)}% lower` : lower <= -0.005 ? `; this solution, short of its tolerance, is ${(-lower).toFixed(2)}% above it` : '';
  const source = heads === 1
    ? `of a back-propagation network's ${network.hiddenUnits} neurons (its training objective ${network.objective.toPrecision(6)})`
    : `of ${heads} back-propagation networks' neurons, one network of ${network.hiddenUnits} per class (this class's training objective ${network.objective.toPrecision(6)})`;
  return `Patterns: the ${patternCount} distinct activation patterns ${source}. The program's optimum is at most that network's objective${comparison}.`;
}
