#!/usr/bin/env python3
"""Side-by-side timing of scikit-learn's GaussianMixture and `sphery-engine mixture`.

Both sides fit the same rows: the script draws a player-like data set with numpy (fixed
seed), writes it to a CSV in a temporary folder (17 significant digits, so the CSV holds
exactly the array scikit-learn fits), then times

  * scikit-learn: GaussianMixture(n_components=4, covariance_type='full', random_state=0)
    (library defaults: k-means init, tol 1e-3, max_iter 100, reg_covar 1e-6, n_init 1),
    `fit(X)` timed with perf_counter, `n_iter_`, `score(X)` (mean log-likelihood);
  * sphery-engine: `mixture --csv FILE --columns score,age,startSpeed,duration_minutes
    --components 4 --seed 0` (the same defaults); its JSON gives `fit_seconds` (the fit
    alone, file reading excluded), `iterations` and `mean_log_likelihood`.

Time per EM iteration is given three ways for both sides:
  * timed iterations (the main figure): a fit with tol=0 and --timed-iter iterations; the
    CLI's `--progress` lines on stderr are time-stamped as they arrive, scikit-learn's own
    verbose=2 "time lapse" lines are read; the first iteration (which includes the
    initialisation) is dropped and the median of the rest is taken;
  * whole fit / iterations (includes the k-means initialisation, so an upper bound);
  * the difference method (skip with --skip-difference): (fit with max_iter=B, tol=0) -
    (fit with max_iter=A, tol=0), divided by B - A. Both fits start from the same seeded
    k-means initialisation, but that start varies in time from run to run by more than
    B - A iterations on a shared machine, so this figure is noisy.

Every figure is the median of --repeats runs (scikit-learn: --sklearn-repeats).

For a fair numpy, run it with the OpenBLAS tuning variables of this environment unset
(they may pin a slower kernel):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/compare_sklearn.py

Options: --rows N (default 1000000), --repeats N, --sklearn-repeats N, --binary PATH
(default: Benchmarks/.build/release/sphery-engine, else .build/release/sphery-engine),
--build (first `swift build -c release --product sphery-engine` in Benchmarks/),
--csv PATH (keep the CSV there instead of a temporary folder), --skip-sklearn,
--skip-difference, --threads N (both sides; e.g. 1 for a figure that another process on the
second core disturbs less), --json PATH (write every measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

COLUMNS = ["score", "age", "startSpeed", "duration_minutes"]

# The four player levels: share of rows, then (mean, spread) of score, age, startSpeed and
# duration_minutes. Must match Benchmarks/Sources/PlayerData/PlayerData.swift.
LEVELS = [
    (0.40, (60_000, 15_000), (27, 5), (4.5, 0.5), (28, 8)),
    (0.30, (80_000, 15_000), (29, 6), (4.9, 0.5), (31, 9)),
    (0.20, (100_000, 18_000), (31, 6), (5.3, 0.6), (35, 10)),
    (0.10, (130_000, 25_000), (34, 7), (5.8, 0.6), (40, 12)),
]
SPEED_SCORE_CORRELATION = 0.6
DURATION_SCORE_CORRELATION = 0.3

# Threads for both sides (None: each library's default, one per core). Set by --threads.
THREADS: int | None = None

BENCHMARKS_DIR = Path(__file__).resolve().parent
MAIN_DIR = BENCHMARKS_DIR.parent


def generate(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Player-like rows (score ~1e5, age ~30, startSpeed ~5, whole-minute durations) and levels."""
    rng = np.random.default_rng(seed)
    weights = np.array([level[0] for level in LEVELS])
    levels = rng.choice(len(LEVELS), size=rows, p=weights)
    z = rng.standard_normal((rows, 4))
    table = np.array([[m for pair in level[1:] for m in pair] for level in LEVELS])
    p = table[levels]  # rows x 8: score mean/spread, age, speed, duration
    rho, tau = SPEED_SCORE_CORRELATION, DURATION_SCORE_CORRELATION
    x = np.empty((rows, 4))
    x[:, 0] = p[:, 0] + p[:, 1] * z[:, 0]
    x[:, 1] = p[:, 2] + p[:, 3] * z[:, 1]
    x[:, 2] = p[:, 4] + p[:, 5] * (rho * z[:, 0] + np.sqrt(1 - rho * rho) * z[:, 2])
    minutes = p[:, 6] + p[:, 7] * (tau * z[:, 0] + np.sqrt(1 - tau * tau) * z[:, 3])
    x[:, 3] = np.maximum(1.0, np.round(minutes))
    return x, levels


