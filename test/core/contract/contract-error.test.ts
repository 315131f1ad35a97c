import { describe, expect, it } from 'vitest';
import { contractErrorOf, convexNetErrorOf, receivedContractError } from '../../../src-core/contract/contract-error';
import { workbookSheetsDetails } from '../../../src-core/contract/error-details';
import { ConvexNetError } from '../../../src-core/errors';

describe('a ConvexNetError across a boundary', () => {
  const details = workbookSheetsDetails('Notes', ['Notes', 'Data'])!;

  it('keeps its code, message and details there and back (as a structured clone)', () => {
    const data = contractErrorOf(new ConvexNetError('data/too-few-columns', 'One column.', details));
    expect(data).toEqual({ code: 'data/too-few-columns', message: 'One column.', details });
    const back = convexNetErrorOf(structuredClone(data));
    expect(back).toBeInstanceOf(ConvexNetError);
    expect(back).toMatchObject({ code: 'data/too-few-columns', message: 'One column.', details });
    expect(contractErrorOf(new ConvexNetError('data/x', 'None.'))).toEqual({ code: 'data/x', message: 'None.' });
  });

  it('drops details that do not fit their schema, keeping code and message', () => {
    for (const bad of [{ kind: 'workbook-sheets', sheet: 'a', sheets: [] }, { kind: 'other' }, 'Notes', null]) {
      const back = convexNetErrorOf({ code: 'data/x', message: 'Bad details.', details: bad } as never);
      expect(back).toMatchObject({ code: 'data/x', message: 'Bad details.' });
      expect(back.details, JSON.stringify(bad)).toBeUndefined();
      expect(receivedContractError({ code: 'data/x', message: 'Bad details.', details: bad } as never)).toEqual({ code: 'data/x', message: 'Bad details.' });
    }
    expect(receivedContractError({ code: 'data/x', message: 'Good.', details })).toEqual({ code: 'data/x', message: 'Good.', details });
  });
});
