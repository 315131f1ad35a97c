#!/usr/bin/python3
"""Golden optima for ConvexNet Studio, computed with an independent interior-point solver (cvxopt).

Regenerate (Debian packages, NOT the pyenv python that may be first on PATH):

    apt-get install -y python3-cvxopt python3-numpy
    /usr/bin/python3 test/core/golden/make_golden.py            # or: ... make_golden.py --out OTHER.json

Writes test/core/golden/golden-problems.json next to this script and prints a report (solver
status, achieved tolerances, cone violation, comparison with the reference values of
shared/design/paper-spec.md section 7.3). Deterministic: data and patterns come from
numpy.random.default_rng with the fixed seeds below and cvxopt is deterministic (the only
machine-dependent element is the 60 s cap per solver attempt below; no attempt came near it in the
committed run). Takes about 10-15 minutes on 2 cores (single-threaded reference BLAS).

Conventions (paper-spec 1.2, 1.4, 1.5, 5.1, 6.2-6.4): losses are SUMS over samples.
    squared  L = (1/2) sum_k (yhat_k - y_k)^2                      y real
    bce      L = sum_k [ softplus(2 yhat_k) - 2 y_k yhat_k ]       y in {0, 1}
             (= sum_k softplus(-2 ytil_k yhat_k), ytil = 2y - 1)
    hinge    L = sum_k (1 - y_k yhat_k)_+                          y in {-1, +1}

Programs:
    convex-relu        min_{v_i, w_i in R^d}  L( sum_i D_i X (v_i - w_i), y ) + beta sum_i (||v_i||_2 + ||w_i||_2)
                       s.t. (2 D_i - I) X v_i >= 0,  (2 D_i - I) X w_i >= 0.
    scp-l1             min_alpha  L( Phi alpha, y ) + beta ||alpha||_1,   Phi = [ (X u_j)_+ ]_j, u_j unit directions.
    robust-convex-relu l_inf radius eps on the perturbable columns (all but the bias column):
                       (2 D_i - I) X v_i >= eps ||v_i^pert||_1 (same for w_i);
                       g_k = sum_i d_ik (v_i - w_i), yhat_k = x_k^T g_k, a_k = ||g_k^pert||_1;
                       hinge   sum_k (1 - y_k yhat_k + eps a_k)_+
                       squared (1/2) sum_k (|yhat_k - y_k| + eps a_k)^2
                       bce     sum_k softplus(-2 ytil_k yhat_k + 2 eps a_k)
                       plus beta sum_i (||v_i||_2 + ||w_i||_2).

Solvers: squared -> cvxopt.solvers.coneqp (SOC cones for the group norms / l1 epigraph),
hinge -> cvxopt.solvers.conelp (LP + SOC), bce -> cvxopt.solvers.cp (nonlinear objective
sum softplus(-2 q_k) with q_k <= ytil_k yhat_k - eps a_k, linear and SOC cone constraints via dims).
The l1 norms (scp alpha, robust ||.||_1 terms) use epigraph variables. Tolerances: the script tries
abstol = reltol = feastol = 1e-9, 1e-10, 1e-11, 1e-12 (loosest first); at each tolerance it tries the
KKT solver / refinement pairs (chol, 1), (chol, 2), (ldl, 1), (ldl, 2) until cvxopt reports 'optimal'
(ldl, a dense factorization, only for KKT systems of dimension <= 2000; at most 60 iterations; an
attempt longer than 60 s counts as failed), then tightens; it stops at the first tolerance where no
pair succeeds and keeps the strictest 'optimal' solve (tolerance, kktsolver, refinement and every
attempt are stored). A problem with no optimal solve at all is not written (the script exits with
an error).

JSON FORMAT (golden-problems.json): a list of problem objects. Indices are 0-based; matrices are
lists of rows; floats are written with Python repr (shortest round-trip float64).
    name               unique id, e.g. "toy-A-squared"
    kind               'convex-relu' | 'scp-l1' | 'robust-convex-relu'
    loss               'squared' | 'bce' | 'hinge'
    beta               regularization weight (sum-over-samples convention)
    n, d               X is n x d
    biasColumn         true if the LAST column of X is the constant-1 bias column (it is included in X)
    X                  n x d rows (new problems: raw features standardized to column mean 0, std 1
                       (population std, ddof = 0) BEFORE the bias column is appended)
    y                  n labels in the loss's convention (squared real, bce {0,1}, hinge {-1,+1})
    P                  number of patterns (0 for scp-l1)
    masks              n x P 0/1 rows: masks[k][i] = 1[x_k^T h_i >= 0] (pattern i is column i);
                       duplicate patterns removed keeping the first occurrence, the all-zero pattern
                       dropped.  Exception: 'toy-exact-squared' lists all 58 cells of the arrangement
                       including the all-zero one (flag zeroPatternIncluded = true; that block is dead).
    generators         P x d: generators[i] = the h_i (first in sampling order) that produced pattern i.
                       Toy problems: h1..h5 of spec 7.3 (h6 duplicates h1). New problems: after the data,
                       h ~ N(0, I_d) is drawn one at a time from the same rng until P distinct non-zero
                       patterns are found. toy-exact-squared: first of 4e6 Gaussian draws hitting each cell.
    zeroPatternIncluded  boolean (see masks)
    N, Phi, directions scp-l1 only: N directions (N x d unit vectors u_j) and Phi = (X u_j)_+ (n x N);
                       for other kinds N = 0 and Phi = directions = []
    eps, perturbableColumns  robust only (eps = 0 and [] otherwise); perturbableColumns = indices of
                       the columns of X that may be perturbed (all but the bias column)
    optimum            the optimal objective, RECOMPUTED in numpy from cvxopt's primal point (v, w or alpha)
    yhat               n predictions at that point (nominal yhat_k = x_k^T g_k, i.e. sum_i D_i X (v_i - w_i) or Phi alpha);
                       unique for the nominal squared / BCE problems (strictly convex in yhat), NOT necessarily
                       unique for hinge or robust problems
    solution           one optimal point (NOT unique in general; compare optimum and yhat, not blocks):
                       convex-relu / robust: {"v": P x d, "w": P x d}; scp-l1: {"alpha": N}
    blockNorms         {"v": P, "w": P} 2-norms of the blocks (scp-l1: {"alpha": |alpha_j|})
    nonzeroBlocks      number of blocks with norm > 1e-6 * max(1, max block norm)
    specReference      null, or {"section": "7.3(A)", "value": ...} value quoted in paper-spec 7.3
    solver             {"name", "cvxoptVersion", "numpyVersion", "status" ('optimal'), "iterations",
                        "tolerance" (abstol = reltol = feastol used), "kktsolver", "refinement",
                        "primalObjective", "dualObjective", "gap", "relativeGap",
                        "primalInfeasibility", "dualInfeasibility",
                        "attempts": [{tolerance, kktsolver, refinement, status}]}  (cp reports no iterations: null)
    check              {"objectiveRecomputed" (= optimum), "solverPrimalObjective", "absDiffSolverVsRecomputed",
                        "maxConeViolation" (max over cone rows of max(0, eps||v^pert||_1 - (2d_ik-1) x_k^T v),
                        0 for scp), "dualBoundGap" (optimum - dualObjective),
                        "recoveredNetworkObjective" (weight-decay objective of the ReLU network recovered
                        from the solution (spec 1.4 / 5.1), evaluated as a true network; robust: worst case
                        per sample by brute force over the vertices of the l_inf ball)}
    seed               the numpy seed used for data/patterns (null for the hand-written toy data;
                       toy-exact-squared: seed of the pattern enumeration)
    description        free text
"""

