import { ConvexNetError } from '../../errors';

/** One field of a protobuf message as read from the wire. */
export type ProtoField =
  | { readonly field: number; readonly wireType: 0; readonly value: bigint }
  | { readonly field: number; readonly wireType: 2; readonly value: Uint8Array }
  | { readonly field: number; readonly wireType: 1 | 5; readonly value: Uint8Array };

/**
 * The top-level fields of a protobuf message (wire types 0, 1, 2, 5; groups are refused), for
 * reading back our own ONNX files. Truncated or malformed input gives a ConvexNetError
 * (onnx/malformed) that names `fileName` when given, never an exception from out-of-range reads.
 */
export function readProtoFields(bytes: Uint8Array, fileName?: string): ProtoField[] {
  const fields: ProtoField[] = [];
  let offset = 0;
  const malformed = (why: string): ConvexNetError => unreadableOnnx(why, fileName);
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (offset >= bytes.length) throw malformed('a number runs past the end of the file');
      const byte = bytes[offset++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw malformed('a number is longer than 10 bytes');
  };
  const take = (length: number): Uint8Array => {
    if (length < 0 || offset + length > bytes.length) throw malformed('a field runs past the end of the file');
    const value = bytes.subarray(offset, offset + length);
    offset += length;
    return value;
  };
  while (offset < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (field === 0) throw malformed('a field number is 0');
    if (wireType === 0) fields.push({ field, wireType, value: varint() });
    else if (wireType === 2) fields.push({ field, wireType, value: take(Number(varint())) });
    else if (wireType === 1) fields.push({ field, wireType, value: take(8) });
    else if (wireType === 5) fields.push({ field, wireType, value: take(4) });
    else throw malformed(`unsupported wire type ${wireType}`);
  }
  return fields;
}

/** The error for bytes that are not an ONNX file we can read, naming the file when known. */
export function unreadableOnnx(why: string, fileName?: string): ConvexNetError {
  const subject = fileName === undefined ? 'This' : `"${fileName}"`;
  return new ConvexNetError(
    'onnx/malformed',
    `${subject} is not a readable ONNX file: ${why}. Use the model JSON that training saved, or an ONNX file ConvexNet Studio exported from it.`,
  );
}
