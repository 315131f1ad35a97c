#!/usr/bin/python3
"""Newton steps of CVXOPT's coneqp on a problem exported by export-ipm-problem.ts.

ipm-engine.ts follows coneqp's method (Mehrotra predictor-corrector with Nesterov-Todd scaling,
Vandenberghe 2010). This runs coneqp itself on the same cone QP, with every cone row, so the two
step counts can be compared (bench/README, "the Newton step counts are the method's"):

    apt-get install -y python3-cvxopt python3-numpy
    npx tsx bench/reference/export-ipm-problem.ts 300 10 16 /tmp/ipm-problem.json
    /usr/bin/python3 bench/reference/cvxopt_iterations.py /tmp/ipm-problem.json

The program (paper-spec 1.4, squared loss as a sum over samples), in x = (u, t), u = 2P blocks of d:
    min (1/2) ||F u - y||^2 + beta 1^T t
    s.t. (2 D_i - I) X u_j >= 0 (n rows per block j, i = j mod P),  (t_j, u_j) in Q^{d+1},
with F = [F_+, -F_+], F_+ = [D_1 X, ..., D_P X]. The constant (1/2) ||y||^2 is added to coneqp's
objective when printing. Stopping: coneqp's relative gap at most TOL (second argument, default
1e-8), feasibility 1e-9.
"""
import json
import sys

import numpy as np
from cvxopt import matrix, solvers, spmatrix


def main() -> None:
    path = sys.argv[1]
    tol = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-8
    p = json.load(open(path))
    n, d, P = p['n'], p['d'], p['P']
    X = np.array(p['X'], dtype=float).reshape(n, d)
    masks = np.array(p['masks'], dtype=float).reshape(n, P)
    y = np.array(p['y'], dtype=float)
    beta = float(p['beta'])
    m = 2 * P
    nu = m * d
    nv = nu + m
    Fp = np.hstack([masks[:, [i]] * X for i in range(P)])
    F = np.hstack([Fp, -Fp])
    Q = np.zeros((nv, nv))
    Q[:nu, :nu] = F.T @ F
    q = np.zeros(nv)
    q[:nu] = -F.T @ y
    q[nu:] = beta
    # G x + s = h, s in the cones: linear rows s = (2 D_i - I) X u_j, cone rows s = (t_j, u_j).
    vals, rows, cols = [], [], []
    for j in range(m):
        S = (2 * masks[:, j % P] - 1)[:, None] * X
        for k in range(n):
            for a in range(d):
                if S[k, a] != 0:
                    vals.append(-S[k, a])
                    rows.append(j * n + k)
                    cols.append(j * d + a)
    off = n * m
    for j in range(m):
        base = off + j * (d + 1)
        vals.append(-1.0)
        rows.append(base)
        cols.append(nu + j)
        for a in range(d):
            vals.append(-1.0)
            rows.append(base + 1 + a)
            cols.append(j * d + a)
    G = spmatrix(vals, rows, cols, (off + m * (d + 1), nv))
    h = matrix(0.0, (off + m * (d + 1), 1))
    dims = {'l': n * m, 'q': [d + 1] * m, 's': []}
    solvers.options.update({'abstol': 1e-14, 'reltol': tol, 'feastol': 1e-9, 'maxiters': 100, 'show_progress': True})
    sol = solvers.coneqp(matrix(Q), matrix(q), G, h, dims)
    objective = sol['primal objective'] + 0.5 * float(y @ y)
    print(json.dumps({'status': sol['status'], 'iterations': sol['iterations'], 'objective': objective,
                      'relativeGap': sol['relative gap'], 'rows': n * m, 'n': n, 'd': d, 'P': P}))


if __name__ == '__main__':
    main()
