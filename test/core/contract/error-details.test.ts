import { describe, expect, it } from 'vitest';
import { errorEnvelope } from '../../../src-core/contract/envelope';
import { MAX_SHEET_NAME_CHARS, parseErrorDetails, workbookSheetsDetails } from '../../../src-core/contract/error-details';

describe('error details (contract)', () => {
  it('makes and accepts the sheets of a workbook whose sheet failed', () => {
    const details = workbookSheetsDetails('Notes', ['Notes', 'Measurements']);
    expect(details).toEqual({ kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Measurements'] });
    expect(parseErrorDetails(structuredClone(details))).toEqual(details);
    expect(errorEnvelope('data/too-few-columns', 'One column.', details)).toEqual({ ok: false, error: { code: 'data/too-few-columns', message: 'One column.', details } });
    expect(errorEnvelope('data/x', 'No details.')).toEqual({ ok: false, error: { code: 'data/x', message: 'No details.' } });
  });

  it('refuses details of an unknown kind, wrong types, extra fields or names a request could not send back', () => {
    for (const bad of [
      undefined,
      null,
      'Notes',
      { kind: 'other', sheet: 'a', sheets: ['a'] },
      { kind: 'workbook-sheets', sheet: 'a', sheets: 'a' },
      { kind: 'workbook-sheets', sheet: 'a', sheets: [] },
      { kind: 'workbook-sheets', sheet: 'a', sheets: ['a', 7] },
      { kind: 'workbook-sheets', sheet: 'a', sheets: ['a'], script: 'x' },
      { kind: 'workbook-sheets', sheet: 'a', sheets: ['a', 'x'.repeat(MAX_SHEET_NAME_CHARS + 1)] },
    ]) {
      expect(parseErrorDetails(bad), JSON.stringify(bad)).toBeNull();
    }
    expect(workbookSheetsDetails('a', ['a', ''])).toBeUndefined();
  });
});
