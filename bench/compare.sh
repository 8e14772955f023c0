#!/usr/bin/env bash
# Runs the Nabla and PyTorch CPU benchmarks one after the other on this machine and prints, per
# case, both median times and the ratio (PyTorch time / Nabla time: above 1 means Nabla is faster).
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
fmt = "{:<20} {:>12} {:>10} {:>12} {:>10} {:>8}"
print(fmt.format("case", "nabla ms", "GFLOP/s", "torch ms", "GFLOP/s", "ratio"))
for name, n in nabla.items():
    t = torch.get(name)
    g = lambda r: "-" if r is None or r["gflops"] is None else f'{r["gflops"]:.1f}'
    tm = "-" if t is None else f'{t["median_ms"]:.2f}'
    ratio = "-" if t is None else f'{t["median_ms"] / n["median_ms"]:.2f}'
    print(fmt.format(name, f'{n["median_ms"]:.2f}', g(n), tm, g(t), ratio))
PY
