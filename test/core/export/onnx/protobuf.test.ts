import { describe, expect, it } from 'vitest';
import { readProtoFields } from '../../../../src-core/export/onnx/protobuf-reader';
import { ProtoWriter } from '../../../../src-core/export/onnx/protobuf-writer';

describe('protobuf wire format', () => {
  it('encodes varints as the protobuf documentation examples (150 -> 96 01), negatives as 10-byte two\'s complement', () => {
    expect(Array.from(new ProtoWriter().varint(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(new ProtoWriter().varint(1, 1).finish())).toEqual([0x08, 0x01]);
    expect(Array.from(new ProtoWriter().varint(1, -1).finish())).toEqual([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    // Field 2, length-delimited "testing" (the documentation's string example).
    expect(Array.from(new ProtoWriter().string(2, 'testing').finish())).toEqual([0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67]);
  });

  it('reads back what it writes, nested messages and packed int64 included, across buffer growth', () => {
    const long = 'x'.repeat(1000);
    const bytes = new ProtoWriter()
      .varint(1, 7)
      .message(14, (m) => m.string(1, 'key').string(2, long))
      .packedInt64(8, [3, -1, 2 ** 40])
      .finish();
    const fields = readProtoFields(bytes);
    expect(fields.map((f) => [f.field, f.wireType])).toEqual([
      [1, 0],
      [14, 2],
      [8, 2],
    ]);
    expect(fields[0]!.value).toBe(7n);
    const entry = readProtoFields(fields[1]!.value as Uint8Array);
    expect(new TextDecoder().decode(entry[1]!.value as Uint8Array)).toBe(long);
  });

  it('refuses truncated input with a clear error instead of reading past the end', () => {
    const bytes = new ProtoWriter().string(2, 'testing').finish();
    expect(() => readProtoFields(bytes.subarray(0, 5))).toThrow(/not a readable ONNX file: a field runs past the end/);
    expect(() => readProtoFields(Uint8Array.of(0x08, 0xff))).toThrow(/runs past the end/);
    expect(() => readProtoFields(Uint8Array.of(0x0b))).toThrow(/unsupported wire type 3/);
  });
});
