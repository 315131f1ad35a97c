import { describe, expect, it } from 'vitest';
import { decisionMapReason, type DecisionMapFacts } from '../../../src-renderer/format/decision-map-reason';

const drawable: DecisionMapFacts = { hasModel: true, inputCount: 2, testCount: 50, hasTestPredictions: true, hasInputValues: true };

describe('decisionMapReason', () => {
  it('is null when the map can be drawn', () => {
    expect(decisionMapReason(drawable)).toBeNull();
  });

  it('says a run without test rows needs them, and where to ask for them', () => {
    const reason = decisionMapReason({ ...drawable, testCount: 0, hasTestPredictions: false, hasInputValues: false });
    expect(reason).toEqual({
      text:
        'No decision map: this run held out no test rows, and the map is drawn around them (their spread sets its axes; they are its dots). ' +
        'To get one, set Test rows (%) above 0 on the Train screen and train again.',
      screen: 'train',
    });
  });

  it('names the input count and the limit when the test rows kept no input values', () => {
    const reason = decisionMapReason({ ...drawable, inputCount: 40, hasInputValues: false });
    expect(reason?.screen).toBe('data');
    expect(reason?.text).toBe(
      'No decision map: the model has 40 inputs, and a run keeps the input values of its test rows, which place them on the map, only up to 32. ' +
        'To get one, use fewer feature columns on the Data screen (each category of a text column is one input) and train again.',
    );
  });

  it('asks for both at once when a run with too many inputs also held out nothing, so one retraining does', () => {
    const reason = decisionMapReason({ ...drawable, inputCount: 40, testCount: 0, hasTestPredictions: false, hasInputValues: false });
    expect(reason?.screen).toBe('data');
    expect(reason?.text).toMatch(/^No decision map: this run held out no test rows, .* and the model has 40 inputs, .* only up to 32\. To get one, use fewer feature columns .*, then set Test rows \(%\) above 0 on the Train screen and train again\.$/);
  });

  it('puts a missing model or a single input first: nothing the user sets brings a map then', () => {
    expect(decisionMapReason({ ...drawable, hasModel: false, testCount: 0 })).toEqual({ text: expect.stringContaining('no saved model') as string, screen: null });
    expect(decisionMapReason({ ...drawable, inputCount: 1, testCount: 0 })).toEqual({ text: 'No decision map: the model has a single input.', screen: null });
  });

  it('says so when a run with test rows kept no predictions on them (no link: retraining the same way would not help)', () => {
    expect(decisionMapReason({ ...drawable, hasTestPredictions: false, hasInputValues: false })?.screen).toBeNull();
  });
});
