#!/usr/bin/python3
"""The PyTorch (CPU) twin of dev.nabla.models.bench.BenchSuite: same cases, same names, same
timing rule (3 warm-up runs, then repetitions for about 3 s, at least 5; the median), one JSON
object per line: {"name", "config", "median_ms", "gflops"}. Optional argument: a name filter (comma-separated
substrings; a case runs when its name contains any)."""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ALL_THREADS = os.cpu_count()


def median_ms(body):
    for _ in range(3):
        body()
    times = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < 3.0 and len(times) < 200):
        t = time.perf_counter()
        body()
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times)


def sgemm(n, threads):
    torch.set_num_threads(threads)
    a, b = torch.rand(n, n), torch.rand(n, n)
    c = torch.empty(n, n)
    return f"sgemm_{n}_t{threads}", f"N={n} threads={threads}", 2.0 * n ** 3, lambda: torch.mm(a, b, out=c)


def conv():
    torch.set_num_threads(ALL_THREADS)
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
    torch.set_num_threads(ALL_THREADS)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    labels = torch.randint(0, 10, (64,))
    return ("mlp_train", f"784-256-128-10 batch=64 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: F.cross_entropy(y, labels), torch.randn(64, 784)))


def lenet():
    torch.set_num_threads(ALL_THREADS)
    model = nn.Sequential(nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(256, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                          nn.Linear(84, 10))
    labels = torch.randint(0, 10, (64,))
    return ("lenet_train", f"1x28x28 batch=64 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: F.cross_entropy(y, labels), torch.randn(64, 1, 28, 28)))


def lstm():
    torch.set_num_threads(ALL_THREADS)
    model = nn.LSTM(64, 256)
    return ("lstm_train", f"in=64 hidden=256 seq=50 batch=32 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: y[0].pow(2).mean(), torch.randn(50, 32, 64)))


def transformer():
    torch.set_num_threads(ALL_THREADS)
    layer = nn.TransformerEncoderLayer(128, 4, dim_feedforward=512, dropout=0.0, batch_first=True)
    model = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
    return ("transformer_train", f"2 layers d=128 heads=4 ff=512 seq=64 batch=32 adam threads={ALL_THREADS}", 0,
            train_step(model, lambda y: y.pow(2).mean(), torch.randn(32, 64, 128)))


def cases():
    for threads in (1, 2):
        for n in (256, 512, 1024, 2048):
            yield lambda n=n, threads=threads: sgemm(n, threads)
    yield from (conv, mlp, lenet, lstm, transformer)


def main():
    wanted = (sys.argv[1] if len(sys.argv) > 1 else "").split(",")
    for make in cases():
        name, config, flops, body = make()
        if not any(part in name for part in wanted):
            continue
        ms = median_ms(body)
        print(json.dumps({"name": name, "config": config, "median_ms": round(ms, 3),
                          "gflops": round(flops / (ms * 1e6), 2) if flops else None}), flush=True)


if __name__ == "__main__":
    main()
