import type { Dataset } from '../data/dataset';
import { appendOnesColumn, type Matrix } from '../linalg/matrix';
import { getLoss, labelsForLoss } from '../losses';
import type { Loss } from '../losses/loss';
import { enumerateExactPatterns } from '../patterns/exact-patterns';
import { samplePatterns } from '../patterns/sample-patterns';
import { Prng } from '../random/prng';
import type { RobustWarmStart } from '../robust/solve-robust';
import { trainRobustHead } from '../robust/train-robust-head';
import type { SettingValue } from '../settings/setting-spec';
import { solveAdmm } from '../solvers/admm/solve-admm';
import { solveAdmmRbcd } from '../solvers/admm-rbcd/solve-admm-rbcd';
import { trainBackprop } from '../solvers/backprop/train-backprop';
import { CouplingCache } from '../solvers/ipm/coupling-cache';
import type { IpmIterate } from '../solvers/ipm/ipm-engine';
import { solveIpm } from '../solvers/ipm/solve-ipm';
import { sampleScpDirections } from '../solvers/scp/scp-features';
import { solveScp } from '../solvers/scp/solve-scp';
import type { SolveContext, SolverStatus } from '../solvers/solver-types';
import { describeCertificate } from './certificate-text';
import { sampleWeightsForClasses } from './class-weights';
import { convexHead } from './convex-head';
import type { DrawnStructure } from './structure-cache';
import type { HeadWarmStart, TrainedHead, TrainOptions, TrainOutcome, WarmStartLink } from './train-types';
import { validateTrainOptions } from './validate-train-options';
import { exactPatternLimitOf, exactPatternLimitSpec } from './exact-pattern-limit';
import { backpropPatterns, backpropPatternsNote, randomPatternsFallbackNote, robustPatternsNote, type PatternHeadTarget } from './backprop-patterns';
import { patternSourceOf, type PatternSource } from './pattern-source';
import { patternPhaseShare } from './pattern-network-estimate';
import { runSolverSettings } from './pipeline-settings';
import { isConvexSolver } from './solver-support';

/** Status order: the outcome reports the least favourable head. */
const statusRank: Record<SolverStatus, number> = { solved: 0, 'max-iterations': 1, stalled: 2, 'time-limit': 3, cancelled: 4, 'numerical-failure': 5 };

/**
 * Trains the model for a prepared dataset: binary classification and regression train one
 * scalar-output network; multi-class trains one network per class (one-vs-rest, each
 * sub-problem solved and certified on its own). Random choices (patterns, directions, blocks,
 * initialization) all derive from options.seed, so the same inputs give bit-identical models.
 * In three steps, which the app can also run apart (the heads on several workers): planHeads
 * draws what the heads share and their seeds, trainPlannedHeads trains heads, outcomeOfHeads
 * combines them.
 */
export function trainModel(train: Dataset, options: TrainOptions, context: SolveContext, warm: WarmStartLink = {}): TrainOutcome {
  // One copy of X with its bias column for both steps (100,000 x 50 is 40 MB).
  const X = designMatrix(train, options);
  const plan = planHeadsOn(X, train, options, context, warm);
  const trained = trainHeadsOn(X, train, options, plan, plan.headSeeds.map((_, h) => h), context, warm);
  warm.keep?.(trained.kept);
  return outcomeOfHeads(train.task, options, trained.heads, plan.setupMs);
}

/** What the heads of a model share, drawn before any trains (planHeads). Plain data: it can go to another worker. */
export interface HeadPlan {
  readonly structure: DrawnStructure;
  /** Each head's seed, in head order (one-vs-rest: one per class; else one). */
  readonly headSeeds: readonly number[];
  /** The share of the run's progress the pattern networks took (0 when none trained in this plan). */
  readonly phaseShare: number;
  readonly setupMs: number;
}

/**
 * The first step of trainModel: checks the options, draws the patterns (or SCP's directions;
 * from back-propagation networks when the settings say so, which is the long part) and every
 * head's seed.
 */
