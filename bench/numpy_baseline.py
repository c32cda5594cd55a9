"""The numpy baseline of `npm run bench`: the same label-noise SGD loop (batch 1, Eqs. (15)-(16)) in numpy.

Run by bench/run.ts as `python3 bench/numpy_baseline.py --serve`: it prints numpy's version and the BLAS it
runs (library, version, the OpenBLAS core it picked and its thread count, read from the loaded library) as one
JSON line, then times one repetition per request line and answers with its steps per CPU second
(time.process_time), so that the TypeScript side can time the engine and numpy in turn, a repetition each,
on the same CPU.

The loop is written as numpy is usually written (one vectorized call per line), in the engine's formulation
(rules/singleSamplePass.ts: the neurons' outputs z = W x give f(x) = a^T z, then the rank-one update), which is
numpy's fastest of the forms tried (the formulation that keeps theta = a^T W, as the engine did before, runs
~10% slower; preallocated `out=` buffers gain nothing). The random draws are made before the clock starts
(which favours numpy: the TypeScript side draws them as it goes).

Where scipy is installed, the same loop with OpenBLAS's in-place rank-one update (scipy.linalg.blas.dger:
no m x d temporary) is timed too and reported beside it ("blas"): a lower bound on what a Python loop over
BLAS calls costs, not numpy's usual form.
"""

import ctypes
import json
import os
import sys
import time

import numpy as np


def blas_info():
    info = {"numpy": np.__version__}
    try:
        cfg = np.show_config(mode="dicts")  # numpy >= 1.26
        blas = cfg.get("Build Dependencies", {}).get("blas", {})
        info["blas"] = blas.get("name", "unknown")
        info["blasVersion"] = blas.get("version", "unknown")
        info["blasConfig"] = blas.get("openblas configuration", "")
    except Exception as e:  # older numpy
        info["blas"] = f"unknown ({e.__class__.__name__})"
    try:
        with open("/proc/self/maps") as maps:
            libs = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    except OSError:  # not Linux
        libs = []
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                try:
                    core = getattr(lib, f"{prefix}get_corename{suffix}")
                    core.restype = ctypes.c_char_p
                    threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
                    threads.restype = ctypes.c_int
                    info["openblasCore"] = core().decode()
                    info["openblasThreads"] = threads()
                    return info
                except AttributeError:
                    pass
    info["openblasCore"] = "not read (no OpenBLAS library found)"
    return info


def setup(m, d, n, sigma, steps, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    theta_star = rng.standard_normal(d)
    theta_star *= m ** -0.25 / np.linalg.norm(theta_star)
    y = X @ theta_star
    W = rng.standard_normal((m, d)) / np.sqrt(d)
    a = rng.standard_normal(m) / np.sqrt(m)
    idx = rng.integers(0, n, steps)
    eps = sigma * rng.choice([-1.0, 1.0], steps)
    return X, y, W, a, idx, eps


def run(m, d, n, eta, sigma, steps, seed):
    X, y, W, a, idx, eps = setup(m, d, n, sigma, steps, seed)
    t0 = time.process_time()
    for t in range(steps):
        j = idx[t]
        x = X[j]
        z = W @ x  # the neurons' outputs z_i = <w_i, x>
        r = a @ z - y[j] - eps[t]  # residual with label noise (Eq. (1)): f(x) = a^T z
        W -= np.outer(eta * a, r * x)  # w_i <- w_i - eta a_i g, g = r x (Eq. (15))
        a -= (eta * r) * z  # a_i <- a_i - eta <w_i, g> = a_i - eta r z_i (old w_i, Eq. (16))
    seconds = time.process_time() - t0
    if not np.all(np.isfinite(a @ W)):
        raise SystemExit(f"numpy baseline diverged at m = {m}")
    return steps / seconds


def run_blas(m, d, n, eta, sigma, steps, seed):
    from scipy.linalg.blas import dger

    X, y, W, a, idx, eps = setup(m, d, n, sigma, steps, seed)
    W = np.asfortranarray(W)
    t0 = time.process_time()
    for t in range(steps):
        j = idx[t]
        x = X[j]
        z = W @ x
        r = a @ z - y[j] - eps[t]
        W = dger(-eta * r, a, x, a=W, overwrite_a=1)  # W += (-eta r) a x^T in place
        a -= (eta * r) * z
    seconds = time.process_time() - t0
    if not np.all(np.isfinite(a @ W)):
        raise SystemExit(f"blas baseline diverged at m = {m}")
    return steps / seconds


def has_scipy():
    try:
        import scipy.linalg.blas  # noqa: F401
    except ImportError:
        return False
    return True


def serve():
    """Print blas_info() as one JSON line, then answer each request line
    {"m", "d", "n", "eta", "sigma", "steps", "seed", "blas"} with {"rate": steps per CPU second} of one
    repetition (run, or run_blas where "blas" is true and scipy is installed; else {"rate": null})."""
    info = blas_info()
    info["env"] = {k: os.environ.get(k, "unset") for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    info["scipy"] = has_scipy()
    print(json.dumps(info), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        s = json.loads(line)
        args = (s["m"], s["d"], s["n"], s["eta"], s["sigma"], s["steps"], s["seed"])
        if s.get("blas"):
            rate = run_blas(*args) if info["scipy"] else None
        else:
            rate = run(*args)
        print(json.dumps({"rate": rate}), flush=True)


if __name__ == "__main__":
    serve()
