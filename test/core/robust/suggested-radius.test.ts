import { describe, expect, it } from 'vitest';
import { twoMoonsTable } from '../../../src-core/data/builtin/two-moons';
import { appendOnesColumn, matrixFromRows, type Matrix } from '../../../src-core/linalg/matrix';
import { patternsFromGenerators } from '../../../src-core/patterns/patterns-from-generators';
import { samplePatterns } from '../../../src-core/patterns/sample-patterns';
import { Prng } from '../../../src-core/random/prng';
import { resolveAdversarial } from '../../../src-core/robust/adversarial-options';
import { DENSE_FRACTION, describeRadiusSuggestion, patternRobustRadii, roundDownToNice, suggestRobustRadii, suggestRobustRadius, SUGGESTION_MIN_ROWS, SUGGESTION_WORK, UNEVEN_SPREAD_RATIO, USABLE_SHARE } from '../../../src-core/robust/suggested-radius';
import type { ThreatNorm } from '../../../src-core/robust/threat-model';
import { defaultContext } from '../../../src-core/solvers/solver-types';
import { evaluatePredictions } from '../../../src-core/training/evaluate';
import { predictWithHeads } from '../../../src-core/training/predict';
import { trainModel } from '../../../src-core/training/train-model';
import type { TrainOptions } from '../../../src-core/training/train-types';
import { prepared } from './robust-fixtures';

/**
 * The robust constraints of paper-spec 6.2 for one pattern, checked row by row: the smallest
 * (2 d_ik - 1) x_k^T v - eps ||r .* v_features||_* over the rows (>= 0 means v is robust-feasible).
 */
function worstRobustSlack(X: Matrix, masks: Uint8Array, P: number, i: number, v: number[], eps: number, radii: number[], norm: ThreatNorm): number {
  const features = radii.length;
  let dual = 0;
  for (let j = 0; j < features; j++) dual = norm === 'linf' ? dual + Math.abs(radii[j]! * v[j]!) : dual + (radii[j]! * v[j]!) ** 2;
  if (norm === 'l2') dual = Math.sqrt(dual);
  let worst = Infinity;
  for (let k = 0; k < X.rows; k++) {
    let xv = 0;
    for (let j = 0; j < X.cols; j++) xv += X.data[k * X.cols + j]! * v[j]!;
    worst = Math.min(worst, (2 * masks[k * P + i]! - 1) * xv - eps * dual);
  }
  return worst;
}