export function planHeads(train: Dataset, options: TrainOptions, context: SolveContext, warm: Pick<WarmStartLink, 'structures'> = {}): HeadPlan {
  return planHeadsOn(designMatrix(train, options), train, options, context, warm);
}

/** planHeads on X = the design matrix of `train` (designMatrix). */
function planHeadsOn(X: Matrix, train: Dataset, options: TrainOptions, context: SolveContext, warm: Pick<WarmStartLink, 'structures'>): HeadPlan {
  validateTrainOptions(train, options);
  const start = context.now();
  const loss = getLoss(options.loss);
  const prng = new Prng(options.seed);
  const { exactLimit, patternSource, solverSettings } = splitSettings(options);
  const headClasses = headClassesOf(train);
  // When this call trains pattern networks (not when a chain's cache already has their patterns),
  // they take their modelled share of the progress bar and the solves the rest, so it never goes
  // back (patternPhaseShare).
  let phaseShare = 0;
  const outer = context.onProgress;
  const phaseContext: SolveContext = { ...context, ...(outer ? { onProgress: (e) => outer({ ...e, fraction: phaseShare * e.fraction }) } : {}) };
  const source: StructureSource = {
    exactLimit,
    patternSource,
    targets: () => {
      phaseShare = patternPhaseShare(options, train);
      return headClasses.map((classIndex) => headTarget(train, loss, options, classIndex));
    },
    loss,
    context: phaseContext,
    timeLimitMs: typeof solverSettings['timeLimitMs'] === 'number' ? solverSettings['timeLimitMs'] : 0,
  };
  const drawn = warm.structures
    ? warm.structures.structure(X, structureKey(options, exactLimit, patternSource), prng, (generator) => buildSharedStructure(X, options, generator, source))
    : { structure: buildSharedStructure(X, options, prng, source), prng };
  const headSeeds = headClasses.map(() => drawn.prng.nextUint32());
  return { structure: drawn.structure, headSeeds, phaseShare, setupMs: context.now() - start };
}

/**
 * Trains the heads `heads` (indices into the plan's head order) of the plan, in that order; stops
 * after a cancelled head. Progress: the fraction is of these heads (after the plan's pattern
 * networks' share), `head` and `headCount` are of the whole model.
 */
export function trainPlannedHeads(
  train: Dataset,
  options: TrainOptions,
  plan: HeadPlan,
  heads: readonly number[],
  context: SolveContext,
  warm: Pick<WarmStartLink, 'from' | 'keep' | 'coupling'> = {},
): { heads: TrainedHead[]; kept: HeadWarmStart[] } {
  return trainHeadsOn(designMatrix(train, options), train, options, plan, heads, context, warm);
}

/** trainPlannedHeads on X = the design matrix of `train` (designMatrix). */
function trainHeadsOn(
  X: Matrix,
  train: Dataset,
  options: TrainOptions,
  plan: HeadPlan,
  heads: readonly number[],
  context: SolveContext,
  warm: Pick<WarmStartLink, 'from' | 'keep' | 'coupling'>,
): { heads: TrainedHead[]; kept: HeadWarmStart[] } {
  const loss = getLoss(options.loss);
  const { solverSettings } = splitSettings(options);
  const headClasses = headClassesOf(train);
  // One-vs-rest heads share X and the patterns, hence the IPM's Q: a cache of their own unless a
  // chain (a path) brings one. A single head has nothing to share it with (the cache would only
  // hold copies of X and the masks).
  const coupling = warm.coupling ?? (heads.length > 1 ? new CouplingCache() : undefined);
  const shared: SharedStructure = { ...plan.structure, ...(coupling ? { coupling } : {}) };
  /** A head's fraction of the run: after the pattern networks' share when they ran. */
  const runFraction = (headFraction: number): number => plan.phaseShare + (1 - plan.phaseShare) * headFraction;
  const trained: TrainedHead[] = [];
  const kept: HeadWarmStart[] = [];
  for (let position = 0; position < heads.length; position++) {
    const h = heads[position]!;
    const classIndex = headClasses[h];
    if (classIndex === undefined) throw new RangeError(`head ${h} of ${headClasses.length}`);
    const { y, sampleWeights: headWeights } = headTarget(train, loss, options, classIndex);
    const headContext: SolveContext = {
      ...context,
      ...(context.onProgress
        ? { onProgress: (e) => context.onProgress!({ ...e, fraction: runFraction((position + e.fraction) / heads.length), head: h, headCount: headClasses.length }) }
        : {}),
    };
    const head = trainHead(X, y, loss, headWeights, options, solverSettings, shared, plan.headSeeds[h]!, classIndex, headContext, warm.from?.[h] ?? null, warm.keep !== undefined);
    trained.push(withPatternNote(head.head, shared, h, options));
    kept.push(head.warm);
    if (head.head.status === 'cancelled') break;
  }
  return { heads: trained, kept };
}

