#!/usr/bin/python3
"""Interleaves Nabla and PyTorch case by case and prints both sides' times and their ratio, over several rounds.

Two long-lived processes answer case names: Nabla's BenchRunner --serve and pytorch_bench.py --serve. For every
round and every case, one side measures the case, then the other (the order alternates between rounds), so load
on a shared machine hits both sides alike. Before any case, the peer is checked: it must run on an optimised
BLAS whose 1-thread SGEMM reaches at least half the FMA peak measured by Nabla in the same run; otherwise this
refuses to report ratios. Usage: compare.py JAVA_COMMAND... -- [--rounds N] [FILTER]"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time


class Side:
    """One benchmark process that answers a case name with one JSON line."""

    def __init__(self, command, env=None):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
                                     bufsize=1)

    def line(self):
        while True:
            text = self.proc.stdout.readline()
            if not text:
                sys.exit(f"compare: {self.proc.args[0]} ended early (exit {self.proc.wait()})")
            if text.startswith("{"):
                return text.strip()

    def ask(self, name):
        self.proc.stdin.write(name + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self.line())
        if "error" in answer:
            sys.exit(f"compare: {name}: {answer['error']}")
        return answer

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def check_peer(torch, nabla, hello):
    """Refuses a PyTorch whose BLAS is the reference one or whose SGEMM is under half the measured FMA peak."""
    apis = [b["internal_api"] for b in hello["blas"]]
    print(f"# peer: torch {hello['torch']}, BLAS {hello['blas']}, OMP_WAIT_POLICY={hello['omp_wait_policy']}")
    peak = nabla.ask("fma_peak_t1")["gflops"]
    sgemm = torch.ask("sgemm_1024_t1")["gflops"]
    print(f"# check: FMA peak (1 thread, Nabla's loop) {peak:.1f} GFLOP/s; PyTorch sgemm 1024 (1 thread) "
          f"{sgemm:.1f} GFLOP/s = {100 * sgemm / peak:.0f}% of it")
    if not any(api in ("openblas", "mkl", "blis") for api in apis) or sgemm < 0.5 * peak:
        sys.exit("compare: not an honest peer: PyTorch's SGEMM runs on the reference BLAS or below half the FMA "
                 "peak. Install an optimised BLAS (Debian: apt-get install libopenblas0-pthread, which becomes "
                 "libblas.so.3; ../shared/anchors/pytorch-cpu.sh does it) and run again.")


def spread(values, fmt):
    """The median of the rounds and, with more than one round, their range."""
    mid = fmt.format(statistics.median(values))
    return mid if len(values) == 1 else f"{mid} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def main():
    split = sys.argv.index("--")
    java, rest = sys.argv[1:split], sys.argv[split + 1:]
    parser = argparse.ArgumentParser(prog="compare.sh")
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all cases (default 3)")
    parser.add_argument("filter", nargs="?", default="", help="comma-separated substrings of case names")
    args = parser.parse_args(rest)
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    nabla = Side(java + ["--serve"])
    torch = Side(["/usr/bin/python3", os.path.join(here, "pytorch_bench.py"), "--serve"], env)
    hello = json.loads(torch.line())
    names = nabla.ask("list")["cases"]
    peer_names = set(torch.ask("list")["cases"])
    wanted = args.filter.split(",")
    # only the cases both sides define: Nabla's own (FMA peak, collectives, CUDA-sized) have no PyTorch twin
    shared = [n for n in names if n in peer_names and any(w in n for w in wanted)]
    if not shared:
        sys.exit(f"compare: no case matches '{args.filter}'; the cases: {', '.join(names)}")
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {cpu_name()}, {os.cpu_count()} cores; {args.rounds} rounds, "
          "each case measured by both sides in turn")
    check_peer(torch, nabla, hello)
    results = {n: {"nabla": [], "torch": [], "gflops": [], "peak": []} for n in shared}
    for r in range(args.rounds):
        peaks = {t: nabla.ask(f"fma_peak_t{t}")["gflops"] for t in (1, 2)}
        for name in shared:
            sides = [("nabla", nabla), ("torch", torch)]
            for label, side in sides if r % 2 == 0 else reversed(sides):
                answer = side.ask(name)
                results[name][label].append(answer["median_ms"])
                if label == "nabla" and answer.get("gflops"):
                    results[name]["gflops"].append(answer["gflops"])
                    results[name]["peak"].append(100 * answer["gflops"] / peaks[threads_of(name)])
            print(f"# round {r + 1}: {name} nabla {results[name]['nabla'][-1]:.2f} ms, "
                  f"torch {results[name]['torch'][-1]:.2f} ms", file=sys.stderr, flush=True)
    nabla.close()
    torch.close()
    table(results)


def threads_of(name):
    tail = name.rsplit("_t", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else os.cpu_count()


def table(results):
    """Markdown: medians over the rounds with their ranges; the ratio PyTorch/Nabla per round (above 1: Nabla faster)."""
    print("| case | Nabla ms | GFLOP/s | % of FMA peak | PyTorch ms | PyTorch/Nabla |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        ratios = [t / n for t, n in zip(r["torch"], r["nabla"])]
        print(f"| {name} | {spread(r['nabla'], '{:.2f}')} | {spread(r['gflops'], '{:.1f}') if r['gflops'] else ''} | "
              f"{spread(r['peak'], '{:.0f}') if r['peak'] else ''} | {spread(r['torch'], '{:.2f}')} | "
              f"{spread(ratios, '{:.2f}')} |")


def cpu_name():
    with open("/proc/cpuinfo") as f:
        for text in f:
            if text.startswith("model name"):
                return text.split(":", 1)[1].strip()
    return "unknown CPU"


if __name__ == "__main__":
    main()
