import type { OptionSpecs } from './parse-options';
import { expectPositionals, parseOptions, stringOption } from './parse-options';

export interface PredictArgs {
  readonly modelPath: string;
  readonly dataPath: string;
  /** Absent: the predictions go to stdout. */
  readonly outPath?: string;
}

export const PREDICT_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  out: { type: 'string' },
};

/** Parses `convexnet predict` arguments (after the command word). Returns null when help is asked. */
export function parsePredictArgs(argv: readonly string[]): PredictArgs | null {
  const { values, positionals } = parseOptions('predict', argv, PREDICT_OPTIONS);
  if (values['help']) return null;
  const [modelPath, dataPath] = expectPositionals('predict', positionals, ['MODEL.json', 'DATA.csv']);
  const outPath = stringOption(values, 'out');
  return { modelPath: modelPath!, dataPath: dataPath!, ...(outPath !== undefined ? { outPath } : {}) };
}