/**
 * The model of trained heads (in head order; after a cancelled head, the ones after it are left
 * out, as trainPlannedHeads leaves them): its status is the least favourable head's.
 */
export function outcomeOfHeads(task: Dataset['task'], options: TrainOptions, heads: readonly TrainedHead[], planSetupMs: number): TrainOutcome {
  const cancelledAt = heads.findIndex((h) => h.status === 'cancelled');
  const kept = cancelledAt < 0 ? [...heads] : heads.slice(0, cancelledAt + 1);
  const status = kept.reduce<SolverStatus>((worst, head) => (statusRank[head.status] > statusRank[worst] ? head.status : worst), 'solved');
  return {
    task,
    options,
    heads: kept,
    status,
    setupMs: planSetupMs + kept.reduce((s, h) => s + h.info.setupMs, 0),
    solveMs: kept.reduce((s, h) => s + h.info.solveMs, 0),
  };
}

/**
 * A one-vs-rest model cancelled before every class's head was trained (trainModel leaves out the
 * heads after a cancelled one): it cannot score every class, so it has no predictions or metrics.
 */
export function isPartialModel(outcome: TrainOutcome, train: Dataset): boolean {
  return outcome.task === 'multiclass' && outcome.heads.length < train.classNames.length;
}

/** The training rows' features with the constant-1 bias column when the options ask for one. */
function designMatrix(train: Dataset, options: TrainOptions): Matrix {
  return options.bias ? appendOnesColumn(train.X) : train.X;
}

/** The class of every head: one per class for multi-class (one-vs-rest), else one head (null). */
function headClassesOf(train: Dataset): (number | null)[] {
  return train.task === 'multiclass' ? Array.from({ length: train.classNames.length }, (_, c) => c) : [null];
}

/** A head's targets and sample weights (class weights; one-vs-rest balanced per head). */
function headTarget(train: Dataset, loss: Loss, options: TrainOptions, classIndex: number | null): PatternHeadTarget {
  const classCount = train.task === 'regression' ? 0 : train.classNames.length;
  const weights = train.task === 'regression' ? undefined : sampleWeightsForClasses(train.y, classCount, options.classWeights);
  const sampleWeights = classIndex === null ? weights : oneVsRestWeights(weights, train.y, classIndex, options.classWeights);
  return { y: targetsForHead(train, loss, classIndex), ...(sampleWeights ? { sampleWeights } : {}) };
}

interface SharedStructure extends DrawnStructure {
  /** The interior-point method's Q (same X and patterns for every head; a chain's, when given). */
  coupling?: CouplingCache;
}

/**
 * Everything buildSharedStructure's draw depends on besides X and the generator's state (the
 * seed). Patterns from back-propagation also depend on the targets, beta and the loss; a chain
 * (a path or sweep, on one target and loss) keeps its first point's on purpose (structure-cache.ts).
 */
function structureKey(options: TrainOptions, exactLimit: number | undefined, patternSource: PatternSource): string {
  // The convex solvers draw the same patterns (an epsilon sweep's radius 0 may go to another one).
  const drawer = isConvexSolver(options.solver) ? 'convex' : options.solver;
  return JSON.stringify([drawer, options.formulation, options.patterns, options.seed, exactLimit ?? null, patternSource, patternSource === 'backprop' ? options.loss : null]);
}

