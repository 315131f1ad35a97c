import type { OptionSpecs } from './parse-options';
import { expectPositionals, parseOptions, stringOption } from './parse-options';
import { UsageError } from './usage-error';

export type CliExportFormat = 'onnx' | 'json' | 'csv' | 'html';
const FORMATS: readonly CliExportFormat[] = ['onnx', 'json', 'csv', 'html'];
/** The formats that read --data. */
const FORMATS_READING_DATA: readonly CliExportFormat[] = ['csv', 'html'];

export interface ExportArgs {
  readonly modelPath: string;
  readonly format: CliExportFormat;
  readonly outPath: string;
  /** Raw data: required for csv (the rows to predict), optional for html (summary and metrics when it has the target). */
  readonly dataPath?: string;
}

export const EXPORT_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
  out: { type: 'string' },
  data: { type: 'string' },
};

/** Parses `convexnet export` arguments (after the command word). Returns null when help is asked. */
export function parseExportArgs(argv: readonly string[]): ExportArgs | null {
  const { values, positionals } = parseOptions('export', argv, EXPORT_OPTIONS);
  if (values['help']) return null;
  const [modelPath] = expectPositionals('export', positionals, ['MODEL.json']);
  const format = stringOption(values, 'format');
  if (format === undefined) throw new UsageError(`export: --format is required (${FORMATS.join(', ')})`);
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`export: --format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  const outPath = stringOption(values, 'out');
  if (outPath === undefined) throw new UsageError('export: --out FILE is required');
  const dataPath = stringOption(values, 'data');
  if (format === 'csv' && dataPath === undefined) throw new UsageError('export: --format csv needs --data DATA.csv (the rows to predict)');
  // onnx and json are the model alone: --data there would be read for nothing, and silently.
  if (dataPath !== undefined && !(FORMATS_READING_DATA as readonly string[]).includes(format)) {
    throw new UsageError(`export: --data is only for --format ${FORMATS_READING_DATA.join(' and ')} (the rows to predict, or to summarize in the report); --format ${format} writes the model alone: drop --data`);
  }
  return { modelPath: modelPath!, format: format as CliExportFormat, outPath, ...(dataPath !== undefined ? { dataPath } : {}) };
}
