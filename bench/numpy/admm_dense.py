#!/usr/bin/env python3
"""Straightforward NumPy baseline of Algorithm 3.1 (paper-spec 3.4), squared loss.

It forms the full 2dP x 2dP matrix
    A = I + (1/rho) F^T F + G^T G,   F = [F_+, -F_+],  F_+ = [D_1 X, ..., D_P X],
    G^T G = blockdiag(X^T X, ..., X^T X)  (2P copies),
densely and factors it once with LAPACK's Cholesky (scipy.linalg.cho_factor; without scipy the
explicit inverse from numpy.linalg is used). F_+^T F_+ is accumulated over row chunks of F_+ so
that F (n x 2dP) is never held whole; F^T F = [[Q, -Q], [-Q, Q]] with Q = F_+^T F_+ (computing the
other three quarters again would only add flops). No decoupling, no Woodbury: that is the point
of the comparison.

The iteration is the benchmark's TypeScript Algorithm 3.1 step for step (same rho, over-relaxation
and dual step ratio, fixed rho, zero start): u-solve, block soft-thresholding, s = ReLU, dual
updates. Every check_every iterations the objective of the recovered network
    (1/2)||sum_i (X v_i)_+ - (X w_i)_+ - y||^2 + beta sum_j ||v_j||
is evaluated; the run stops once it is within 1e-3 (relative) of the target objective given by
the TypeScript run, or at the iteration / time limit.

Usage:
    admm_dense.py --probe                  # JSON: numpy/scipy versions and the BLAS in use
    admm_dense.py --data DIR --out FILE    # DIR holds meta.json, X.f64, y.f64, masks.u8

Data files are raw little-endian: X (n x d float64, row-major), y (n float64), masks (n x P uint8).
"""
import argparse
import json
import os
import resource
import sys
import time

# BENCH_CLOCK=cpu (npm run bench -- --clock cpu): this process's CPU time, like the TypeScript side.
clock = time.process_time if os.environ.get('BENCH_CLOCK') == 'cpu' else time.perf_counter

OBJECTIVE_MATCH = 1e-3


def blas_info():
    info = {}
    try:
        import threadpoolctl  # type: ignore

        info["threadpoolctl"] = threadpoolctl.threadpool_info()
    except Exception as exc:  # noqa: BLE001 - optional dependency
        info["threadpoolctl"] = None
        info["threadpoolctlError"] = repr(exc)
    libs = set()
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                path = line.split()[-1] if line.split() else ""
                name = os.path.basename(path)
                if "blas" in name or "lapack" in name or "mkl" in name:
                    libs.add(os.path.realpath(path))
    except OSError:
        pass
    info["loadedLibraries"] = sorted(libs)
    return info


