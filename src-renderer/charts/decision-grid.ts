import type { TestPredictions } from '../../src-core/contract/test-predictions';
import type { PreprocessingPipeline } from '../../src-core/data/preprocessing-types';
import { stepFeatureNames } from '../../src-core/data/preprocessing-types';
import { createMatrix } from '../../src-core/linalg/matrix';
import type { ModelFile } from '../../src-core/model/model-file-types';
import { modelNetworks } from '../../src-core/model/predict-raw';
import { predictWithHeads } from '../../src-core/training/predict';

/** Cells per side of the decision map (60 x 60 = 3600 predictions: a few ms). */
export const GRID_RESOLUTION = 60;

export interface GridAxes {
  /** Prepared-feature indices on the horizontal and vertical axes. */
  readonly xFeature: number;
  readonly yFeature: number;
  /** Prepared values of every feature; the two axis features are overwritten per cell. */
  readonly baseline: readonly number[];
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly resolution: number;
}

export interface DecisionGrid {
  readonly axes: GridAxes;
  /** Cell (i, j) = row j (bottom to top), column i (left to right): index j * resolution + i. */
  readonly labels: Int32Array | null;
  /** Probability of the predicted class (classification) or the predicted value (regression). */
  readonly values: Float64Array;
}

/** Cell centres along an axis. */
export function gridCentres(range: readonly [number, number], resolution: number): number[] {
  const step = (range[1] - range[0]) / resolution;
  return Array.from({ length: resolution }, (_, k) => range[0] + (k + 0.5) * step);
}

/**
 * The model's prediction over a grid of two prepared features with every other feature held at
 * its baseline value, by the same pure predict the app trains with (no back-end round trip).
 */
export function decisionGrid(model: ModelFile, axes: GridAxes): DecisionGrid {
  const d = model.featureNames.length;
  const { resolution } = axes;
  const xs = gridCentres(axes.xRange, resolution);
  const ys = gridCentres(axes.yRange, resolution);
  const X = createMatrix(resolution * resolution, d);
  for (let j = 0; j < resolution; j++) {
    for (let i = 0; i < resolution; i++) {
      const row = (j * resolution + i) * d;
      for (let f = 0; f < d; f++) X.data[row + f] = axes.baseline[f] ?? 0;
      X.data[row + axes.xFeature] = xs[i]!;
      X.data[row + axes.yFeature] = ys[j]!;
    }
  }
  const predictions = predictWithHeads(model.task, model.loss, modelNetworks(model), X);
  if (!predictions.labels) return { axes, labels: null, values: predictions.values! };
  const K = predictions.classCount;
  const values = Float64Array.from(predictions.labels, (label, cell) => predictions.probabilities![cell * K + label]!);
  return { axes, labels: predictions.labels, values };
}

/** Per-feature mean of the sampled test rows' prepared inputs (the "held at their mean" values). */
export function featureMeans(sample: TestPredictions): number[] | null {
  const rows = sample.rows.filter((row) => row.features !== null);
  if (rows.length === 0) return null;
  const d = rows[0]!.features!.length;
  const means = new Array<number>(d).fill(0);
  for (const row of rows) for (let f = 0; f < d; f++) means[f]! += row.features![f]! / rows.length;
  return means;
}

/**
 * The two inputs the map starts on: the first two that take more than two distinct values over
 * the sampled rows (so not one-hot indicators such as "island=Biscoe", whose map is two lines
 * of dots in the corners), filled up in column order when fewer than two do.
 */
export function defaultMapAxes(sample: TestPredictions, featureCount: number): [number, number] {
  const graded: number[] = [];
  const others: number[] = [];
  for (let f = 0; f < featureCount; f++) {
    const seen = new Set<number>();
    for (const row of sample.rows) {
      const value = row.features?.[f];
      if (value !== undefined && Number.isFinite(value)) seen.add(value);
      if (seen.size > 2) break;
    }
    (seen.size > 2 ? graded : others).push(f);
  }
  const order = [...graded, ...others];
  return [order[0] ?? 0, order[1] ?? 1];
}

/** The span of one feature over the sampled rows, widened by 5% each side (0..1 when flat). */
export function featureRange(sample: TestPredictions, feature: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const row of sample.rows) {
    const value = row.features?.[feature];
    if (value === undefined || !Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (!(high > low)) return Number.isFinite(low) ? [low - 0.5, low + 0.5] : [0, 1];
  const pad = 0.05 * (high - low);
  return [low - pad, high + pad];
}

/**
 * A prepared value in the raw column's units: standardized numbers go back through
 * center + scale z; a one-hot input stays 0..1 (it is "is this category").
 */
export function rawFeatureValue(pipeline: PreprocessingPipeline, feature: number, prepared: number): number {
  let offset = 0;
  for (const step of pipeline.steps) {
    const width = stepFeatureNames(step).length;
    if (feature < offset + width) return step.kind === 'numeric' ? step.center + step.scale * prepared : prepared;
    offset += width;
  }
  return prepared;
}
