import { ConvexNetError } from '../errors';
import { decodeBase64, encodeBase64 } from '../text/base64';
import type { ModelTrainingData, TrainRowBitmap } from './model-file-types';

/** Bits set in each byte value. */
const BITS_SET = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let v = b; v > 0; v >>= 1) n += v & 1;
  return n;
});

/**
 * The training rows of a split (table row indices, in any order) as a model file stores them:
 * a bitmap over the table's `rowCount` data rows (the format is described on TrainRowBitmap).
 * A bitmap holds a row at most once and no row past the table, so such a row is refused here.
 */
export function encodeTrainRows(rows: ArrayLike<number>, rowCount: number): TrainRowBitmap {
  const mask = new Uint8Array(Math.ceil(rowCount / 8));
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    if (!Number.isInteger(row) || row < 0 || row >= rowCount) {
      throw new ConvexNetError('model-file/invalid-field', `Training row ${row} is not a data row of a table with ${rowCount} rows (0 to ${rowCount - 1}).`);
    }
    const bit = 1 << (row & 7);
    if ((mask[row >> 3]! & bit) !== 0) throw new ConvexNetError('model-file/invalid-field', `Training row ${row} is listed twice.`);
    mask[row >> 3]! |= bit;
  }
  return { count: rows.length, bitmap: encodeBase64(mask) };
}

/**
 * The bytes of a stored bitmap of `rowCount` rows, checked: valid base64, exactly one bit per
 * row, no bit set past the last row, as many bits set as `count` says. A problem throws a
 * ConvexNetError whose message starts with `subject` (e.g. 'The model file "m.json"') and says
 * what is wrong and what to do.
 */
export function checkedTrainRowMask(stored: TrainRowBitmap, rowCount: number, subject: string): Uint8Array {
  const damaged = (code: string, problem: string) =>
    new ConvexNetError(code, `${subject} is damaged: its "trainingData.trainRows" ${problem}. Use an undamaged copy of the file, or train the model again.`);
  const decoded = decodeBase64(stored.bitmap);
  if ('problem' in decoded) throw damaged('model-file/invalid-field', `bitmap is not valid base64: ${decoded.problem}`);
  const mask = decoded.bytes;
  const expected = Math.ceil(rowCount / 8);
  if (mask.length !== expected) {
    throw damaged('model-file/invalid-field', `bitmap holds ${mask.length} bytes, but the ${rowCount} data rows of its training file need ${expected} (one bit per row)`);
  }
  const used = rowCount % 8;
  const last = mask[expected - 1] ?? 0;
  if (used !== 0 && last >> used !== 0) {
    let bit = used;
    while (((last >> bit) & 1) === 0) bit++;
    throw damaged('model-file/invalid-field', `bitmap marks row ${8 * (expected - 1) + bit} as a training row, but its training file has ${rowCount} data rows (0 to ${rowCount - 1})`);
  }
  let set = 0;
  for (let k = 0; k < mask.length; k++) set += BITS_SET[mask[k]!]!;
  if (set !== stored.count) throw damaged('model-file/inconsistent', `bitmap marks ${set} training rows, but its "count" says ${stored.count}`);
  return mask;
}

/** The model's training-row bitmap as bytes, for isTrainRow (checked as on reading a file). */
export function trainRowMask(data: ModelTrainingData): Uint8Array {
  return checkedTrainRowMask(data.trainRows, data.rows, 'The model');
}

/** Whether table row `row` is set in a mask of trainRowMask (rows past the mask are not). */
export function isTrainRow(mask: Uint8Array, row: number): boolean {
  return ((mask[row >> 3] ?? 0) & (1 << (row & 7))) !== 0;
}

/** The model's training rows: 0-based data-row indices of its training file, ascending. */
export function trainRowIndices(data: ModelTrainingData): number[] {
  const mask = trainRowMask(data);
  const rows: number[] = [];
  for (let row = 0; row < data.rows; row++) if (isTrainRow(mask, row)) rows.push(row);
  return rows;
}