def probe():
    import numpy as np

    out = {"numpy": np.__version__, "python": sys.version.split()[0]}
    try:
        import scipy  # type: ignore

        out["scipy"] = scipy.__version__
    except Exception:  # noqa: BLE001
        out["scipy"] = None
    # A tiny product so that a lazily loaded BLAS is mapped before we look.
    a = np.ones((64, 64))
    _ = a @ a
    out.update(blas_info())
    # Matrix-product speed on one thread: tells a tuned kernel from a generic one.
    m = np.random.default_rng(0).standard_normal((600, 600))
    best = float("inf")
    for _ in range(3):
        t0 = clock()
        _ = m @ m
        best = min(best, clock() - t0)
    out["gemm600Gflops"] = 2 * 600**3 / best / 1e9
    out["env"] = {k: os.environ.get(k) for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LD_LIBRARY_PATH")}
    print(json.dumps(out))


class Factor:
    """Cholesky via scipy (LAPACK potrf/potrs); the explicit inverse when scipy is missing."""

    def __init__(self, A):
        try:
            from scipy.linalg import cho_factor, cho_solve  # type: ignore

            self._cf = cho_factor(A, lower=True, overwrite_a=True, check_finite=False)
            self._solve = lambda b: cho_solve(self._cf, b, check_finite=False)
            self.method = "scipy.linalg.cho_factor/cho_solve (LAPACK dpotrf/dpotrs)"
        except ImportError:
            import numpy as np

            L = np.linalg.cholesky(A)
            Linv = np.linalg.inv(L)
            self._inv = Linv.T @ Linv
            self._solve = lambda b: self._inv @ b
            self.method = "numpy.linalg.cholesky + explicit inverse (scipy missing)"

    def solve(self, b):
        return self._solve(b)


def run(data_dir, out_file):
    import numpy as np

    t_start = clock()
    with open(os.path.join(data_dir, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    n, d, P = meta["n"], meta["d"], meta["P"]
    beta, rho = float(meta["beta"]), float(meta["rho"])
    relax, gamma = float(meta["relaxation"]), float(meta["gammaRatio"])
    target = float(meta["targetObjective"])
    max_iter, time_limit, check_every = int(meta["maxIterations"]), float(meta["timeLimitSeconds"]), int(meta["checkEvery"])

    X = np.fromfile(os.path.join(data_dir, "X.f64"), dtype="<f8").reshape(n, d)
    y = np.fromfile(os.path.join(data_dir, "y.f64"), dtype="<f8")
    masks = np.fromfile(os.path.join(data_dir, "masks.u8"), dtype=np.uint8).reshape(n, P)
    Dm = masks.astype(np.float64)
    E = 2.0 * Dm - 1.0
    E2 = np.hstack([E, E])  # n x 2P signs of G (v-half, w-half)
    m = 2 * P
    dP = d * P
    size = 2 * dP
    load_seconds = clock() - t_start

    # ---- one-time setup -------------------------------------------------------------------
    t0 = clock()
    XtX = X.T @ X
    t1 = clock()
    Q = np.zeros((dP, dP))
    chunk = max(1, min(n, (1 << 22) // dP))  # rows of F_+ per chunk: at most 32 MB
    for k0 in range(0, n, chunk):
        k1 = min(n, k0 + chunk)
        Fc = (Dm[k0:k1, :, None] * X[k0:k1, None, :]).reshape(k1 - k0, dP)
        Q += Fc.T @ Fc
    t2 = clock()
    A = np.empty((size, size))
    A[:dP, :dP] = Q
    A[:dP, dP:] = -Q
    A[dP:, :dP] = -Q
    A[dP:, dP:] = Q
    A /= rho
    del Q
    for j in range(m):
        A[j * d:(j + 1) * d, j * d:(j + 1) * d] += XtX
    A[np.diag_indices(size)] += 1.0
    t3 = clock()
    A_check = A[:, : min(size, 8)].copy()  # a few columns of A to check the factor afterwards
    factor = Factor(A)
    t4 = clock()
    # F^T y in block-major order [v_1..v_P, w_1..w_P] (each block d long).
    fty_half = (X.T @ (Dm * y[:, None])).T.reshape(-1)
    fty = np.concatenate([fty_half, -fty_half])
    setup_seconds = clock() - t0
    # Check: A e_j recovered through the factor for a few unit vectors (relative residual).
    probe_cols = A_check.shape[1]
    residual = 0.0
    for j in range(probe_cols):
        x = factor.solve(A_check[:, j])
        e = np.zeros(size)
        e[j] = 1.0
        residual = max(residual, float(np.max(np.abs(x - e))))

    # ---- iterations -------------------------------------------------------------------------
    u = np.zeros(size)
    v = np.zeros(size)
    lam = np.zeros(size)
    s = np.zeros((n, m))
    nu = np.zeros((n, m))
    thr = beta / rho

    def objective():
        V = v.reshape(m, d)
        XV = X @ V.T
        pred = np.maximum(XV[:, :P], 0.0).sum(axis=1) - np.maximum(XV[:, P:], 0.0).sum(axis=1)
        r = pred - y
        return 0.5 * float(r @ r) + beta * float(np.linalg.norm(V, axis=1).sum())

    step_seconds = []
    history = []
    reached_at = None
    iterations = 0
    loop_start = clock()
    while iterations < max_iter:
        ts = clock()
        # u-update: A u = F^T y / rho + v - lambda + G^T (s - nu)
        R = E2 * (s - nu)
        gtr = (X.T @ R).T.reshape(-1)
        b = fty / rho + v - lam + gtr
        u = factor.solve(b)
        XU = X @ u.reshape(m, d).T  # n x 2P
        # over-relaxed point, v-update (block soft-thresholding)
        uh = relax * u + (1.0 - relax) * v
        W = (uh + lam).reshape(m, d)
        norms = np.linalg.norm(W, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = np.where(norms > 0, np.maximum(1.0 - thr / norms, 0.0), 0.0)
        v = (W * scale[:, None]).reshape(-1)
        # s-update (ReLU) and duals
        g = relax * (E2 * XU) + (1.0 - relax) * s
        s_new = np.maximum(g + nu, 0.0)
        nu += gamma * (g - s_new)
        s = s_new
        lam += gamma * (uh - v)
        iterations += 1
        step_seconds.append(clock() - ts)
        if iterations % check_every == 0 or iterations == max_iter:
            obj = objective()
            elapsed = clock() - loop_start
            history.append({"iteration": iterations, "elapsedSeconds": elapsed, "objective": obj})
            if not np.isfinite(obj):
                break
            if obj <= target + OBJECTIVE_MATCH * abs(target):
                reached_at = history[-1]
                break
            if elapsed >= time_limit:
                break
    loop_seconds = clock() - loop_start
    steps = sorted(step_seconds)
    median_step = steps[len(steps) // 2] if steps else float("nan")

    out = {
        "n": n, "d": d, "P": P, "systemOrder": size,
        "rho": rho, "relaxation": relax, "gammaRatio": gamma, "beta": beta,
        "factorMethod": factor.method,
        "loadSeconds": load_seconds,
        "setupSeconds": setup_seconds,
        "setupBreakdown": {"gramSeconds": t1 - t0, "formFtFSeconds": t2 - t1, "assembleSeconds": t3 - t2, "choleskySeconds": t4 - t3},
        "factorCheckMaxError": residual,
        "medianStepSeconds": median_step,
        "meanStepSeconds": sum(step_seconds) / len(step_seconds) if step_seconds else float("nan"),
        "iterations": iterations,
        "loopSeconds": loop_seconds,
        "targetObjective": target,
        "reached": reached_at is not None,
        "iterationsToTarget": reached_at["iteration"] if reached_at else None,
        "timeToTargetSeconds": setup_seconds + reached_at["elapsedSeconds"] if reached_at else None,
        "finalObjective": history[-1]["objective"] if history else None,
        "history": history[:: max(1, len(history) // 40)],
        "maxRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "blas": blas_info(),
        "numpy": np.__version__,
    }
    with open(out_file, "w", encoding="utf-8") as f:
        json.dump(out, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", action="store_true")
    parser.add_argument("--data")
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.probe:
        probe()
    elif args.data and args.out:
        run(args.data, args.out)
    else:
        parser.error("give --probe, or --data DIR --out FILE")


if __name__ == "__main__":
    main()
