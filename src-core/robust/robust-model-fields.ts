import { asObject, checkNumber, field, invalidField, readArray, readChoice, readNullableNumber, readNumber, readNumberArray, readString, readStringArray, type JsonObject } from '../model/json-fields';
import type { AdversarialTraining } from './adversarial-options';
import type { RobustnessComparison } from './robustness-report-types';
import type { AccuracySet, ErrorSet, RobustnessPoint, RobustnessReport } from './robustness-report-types';

/**
 * The optional robust parts of a model file: `adversarial` (the threat the model was trained
 * against: epsilon, norm, units, radii per prepared feature) and `robustness` (the report of the
 * run, and of the standard model when compared). Absent in files of standard runs.
 */
export interface RobustModelFields {
  readonly adversarial?: AdversarialTraining;
  readonly robustness?: RobustnessComparison;
}

/** The fields for buildModelFile (plain JSON copies). */
export function robustModelFields(adversarial: AdversarialTraining | undefined, robustness: RobustnessComparison | null | undefined): RobustModelFields {
  return {
    ...(adversarial ? { adversarial: JSON.parse(JSON.stringify(adversarial)) as AdversarialTraining } : {}),
    ...(robustness ? { robustness: JSON.parse(JSON.stringify(robustness)) as RobustnessComparison } : {}),
  };
}

/** Reads the optional robust fields of a parsed model file's root object. */
export function readRobustModelFields(root: JsonObject): RobustModelFields {
  const out: { adversarial?: AdversarialTraining; robustness?: RobustnessComparison } = {};
  if (root.adversarial !== undefined) out.adversarial = readAdversarial(asObject(root.adversarial, 'adversarial'), 'adversarial');
  if (root.robustness !== undefined) {
    const r = asObject(root.robustness, 'robustness');
    const standard = field(r, 'standard', 'robustness');
    out.robustness = {
      robust: readReport(asObject(field(r, 'robust', 'robustness'), 'robustness.robust'), 'robustness.robust'),
      standard: standard === null ? null : readReport(asObject(standard, 'robustness.standard'), 'robustness.standard'),
      ...(r.suggestedRadius !== undefined ? { suggestedRadius: readNumber(r, 'suggestedRadius', 'robustness', { min: 0, exclusiveMin: true }) } : {}),
    };
  }
  return out;
}

function readAdversarial(a: JsonObject, path: string): AdversarialTraining {
  const columnRadii: Record<string, number> = {};
  if (a.columnRadii !== undefined) {
    const radii = asObject(a.columnRadii, `${path}.columnRadii`);
    for (const [column, value] of Object.entries(radii)) columnRadii[column] = checkNumber(value, `${path}.columnRadii.${column}`, { min: 0 });
  }
  const baseline = a.baselineAttack;
  if (baseline !== undefined && baseline !== 'pgd' && baseline !== 'fgsm') throw invalidField(`${path}.baselineAttack`, 'pgd or fgsm', baseline);
  return {
    epsilon: readNumber(a, 'epsilon', path, { min: 0 }),
    norm: readChoice(a, 'norm', path, ['linf', 'l2'] as const),
    units: readChoice(a, 'units', path, ['raw', 'standardized'] as const),
    ...(a.columnRadii !== undefined ? { columnRadii } : {}),
    ...(a.immutable !== undefined ? { immutable: readStringArray(a, 'immutable', path) } : {}),
    ...(baseline !== undefined ? { baselineAttack: baseline } : {}),
    ...(a.compareStandard !== undefined ? { compareStandard: a.compareStandard === true } : {}),
    ...(a.featureRadii !== undefined ? { featureRadii: readNumberArray(a, 'featureRadii', path, { min: 0 }) } : {}),
  };
}

function readReport(r: JsonObject, path: string): RobustnessReport {
  const attack = asObject(field(r, 'attack', path), `${path}.attack`);
  return {
    task: readChoice(r, 'task', path, ['binary', 'multiclass', 'regression'] as const),
    norm: readChoice(r, 'norm', path, ['linf', 'l2'] as const),
    units: readChoice(r, 'units', path, ['raw', 'standardized'] as const),
    unitsText: readString(r, 'unitsText', path),
    testPoints: readNumber(r, 'testPoints', path, { integer: true, min: 0 }),
    dataSet: readChoice(r, 'dataSet', path, ['test', 'training'] as const),
    attack: {
      steps: readNumber(attack, 'steps', `${path}.attack`, { integer: true, min: 1 }),
      restarts: readNumber(attack, 'restarts', `${path}.attack`, { integer: true, min: 1 }),
      stepFraction: readNumber(attack, 'stepFraction', `${path}.attack`, { min: 0 }),
    },
    certification: readChoice(r, 'certification', path, ['interval', 'exact-where-small'] as const),
    points: readArray(r, 'points', path).map((p, i) => readPoint(asObject(p, `${path}.points[${i}]`), `${path}.points[${i}]`)),
    warnings: readStringArray(r, 'warnings', path),
  };
}

function readPoint(p: JsonObject, path: string): RobustnessPoint {
  const error = field(p, 'error', path);
  return {
    epsilon: readNumber(p, 'epsilon', path, { min: 0 }),
    accuracy: readAccuracy(asObject(field(p, 'accuracy', path), `${path}.accuracy`), `${path}.accuracy`),
    balancedAccuracy: readAccuracy(asObject(field(p, 'balancedAccuracy', path), `${path}.balancedAccuracy`), `${path}.balancedAccuracy`),
    error: error === null ? null : readErrors(asObject(error, `${path}.error`), `${path}.error`),
  };
}

function readAccuracy(a: JsonObject, path: string): AccuracySet {
  const rule = { min: 0, max: 1 };
  return {
    clean: readNullableNumber(a, 'clean', path, rule),
    fgsm: readNullableNumber(a, 'fgsm', path, rule),
    pgd: readNullableNumber(a, 'pgd', path, rule),
    certified: readNullableNumber(a, 'certified', path, rule),
  };
}

function readErrors(e: JsonObject, path: string): ErrorSet {
  return {
    clean: readNumber(e, 'clean', path, { min: 0 }),
    fgsm: readNumber(e, 'fgsm', path, { min: 0 }),
    pgd: readNumber(e, 'pgd', path, { min: 0 }),
    certifiedBound: readNumber(e, 'certifiedBound', path, { min: 0 }),
  };
}
