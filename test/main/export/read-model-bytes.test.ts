import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../src-core/errors';
import { exportOnnx } from '../../../src-core/export/onnx/export-onnx';
import { readModelBytes } from '../../../src-main/export/read-model-bytes';
import { expectConvexNetError } from '../../core/data/expect-error';
import { trainedCase } from '../../core/export/trained-models';
import { Prng } from '../../../src-core/random/prng';

const { model } = trainedCase('multiclass');
const onnx = exportOnnx(model, { appVersion: 'test' });
const json = new TextEncoder().encode(`${JSON.stringify(model)}\n`);

describe('readModelBytes', () => {
  it('reads back what the export writes, ONNX and JSON, whatever the file is called', () => {
    for (const name of ['m.onnx', 'm.json', 'm.model']) {
      expect(readModelBytes(onnx, name)).toEqual({ model, fromFormat: 'onnx' });
      expect(readModelBytes(json, name)).toEqual({ model, fromFormat: 'json' });
    }
  });

  it('says that an empty file is empty, whatever its name', () => {
    for (const name of ['model.onnx', 'model.json', 'model']) {
      expect(expectConvexNetError(() => readModelBytes(new Uint8Array(0), name), 'model-file/empty')).toBe(
        `"${name}" is empty (0 bytes): it holds no model. Save or export the model again, and check that the copy finished.`,
      );
      expect(expectConvexNetError(() => readModelBytes(new TextEncoder().encode('\ufeff \r\n\t'), name), 'model-file/empty')).toMatch(/is empty \(only white space\)/);
    }
  });

  it('refuses every truncation and random damage of a model file with a ConvexNetError, never a crash', () => {
    const prng = new Prng(5);
    const damaged: Uint8Array[] = [];
    for (let k = 1; k < onnx.length; k += 97) damaged.push(onnx.subarray(0, k));
    for (let k = 1; k < json.length; k += 97) damaged.push(json.subarray(0, k));
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from(i % 2 === 0 ? onnx : json);
      for (let j = 0; j < 3; j++) bytes[Math.floor(prng.nextFloat() * bytes.length)] = Math.floor(prng.nextFloat() * 256);
      damaged.push(bytes);
    }
    let refused = 0;
    for (const bytes of damaged) {
      try {
        readModelBytes(bytes, 'damaged.onnx');
      } catch (error) {
        // Never a TypeError or RangeError from reading past an end: a message for the user.
        expect(error).toBeInstanceOf(ConvexNetError);
        expect((error as Error).message).toMatch(/model|ONNX/);
        refused++;
      }
    }
    // A flipped byte inside a number of the embedded JSON may still read as a model; the rest are refused.
    expect(refused).toBeGreaterThan(damaged.length * 0.8);
  });
});
