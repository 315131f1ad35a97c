import { describe, expect, it } from 'vitest';
import { parseArff } from '../../../../src-core/data/formats/parse-arff';
import { parseJsonRecords } from '../../../../src-core/data/formats/parse-json-records';
import { parseLibsvm } from '../../../../src-core/data/formats/parse-libsvm';
import { MAX_COLUMNS, MAX_LINE_CHARS, parseDelimited } from '../../../../src-core/data/parse-delimited';
import { expectConvexNetError } from '../expect-error';

describe('bad input gives a message naming file, line and column', () => {
  it('ARFF: undeclared nominal value, bad number, wrong width, unknown type, no @data', () => {
    const head = '@relation r\n@attribute a numeric\n@attribute b {x, y}\n@data\n';
    expect(expectConvexNetError(() => parseArff(`${head}1,z\n`, 'w.arff'), 'data/arff-value')).toMatch(/^w\.arff, line 5, column "b": "z" is not one of the declared values/);
    expect(expectConvexNetError(() => parseArff(`${head}one,x\n`, 'w.arff'), 'data/not-a-number')).toMatch(/line 5, column "a"/);
    expect(expectConvexNetError(() => parseArff(`${head}1\n`, 'w.arff'), 'data/ragged-row')).toMatch(/line 5: found 1 values, expected 2/);
    expectConvexNetError(() => parseArff('@relation r\n@attribute a blob\n@data\n1\n'), 'data/arff-syntax');
    expectConvexNetError(() => parseArff('@relation r\n@attribute a numeric\n'), 'data/arff-syntax');
    expectConvexNetError(() => parseArff('@relation r\n@attribute a numeric\n@attribute a numeric\n@data\n1,2\n'), 'data/duplicate-column');
    expectConvexNetError(() => parseArff(`${head}`), 'data/no-rows');
  });

  it('LIBSVM: a text label, a bad index, a bad value, an index above the column limit', () => {
    expect(expectConvexNetError(() => parseLibsvm('yes 1:2\n', 's.svm'), 'data/libsvm-syntax')).toMatch(/^s\.svm, line 1, column 1/);
    expect(expectConvexNetError(() => parseLibsvm('1 0:2\n', 's.svm'), 'data/libsvm-syntax')).toMatch(/line 1, entry 2/);
    expect(expectConvexNetError(() => parseLibsvm('1 1:2\n1 2:nan\n', 's.svm'), 'data/not-a-number')).toMatch(/line 2, column f2/);
    expectConvexNetError(() => parseLibsvm(`1 ${MAX_COLUMNS + 1}:1\n`), 'data/too-many-columns');
    expectConvexNetError(() => parseLibsvm('# nothing\n'), 'data/empty-file');
  });

  it('JSON: syntax errors with line and column, wrong shapes, nested values', () => {
    expect(expectConvexNetError(() => parseJsonRecords('[{"a": 1},\n {"a": }]', 'r.json'), 'data/invalid-json')).toMatch(/^r\.json is not valid JSON: .*line 2, column/);
    expectConvexNetError(() => parseJsonRecords('{"a": 1}'), 'data/json-shape');
    expectConvexNetError(() => parseJsonRecords('[]'), 'data/no-rows');
    expect(expectConvexNetError(() => parseJsonRecords('[{"a": [1]}]', 'r.json'), 'data/json-shape')).toMatch(/record 1, column "a"/);
    expectConvexNetError(() => parseJsonRecords('[1, 2]'), 'data/json-shape');
  });

  it('CSV: more than 10,000 columns and a line of several megabytes', () => {
    const wide = `${Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',')}\n`;
    expect(expectConvexNetError(() => parseDelimited(`${wide}`, { sourceName: 'w.csv' }), 'data/too-many-columns')).toMatch(/^w\.csv, line 1: 10,001 fields/);
    const long = `a\n${'x'.repeat(MAX_LINE_CHARS + 1)}\n`;
    expect(expectConvexNetError(() => parseDelimited(long, { sourceName: 'l.csv' }), 'data/line-too-long')).toMatch(/^l\.csv, line 2: the line is/);
  });
});
