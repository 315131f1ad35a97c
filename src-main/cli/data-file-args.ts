import type { TableFormat } from '../../src-core/data/formats/read-table';
import { MAX_ONE_HOT_CATEGORIES } from '../../src-core/data/preprocessing';
import type { Imputation, Scaling } from '../../src-core/data/preprocessing-types';
import { IMPUTATIONS, SCALINGS } from '../../src-core/data/preprocessing-types';
import { TABLE_FORMATS } from '../../src-core/data/formats/read-table';
import type { DataFileOptions } from '../datasets/read-data-file';
import type { OptionSpecs } from './parse-options';
import { choiceOption, numberOption, stringOption } from './parse-options';
import { columnList } from './adversarial-args';
import { UsageError } from './usage-error';

/** --format and --sheet: how a data file is read (default: by its extension, then its content). */
export const DATA_FILE_OPTIONS: OptionSpecs = {
  format: { type: 'string' },
  sheet: { type: 'string' },
};

export function dataFileOptionsFrom(values: Record<string, string | boolean | undefined>): { dataFile?: DataFileOptions } {
  const format: TableFormat | undefined = choiceOption(values, 'format', TABLE_FORMATS);
  const sheet = stringOption(values, 'sheet');
  if (sheet !== undefined && format !== undefined && format !== 'xlsx') throw new UsageError(`--sheet only applies to --format xlsx, not ${format}`);
  if (format === undefined && sheet === undefined) return {};
  return { dataFile: { ...(format !== undefined ? { format } : {}), ...(sheet !== undefined ? { sheet } : {}) } };
}

/** --impute, --scaling, --max-categories, --ignore, --keep: how `convexnet train` prepares the columns. */
export const PREPARATION_OPTIONS: OptionSpecs = {
  impute: { type: 'string' },
  scaling: { type: 'string' },
  'max-categories': { type: 'string' },
  ignore: { type: 'string' },
  keep: { type: 'string' },
};

export interface PreparationArgs {
  readonly imputation?: Imputation;
  readonly scaling?: Scaling;
  readonly maxCategories?: number;
}

/** --ignore and --keep: input columns left out, and flagged ones used anyway (feature-columns.ts). */
export interface ColumnArgs {
  readonly ignoreColumns?: readonly string[];
  readonly keepColumns?: readonly string[];
}

export function columnArgsFrom(values: Record<string, string | boolean | undefined>): ColumnArgs {
  const ignore = columnList(stringOption(values, 'ignore'));
  const keep = columnList(stringOption(values, 'keep'));
  return { ...(ignore.length > 0 ? { ignoreColumns: ignore } : {}), ...(keep.length > 0 ? { keepColumns: keep } : {}) };
}

export function preparationFrom(values: Record<string, string | boolean | undefined>): { preparation?: PreparationArgs } {
  const imputation = choiceOption(values, 'impute', IMPUTATIONS);
  const scaling = choiceOption(values, 'scaling', SCALINGS);
  const maxCategories = numberOption(values, 'max-categories', { integer: true, min: 2, max: MAX_ONE_HOT_CATEGORIES });
  if (scaling !== undefined && (values['standardize'] || values['no-standardize'])) {
    throw new UsageError('give either --scaling or --standardize/--no-standardize, not both');
  }
  if (imputation === undefined && scaling === undefined && maxCategories === undefined) return {};
  return {
    preparation: {
      ...(imputation !== undefined ? { imputation } : {}),
      ...(scaling !== undefined ? { scaling } : {}),
      ...(maxCategories !== undefined ? { maxCategories } : {}),
    },
  };
}
