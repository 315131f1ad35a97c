import { describe, expect, it } from 'vitest';
import type { TextPieces } from '../../../src-core/data/parse-delimited';
import { createDelimitedReader, parseDelimited } from '../../../src-core/data/parse-delimited';
import type { RawTable } from '../../../src-core/data/raw-table';
import { tableRows } from '../../../src-core/data/raw-table';
import { ConvexNetError } from '../../../src-core/errors';

/** The text cut at the given positions into pieces. */
function piecesOf(text: string, cuts: readonly number[]): TextPieces {
  const bounds = [0, ...cuts, text.length];
  let k = 0;
  return {
    next: () => {
      while (k + 1 < bounds.length) {
        const piece = text.slice(bounds[k]!, bounds[k + 1]!);
        k++;
        if (piece !== '') return piece;
      }
      return null;
    },
    get progress() {
      return k / (bounds.length - 1);
    },
  };
}

type Outcome = { columns: string[]; rows: string[][]; lines: number[] } | { error: string };

function outcome(read: () => RawTable): Outcome {
  try {
    const table = read();
    return { columns: table.columns, rows: tableRows(table), lines: Array.from(table.lines ?? []) };
  } catch (error) {
    if (error instanceof ConvexNetError) return { error: `${error.code}: ${error.message}` };
    throw error;
  }
}

function readPieces(text: string, cuts: readonly number[]): RawTable {
  const reader = createDelimitedReader(piecesOf(text, cuts), { delimiter: ',' });
  while (!reader.step(7));
  expect(reader.progress).toBe(1);
  return reader.finish();
}

const TEXTS = [
  'name,note,value\n"Smith, J.","said ""hi""\nand left",1\nplain,"",2\n',
  'x,y\r\n1,2\r3,4\r\n\r\n , \n5,\n',
  'a,b\n1,2,\n',
  'a,b\n"open,2\n',
  'a,b\n"x" y,2\n',
  'a,b\n1,2\n3\n',
  'a,a\n1,2\n',
  'a,b\n1.50,x\n-0,\n2,3',
  'a,b\n1,',
];

describe('createDelimitedReader over text in pieces', () => {
  it('reads the same table, or fails with the same error, wherever the text is cut', () => {
    for (const text of TEXTS) {
      const whole = outcome(() => parseDelimited(text, { delimiter: ',' }));
      for (let cut = 1; cut < text.length; cut++) {
        expect(outcome(() => readPieces(text, [cut])), `${JSON.stringify(text)} cut at ${cut}`).toEqual(whole);
      }
      const everyChar = Array.from({ length: text.length - 1 }, (_, k) => k + 1);
      expect(outcome(() => readPieces(text, everyChar)), `${JSON.stringify(text)} in 1-character pieces`).toEqual(whole);
    }
  });

  it('reads a long quoted field spread over many small pieces', () => {
    const long = 'z'.repeat(5000);
    const text = `a,b\n"${long}\n${long}",1\n2,3\n`;
    const cuts = Array.from({ length: Math.floor(text.length / 10) }, (_, k) => (k + 1) * 10);
    expect(outcome(() => readPieces(text, cuts))).toEqual(outcome(() => parseDelimited(text)));
  });
});
