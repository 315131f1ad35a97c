/**
 * The Encoding API (TextEncoder, TextDecoder) as the core uses it. Every runtime the core runs in
 * has it (Node, its worker threads, browsers), but only the DOM and Node type libraries declare
 * it, and the core's type-check project takes neither: declaring it here keeps every other DOM
 * and Node global out of the core. Only the core project includes this file.
 */

interface TextDecoderOptions {
  readonly fatal?: boolean;
  readonly ignoreBOM?: boolean;
}

interface TextDecodeOptions {
  readonly stream?: boolean;
}

declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string;
}

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
