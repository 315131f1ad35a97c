import type { OptionSpecs } from './parse-options';
import { expectPositionals, parseOptions, stringOption } from './parse-options';
import type { DataFileOptions } from '../datasets/read-data-file';
import { DATA_FILE_OPTIONS, dataFileOptionsFrom } from './data-file-args';

export interface PredictArgs {
  readonly modelPath: string;
  readonly dataPath: string;
  /** --format / --sheet; absent: detected from the file. */
  readonly dataFile?: DataFileOptions;
  /** Absent: the predictions go to stdout. */
  readonly outPath?: string;
}

export const PREDICT_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  out: { type: 'string' },
  ...DATA_FILE_OPTIONS,
};

/** Parses `convexnet predict` arguments (after the command word). Returns null when help is asked. */
export function parsePredictArgs(argv: readonly string[]): PredictArgs | null {
  const { values, positionals } = parseOptions('predict', argv, PREDICT_OPTIONS);
  if (values['help']) return null;
  const [modelPath, dataPath] = expectPositionals('predict', positionals, ['MODEL.json', 'DATA.csv']);
  const outPath = stringOption(values, 'out');
  return { modelPath: modelPath!, dataPath: dataPath!, ...dataFileOptionsFrom(values), ...(outPath !== undefined ? { outPath } : {}) };
}
