/**
 * Shapes shared by the runner (bench/run.ts), the per-case child (bench/case.ts) and the cases.
 * A case is described by a JSON-serializable CaseSpec; the child answers with a CaseOutput
 * written to spec.outFile; the runner wraps it into a CaseResult.
 */
import type { LossName } from '../src-core/losses/loss';
import type { SolverName } from '../src-core/training/train-types';

/** How the NumPy baseline is run, decided once by the runner (bench/python.ts). */
export interface PythonConfig {
  /** Interpreter, e.g. /usr/bin/python3. */
  command: string;
  /** Environment of the python subprocess only (BLAS threads pinned to 1, ...). */
  env: Record<string, string>;
  /** What the probe reported: numpy/scipy versions, the BLAS in use, what was changed and why. */
  info: Record<string, unknown>;
}

export type PythonAvailability = { available: true; config: PythonConfig } | { available: false; reason: string };

export interface KernelsParams {
  /** Repetitions per kernel (best is reported), passed to benchKernels. */
  repetitions: number;
  /** Skip the n = 100000 factorBlockSystem record of benchKernels. */
  skipLargeFactor: boolean;
}

/** One point of the per-iteration grid: a few ADMM iterations on regression data. */
export interface IterationParams {
  n: number;
  /** Data features; the solver sees features + 1 columns (the app's default bias column). */
  features: number;
  /** Sampled patterns requested (distinct patterns after de-duplication may be fewer). */
  patterns: number;
  /** Timed iterations (checkEvery = iterations, so only the last one runs a check). */
  iterations: number;
  seed: number;
}

/** A solve to a certified relative gap, with the history, optional warm repeats and NumPy baseline. */
export interface SolveParams {
  n: number;
  features: number;
  patterns: number;
  tolerance: number;
  maxIterations: number;
  timeLimitMs: number;
  checkEvery: number;
  seed: number;
  /** Extra solves of the same problem in the same process (JIT warm), 0 for none. */
  warmRepeats: number;
  /** Relative gaps whose first-reach time is read off the history. */
  gapThresholds: number[];
  /** Run the NumPy dense baseline on the same data (needs python, see PythonAvailability). */
  numpy: boolean;
}

/**
 * A cold solve with the interior-point method (solveIpm) on the same problem as the ADMM solve
 * cases (bench/problem.ts with the same n, features, patterns and seed), bench/cases/ipm-solve.ts.
 */
export interface IpmSolveParams {
  n: number;
  features: number;
  patterns: number;
  /** Certified relative gap at which the solver stops. */
  tolerance: number;
  /** Newton steps at most (solveIpm allows up to 1000). */
  maxIterations: number;
  timeLimitMs: number;
  /** solveIpm's linearSystem setting: 'auto' | 'direct' | 'woodbury'. */
  linearSystem: 'auto' | 'direct' | 'woodbury';
  seed: number;
  /** Relative gaps whose first-reach time is read off the history. */
  gapThresholds: number[];
}

/** One solver of the time-to-accuracy race on binary data, through trainModel. */
export interface RaceParams {
  n: number;
  features: number;
  solver: SolverName;
  loss: LossName;
  /** options.patterns: patterns (ADMM, ADMM-RBCD), sampled neurons (SCP), hidden units (back-propagation). */
  patterns: number;
  timeLimitMs: number;
  seed: number;
  solverSettings: Record<string, number | string | boolean>;
}

/** The estimate before Start (cost model + probe) against the measured time per iteration (bench/cases/train-estimate.ts). */
export interface EstimateParams {
  n: number;
  features: number;
  solver: SolverName;
  loss: LossName;
  patterns: number;
  /** Iterations of the measured full-size run. */
  iterations: number;
  seed: number;
}

/** A warm-started beta path against one cold solve at the middle beta (bench/cases/beta-path.ts). */
export interface PathParams {
  /** The solver of every solve ('admm' or 'ipm': both take the squared loss and warm-start). */
  solver: 'admm' | 'ipm';
  n: number;
  features: number;
  patterns: number;
  /** Log grid of beta as multiples of defaultBeta(n): from / to, with `points` values. */
  fromFactor: number;
  toFactor: number;
  points: number;
  tolerance: number;
  /** Iteration limit of every solve: high enough that the cold middle solve reaches the tolerance. */
  maxIterations: number;
  /** Also time the path without warm starts (informational; doubles the case's time). */
  coldPath: boolean;
  seed: number;
}

/**
 * An adversarial-training epsilon sweep on a built-in dataset, as the app runs it (default grid,
 * Balanced preset's ADMM with the given loss; the robust method is chosen automatically).
 */
export interface RobustSweepParams {
  dataset: string;
  rows?: number;
  loss: 'squared' | 'hinge' | 'bce';
  tolerance: number;
  /** An iteration limit for every solve (PDHG cases: enough iterations to time, not to converge). */
  maxIterations?: number;
  /** The robust method, when not the automatic choice (robust-settings.ts 'method'). */
  method?: 'ipm' | 'pdhg';
  seed: number;
}

