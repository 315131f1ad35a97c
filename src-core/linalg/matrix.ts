/**
 * Dense row-major float64 matrix: entry (i, j) lives at data[i * cols + j]. Hot loops index
 * `data` directly; these helpers are for setup code and tests.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix shape must be non-negative integers, got ${rows} x ${cols}`);
  }
  const storage = data ?? new Float64Array(rows * cols);
  if (storage.length !== rows * cols) {
    throw new RangeError(`matrix data has ${storage.length} entries, expected ${rows} x ${cols} = ${rows * cols}`);
  }
  return { rows, cols, data: storage };
}

export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const m = createMatrix(r, c);
  for (let i = 0; i < r; i++) {
    const row = rows[i]!;
    if (row.length !== c) throw new RangeError(`row ${i} has ${row.length} entries, expected ${c}`);
    for (let j = 0; j < c; j++) m.data[i * c + j] = row[j]!;
  }
  return m;
}

export function matrixToRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function getEntry(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j]!;
}

export function rowView(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function cloneMatrix(m: Matrix): Matrix {
  return createMatrix(m.rows, m.cols, Float64Array.from(m.data));
}

export function transpose(m: Matrix): Matrix {
  const t = createMatrix(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j]!;
  return t;
}

/** X with a constant-1 column appended (first-layer bias as an ordinary, regularized weight). */
export function appendOnesColumn(x: Matrix): Matrix {
  const d = x.cols + 1;
  const out = createMatrix(x.rows, d);
  for (let i = 0; i < x.rows; i++) {
    out.data.set(x.data.subarray(i * x.cols, (i + 1) * x.cols), i * d);
    out.data[i * d + x.cols] = 1;
  }
  return out;
}

/** At most `limit` of the indices 0..n-1, evenly spaced and in order (all of them when n <= limit): floor(t n / limit). */
export function evenlySpacedIndices(n: number, limit: number): number[] {
  if (n <= limit) return Array.from({ length: n }, (_, k) => k);
  return Array.from({ length: limit }, (_, t) => Math.floor((t * n) / limit));
}

/** Rows of m picked by index, in the given order. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, m.cols);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), r * m.cols);
  }
  return out;
}
