import type { AdversarialTraining } from '../../../src-core/robust/adversarial-options';
import type { ThreatNorm } from '../../../src-core/robust/threat-model';
import { ConvexNetError } from '../../../src-core/errors';
import { defaultContext, formatPercent } from '../../../src-core/solvers/solver-types';
import { belowStandardNote } from '../../../src-core/training/below-standard-note';
import { parseEpsilonGrid, selectEpsilonPoint, solveEpsilonPath, type EpsilonPathPoint } from '../../../src-core/training/epsilon-path';
import { resolveEpsilonSweep } from '../../../src-core/training/epsilon-sweep-threats';
import { primaryScoreLabel } from '../../../src-core/training/model-score';
import { writeFileAtomic } from '../../files/files';
import type { CliEnvironment } from '../cli-environment';
import { announceRun } from '../progress-printer';
import { describeSolverChoice, type TrainArgs } from '../train-args';
import { formatScore, type RunData } from './run-data';

export const EPSILON_SWEEP_REPORT_FORMAT = 'convexnet-epsilon-sweep-report';

export interface EpsilonSweepArgs {
  /** "MIN:MAX:COUNT" (epsilon 0 is added), or "auto": a grid scaled to the data. */
  readonly grid: string;
  readonly norm: ThreatNorm;
  readonly units: 'raw' | 'standardized';
  readonly immutable?: readonly string[];
  readonly baselineAttack?: 'pgd' | 'fgsm';
}

/**
 * `convexnet sweep --epsilon-grid`: trains the options at every radius (epsilon 0 = the standard
 * model; the robust interior-point method solves each radius from scratch, PDHG from the previous
 * radius), attacks every model by PGD at its own
 * radius on the test rows (training rows without a test split), prints one line per radius (stdout) and
 * writes the JSON report. The chosen radius scores best under PGD at the largest radius.
 */
export function runEpsilonSweep(run: Omit<TrainArgs, 'outPath'>, args: EpsilonSweepArgs, data: RunData, env: CliEnvironment): void {
  const base: AdversarialTraining = {
    epsilon: 0,
    norm: args.norm,
    units: args.units,
    ...(args.immutable ? { immutable: args.immutable } : {}),
    ...(args.baselineAttack ? { baselineAttack: args.baselineAttack } : {}),
  };
  const epsilons = args.grid.trim() === 'auto' ? undefined : parseEpsilonGrid(args.grid);
  const threats = resolveEpsilonSweep({ ...(epsilons ? { epsilons } : {}), norm: args.norm, units: args.units }, base, data.pipeline, data.train, data.options);
  const scoreName = primaryScoreLabel(data.train.task);
  const percent = scoreName === 'accuracy';
  const heading = `Sweeping ${threats.length} values of epsilon (${args.norm}, ${args.units} units) on ${data.train.X.rows} rows with ${data.options.solver}.${describeSolverChoice(data.solverReason, data.patternNote)}`;
  const context = defaultContext({ now: env.now, onProgress: announceRun(env, heading) });
  const path = solveEpsilonPath(data.train, data.test, data.options, threats, context);
  if (path.points.length < threats.length) throw new ConvexNetError('solver/cancelled', 'The sweep stopped before every epsilon was trained.');

  const chosen = selectEpsilonPoint(path.points);
  const on = path.attackedOn === 'test' ? 'test' : 'train';
  // The results on stdout; progress and notes went to stderr.
  env.stdout(`${'epsilon'.padEnd(11)} ${on.padStart(8)} ${'pgd'.padStart(8)} ${'proven'.padStart(8)} ${'std pgd'.padStart(8)} ${'neurons'.padStart(8)} ${'gap'.padStart(9)}\n`);
  path.points.forEach((p, i) => {
    const clean = path.attackedOn === 'test' ? p.testScore : p.trainScore;
    const gap = p.relativeGap === null ? '-' : formatPercent(p.relativeGap);
    const status = p.status === 'solved' ? '' : ` (${p.status})`;
    env.stdout(`${p.epsilon.toExponential(3).padEnd(11)} ${formatScore(clean, percent).padStart(8)} ${formatScore(p.pgdScore, percent).padStart(8)} ${formatScore(p.certifiedScore, percent).padStart(8)} ${formatScore(p.standardPgdScore, percent).padStart(8)} ${String(p.neuronCount).padStart(8)} ${gap.padStart(9)}${status}${i === chosen.index ? '  <- chosen' : ''}\n`);
  });
  env.stdout(`PGD: ${path.attack.steps} steps x ${path.attack.restarts} restarts on ${path.attackedRows} ${path.attackedOn} rows; "proven" is certified (no attack within epsilon can do worse). Chosen: ${chosen.reason}\n`);
  if (data.options.solver !== 'backprop') env.stdout(`${describeRobustStarts(path.warmStart)}\n`);
  // A robust model below the standard one under the same attack reads as a bug without this.
  const below = belowStandardNote(path.points, (score) => formatScore(score, percent), data.options.solver !== 'backprop', '--patterns');
  if (below !== null) env.stdout(`${below}\n`);
  if (run.reportPath !== undefined) {
    const report = {
      format: EPSILON_SWEEP_REPORT_FORMAT,
      version: 1,
      source: data.source,
      targetColumn: run.target,
      options: data.options,
      scoreName,
      norm: args.norm,
      units: args.units,
      warmStart: path.warmStart,
      attack: { ...path.attack, rows: path.attackedRows, dataSet: path.attackedOn },
      chosenEpsilon: path.points[chosen.index]!.epsilon,
      chosenBy: chosen.reason,
      points: path.points.map(pointJson),
    };
    writeFileAtomic(run.reportPath, `${JSON.stringify(report, null, 2)}\n`);
    env.stderr(`Report written to ${run.reportPath}.\n`);
  }
}

function pointJson(p: EpsilonPathPoint): Record<string, unknown> {
  return {
    epsilon: p.epsilon,
    status: p.status,
    objective: p.objective,
    relativeGap: p.relativeGap,
    neuronCount: p.neuronCount,
    iterations: p.iterations,
    solveMs: p.solveMs,
    trainScore: p.trainScore,
    testScore: p.testScore,
    pgdScore: p.pgdScore,
    certifiedScore: p.certifiedScore,
    standardPgdScore: p.standardPgdScore,
    pgdAtLargestScore: p.pgdAtLargestScore,
  };
}

/** How the robust radii were started: PDHG from the previous radius, the interior-point method from scratch. */
export function describeRobustStarts(warmStart: boolean): string {
  return warmStart
    ? "Each robust radius started from the previous radius's solution (PDHG)."
    : 'Each robust radius was solved from scratch by the interior-point method (a few dozen Newton steps each).';
}
