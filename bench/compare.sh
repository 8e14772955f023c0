#!/usr/bin/env bash
# Runs the Nabla and PyTorch CPU benchmarks one after the other on this machine and prints, per
# case, both median times and the ratio (PyTorch time / Nabla time: above 1 means Nabla is faster),
# and Nabla's GFLOP/s as a share of the FMA peak measured in the same run (fma_peak_t1/_t2).
# Usage: bench/compare.sh [name-filter, comma-separated]   (build first: mvn -B -o -pl models -am install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
out="$(mktemp -d)"
if [[ ! -f models/target/bench.classpath ]]; then
  mvn -B -q -pl models -am dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
fi
# this worktree's classes first, so nabla jars installed in ~/.m2 by other checkouts never win
own="core/target/classes:cpu-backend/target/classes:cuda-backend/target/classes:models/target/classes"
java --add-modules jdk.incubator.vector -Xmx6g -cp "$own:$(cat models/target/bench.classpath)" \
  dev.nabla.models.bench.BenchRunner "$filter" 2>/dev/null | grep '^{' > "$out/nabla.jsonl"
/usr/bin/python3 bench/pytorch_bench.py "$filter" > "$out/torch.jsonl"
/usr/bin/python3 - "$out/nabla.jsonl" "$out/torch.jsonl" <<'PY'
import json, sys
nabla = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
torch = {r["name"]: r for r in map(json.loads, open(sys.argv[2]))}
peak = {int(n.rsplit("_t", 1)[1]): r["gflops"] for n, r in nabla.items() if n.startswith("fma_peak_t")}
def share(name, r):
    """Nabla's GFLOP/s as a share of the FMA peak at the case's thread count (all threads for device cases)."""
    if r["gflops"] is None or not peak or name.startswith("fma_peak"):
        return "-"
    tail = name.rsplit("_t", 1)
    threads = int(tail[1]) if len(tail) == 2 and tail[1].isdigit() else max(peak)
    return f'{100 * r["gflops"] / peak[threads]:.0f}%' if threads in peak else "-"
fmt = "{:<20} {:>12} {:>10} {:>7} {:>12} {:>10} {:>8}"
print(fmt.format("case", "nabla ms", "GFLOP/s", "% peak", "torch ms", "GFLOP/s", "ratio"))
for name, n in nabla.items():
    t = torch.get(name)
    g = lambda r: "-" if r is None or r["gflops"] is None else f'{r["gflops"]:.1f}'
    tm = "-" if t is None else f'{t["median_ms"]:.2f}'
    ratio = "-" if t is None else f'{t["median_ms"] / n["median_ms"]:.2f}'
    print(fmt.format(name, f'{n["median_ms"]:.2f}', g(n), share(name, n), tm, g(t), ratio))
PY
