/** Small vector helpers on Float64Array; hot loops inline their own arithmetic. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, length = a.length, offsetA = 0, offsetB = 0): number {
  let s = 0;
  for (let i = 0; i < length; i++) s += a[offsetA + i]! * b[offsetB + i]!;
  return s;
}

export function norm2(a: ArrayLike<number>, length = a.length, offset = 0): number {
  let s = 0;
  for (let i = 0; i < length; i++) {
    const v = a[offset + i]!;
    s += v * v;
  }
  return Math.sqrt(s);
}

export function squaredNorm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return s;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    if (v > m) m = v;
  }
  return m;
}

export function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}
