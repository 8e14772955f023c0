#!/usr/bin/python3
"""Interleaves Nabla's and scikit-learn's classical-ML fits at 200,000 x 50 case by case over several rounds.

Each round runs every case once on each side, the side that goes first alternating between rounds, each run a fresh
process (MlBench or sklearn_bench.py with the case's name) so that its peak resident memory is its own. Both sides
generate the same data (their SHA-1s must agree) and print one JSON line; this prints a Markdown table of the median
seconds and peak RSS with their range over the rounds, the time ratio, and the quality comparison of the last round.
It refuses to report when NumPy runs on the reference BLAS.
Usage: compare_ml.py JAVA_COMMAND... -- [--rounds N] [FILTER]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import cpu_name, spread  # noqa: E402  (the PyTorch comparison's formatting, shared)

CASES = ["kmeans", "logreg", "knn", "pca", "gmm_diag", "ridge"]


def run(command, case, env=None):
    out = subprocess.run(command + [case], capture_output=True, text=True, env=env)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode != 0 or not lines:
        sys.exit(f"compare_ml: {command[0]} {case} failed (exit {out.returncode}): {out.stderr[-2000:]}")
    return json.loads(lines[-1])


def check_peer(python):
    info = subprocess.run(python + ["-c", "import json, numpy, threadpoolctl; print(json.dumps("
                                    "[i for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas']))"],
                          capture_output=True, text=True)
    blas = json.loads(info.stdout or "[]")
    print(f"# peer BLAS: {[(b['internal_api'], b.get('version'), b.get('num_threads')) for b in blas]}")
    if not any(b["internal_api"] in ("openblas", "mkl", "blis") for b in blas):
        sys.exit("compare_ml: not an honest peer: NumPy runs on the reference BLAS. Install an optimised one "
                 "(Debian: apt-get install libopenblas0-pthread) and run again.")


def relative(a, b):
    return abs(a - b) / max(abs(b), 1e-300)


def vector_difference(a, b):
    """|a - b| / |b| for two coefficient vectors (intercept last)."""
    diff = math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))
    return diff / math.sqrt(sum(y * y for y in b))


def quality(name, nabla, sk):
    """The case's quality figures side by side: what the goal compares."""
    if name == "kmeans":
        return (f"inertia rel. diff {relative(nabla['inertia'], sk['inertia']):.1e}; "
                f"iterations {nabla['iterations']} / {sk['iterations']}")
    if name == "logreg":
        coef = vector_difference(nabla["coefficients"] + [nabla["intercept"]], sk["coefficients"] + [sk["intercept"]])
        same = "equal" if nabla["accuracy"] == sk["accuracy"] else f"{nabla['accuracy']} vs {sk['accuracy']}"
        return (f"accuracy {same}; objective rel. diff {relative(nabla['objective'], sk['objective']):.1e} "
                f"({'Nabla lower' if nabla['objective'] < sk['objective'] else 'sklearn lower'}); "
                f"coef. rel. diff {coef:.1e}")
    if name == "knn":
        same = nabla["predictions_sha1"] == sk["predictions_sha1"]
        return f"predictions {'identical' if same else 'DIFFER'}; accuracy {nabla['accuracy']} / {sk['accuracy']}"
    if name == "pca":
        return (f"explained-variance-ratio sum rel. diff "
                f"{relative(nabla['explained_variance_ratio_sum'], sk['explained_variance_ratio_sum']):.1e}")
    if name == "gmm_diag":
        return (f"mean log-likelihood rel. diff "
                f"{relative(nabla['mean_log_likelihood'], sk['mean_log_likelihood']):.1e}; "
                f"iterations {nabla['iterations']} / {sk['iterations']}")
    if name == "ridge":
        coef = vector_difference(nabla["coefficients"] + [nabla["intercept"]], sk["coefficients"] + [sk["intercept"]])
        return f"coef. rel. diff {coef:.1e}; R² {nabla['r2']:.6f} / {sk['r2']:.6f}"
    return ""


def main():
    split = sys.argv.index("--")
    java, rest = sys.argv[1:split], sys.argv[split + 1:]
    parser = argparse.ArgumentParser(prog="compare_ml.sh")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all cases (default 3)")
    parser.add_argument("filter", nargs="?", default="", help="comma-separated substrings of case names")
    args = parser.parse_args(rest)
    cases = [c for c in CASES if any(w in c for w in args.filter.split(","))]
    if not cases:
        sys.exit(f"compare_ml: no case matches '{args.filter}'; the cases: {', '.join(CASES)}")
    python = ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_bench.py")]
    check_peer(python[:1])
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {cpu_name()}, {os.cpu_count()} cores; {args.rounds} rounds, "
          "each case a fresh process per side, the sides alternating")
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    results = {c: {"nabla": [], "sklearn": []} for c in cases}
    for r in range(args.rounds):
        for case in cases:
            sides = [("nabla", java, None), ("sklearn", python, env)]
            for label, command, side_env in (sides if r % 2 == 0 else reversed(sides)):
                results[case][label].append(run(command, case, side_env))
            n, s = results[case]["nabla"][-1], results[case]["sklearn"][-1]
            if n["data_sha1"] != s["data_sha1"]:
                sys.exit(f"compare_ml: the two sides generated different data ({n['data_sha1']} vs {s['data_sha1']})")
            print(f"# round {r + 1}: {case} nabla {n['seconds']:.2f} s, sklearn {s['seconds']:.2f} s",
                  file=sys.stderr, flush=True)
    table(results)


def table(results):
    """Markdown: medians over the rounds with ranges; the ratio sklearn/Nabla per round (above 1: Nabla faster)."""
    print("| fit, 200k × 50 float64 | Nabla s | scikit-learn s | sklearn/Nabla | Nabla peak RSS MB | "
          "sklearn peak RSS MB | quality (last round) |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        nabla = [x["seconds"] for x in r["nabla"]]
        sk = [x["seconds"] for x in r["sklearn"]]
        ratios = [s / n for s, n in zip(sk, nabla)]
        print(f"| {name} | {spread(nabla, '{:.2f}')} | {spread(sk, '{:.2f}')} | {spread(ratios, '{:.2f}')} | "
              f"{spread([x['peak_rss_mb'] for x in r['nabla']], '{:.0f}')} | "
              f"{spread([x['peak_rss_mb'] for x in r['sklearn']], '{:.0f}')} | "
              f"{quality(name, r['nabla'][-1], r['sklearn'][-1])} |")


if __name__ == "__main__":
    main()
