#!/usr/bin/env python3
"""Generate the scikit-learn reference fixtures for the GaussianMixture tests.

What it makes
-------------
One JSON file per dataset in ``Tests/GaussianMixtureTests/Fixtures/`` named
``sklearn_<dataset>.json``. Every dataset is drawn with numpy from a fixed seed, so
reruns with the same numpy/scikit-learn versions give the same files. Each file holds
the data ``X`` (rows are samples), ``k``, the EM settings (``tol``, ``reg_covar``,
``max_iter``, ``seed``, ``n_init_best``), the library versions, and one entry per
covariance type (Swift names: "full", "diagonal", "spherical", "tied") with:

* ``initial_labels``: the hard labels scikit-learn's own k-means initialisation
  produced (captured from the one-hot ``resp`` passed to ``_initialize``);
* ``em``: scikit-learn's ``GaussianMixture(n_init=1, random_state=seed)`` fit from that
  initialisation: ``weights``, ``means``, ``covariances`` (scikit-learn's shapes),
  ``lower_bound``, ``n_iter``, ``converged``;
* ``best``: the fit with ``n_init=10`` (``random_state=seed``): ``lower_bound``,
  ``score`` (``score(X)``) and ``labels`` (``predict(X)``);
* ``fixed``: scoring of the ``em`` model: ``bic``, ``aic``, ``score_samples`` (all
  rows) and ``predict_proba_first20``, and the same four computed from the same
  parameters in 50-digit arithmetic (mpmath) and rounded once, under ``exact``.
  scikit-learn evaluates ``(x - mu)^2 / var`` in an expanded form that cancels
  catastrophically when a variance is tiny next to the mean (the constant column gives
  variance 1e-6 at mean 10), so its own values can be off by far more than 1e-9 there;
  the tests fall back to ``exact`` only where scikit-learn itself is that far off.

Floats are written with Python's ``repr`` (the ``json`` module's default), which
round-trips every double exactly.

How to run
----------
From the package root, with numpy and scikit-learn installed
(``pip install scikit-learn``; mpmath comes with it via sympy, or ``pip install mpmath``)::

    python3 Tests/make_sklearn_fixtures.py

then run ``swift test``. The tests read the files as bundle resources.
"""

import json
import os
import sys
import warnings

import mpmath
import numpy as np
from mpmath import mp, mpf
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "GaussianMixtureTests", "Fixtures")

TOL = 1e-3
REG_COVAR = 1e-6
MAX_ITER = 100
N_INIT_BEST = 10

SWIFT_NAME = {"full": "full", "diag": "diagonal", "spherical": "spherical", "tied": "tied"}


class CapturingGaussianMixture(GaussianMixture):
    """A GaussianMixture that records every ``resp`` its initialisation produces."""

    def _initialize(self, X, resp):
        if not hasattr(self, "captured_resp_"):
            self.captured_resp_ = []
        self.captured_resp_.append(np.array(resp, copy=True))
        super()._initialize(X, resp)


# ---------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------


def blobs(rng, centres, covariances, counts):
    parts = [rng.multivariate_normal(c, s, size=n) for c, s, n in zip(centres, covariances, counts)]
    X = np.vstack(parts)
    return X[rng.permutation(len(X))]


def well_separated():
    rng = np.random.RandomState(101)
    centres = [[0.0, 0.0], [10.0, 10.0], [-10.0, 12.0]]
    covs = [[[1.0, 0.3], [0.3, 0.8]], [[1.5, -0.4], [-0.4, 1.0]], [[0.6, 0.0], [0.0, 1.2]]]
    return blobs(rng, centres, covs, [150, 170, 130]), 3, "three far-apart 2-D Gaussian blobs"


def overlapping():
    rng = np.random.RandomState(202)
    centres = [[0.0, 0.0], [2.0, 1.0], [0.5, 2.5]]
    covs = [[[1.0, 0.5], [0.5, 1.2]], [[1.3, -0.3], [-0.3, 0.9]], [[0.8, 0.1], [0.1, 1.1]]]
    return blobs(rng, centres, covs, [200, 220, 180]), 3, "three overlapping 2-D Gaussian blobs"


