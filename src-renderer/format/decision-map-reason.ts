import { MAX_FEATURES_PER_ROW } from '../../src-core/contract/test-predictions';
import type { ScreenName } from '../stores/navigation';
import { formatCount } from './numbers';

/** Why a run has no decision map, and the screen where the user can change that (null: none can). */
export interface DecisionMapReason {
  readonly text: string;
  readonly screen: Extract<ScreenName, 'data' | 'train'> | null;
}

export interface DecisionMapFacts {
  readonly hasModel: boolean;
  /** The model's inputs (prepared features: one-hot categories count one each). */
  readonly inputCount: number;
  /** Held-out test rows of the run (RunResult.testCount). */
  readonly testCount: number;
  /** Whether the run kept its test rows' predictions (RunResult.testPredictions). */
  readonly hasTestPredictions: boolean;
  /** Whether those rows carry their input values, which place the dots (kept for at most MAX_FEATURES_PER_ROW inputs). */
  readonly hasInputValues: boolean;
}

const NO_TEST_ROWS = 'this run held out no test rows, and the map is drawn around them (their spread sets its axes; they are its dots)';
const SET_TEST_ROWS = 'set Test rows (%) above 0 on the Train screen and train again';

function tooManyInputs(count: number): string {
  return `the model has ${formatCount(count)} inputs, and a run keeps the input values of its test rows, which place them on the map, only up to ${MAX_FEATURES_PER_ROW}`;
}
const FEWER_INPUTS = 'use fewer feature columns on the Data screen (each category of a text column is one input)';

/**
 * The decision map draws the model's predictions over the spread of the held-out test rows and
 * places those rows on it; this says what keeps a run from having one and what to do about it
 * (both at once when a run lacks test rows and has too many inputs, so one retraining does).
 * Null when the map can be drawn.
 */
export function decisionMapReason(facts: DecisionMapFacts): DecisionMapReason | null {
  if (!facts.hasModel) {
    return { text: 'No decision map: the run has no saved model (it may have failed numerically, or the workspace could not save it).', screen: null };
  }
  if (facts.inputCount < 2) return { text: 'No decision map: the model has a single input.', screen: null };
  const wide = facts.inputCount > MAX_FEATURES_PER_ROW || (facts.hasTestPredictions && !facts.hasInputValues);
  if (facts.testCount === 0) {
    return wide
      ? { text: `No decision map: ${NO_TEST_ROWS}, and ${tooManyInputs(facts.inputCount)}. To get one, ${FEWER_INPUTS}, then ${SET_TEST_ROWS}.`, screen: 'data' }
      : { text: `No decision map: ${NO_TEST_ROWS}. To get one, ${SET_TEST_ROWS}.`, screen: 'train' };
  }
  if (!facts.hasTestPredictions) {
    return { text: "No decision map: the run did not keep its model's predictions on the test rows, which the map places on it.", screen: null };
  }
  if (wide) return { text: `No decision map: ${tooManyInputs(facts.inputCount)}. To get one, ${FEWER_INPUTS} and train again.`, screen: 'data' };
  return null;
}
