/**
 * Compressed sparse rows: row r holds values[rowStart[r] .. rowStart[r + 1]) at columns
 * columns[...]. Built once per program; the PDHG loop only multiplies.
 */
export interface SparseRows {
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/** Appends rows one at a time (duplicate columns within a row are summed by the products). */
export class SparseRowsBuilder {
  private readonly cols: number;
  private readonly starts: number[] = [0];
  private readonly columnList: number[] = [];
  private readonly valueList: number[] = [];

  constructor(cols: number) {
    this.cols = cols;
  }

  get rowCount(): number {
    return this.starts.length - 1;
  }

  /** Adds one entry to the row being built. Zero values are skipped. */
  add(column: number, value: number): void {
    if (value === 0) return;
    this.columnList.push(column);
    this.valueList.push(value);
  }

  /** Closes the current row and returns its index. */
  endRow(): number {
    this.starts.push(this.columnList.length);
    return this.starts.length - 2;
  }

  build(): SparseRows {
    return {
      rows: this.starts.length - 1,
      cols: this.cols,
      rowStart: Int32Array.from(this.starts),
      columns: Int32Array.from(this.columnList),
      values: Float64Array.from(this.valueList),
    };
  }
}

/** out = A x. */
export function multiplySparse(a: SparseRows, x: Float64Array, out: Float64Array): Float64Array {
  const { rowStart, columns, values } = a;
  for (let r = 0; r < a.rows; r++) {
    let s = 0;
    for (let p = rowStart[r]!; p < rowStart[r + 1]!; p++) s += values[p]! * x[columns[p]!]!;
    out[r] = s;
  }
  return out;
}

/** The transpose, as compressed rows again (so A^T y is a row-wise product too). */
export function transposeSparse(a: SparseRows): SparseRows {
  const counts = new Int32Array(a.cols + 1);
  for (let p = 0; p < a.columns.length; p++) counts[a.columns[p]! + 1]!++;
  for (let c = 0; c < a.cols; c++) counts[c + 1]! += counts[c]!;
  const rowStart = Int32Array.from(counts);
  const fill = Int32Array.from(counts);
  const columns = new Int32Array(a.columns.length);
  const values = new Float64Array(a.values.length);
  for (let r = 0; r < a.rows; r++) {
    for (let p = a.rowStart[r]!; p < a.rowStart[r + 1]!; p++) {
      const c = a.columns[p]!;
      const q = fill[c]!++;
      columns[q] = r;
      values[q] = a.values[p]!;
    }
  }
  return { rows: a.cols, cols: a.rows, rowStart, columns, values };
}

/** sum_c |A_rc| for every row r. */
export function absoluteRowSums(a: SparseRows): Float64Array {
  const out = new Float64Array(a.rows);
  for (let r = 0; r < a.rows; r++) {
    let s = 0;
    for (let p = a.rowStart[r]!; p < a.rowStart[r + 1]!; p++) s += Math.abs(a.values[p]!);
    out[r] = s;
  }
  return out;
}
