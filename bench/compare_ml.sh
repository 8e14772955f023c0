#!/usr/bin/env bash
# Nabla against scikit-learn on the classical-ML fits at 200,000 x 50 (bench/compare_ml.py): per case, both sides'
# median seconds and peak RSS over several interleaved rounds, the ratio sklearn time / Nabla time (above 1 means
# Nabla is faster) and the quality comparison (inertia, objective, predictions, ...), as a Markdown table.
# Refuses to report when NumPy runs on the reference BLAS (install libopenblas0-pthread).
# Usage: bench/compare_ml.sh [--rounds N] [name-filter, comma-separated]
# (build first: mvn -B -q -pl models -am package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
cp="$(bench/classpath.sh)"
# a 1 GB heap: the fits need a few hundred MB, and a larger heap only lets G1 keep garbage resident longer
exec /usr/bin/python3 bench/compare_ml.py java --add-modules jdk.incubator.vector -Xmx1g \
  -Dorg.slf4j.simpleLogger.logFile=System.err -cp "$cp" \
  dev.nabla.models.bench.MlBench -- "$@"
