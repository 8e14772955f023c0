package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.kernels.KernelSignature;
import dev.nabla.kernels.PtxKernels;

/**
 * Maps a kernel family and an element type to the manifest entry point, e.g.
 * {@code ("ew_binary_strided", FLOAT64) -> ew_binary_strided_f64}. The elementwise, cast, {@code reduce},
 * {@code argreduce}, random, {@code gather_strided} and {@code scatter_add_strided} families exist for every dtype
 * (INT64 computing in double, as the CPU does); every other family for FLOAT32 and FLOAT64 only.
 */
final class KernelNames {

    private KernelNames() {
    }

    /**
     * Whether the float-only families (all but elementwise, casts, {@code reduce}, {@code argreduce}, random,
     * {@code gather_strided} and {@code scatter_add_strided}) serve {@code dtype}.
     */
    static boolean hasFloatKernels(DType dtype) {
        return dtype == DType.FLOAT32 || dtype == DType.FLOAT64;
    }

    /** The entry point name for {@code family} in {@code dtype}. */
    static String of(String family, DType dtype) {
        return family + "_" + suffix(dtype);
    }

    /** The manifest signature of {@code family} in {@code dtype}; fails if the manifest lacks it. */
    static KernelSignature signature(String family, DType dtype) {
        return PtxKernels.signature(of(family, dtype));
    }

    /** The casting kernel from {@code from} to {@code to} (two different dtypes). */
    static String cast(DType from, DType to) {
        if (from == to) {
            throw new IllegalArgumentException("KernelNames.cast: no cast kernel " + from + " -> " + to);
        }
        return "ew_cast_strided_" + suffix(from) + "_to_" + suffix(to);
    }

    private static String suffix(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT64 -> "i64";
        };
    }
}
