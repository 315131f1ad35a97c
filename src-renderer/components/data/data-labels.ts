import type { ColumnFlag, ColumnKind } from '../../../src-core/contract/dataset-types';
import type { EncodingChoice } from '../../../src-core/data/formats/decode-text';
import type { Imputation, Scaling } from '../../../src-core/data/preprocessing-types';
import type { Choice } from '../../format/option-labels';

/** Words for the data screen's identifiers. */
export const kindLabels: Readonly<Record<ColumnKind, string>> = {
  numeric: 'Numeric',
  categorical: 'Categorical',
  boolean: 'Yes/no',
  date: 'Date',
  text: 'Text',
};

export const flagLabels: Readonly<Record<ColumnFlag, string>> = {
  'id-like': 'Looks like an identifier (every value different)',
  constant: 'Constant (one value): carries no information',
  empty: 'Empty: no value at all',
  date: 'Dates are not used as numbers',
  'free-text': 'Free text: too many different values',
  'thousands-separators': 'Numbers written with thousands separators (1,000) are read as text: remove the separators in the file to use them as numbers',
  'non-finite': 'Holds NaN or infinite numbers, which training cannot use: empty those cells in the file (a missing value) or fix them to use this column',
};

export const imputationChoices: readonly Choice<Imputation>[] = [
  { value: 'mean', label: 'Fill with the mean', help: 'Missing numbers take the training mean; missing categories the most frequent one.' },
  { value: 'median', label: 'Fill with the median', help: 'Missing numbers take the training median (robust to outliers); missing categories the most frequent one.' },
  { value: 'drop-rows', label: 'Drop incomplete rows', help: 'Rows with any missing feature are left out of training and testing (predictions still fill with the mean).' },
];

export const scalingChoices: readonly Choice<Scaling>[] = [
  { value: 'standardize', label: 'Standardize (recommended)', help: 'Numeric columns get mean 0 and standard deviation 1 on the training rows.' },
  { value: 'min-max', label: 'Min-max to [0, 1]', help: 'Numeric columns are scaled so the training rows span 0 to 1.' },
  { value: 'none', label: 'None', help: 'Numbers are used as they are; fine when columns already share a scale.' },
];

export type TaskChoice = 'auto' | 'binary' | 'multiclass' | 'regression';
export const taskChoices: readonly Choice<TaskChoice>[] = [
  { value: 'auto', label: 'Automatic', help: 'Inferred from the target: text or few whole numbers are classes, other numbers regression.' },
  { value: 'binary', label: 'Binary classification', help: 'Exactly two classes.' },
  { value: 'multiclass', label: 'Multi-class classification', help: 'Three or more classes (one network per class, one-vs-rest).' },
  { value: 'regression', label: 'Regression', help: 'Predict a number.' },
];

export type ClassWeightMode = 'none' | 'balanced' | 'manual';
export const classWeightChoices: readonly Choice<ClassWeightMode>[] = [
  { value: 'none', label: 'Equal', help: 'Every row counts the same in the loss.' },
  { value: 'balanced', label: 'Balanced', help: 'Rare classes weigh more: weight = rows / (classes x rows of the class).' },
  { value: 'manual', label: 'Manual', help: 'Give each class its own positive weight.' },
];

export const formatChoices: readonly Choice<'auto' | 'csv' | 'tsv' | 'arff' | 'libsvm' | 'json' | 'xlsx'>[] = [
  { value: 'auto', label: 'Detect', help: 'From the file name, else from the content.' },
  { value: 'csv', label: 'CSV / delimited text', help: 'Comma, semicolon, tab or pipe separated values.' },
  { value: 'tsv', label: 'TSV', help: 'Tab separated values.' },
  { value: 'xlsx', label: 'Excel (XLSX)', help: 'A sheet of an Excel workbook.' },
  { value: 'arff', label: 'ARFF', help: "Weka's attribute-relation format." },
  { value: 'libsvm', label: 'LIBSVM / SVMlight', help: 'Sparse "label index:value" lines.' },
  { value: 'json', label: 'JSON records', help: 'An array of objects, one per row.' },
];

export const encodingChoices: readonly Choice<EncodingChoice>[] = [
  { value: 'auto', label: 'Detect', help: 'UTF-8 when valid (or as its byte-order mark says), else Latin-1.' },
  { value: 'utf-8', label: 'UTF-8', help: 'Unicode, the usual encoding today.' },
  { value: 'latin-1', label: 'Latin-1 (ISO-8859-1)', help: 'Older Western European files.' },
  { value: 'utf-16le', label: 'UTF-16 LE', help: 'Some Windows exports.' },
  { value: 'utf-16be', label: 'UTF-16 BE', help: 'Rare.' },
];

export const delimiterChoices: readonly Choice<'auto' | ',' | '\t' | ';' | '|'>[] = [
  { value: 'auto', label: 'Detect', help: 'The separator that splits the first lines evenly.' },
  { value: ',', label: 'Comma', help: 'a,b,c' },
  { value: ';', label: 'Semicolon', help: 'a;b;c (common with decimal commas)' },
  { value: '\t', label: 'Tab', help: 'Tab separated' },
  { value: '|', label: 'Pipe', help: 'a|b|c' },
];

export const decimalChoices: readonly Choice<'auto' | '.' | ','>[] = [
  { value: 'auto', label: 'Detect', help: 'A comma when numbers are written 3,5 in a file not separated by commas.' },
  { value: '.', label: 'Point (3.5)', help: 'Numbers are written 3.5.' },
  { value: ',', label: 'Comma (3,5)', help: 'Numbers are written 3,5.' },
];

export const headerChoices: readonly Choice<'auto' | 'yes' | 'no'>[] = [
  { value: 'auto', label: 'Detect', help: 'A first row of names unless it holds only numbers.' },
  { value: 'yes', label: 'First row has names', help: 'The first row holds the column names.' },
  { value: 'no', label: 'No names', help: 'Every row is data; columns are named column_1, column_2, ...' },
];
