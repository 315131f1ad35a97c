import { csvText } from '../text/csv-writer';
import type { CsvCell } from '../text/csv-writer';
import type { ModelPredictions } from './predict-raw';

/**
 * Predictions as CSV text: column `prediction` (the class name, or the value for regression),
 * then for classification one column `probability_<class>` per class. Numbers are written with
 * full precision (they read back to the same float64); class names that a spreadsheet would run
 * as formulas are neutralized (`csvCell`). Rows end with \n. `rowLimit`: only the first rows (a
 * preview; a class name may hold a line break, so the file's first lines are not its first rows).
 */
export function predictionsToCsv(predictions: ModelPredictions, rowLimit: number = Infinity): string {
  const { classNames, labels, probabilities, values } = predictions;
  const header = ['prediction', ...(labels ? classNames.map((name) => `probability_${name}`) : [])];
  const rows: CsvCell[][] = [header];
  if (labels && probabilities) {
    const K = classNames.length;
    for (let k = 0; k < Math.min(labels.length, rowLimit); k++) {
      const row: CsvCell[] = [classNames[labels[k]!]!];
      for (let c = 0; c < K; c++) row.push(probabilities[k * K + c]!);
      rows.push(row);
    }
  } else if (values) {
    for (let k = 0; k < Math.min(values.length, rowLimit); k++) rows.push([values[k]!]);
  }
  return csvText(rows);
}
