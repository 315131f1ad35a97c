import { readDataFile } from '../../datasets/read-data-file';
import { basename } from 'node:path';
import type { RunDataInfo } from '../../../src-core/contract/run-history';
import { prepareLabeledRows } from '../../../src-core/data/preprocessing';
import type { RawTable } from '../../../src-core/data/raw-table';
import { renderHtmlReport } from '../../../src-core/export/html/html-report';
import { exportOnnx } from '../../../src-core/export/onnx/export-onnx';
import type { ModelFile } from '../../../src-core/model/model-file';
import { predictRaw } from '../../../src-core/model/model-file';
import { filledInputNotes } from '../../../src-core/model/filled-inputs';
import { predictionsToCsv } from '../../../src-core/model/predictions-csv';
import { evaluatePredictions } from '../../../src-core/training/evaluate';
import type { MetricsReport } from '../../../src-core/training/evaluate';
import { predictWithHeads } from '../../../src-core/training/predict';
import { modelNetworks } from '../../../src-core/model/predict-raw';
import { writeFileAtomic } from '../../files/files';
import { readModelFile } from '../read-model-file';
import { dataFingerprint } from '../../workspace/data-fingerprint';
import type { CliEnvironment } from '../cli-environment';
import { checkOutputPaths } from '../output-paths';
import type { ExportArgs } from '../export-args';

/**
 * `convexnet export MODEL.json --format onnx|json|csv|html --out FILE [--data DATA.csv]`: the
 * model as ONNX, as (checked, normalized) model JSON, as predictions for DATA.csv, or as a
 * self-contained HTML report (with a data summary, and metrics when DATA.csv has the target).
 */
export async function runExport(args: ExportArgs, env: CliEnvironment): Promise<void> {
  checkOutputPaths([{ what: 'the model file', path: args.modelPath }, { what: 'the data file', path: args.dataPath }], [{ option: '--out', path: args.outPath }]);
  const model = readModelFile(args.modelPath);
  // Predictions keep rows of empty cells, to line up with the file's rows (see convexnet predict).
  const data = args.dataPath === undefined ? null : (await readDataFile(args.dataPath, args.format === 'csv' ? { keepEmptyRows: true } : {})).table;
  let output: string | Uint8Array;
  if (args.format === 'json') output = `${JSON.stringify(model)}\n`;
  else if (args.format === 'onnx') output = exportOnnx(model, { appVersion: env.version });
  else if (args.format === 'csv') {
    output = predictionsToCsv(predictRaw(model, data!));
    for (const note of filledInputNotes(model.preprocessing, data!)) env.stderr(`note: ${note}\n`);
  } else output = htmlReport(model, args, data, env);
  // The writer of every command: its errors name --out in plain words, never its temporary file.
  writeFileAtomic(args.outPath, output);
  const what = { json: 'Model JSON', onnx: 'ONNX model (opset 13)', csv: `Predictions for ${data?.rowCount ?? 0} rows`, html: 'HTML report' }[args.format];
  env.stderr(`${what} written to ${args.outPath}.\n`);
}

function htmlReport(model: ModelFile, args: ExportArgs, data: RawTable | null, env: CliEnvironment): string {
  const name = basename(args.modelPath).replace(/\.(json|onnx)$/i, '');
  return renderHtmlReport({
    title: `${name}: ConvexNet Studio report`,
    appVersion: env.version,
    generatedAt: new Date().toISOString(),
    model,
    data: data ? dataInfo(model, data, basename(args.dataPath!)) : null,
    result: null,
    evaluation: data && data.columns.includes(model.preprocessing.targetColumn) ? { label: `Rows of ${basename(args.dataPath!)}`, metrics: evaluate(model, data) } : null,
    robustness: null,
  });
}

function evaluate(model: ModelFile, table: RawTable): MetricsReport {
  const { dataset } = prepareLabeledRows(model.preprocessing, table);
  return evaluatePredictions(model.task, predictWithHeads(model.task, model.loss, modelNetworks(model), dataset.X), dataset.y);
}

/** How many cells of column c hold exactly `text`. */
function countCells(table: RawTable, c: number, text: string): number {
  let count = 0;
  for (let r = 0; r < table.rowCount; r++) if (table.cell(r, c) === text) count++;
  return count;
}

function dataInfo(model: ModelFile, table: RawTable, source: string): RunDataInfo {
  const target = table.columns.indexOf(model.preprocessing.targetColumn);
  const classCounts = model.classNames.map((name) => (target < 0 ? 0 : countCells(table, target, name)));
  return {
    name: source,
    source,
    targetName: model.preprocessing.targetColumn,
    task: model.task,
    rowCount: table.rowCount,
    featureNames: table.columns.filter((c) => c !== model.preprocessing.targetColumn),
    classNames: [...model.classNames],
    classCounts,
    fingerprint: dataFingerprint(table),
  };
}
