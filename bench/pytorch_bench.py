#!/usr/bin/python3
"""The PyTorch (CPU) twin of dev.nabla.models.bench.BenchSuite: same cases, same names, same
timing rule (warm-up, then repetitions for about 3 s, at least 5; the median), one JSON
object per line: {"name", "config", "median_ms", "gflops"}. Optional argument: a name filter (comma-separated
substrings; a case runs when its name contains any), or --serve: answer case names read from standard input,
one JSON line each, as bench/compare.py interleaves the two sides. Each case runs with its own thread count in
PyTorch's pool and in the BLAS's (torch.set_num_threads does not reach OpenBLAS). Run with
OMP_WAIT_POLICY=PASSIVE, as bench/compare.py does."""
import json
import os
import statistics
import sys
import time

import threadpoolctl
import torch
import torch.nn as nn
import torch.nn.functional as F

ALL_THREADS = os.cpu_count()


def use_threads(threads):
    """Sets the thread count of PyTorch's own pool and of the BLAS it calls."""
    torch.set_num_threads(threads)
    threadpoolctl.threadpool_limits(limits=threads, user_api="blas")


def blas_info():
    """The BLAS libraries loaded in this process, as threadpoolctl reports them."""
    return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "filepath")}
            for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]


def median_ms(body, warmup_s=2.0):
    start = time.perf_counter()
    warm = 0
    while warm < 3 or time.perf_counter() - start < warmup_s:
        body()
        warm += 1
    times = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < 3.0 and len(times) < 200):
        t = time.perf_counter()
        body()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times)


def sgemm(n, threads):
    a, b = torch.rand(n, n), torch.rand(n, n)
    c = torch.empty(n, n)
    return f"sgemm_{n}_t{threads}", f"N={n} threads={threads}", 2.0 * n ** 3, lambda: torch.mm(a, b, out=c)


def conv():
    x, w = torch.randn(32, 64, 56, 56), torch.randn(64, 64, 3, 3)

    def body():
        with torch.no_grad():
            F.conv2d(x, w, padding=1)
    return ("conv2d_fwd", f"x=32x64x56x56 w=64x64x3x3 pad=1 threads={ALL_THREADS}",
            2.0 * 32 * 64 * 56 * 56 * 64 * 9, body)


def train_step(model, loss, inp):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def body():
        opt.zero_grad()
        loss(model(inp)).backward()
        opt.step()
    return body


def mlp():
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    labels = torch.randint(0, 10, (64,))
    return ("mlp_train", f"784-256-128-10 batch=64 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: F.cross_entropy(y, labels), torch.randn(64, 784)))


def lenet():
    model = nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                          nn.Linear(84, 10))
    labels = torch.randint(0, 10, (64,))
    return ("lenet_train", f"1x28x28 batch=64 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: F.cross_entropy(y, labels), torch.randn(64, 1, 28, 28)))


def lstm():
    model = nn.LSTM(64, 256)
    return ("lstm_train", f"in=64 hidden=256 seq=50 batch=32 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: y[0].pow(2).mean(), torch.randn(50, 32, 64)))


def transformer():
    # PyTorch's defaults (ReLU feed-forward, post-norm), which Nabla's TransformerConfig shares
    layer = nn.TransformerEncoderLayer(128, 4, dim_feedforward=512, dropout=0.0, batch_first=True)
    model = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
    return ("transformer_train", f"2 layers d=128 heads=4 ff=512 seq=64 batch=32 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: y.pow(2).mean(), torch.randn(32, 64, 128)))


def threads_of(name):
    """The thread count a case runs with: the _tN suffix of the SGEMM cases, else every core."""
    tail = name.rsplit("_t", 1)
    return int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else ALL_THREADS


def cases():
    """Every case as (name, factory), in Nabla's order; a factory allocates the case's data when called."""
    for threads in (1, 2):
        for n in (256, 512, 1024, 2048):
            yield f"sgemm_{n}_t{threads}", lambda n=n, threads=threads: sgemm(n, threads)
    yield from (("conv2d_fwd", conv), ("mlp_train", mlp), ("lenet_train", lenet), ("lstm_train", lstm),
                ("transformer_train", transformer))


def line(name, config, flops, ms):
    return json.dumps({"name": name, "config": config, "median_ms": round(ms, 3),
                       "gflops": round(flops / (ms * 1e6), 2) if flops else None})


def serve():
    """Answers case names (or "list", for every name) from standard input. The first line out names PyTorch, its
    BLAS and the wait policy.
    A case is built once and kept, so later rounds re-time the same data after a short warm-up."""
    factories = dict(cases())
    built = {}
    print(json.dumps({"hello": "pytorch", "torch": torch.__version__, "blas": blas_info(),
                      "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY")}), flush=True)
    for raw in sys.stdin:
        name = raw.strip()
        if name == "list":
            print(json.dumps({"cases": list(factories)}), flush=True)
            continue
        if name not in factories:
            print(json.dumps({"name": name, "error": "no such case"}), flush=True)
            continue
        first = name not in built
        if first:
            built[name] = factories[name]()
        _, config, flops, body = built[name]
        use_threads(threads_of(name))
        print(line(name, config, flops, median_ms(body, 2.0 if first else 0.5)), flush=True)


def main():
    if sys.argv[1:2] == ["--serve"]:
        serve()
        return
    wanted = (sys.argv[1] if len(sys.argv) > 1 else "").split(",")
    for name, factory in cases():
        if any(part in name for part in wanted):
            _, config, flops, body = factory()
            use_threads(threads_of(name))
            print(line(name, config, flops, median_ms(body)), flush=True)


if __name__ == "__main__":
    main()
