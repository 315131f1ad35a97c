import { basename } from 'node:path';
import { parseDelimited } from '../../../src-core/data/parse-delimited';
import { ConvexNetError } from '../../../src-core/errors';
import { parseModelFile, predictRaw } from '../../../src-core/model/model-file';
import { predictionsToCsv } from '../../../src-core/model/predictions-csv';
import type { CliEnvironment } from '../cli-environment';
import { readTextFile, writeFileAtomic } from '../../files/files';
import type { PredictArgs } from '../predict-args';

/** `convexnet predict`: model file + raw CSV -> predictions CSV (to --out, else stdout). */
export function runPredict(args: PredictArgs, env: CliEnvironment): void {
  const model = parseModelFile(parseJson(readTextFile(args.modelPath, 'the model file'), args.modelPath));
  const table = parseDelimited(readTextFile(args.dataPath, 'the data file'), { sourceName: basename(args.dataPath) });
  const csv = predictionsToCsv(predictRaw(model, table));
  if (args.outPath === undefined) {
    env.stdout(csv);
    return;
  }
  writeFileAtomic(args.outPath, csv);
  env.stderr(`Predictions for ${table.rows.length} rows written to ${args.outPath}.\n`);
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConvexNetError('model-file/not-json', `the model file "${path}" is not valid JSON (${detail}).`);
  }
}
