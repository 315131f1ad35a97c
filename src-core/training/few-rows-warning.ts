import { formatCount } from '../text/count-text';

/**
 * A warning before training on fewer training rows than the model has inputs (columns of X, the
 * bias included): a two-layer ReLU network can then reproduce every training target, the
 * certified optimum is close to the regularization alone (one row of regression data was
 * 'solved' at gap 0 by the empty network), and neither the training score nor a test score of a
 * few rows says how it will do on new data. Null when there are enough rows.
 */
export function fewRowsWarning(trainRows: number, columns: number): string | null {
  if (trainRows > columns) return null;
  const rows = trainRows === 1 ? 'Only 1 training row' : `Only ${formatCount(trainRows)} training rows`;
  return `${rows} for ${formatCount(columns)} inputs (the bias included): the network can fit every training target, so its scores say little about new data. Add rows, or use fewer columns.`;
}