def write_csv(path: Path, x: np.ndarray) -> None:
    np.savetxt(path, x, delimiter=",", fmt="%.17g", header=",".join(COLUMNS), comments="")


def condition_numbers(x: np.ndarray, levels: np.ndarray) -> list[float]:
    return [float(np.linalg.cond(np.cov(x[levels == k].T))) for k in range(len(LEVELS))]


def median(values: list[float]) -> float:
    return float(statistics.median(values))


# ----------------------------------------------------------------------------- scikit-learn


def sklearn_fit(x: np.ndarray, **settings) -> dict:
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture

    model = GaussianMixture(n_components=4, covariance_type="full", random_state=0, **settings)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = time.perf_counter()
        model.fit(x)
        seconds = time.perf_counter() - start
    return {
        "fit_seconds": seconds,
        "iterations": int(model.n_iter_),
        "converged": bool(model.converged_),
        "mean_log_likelihood": float(model.score(x)),
        "lower_bound": float(model.lower_bound_),
    }


def sklearn_iteration_seconds(x: np.ndarray, iterations: int) -> list[float]:
    """Per-iteration times from scikit-learn's own verbose=2 'time lapse' lines (tol=0, so
    exactly `iterations` iterations); the first is dropped (it includes the initialisation)."""
    import contextlib
    import io
    import re
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture

    model = GaussianMixture(n_components=4, covariance_type="full", random_state=0, tol=0.0,
                            max_iter=iterations, verbose=2, verbose_interval=1)
    output = io.StringIO()
    with warnings.catch_warnings(), contextlib.redirect_stdout(output):
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x)
    lapses = [float(v) for v in re.findall(r"Iteration \d+\s+time lapse ([0-9.]+)s", output.getvalue())]
    return lapses[1:]


# ----------------------------------------------------------------------------- sphery-engine


def swift_iteration_seconds(binary: Path, csv: Path, iterations: int) -> list[float]:
    """Per-iteration times of `mixture --progress --tol 0 --max-iter N`: the time between
    consecutive progress lines on standard error (one line per finished EM iteration)."""
    command = [
        str(binary), "mixture", "--csv", str(csv), "--columns", ",".join(COLUMNS), "--components", "4",
        "--covariance", "full", "--seed", "0", "--tol", "0", "--max-iter", str(iterations), "--progress",
        *thread_options(),
    ]
    stamps = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1) as process:
        for line in process.stderr:
            if line.startswith("restart "):
                stamps.append(time.perf_counter())
        process.stdout.read()
    if len(stamps) != iterations:
        print(f"warning: {len(stamps)} progress lines, expected {iterations}")
    return [b - a for a, b in zip(stamps, stamps[1:])]


