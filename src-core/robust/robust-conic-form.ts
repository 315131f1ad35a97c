import { perturbableCoordinates } from './threat-model';
import type { RobustProblem } from './robust-problem';
import { SparseRowsBuilder, type SparseRows } from './sparse-rows';

/**
 * The robust program written as  min_z h(z)  s.t.  K z - b in C  (paper-spec 6.4 / 6.6), with C a
 * product of non-negative rays and second-order cones, and h separable (group norms on the
 * blocks, the loss on one slack per sample, nothing on the auxiliary variables).
 *
 * Variables z (in this order):
 *   u      2P blocks of d weights (v_1..v_P, w_1..w_P)
 *   s_j    per block, the worst-case shift psi(u_j): l_inf one pi_jt >= |u_jt| per perturbable
 *          coordinate t (psi = sum_t r_t pi_jt); l_2 one scalar tau_j >= ||r .* u_j||
 *   a_k    per sample, the same for g_k = sum_i d_ik (v_i - w_i)
 *   slack  per sample: hinge e_k >= 1 - y_k yhat_k + A_k (and e_k >= 0 by its prox); squared
 *          r_k >= |yhat_k - y_k| + A_k; bce q_k <= ytil_k yhat_k - A_k
 * Rows (K z - b):
 *   cone rows        (2 d_ik - 1) x_k^T u_j - S_j >= 0         row j n + k
 *   block spread     l_inf: pi_jt -/+ u_jt >= 0;  l_2: (tau_j, r .* u_j) in SOC
 *   sample spread    the same for (a_k, g_k)
 *   loss rows        as listed for the slack above
 */
export interface RobustConicForm {
  /**
   * The rows; the cone and loss rows are empty when the form was built without them
   * (coneAndLossEntries false: the interior-point method writes them itself, addConeRowEntries
   * and addLossRowEntries below).
   */
  readonly K: SparseRows;
  /** Whether K holds the cone and loss rows' entries (PDHG multiplies by all of K). */
  readonly coneAndLossEntries: boolean;
  readonly b: Float64Array;
  readonly layout: ConicLayout;
  /** SOC row groups [start, start + size): first row is the scalar bound. Other rows are >= 0. */
  readonly socStart: Int32Array;
  readonly socSize: Int32Array;
}

export interface ConicLayout {
  readonly n: number;
  readonly d: number;
  readonly P: number;
  /** Perturbable coordinates (radius > 0). */
  readonly perturbable: readonly number[];
  /** Spread variables per block / per sample: |perturbable| for l_inf, 1 for l_2, 0 without perturbation. */
  readonly spreadWidth: number;
  readonly blockSpreadStart: number;
  readonly sampleSpreadStart: number;
  readonly slackStart: number;
  readonly varCount: number;
  readonly coneRowStart: number;
  readonly blockSpreadRowStart: number;
  readonly sampleSpreadRowStart: number;
  readonly lossRowStart: number;
  /** Loss rows per sample: 2 for squared, 1 otherwise. */
  readonly lossRowsPerSample: number;
}

/**
 * The conic form of a robust program. Without `coneAndLossEntries` the n x 2P cone rows and the n
 * loss rows stay in K's numbering but empty: nearly all of K's entries on many rows (n 2P d and
 * about n P d of them), which the interior-point method, keeping a few cone rows
 * (cone-working-set.ts) or copying them, need not hold twice.
 */
