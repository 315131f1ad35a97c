/**
 * Whether a payload's JSON size exceeds `limit` bytes, measured approximately (escapes and
 * multi-byte characters aside) and WITHOUT serializing it: the walk stops as soon as the limit
 * is passed, so a huge or cyclic payload costs at most O(limit) work (every visit adds at least
 * one byte, so a cycle runs past the limit and is reported as too large). Iterative, so deep
 * nesting cannot overflow the stack.
 */
export function exceedsJsonSize(payload: unknown, limit: number): boolean {
  let total = 0;
  const stack: unknown[] = [payload];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'string') total += value.length + 2;
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') total += String(value).length;
    else if (value === null) total += 4;
    else if (value === undefined) continue;
    else if (ArrayBuffer.isView(value)) total += value.byteLength + 2;
    else if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) total += value.byteLength + 2;
    else if (Array.isArray(value)) {
      total += 2 + value.length;
      if (total > limit) return true;
      for (const item of value) stack.push(item);
    } else if (typeof value === 'object') {
      total += 2;
      // for...in stops early; Object.entries would first copy every key of a huge object.
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        total += key.length + 4;
        if (total > limit) return true;
        stack.push((value as Record<string, unknown>)[key]);
      }
    } else total += 1;
    if (total > limit) return true;
  }
  return false;
}