def player_scales():
    # score ~ 1e5 (std ~2e4), age ~ 30 years, start speed ~ 5, accuracy ~ 0.7.
    rng = np.random.RandomState(303)
    groups = [
        # (count, score mean, score std, age mean, age std, speed mean, speed std, acc mean, acc std)
        (220, 70000.0, 9000.0, 38.0, 6.0, 4.2, 0.4, 0.60, 0.05),
        (230, 95000.0, 10000.0, 31.0, 5.0, 4.9, 0.4, 0.68, 0.05),
        (190, 120000.0, 11000.0, 26.0, 4.0, 5.5, 0.5, 0.75, 0.04),
        (160, 150000.0, 14000.0, 23.0, 3.5, 6.1, 0.5, 0.82, 0.04),
    ]
    parts = []
    for n, sm, ss, am, asd, vm, vs, cm, cs in groups:
        score = rng.normal(sm, ss, n)
        age = rng.normal(am, asd, n) + 1e-5 * (score - sm)  # slight correlation with score
        speed = rng.normal(vm, vs, n)
        acc = rng.normal(cm, cs, n)
        parts.append(np.column_stack([score, age, speed, acc]))
    X = np.vstack(parts)
    X = X[rng.permutation(len(X))]
    return X, 4, "player-like features on very different scales: score ~1e5, age ~30, start speed ~5, accuracy ~0.7"


def near_singular():
    # Feature 1 is almost exactly 2 * feature 0 + 1: each covariance is nearly singular.
    rng = np.random.RandomState(404)
    parts = []
    for n, m0, m2 in [(200, 0.0, 0.0), (180, 4.0, 3.0), (220, -3.0, 5.0)]:
        a = rng.normal(m0, 1.0, n)
        b = 2.0 * a + 1.0 + rng.normal(0.0, 1e-3, n)
        c = rng.normal(m2, 1.0, n)
        parts.append(np.column_stack([a, b, c]))
    X = np.vstack(parts)
    X = X[rng.permutation(len(X))]
    return X, 3, "two almost collinear features (x1 = 2 x0 + 1 + N(0, 1e-3)) and an independent one"


def constant_column():
    rng = np.random.RandomState(505)
    centres = [[0.0, 0.0], [5.0, 1.0], [1.0, 6.0]]
    covs = [[[1.0, 0.2], [0.2, 1.0]], [[0.7, 0.0], [0.0, 1.4]], [[1.2, -0.5], [-0.5, 0.9]]]
    Y = blobs(rng, centres, covs, [160, 150, 190])
    X = np.column_stack([Y[:, 0], np.full(len(Y), 10.0), Y[:, 1]])
    return X, 3, "three 2-D blobs plus a constant middle column (10.0)"


def one_d():
    rng = np.random.RandomState(606)
    x = np.concatenate([rng.normal(-2.0, 0.7, 180), rng.normal(1.5, 1.0, 220), rng.normal(6.0, 0.5, 100)])
    x = x[rng.permutation(len(x))]
    return x.reshape(-1, 1), 3, "1-D mixture of three normals"


def six_d():
    rng = np.random.RandomState(707)
    centres, covs = [], []
    for c in range(3):
        centres.append(rng.normal(0.0, 1.5, 6))
        A = rng.normal(0.0, 1.0, (6, 6))
        covs.append(A @ A.T / 6.0 + 0.2 * np.eye(6))
    return blobs(rng, centres, covs, [300, 250, 350]), 3, "6-D mixture of three Gaussians with random full covariances"


DATASETS = [
    # (name, generator, covariance types, seed)
    ("well_separated", well_separated, ["full", "diag", "spherical", "tied"], 0),
    ("overlapping", overlapping, ["full", "diag", "spherical", "tied"], 1),
    ("player_scales", player_scales, ["full", "diag"], 2),
    ("near_singular", near_singular, ["full", "diag"], 3),
    ("constant_column", constant_column, ["full", "diag"], 4),
    ("one_d", one_d, ["full", "diag", "spherical", "tied"], 5),
    ("six_d", six_d, ["full", "diag", "tied"], 6),
]


# ---------------------------------------------------------------------------
# High-precision scoring of a fixed model
# ---------------------------------------------------------------------------


