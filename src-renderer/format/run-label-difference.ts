import type { SettingValue } from '../../src-core/settings/setting-spec';
import type { TrainOptions } from '../../src-core/training/train-types';
import { formulationLabel, lossLabel } from './option-labels';

/** A number as a label writes it: up to 3 significant digits, no trailing zeros ("0.0123", "64"). */
function short(value: number): string {
  return String(Number(value.toPrecision(3)));
}

function settingText(value: SettingValue | undefined): string {
  if (value === undefined) return 'default';
  return typeof value === 'number' ? short(value) : String(value);
}

function classWeightsText(weights: TrainOptions['classWeights']): string {
  if (weights === undefined || weights === 'none') return 'no class weights';
  return weights === 'balanced' ? 'balanced class weights' : `class weights ${weights.map(short).join('/')}`;
}

/**
 * What sets `next` apart from `previous`, two runs whose labels (runLabel: dataset, solver,
 * adversarial radius) are the same, in a label's words: "beta 0.01, seed 3". Empty when no
 * setting differs. Queued runs that differed only in beta, seed or patterns had the same name in
 * the Jobs panel, the "Run queued" message and the history, and could not be told apart.
 */
export function runLabelDifference(previous: TrainOptions, next: TrainOptions): string {
  const parts: string[] = [];
  if (previous.beta !== next.beta) parts.push(`beta ${short(next.beta)}`);
  if (previous.patterns !== next.patterns) parts.push(`${next.patterns} ${next.solver === 'backprop' ? 'hidden units' : next.solver === 'scp' ? 'neurons' : 'patterns'}`);
  if (previous.formulation !== next.formulation) parts.push(formulationLabel(next.formulation).toLowerCase());
  if (previous.loss !== next.loss) parts.push(lossLabel(next.loss).toLowerCase());
  if (previous.bias !== next.bias) parts.push(next.bias ? 'with bias' : 'no bias');
  if (previous.seed !== next.seed) parts.push(`seed ${next.seed}`);
  if (classWeightsText(previous.classWeights) !== classWeightsText(next.classWeights)) parts.push(classWeightsText(next.classWeights));
  const before = previous.solverSettings ?? {};
  const after = next.solverSettings ?? {};
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (settingText(before[key]) !== settingText(after[key])) parts.push(`${key} ${settingText(after[key])}`);
  }
  return parts.join(', ');
}