/** Issue 4: a numeric CSV of rows x columns parsed by the app's import path. */
export interface CsvParseParams {
  rows: number;
  columns: number;
  seed: number;
}

/** Random patterns against patterns from back-propagation on mixed data (pattern-source.ts). */
export interface PatternSourceParams {
  rows: number;
  seed: number;
}

/** The main thread's longest task while the app answers the Train screen on a large built-in dataset (main-thread.ts). */
export interface MainThreadParams {
  /** A built-in generator's id. */
  dataset: string;
  rows: number;
  seed: number;
}

interface CaseBase {
  /** Unique case name, e.g. "grid-n-10000"; --only matches it or its group. */
  name: string;
  group: string;
  description: string;
  /** The runner kills the child (by its pid) after this long and records an error. */
  timeoutMs: number;
  /** Runs only when --only names it (or its group): too long for the default full run. */
  optIn?: boolean;
}

export type CaseSpec =
  | (CaseBase & { kind: 'kernels'; params: KernelsParams })
  | (CaseBase & { kind: 'admm-iteration'; params: IterationParams })
  | (CaseBase & { kind: 'admm-solve'; params: SolveParams })
  | (CaseBase & { kind: 'ipm-solve'; params: IpmSolveParams })
  | (CaseBase & { kind: 'solver-race'; params: RaceParams })
  | (CaseBase & { kind: 'train-estimate'; params: EstimateParams })
  | (CaseBase & { kind: 'beta-path'; params: PathParams })
  | (CaseBase & { kind: 'csv-parse'; params: CsvParseParams })
  | (CaseBase & { kind: 'csv-open'; params: CsvParseParams })
  | (CaseBase & { kind: 'robust-sweep'; params: RobustSweepParams })
  | (CaseBase & { kind: 'pattern-source'; params: PatternSourceParams })
  | (CaseBase & { kind: 'main-thread'; params: MainThreadParams });

export type CaseKind = CaseSpec['kind'];

/** What the runner hands the child on its command line. */
export type ChildInput = CaseSpec & { outFile: string; python: PythonAvailability };

export type Metrics = Record<string, unknown>;

/** What the child writes to outFile. */
export interface CaseOutput {
  ok: boolean;
  error?: string;
  metrics: Metrics;
  /** Peak resident set of the child process (process.resourceUsage().maxRSS), bytes. */
  maxRssBytes: number;
  /** Peak resident set right after the imports, before the case ran (Node + tsx + modules), bytes. */
  baselineRssBytes: number;
  /** CPU time (user + system) of the child while the case ran, ms. */
  cpuMs: number;
  /** Wall time of the case inside the child (imports excluded), ms. */
  caseWallMs: number;
}

export interface CaseResult extends CaseOutput {
  name: string;
  group: string;
  kind: CaseKind;
  description: string;
  params: CaseSpec['params'];
  /** Wall time of the whole child process including start-up, ms. */
  processWallMs: number;
  /** 1-minute load average when the case started and ended. */
  loadStart: number;
  loadEnd: number;
  /**
   * CPU time / wall time of the case in its child: well below 1 means it waited for a core; above 1
   * means V8's background threads (JIT compiler, GC) worked beside the main thread.
   */
  cpuShare: number;
  /** Fingerprint of src-core + bench/cases when the case started (sourceFingerprint). */
  sourceFingerprint: string;
  /** When the case started (ISO time). */
  startedAt: string;
}

export type Verdict = 'pass' | 'fail' | 'not-run' | 'skipped' | 'error';

/** One target of the issue: the measured value, the target and the verdict, never hidden. */
export interface TargetRecord {
  id: string;
  title: string;
  measured: number | string | null;
  unit: string;
  target: string;
  verdict: Verdict;
  /** How the value was obtained, the basis of the verdict, and anything that qualifies it. */
  detail: string;
  /** Cases the record is computed from. */
  cases: string[];
}

export interface MachineFacts {
  cpuModel: string;
  logicalCores: number;
  cpuFlagsOfNote: string[];
  totalMemoryGiB: number;
  node: string;
  v8: string;
  platform: string;
  kernel: string;
  gitCommit: string | null;
  /** Commit at the end of the run: differs from gitCommit when someone committed meanwhile. */
  gitCommitEnd: string | null;
  /** Fingerprint of src-core + bench/cases when the run started and ended (see sourceFingerprint). */
  sourceFingerprintStart: string;
  sourceFingerprintEnd: string | null;
  loadAverageStart: number[];
  loadAverageEnd: number[] | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface BenchReport {
  mode: 'quick' | 'full' | 'only';
  argv: string[];
  machine: MachineFacts;
  python: { available: boolean; reason?: string; info?: Record<string, unknown> };
  targets: TargetRecord[];
  cases: CaseResult[];
}
