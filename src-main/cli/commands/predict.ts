import { readDataFile } from '../../datasets/read-data-file';
import { filledInputNotes } from '../../../src-core/model/filled-inputs';
import { predictRaw } from '../../../src-core/model/model-file';
import { predictionsToCsv } from '../../../src-core/model/predictions-csv';
import type { CliEnvironment } from '../cli-environment';
import { checkOutputPaths } from '../output-paths';
import { writeFileAtomic } from '../../files/files';
import { readModelFile } from '../read-model-file';
import type { PredictArgs } from '../predict-args';

/** `convexnet predict`: model file + raw data file (any supported format) -> predictions CSV (to --out, else stdout). */
export async function runPredict(args: PredictArgs, env: CliEnvironment): Promise<void> {
  checkOutputPaths([{ what: 'the model file', path: args.modelPath }, { what: 'the data file', path: args.dataPath }], [{ option: '--out', path: args.outPath }]);
  const model = readModelFile(args.modelPath);
  // Rows of empty cells are kept: the predictions must line up with the file's rows.
  const { table } = await readDataFile(args.dataPath, { ...args.dataFile, keepEmptyRows: true });
  const csv = predictionsToCsv(predictRaw(model, table));
  // On stderr, so the predictions alone go to stdout.
  for (const note of filledInputNotes(model.preprocessing, table)) env.stderr(`note: ${note}\n`);
  if (args.outPath === undefined) {
    env.stdout(csv);
    return;
  }
  writeFileAtomic(args.outPath, csv);
  env.stderr(`Predictions for ${table.rowCount} rows written to ${args.outPath}.\n`);
}
