import { describe, expect, it } from 'vitest';
import { appErrorEventSchema, parseAppErrorEvent, parseOpenedFile } from '../../../src-core/contract/app-error-event';

describe('the app.error event (contract)', () => {
  const details = { kind: 'workbook-sheets', sheet: 'Notes', sheets: ['Notes', 'Data'] } as const;
  const openedFile = { fileId: 'opened-file-1', fileName: 'book.xlsx' };

  it('accepts a code and a message, with details and the opened file or without', () => {
    for (const event of [{ code: 'file/not-text', message: 'x' }, { code: 'data/too-few-columns', message: 'One column.', details, openedFile }]) {
      expect(appErrorEventSchema.safeParse(event).success, JSON.stringify(event)).toBe(true);
      expect(parseAppErrorEvent(structuredClone(event))).toEqual(event);
    }
  });

  it('keeps the code and message of an event whose details, file or fields are invalid, and drops the rest', () => {
    for (const extra of [
      { details: { ...details, sheets: [] } },
      { details: { kind: 'other' } },
      { openedFile: { fileId: '', fileName: 'book.xlsx' } },
      { openedFile: { fileId: 'x', fileName: 'book.xlsx', path: '/etc/passwd' } },
      { script: 'alert(1)' },
    ]) {
      const event = { code: 'data/x', message: 'Bad part.', ...extra };
      expect(appErrorEventSchema.safeParse(event).success, JSON.stringify(extra)).toBe(false);
      expect(parseAppErrorEvent(event)).toEqual({ code: 'data/x', message: 'Bad part.' });
    }
  });

  it('refuses what has no code and message', () => {
    for (const bad of [null, 'error', {}, { code: '', message: 'x' }, { code: 'x' }, { code: 7, message: 'x' }]) expect(parseAppErrorEvent(bad), JSON.stringify(bad)).toBeNull();
  });

  it("checks a menu-opened file's id and name on their own (dataset.opened)", () => {
    expect(parseOpenedFile(structuredClone(openedFile))).toEqual(openedFile);
    for (const bad of [undefined, null, { fileId: 7, fileName: 'x' }, { fileId: 'x'.repeat(201), fileName: 'x' }, { ...openedFile, path: '/tmp/x' }]) expect(parseOpenedFile(bad), JSON.stringify(bad)).toBeNull();
  });
});
