import { readDataFile } from '../../datasets/read-data-file';
import { prepareLabeledRows } from '../../../src-core/data/preprocessing';
import { ConvexNetError } from '../../../src-core/errors';
import { createMatrix } from '../../../src-core/linalg/matrix';
import type { ReluNetwork } from '../../../src-core/network/relu-network';
import { inputColumns, resolveAdversarial, unknownThreatColumn } from '../../../src-core/robust/adversarial-options';
import { computeRobustnessReport } from '../../../src-core/robust/robustness-report';
import type { RobustnessReport } from '../../../src-core/robust/robustness-report-types';
import { writeFileAtomic } from '../../files/files';
import { readModelFile } from '../read-model-file';
import type { AttackArgs } from '../attack-args';
import type { CliEnvironment } from '../cli-environment';
import { checkOutputPaths } from '../output-paths';

/**
 * `convexnet attack`: evaluates a model file against an adversary on a labelled CSV (the model's
 * target column must be present): clean, FGSM, PGD and certified accuracy (regression: RMSE and
 * a certified bound) at each radius. The radii are in the raw units of each numeric column unless
 * --epsilon-units standardized; categorical columns and the bias are never perturbed.
 */
export async function runAttack(args: AttackArgs, env: CliEnvironment): Promise<void> {
  checkOutputPaths([{ what: 'the model file', path: args.modelPath }, { what: 'the data file', path: args.dataPath }], [{ option: '--report', path: args.reportPath }]);
  const model = readModelFile(args.modelPath);
  const { table } = await readDataFile(args.dataPath);
  if (!table.columns.includes(model.preprocessing.targetColumn)) {
    throw new ConvexNetError('data/missing-column', `the data file has no "${model.preprocessing.targetColumn}" column: attacks need the true labels.`);
  }
  const data = prepareLabeledRows(model.preprocessing, table).dataset;
  // Checked here in the attack's words: resolveAdversarial's message speaks of adversarial training.
  const unknown = unknownThreatColumn(args.threat, model.preprocessing);
  if (unknown !== null) {
    throw new ConvexNetError('settings/invalid', `--immutable names the column "${unknown}", which is not an input of the model "${args.modelPath}", so the attack has nothing to hold fixed there. Inputs: ${inputColumns(model.preprocessing).join(', ')}.`);
  }
  const resolved = resolveAdversarial(args.threat, model.preprocessing);
  const epsilon = args.threat.epsilon;
  const heads: ReluNetwork[] = [...model.heads]
    .sort((a, b) => (a.classIndex ?? 0) - (b.classIndex ?? 0))
    .map((h) => ({ hidden: createMatrix(h.hidden.rows, h.hidden.cols, Float64Array.from(h.hidden.data)), output: Float64Array.from(h.output), hasBias: model.bias }));
  const attacks = args.attack === 'all' ? (['fgsm', 'pgd', 'certify'] as const) : [args.attack];
  const report = computeRobustnessReport({
    task: model.task,
    heads,
    X: data.X,
    y: data.y,
    classCount: model.classNames.length,
    norm: args.threat.norm,
    radiiPerEpsilon: Float64Array.from(resolved.featureRadii!, (r) => (epsilon > 0 ? r / epsilon : 0)),
    epsilons: args.epsilons,
    units: args.threat.units,
    unitsText: `epsilon in ${args.threat.units === 'raw' ? 'the raw units of each numeric column' : 'prepared (scaled) units'}, ${args.threat.norm === 'linf' ? 'l_inf' : 'l_2'} norm; categorical columns${args.threat.immutable?.length ? `, ${args.threat.immutable.join(', ')}` : ''} and the bias never perturbed`,
    dataSet: 'test',
    steps: args.steps,
    restarts: args.restarts,
    seed: args.seed,
    attacks,
  });
  env.stdout(describeRobustness(report));
  if (args.reportPath !== undefined) {
    writeFileAtomic(args.reportPath, `${JSON.stringify(report, null, 2)}\n`);
    env.stderr(`Robustness report written to ${args.reportPath}.\n`);
  }
}

/**
 * A radius in the table's seven characters: three significant digits, in exponent form below
 * 1e-3 (toPrecision(3) writes 0.000005 as "0.00000500", which pushed the row out of line).
 */
export function formatRadius(epsilon: number): string {
  return epsilon !== 0 && Math.abs(epsilon) < 1e-3 ? epsilon.toExponential(2) : epsilon.toPrecision(3);
}

/** The report as an aligned text table, with the units and the number of points stated. */
export function describeRobustness(report: RobustnessReport): string {
  const pct = (v: number | null): string => (v === null ? '     -' : `${(100 * v).toFixed(1).padStart(5)}%`);
  const lines = [`Robustness on ${report.testPoints} ${report.dataSet} points; ${report.unitsText}.`];
  if (report.task === 'regression') {
    lines.push('  epsilon   RMSE clean    FGSM     PGD  certified bound');
    for (const p of report.points) {
      const e = p.error!;
      lines.push(`  ${formatRadius(p.epsilon).padStart(7)} ${e.clean.toPrecision(4).padStart(11)} ${e.fgsm.toPrecision(4).padStart(7)} ${e.pgd.toPrecision(4).padStart(7)} ${e.certifiedBound.toPrecision(4).padStart(16)}`);
    }
  } else {
    lines.push('  epsilon   clean    FGSM     PGD  certified   (balanced: clean / PGD / certified)');
    for (const p of report.points) {
      const a = p.accuracy;
      const b = p.balancedAccuracy;
      lines.push(`  ${formatRadius(p.epsilon).padStart(7)}  ${pct(a.clean)}  ${pct(a.fgsm)}  ${pct(a.pgd)}    ${pct(a.certified)}   (${pct(b.clean)} / ${pct(b.pgd)} / ${pct(b.certified)})`);
    }
  }
  lines.push(`  PGD: ${report.attack.steps} steps, ${report.attack.restarts} starts; certified by ${report.certification === 'interval' ? 'interval bounds' : 'interval bounds, exact vertex search where small'}.`);
  for (const w of report.warnings) lines.push(`  Warning: ${w}`);
  return `${lines.join('\n')}\n`;
}
