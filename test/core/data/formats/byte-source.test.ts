import { describe, expect, it } from 'vitest';
import { asByteSource, bytesSource, chunksSource } from '../../../../src-core/data/formats/byte-source';

const bytes = Uint8Array.from({ length: 23 }, (_, i) => (i * 37) % 251);

describe('byte sources', () => {
  it('read a range of bytes in memory as a view, cut at the end', () => {
    const source = bytesSource(bytes);
    expect(source.length).toBe(23);
    expect(Array.from(source.read(3, 4))).toEqual(Array.from(bytes.subarray(3, 7)));
    expect(source.read(20, 10).length).toBe(3);
    expect(source.read(30, 5).length).toBe(0);
    expect(source.read(3, 4).buffer).toBe(bytes.buffer);
    expect(asByteSource(bytes).length).toBe(23);
    expect(asByteSource(source)).toBe(source);
  });

  it('read an upload\'s pieces as the joined file, within a piece and across several', () => {
    for (const sizes of [[23], [1, 22], [5, 5, 5, 8], [0, 7, 0, 16], Array.from({ length: 23 }, () => 1)]) {
      const pieces: Uint8Array[] = [];
      let at = 0;
      for (const size of sizes) {
        pieces.push(bytes.slice(at, at + size));
        at += size;
      }
      const source = chunksSource(pieces);
      expect(source.length).toBe(23);
      for (let offset = 0; offset <= 24; offset++) {
        for (const count of [0, 1, 2, 6, 23]) {
          expect(Array.from(source.read(offset, count)), `${sizes.join('+')}: ${count} from ${offset}`).toEqual(Array.from(bytes.subarray(offset, offset + count)));
        }
      }
    }
    expect(chunksSource([]).length).toBe(0);
    expect(chunksSource([]).read(0, 10).length).toBe(0);
  });
});
