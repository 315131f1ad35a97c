import { describe, expect, it } from 'vitest';
import { safeguardNote } from '../../../../src-core/solvers/ipm/safeguard-note';

describe('safeguardNote', () => {
  it('says what the regularizations mean for the result, with the count in the right number', () => {
    expect(safeguardNote(0)).toBeNull();
    expect(safeguardNote(1)).toBe('The solver needed 1 small numerical safeguard on the way. The result is still certified: the certificate does not depend on it.');
    expect(safeguardNote(2)).toMatch(/^The solver needed 2 small numerical safeguards on the way\. .* depend on them\.$/);
  });
});
