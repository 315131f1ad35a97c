import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSummary } from '../../../src-core/contract/operations';
import type { RunDatasetInput } from '../../../src-main/workspace/run-record';
import type { TrainedCase } from '../../core/export/trained-models';
import { trainedCase } from '../../core/export/trained-models';
import { tableRows } from '../../../src-core/data/raw-table';

export function freshFolder(prefix = 'convexnet-workspace-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A trained case (trainedCase trains once per task and test file). */
export function cachedCase(task: TrainedCase['task']): TrainedCase {
  return trainedCase(task);
}

export function datasetInput(trained: TrainedCase, name = 'two moons'): RunDatasetInput {
  const summary: DatasetSummary = {
    datasetId: 'dataset-1',
    name,
    task: trained.task,
    targetName: trained.target,
    rowCount: tableRows(trained.table).length,
    featureNames: trained.table.columns.filter((c) => c !== trained.target),
    classNames: [...trained.model.classNames],
    classCounts: trained.data.classCounts,
    previewColumns: trained.table.columns,
    previewRows: tableRows(trained.table).slice(0, 3),
  };
  return { name, source: `${name}.csv`, summary, fingerprint: 'a'.repeat(64) };
}
