import { describe, expect, it } from 'vitest';
import { isConvexNetError } from '../../../../src-core/errors';
import { createMatrix, matrixFromRows } from '../../../../src-core/linalg/matrix';
import { Prng } from '../../../../src-core/random/prng';
import { buildScpFeatures, sampleScpDirections, scpDirectionsFromVectors } from '../../../../src-core/solvers/scp/scp-features';
import { toyDirections, toyH, toyPhiPrinted, toyX } from './scp-fixtures';

describe('SCP features (paper-spec 5.1, 7.3 F)', () => {
  it('builds the printed Phi of 7.3(F) from the six normalized h of 7.3 to 1e-6', () => {
    const phi = buildScpFeatures(toyX, toyDirections);
    expect([phi.rows, phi.cols]).toEqual([8, 6]);
    for (let k = 0; k < 8; k++) {
      for (let j = 0; j < 6; j++) expect(Math.abs(phi.data[k * 6 + j]! - toyPhiPrinted[k]![j]!)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('normalizes given vectors to unit rows with the same direction, and rejects zero rows', () => {
    for (let j = 0; j < toyH.length; j++) {
      const h = toyH[j]!;
      const norm = Math.hypot(...h);
      for (let t = 0; t < 3; t++) expect(toyDirections.data[j * 3 + t]).toBeCloseTo(h[t]! / norm, 15);
    }
    let caught: unknown;
    try {
      scpDirectionsFromVectors(matrixFromRows([[1, 0], [0, 0]]));
    } catch (e) {
      caught = e;
    }
    expect(isConvexNetError(caught) && caught.code).toBe('solver/invalid-directions');
    expect(() => scpDirectionsFromVectors(createMatrix(0, 3))).toThrow(/At least one neuron direction/);
  });

  it('samples unit directions uniformly on the sphere, bias coordinate included, reproducibly per seed', () => {
    const N = 4000;
    const d = 3;
    const u = sampleScpDirections(new Prng(11), N, d);
    expect([u.rows, u.cols]).toEqual([N, d]);
    const mean = new Float64Array(d);
    const second = new Float64Array(d);
    for (let j = 0; j < N; j++) {
      let sq = 0;
      for (let t = 0; t < d; t++) {
        const v = u.data[j * d + t]!;
        sq += v * v;
        mean[t]! += v / N;
        second[t]! += (v * v) / N;
      }
      expect(Math.abs(Math.sqrt(sq) - 1)).toBeLessThan(1e-14);
    }
    // Uniform on the sphere: E u_t = 0 and E u_t^2 = 1/d for every coordinate, the last (bias) one too.
    for (let t = 0; t < d; t++) {
      expect(Math.abs(mean[t]!)).toBeLessThan(0.03);
      expect(Math.abs(second[t]! - 1 / d)).toBeLessThan(0.02);
    }
    expect(sampleScpDirections(new Prng(11), N, d).data).toEqual(u.data);
    expect(sampleScpDirections(new Prng(12), N, d).data).not.toEqual(u.data);
  });

  it('rejects zero neurons and mismatched dimensions with ConvexNetErrors', () => {
    expect(() => sampleScpDirections(new Prng(1), 0, 3)).toThrow(expect.objectContaining({ code: 'solver/no-neurons' }));
    expect(() => buildScpFeatures(toyX, createMatrix(2, 2))).toThrow(expect.objectContaining({ code: 'data/shape-mismatch' }));
  });
});
