import { addConeRowEntries, addLossRowEntries, type RobustConicForm } from './robust-conic-form';
import { stableSigmoid } from '../losses/bce-loss';
import type { ConicQp, SmoothSeparableTerm } from './robust-ipm';
import type { RobustProblem } from './robust-problem';
import { SparseRowsBuilder } from './sparse-rows';

/** The conic QP of a robust program, and where its rows come from. */
export interface RobustConicQp extends ConicQp {
  /**
   * The row of K behind each of the QP's first kRowOf.length rows: K's rows in order, less the
   * cone rows a working set leaves out (their multipliers are 0).
   */
  readonly kRowOf: Int32Array;
}

/**
 * The robust program as a conic QP for the interior-point solver (every loss): the
 * conic form's rows K z - b in C, plus, per block j, a height t_j with (t_j, u_j) in a
 * second-order cone (the objective's beta ||u_j|| becomes beta t_j), plus for the hinge loss the
 * rows e_k >= 0 that PDHG keeps in its prox. Variables: z (the conic form's), then t (2P).
 * Objective: squared (1/2) sum w_k r_k^2, hinge sum w_k e_k, logistic sum w_k softplus(-2 q_k) (a
 * smooth separable term, q_k <= ytil_k yhat_k - A_k), plus beta sum t_j. A sample's
 * worst-case spread and loss slack form its local group (robust-ipm-system.ts); its rows read
 * sum_i d_ik (v_i - w_i) . z on the weights, the signed-block form (robust-ipm-signed-groups.ts)
 * with block signs (m_k, -m_k) over the 2P blocks (m_k the sample's pattern activity).
 * The rows of K come first, so the multipliers of the K rows are y[0 .. K.rows). With
 * coneRelaxation > 0 the robust cone rows read  (2 d_ik - 1) x_k^T u_j - S_j >= -coneRelaxation.
 * keptConeRows (n x 2P, 1 = kept) leaves the other cone rows out: a relaxation of the program
 * (cone-working-set.ts), whose multipliers, 0 on the rows left out, still bound the full program.
 */
