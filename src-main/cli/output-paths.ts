import { isSameFile } from '../files/real-path';
import { checkedWriteTarget } from '../files/write-target';
import { UsageError } from './usage-error';

/** A file a command reads, as its messages name it ("the data file"); no path: not given. */
export interface InputFile {
  readonly what: string;
  readonly path: string | undefined;
}

/** A file a command writes, named by its option ("--out"); no path: not asked for. */
export interface OutputFile {
  readonly option: string;
  readonly path: string | undefined;
}

/**
 * Checks where a command will write before it reads or trains anything, so a mistake costs no
 * run and leaves no partial output: an output naming an input (by any spelling: ./x, ../d/x, a
 * link or a hard link) would replace the data or model it was made from, and two outputs naming
 * one file would silently lose one of them; both are usage errors. Then every output must be
 * writable (checkedWriteTarget: its folder exists and may be written, it is no device or folder).
 */
export function checkOutputPaths(inputs: readonly InputFile[], outputs: readonly OutputFile[]): void {
  const given = outputs.filter((o): o is OutputFile & { path: string } => o.path !== undefined);
  given.forEach((output, index) => {
    for (const input of inputs) {
      if (input.path !== undefined && isSameFile(output.path, input.path)) {
        throw new UsageError(`${output.option} names ${input.what} "${input.path}"; choose another path`);
      }
    }
    const earlier = given.slice(0, index).find((other) => isSameFile(output.path, other.path));
    if (earlier) throw new UsageError(`${output.option} names the same file as ${earlier.option} ("${output.path}"); give each its own path`);
  });
  for (const output of given) checkedWriteTarget(output.path);
}
