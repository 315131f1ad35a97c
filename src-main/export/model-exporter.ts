import { importTable } from '../datasets/import-table';
import { basename } from 'node:path';
import type { ExportedFile, ExportModelRequest, ModelSource, PredictFileRequest, PredictionsExport } from '../../src-core/contract/export-types';
import type { RunResult } from '../../src-core/contract/operations';
import type { RunDataInfo } from '../../src-core/contract/run-history';
import { parseDelimited } from '../../src-core/data/parse-delimited';
import { tableRow } from '../../src-core/data/raw-table';
import { ConvexNetError } from '../../src-core/errors';
import { renderHtmlReport } from '../../src-core/export/html/html-report';
import { exportOnnx } from '../../src-core/export/onnx/export-onnx';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { filledInputNotes } from '../../src-core/model/filled-inputs';
import { predictRaw } from '../../src-core/model/predict-raw';
import { predictionsToCsv } from '../../src-core/model/predictions-csv';
import type { JobManager } from '../services/job-manager';
import { noModelReasonOf } from '../services/no-model-reason';
import { runDataInfo } from '../workspace/run-record';
import type { RunStore } from '../workspace/run-store';
import { binaryFile, safeFileStem, textFile, uploadedBytes } from './exported-file';
import type { ImportedModels } from './imported-models';

/** Rows of the predictions preview sent with a predictions export. */
export const PREDICTIONS_PREVIEW_ROWS = 20;

/** A model with what is known about the run that made it. */
export interface ResolvedModel {
  readonly name: string;
  readonly model: ModelFile | null;
  readonly result: RunResult | null;
  readonly data: RunDataInfo | null;
}

export interface ModelExporterDeps {
  readonly jobs: JobManager;
  readonly runs: RunStore;
  readonly imported: ImportedModels;
  readonly appVersion: string;
  readonly now?: () => Date;
}

/** Export (json, onnx, html) and prediction for a model from a job, a saved run or an import. */
export class ModelExporter {
  constructor(private readonly deps: ModelExporterDeps) {}

  async resolve(source: ModelSource): Promise<ResolvedModel> {
    if ('jobId' in source) {
      // A job without a result is refused naming why: still running, failed (with its error), cancelled before a model.
      const inputs = this.deps.jobs.endedRun(source.jobId);
      return { name: inputs.label, model: inputs.model, result: inputs.result, data: runDataInfo(inputs.dataset) };
    }
    if ('runId' in source) {
      const run = await this.deps.runs.get(source.runId);
      return { name: run.summary.name, model: run.model, result: run.result, data: run.data };
    }
    const { model, info } = this.deps.imported.get(source.importedModelId);
    return { name: info.fileName.replace(/\.(json|onnx)$/i, ''), model, result: null, data: null };
  }

  async exportModel(request: ExportModelRequest): Promise<ExportedFile> {
    const resolved = await this.resolve(request.source);
    const stem = safeFileStem(resolved.name);
    if (request.format === 'html') {
      return textFile(`${stem}-report.html`, 'text/html', this.report(resolved));
    }
    const model = requireModel(resolved);
    if (request.format === 'json') return textFile(`${stem}.json`, 'application/json', `${JSON.stringify(model)}\n`);
    return binaryFile(`${stem}.onnx`, 'application/octet-stream', exportOnnx(model, { appVersion: this.deps.appVersion }));
  }

  report(resolved: ResolvedModel): string {
    return renderHtmlReport({
      title: `${resolved.name}: ConvexNet Studio report`,
      appVersion: this.deps.appVersion,
      generatedAt: (this.deps.now?.() ?? new Date()).toISOString(),
      model: resolved.model,
      data: resolved.data,
      result: resolved.result,
      evaluation: null,
      robustness: null,
    });
  }

  async predict(request: PredictFileRequest): Promise<PredictionsExport> {
    const resolved = await this.resolve(request.source);
    const model = requireModel(resolved);
    const fileName = basename(request.file.fileName);
    // Every format the Data screen reads (CSV/TSV, XLSX, ARFF, LIBSVM, JSON), detected as there.
    // Rows of empty cells are kept (as missing values): one prediction per row of the file.
    const { table } = await importTable(uploadedBytes(request.file), fileName, { keepEmptyRows: true });
    const predictions = predictRaw(model, table);
    const csv = predictionsToCsv(predictions);
    // The preview's rows as the file writes them (a quoted class name may hold a line break).
    const preview = parseDelimited(predictionsToCsv(predictions, PREDICTIONS_PREVIEW_ROWS));
    return {
      file: textFile(`${safeFileStem(fileName.replace(/\.[^.]*$/, ''))}-predictions.csv`, 'text/csv', csv),
      rowCount: table.rowCount,
      previewColumns: preview.columns,
      previewRows: Array.from({ length: preview.rowCount }, (_, r) => tableRow(preview, r)),
      notes: filledInputNotes(model.preprocessing, table),
    };
  }
}

function requireModel(resolved: ResolvedModel): ModelFile {
  if (!resolved.model) {
    const why = resolved.result ? noModelReasonOf(resolved.result) : 'none was kept';
    throw new ConvexNetError('export/no-model', `"${resolved.name}" has no model to export: ${why}. Its HTML report can still be exported.`);
  }
  return resolved.model;
}
