import type { PreprocessingPipeline } from '../data/preprocessing-types';
import { ConvexNetError } from '../errors';
import type { ThreatModel, ThreatNorm } from './threat-model';
import { threatNorms } from './threat-model';

/**
 * Adversarial training as the user states it (Train screen, CLI, contract): a radius epsilon in
 * the RAW units of every numeric input column (`units: 'raw'`, the data file's units) or in the
 * prepared, scaled units (`'standardized'`), optional per-column radii (same units) and columns
 * the adversary cannot change. One-hot (categorical) columns and the bias input are never
 * perturbed. `featureRadii` is the same threat per PREPARED feature in prepared units: filled in
 * from the fitted preprocessing by resolveAdversarial (the app's job start and the CLI do it
 * before training); trainModel needs it.
 */
export interface AdversarialTraining {
  readonly epsilon: number;
  readonly norm: ThreatNorm;
  readonly units: 'raw' | 'standardized';
  /** Radius per raw column name, overriding epsilon for that column (same units). */
  readonly columnRadii?: Readonly<Record<string, number>>;
  /** Raw column names that cannot be changed (radius 0). */
  readonly immutable?: readonly string[];
  /** Back-propagation only: the attack used to make training examples (default 'pgd'). */
  readonly baselineAttack?: 'pgd' | 'fgsm';
  /** Also train the same settings without adversarial training and report both side by side. */
  readonly compareStandard?: boolean;
  /** Per prepared feature (Dataset.featureNames order), prepared units; see above. */
  readonly featureRadii?: readonly number[];
}

export const MAX_EPSILON = 1e6;

/**
 * Converts the user's threat through the fitted preprocessing: a numeric column scaled as
 * (x - center) / scale moves by radius / scale in prepared units when the radius is in raw units,
 * and by the radius itself when it is in standardized units; one-hot columns get 0.
 */
export function resolveAdversarial(adversarial: AdversarialTraining, pipeline: PreprocessingPipeline): AdversarialTraining {
  checkAdversarial(adversarial);
  const unknown = unknownThreatColumn(adversarial, pipeline);
  if (unknown !== null) {
    throw new ConvexNetError('settings/invalid', `Adversarial training names the column "${unknown}", which is not an input of this model. Inputs: ${inputColumns(pipeline).join(', ')}.`);
  }
  const immutable = new Set(adversarial.immutable ?? []);
  const featureRadii: number[] = [];
  for (const step of pipeline.steps) {
    if (step.kind === 'one-hot') {
      for (let c = 0; c < step.categories.length; c++) featureRadii.push(0);
      continue;
    }
    const radius = immutable.has(step.column) ? 0 : adversarial.columnRadii?.[step.column] ?? adversarial.epsilon;
    featureRadii.push(adversarial.units === 'raw' ? radius / step.scale : radius);
  }
  return { ...adversarial, featureRadii };
}

/** The first column the threat names (a radius, or immutable) that is not an input of the model; null when there is none. */
export function unknownThreatColumn(adversarial: Pick<AdversarialTraining, 'columnRadii' | 'immutable'>, pipeline: PreprocessingPipeline): string | null {
  const known = new Set(inputColumns(pipeline));
  return [...Object.keys(adversarial.columnRadii ?? {}), ...(adversarial.immutable ?? [])].find((column) => !known.has(column)) ?? null;
}

/** The model's raw input columns, in order. */
export function inputColumns(pipeline: PreprocessingPipeline): string[] {
  return pipeline.steps.map((step) => step.column);
}

/** Rejects values no threat model can have, with messages that say what to fix. */
export function checkAdversarial(adversarial: AdversarialTraining): void {
  const { epsilon, norm, units } = adversarial;
  if (!(epsilon >= 0) || epsilon > MAX_EPSILON) {
    throw new ConvexNetError('settings/invalid', `The adversarial radius epsilon must be a number from 0 to ${MAX_EPSILON}, got ${epsilon}.`);
  }
  if (!threatNorms.includes(norm)) throw new ConvexNetError('settings/invalid', `The perturbation norm must be linf or l2, got ${String(norm)}.`);
  if (units !== 'raw' && units !== 'standardized') throw new ConvexNetError('settings/invalid', `Adversarial units must be raw or standardized, got ${String(units)}.`);
  for (const [column, radius] of Object.entries(adversarial.columnRadii ?? {})) {
    if (!(radius >= 0) || radius > MAX_EPSILON) {
      throw new ConvexNetError('settings/invalid', `The radius of column "${column}" must be a number from 0 to ${MAX_EPSILON}, got ${radius}.`);
    }
  }
}

/**
 * The threat in the network's input coordinates: the resolved feature radii, plus a pinned
 * bias entry when the network has one. Throws when resolveAdversarial has not been applied.
 */
export function threatForNetwork(adversarial: AdversarialTraining, featureCount: number, hasBias: boolean): ThreatModel {
  const radii = adversarial.featureRadii;
  if (!radii) {
    throw new ConvexNetError('settings/invalid', 'Adversarial training needs the radii per prepared feature: resolve the settings against the fitted preprocessing first (resolveAdversarial).');
  }
  if (radii.length !== featureCount) {
    throw new ConvexNetError('data/shape', `Adversarial training has ${radii.length} feature radii but the data have ${featureCount} features.`);
  }
  const all = new Float64Array(featureCount + (hasBias ? 1 : 0));
  radii.forEach((r, t) => {
    if (!(r >= 0) || !Number.isFinite(r)) throw new ConvexNetError('settings/invalid', `Feature radius ${t + 1} is ${r}; radii must be finite and at least 0.`);
    all[t] = r;
  });
  return { norm: adversarial.norm, radii: all };
}

/** Options with their adversarial settings resolved against the fitted preprocessing (unchanged without). */
export function withResolvedAdversarial<T extends { readonly adversarial?: AdversarialTraining }>(options: T, pipeline: PreprocessingPipeline): T {
  return options.adversarial ? { ...options, adversarial: resolveAdversarial(options.adversarial, pipeline) } : options;
}