import json
import math
import os
import signal
import sys
import time

import numpy as np
import cvxopt
from cvxopt import matrix, spmatrix, solvers

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'golden-problems.json')
TOLERANCES = [1e-9, 1e-10, 1e-11, 1e-12]
ATTEMPT_SECONDS = 60  # a cvxopt attempt that runs longer (e.g. a stalled line search) counts as failed
LDL_MAX_DIM = 2000  # the 'ldl' KKT solver factors a dense (n + p + m)-square matrix
MAXITERS = 60


# ----------------------------------------------------------------------------------------------
# basic helpers

def softplus(t):
    return np.logaddexp(0.0, t)


def sigmoid(t):
    return 0.5 * (1.0 + np.tanh(0.5 * t))


def standardize(F):
    mu = F.mean(axis=0)
    sd = F.std(axis=0)
    return (F - mu) / sd


def with_bias(F):
    return np.hstack([F, np.ones((F.shape[0], 1))])


def masks_from_generators(X, H, drop_zero=True):
    """Keep-first de-duplicated patterns 1[X h >= 0] for the rows h of H."""
    seen = set()
    masks, gens = [], []
    for h in H:
        m = (X @ h >= 0).astype(np.int64)
        key = m.tobytes()
        if key in seen:
            continue
        if drop_zero and not m.any():
            continue
        seen.add(key)
        masks.append(m)
        gens.append(np.array(h, dtype=float))
    return np.array(masks).T, np.array(gens)


def sample_patterns(X, rng, P):
    """Draw h ~ N(0, I_d) one at a time; keep each new non-zero pattern until P are found."""
    d = X.shape[1]
    seen = set()
    masks, gens = [], []
    draws = 0
    while len(masks) < P:
        h = rng.standard_normal(d)
        draws += 1
        if draws > 100000:
            raise RuntimeError('could not find enough distinct patterns')
        m = (X @ h >= 0).astype(np.int64)
        key = m.tobytes()
        if key in seen or not m.any():
            continue
        seen.add(key)
        masks.append(m)
        gens.append(h)
    return np.array(masks).T, np.array(gens), draws


def to_sp(M):
    M = np.asarray(M, dtype=float)
    I, J = np.nonzero(M)
    return spmatrix(M[I, J].tolist(), I.tolist(), J.tolist(), M.shape)


def fl(a):
    """Nested python floats (repr precision) from a numpy array / scalar."""
    if np.isscalar(a) or (isinstance(a, np.ndarray) and a.ndim == 0):
        return float(a)
    return [fl(r) for r in a]


def ints(a):
    return [[int(v) for v in row] for row in a]


# ----------------------------------------------------------------------------------------------
# generic conic program assembly

class Program:
    def __init__(self):
        self.nvar = 0
        self.vars = {}
        self.lin = []   # (G block (m x nvar), h block (m,))
        self.soc = []   # list of (G block, h block) for each second-order cone
        self.eq = []

    def var(self, name, size):
        s = slice(self.nvar, self.nvar + size)
        self.vars[name] = s
        self.nvar += size
        return s

    def rows(self, m):
        return np.zeros((m, self.nvar))

    def add_lin(self, G, h):
        self.lin.append((G, np.asarray(h, dtype=float).reshape(-1)))

    def add_soc(self, G, h):
        self.soc.append((G, np.asarray(h, dtype=float).reshape(-1)))

    def add_eq(self, A, b):
        self.eq.append((A, np.asarray(b, dtype=float).reshape(-1)))

    def assemble(self):
        blocks = self.lin + self.soc
        G = np.vstack([b[0] for b in blocks])
        h = np.concatenate([b[1] for b in blocks])
        dims = {'l': int(sum(b[0].shape[0] for b in self.lin)),
                'q': [int(b[0].shape[0]) for b in self.soc], 's': []}
        A = b = None
        if self.eq:
            A = np.vstack([e[0] for e in self.eq])
            b = np.concatenate([e[1] for e in self.eq])
        return G, h, dims, A, b


