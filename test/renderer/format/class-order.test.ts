import { describe, expect, it } from 'vitest';
import { naturalClassOrder, naturalHeadOrder } from '../../../src-renderer/format/class-order';

// The core's order of these names (compareCategoryNames): class_10 before class_2.
const coreOrder = ['class_1', 'class_10', 'class_2'];

describe('naturalClassOrder', () => {
  it("gives the core's class indices in reading order: class_2 before class_10", () => {
    expect(naturalClassOrder(coreOrder)).toEqual([0, 2, 1]);
    expect(naturalClassOrder(coreOrder).map((c) => coreOrder[c])).toEqual(['class_1', 'class_2', 'class_10']);
  });

  it('keeps names that are numbers in numeric order, and is empty for no classes', () => {
    expect(naturalClassOrder(['-10', '-2', '2', '10'])).toEqual([0, 1, 2, 3]);
    expect(naturalClassOrder([])).toEqual([]);
  });
});

describe('naturalHeadOrder', () => {
  it('orders one-vs-rest heads by the reading order of their classes', () => {
    const heads = [{ classIndex: 0 }, { classIndex: 1 }, { classIndex: 2 }];
    expect(naturalHeadOrder(heads, coreOrder)).toEqual([0, 2, 1]);
  });

  it('leaves a single-output run, and heads whose class has no name, in their place', () => {
    expect(naturalHeadOrder([{ classIndex: null }], coreOrder)).toEqual([0]);
    expect(naturalHeadOrder([{ classIndex: 1 }, { classIndex: 0 }], [])).toEqual([0, 1]);
  });
});
