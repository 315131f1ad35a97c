import type { OpenDialogOptions } from 'electron';

/** The native File > Open Dataset dialog: one data file of any supported format. */
export const OPEN_DATASET_DIALOG: OpenDialogOptions = {
  title: 'Open Dataset',
  buttonLabel: 'Open',
  properties: ['openFile'],
  filters: [
    { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'tab', 'data', 'xlsx', 'arff', 'libsvm', 'svm', 'svmlight', 'json'] },
    { name: 'Delimited text (CSV, TSV)', extensions: ['csv', 'tsv', 'txt', 'tab'] },
    { name: 'Excel workbook (XLSX)', extensions: ['xlsx'] },
    { name: 'ARFF, LIBSVM, JSON', extensions: ['arff', 'libsvm', 'svm', 'svmlight', 'json'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

/** The chosen path, or null when the dialog was cancelled. */
export function chosenPath(result: { readonly canceled: boolean; readonly filePaths: readonly string[] }): string | null {
  if (result.canceled) return null;
  const [first] = result.filePaths;
  return first === undefined || first === '' ? null : first;
}