def build_relu_program(X, y, masks, beta, loss, eps=0.0, pert=()):
    """Variables: blocks x_j (j < P: v_j, j >= P: w_{j-P}), t_j (norm epigraph), pi_j (robust l1
    epigraph of x_j^pert), a_k (robust l1 epigraph of g_k^pert), loss variables (r, e or q)."""
    n, d = X.shape
    P = masks.shape[1]
    nb = 2 * P
    pert = list(pert)
    dp = len(pert)
    robust = eps > 0
    prog = Program()
    xs = [prog.var('x%d' % j, d) for j in range(nb)]
    ts = prog.var('t', nb)
    pis = [prog.var('pi%d' % j, dp) for j in range(nb)] if robust else None
    avs = [prog.var('a%d' % k, dp) for k in range(n)] if robust else None
    ls = prog.var('loss', n)

    # yhat = Yhat @ z, g_k^pert = Gk[k] @ z
    Yhat = prog.rows(n)
    for i in range(P):
        DX = masks[:, i:i + 1] * X
        Yhat[:, xs[i]] = DX
        Yhat[:, xs[P + i]] = -DX

    # cone constraints  -(2D_i - I) X x_j + eps 1^T pi_j <= 0
    for j in range(nb):
        i = j % P
        E = (2 * masks[:, i] - 1)[:, None]
        G = prog.rows(n)
        G[:, xs[j]] = -E * X
        if robust:
            G[:, pis[j]] = eps
        prog.add_lin(G, np.zeros(n))
    if robust:
        for j in range(nb):
            for sgn in (1.0, -1.0):
                G = prog.rows(dp)
                cols = np.arange(xs[j].start, xs[j].stop)[pert]
                G[np.arange(dp), cols] = sgn
                G[:, pis[j]] = -np.eye(dp)
                prog.add_lin(G, np.zeros(dp))
        for k in range(n):
            Gk = prog.rows(dp)
            for i in range(P):
                if masks[k, i]:
                    Gk[np.arange(dp), np.arange(xs[i].start, xs[i].stop)[pert]] = 1.0
                    Gk[np.arange(dp), np.arange(xs[P + i].start, xs[P + i].stop)[pert]] = -1.0
            for sgn in (1.0, -1.0):
                G = sgn * Gk
                G[:, avs[k]] = -np.eye(dp)
                prog.add_lin(G, np.zeros(dp))
    Asum = prog.rows(n)  # eps * 1^T a_k
    if robust:
        for k in range(n):
            Asum[k, avs[k]] = eps
    add_loss_rows(prog, Yhat, Asum, y, loss, ls, robust)
    for j in range(nb):
        G = prog.rows(d + 1)
        G[0, ts.start + j] = -1.0
        G[1:, xs[j]] = -np.eye(d)
        prog.add_soc(G, np.zeros(d + 1))
    c = np.zeros(prog.nvar)
    c[ts] = beta
    if loss == 'hinge':
        c[ls] = 1.0
    return prog, c, {'xs': xs, 'loss': ls, 'P': P, 'd': d}


def build_scp_program(Phi, y, beta, loss):
    n, N = Phi.shape
    prog = Program()
    al = prog.var('alpha', N)
    sv = prog.var('s', N)
    ls = prog.var('loss', n)
    for sgn in (1.0, -1.0):
        G = prog.rows(N)
        G[:, al] = sgn * np.eye(N)
        G[:, sv] = -np.eye(N)
        prog.add_lin(G, np.zeros(N))
    Yhat = prog.rows(n)
    Yhat[:, al] = Phi
    add_loss_rows(prog, Yhat, prog.rows(n), y, loss, ls, False)
    c = np.zeros(prog.nvar)
    c[sv] = beta
    if loss == 'hinge':
        c[ls] = 1.0
    return prog, c, {'alpha': al, 'loss': ls}


def add_loss_rows(prog, Yhat, Asum, y, loss, ls, robust):
    n = len(y)
    Iloss = prog.rows(n)
    Iloss[:, ls] = np.eye(n)
    if loss == 'squared':
        if robust:  # r_k >= +-(yhat_k - y_k) + eps 1^T a_k
            prog.add_lin(Yhat + Asum - Iloss, y)
            prog.add_lin(-Yhat + Asum - Iloss, -y)
        else:       # r = yhat - y
            prog.add_eq(Yhat - Iloss, y)
    elif loss == 'hinge':  # e >= 0, e_k >= 1 - y_k yhat_k + eps 1^T a_k
        prog.add_lin(-Iloss, np.zeros(n))
        prog.add_lin(-y[:, None] * Yhat + Asum - Iloss, -np.ones(n))
    elif loss == 'bce':    # q_k <= ytil_k yhat_k - eps 1^T a_k
        ytil = 2 * y - 1
        prog.add_lin(Iloss - ytil[:, None] * Yhat + Asum, np.zeros(n))
    else:
        raise ValueError(loss)


class NumericalFailure(ArithmeticError):
    pass


def _on_alarm(signum, frame):
    raise NumericalFailure('attempt exceeded %d s' % ATTEMPT_SECONDS)


def run_solver(Gs, hs, dims, As, bs, c, nv, loss, ls, kkt, opts):
    if loss == 'hinge':
        return 'cvxopt.solvers.conelp', solvers.conelp(matrix(c), Gs, hs, dims, As, bs, kktsolver=kkt,
                                                       options=opts)
    if loss == 'squared':
        idx = np.arange(nv)[ls].tolist()
        Pm = spmatrix(1.0, idx, idx, (nv, nv))
        return 'cvxopt.solvers.coneqp', solvers.coneqp(Pm, matrix(c), Gs, hs, dims, As, bs, kktsolver=kkt,
                                                       options=opts)
    # BCE: f0(x) = sum_k softplus(-2 q_k) + c^T x (q = the loss variables)
    lidx = np.arange(nv)[ls]
    cvec = np.asarray(c, dtype=float)

    def F(x=None, z=None):
        if x is None:
            return 0, matrix(0.0, (nv, 1))
        xv = np.array(x).reshape(-1)
        if not np.all(np.isfinite(xv)):
            raise NumericalFailure('non-finite iterate')
        q = xv[lidx]
        f = float(np.sum(softplus(-2 * q)) + cvec @ xv)
        s = sigmoid(-2 * q)
        grad = cvec.copy()
        grad[lidx] += -2.0 * s
        Df = matrix(grad.reshape(1, -1))
        if z is None:
            return f, Df
        H = spmatrix((4.0 * s * (1 - s) * z[0]).tolist(), lidx.tolist(), lidx.tolist(), (nv, nv))
        return f, Df, H

    return 'cvxopt.solvers.cp', solvers.cp(F, Gs, hs, dims, As, bs, kktsolver=kkt, options=opts)


