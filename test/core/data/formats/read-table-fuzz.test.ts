import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../../../src-core/data/column-profile';
import { readTextTable } from '../../../../src-core/data/formats/read-table';
import { fitPreprocessing } from '../../../../src-core/data/preprocessing';
import { ConvexNetError } from '../../../../src-core/errors';
import { Prng } from '../../../../src-core/random/prng';
import { fixtureBytes } from '../fixture-files';
import { tableRows } from '../../../../src-core/data/raw-table';

const SEEDS_PER_FILE = 250;
const FILES = ['semicolon-decimal-comma.csv', 'quoted-newlines.csv', 'utf8-bom.csv', 'latin1.csv', 'sample.tsv', 'sample.arff', 'sample.libsvm', 'records.json'];
/** Bytes that matter to the readers: quotes, delimiters, line breaks, braces, NUL, invalid UTF-8. */
const INTERESTING = [34, 39, 44, 59, 9, 124, 10, 13, 123, 125, 91, 93, 58, 63, 64, 37, 35, 0, 0xc3, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 32, 45, 46, 101, 78];

/** One seeded mutation: flip, insert, delete, duplicate or truncate a few times. */
function mutate(bytes: Uint8Array, prng: Prng): Uint8Array {
  let data = Array.from(bytes);
  const edits = 1 + prng.nextInt(4);
  for (let e = 0; e < edits; e++) {
    const at = data.length === 0 ? 0 : prng.nextInt(data.length);
    const byte = prng.nextFloat() < 0.7 ? INTERESTING[prng.nextInt(INTERESTING.length)]! : prng.nextInt(256);
    switch (prng.nextInt(5)) {
      case 0:
        data[at] = byte;
        break;
      case 1:
        data.splice(at, 0, byte);
        break;
      case 2:
        data.splice(at, 1 + prng.nextInt(8));
        break;
      case 3:
        data.splice(at, 0, ...data.slice(at, at + 1 + prng.nextInt(20)));
        break;
      default:
        data = data.slice(0, at);
    }
  }
  return Uint8Array.from(data);
}

describe('readers under fuzzing', () => {
  it(`parse or refuse with a ConvexNetError, never anything else (${SEEDS_PER_FILE * FILES.length} seeded mutations)`, () => {
    let parsed = 0;
    let refused = 0;
    for (const [f, name] of FILES.entries()) {
      const original = fixtureBytes(name);
      for (let seed = 0; seed < SEEDS_PER_FILE; seed++) {
        const bytes = mutate(original, new Prng(1000 * f + seed));
        try {
          const { table } = readTextTable(bytes, name);
          for (const row of tableRows(table)) expect(row).toHaveLength(table.columns.length);
          profileColumns(table);
          fitPreprocessing(table, table.columns.at(-1)!);
          parsed++;
        } catch (error) {
          if (!(error instanceof ConvexNetError)) throw new Error(`${name}, seed ${seed}: ${String(error)}\n${JSON.stringify(new TextDecoder().decode(bytes))}`);
          expect(error.message.length).toBeGreaterThan(10);
          refused++;
        }
      }
    }
    expect(parsed + refused).toBe(SEEDS_PER_FILE * FILES.length);
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(parsed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
