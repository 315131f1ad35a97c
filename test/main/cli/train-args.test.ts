import { describe, expect, it } from 'vitest';
import { MAX_BACKPROP_PATTERNS_PER_HEAD } from '../../../src-core/training/backprop-patterns';
import { parseTrainArgs, preparedShape, trainOptionsFromArgs } from '../../../src-main/cli/train-args';
import { UsageError } from '../../../src-main/cli/usage-error';

function optionsFor(argv: string[], task: 'binary' | 'multiclass', rows: number, classNames: string[] = ['a', 'b']): unknown {
  return trainOptionsFromArgs(parseTrainArgs(['data.csv', '--target', 'y', '--out', 'm.json', ...argv])!, preparedShape(task, rows, 3), false, classNames);
}

describe('trainOptionsFromArgs: --patterns beyond what back-propagation gives', () => {
  it('says the limit is back-propagation\'s, where the patterns come from, and the two ways around it', () => {
    const message = `--patterns 100000 is more than back-propagation can give: patterns come from back-propagation networks (with --pattern-source backprop), one neuron per pattern, and a network has at most ${MAX_BACKPROP_PATTERNS_PER_HEAD} neurons. Give --patterns ${MAX_BACKPROP_PATTERNS_PER_HEAD} or fewer, or --pattern-source random for random patterns.`;
    expect(() => optionsFor(['--patterns', '100000', '--pattern-source', 'backprop', '--solver', 'admm'], 'binary', 50)).toThrow(new UsageError(message));
  });

  it('names the default when the preset chose back-propagation, and counts one network per class', () => {
    expect(() => optionsFor(['--patterns', '100000', '--solver', 'admm'], 'multiclass', 5000, ['a', 'b', 'c'])).toThrow(/\(by default on \d+ training rows or more, as the app's Balanced preset\), one neuron per pattern and one network per class \(3\).*Give --patterns 12288 or fewer, or --pattern-source random/);
  });

  it('leaves random patterns to their own limit', () => {
    expect(() => optionsFor(['--patterns', '100000', '--pattern-source', 'random', '--solver', 'admm'], 'binary', 5000)).not.toThrow();
  });
});