/** What buildSharedStructure needs besides X, the options and the generator. */
interface StructureSource {
  readonly exactLimit: number | undefined;
  readonly patternSource: PatternSource;
  /** Each head's target (called only for patterns from back-propagation). */
  readonly targets: () => PatternHeadTarget[];
  readonly loss: Loss;
  readonly context: SolveContext;
  /** The run's time limit in ms (the solver's timeLimitMs; 0 is none), which the pattern networks keep to as well. */
  readonly timeLimitMs: number;
}

/** Patterns (the convex-program solvers: ADMM, ADMM-RBCD, IPM) or neuron directions (SCP), shared by all one-vs-rest heads. */
function buildSharedStructure(X: Matrix, options: TrainOptions, prng: Prng, source: StructureSource): DrawnStructure {
  if (isConvexSolver(options.solver)) {
    const { exactLimit } = source;
    if (options.formulation === 'exact') {
      return { patterns: enumerateExactPatterns(X, { dropEmpty: true, raisableTo: exactPatternLimitSpec.max, ...(exactLimit !== undefined ? { limit: exactLimit } : {}) }), directions: null };
    }
    if (source.patternSource === 'backprop') {
      const drawn = backpropPatterns(X, source.targets(), source.loss, options.beta, options.bias, options.patterns, prng, source.context, source.timeLimitMs);
      if (drawn.patterns === null) return { patterns: samplePatterns(X, options.patterns, prng), directions: null, patternNetworks: drawn.networks, patternFallback: true };
      return { patterns: drawn.patterns, directions: null, patternNetworks: drawn.networks };
    }
    return { patterns: samplePatterns(X, options.patterns, prng), directions: null };
  }
  if (options.solver === 'scp') return { patterns: null, directions: sampleScpDirections(prng, options.patterns, X.cols) };
  return { patterns: null, directions: null };
}

function trainHead(
  X: Matrix,
  y: Float64Array,
  loss: Loss,
  sampleWeights: Float64Array | undefined,
  options: TrainOptions,
  solverSettings: Record<string, SettingValue>,
  shared: SharedStructure,
  seed: number,
  classIndex: number | null,
  context: SolveContext,
  warm: HeadWarmStart | null,
  /** The caller keeps this solve's final iterates (only then are the interior-point method's kept: they are n x 2P). */
  keepWarm: boolean,
): { head: TrainedHead; warm: HeadWarmStart } {
  const weightPart = sampleWeights ? { sampleWeights } : {};
  // 'ipm' passes validation with an adversary only at epsilon 0, which is the standard program.
  if (options.adversarial && options.solver !== 'ipm') {
    let final: RobustWarmStart | null = null;
    const link = { ...(warm?.robust ? { from: warm.robust } : {}), ...(keepWarm ? { keep: (point: RobustWarmStart) => (final = point) } : {}) };
    const head = trainRobustHead({ X, y, loss, sampleWeights, options, solverSettings, patterns: shared.patterns, seed, classIndex }, context, link);
    return { head, warm: final ? { robust: final } : {} };
  }
  switch (options.solver) {
    case 'admm':
    case 'admm-rbcd': {
      const patterns = shared.patterns!;
      const problem = { X, y, loss, beta: options.beta, patterns, hasBias: options.bias, seed, ...weightPart };
      const admmWarm = warm?.admm;
      const result = options.solver === 'admm' ? solveAdmm(problem, solverSettings, context, admmWarm) : solveAdmmRbcd(problem, solverSettings, context, admmWarm);
      return { warm: { admm: result.solution.warmStart }, head: convexHead(result, patterns, classIndex) };
    }
    case 'ipm': {
      const patterns = shared.patterns!;
      // Starts from the previous solve's final iterate blended with a centred point (ipm-engine.ts).
      let final: IpmIterate | undefined;
      const link = { ...(warm?.ipm ? { from: warm.ipm } : {}), ...(keepWarm ? { keep: (it: IpmIterate) => (final = it) } : {}), ...(shared.coupling ? { coupling: shared.coupling } : {}) };
      const ipmProblem = { X, y, loss, beta: options.beta, patterns, hasBias: options.bias, ...weightPart };
      let result = solveIpm(ipmProblem, solverSettings, context, link);
      if (link.from && (result.status === 'stalled' || result.status === 'numerical-failure')) {
        // A warm start far from this program's path (a beta path's step of x100 on a few dozen
        // rows) stalled at gaps of 88-100% where the cold start certifies 1e-6: solve it cold.
        const { from: _stale, ...cold } = link;
        result = solveIpm(ipmProblem, solverSettings, context, cold);
      }
      return { warm: final ? { ipm: final } : {}, head: convexHead(result, patterns, classIndex) };
    }
    case 'scp': {
      const directions = shared.directions!;
      const warmPart = warm?.scpAlpha ? { warmStart: warm.scpAlpha } : {};
      const result = solveScp({ X, y, loss, beta: options.beta, hasBias: options.bias, directions, ...weightPart, ...warmPart }, { ...solverSettings, neurons: directions.rows }, context);
      return { warm: { scpAlpha: result.solution.alpha }, head: {
        classIndex,
        network: result.solution.network,
        status: result.status,
        info: result.info,
        history: result.history,
        convex: { patternSource: 'sampled', generators: directions, certificateText: describeCertificate(result.info.relativeGap, 'sampled', 'neurons') },
      } };
    }
    case 'backprop': {
      const warmPart = warm?.network ? { warmStart: warm.network } : {};
      const result = trainBackprop({ X, y, loss, beta: options.beta, hasBias: options.bias, seed, ...weightPart, ...warmPart }, { ...solverSettings, hiddenUnits: options.patterns }, context);
      return {
        warm: { network: result.solution.network },
        head: { classIndex, network: result.solution.network, status: result.status, info: result.info, history: result.history },
      };
    }
  }
}