export function buildRobustConicForm(problem: RobustProblem, { coneAndLossEntries = true }: { coneAndLossEntries?: boolean } = {}): RobustConicForm {
  const { X, y, patterns, threat, loss } = problem;
  const n = X.rows;
  const d = X.cols;
  const P = patterns.count;
  const perturbable = perturbableCoordinates(threat);
  const dp = perturbable.length;
  const linf = threat.norm === 'linf';
  const spreadWidth = dp === 0 ? 0 : linf ? dp : 1;
  const blockSpreadStart = 2 * P * d;
  const sampleSpreadStart = blockSpreadStart + 2 * P * spreadWidth;
  const slackStart = sampleSpreadStart + n * spreadWidth;
  const varCount = slackStart + n;
  const radii = threat.radii;
  const masks = patterns.masks;
  const builder = new SparseRowsBuilder(varCount);
  const b: number[] = [];
  const socStart: number[] = [];
  const socSize: number[] = [];

  // cone rows
  const coneRowStart = 0;
  const spreadOf = { perturbable, spreadWidth, blockSpreadStart };
  for (let j = 0; j < 2 * P; j++) {
    for (let k = 0; k < n; k++) {
      if (coneAndLossEntries) addConeRowEntries(problem, spreadOf, j, k, (column, value) => builder.add(column, value));
      builder.endRow();
      b.push(0);
    }
  }

  // block spread rows
  const blockSpreadRowStart = builder.rowCount;
  for (let j = 0; j < 2 * P && dp > 0; j++) {
    const s0 = blockSpreadStart + j * spreadWidth;
    if (linf) {
      perturbable.forEach((t, q) => {
        for (const sign of [-1, 1]) {
          builder.add(s0 + q, 1);
          builder.add(j * d + t, sign);
          builder.endRow();
          b.push(0);
        }
      });
    } else {
      socStart.push(builder.rowCount);
      socSize.push(1 + dp);
      builder.add(s0, 1);
      builder.endRow();
      b.push(0);
      for (const t of perturbable) {
        builder.add(j * d + t, radii[t]!);
        builder.endRow();
        b.push(0);
      }
    }
  }

  /** Adds coef * g_k[t] = coef * sum_i d_ik (v_it - w_it). */
  const addG = (k: number, t: number, coef: number): void => {
    for (let i = 0; i < P; i++) {
      if (masks[k * P + i] !== 1) continue;
      builder.add(i * d + t, coef);
      builder.add((P + i) * d + t, -coef);
    }
  };

  // sample spread rows
  const sampleSpreadRowStart = builder.rowCount;
  for (let k = 0; k < n && dp > 0; k++) {
    const s0 = sampleSpreadStart + k * spreadWidth;
    if (linf) {
      perturbable.forEach((t, q) => {
        for (const sign of [-1, 1]) {
          builder.add(s0 + q, 1);
          addG(k, t, sign);
          builder.endRow();
          b.push(0);
        }
      });
    } else {
      socStart.push(builder.rowCount);
      socSize.push(1 + dp);
      builder.add(s0, 1);
      builder.endRow();
      b.push(0);
      for (const t of perturbable) {
        addG(k, t, radii[t]!);
        builder.endRow();
        b.push(0);
      }
    }
  }

  // loss rows
  const lossRowStart = builder.rowCount;
  const lossRowsPerSample = loss.name === 'squared' ? 2 : 1;
  const lossLayout = { perturbable, spreadWidth, sampleSpreadStart, slackStart };
  for (let k = 0; k < n; k++) {
    for (let which = 0; which < lossRowsPerSample; which++) {
      if (coneAndLossEntries) addLossRowEntries(problem, lossLayout, k, which, (column, value) => builder.add(column, value));
      builder.endRow();
      b.push(loss.name === 'hinge' ? 1 : loss.name === 'squared' ? (which === 0 ? -1 : 1) * y[k]! : 0);
    }
  }

  return {
    K: builder.build(),
    coneAndLossEntries,
    b: Float64Array.from(b),
    socStart: Int32Array.from(socStart),
    socSize: Int32Array.from(socSize),
    layout: {
      n, d, P, perturbable, spreadWidth, blockSpreadStart, sampleSpreadStart, slackStart, varCount,
      coneRowStart, blockSpreadRowStart, sampleSpreadRowStart, lossRowStart, lossRowsPerSample,
    },
  };
}

/**
 * The entries of cone row j n + k: (2 d_ik - 1) x_k on the weights u_j, and -S_j, block j's
 * worst-case shift (-r_t on its l_inf spread variables, -1 on its l_2 one).
 */
export function addConeRowEntries(
  problem: RobustProblem,
  layout: Pick<ConicLayout, 'perturbable' | 'spreadWidth' | 'blockSpreadStart'>,
  j: number,
  k: number,
  add: (column: number, value: number) => void,
): void {
  const { X, patterns, threat } = problem;
  const d = X.cols;
  const P = patterns.count;
  const sign = patterns.masks[k * P + (j % P)] === 1 ? 1 : -1;
  for (let t = 0; t < d; t++) add(j * d + t, sign * X.data[k * d + t]!);
  addMinusShift(threat, layout.perturbable, layout.blockSpreadStart + j * layout.spreadWidth, add);
}

/** -S of the spread group at `start`: -r_t on its l_inf variables, -1 on its l_2 one (none without an adversary). */
function addMinusShift(threat: RobustProblem['threat'], perturbable: readonly number[], start: number, add: (column: number, value: number) => void): void {
  if (perturbable.length === 0) return;
  if (threat.norm === 'linf') perturbable.forEach((t, q) => add(start + q, -threat.radii[t]!));
  else add(start, -1);
}

/**
 * The entries of loss row `which` of sample k (the squared loss has two: which 0 reads
 * r_k - yhat_k - S_k >= -y_k, which 1 r_k + yhat_k - S_k >= y_k): hinge e_k + y_k yhat_k - S_k,
 * logistic ytil_k yhat_k - S_k - q_k, with yhat_k = x_k^T sum_i d_ik (v_i - w_i) and S_k the
 * sample's worst-case shift.
 */
export function addLossRowEntries(
  problem: RobustProblem,
  layout: Pick<ConicLayout, 'perturbable' | 'spreadWidth' | 'sampleSpreadStart' | 'slackStart'>,
  k: number,
  which: number,
  add: (column: number, value: number) => void,
): void {
  const { X, y, patterns, threat, loss } = problem;
  const d = X.cols;
  const P = patterns.count;
  const slack = layout.slackStart + k;
  const coef = loss.name === 'hinge' ? y[k]! : loss.name === 'squared' ? (which === 0 ? -1 : 1) : 2 * y[k]! - 1;
  if (loss.name !== 'bce') add(slack, 1);
  for (let i = 0; i < P; i++) {
    if (patterns.masks[k * P + i] !== 1) continue;
    for (let t = 0; t < d; t++) {
      add(i * d + t, coef * X.data[k * d + t]!);
      add((P + i) * d + t, -coef * X.data[k * d + t]!);
    }
  }
  addMinusShift(threat, layout.perturbable, layout.sampleSpreadStart + k * layout.spreadWidth, add);
  if (loss.name === 'bce') add(slack, -1);
}