def solve(prog, c, loss, ls):
    """Tolerance ladder, loosest first: at each tolerance try the (kktsolver, refinement) pairs in
    turn until one solve is reported 'optimal', then tighten; stop at the first tolerance at which
    no pair succeeds and keep the last (strictest) optimal solve."""
    G, h, dims, A, b = prog.assemble()
    nv = prog.nvar
    Gs, hs = to_sp(G), matrix(h)
    As = to_sp(A) if A is not None else None
    bs = matrix(b) if b is not None else None
    attempts = []
    kkt_dim = nv + (A.shape[0] if A is not None else 0) + G.shape[0]
    combos = [('chol', 1), ('chol', 2)] + ([('ldl', 1), ('ldl', 2)] if kkt_dim <= LDL_MAX_DIM else [])
    best = None
    for tol in TOLERANCES:
        found = None
        for kkt, ref in combos:
            opts = {'show_progress': False, 'abstol': tol, 'reltol': tol, 'feastol': tol,
                    'maxiters': MAXITERS, 'refinement': ref}
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.alarm(ATTEMPT_SECONDS)
            try:
                name, sol = run_solver(Gs, hs, dims, As, bs, c, nv, loss, ls, kkt, opts)
            except (ValueError, ArithmeticError) as e:
                attempts.append({'tolerance': tol, 'kktsolver': kkt, 'refinement': ref,
                                 'status': 'exception: %s' % e})
                continue
            finally:
                signal.alarm(0)
            attempts.append({'tolerance': tol, 'kktsolver': kkt, 'refinement': ref,
                             'status': sol['status']})
            if sol['status'] == 'optimal':
                found = (tol, kkt, ref, name, sol)
                break
        if found is None:
            break
        best = found
    if best is None:
        raise RuntimeError('no optimal solve; attempts: %r' % attempts)
    tol, kkt, ref, name, sol = best
    x = np.array(sol['x']).reshape(-1)
    rep = {
        'name': name,
        'cvxoptVersion': cvxopt.__version__,
        'numpyVersion': np.__version__,
        'status': sol['status'],
        'iterations': sol.get('iterations'),
        'tolerance': tol,
        'kktsolver': kkt,
        'refinement': ref,
        'primalObjective': nf(sol.get('primal objective')),
        'dualObjective': nf(sol.get('dual objective')),
        'gap': nf(sol.get('gap')),
        'relativeGap': nf(sol.get('relative gap')),
        'primalInfeasibility': nf(sol.get('primal infeasibility')),
        'dualInfeasibility': nf(sol.get('dual infeasibility')),
        'attempts': attempts,
    }
    return x, rep


def nf(v):
    return None if v is None else float(v)


# ----------------------------------------------------------------------------------------------
# numpy re-evaluation

def loss_value(loss, yhat, y, eps=0.0, a=None):
    if a is None:
        a = np.zeros_like(yhat)
    if loss == 'squared':
        return 0.5 * float(np.sum((np.abs(yhat - y) + eps * a) ** 2))
    if loss == 'hinge':
        return float(np.sum(np.maximum(0.0, 1 - y * yhat + eps * a)))
    if loss == 'bce':
        ytil = 2 * y - 1
        return float(np.sum(softplus(-2 * ytil * yhat + 2 * eps * a)))
    raise ValueError(loss)


def eval_relu(X, y, masks, beta, loss, V, W, eps=0.0, pert=()):
    pert = list(pert)
    n, d = X.shape
    P = masks.shape[1]
    Gk = masks @ (V - W)                       # n x d: g_k = sum_i d_ik (v_i - w_i)
    yhat = np.sum(X * Gk, axis=1)
    a = np.abs(Gk[:, pert]).sum(axis=1) if eps > 0 else None
    reg = beta * (np.linalg.norm(V, axis=1).sum() + np.linalg.norm(W, axis=1).sum())
    obj = loss_value(loss, yhat, y, eps, a) + reg
    viol = 0.0
    for i in range(P):
        E = 2 * masks[:, i] - 1
        for u in (V[i], W[i]):
            margin = E * (X @ u) - (eps * np.abs(u[pert]).sum() if eps > 0 else 0.0)
            viol = max(viol, float(np.max(-margin)), 0.0)
    return obj, yhat, viol


def recovered_network_objective(X, y, beta, loss, V, W, eps=0.0, pert=()):
    """Independent check of the objective formula: build the ReLU network of spec 1.4 from ALL
    nonzero blocks (u = v/sqrt||v||, alpha = +-sqrt||v||) and evaluate its weight-decay objective
    L + (beta/2) sum (||u||^2 + alpha^2) as a true network. For robust problems the loss of each
    sample is the worst case over the 2^{d'} vertices of the l_inf ball on the perturbable columns
    (brute force; the robust cone constraints keep the patterns fixed on the ball, so the network
    is linear there and the maximum of the convex loss sits at a vertex)."""
    us, als = [], []
    for B, sgn in ((V, 1.0), (W, -1.0)):
        for u in B:
            nrm = np.linalg.norm(u)
            if nrm > 0:
                us.append(u / math.sqrt(nrm))
                als.append(sgn * math.sqrt(nrm))
    U = np.array(us)
    al = np.array(als)
    reg = 0.5 * beta * (np.sum(U ** 2) + np.sum(al ** 2))
    if eps == 0:
        return loss_value(loss, np.maximum(X @ U.T, 0) @ al, y) + reg
    pert = list(pert)
    total = 0.0
    signs = np.array(np.meshgrid(*[[-1.0, 1.0]] * len(pert))).reshape(len(pert), -1).T
    for k in range(X.shape[0]):
        Xk = np.repeat(X[k:k + 1], len(signs), axis=0)
        Xk[:, pert] += eps * signs
        f = np.maximum(Xk @ U.T, 0) @ al
        total += max(loss_value(loss, np.array([fv]), np.array([y[k]])) for fv in f)
    return total + reg


