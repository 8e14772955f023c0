#!/usr/bin/env bash
# Regenerates every committed PTX module and the kernel manifest from src/main/cuda/*.cu.
#
#   kernels-ptx/generate-ptx.sh [OUTPUT_DIR]     (default: src/main/resources/dev/nabla/kernels)
#
# Each module is compiled with `nvcc -ptx` for the virtual architecture compute_75. nvcc 13 labels its
# output `.version 9.0` although these kernels use no instruction newer than PTX ISA 8.0, so the
# `.version` directive is rewritten to 8.0; ptxas then re-checks every instruction against that ISA
# (it rejects any instruction that needs a newer .version) for sm_75, and the script fails if it does not
# assemble. The manifest kernels.txt lists one entry point per line, `module name(C parameter list)`,
# taken from the preprocessed sources (the extern "C" __global__ definitions).
set -euo pipefail

readonly ARCH=compute_75
readonly PTX_ISA=8.0
readonly ASSEMBLE_FOR=sm_75

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src/main/cuda"
out="${1:-$here/src/main/resources/dev/nabla/kernels}"
command -v nvcc >/dev/null || { echo "generate-ptx: nvcc not found on PATH" >&2; exit 1; }
command -v ptxas >/dev/null || { echo "generate-ptx: ptxas not found on PATH" >&2; exit 1; }
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

nvcc_flags=(-arch="$ARCH" -std=c++17 -O3 -I"$src")

compile_module() {
    local cu="$1" module
    module="$(basename "$cu" .cu)"
    nvcc "${nvcc_flags[@]}" -ptx -o "$work/$module.raw.ptx" "$cu"
    grep -qE '^\.version [0-9]+\.[0-9]+$' "$work/$module.raw.ptx" || { echo "generate-ptx: no .version in $module" >&2; return 1; }
    sed -E "s/^\.version [0-9]+\.[0-9]+$/.version $PTX_ISA/" "$work/$module.raw.ptx" >"$work/$module.ptx"
    ptxas -arch="$ASSEMBLE_FOR" -o /dev/null "$work/$module.ptx"
    # Preprocess for the device pass, drop line markers, join lines, keep the extern "C" kernel signatures.
    nvcc "${nvcc_flags[@]}" -E -o "$work/$module.ii" "$cu"
    sed '/^#/d' "$work/$module.ii" | tr '\n' ' ' |
        grep -oE 'extern "C" __attribute__\(\(global\)\) void [A-Za-z0-9_]+\([^)]*\)' |
        sed -E 's/^extern "C" __attribute__\(\(global\)\) void //; s/[[:space:]]+/ /g; s/ \)/)/; s/\( /(/' |
        sed "s/^/$module /" >"$work/$module.manifest"
}

pids=()
for cu in "$src"/*.cu; do
    compile_module "$cu" &
    pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid"; done

: >"$work/kernels.txt"
for cu in "$src"/*.cu; do
    module="$(basename "$cu" .cu)"
    cp "$work/$module.ptx" "$out/$module.ptx"
    cat "$work/$module.manifest" >>"$work/kernels.txt"
done
cp "$work/kernels.txt" "$out/kernels.txt"
echo "generate-ptx: $(ls "$src"/*.cu | wc -l) modules, $(wc -l <"$out/kernels.txt") entry points -> $out"
