import Papa from 'papaparse';
import type { ModelPredictions } from './predict-raw';

/**
 * Predictions as CSV text: column `prediction` (the class name, or the value for regression),
 * then for classification one column `probability_<class>` per class. Numbers are written with
 * full precision (they read back to the same float64). Rows end with \n.
 */
export function predictionsToCsv(predictions: ModelPredictions): string {
  const { classNames, labels, probabilities, values } = predictions;
  const header = ['prediction', ...(labels ? classNames.map((name) => `probability_${name}`) : [])];
  const rows: string[][] = [];
  if (labels && probabilities) {
    const K = classNames.length;
    for (let k = 0; k < labels.length; k++) {
      const row = [classNames[labels[k]!]!];
      for (let c = 0; c < K; c++) row.push(String(probabilities[k * K + c]!));
      rows.push(row);
    }
  } else if (values) {
    for (let k = 0; k < values.length; k++) rows.push([String(values[k]!)]);
  }
  return `${Papa.unparse({ fields: header, data: rows }, { newline: '\n' })}\n`;
}