# ----------------------------------------------------------------------------------------------
# problem drivers

def scp_network_objective(X, y, beta, loss, dirs, al):
    """Spec 5.1 recovery: neuron u_j sqrt|alpha_j| with output weight sign(alpha_j) sqrt|alpha_j|."""
    U = dirs * np.sqrt(np.abs(al))[:, None]
    a = np.sign(al) * np.sqrt(np.abs(al))
    return loss_value(loss, np.maximum(X @ U.T, 0) @ a, y) + 0.5 * beta * (np.sum(U ** 2) + np.sum(a ** 2))


def count_nonzero(norms):
    norms = np.asarray(norms)
    thr = 1e-6 * max(1.0, float(norms.max()) if norms.size else 0.0)
    return int(np.sum(norms > thr))


def run_relu(name, kind, X, y, masks, gens, beta, loss, eps=0.0, pert=(), bias=True, seed=None,
             spec=None, description='', zero_included=False):
    t0 = time.time()
    prog, c, info = build_relu_program(X, y, masks, beta, loss, eps, pert)
    x, rep = solve(prog, c, loss, info['loss'])
    P, d = info['P'], info['d']
    V = np.array([x[info['xs'][i]] for i in range(P)])
    W = np.array([x[info['xs'][P + i]] for i in range(P)])
    obj, yhat, viol = eval_relu(X, y, masks, beta, loss, V, W, eps, pert)
    vn, wn = np.linalg.norm(V, axis=1), np.linalg.norm(W, axis=1)
    nnz = count_nonzero(np.concatenate([vn, wn]))
    rec = {
        'name': name, 'kind': kind, 'loss': loss, 'beta': beta,
        'n': int(X.shape[0]), 'd': int(X.shape[1]), 'biasColumn': bias,
        'X': fl(X), 'y': fl(y), 'P': int(P), 'masks': ints(masks), 'generators': fl(gens),
        'zeroPatternIncluded': zero_included,
        'N': 0, 'Phi': [], 'directions': [],
        'eps': eps, 'perturbableColumns': [int(p) for p in pert] if eps > 0 else [],
        'optimum': obj, 'yhat': fl(yhat),
        'solution': {'v': fl(V), 'w': fl(W)},
        'blockNorms': {'v': fl(vn), 'w': fl(wn)}, 'nonzeroBlocks': nnz,
        'specReference': spec, 'solver': rep,
        'check': {'objectiveRecomputed': obj, 'solverPrimalObjective': rep['primalObjective'],
                  'absDiffSolverVsRecomputed': abs(obj - rep['primalObjective']),
                  'maxConeViolation': viol,
                  'dualBoundGap': obj - rep['dualObjective']},
        'seed': seed, 'description': description,
    }
    rec['check']['recoveredNetworkObjective'] = recovered_network_objective(X, y, beta, loss, V, W, eps, pert)
    report(rec, {'seconds': time.time() - t0})
    return rec


def run_scp(name, X, y, dirs, beta, loss, bias=True, seed=None, spec=None, description=''):
    t0 = time.time()
    Phi = np.maximum(X @ dirs.T, 0.0)
    prog, c, info = build_scp_program(Phi, y, beta, loss)
    x, rep = solve(prog, c, loss, info['loss'])
    al = x[info['alpha']]
    yhat = Phi @ al
    obj = loss_value(loss, yhat, y) + beta * float(np.abs(al).sum())
    rec = {
        'name': name, 'kind': 'scp-l1', 'loss': loss, 'beta': beta,
        'n': int(X.shape[0]), 'd': int(X.shape[1]), 'biasColumn': bias,
        'X': fl(X), 'y': fl(y), 'P': 0, 'masks': [], 'generators': [],
        'zeroPatternIncluded': False,
        'N': int(dirs.shape[0]), 'Phi': fl(Phi), 'directions': fl(dirs),
        'eps': 0.0, 'perturbableColumns': [],
        'optimum': obj, 'yhat': fl(yhat),
        'solution': {'alpha': fl(al)},
        'blockNorms': {'alpha': fl(np.abs(al))}, 'nonzeroBlocks': count_nonzero(np.abs(al)),
        'specReference': spec, 'solver': rep,
        'check': {'objectiveRecomputed': obj, 'solverPrimalObjective': rep['primalObjective'],
                  'absDiffSolverVsRecomputed': abs(obj - rep['primalObjective']),
                  'maxConeViolation': 0.0,
                  'dualBoundGap': obj - rep['dualObjective'],
                  'recoveredNetworkObjective': scp_network_objective(X, y, beta, loss, dirs, al)},
        'seed': seed, 'description': description,
    }
    report(rec, {'seconds': time.time() - t0})
    return rec


