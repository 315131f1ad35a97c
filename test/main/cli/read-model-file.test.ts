import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tableRows } from '../../../src-core/data/raw-table';
import { exportOnnx } from '../../../src-core/export/onnx/export-onnx';
import { readModelFile } from '../../../src-main/cli/read-model-file';
import { expectConvexNetError } from '../../core/data/expect-error';
import { cachedCase } from '../workspace/workspace-fixtures';
import { runInProcess, tempDir } from './cli-helpers';

const temp = tempDir();
afterAll(() => temp.remove());

const trained = cachedCase('multiclass');
const jsonPath = temp.file('iris-model.json', `${JSON.stringify(trained.model)}\n`);
const onnxPath = temp.file('iris-model.onnx');
writeFileSync(onnxPath, exportOnnx(trained.model, { appVersion: 'test' }));
const dataPath = temp.file('iris.csv', [trained.table.columns.join(','), ...tableRows(trained.table).map((r) => r.join(','))].join('\n'));

describe('readModelFile', () => {
  it('reads model JSON and the ONNX files our export writes, as the app imports them', () => {
    expect(readModelFile(jsonPath)).toEqual(trained.model);
    expect(readModelFile(onnxPath)).toEqual(trained.model);
    // Named without the .onnx extension: recognized by its content.
    expect(readModelFile(copyOf(onnxPath, 'renamed.model'))).toEqual(trained.model);
    // Model JSON saved under a .onnx name (with a byte-order mark too): its content decides.
    expect(readModelFile(copyOf(jsonPath, 'saved-as.onnx'))).toEqual(trained.model);
    expect(readModelFile(temp.file('bom.onnx', `\ufeff  ${JSON.stringify(trained.model)}`))).toEqual(trained.model);
  });

  it('refuses a binary file that is not our ONNX as a model file, not as a CSV', () => {
    const xlsx = temp.file('book.xlsx');
    writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x01]));
    const message = expectConvexNetError(() => readModelFile(xlsx), 'model-file/not-a-model');
    expect(message).toMatch(/"[^"]*book\.xlsx" is not a ConvexNet model file: it is a binary file, and not an ONNX file exported by ConvexNet Studio/);
    expect(message).not.toMatch(/CSV/);
  });

  it('names a file called .onnx that is not ONNX, on the command line too', async () => {
    const junk = temp.file('junk.onnx', 'prediction,probability\n1,0.5\n');
    expect(expectConvexNetError(() => readModelFile(junk), 'onnx/malformed')).toMatch(/^"[^"]*junk\.onnx" is not a readable ONNX file: .*Use the model JSON/);
    const run = await runInProcess(['predict', junk, dataPath]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`"${junk}" is not a readable ONNX file`);
  });

  it('names the file when its JSON is not a model', () => {
    const other = temp.file('package.json', '{"name":"x"}');
    expect(expectConvexNetError(() => readModelFile(other), 'model-file/not-a-model')).toMatch(/"[^"]*package\.json" is not a ConvexNet model file: it has no "format" field/);
  });
});

describe('commands given an ONNX model file', () => {
  it('predict, attack and export accept the ONNX file export wrote, with the JSON model\'s results', async () => {
    const fromJson = await runInProcess(['predict', jsonPath, dataPath]);
    const fromOnnx = await runInProcess(['predict', onnxPath, dataPath]);
    expect(fromOnnx.code, fromOnnx.stderr).toBe(0);
    expect(fromOnnx.stdout).toBe(fromJson.stdout);
    const attack = await runInProcess(['attack', onnxPath, dataPath, '--epsilon', '0.1', '--attack', 'fgsm']);
    expect(attack.code, attack.stderr).toBe(0);
    expect(attack.stdout).toBe((await runInProcess(['attack', jsonPath, dataPath, '--epsilon', '0.1', '--attack', 'fgsm'])).stdout);
    const json = temp.file('back.json');
    expect((await runInProcess(['export', onnxPath, '--format', 'json', '--out', json])).code).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(trained.model);
  });
});

function copyOf(path: string, name: string): string {
  const copy = temp.file(name);
  writeFileSync(copy, readFileSync(path));
  return copy;
}