describe('suggested adversarial radius (robust program geometry)', () => {
  it('a hand-worked case: the corridor half-width over the weighted dual norm', () => {
    // x in {-2, -1, 1, 2} with a bias; generator h = (1, 0.3): active for x >= -0.3, i.e. x >= 1.
    const X = appendOnesColumn(matrixFromRows([[-2], [-1], [1], [2]]));
    const patterns = patternsFromGenerators(X, matrixFromRows([[1, 0.3]]), { dropEmpty: true, source: 'sampled' });
    // corridor from -1 to 1: half-width 1; dual norm of r .* h is r |1|.
    expect(patternRobustRadii(X, patterns, [1], 'linf', true)).toEqual([1]);
    expect(patternRobustRadii(X, patterns, [0.5], 'linf', true)).toEqual([2]);
    // Without a bias the hyperplane stays at 0: the nearest row (|x| = 1) decides.
    const noBias = matrixFromRows([[-2, 1], [-1, 3], [1, 0], [2, 1]]);
    const through = patternsFromGenerators(noBias, matrixFromRows([[2, 0]]), { dropEmpty: true, source: 'sampled' });
    expect(patternRobustRadii(noBias, through, [1, 1], 'linf', false)).toEqual([1]);
    // l2 threat: the dual norm is Euclidean, sqrt((1 * 2)^2 + 0) = 2.
    expect(patternRobustRadii(noBias, through, [1, 1], 'l2', false)).toEqual([1]);
    const tilted = patternsFromGenerators(noBias, matrixFromRows([[3, 4]]), { dropEmpty: true, source: 'sampled' });
    // projections 3x1 + 4x2: -2, 9, 3, 10 -> all active? -6 + 4 = -2 < 0: row 0 inactive, margin min(3, 2) = 2.
    expect(patternRobustRadii(noBias, tilted, [1, 1], 'linf', false)).toEqual([2 / 7]);
    expect(patternRobustRadii(noBias, tilted, [1, 1], 'l2', false)).toEqual([2 / 5]);
  });

  it('every pattern keeps a robust-feasible witness up to its radius, and the witness fails just past it', () => {
    const prng = new Prng(11);
    const rows = Array.from({ length: 60 }, () => [prng.nextGaussian(), 2 * prng.nextGaussian(), prng.nextGaussian()]);
    const X = appendOnesColumn(matrixFromRows(rows));
    const patterns = samplePatterns(X, 20, new Prng(5));
    const P = patterns.count;
    const radiiPerUnit = [1, 0.5, 0];
    for (const norm of ['linf', 'l2'] as const) {
      const margins = patternRobustRadii(X, patterns, radiiPerUnit, norm, true);
      let checked = 0;
      margins.forEach((m, i) => {
        if (m === null) return;
        const h = Array.from(patterns.generators.data.subarray(i * X.cols, (i + 1) * X.cols));
        // The witness: the generator's direction with its bias moved to the corridor's middle.
        let lowestActive = Infinity;
        let highestInactive = -Infinity;
        for (let k = 0; k < X.rows; k++) {
          const projection = rows[k]!.reduce((s, x, j) => s + x * h[j]!, 0);
          if (patterns.masks[k * P + i] === 1) lowestActive = Math.min(lowestActive, projection);
          else highestInactive = Math.max(highestInactive, projection);
        }
        const v = [...h.slice(0, 3), -(lowestActive + highestInactive) / 2];
        expect(worstRobustSlack(X, patterns.masks, P, i, v, m, radiiPerUnit, norm)).toBeGreaterThan(-1e-9);
        expect(worstRobustSlack(X, patterns.masks, P, i, v, 1.01 * m, radiiPerUnit, norm)).toBeLessThan(0);
        checked++;
      });
      expect(checked).toBeGreaterThan(10);
    }
  });

  it('rounds down to 1, 2 or 5 times a power of ten', () => {
    expect([0.0199, 0.02, 0.049, 0.05, 0.73, 1, 9.99, 12, 0.001].map(roundDownToNice)).toEqual([0.01, 0.02, 0.02, 0.05, 0.5, 1, 5, 10, 0.001]);
    expect([0, -1, Number.NaN, Infinity].map(roundDownToNice)).toEqual([0, 0, 0, 0]);
  });

  it('keeps at least a quarter of the splitting patterns usable, and is null when none splits', () => {
    const data = prepared(twoMoonsTable(), 'moon');
    const unit = resolveAdversarial({ epsilon: 1, norm: 'linf', units: 'raw' }, data.fitted.pipeline).featureRadii!;
    const suggestion = suggestRobustRadius(data.fitted.dataset.X, unit, { norm: 'linf', hasBias: true, patternCount: 32, seed: 1 })!;
    expect(suggestion.usable).toBeGreaterThanOrEqual(Math.ceil(USABLE_SHARE * suggestion.splitting));
    expect(suggestion.value).toBe(roundDownToNice(suggestion.value));
    // One row cannot be split by any hyperplane.
    expect(suggestRobustRadius(matrixFromRows([[1, 2]]), [1, 1], { norm: 'linf', hasBias: true, patternCount: 8, seed: 1 })).toBeNull();
  });

  it('reads at most maxRows evenly spaced rows, and says when the rows are dense', () => {
    const prng = new Prng(2);
    const gaussian = matrixFromRows(Array.from({ length: 5000 }, () => Array.from({ length: 5 }, () => prng.nextGaussian())));
    const options = { norm: 'linf' as const, hasBias: true, patternCount: 32, seed: 1 };
    const thinned = suggestRobustRadius(gaussian, [1, 1, 1, 1, 1], { ...options, maxRows: 500 })!;
    expect([thinned.rowsRead, thinned.rows]).toEqual([500, 5000]);
    expect(describeRadiusSuggestion(thinned)).toContain('(Read on 500 evenly spaced training rows of 5,000.)');
    // Wide rows: fewer of them, so one pass stays within SUGGESTION_WORK multiply-adds.
    const wide = matrixFromRows(Array.from({ length: 3000 }, () => Array.from({ length: 400 }, () => prng.nextGaussian())));
    const wideSuggestion = suggestRobustRadius(wide, new Array(400).fill(1), options)!;
    expect(wideSuggestion.rowsRead).toBe(Math.floor(SUGGESTION_WORK / (401 * 32)));
    expect(wideSuggestion.rowsRead).toBeGreaterThanOrEqual(SUGGESTION_MIN_ROWS);
    // Dense rows: the corridors are far narrower than a hundredth of a tenth of the spread (~0.1).
    const all = suggestRobustRadius(gaussian, [1, 1, 1, 1, 1], options)!;
    expect(all.rowsRead).toBe(5000);
    expect(all.spreadRadius).toBeCloseTo(0.1, 1);
    expect(all.value).toBeLessThan(DENSE_FRACTION * all.spreadRadius!);
    expect(describeRadiusSuggestion(all)).toMatch(/These rows leave almost no empty corridors: at a tenth of a column's spread \(0\.\d+\) the robust program keeps little more than a linear model/);
    expect(describeRadiusSuggestion(all)).not.toContain('Read on');
    // Two moons has corridors: no such note.
    const moons = prepared(twoMoonsTable(), 'moon');
    const unit = resolveAdversarial({ epsilon: 1, norm: 'linf', units: 'raw' }, moons.fitted.pipeline).featureRadii!;
    expect(describeRadiusSuggestion(suggestRobustRadius(moons.fitted.dataset.X, unit, options)!)).not.toContain('corridors');
  });

  it('says when the columns\' spreads are so uneven in the radius\'s units that standardized units may suit better', () => {
    const prng = new Prng(4);
    // Standardized prepared columns (spread 1); one raw unit is 1 / (column's raw spread) of them.
    const X = matrixFromRows(Array.from({ length: 400 }, () => [prng.nextGaussian(), prng.nextGaussian()]));
    const options = { norm: 'linf' as const, hasBias: true, patternCount: 16, seed: 1 };
    // Raw spreads 1,000 (an area) and 0.01 (a ratio): 100,000-fold.
    const raw = suggestRobustRadius(X, [1 / 1000, 1 / 0.01], options)!;
    // The sample's spreads are near 1, so the ratio is near 100,000 (94,559 here), written in two digits.
    expect(raw.spreadRatio! / 1e5).toBeCloseTo(1, 0);
    expect(describeRadiusSuggestion(raw)).toContain("The columns' spreads differ 95,000-fold in these units, so one radius moves the narrowest columns hardest");
    // Standardized units: every column spreads 1, so no such note; nor for 50-fold.
    const standardized = suggestRobustRadius(X, [1, 1], options)!;
    expect(standardized.spreadRatio).toBeLessThan(1.2);
    expect(describeRadiusSuggestion(standardized)).not.toContain('spreads differ');
    expect(describeRadiusSuggestion(suggestRobustRadius(X, [1 / 50, 1], options)!)).not.toContain('spreads differ');
    expect(UNEVEN_SPREAD_RATIO).toBe(100);
    // One perturbable column: no ratio.
    expect(suggestRobustRadius(X, [1, 0], options)!.spreadRatio).toBeNull();
    // Several units at once (one sampling, one pass over the rows) give what each gives alone.
    const units = [[1 / 1000, 1 / 0.01], [1, 1], [1, 0]];
    expect(suggestRobustRadii(X, units, options)).toEqual(units.map((u) => suggestRobustRadius(X, u, options)));
  });

  it('two moons: robust training at the suggested radius keeps the standard model\'s test accuracy; the former rule (a tenth of the smallest spread) did not', () => {
    const data = prepared(twoMoonsTable(), 'moon');
    const train = data.fitted.dataset;
    const test = data.test!;
    const base: TrainOptions = { task: 'binary', loss: 'squared', solver: 'admm', formulation: 'sampled', patterns: 32, beta: 0.02, bias: true, seed: 1, solverSettings: { tolerance: 1e-3 } };
    const accuracyAt = (epsilon: number): number => {
      const options: TrainOptions = epsilon > 0 ? { ...base, adversarial: resolveAdversarial({ epsilon, norm: 'linf', units: 'raw' }, data.fitted.pipeline) } : base;
      const outcome = trainModel(train, options, defaultContext());
      return evaluatePredictions('binary', predictWithHeads('binary', options.loss, outcome.heads, test.X), test.y).classification!.accuracy!;
    };
    const unit = resolveAdversarial({ epsilon: 1, norm: 'linf', units: 'raw' }, data.fitted.pipeline).featureRadii!;
    const suggested = suggestRobustRadius(train.X, unit, { norm: 'linf', hasBias: true, patternCount: base.patterns, seed: base.seed })!.value;
    const smallestSpread = Math.min(...data.fitted.pipeline.steps.map((step) => (step.kind === 'numeric' ? step.scale : Infinity)));
    const former = Number((0.1 * smallestSpread).toPrecision(1));
    expect(suggested).toBeLessThan(former);
    const standard = accuracyAt(0);
    expect(accuracyAt(suggested)).toBeGreaterThanOrEqual(standard - 0.02);
    expect(accuracyAt(former)).toBeLessThan(standard - 0.04);
  });
});
