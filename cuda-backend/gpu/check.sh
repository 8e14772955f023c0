#!/usr/bin/env bash
# Runs on a machine with an NVIDIA GPU, from the repository root, over the bundle that make-bundle.sh packed:
#   cuda-backend/gpu/check.sh [PHASE...]    phases: doctor cuda suite cpu-suite bench train (default: doctor cuda suite bench)
# doctor     the `doctor` report (driver, devices, libraries, what serves GEMM/conv/RNN)
# cuda       CudaBackendGpuTest, CudaVsCpuTest and the rest of cuda-backend's tests
# suite      the whole `tests` module with cuda as the default device (the cross-backend suite)
# cpu-suite  the same on the CPU, for comparison on this machine
# bench      GPU benchmarks (GEMM, softmax, attention, training steps) on cuda, then on the CPU
# train      README's main job (LeNet-5 on the embedded digits) on cuda
# Each phase writes $OUT/<phase>.log (JUnit XML under $OUT/junit-<phase>) and prints its last lines.
set -uo pipefail
out=${OUT:-/tmp/nabla-gpu-out}
mkdir -p "$out"
bundle=/tmp/bundle
if [ ! -d $bundle ]; then
  tar -C /tmp -xJf .gpu/bundle.tar.xz 2>/dev/null ||
    python3 -c "import tarfile; tarfile.open('.gpu/bundle.tar.xz').extractall('/tmp')" || exit 1
fi
# cuBLAS 13 and cuDNN 9 may live in the toolkit or in Python wheels: put each one's folder on the path
for lib in libcublas.so.13 libcublas.so.12 libcudnn.so.9; do
  found=$(find / -xdev -name "$lib" -not -path '/proc/*' 2>/dev/null | head -1)
  [ -n "$found" ] && LD_LIBRARY_PATH="$(dirname "$found"):${LD_LIBRARY_PATH:-}"
done
# last, so the machine's own copies win: the font libraries the carried JDK was built against
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}:$bundle/native"
if [ ! -d /usr/share/fonts ]; then
  printf '<?xml version="1.0"?>\n<fontconfig><dir>%s/fonts</dir><cachedir>/tmp/fontconfig-cache</cachedir></fontconfig>\n' \
    "$bundle" > "$bundle/fonts.conf"
  export FONTCONFIG_FILE="$bundle/fonts.conf"
fi
# cuDNN recurrent layers are opt-in until verified: this run is what verifies them
java=("$bundle/jdk/bin/java" --add-modules jdk.incubator.vector -Xss8m -Xmx16g -Dnabla.cuda.cudnnRnn=true)
classpath="$bundle/cuda-classes:$bundle/tests-classes:$bundle/lib/*:$bundle/junit-console.jar"

phase() {
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  LIMIT=$limit "$@" > "$out/$name.log" 2>&1
  local rc=$?
  echo "=== $name: exit $rc after $((SECONDS - start)) s"
  tail -n "${TAIL:-30}" "$out/$name.log"
}
junit() {
  local name=$1 device=$2; shift 2
  (cd tests && timeout "$LIMIT" "${java[@]}" -Dnabla.device="$device" -cp "$classpath" org.junit.platform.console.ConsoleLauncher execute \
      --disable-banner --details=summary --details-theme=ascii --reports-dir="$out/junit-$name" "$@")
}
cli() { timeout "$LIMIT" "${java[@]}" -cp "$classpath" dev.nabla.models.cli.Main "$@"; }

benches() {
  for device in cuda cpu; do
    cli bench --device $device matmul,softmax,attention,conv2d,_train
    cli bench --zoo --device $device
  done
}

phases=("$@")
[ ${#phases[@]} -eq 0 ] && phases=(doctor cuda suite bench)
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
for p in "${phases[@]}"; do
  case $p in
    doctor) phase doctor 60 cli doctor ;;
    cuda) phase cuda 300 junit cuda cuda --select-package dev.nabla.cuda ;;
    suite) phase suite 420 junit suite cuda --scan-class-path "$bundle/tests-classes" ;;
    cpu-suite) phase cpu-suite 420 junit cpu-suite cpu --scan-class-path "$bundle/tests-classes" ;;
    bench) phase bench 300 benches ;;
    train) phase train 300 cli train lenet-digits --device cuda --out /tmp/lenet-cuda ;;
    *) echo "unknown phase $p"; exit 2 ;;
  esac
done
