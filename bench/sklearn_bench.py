#!/usr/bin/python3
"""scikit-learn's side of the classical-ML benchmark (Nabla's side: dev.nabla.models.bench.MlBench).

Regenerates MlBench's data bit for bit (SplitMix64's finaliser over counters in uint64, combined by additions and
multiplications in the same order as MlData.java), fits each case on the first 20,000 rows for at least 4 s (the
warm-up the Java side needs for its JIT, done alike here), then times one fit on 200,000 x 50 float64 rows and
prints one JSON line: the seconds, the peak resident memory during the fit (VmHWM, reset through
/proc/self/clear_refs), a SHA-1 of the data that must equal the Java side's, and the quality figures compare_ml.py
compares (computed after the timed fit).
Usage: sklearn_bench.py [FILTER]   (comma-separated substrings of case names)
Run with Debian's /usr/bin/python3 (python3-sklearn on OpenBLAS)."""
import hashlib
import json
import math
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.mixture import GaussianMixture
from sklearn.neighbors import KNeighborsClassifier

ROWS, QUERIES, WARMUP_ROWS, FEATURES, CLUSTERS = 200_000, 2_000, 20_000, 50, 10
WARMUP_SECONDS = 4  # as MlBench, which needs it for its JIT
CENTRES, BLOBS, NOISE, BETA, TARGET_NOISE, INIT = 1, 2, 3, 4, 5, 6
GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def uniform(stream, counters):
    """dev.nabla.backend.CounterRng.uniform(stream, counter) for an array of counters."""
    with np.errstate(over="ignore"):
        z = np.uint64(stream) * GOLDEN + counters.astype(np.uint64) * np.uint64(0xD1B54A32D192ED03) + GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53


def noise(stream, m):
    """(u0 + u1 + u2 + u3 - 2) * sqrt(3), summed left to right as MlData.noise."""
    s = uniform(stream, 4 * m)
    s = s + uniform(stream, 4 * m + 1)
    s = s + uniform(stream, 4 * m + 2)
    s = s + uniform(stream, 4 * m + 3)
    return (s - 2) * math.sqrt(3)


def generate(rows, chunk=10_000):
    d = FEATURES
    centres = (3 * (uniform(CENTRES, np.arange(CLUSTERS * d)) - 0.5)).reshape(CLUSTERS, d)
    beta = 0.5 * (uniform(BETA, np.arange(d)) - 0.5)
    x = np.empty((rows, d))
    blob = np.empty(rows, dtype=np.int64)
    target = np.empty(rows)
    for start in range(0, rows, chunk):
        i = np.arange(start, min(rows, start + chunk), dtype=np.int64)
        c = np.floor(CLUSTERS * uniform(BLOBS, i)).astype(np.int64)
        block = centres[c] + noise(NOISE, i[:, None] * d + np.arange(d)[None, :])
        score = np.zeros(len(i))
        for j in range(d):
            score = score + block[:, j] * beta[j]
        x[i] = block
        blob[i] = c
        target[i] = score + noise(TARGET_NOISE, i)
    return x, blob, (target > 0).astype(np.int64), target


def initial_rows(n):
    return np.floor(n * uniform(INIT, np.arange(CLUSTERS))).astype(np.int64)


def kmeans(data, rows):
    x = data["x"][:rows]
    return KMeans(CLUSTERS, init=x[initial_rows(rows)], n_init=1, max_iter=300, tol=1e-4).fit(x)


def kmeans_quality(data, rows, m):
    return {"inertia": float(m.inertia_), "iterations": int(m.n_iter_)}


def logreg(data, rows):
    return LogisticRegression(C=1.0).fit(data["x"][:rows], data["label"][:rows])


def logreg_quality(data, rows, m):
    x, y = data["x"][:rows], data["label"][:rows]
    z = x @ m.coef_[0] + m.intercept_[0]
    margin = np.where(y == 1, 1.0, -1.0) * z
    loss = np.where(margin > 0, np.log1p(np.exp(-margin)), -margin + np.log1p(np.exp(margin))).mean()
    return {"accuracy": float(m.score(x, y)), "objective": float(loss + 0.5 / rows * (m.coef_ ** 2).sum()),
            "iterations": int(m.n_iter_[0]), "coefficients": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])}


def knn(data, rows):
    return KNeighborsClassifier(5).fit(data["x"][:rows], data["blob"][:rows]).predict(data["x"][ROWS:ROWS + QUERIES])


def knn_quality(data, rows, pred):
    text = "".join(f"{int(v)}\n" for v in pred)
    return {"accuracy": float((pred == data["blob"][ROWS:ROWS + QUERIES]).mean()),
            "predictions_sha1": hashlib.sha1(text.encode("ascii")).hexdigest()}


def pca(data, rows):
    return PCA(10, svd_solver="full").fit(data["x"][:rows])


def pca_quality(data, rows, m):
    return {"explained_variance_ratio_sum": float(m.explained_variance_ratio_.sum()),
            "first_explained_variance": float(m.explained_variance_[0])}


def gmm(data, rows):
    x = data["x"][:rows]
    return GaussianMixture(CLUSTERS, covariance_type="diag", init_params="random_from_data",
                           weights_init=np.full(CLUSTERS, 1 / CLUSTERS), means_init=x[initial_rows(rows)],
                           precisions_init=np.ones((CLUSTERS, FEATURES)), random_state=0).fit(x)


def gmm_quality(data, rows, m):
    return {"mean_log_likelihood": float(m.score(data["x"][:rows])), "iterations": int(m.n_iter_),
            "converged": bool(m.converged_)}


def ridge(data, rows):
    return Ridge(alpha=1.0).fit(data["x"][:rows], data["target"][:rows])


def ridge_quality(data, rows, m):
    return {"r2": float(m.score(data["x"][:rows], data["target"][:rows])), "coefficients": m.coef_.tolist(),
            "intercept": float(m.intercept_)}


CASES = {"kmeans": (kmeans, kmeans_quality), "logreg": (logreg, logreg_quality), "knn": (knn, knn_quality),
         "pca": (pca, pca_quality), "gmm_diag": (gmm, gmm_quality), "ridge": (ridge, ridge_quality)}


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return -1


def main():
    wanted = (sys.argv[1] if len(sys.argv) > 1 else "").split(",")
    chosen = [name for name in CASES if any(w in name for w in wanted)]
    if not chosen:
        sys.exit(f"sklearn_bench: no case matches '{sys.argv[1]}'; the cases: {', '.join(CASES)}")
    warnings.simplefilter("ignore")
    x, blob, label, target = generate(ROWS + QUERIES)
    data = {"x": x, "blob": blob, "label": label, "target": target}
    checksum = hashlib.sha1(x.astype("<f8").tobytes()).hexdigest()
    for name in chosen:
        fit, quality = CASES[name]
        warm_start = time.perf_counter()
        warmups = 0
        while warmups < 2 or time.perf_counter() - warm_start < WARMUP_SECONDS:
            fit(data, WARMUP_ROWS)
            warmups += 1
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        start = time.perf_counter()
        model = fit(data, ROWS)
        seconds = time.perf_counter() - start
        line = {"name": name, "side": "sklearn", "sklearn": sklearn.__version__, "rows": ROWS, "features": FEATURES,
                "dtype": "float64", "data_sha1": checksum, "seconds": round(seconds, 3), "peak_rss_mb": peak_rss_mb(),
                **quality(data, ROWS, model)}
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