def find_binary(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    for candidate in (
        BENCHMARKS_DIR / ".build" / "release" / "sphery-engine",
        MAIN_DIR / ".build" / "release" / "sphery-engine",
    ):
        if candidate.exists():
            return candidate
    sys.exit("no sphery-engine binary: pass --binary PATH or --build")


def thread_options() -> list[str]:
    return [] if THREADS is None else ["--threads", str(THREADS)]


def swift_fit(binary: Path, csv: Path, *extra: str) -> dict:
    extra = (*thread_options(), *extra)
    command = [
        str(binary), "mixture", "--csv", str(csv), "--columns", ",".join(COLUMNS),
        "--components", "4", "--covariance", "full", "--seed", "0", *extra,
    ]
    start = time.perf_counter()
    completed = subprocess.run(command, check=True, capture_output=True, text=True)
    process_seconds = time.perf_counter() - start
    result = json.loads(completed.stdout)
    return {
        "fit_seconds": float(result["fit_seconds"]),
        "process_seconds": process_seconds,
        "iterations": int(result["iterations"]),
        "converged": bool(result["converged"]),
        "mean_log_likelihood": float(result["mean_log_likelihood"]),
        "lower_bound": float(result.get("lower_bound", float("nan"))),
        "command": " ".join(command),
    }


# ----------------------------------------------------------------------------- reporting


def summarize(runs: list[dict]) -> dict:
    return {
        "fit_seconds": median([r["fit_seconds"] for r in runs]),
        "fit_seconds_all": [round(r["fit_seconds"], 4) for r in runs],
        "iterations": int(median([r["iterations"] for r in runs])),
        "converged": all(r["converged"] for r in runs),
        "mean_log_likelihood": runs[0]["mean_log_likelihood"],
        "mean_log_likelihood_spread": max(r["mean_log_likelihood"] for r in runs)
        - min(r["mean_log_likelihood"] for r in runs),
        "process_seconds": median([r["process_seconds"] for r in runs]) if "process_seconds" in runs[0] else None,
    }


def difference_per_iteration(fit, low: int, high: int, repeats: int) -> dict:
    """(median fit at `high` iterations - median fit at `low`) / (high - low), seconds."""
    low_runs = [fit(low) for _ in range(repeats)]
    high_runs = [fit(high) for _ in range(repeats)]
    lows = [r["fit_seconds"] for r in low_runs]
    highs = [r["fit_seconds"] for r in high_runs]
    iterations = sorted({r["iterations"] for r in low_runs} | {r["iterations"] for r in high_runs})
    if iterations != sorted({low, high}):
        print(f"warning: difference-method fits ran {iterations} iterations, not {low} and {high}")
    return {
        "low": low, "high": high, "low_seconds": lows, "high_seconds": highs, "iterations": iterations,
        "per_iteration_seconds": (median(highs) - median(lows)) / (high - low),
    }


def machine_summary() -> dict:
    model = ""
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return {
        "cpu": model, "cpus": os.cpu_count(), "platform": platform.platform(),
        "load_average": os.getloadavg(),
        "python": platform.python_version(), "date_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5, help="runs of the Swift CLI per figure (median)")
    parser.add_argument("--sklearn-repeats", type=int, default=3, help="runs of scikit-learn per figure (median)")
    parser.add_argument("--seed", type=int, default=2024, help="numpy seed of the data")
    parser.add_argument("--binary", help="path of the sphery-engine executable")
    parser.add_argument("--build", action="store_true", help="build sphery-engine (release) in Benchmarks/ first")
    parser.add_argument("--csv", help="write the CSV here (kept) instead of a temporary folder")
    parser.add_argument("--skip-sklearn", action="store_true")
    parser.add_argument("--skip-difference", action="store_true", help="skip the difference-method per-iteration runs")
    parser.add_argument("--timed-iter", type=int, default=15,
                        help="iterations of the per-iteration timing fits (tol 0; the first is not counted)")
    parser.add_argument("--low-iter", type=int, default=5)
    parser.add_argument("--high-iter", type=int, default=15)
    parser.add_argument("--threads", type=int,
                        help="threads for both sides: threadpoolctl limit for scikit-learn, --threads for the CLI")
    parser.add_argument("--json", help="write all measurements to this file")
    args = parser.parse_args()
    global THREADS
    THREADS = args.threads

    for variable in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        if variable in os.environ:
            print(f"note: {variable}={os.environ[variable]} is set "
                  "(run with `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE` for the fair comparison)")

    import sklearn
    import sklearn.cluster  # noqa: F401  (loads the OpenMP and BLAS libraries it uses)
    import sklearn.mixture  # noqa: F401
    from threadpoolctl import threadpool_info, threadpool_limits

    if THREADS is not None:
        threadpool_limits(limits=THREADS)

    machine = machine_summary()
    print(f"machine: {machine['cpu']}, {machine['cpus']} CPUs, {machine['platform']}, {machine['date_utc']} UTC")
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in machine['load_average'])}")
    print(f"python {machine['python']}, numpy {np.__version__}, scikit-learn {sklearn.__version__}")
    pools = threadpool_info()
    for pool in pools:
        print("threadpool:", {k: pool.get(k) for k in ("user_api", "internal_api", "version", "num_threads",
                                                       "threading_layer", "architecture", "filepath")})

    if args.build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "sphery-engine"], cwd=BENCHMARKS_DIR, check=True)
    binary = find_binary(args.binary)
    print(f"sphery-engine: {binary}; threads: {THREADS or 'library defaults (one per core)'}")

    x, levels = generate(args.rows, args.seed)
    print(f"data: {args.rows} rows x {x.shape[1]} ({', '.join(COLUMNS)}), numpy seed {args.seed}; "
          "condition numbers of the per-level covariances: "
          + ", ".join(f"{c:.2e}" for c in condition_numbers(x, levels)))

    with tempfile.TemporaryDirectory() as folder:
        csv = Path(args.csv) if args.csv else Path(folder) / "players.csv"
        start = time.perf_counter()
        write_csv(csv, x)
        print(f"csv: {csv} ({csv.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - start:.1f} s)")

        results: dict = {"machine": machine, "rows": args.rows, "threads": THREADS, "threadpools": pools}

        # --- sphery-engine
        swift_runs = [swift_fit(binary, csv) for _ in range(args.repeats + 1)][1:]  # first run: warm-up
        swift = summarize(swift_runs)
        swift["command"] = swift_runs[0]["command"]
        print(f"sphery-engine fits: {swift['fit_seconds_all']} s, iterations {swift['iterations']}")
        swift_lapses = [t for _ in range(args.repeats) for t in swift_iteration_seconds(binary, csv, args.timed_iter)]
        swift["per_iteration_seconds"] = median(swift_lapses)
        swift["per_iteration_min_seconds"] = min(swift_lapses)
        swift["per_iteration_samples"] = len(swift_lapses)
        if not args.skip_difference:
            swift["difference"] = difference_per_iteration(
                lambda m: swift_fit(binary, csv, "--max-iter", str(m), "--tol", "0"),
                args.low_iter, args.high_iter, args.repeats)
        results["swift"] = swift

        # --- scikit-learn
        sk = None
        if not args.skip_sklearn:
            sk_runs = [sklearn_fit(x) for _ in range(args.sklearn_repeats)]
            sk = summarize(sk_runs)
            print(f"scikit-learn fits: {sk['fit_seconds_all']} s, iterations {sk['iterations']}")
            sk_lapses = [t for _ in range(args.sklearn_repeats) for t in sklearn_iteration_seconds(x, args.timed_iter)]
            sk["per_iteration_seconds"] = median(sk_lapses)
            sk["per_iteration_min_seconds"] = min(sk_lapses)
            sk["per_iteration_samples"] = len(sk_lapses)
            if not args.skip_difference:
                sk["difference"] = difference_per_iteration(
                    lambda m: sklearn_fit(x, max_iter=m, tol=0.0), args.low_iter, args.high_iter, args.sklearn_repeats)
            results["sklearn"] = sk

    # --- table
    def row(label, s, w, ratio=None, fmt="{:.3f}"):
        sv = "—" if s is None else fmt.format(s)
        wv = fmt.format(w)
        rv = "" if ratio is None else f"{ratio:.1f}×"
        print(f"| {label:<44} | {sv:>14} | {wv:>14} | {rv:>9} |")

    print()
    print(f"| {'':<44} | {'scikit-learn':>14} | {'sphery-engine':>14} | {'sk / sw':>9} |")
    print(f"|{'-' * 46}|{'-' * 16}|{'-' * 16}|{'-' * 11}|")
    s_fit = sk["fit_seconds"] if sk else None
    row("whole fit, median (s)", s_fit, swift["fit_seconds"], s_fit / swift["fit_seconds"] if sk else None)
    row("EM iterations", sk["iterations"] if sk else None, swift["iterations"], fmt="{:d}")
    s_it = 1e3 * sk["fit_seconds"] / sk["iterations"] if sk else None
    w_it = 1e3 * swift["fit_seconds"] / swift["iterations"]
    row("ms / iteration (whole fit / iterations)", s_it, w_it, s_it / w_it if sk else None, fmt="{:.1f}")
    s_p = 1e3 * sk["per_iteration_seconds"] if sk else None
    w_p = 1e3 * swift["per_iteration_seconds"]
    row(f"ms / iteration (median of timed iterations)", s_p, w_p, s_p / w_p if sk else None, fmt="{:.1f}")
    if not args.skip_difference:
        s_d = 1e3 * sk["difference"]["per_iteration_seconds"] if sk else None
        w_d = 1e3 * swift["difference"]["per_iteration_seconds"]
        row(f"ms / iteration (fit {args.high_iter} − fit {args.low_iter} iterations)",
            s_d, w_d, s_d / w_d if sk else None, fmt="{:.1f}")
    row("mean log-likelihood (score)", sk["mean_log_likelihood"] if sk else None,
        swift["mean_log_likelihood"], fmt="{:.4f}")
    if sk:
        print(f"\nlog-likelihood difference (sphery-engine − scikit-learn): "
              f"{swift['mean_log_likelihood'] - sk['mean_log_likelihood']:+.2e}")
    print(f"sphery-engine whole process incl. CSV reading, median: {swift['process_seconds']:.2f} s")

    print(f"load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
        print(f"measurements written to {args.json}")


if __name__ == "__main__":
    main()