def report(rec, extra):
    s = rec['solver']
    line = ('%-26s %-18s %-7s n=%-4d d=%-2d P=%-3d N=%-3d beta=%-5g eps=%-5g opt=%.12f  %s tol=%g it=%s '
            'gap=%.2e relgap=%.2e pres=%.2e dres=%.2e coneviol=%.2e |solver-numpy|=%.2e nnz=%d') % (
        rec['name'], rec['kind'], rec['loss'], rec['n'], rec['d'], rec['P'], rec['N'], rec['beta'],
        rec['eps'], rec['optimum'], s['status'], s['tolerance'], s['iterations'], s['gap'],
        s['relativeGap'] if s['relativeGap'] is not None else float('nan'),
        s['primalInfeasibility'], s['dualInfeasibility'], rec['check']['maxConeViolation'],
        rec['check']['absDiffSolverVsRecomputed'], rec['nonzeroBlocks'])
    print(line)
    print('    kktsolver=%s refinement=%d, %d attempts, %.1f s; dual objective %.12f' % (
        s['kktsolver'], s['refinement'], len(s['attempts']), extra['seconds'], s['dualObjective']))
    if rec['check'].get('recoveredNetworkObjective') is not None:
        rn = rec['check']['recoveredNetworkObjective']
        print('    recovered ReLU network objective%s: %.12f (diff %.2e)' % (
            ' (worst case over l_inf-ball vertices)' if rec['eps'] > 0 else '', rn, rn - rec['optimum']))
    bn = rec['blockNorms']
    if 'v' in bn:
        print('    |v_i| = %s' % ' '.join('%.4g' % v for v in bn['v']))
        print('    |w_i| = %s' % ' '.join('%.4g' % v for v in bn['w']))
    else:
        print('    |alpha_j| = %s' % ' '.join('%.4g' % v for v in bn['alpha']))
    if rec['specReference'] is not None:
        ref = rec['specReference']['value']
        rel = abs(rec['optimum'] - ref) / abs(ref)
        flag = 'OK' if rel <= 1e-6 else 'DISAGREES (> 1e-6 relative)'
        print('    spec %s: spec %.10f  ours %.10f  rel diff %.2e  %s' % (
            rec['specReference']['section'], ref, rec['optimum'], rel, flag))
    sys.stdout.flush()


# ----------------------------------------------------------------------------------------------
# data

TOY_F = np.array([[1.0, 0.5], [-0.5, 1.0], [0.3, -1.2], [-1.1, -0.4],
                  [0.8, 0.9], [-0.2, 0.1], [1.5, -0.3], [-0.9, 0.7]])
TOY_Y = np.array([1.0, -0.5, 0.8, -1.0, 1.5, 0.2, 0.6, -0.8])
TOY_H = np.array([[1, 0, 0], [0, 1, 0], [-1, 1, 0.5], [1, 1, -0.5], [0, -1, 0.2], [1, 0, 0.1]], dtype=float)
TOY_MASKS_SPEC = np.array([[1, 1, 1, 1, 0], [0, 1, 1, 1, 0], [1, 0, 0, 0, 1], [0, 0, 1, 0, 1],
                           [1, 1, 1, 1, 0], [0, 1, 1, 0, 1], [1, 0, 0, 1, 1], [0, 1, 1, 0, 0]])
TOY_PHI_SPEC = np.array([[1, 0.5, 0, 0.666667, 0, 1.094541], [0, 1, 1.333333, 0, 0, 0],
                         [0.3, 0, 0, 0, 1.372813, 0.398015], [0, 0, 0.8, 0, 0.588348, 0],
                         [0.8, 0.9, 0.4, 0.8, 0, 0.895533], [0, 0.1, 0.533333, 0, 0.098058, 0],
                         [1.5, 0, 0, 0.466667, 0.49029, 1.59206], [0, 0.7, 1.4, 0, 0, 0]])


def planted_relu(rng, Z, m):
    U = rng.standard_normal((m, Z.shape[1]))
    a = rng.standard_normal(m)
    return np.maximum(Z @ U.T, 0) @ a


def enumerate_exact_patterns(X, seed, total=4_000_000, chunk=500_000):
    """All cells of the central arrangement {x_k^T h = 0} by dense Gaussian sampling (keep-first order)."""
    rng = np.random.default_rng(seed)
    n, d = X.shape
    weights = (1 << np.arange(n)).astype(np.int64)
    first = {}
    counts = {}
    drawn = 0
    while drawn < total:
        H = rng.standard_normal((chunk, d))
        codes = ((X @ H.T >= 0).astype(np.int64).T @ weights)
        uniq, idx, cnt = np.unique(codes, return_index=True, return_counts=True)
        for cde, i, ct in zip(uniq.tolist(), idx.tolist(), cnt.tolist()):
            counts[cde] = counts.get(cde, 0) + ct
            if cde not in first:
                first[cde] = (drawn + i, H[i].copy())
        drawn += chunk
    order = sorted(first.items(), key=lambda kv: kv[1][0])
    masks = np.array([[(cde >> k) & 1 for k in range(n)] for cde, _ in order]).T
    gens = np.array([g for _, (_, g) in order])
    rarest = min(counts.values()) / drawn
    return masks, gens, rarest, drawn


def vertex_ray_patterns(X):
    """Deterministic cross-check (d = 3): every cell of a central arrangement in general position
    touches an edge ray x_k^T h = x_l^T h = 0; perturb each such ray into its four adjacent cells."""
    n, d = X.shape
    assert d == 3
    pats = set()
    for k in range(n):
        for l in range(k + 1, n):
            cvec = np.cross(X[k], X[l])
            cvec /= np.linalg.norm(cvec)
            M = np.vstack([X[k], X[l], cvec])
            for s0 in (1, -1):
                for sk in (1, -1):
                    for sl in (1, -1):
                        h = np.linalg.solve(M, np.array([sk * 1e-6, sl * 1e-6, float(s0)]))
                        vals = X @ h
                        assert np.min(np.abs(vals)) > 1e-9
                        pats.add(tuple((vals >= 0).astype(int).tolist()))
    return pats


