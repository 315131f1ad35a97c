import { describe, expect, it } from 'vitest';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import type { Loss } from '../../../../src-core/losses';
import { createAdmmIterator } from '../../../../src-core/solvers/scp/scp-admm';
import { maximizeConcave, ScpCertificate } from '../../../../src-core/solvers/scp/scp-certificate';
import { buildScpFeatures } from '../../../../src-core/solvers/scp/scp-features';
import { createFistaIterator } from '../../../../src-core/solvers/scp/scp-fista';
import { createIpmIterator } from '../../../../src-core/solvers/scp/scp-ipm';
import { makeRegularizedSystem } from '../../../../src-core/solvers/scp/scp-linear-system';
import type { ScpIterator } from '../../../../src-core/solvers/scp/scp-iterator';
import { hingeObjective, synthetic, toyBeta, toyDirections, toyX, toyY01, toyYRegression, toyYSign } from './scp-fixtures';

/**
 * The methods on their own, without the driver's polishing: each must converge by itself, so a
 * broken step cannot hide behind the active-set polish.
 */
const phi = buildScpFeatures(toyX, toyDirections);
const zeros = new Float64Array(6);

function objectiveAfter(iterator: ScpIterator, steps: number, loss: Loss, y: Float64Array): number {
  for (let i = 0; i < steps; i++) iterator.step();
  const cp = iterator.checkPoint(new Float64Array(8));
  let l1 = 0;
  for (const a of cp.alpha) l1 += Math.abs(a);
  return loss.value(cp.scores, y) + toyBeta * l1;
}

describe('SCP methods without polishing (7.3 F toy)', () => {
  it('FISTA converges to the squared and BCE references', () => {
    const sq = objectiveAfter(createFistaIterator(phi, squaredLoss, toyYRegression, undefined, toyBeta, zeros), 3000, squaredLoss, toyYRegression);
    expect(Math.abs(sq - 0.6904589429)).toBeLessThan(1e-9);
    const bce = objectiveAfter(createFistaIterator(phi, bceLoss, toyY01, undefined, toyBeta, zeros), 3000, bceLoss, toyY01);
    expect(Math.abs(bce - 2.1311598046)).toBeLessThan(1e-9);
  });

  it('ADMM converges to the squared reference', () => {
    const sq = objectiveAfter(createAdmmIterator(phi, squaredLoss, toyYRegression, undefined, toyBeta, zeros, 1), 3000, squaredLoss, toyYRegression);
    expect(Math.abs(sq - 0.6904589429)).toBeLessThan(1e-8);
  });

  it('the interior-point and ADMM methods agree on the hinge program', () => {
    const ipm = createIpmIterator(phi, toyYSign, undefined, toyBeta, zeros);
    for (let i = 0; i < 40; i++) ipm.step();
    const ipmPoint = ipm.checkPoint(new Float64Array(8));
    const ipmObjective = hingeObjective(phi, ipmPoint.alpha, toyYSign, toyBeta);
    const admm = objectiveAfter(createAdmmIterator(phi, hingeLoss, toyYSign, undefined, toyBeta, zeros, 1), 20000, hingeLoss, toyYSign);
    expect(Math.abs(ipmObjective - admm) / admm).toBeLessThan(1e-6);
    expect(ipmPoint.primalResidual!).toBeLessThan(1e-8);
  });
});

describe('SCP certificate', () => {
  it('gives a valid bound from any candidate and the optimum from the optimal gradient', () => {
    const certificate = new ScpCertificate(phi, squaredLoss, toyYRegression, undefined, toyBeta);
    // From the reference alpha*, z = Phi alpha* - y is (up to the 6 printed decimals) dual optimal.
    const alpha = [0, 0.984172, -1.034089, 0.950345, 0.416191, 0.003713];
    const z = new Float64Array(8);
    for (let k = 0; k < 8; k++) {
      let p = 0;
      for (let j = 0; j < 6; j++) p += phi.data[k * 6 + j]! * alpha[j]!;
      z[k] = p - toyYRegression[k]!;
    }
    const bound = certificate.evaluate(z);
    expect(bound.lowerBound).toBeLessThanOrEqual(0.6904589429 + 5e-11);
    expect(bound.lowerBound).toBeGreaterThan(0.6904589429 - 1e-5);
    // A poor candidate (the residual at alpha = 0) still gives a bound below the optimum.
    const poor = certificate.evaluate(Float64Array.from(toyYRegression, (v) => -v));
    expect(poor.lowerBound).toBeLessThanOrEqual(0.6904589429);
    expect(poor.lowerBound).toBeGreaterThanOrEqual(0);
    expect(poor.scale).toBeLessThanOrEqual(toyBeta / poor.dualNorm + 1e-15);
  });

  it('maximizeConcave finds interior maxima, boundary maxima and the edge of the domain', () => {
    expect(maximizeConcave((t) => -((t - 0.3) ** 2), 1)).toBeCloseTo(0.3, 6);
    expect(maximizeConcave((t) => t, 2)).toBe(2);
    // f finite only on [0, 0.7]: the maximizer of the increasing f is the domain edge.
    expect(maximizeConcave((t) => (t <= 0.7 ? t : -Infinity), 3)).toBeCloseTo(0.7, 12);
  });
});

describe('ADMM linear system (kappa I + Phi^T Phi) x = b', () => {
  it.each([
    [30, 12],
    [12, 30],
  ])('Cholesky, Woodbury and CG paths solve it to 1e-9 (n = %i, N = %i)', (n, N) => {
    const data = synthetic(4, n, 3, N);
    const p = buildScpFeatures(data.X, data.directions);
    const b = Float64Array.from({ length: N }, (_, j) => Math.sin(j + 1));
    for (const path of ['cholesky-gram', 'woodbury', 'cg'] as const) {
      const x = new Float64Array(N);
      makeRegularizedSystem(p, 0.7, path).solve(b, x);
      // residual of (0.7 I + Phi^T Phi) x - b, computed directly
      for (let j = 0; j < N; j++) {
        let r = 0.7 * x[j]! - b[j]!;
        for (let k = 0; k < n; k++) {
          let pk = 0;
          for (let i = 0; i < N; i++) pk += p.data[k * N + i]! * x[i]!;
          r += p.data[k * N + j]! * pk;
        }
        expect(Math.abs(r), path).toBeLessThan(1e-9);
      }
    }
  });
});