export function robustConicQp(problem: RobustProblem, form: RobustConicForm, coneRelaxation = 0, keptConeRows: Uint8Array | null = null): RobustConicQp {
  const { K, b, layout, socStart, socSize } = form;
  const { n, d, P, spreadWidth, sampleSpreadStart, slackStart, varCount, coneRowStart, lossRowStart, lossRowsPerSample } = layout;
  const loss = problem.loss.name;
  const m = 2 * P;
  const cols = varCount + m;
  const builder = new SparseRowsBuilder(cols);
  const add = (column: number, value: number): void => builder.add(column, value);
  const kRowOf: number[] = [];
  const c: number[] = [];
  const coneStart: number[] = [];
  const coneSize: number[] = [];
  const soc: number[] = [];
  // The conic form's own cones: rays, except its second-order groups. Cone row j n + k is left
  // out when keptConeRows (n x 2P, entry k * 2P + j) does not keep it.
  for (let r = 0, g = 0; r < K.rows; ) {
    const isSoc = g < socStart.length && socStart[g] === r;
    const size = isSoc ? socSize[g++]! : 1;
    const coneRow = r - coneRowStart;
    const leftOut = keptConeRows !== null && coneRow >= 0 && coneRow < m * n && keptConeRows[(coneRow % n) * m + Math.floor(coneRow / n)] === 0;
    if (!leftOut) {
      coneStart.push(builder.rowCount);
      coneSize.push(size);
      soc.push(isSoc ? 1 : 0);
      for (let t = r; t < r + size; t++) {
        const isConeRow = t - coneRowStart >= 0 && t - coneRowStart < m * n;
        const lossRow = t - lossRowStart;
        // The cone and loss rows are written from the problem (K may hold them empty, buildRobustConicForm).
        if (isConeRow) addConeRowEntries(problem, layout, Math.floor((t - coneRowStart) / n), (t - coneRowStart) % n, add);
        else if (lossRow >= 0 && lossRow < n * lossRowsPerSample) addLossRowEntries(problem, layout, Math.floor(lossRow / lossRowsPerSample), lossRow % lossRowsPerSample, add);
        else for (let p = K.rowStart[t]!; p < K.rowStart[t + 1]!; p++) builder.add(K.columns[p]!, K.values[p]!);
        builder.endRow();
        kRowOf.push(t);
        // Robust cone rows relaxed to >= -coneRelaxation (see solve-robust-ipm.ts).
        c.push(b[t]! - (isConeRow ? coneRelaxation : 0));
      }
    }
    r += size;
  }
  // (t_j, u_j) in Q^{d+1}.
  for (let j = 0; j < m; j++) {
    coneStart.push(builder.rowCount);
    coneSize.push(d + 1);
    soc.push(1);
    builder.add(varCount + j, 1);
    builder.endRow();
    c.push(0);
    for (let t = 0; t < d; t++) {
      builder.add(j * d + t, 1);
      builder.endRow();
      c.push(0);
    }
  }
  if (loss === 'hinge') {
    for (let k = 0; k < n; k++) {
      coneStart.push(builder.rowCount);
      coneSize.push(1);
      soc.push(0);
      builder.add(slackStart + k, 1);
      builder.endRow();
      c.push(0);
    }
  }
  const weights = problem.sampleWeights;
  const p = new Float64Array(cols);
  const q = new Float64Array(cols);
  for (let k = 0; k < n; k++) {
    const w = weights ? weights[k]! : 1;
    if (loss === 'squared') p[slackStart + k] = w;
    else if (loss === 'hinge') q[slackStart + k] = w;
  }
  for (let j = 0; j < m; j++) q[varCount + j] = problem.beta;
  const localGroup = new Int32Array(cols).fill(-1);
  for (let k = 0; k < n; k++) {
    for (let t = 0; t < spreadWidth; t++) localGroup[sampleSpreadStart + k * spreadWidth + t] = k;
    localGroup[slackStart + k] = k;
  }
  // Block j's worst-case shift variables and height t_j form local group n + j: its cone rows,
  // spread rows and (t_j, u_j) cone touch no other local variable, so only the weights stay
  // global (2P d columns instead of 2P (d + spread + 1): the dense Cholesky was most of a step
  // with many perturbable features).
  const { blockSpreadStart } = layout;
  for (let j = 0; j < m; j++) {
    for (let t = 0; t < spreadWidth; t++) localGroup[blockSpreadStart + j * spreadWidth + t] = n + j;
    localGroup[varCount + j] = n + j;
  }
  return {
    kRowOf: Int32Array.from(kRowOf),
    A: builder.build(),
    c: Float64Array.from(c),
    p,
    q,
    cones: { start: Int32Array.from(coneStart), size: Int32Array.from(coneSize), soc: Uint8Array.from(soc) },
    localGroup,
    groupCount: n + m,
    signedBlocks: { groups: n, width: d, patterns: P, copySigns: [1, -1], activity: problem.patterns.masks },
    ...(loss === 'bce' ? { smooth: logisticSlackTerm(slackStart, n, weights) } : {}),
  };
}

/**
 * The robust logistic loss on the slacks: w_k softplus(-2 q_k), with f'(t) = -2 sigmoid(-2 t) and
 * f''(t) = 4 sigmoid(2 t) sigmoid(-2 t) (robust-losses.ts).
 */
function logisticSlackTerm(slackStart: number, n: number, weights: Float64Array | undefined): SmoothSeparableTerm {
  return {
    columns: Int32Array.from({ length: n }, (_, k) => slackStart + k),
    weights: Float64Array.from({ length: n }, (_, k) => (weights ? weights[k]! : 1)),
    derivative: (t) => -2 * stableSigmoid(-2 * t),
    curvature: (t) => 4 * stableSigmoid(2 * t) * stableSigmoid(-2 * t),
  };
}
