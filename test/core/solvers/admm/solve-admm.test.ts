import { describe, expect, it } from 'vitest';
import { ConvexNetError } from '../../../../src-core/errors';
import { createMatrix } from '../../../../src-core/linalg/matrix';
import { bceLoss, hingeLoss, squaredLoss } from '../../../../src-core/losses';
import { networkScores, weightDecay } from '../../../../src-core/network/forward';
import { AdmmEngine } from '../../../../src-core/solvers/admm/admm-engine';
import { solveAdmm, type AdmmProblem } from '../../../../src-core/solvers/admm/solve-admm';
import { defaultContext, describeStatus } from '../../../../src-core/solvers/solver-types';
import { enumerateExactPatterns } from '../../../../src-core/patterns/exact-patterns';
import { toyBeta, toyOptima, toyPatternsFromTable, toyX, toyY01, toyYhatBce, toyYhatExact, toyYhatSquared, toyYPlusMinus, toyYRegression } from '../../fixtures/toy-problem';

const tight = { tolerance: 1e-10, maxIterations: 200000, epsAbs: 0, epsRel: 0 };
/** The paper's Algorithm 3.1 exactly: no over-relaxation. */
const plain = { relaxation: 1 };

function toyProblem(loss: 'squared' | 'bce' | 'hinge'): AdmmProblem {
  const y = loss === 'squared' ? toyYRegression : loss === 'bce' ? toyY01 : toyYPlusMinus;
  const lossObject = loss === 'squared' ? squaredLoss : loss === 'bce' ? bceLoss : hingeLoss;
  return { X: toyX, y, loss: lossObject, beta: toyBeta, patterns: toyPatternsFromTable(), hasBias: true };
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe('ADMM (Algorithm 3.1) on the spec 7.3 reference problems', () => {
  it('reproduces the 5-iteration trace of 7.3(A) (rho = 1, ratio 1, zero start)', () => {
    const engine = new AdmmEngine(toyProblem('squared'), { rho: 1, gammaRatio: 1, splitLoss: false, linearSystem: 'auto', relaxation: 1 }, () => 0);
    const trace = [
      [2.3289708182, 2.856182e-1, 6.583924e-1],
      [0.6183118033, 9.974118e-2, 3.628495e-1],
      [0.5360072806, 8.49552e-2, 2.774594e-1],
      [0.5569073705, 6.76927e-2, 2.26802e-1],
      [0.5883551797, 4.810991e-2, 1.752115e-1],
    ];
    const XU = new Float64Array(engine.ops.patternSpaceLength);
    const gu = new Float64Array(engine.ops.patternSpaceLength);
    for (const [objective, uv, cone] of trace) {
      engine.step(false);
      const st = engine.state;
      let a = 0;
      for (let j = 0; j < st.u.length; j++) a += (st.u[j]! - st.v[j]!) ** 2;
      engine.ops.applyBlocks(st.u, XU);
      engine.ops.coneProducts(XU, gu);
      let b = 0;
      for (let j = 0; j < gu.length; j++) b += (gu[j]! - st.s[j]!) ** 2;
      expect(engine.convexObjectiveAtV()).toBeCloseTo(objective!, 9);
      expect(Math.sqrt(a)).toBeCloseTo(uv!, 7);
      expect(Math.sqrt(b)).toBeCloseTo(cone!, 7);
    }
  });

  it('reaches the squared-loss optimum 0.476388672289 and its unique predictions, with a bracketing certificate', () => {
    const result = solveAdmm(toyProblem('squared'), { ...tight, rho: 0.1 }, defaultContext());
    expect(result.status).toBe('solved');
    expect(relErr(result.info.objective, toyOptima.squared)).toBeLessThan(1e-6);
    expect(result.info.lowerBound!).toBeLessThanOrEqual(toyOptima.squared + 1e-12);
    expect(result.info.objective).toBeGreaterThanOrEqual(toyOptima.squared - 1e-9);
    result.solution.trainPredictions.forEach((v, k) => expect(v).toBeCloseTo(toyYhatSquared[k]!, 5));
  });

  it('the recovered network has the convex objective and reproduces the training predictions', () => {
    const result = solveAdmm(toyProblem('squared'), { ...tight, rho: 0.1 }, defaultContext());
    const net = result.solution.network;
    const scores = networkScores(net, toyX);
    const nc = squaredLoss.value(scores, toyYRegression) + weightDecay(net, toyBeta);
    expect(Math.abs(nc - result.info.objective)).toBeLessThan(1e-9);
    expect(relErr(nc, toyOptima.squared)).toBeLessThan(1e-6);
    expect(net.output.length).toBe(result.solution.neuronCount);
    expect(net.output.length).toBeGreaterThan(0);
  });

  it('gives the same optimum on the direct and the Woodbury linear-system paths, and with adaptive rho', () => {
    const direct = solveAdmm(toyProblem('squared'), { ...tight, linearSystem: 'direct', adaptiveRho: false, rho: 0.1 }, defaultContext());
    const woodbury = solveAdmm(toyProblem('squared'), { ...tight, linearSystem: 'woodbury', adaptiveRho: false, rho: 0.1 }, defaultContext());
    const adaptive = solveAdmm(toyProblem('squared'), { ...tight, adaptiveRho: true, rho: 10 }, defaultContext());
    for (const r of [direct, woodbury, adaptive]) expect(relErr(r.info.objective, toyOptima.squared)).toBeLessThan(1e-6);
    expect(direct.info.details!.join(' ')).toMatch(/Linear system: direct/);
    expect(woodbury.info.details!.join(' ')).toMatch(/Linear system: woodbury/);
  });

  it('loss splitting reaches the same squared-loss optimum', () => {
    const r = solveAdmm({ ...toyProblem('squared'), variant: 'loss-splitting' }, { ...tight, rho: 1 }, defaultContext());
    expect(relErr(r.info.objective, toyOptima.squared)).toBeLessThan(1e-6);
  });

  it('reaches the hinge optimum 1.00530794 of 7.3(C) with a bracketing certificate', () => {
    const r = solveAdmm(toyProblem('hinge'), { ...tight, rho: 1 }, defaultContext());
    expect(relErr(r.info.objective, toyOptima.hinge)).toBeLessThan(1e-6);
    // The spec prints this optimum to 8 digits, so allow its rounding.
    expect(r.info.lowerBound!).toBeLessThanOrEqual(toyOptima.hinge * (1 + 1e-8));
    expect(r.info.lowerBound!).toBeGreaterThan(toyOptima.hinge * (1 - 1e-6));
  });

  it('reaches the BCE optimum 1.4798700751 of 7.3(B)', () => {
    const r = solveAdmm(toyProblem('bce'), { ...tight, rho: 1 }, defaultContext());
    expect(relErr(r.info.objective, toyOptima.bce)).toBeLessThan(1e-6);
    r.solution.trainPredictions.forEach((v, k) => expect(v).toBeCloseTo(toyYhatBce[k]!, 4));
    expect(r.info.lowerBound!).toBeLessThanOrEqual(toyOptima.bce * (1 + 1e-9));
  });

  it('residuals decrease at a linear rate on the squared loss (fixed rho)', () => {
    const r = solveAdmm(toyProblem('squared'), { ...plain, rho: 1, adaptiveRho: false, tolerance: 1e-14, epsAbs: 0, epsRel: 0, maxIterations: 1000, checkEvery: 100 }, defaultContext());
    const res = r.history.map((h) => h.primalResidual!);
    // Contraction factor per 100 iterations, measured on the tail after the transient.
    const factors = res.slice(2).map((v, i) => v / res[i + 1]!);
    for (const f of factors) expect(f).toBeLessThan(0.6);
    const spread = Math.max(...factors) / Math.min(...factors);
    expect(spread).toBeLessThan(3);
  });
});

describe('ADMM on the exact program (all activation patterns)', () => {
  it('enumerates the 58 patterns of 7.3(E) and reaches the exact optimum 0.3097687223 and its predictions', () => {
    const patterns = enumerateExactPatterns(toyX, { dropEmpty: true });
    // 58 cells; the all-zero pattern is a dead block and is dropped.
    expect(patterns.count).toBe(57);
    const r = solveAdmm({ X: toyX, y: toyYRegression, loss: squaredLoss, beta: toyBeta, patterns, hasBias: true }, tight, defaultContext());
    expect(relErr(r.info.objective, toyOptima.exactSquared)).toBeLessThan(1e-6);
    r.solution.trainPredictions.forEach((v, k) => expect(v).toBeCloseTo(toyYhatExact[k]!, 5));
    // The exact optimum is below the sampled one (more cones can only help).
    expect(r.info.objective).toBeLessThan(toyOptima.squared);
  });
});

describe('ADMM: the delivered model', () => {
  it('has its negligible blocks zeroed, and the reported objective, gap and predictions are those of that network (exact toy program, tolerance 1e-4)', () => {
    // Measured before pruning: 32 nonzero blocks, the smallest at 2e-7 of the largest norm.
    const patterns = enumerateExactPatterns(toyX, { dropEmpty: true });
    const r = solveAdmm({ X: toyX, y: toyYRegression, loss: squaredLoss, beta: toyBeta, patterns, hasBias: true }, { tolerance: 1e-4 }, defaultContext());
    expect(r.status).toBe('solved');
    expect(r.info.notes.some((note) => /negligible neuron blocks? (was|were) set to zero/.test(note))).toBe(true);
    const { data, dim, patternCount } = r.solution.blocks;
    const norms = Array.from({ length: 2 * patternCount }, (_, j) => Math.hypot(...data.subarray(j * dim, (j + 1) * dim)));
    const largest = Math.max(...norms);
    const kept = norms.filter((n) => n > 0);
    for (const n of kept) expect(n).toBeGreaterThan(1e-4 * largest);
    expect(r.solution.neuronCount).toBe(kept.length);
    // The iterate itself (what a warm start continues from) is untouched.
    const stateBlocks = Array.from({ length: 2 * patternCount }, (_, j) => r.solution.state.v.subarray(j * dim, (j + 1) * dim).some((v) => v !== 0));
    expect(stateBlocks.filter(Boolean).length).toBeGreaterThan(kept.length);
    // The numbers describe the delivered network.
    const scores = networkScores(r.solution.network, toyX);
    scores.forEach((v, k) => expect(r.solution.trainPredictions[k]!).toBeCloseTo(v, 12));
    const objective = squaredLoss.value(scores, toyYRegression) + weightDecay(r.solution.network, toyBeta);
    expect(relErr(r.info.objective, objective)).toBeLessThan(1e-12);
    expect(r.info.relativeGap!).toBeLessThanOrEqual(1e-4);
    expect(r.info.lowerBound!).toBeLessThanOrEqual(toyOptima.exactSquared * (1 + 1e-12));
    expect(relErr(r.info.objective, toyOptima.exactSquared)).toBeLessThan(1e-4);
  });
});

describe('ADMM: the reported numbers are those of the delivered network', () => {
  it('solved or stopped early, pruned or not (exact toy program and the hinge toy)', () => {
    const exact = { X: toyX, y: toyYRegression, loss: squaredLoss, beta: toyBeta, patterns: enumerateExactPatterns(toyX, { dropEmpty: true }), hasBias: true };
    const cases: [AdmmProblem, Record<string, number>][] = [
      // Measured: 80 and 160 iterations end with every pruning tried and rejected; the tolerance runs prune.
      [exact, { maxIterations: 15 }], [exact, { maxIterations: 80 }], [exact, { tolerance: 1e-6 }],
      [toyProblem('hinge'), { maxIterations: 160 }], [toyProblem('hinge'), { tolerance: 1e-4 }],
    ];
    for (const [problem, settings] of cases) {
      const r = solveAdmm(problem, settings, defaultContext());
      const scores = networkScores(r.solution.network, problem.X);
      scores.forEach((v, k) => expect(r.solution.trainPredictions[k]!).toBeCloseTo(v, 10));
      const objective = problem.loss.value(scores, problem.y) + weightDecay(r.solution.network, problem.beta);
      expect(relErr(r.info.objective, objective)).toBeLessThan(1e-10);
    }
  });
});

describe('ADMM behaviour', () => {
  it('reports the largest lower bound proven so far: it never falls, and the final one is the certificate\'s', () => {
    // Each check's own bound follows the iterates up and down (it falls at some early checks on
    // these toys); every one bounds the same program, so the largest does.
    for (const loss of ['squared', 'hinge'] as const) {
      const r = solveAdmm(toyProblem(loss), { tolerance: 1e-8, maxIterations: 3000, checkEvery: 1, rho: 1 }, defaultContext());
      const bounds = r.history.map((h) => h.lowerBound ?? -Infinity);
      bounds.slice(1).forEach((b, k) => expect(b).toBeGreaterThanOrEqual(bounds[k]!));
      expect(r.info.lowerBound).toBe(bounds[bounds.length - 1]);
      expect(r.info.lowerBound!).toBeLessThanOrEqual(toyOptima[loss] * (1 + 1e-8));
    }
  });

  it('says when it stopped on its residual test with the certificate above the tolerance', () => {
    // Loose residual tolerances and a certificate asked to 1e-12: the residual test ends the run.
    const loose = solveAdmm(toyProblem('squared'), { tolerance: 1e-12, epsAbs: 1e-4, epsRel: 1e-4, maxIterations: 100_000, rho: 1 }, defaultContext());
    expect(loose.status).toBe('solved');
    expect(loose.info.relativeGap!).toBeGreaterThan(1e-12);
    expect(loose.info.solvedOnResiduals).toBe(true);
    expect(describeStatus(loose.status, loose.info.relativeGap, true)).toMatch(/^Converged: the solution stopped changing \(the primal and dual residuals met their tolerances\)\. The certificate had not yet reached the requested tolerance\. The certified gap is /);
    // Solved by the certificate: no such flag, and the usual words.
    const certified = solveAdmm(toyProblem('squared'), { tolerance: 1e-6, maxIterations: 100_000, rho: 1 }, defaultContext());
    expect(certified.status).toBe('solved');
    expect(certified.info.relativeGap!).toBeLessThanOrEqual(1e-6);
    expect(certified.info.solvedOnResiduals).toBeUndefined();
    expect(describeStatus(certified.status, certified.info.relativeGap)).toMatch(/^Reached the requested tolerance\./);
  });

  it('is deterministic: same problem and settings give bit-identical solutions and histories', () => {
    const a = solveAdmm(toyProblem('hinge'), { maxIterations: 300 }, defaultContext({ now: () => 0 }));
    const b = solveAdmm(toyProblem('hinge'), { maxIterations: 300 }, defaultContext({ now: () => 0 }));
    expect(Array.from(a.solution.blocks.data)).toEqual(Array.from(b.solution.blocks.data));
    expect(a.history).toEqual(b.history);
  });

  it('stops with status cancelled and keeps the last iterate', () => {
    let calls = 0;
    const r = solveAdmm(toyProblem('squared'), { ...tight, checkEvery: 1000 }, defaultContext({ isCancelled: () => ++calls >= 37 }));
    expect(r.status).toBe('cancelled');
    expect(r.info.iterations).toBe(37);
    expect(Number.isFinite(r.info.objective)).toBe(true);
    expect(r.history.length).toBeGreaterThan(0);
  });

  it('reports the iteration limit as a status, not an error', () => {
    const r = solveAdmm(toyProblem('squared'), { ...tight, maxIterations: 5 }, defaultContext());
    expect(r.status).toBe('max-iterations');
    expect(r.info.iterations).toBe(5);
  });

  it('a rho change mid-run gives the same iterates as a fresh engine started from the rescaled state', () => {
    // The u-step reuses the adjoint input written by the previous s/nu sweep; a rho change
    // rescales nu, so that input must be rebuilt (a stale one would change every later iterate).
    const options = { rho: 0.3, gammaRatio: 1, splitLoss: false, linearSystem: 'direct' as const, relaxation: 1.6 };
    const running = new AdmmEngine(toyProblem('squared'), options, () => 0);
    for (let k = 0; k < 7; k++) running.step(false);
    running.setRho(0.6, () => 0);
    const snapshot = { ...running.state, u: running.state.u.slice(), v: running.state.v.slice(), lambda: running.state.lambda.slice(), s: running.state.s.slice(), nu: running.state.nu.slice() };
    const fresh = new AdmmEngine(toyProblem('squared'), { ...options, rho: 0.6, warmStart: snapshot }, () => 0);
    for (let k = 0; k < 5; k++) {
      running.step(false);
      fresh.step(false);
    }
    // Equal up to rounding (the running engine re-Choleskys its kept matrix, the fresh one forms it anew).
    const maxDiff = (a: Float64Array, b: Float64Array): number => a.reduce((m, x, j) => Math.max(m, Math.abs(x - b[j]!)), 0);
    expect(maxDiff(running.state.v, fresh.state.v)).toBeLessThan(1e-10);
    expect(maxDiff(running.state.nu, fresh.state.nu)).toBeLessThan(1e-10);
    expect(maxDiff(running.state.v, new Float64Array(running.state.v.length))).toBeGreaterThan(1e-3);
  });

  it('a warm start from the solution converges in fewer iterations', () => {
    const cold = solveAdmm(toyProblem('squared'), { tolerance: 1e-8 }, defaultContext());
    const warm = solveAdmm({ ...toyProblem('squared'), warmStart: cold.solution.state }, { tolerance: 1e-8 }, defaultContext());
    expect(warm.info.iterations).toBeLessThan(cold.info.iterations);
    expect(relErr(warm.info.objective, toyOptima.squared)).toBeLessThan(1e-6);
  });

  it('rejects bad data and settings with clear ConvexNetErrors before iterating', () => {
    const base = toyProblem('squared');
    const nanX = createMatrix(8, 3, Float64Array.from(toyX.data));
    nanX.data[4] = Number.NaN;
    const cases: [AdmmProblem, Record<string, unknown>, RegExp][] = [
      [{ ...base, X: nanX }, {}, /NaN/],
      [{ ...base, y: toyYRegression.slice(0, 7) }, {}, /7 values.*8 rows/],
      [{ ...base, beta: 0 }, {}, /beta/],
      [{ ...base, beta: -1 }, {}, /beta/],
      [{ ...base, patterns: { ...base.patterns, count: 0, masks: new Uint8Array(0) } }, {}, /zero activation patterns/],
      [{ ...toyProblem('hinge'), y: new Float64Array(8).fill(1) }, {}, /only one class/],
      [{ ...toyProblem('hinge'), y: toyY01 }, {}, /expects labels -1 or 1/],
      [base, { rho: -1 }, /rho.*at least 0/],
      [base, { maxIterations: 0 }, /at least 1/],
      [base, { linearSystem: 'lu' }, /one of auto, direct, woodbury/],
    ];
    for (const [problem, settings, message] of cases) {
      let caught: unknown;
      try {
        solveAdmm(problem, settings as never, defaultContext());
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ConvexNetError);
      expect((caught as Error).message).toMatch(message);
    }
  });
});
