import type { ColumnRole, ConfigureDatasetRequest, DatasetInspection, PreparationChoices } from '../../../src-core/contract/dataset-types';
import type { DatasetSummary } from '../../../src-core/contract/operations';
import type { ClassWeightMode, TaskChoice } from './data-labels';

/** The data screen's editable choices, before they are applied (datasets.configure). */
export interface DataChoices {
  readonly target: string;
  readonly ignored: readonly string[];
  readonly task: TaskChoice;
  readonly preparation: PreparationChoices;
  readonly classWeightMode: ClassWeightMode;
  /** One weight per class of the applied target (manual mode). */
  readonly manualWeights: readonly number[];
}

export const DEFAULT_PREPARATION_CHOICES: PreparationChoices = { imputation: 'mean', scaling: 'standardize', maxCategories: 50 };

/** The choices as applied to the current dataset (task 'auto' when it is the inferred one). */
export function appliedChoices(summary: DatasetSummary, inspection: DatasetInspection | null): DataChoices {
  const configuration = summary.configuration ?? inspection?.configuration;
  const weights = configuration?.classWeights ?? 'none';
  return {
    target: summary.targetName,
    ignored: [...(configuration?.ignoredColumns ?? [])],
    task: 'auto',
    preparation: configuration?.preparation ?? DEFAULT_PREPARATION_CHOICES,
    classWeightMode: typeof weights === 'string' ? weights : 'manual',
    manualWeights: typeof weights === 'string' ? summary.classNames.map(() => 1) : [...weights],
  };
}

/** The choices after giving `column` a role; a new target takes the old target's place as a feature. */
export function withRole(choices: DataChoices, column: string, role: ColumnRole): DataChoices {
  const ignored = choices.ignored.filter((c) => c !== column);
  if (role === 'target') return { ...choices, target: column, ignored, task: 'auto' };
  if (role === 'ignore') return { ...choices, ignored: [...ignored, column] };
  return { ...choices, ignored };
}

/** The request that applies the choices; manual weights only while the target is unchanged. */
export function configureRequest(choices: DataChoices, summary: DatasetSummary): Omit<ConfigureDatasetRequest, 'datasetId'> {
  const sameTarget = choices.target === summary.targetName;
  const classWeights =
    choices.classWeightMode === 'manual' ? (sameTarget ? [...choices.manualWeights] : 'none') : choices.classWeightMode;
  return {
    target: choices.target,
    ...(choices.task !== 'auto' ? { task: choices.task } : {}),
    ignoredColumns: [...choices.ignored],
    preparation: { ...choices.preparation },
    classWeights,
  };
}

/** Whether the edited choices differ from the applied ones. */
export function choicesChanged(edited: DataChoices, applied: DataChoices): boolean {
  return JSON.stringify(edited) !== JSON.stringify(applied);
}
