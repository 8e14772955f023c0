package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.kernels.KernelSignature;
import dev.nabla.kernels.PtxKernels;

/**
 * Maps a kernel family and an element type to the manifest entry point, e.g.
 * {@code ("ew_binary_strided", FLOAT64) -> ew_binary_strided_f64}. Only FLOAT32 and FLOAT64 have
 * kernels; INT64 work goes to the host fallback.
 */
final class KernelNames {

    private KernelNames() {
    }

    /** Whether PTX kernels exist for {@code dtype}. */
    static boolean hasKernels(DType dtype) {
        return dtype == DType.FLOAT32 || dtype == DType.FLOAT64;
    }

    /** The entry point name for {@code family} in {@code dtype}. */
    static String of(String family, DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> family + "_f32";
            case FLOAT64 -> family + "_f64";
            default -> throw new IllegalArgumentException("KernelNames.of: no " + family + " kernel for " + dtype);
        };
    }

    /** The manifest signature of {@code family} in {@code dtype}; fails if the manifest lacks it. */
    static KernelSignature signature(String family, DType dtype) {
        return PtxKernels.signature(of(family, dtype));
    }

    /** The casting kernel from {@code from} to {@code to} (FLOAT32 and FLOAT64 only). */
    static String cast(DType from, DType to) {
        if (!hasKernels(from) || !hasKernels(to) || from == to) {
            throw new IllegalArgumentException("KernelNames.cast: no cast kernel " + from + " -> " + to);
        }
        return "ew_cast_strided_" + suffix(from) + "_to_" + suffix(to);
    }

    private static String suffix(DType dtype) {
        return dtype == DType.FLOAT32 ? "f32" : "f64";
    }
}
