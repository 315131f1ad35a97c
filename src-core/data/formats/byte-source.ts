/**
 * A data file's bytes, read a range at a time: a file the main process reads piece by piece (so
 * its whole content never sits in memory beside the table being built), or bytes already in
 * memory (an upload). Ranges past the end are cut at the end.
 */
export interface ByteSource {
  readonly length: number;
  /** Bytes offset .. offset + length - 1 (fewer at the end); valid until the next read. */
  read(offset: number, length: number): Uint8Array;
}

/** Bytes in memory as a source (reads are views, nothing is copied). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { length: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

/** The source itself, or bytes wrapped as one. */
export function asByteSource(input: Uint8Array | ByteSource): ByteSource {
  return input instanceof Uint8Array ? bytesSource(input) : input;
}

/**
 * Pieces of one file (an upload's chunks, in order) as a source, without joining them into one
 * array: a range inside a piece is a view of it, a range across pieces a copy of just that range.
 */
export function chunksSource(chunks: readonly Uint8Array[]): ByteSource {
  const starts: number[] = [];
  let length = 0;
  for (const chunk of chunks) {
    starts.push(length);
    length += chunk.length;
  }
  /** The last chunk starting at or before `offset` (binary search). */
  const chunkAt = (offset: number): number => {
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    length,
    read: (offset, count) => {
      const end = Math.min(length, offset + count);
      if (offset >= end) return new Uint8Array(0);
      let c = chunkAt(offset);
      const inFirst = offset - starts[c]!;
      if (end <= starts[c]! + chunks[c]!.length) return chunks[c]!.subarray(inFirst, inFirst + end - offset);
      const out = new Uint8Array(end - offset);
      let filled = 0;
      let from = inFirst;
      while (filled < out.length) {
        const part = chunks[c]!.subarray(from, Math.min(chunks[c]!.length, from + out.length - filled));
        out.set(part, filled);
        filled += part.length;
        c++;
        from = 0;
      }
      return out;
    },
  };
}