def exact_scoring(gm, X):
    """score_samples, bic, aic and predict_proba(X[:20]) of ``gm`` in 50-digit arithmetic."""
    mp.dps = 50
    n, d = X.shape
    k = gm.n_components
    means = [[mpf(float(v)) for v in row] for row in gm.means_]
    # Each component's full covariance in mp (symmetrised: scikit-learn's can be off by an ulp).
    covs = []
    for c in range(k):
        if gm.covariance_type == "full":
            C = gm.covariances_[c]
        elif gm.covariance_type == "tied":
            C = gm.covariances_
        elif gm.covariance_type == "diag":
            C = np.diag(gm.covariances_[c])
        else:
            C = np.eye(d) * gm.covariances_[c]
        M = mp.matrix(d, d)
        for i in range(d):
            for j in range(d):
                M[i, j] = (mpf(float(C[i][j])) + mpf(float(C[j][i]))) / 2
        covs.append(M)
    inverses = [mp.inverse(M) for M in covs]
    constants = [
        mp.log(mpf(float(gm.weights_[c]))) - (d * mp.log(2 * mp.pi) + mp.log(mp.det(covs[c]))) / 2 for c in range(k)
    ]
    scores, probabilities = [], []
    for r in range(n):
        x = [mpf(float(v)) for v in X[r]]
        terms = []
        for c in range(k):
            delta = [x[j] - means[c][j] for j in range(d)]
            q = mpf(0)
            for i in range(d):
                for j in range(d):
                    q += delta[i] * inverses[c][i, j] * delta[j]
            terms.append(constants[c] - q / 2)
        top = max(terms)
        total = top + mp.log(mp.fsum(mp.exp(t - top) for t in terms))
        scores.append(total)
        if r < 20:
            probabilities.append([float(mp.exp(t - total)) for t in terms])
    mean_score = mp.fsum(scores) / n
    p = gm._n_parameters()
    return {
        "bic": float(-2 * mean_score * n + p * mp.log(n)),
        "aic": float(-2 * mean_score * n + 2 * p),
        "score_samples": [float(s) for s in scores],
        "predict_proba_first20": probabilities,
    }


# ---------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------


def floats(a):
    """Nested lists of Python floats (json writes them with round-tripping repr)."""
    return np.asarray(a, dtype=np.float64).tolist()


def make_case(X, k, covariance_type, seed):
    common = dict(n_components=k, covariance_type=covariance_type, tol=TOL, reg_covar=REG_COVAR, max_iter=MAX_ITER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)

        # (a) + (b): one initialisation, the one scikit-learn makes itself.
        em = CapturingGaussianMixture(n_init=1, random_state=seed, **common)
        em.fit(X)
        assert len(em.captured_resp_) == 1
        resp = em.captured_resp_[0]
        assert resp.shape == (len(X), k)
        assert np.all((resp == 0.0) | (resp == 1.0)) and np.all(resp.sum(axis=1) == 1.0), "resp is not one-hot"
        labels = resp.argmax(axis=1)

        # Cross-check: the documented way to get the same labels.
        from sklearn.cluster import KMeans

        check = KMeans(n_clusters=k, n_init=1, random_state=np.random.RandomState(seed)).fit(X).labels_
        assert np.array_equal(check, labels), "captured labels differ from KMeans(random_state=RandomState(seed))"

        # (c): the best of ten initialisations.
        best = GaussianMixture(n_init=N_INIT_BEST, random_state=seed, **common)
        best.fit(X)

    return {
        "covariance_type": SWIFT_NAME[covariance_type],
        "initial_labels": labels.tolist(),
        "em": {
            "weights": floats(em.weights_),
            "means": floats(em.means_),
            "covariances": floats(em.covariances_),
            "lower_bound": float(em.lower_bound_),
            "n_iter": int(em.n_iter_),
            "converged": bool(em.converged_),
        },
        "best": {
            "lower_bound": float(best.lower_bound_),
            "score": float(best.score(X)),
            "labels": best.predict(X).tolist(),
            "n_iter": int(best.n_iter_),
            "converged": bool(best.converged_),
        },
        "fixed": {
            "bic": float(em.bic(X)),
            "aic": float(em.aic(X)),
            "score_samples": floats(em.score_samples(X)),
            "predict_proba_first20": floats(em.predict_proba(X[:20])),
            "exact": exact_scoring(em, X),
        },
    }


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    total = 0
    for name, generator, types, seed in DATASETS:
        X, k, description = generator()
        fixture = {
            "name": name,
            "description": description,
            "sklearn_version": sklearn.__version__,
            "numpy_version": np.__version__,
            "mpmath_version": mpmath.__version__,
            "k": k,
            "seed": seed,
            "tol": TOL,
            "reg_covar": REG_COVAR,
            "max_iter": MAX_ITER,
            "n_init_best": N_INIT_BEST,
            "X": floats(X),
            "cases": [make_case(X, k, t, seed) for t in types],
        }
        path = os.path.join(OUT_DIR, f"sklearn_{name}.json")
        with open(path, "w") as f:
            json.dump(fixture, f, separators=(",", ":"))
            f.write("\n")
        size = os.path.getsize(path)
        total += size
        summary = ", ".join(
            f"{c['covariance_type']}: n_iter={c['em']['n_iter']} conv={c['em']['converged']}" for c in fixture["cases"]
        )
        print(f"{path}: {X.shape[0]}x{X.shape[1]}, k={k}, {size / 1024:.0f} KiB ({summary})")
    print(f"total {total / 1024:.0f} KiB, scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    if total > 1.5e6:
        print("warning: fixtures exceed 1.5 MB", file=sys.stderr)


if __name__ == "__main__":
    main()