def new_problem_specs():
    """Data, patterns / directions and beta of the new problems (features standardized, then bias)."""
    out = []

    def relu_spec(name, kind, loss, seed, X, y, P, beta, description, eps=0.0, pert=(), rng=None):
        masks, gens, _ = sample_patterns(X, rng, P)
        out.append({'name': name, 'kind': kind, 'loss': loss, 'seed': seed, 'X': X, 'y': y, 'masks': masks,
                    'gens': gens, 'beta': beta, 'eps': eps, 'pert': pert, 'description': description})

    # (1) squared, n = 40, d = 4, 12 patterns
    seed = 1001
    rng = np.random.default_rng(seed)
    Z = standardize(rng.standard_normal((40, 3)))
    y = planted_relu(rng, with_bias(Z), 3) + 0.1 * rng.standard_normal(40)
    relu_spec('sq-n40-d4-P12', 'convex-relu', 'squared', seed, with_bias(Z), y, 12, BETAS['sq-n40-d4-P12'],
              'Gaussian features, target = planted 3-neuron ReLU net + 0.1 noise', rng=rng)

    # (2) hinge, n = 60, d = 3, two moons, 10 patterns
    seed = 1002
    rng = np.random.default_rng(seed)
    th = rng.uniform(0, math.pi, 60)
    lab = np.where(np.arange(60) < 30, 1.0, -1.0)
    pts = np.where(lab[:, None] > 0, np.c_[np.cos(th), np.sin(th)], np.c_[1 - np.cos(th), 0.5 - np.sin(th)])
    pts = pts + 0.15 * rng.standard_normal((60, 2))
    relu_spec('hinge-moons-n60-d3-P10', 'convex-relu', 'hinge', seed, with_bias(standardize(pts)), lab, 10,
              BETAS['hinge-moons-n60-d3-P10'], 'two moons (noise 0.15), labels +-1', rng=rng)

    # (3) squared, n = 240, d = 6, 16 patterns
    seed = 1003
    rng = np.random.default_rng(seed)
    Z = standardize(rng.standard_normal((240, 5)))
    y = planted_relu(rng, with_bias(Z), 4) + 0.2 * rng.standard_normal(240)
    relu_spec('sq-n240-d6-P16', 'convex-relu', 'squared', seed, with_bias(Z), y, 16, BETAS['sq-n240-d6-P16'],
              'Gaussian features, target = planted 4-neuron ReLU net + 0.2 noise', rng=rng)

    # (4) BCE, n = 80, d = 4, 10 patterns
    seed = 1004
    rng = np.random.default_rng(seed)
    Z = standardize(rng.standard_normal((80, 3)))
    s = planted_relu(rng, with_bias(Z), 3)
    lab01 = (s > np.median(s)).astype(float)
    flip = rng.random(80) < 0.1
    lab01[flip] = 1 - lab01[flip]
    relu_spec('bce-n80-d4-P10', 'convex-relu', 'bce', seed, with_bias(Z), lab01, 10, BETAS['bce-n80-d4-P10'],
              'Gaussian features, labels = 1[planted ReLU net > median], 10% flipped', rng=rng)

    # (5) SCP l1, squared, n = 40, d = 4, N = 20
    seed = 1005
    rng = np.random.default_rng(seed)
    Z = standardize(rng.standard_normal((40, 3)))
    y = planted_relu(rng, with_bias(Z), 3) + 0.1 * rng.standard_normal(40)
    Hd = rng.standard_normal((20, 4))
    out.append({'name': 'scp-sq-n40-d4-N20', 'kind': 'scp-l1', 'loss': 'squared', 'seed': seed, 'X': with_bias(Z),
                'y': y, 'dirs': Hd / np.linalg.norm(Hd, axis=1, keepdims=True), 'beta': BETAS['scp-sq-n40-d4-N20'],
                'description': 'Gaussian features, planted 3-neuron target + 0.1 noise; '
                               '20 directions uniform on the unit sphere'})

    # (6) SCP l1, BCE, n = 40, d = 4, N = 20 (extra)
    seed = 1006
    rng = np.random.default_rng(seed)
    Z = standardize(rng.standard_normal((40, 3)))
    s = planted_relu(rng, with_bias(Z), 3)
    lab01 = (s > np.median(s)).astype(float)
    Hd = rng.standard_normal((20, 4))
    out.append({'name': 'scp-bce-n40-d4-N20', 'kind': 'scp-l1', 'loss': 'bce', 'seed': seed, 'X': with_bias(Z),
                'y': lab01, 'dirs': Hd / np.linalg.norm(Hd, axis=1, keepdims=True),
                'beta': BETAS['scp-bce-n40-d4-N20'],
                'description': 'Gaussian features, labels = 1[planted net > median]; '
                               '20 directions uniform on the unit sphere'})

    # (7) robust hinge, eps = 0.05, n = 40, d = 3 (Gaussian clusters), 8 patterns
    seed = 1007
    rng = np.random.default_rng(seed)
    lab = np.where(np.arange(40) < 20, 1.0, -1.0)
    pts = rng.standard_normal((40, 2)) * 0.8 + np.where(lab[:, None] > 0, 1.0, -1.0) * np.array([1.0, 0.5])
    relu_spec('robust-hinge-n40-d3-P8', 'robust-convex-relu', 'hinge', seed, with_bias(standardize(pts)), lab, 8,
              BETAS['robust-hinge-n40-d3-P8'],
              'two Gaussian clusters (means +-(1, 0.5), std 0.8), labels +-1; l_inf eps = 0.05 on the 2 features',
              eps=0.05, pert=[0, 1], rng=rng)

    # (8) robust squared, eps = 0.05, n = 40, d = 4, 8 patterns
    seed = 1008
    rng = np.random.default_rng(seed)
    Z = standardize(rng.standard_normal((40, 3)))
    y = planted_relu(rng, with_bias(Z), 3) + 0.1 * rng.standard_normal(40)
    relu_spec('robust-sq-n40-d4-P8', 'robust-convex-relu', 'squared', seed, with_bias(Z), y, 8,
              BETAS['robust-sq-n40-d4-P8'],
              'Gaussian features, planted 3-neuron target + 0.1 noise; l_inf eps = 0.05 on the 3 features',
              eps=0.05, pert=[0, 1, 2], rng=rng)

    # (9) robust BCE, eps = 0.05, n = 40, d = 3, 8 patterns (extra)
    seed = 1009
    rng = np.random.default_rng(seed)
    lab = np.where(np.arange(40) < 20, 1.0, -1.0)
    pts = rng.standard_normal((40, 2)) * 0.8 + np.where(lab[:, None] > 0, 1.0, -1.0) * np.array([0.6, 0.6])
    relu_spec('robust-bce-n40-d3-P8', 'robust-convex-relu', 'bce', seed, with_bias(standardize(pts)), (lab + 1) / 2,
              8, BETAS['robust-bce-n40-d3-P8'],
              'two Gaussian clusters (means +-(0.6, 0.6), std 0.8), labels {0,1}; l_inf eps = 0.05 on the 2 features',
              eps=0.05, pert=[0, 1], rng=rng)
    return out


