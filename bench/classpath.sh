#!/usr/bin/env bash
# Prints the class path the benchmark drivers (compare.sh, compare_ml.sh) run Nabla with, relative to the
# repository root: this worktree's classes first, so nabla jars installed in ~/.m2 by other checkouts never win,
# then the dependencies (resolved once into models/target/bench.classpath).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f models/target/bench.classpath ]]; then
  # with -am every module writes the file in turn; models comes last, so its class path is what stays
  mvn -B -q -pl models -am dependency:build-classpath -Dmdep.outputFile="$PWD/models/target/bench.classpath" >/dev/null
fi
echo "core/target/classes:cpu-backend/target/classes:cuda-backend/target/classes:models/target/classes:$(cat models/target/bench.classpath)"
