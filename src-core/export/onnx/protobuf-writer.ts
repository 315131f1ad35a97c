/**
 * A minimal protocol-buffers encoder (proto2/proto3 wire format), enough for the ONNX messages
 * we write. Wire types: 0 = varint, 2 = length-delimited (strings, bytes, nested messages,
 * packed repeated scalars). A field key is (field_number << 3) | wire_type, as a varint.
 * Reference: https://protobuf.dev/programming-guides/encoding/ (documentation only; nothing is fetched).
 */
export const WIRE_VARINT = 0;
export const WIRE_LENGTH_DELIMITED = 2;

const utf8 = new TextEncoder();

export class ProtoWriter {
  private bytes = new Uint8Array(256);
  private length = 0;

  /** Field key of a field number and wire type. */
  key(field: number, wireType: number): this {
    return this.rawVarint(BigInt((field << 3) | wireType));
  }

  /**
   * A varint field (int32, int64, enum, bool). Negative values are written as their 64-bit two's
   * complement (10 bytes), as protobuf does for int64 and int32.
   */
  varint(field: number, value: number | bigint): this {
    this.key(field, WIRE_VARINT);
    return this.rawVarint(BigInt.asUintN(64, BigInt(value)));
  }

  string(field: number, value: string): this {
    return this.bytesField(field, utf8.encode(value));
  }

  bytesField(field: number, value: Uint8Array): this {
    this.key(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(BigInt(value.length));
    return this.append(value);
  }

  /** Bytes appended as they are (the value of a fixed-width field whose key was just written). */
  bytesFieldRaw(value: Uint8Array): this {
    return this.append(value);
  }

  /** A nested message, written by `write` into its own writer first (its length comes before it). */
  message(field: number, write: (writer: ProtoWriter) => void): this {
    const nested = new ProtoWriter();
    write(nested);
    return this.bytesField(field, nested.finish());
  }

  /** A packed repeated int64 field (one length-delimited run of varints). */
  packedInt64(field: number, values: readonly (number | bigint)[]): this {
    const nested = new ProtoWriter();
    for (const value of values) nested.rawVarint(BigInt.asUintN(64, BigInt(value)));
    return this.bytesField(field, nested.finish());
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  private rawVarint(value: bigint): this {
    // 7 bits per byte, least significant group first; the high bit marks "more bytes follow".
    let rest = value;
    do {
      let byte = Number(rest & 0x7fn);
      rest >>= 7n;
      if (rest !== 0n) byte |= 0x80;
      this.ensure(1);
      this.bytes[this.length++] = byte;
    } while (rest !== 0n);
    return this;
  }

  private append(value: Uint8Array): this {
    this.ensure(value.length);
    this.bytes.set(value, this.length);
    this.length += value.length;
    return this;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}
