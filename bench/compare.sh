#!/usr/bin/env bash
# Nabla against PyTorch on the CPU, interleaved case by case over several rounds (bench/compare.py): per case,
# both sides' median times with their spread over the rounds, the ratio PyTorch time / Nabla time (above 1 means
# Nabla is faster) and Nabla's GFLOP/s as a share of the FMA peak measured in the same run. Refuses to report
# when PyTorch runs on the reference BLAS (run ../shared/anchors/pytorch-cpu.sh, or install libopenblas0-pthread).
# Usage: bench/compare.sh [--rounds N] [name-filter, comma-separated]
# (build first: mvn -B -q -pl models -am package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(bench/classpath.sh)"
exec /usr/bin/python3 bench/compare.py java --add-modules jdk.incubator.vector -Xmx6g \
  -Dorg.slf4j.simpleLogger.logFile=System.err -cp "$cp" \
  dev.nabla.models.bench.BenchRunner -- "$@"
