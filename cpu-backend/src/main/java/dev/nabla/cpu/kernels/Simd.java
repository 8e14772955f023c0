package dev.nabla.cpu.kernels;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the GEMM micro-kernels and the float select kernels once: the Vector API ones when {@code jdk.incubator.vector} is
 * in the boot layer and 256-bit vectors are native, the scalar ones otherwise. The SIMD classes
 * are created reflectively so that they are never loaded on a JVM without the module.
 */
public final class Simd {

    private static final Logger LOG = LoggerFactory.getLogger(Simd.class);
    private static final boolean VECTOR_MODULE_MISSING = ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty();
    private static final boolean ENABLED = detect();
    private static final GemmMicroKernel<float[]> SGEMM = ENABLED
            ? (GemmMicroKernel<float[]>) create("dev.nabla.cpu.kernels.VectorSgemmKernel")
            : new ScalarSgemmKernel(new Blocking(6, 16, 120, 384, 4080));
    /**
     * Double GEMM is SIMD too. Its fused multiply-adds round once per step where the scalar kernel
     * rounds twice, so results move by a few ulps but never lose accuracy: gradient checks (central
     * differences at 1e-6 relative) and the solvers (tolerances of at least 1e-10 relative to
     * the gradient's scale) sit far above that floor.
     */
    private static final GemmMicroKernel<double[]> DGEMM = ENABLED
            ? (GemmMicroKernel<double[]>) create("dev.nabla.cpu.kernels.VectorDgemmKernel")
            : new ScalarDgemmKernel(new Blocking(6, 8, 72, 256, 2040));
    private static final ImplicitTile IMPLICIT = ENABLED
            ? (ImplicitTile) create("dev.nabla.cpu.kernels.VectorImplicitTile") : new ScalarImplicitTile();
    private static final FmaPeak FMA_PEAK = ENABLED ? (FmaPeak) create("dev.nabla.cpu.kernels.VectorFmaPeak")
            : new ScalarFmaPeak();
    private static final PairMax PAIR_MAX = ENABLED ? (PairMax) create("dev.nabla.cpu.kernels.VectorPairMax")
            : new ScalarPairMax();
    private static final FloatSelect SELECT = ENABLED ? (FloatSelect) create("dev.nabla.cpu.kernels.VectorFloatSelect")
            : new ScalarFloatSelect();
    private static final FloatExp EXP = ENABLED ? (FloatExp) create("dev.nabla.cpu.kernels.VectorFloatExp")
            : new ScalarFloatExp();
    private static final Optional<FloatFunctions> FUNCTIONS = ENABLED
            ? Optional.of((FloatFunctions) create("dev.nabla.cpu.kernels.VectorFloatFunctions")) : Optional.empty();

    static {
        if (ENABLED) {
            LOG.info("CPU GEMM and select: SIMD float and double kernels (jdk.incubator.vector, 256-bit)");
        } else if (VECTOR_MODULE_MISSING) {
            LOG.warn("CPU kernels run scalar and training is many times slower: the Vector API is not enabled. "
                    + "Start the JVM with --add-modules jdk.incubator.vector");
        } else {
            LOG.info("CPU kernels run scalar: " + (Boolean.getBoolean("nabla.cpu.noSimd")
                    ? "-Dnabla.cpu.noSimd=true" : "this CPU has no 256-bit vectors"));
        }
    }

    private Simd() {
    }

    /** Whether the SIMD micro-kernels are active. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** The branch-free (SIMD) or plain float select kernels, whichever is active. */
    public static FloatSelect select() {
        return SELECT;
    }

    /** The SIMD or scalar exponential for softmax weights. */
    public static FloatExp exp() {
        return EXP;
    }

    /**
     * The SIMD float32 transcendental functions, or empty without the Vector API (the caller then evaluates
     * them in double, one value at a time).
     */
    public static Optional<FloatFunctions> functions() {
        return FUNCTIONS;
    }

    /** The FMA loop matching the active kernels (SIMD or scalar), for peak measurements. */
    public static FmaPeak fmaPeak() {
        return FMA_PEAK;
    }

    /** The 2 × 2 stride-2 max-pool row kernel, SIMD or scalar. */
    public static PairMax pairMax() {
        return PAIR_MAX;
    }

    static ImplicitTile implicitTile() {
        return IMPLICIT;
    }

    static GemmMicroKernel<float[]> sgemm() {
        return SGEMM;
    }

    static GemmMicroKernel<double[]> dgemm() {
        return DGEMM;
    }

    private static boolean detect() {
        if (Boolean.getBoolean("nabla.cpu.noSimd") || VECTOR_MODULE_MISSING) {
            return false;
        }
        try {
            return ((VectorWidth) create("dev.nabla.cpu.kernels.VectorWidthProbe")).preferredBits() >= 256;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Object create(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Simd: cannot create " + className, e);
        }
    }
}
