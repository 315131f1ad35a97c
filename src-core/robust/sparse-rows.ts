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

/**
 * Appends rows one at a time (duplicate columns within a row are summed by the products). The
 * entries go into typed arrays grown by half again when full, and build() hands over exact-length
 * copies: 12 bytes an entry (Int32 column, Float64 value) where plain arrays held 16 and their
 * growth slack, then a typed copy beside them.
 */
export class SparseRowsBuilder {
  private readonly cols: number;
  private starts = new Int32Array(64);
  private rowsSoFar = 0;
  private columnList = new Int32Array(256);
  private valueList = new Float64Array(256);
  private entries = 0;

  constructor(cols: number) {
    this.cols = cols;
  }

  get rowCount(): number {
    return this.rowsSoFar;
  }

  /** Adds one entry to the row being built. Zero values are skipped. */
  add(column: number, value: number): void {
    if (value === 0) return;
    if (this.entries === this.columnList.length) {
      const capacity = Math.ceil(this.entries * 1.5);
      this.columnList = grown(this.columnList, capacity, this.entries);
      this.valueList = grown(this.valueList, capacity, this.entries);
    }
    this.columnList[this.entries] = column;
    this.valueList[this.entries] = value;
    this.entries++;
  }

  /** Closes the current row and returns its index. */
  endRow(): number {
    if (this.rowsSoFar + 1 === this.starts.length) this.starts = grown(this.starts, Math.ceil(this.starts.length * 1.5), this.starts.length);
    this.starts[++this.rowsSoFar] = this.entries;
    return this.rowsSoFar - 1;
  }

  build(): SparseRows {
    return {
      rows: this.rowsSoFar,
      cols: this.cols,
      rowStart: this.starts.slice(0, this.rowsSoFar + 1),
      columns: this.columnList.slice(0, this.entries),
      values: this.valueList.slice(0, this.entries),
    };
  }
}

/** A copy of the first `used` entries of `array` in a new array of `capacity`. */
function grown<T extends Int32Array | Float64Array>(array: T, capacity: number, used: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array.subarray(0, used));
  return next;
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
