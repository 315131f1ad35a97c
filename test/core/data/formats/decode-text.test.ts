import { describe, expect, it } from 'vitest';
import type { EncodingChoice } from '../../../../src-core/data/formats/decode-text';
import { chunksSource, type ByteSource } from '../../../../src-core/data/formats/byte-source';
import { decodeText, decodeTextChunks } from '../../../../src-core/data/formats/decode-text';
import { expectConvexNetError } from '../expect-error';
import { fixtureBytes } from '../fixture-files';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('reads UTF-8, dropping a byte-order mark', () => {
    expect(decodeText(fixtureBytes('utf8-bom.csv'))).toEqual({ text: 'name,size,kind\nÅsa,1.5,a\nJosé,2.5,b\n東京,3.5,a\n', encoding: 'utf-8' });
  });

  it('falls back to Latin-1 when the bytes are not valid UTF-8', () => {
    const { text, encoding } = decodeText(fixtureBytes('latin1.csv'));
    expect(encoding).toBe('latin-1');
    expect(text).toContain('Saint-Étienne');
    expect(text).toContain('région');
  });

  it('follows a UTF-16 byte-order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, ...[...'a,b\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeText(le)).toEqual({ text: 'a,b\n', encoding: 'utf-16le' });
  });

  it('honours a forced encoding, and says when it does not fit', () => {
    expect(decodeText(utf8('é'), 'latin-1').text).toBe('Ã©');
    expect(expectConvexNetError(() => decodeText(fixtureBytes('latin1.csv'), 'utf-8', 'latin1.csv'), 'data/bad-encoding')).toMatch(/latin1\.csv is not valid UTF-8/);
  });

  it('refuses binary data (NUL bytes or many control bytes), naming the file', () => {
    expect(expectConvexNetError(() => decodeText(new Uint8Array([0x50, 0x4b, 0, 1]), 'auto', 'x.bin'), 'data/binary-file')).toMatch(/^x\.bin holds binary data/);
    const noisy = Uint8Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 7 : 65));
    expectConvexNetError(() => decodeText(noisy), 'data/binary-file');
  });
});

/** decodeTextChunks with small pieces, joined; or the error code it throws. */
function chunked(bytes: Uint8Array | ByteSource, encoding: EncodingChoice, chunkBytes: number): { text: string; encoding: string } | string {
  try {
    const chunks = decodeTextChunks(bytes, encoding, 'f.csv', chunkBytes);
    const parts: string[] = [];
    for (let piece = chunks.next(); piece !== null; piece = chunks.next()) parts.push(piece);
    expect(chunks.progress).toBe(1);
    return { text: parts.join(''), encoding: chunks.encoding };
  } catch (error) {
    return (error as { code: string }).code;
  }
}

function whole(bytes: Uint8Array, encoding: EncodingChoice): { text: string; encoding: string } | string {
  try {
    return decodeText(bytes, encoding, 'f.csv');
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('decodeTextChunks', () => {
  it('gives the text of decodeText in pieces, multi-byte characters cut anywhere, with the same detection and errors', () => {
    const samples = [
      fixtureBytes('utf8-bom.csv'),
      fixtureBytes('latin1.csv'),
      utf8('a,b\n東京,😀\nÅsa,é\n'),
      Uint8Array.from([0xfe, 0xff, 0, 0x61, 0, 0x2c, 0, 0x62]),
      Uint8Array.from([0x61, 0x2c, 0x62, 0x0a, 0xe9, 0x0a]),
      new Uint8Array([0x50, 0x4b, 0, 1]),
    ];
    for (const bytes of samples) {
      for (const encoding of ['auto', 'utf-8', 'latin-1'] as const) {
        const expected = whole(bytes, encoding);
        for (const chunkBytes of [1, 2, 3, 5, 64]) expect(chunked(bytes, encoding, chunkBytes), `${encoding}, ${chunkBytes}-byte pieces`).toEqual(expected);
        // The same from a source read a range at a time (a file, an upload's pieces), whatever
        // the pieces' sizes against the decoder's.
        for (const pieceBytes of [1, 3, 7]) {
          const pieces = Array.from({ length: Math.ceil(bytes.length / pieceBytes) }, (_, i) => bytes.slice(i * pieceBytes, (i + 1) * pieceBytes));
          for (const chunkBytes of [2, 5, 64]) expect(chunked(chunksSource(pieces), encoding, chunkBytes), `${encoding}, ${pieceBytes}-byte upload pieces, ${chunkBytes}-byte reads`).toEqual(expected);
        }
      }
    }
  });
});