BETAS = {  # chosen so that each optimum has a handful of nonzero blocks (sum-over-samples losses)
    'sq-n40-d4-P12': 1.0,
    'hinge-moons-n60-d3-P10': 1.0,
    'sq-n240-d6-P16': 4.0,
    'bce-n80-d4-P10': 1.0,
    'scp-sq-n40-d4-N20': 1.0,
    'scp-bce-n40-d4-N20': 1.0,
    'robust-hinge-n40-d3-P8': 0.5,
    'robust-sq-n40-d4-P8': 1.0,
    'robust-bce-n40-d3-P8': 0.5,
}


def main():
    print('cvxopt %s, numpy %s' % (cvxopt.__version__, np.__version__))
    problems = []

    # ---------------- toy problems, spec 7.3 -------------------------------------------------
    Xt = with_bias(TOY_F)
    ytil = np.sign(TOY_Y)
    y01 = (ytil + 1) / 2
    masks_t, gens_t = masks_from_generators(Xt, TOY_H)
    assert masks_t.shape[1] == 5 and np.array_equal(masks_t, TOY_MASKS_SPEC), 'toy masks differ from spec 7.3'
    toy_desc = 'paper-spec 7.3 toy data (n = 8, features x1, x2 + bias), h1..h6 with h6 a duplicate of h1'
    pert_t = [0, 1]
    for nm, loss, yy, sec, ref in (('toy-A-squared', 'squared', TOY_Y, '7.3(A)', 0.476388672289),
                                   ('toy-B-bce', 'bce', y01, '7.3(B)', 1.4798700751),
                                   ('toy-C-hinge', 'hinge', ytil, '7.3(C)', 1.00530794)):
        problems.append(run_relu(nm, 'convex-relu', Xt, yy, masks_t, gens_t, 0.1, loss,
                                 spec={'section': sec, 'value': ref}, description=toy_desc))
    for nm, loss, yy, ref in (('toy-D-robust-squared', 'squared', TOY_Y, 0.76593562),
                              ('toy-D-robust-hinge', 'hinge', ytil, 2.01249277),
                              ('toy-D-robust-bce', 'bce', y01, 2.19575263)):
        problems.append(run_relu(nm, 'robust-convex-relu', Xt, yy, masks_t, gens_t, 0.1, loss, eps=0.1,
                                 pert=pert_t, spec={'section': '7.3(D)', 'value': ref},
                                 description=toy_desc + '; l_inf eps = 0.1 on x1, x2'))
    # spec 7.3(F): SCP with the six normalized h's
    dirs_t = TOY_H / np.linalg.norm(TOY_H, axis=1, keepdims=True)
    Phi_t = np.maximum(Xt @ dirs_t.T, 0)
    print('toy Phi max |ours - spec (6 decimals)| = %.2e' % np.max(np.abs(Phi_t - TOY_PHI_SPEC)))
    assert np.max(np.abs(Phi_t - TOY_PHI_SPEC)) < 1e-6
    for nm, loss, yy, ref in (('toy-F-scp-squared', 'squared', TOY_Y, 0.6904589429),
                              ('toy-F-scp-bce', 'bce', y01, 2.1311598046)):
        problems.append(run_scp(nm, Xt, yy, dirs_t, 0.1, loss, spec={'section': '7.3(F)', 'value': ref},
                                description=toy_desc + '; SCP directions = normalized h1..h6'))

    # spec 7.3(E): exact program, all patterns
    seed_e = 73005
    masks_e, gens_e, rarest, drawn = enumerate_exact_patterns(Xt, seed_e)
    r = np.linalg.matrix_rank(Xt)
    formula = 2 * sum(math.comb(Xt.shape[0] - 1, k) for k in range(r))
    vr = vertex_ray_patterns(Xt)
    sampled = set(tuple(col.tolist()) for col in masks_e.T)
    print('exact toy patterns: sampled %d distinct from %d draws (rarest cell frequency %.2e), '
          'formula 2*sum_{k<%d} C(7,k) = %d, edge-ray enumeration %d, sets equal: %s' % (
              masks_e.shape[1], drawn, rarest, r, formula, len(vr), sampled == vr))
    assert masks_e.shape[1] == formula == len(vr) == 58 and sampled == vr
    problems.append(run_relu('toy-exact-squared', 'convex-relu', Xt, TOY_Y, masks_e, gens_e, 0.1, 'squared',
                             seed=seed_e, spec={'section': '7.3(E)', 'value': 0.3097687223},
                             zero_included=True,
                             description='paper-spec 7.3(E): exact program, all 58 cells of the arrangement '
                                         '(incl. the all-zero pattern, a dead block), found by 4e6 Gaussian '
                                         'samples and checked against 2*(C(7,0)+C(7,1)+C(7,2)) = 58'))

    # ---------------- new problems ------------------------------------------------------------
    for spec in new_problem_specs():
        if spec['kind'] == 'scp-l1':
            problems.append(run_scp(spec['name'], spec['X'], spec['y'], spec['dirs'], spec['beta'], spec['loss'],
                                    seed=spec['seed'], description=spec['description']))
        else:
            problems.append(run_relu(spec['name'], spec['kind'], spec['X'], spec['y'], spec['masks'],
                                     spec['gens'], spec['beta'], spec['loss'], eps=spec.get('eps', 0.0),
                                     pert=spec.get('pert', ()), seed=spec['seed'],
                                     description=spec['description']))

    names = [p['name'] for p in problems]
    assert len(set(names)) == len(names)
    out = OUT
    if len(sys.argv) == 3 and sys.argv[1] == '--out':
        out = sys.argv[2]
    with open(out, 'w') as f:
        json.dump(problems, f, indent=None, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    print('wrote %s (%d problems, %d bytes)' % (out, len(problems), os.path.getsize(out)))


if __name__ == '__main__':
    main()
