import { describe, expect, it } from 'vitest';
import { decodeNumberText, MISSING_CODE, NumberTextEncoder, SHORTEST_CODE, TEXT_CODE } from '../../../src-core/data/number-text-code';
import { parseNumericCell } from '../../../src-core/data/numeric-text';

/** Encodes and decodes one text; the value/code invariant of number-text-code.ts is checked on the way. */
function roundTrip(text: string): { code: number; back: string | null } {
  const encoder = new NumberTextEncoder();
  const code = encoder.encode(text);
  if (code === TEXT_CODE || code === MISSING_CODE) {
    expect(encoder.value, text).toBeNaN();
    return { code, back: code === MISSING_CODE ? decodeNumberText(encoder.value, code) : null };
  }
  expect(encoder.value, text).toBe(parseNumericCell(text));
  return { code, back: decodeNumberText(encoder.value, code) };
}

describe('number text codes', () => {
  it('gives back canonical decimals digit for digit, trailing zeros and negative zero included', () => {
    for (const text of ['0', '-0', '7', '-12', '1.50', '3.141590', '-0.000000', '0.0001200', '4503599627370495', '123456.789', '-9.999999999']) {
      const { code, back } = roundTrip(text);
      expect(code, text).toBeLessThanOrEqual(22);
      expect(back).toBe(text);
    }
  });

  it('keeps other round-trip numbers as their shortest form', () => {
    for (const text of ['1e+21', '1.5e-7', '-2e-7', '9007199254740992']) {
      const { code, back } = roundTrip(text);
      expect(code, text).toBe(SHORTEST_CODE);
      expect(back).toBe(text);
    }
  });

  it('marks the empty cell missing and leaves every other text as text', () => {
    expect(roundTrip('')).toEqual({ code: MISSING_CODE, back: '' });
    for (const text of ['007', '.5', '1.', '+1', '1e5', '1E+21', 'NaN', 'Infinity', '-inf', 'abc', '0x10', '1,5', '-', '12345678901234567', '0.00000000000000000000001']) {
      expect(roundTrip(text).code, text).toBe(TEXT_CODE);
    }
  });

  it('round-trips 20,000 seeded random decimals of every width exactly', () => {
    let state = 12345;
    const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    for (let k = 0; k < 20_000; k++) {
      const digits = Math.floor(next() * 12);
      const scale = 10 ** Math.floor(next() * 8 - 3);
      const text = ((next() - 0.5) * scale).toFixed(digits);
      const { code, back } = roundTrip(text);
      if (code !== TEXT_CODE) expect(back).toBe(text);
    }
  });
});