/** A convex head whose patterns came from back-propagation says so (backpropPatternsNote). */
function withPatternNote(head: TrainedHead, shared: SharedStructure, index: number, options: TrainOptions): TrainedHead {
  const networks = shared.patternNetworks;
  const network = networks?.[index];
  if (!networks || !network || !head.convex || !shared.patterns) return head;
  const count = shared.patterns.count;
  const note = shared.patternFallback
    ? randomPatternsFallbackNote(networks.length, count)
    : options.adversarial
      ? robustPatternsNote(networks.length, count)
      : backpropPatternsNote(network, networks.length, count, head.info.objective);
  return { ...head, info: { ...head.info, notes: [...head.info.notes, note] } };
}

/** Targets of one head in the loss's label convention. */
function targetsForHead(train: Dataset, loss: Loss, classIndex: number | null): Float64Array {
  if (train.task === 'regression') return train.y;
  const positive = classIndex ?? 1;
  const y01 = train.y.map((c) => (c === positive ? 1 : 0));
  return labelsForLoss(loss, y01);
}

/**
 * One-vs-rest weights: with 'balanced' the head's own positives and negatives are balanced
 * (each side carries half the weight); explicit class weights are used as given.
 */
function oneVsRestWeights(weights: Float64Array | undefined, classIndex: Float64Array, positive: number, spec: TrainOptions['classWeights']): Float64Array | undefined {
  if (spec !== 'balanced') return weights;
  const binary = classIndex.map((c) => (c === positive ? 1 : 0));
  return sampleWeightsForClasses(binary, 2, 'balanced');
}

/** Separates the pipeline-level settings (exact pattern limit, pattern source) from the solver's own settings (runSolverSettings). */
function splitSettings(options: TrainOptions): { solverSettings: Record<string, SettingValue>; exactLimit: number | undefined; patternSource: PatternSource } {
  return { solverSettings: runSolverSettings(options), exactLimit: exactPatternLimitOf(options.solverSettings), patternSource: patternSourceOf(options.solverSettings) };
}
