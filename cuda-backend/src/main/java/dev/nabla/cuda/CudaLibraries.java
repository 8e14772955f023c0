package dev.nabla.cuda;

import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, once at probe time, what serves GEMM, convolution/pooling and RNNs on this machine:
 *
 * <ul>
 *   <li>GEMM: JCublas2 when {@code libcublas.so.12} loads (CUDA 12); else the JNA binding
 *       {@link CublasLibrary} to {@code libcublas.so.13} (CUDA 13) or to {@code .so.12} when only
 *       JCublas2's own native part failed; else the PTX GEMM kernels.</li>
 *   <li>Convolution and pooling: the JNA binding {@link CudnnLibrary} to {@code libcudnn.so.9};
 *       else im2col + GEMM (and PTX pooling kernels).</li>
 *   <li>RNN: the cuDNN v8 RNN API through the same binding ({@link CudnnRecurrence}, whole layers); else
 *       core's step-by-step recurrence on GEMM and the fused cell kernels.</li>
 * </ul>
 *
 * Nothing here throws: every failure is a fallback whose reason is recorded.
 */
public final class CudaLibraries {

    /** The versioned cuBLAS that JCublas2 12.6 links against. */
    public static final String CUBLAS_12 = "libcublas.so.12";
    /** The cuBLAS of CUDA 13 installations. */
    public static final String CUBLAS_13 = "libcublas.so.13";
    /** cuDNN 9. */
    public static final String CUDNN_9 = "libcudnn.so.9";

    /** What implements a task. */
    public enum Provider {
        /** The JCuda cuBLAS binding (org.jcuda:jcublas). */
        JCUBLAS2("JCublas2"),
        /** {@link CublasLibrary} through JNA. */
        CUBLAS_JNA("cuBLAS via JNA"),
        /** Nabla's own PTX GEMM kernels. */
        PTX_GEMM("PTX GEMM fallback"),
        /** {@link CudnnLibrary} through JNA. */
        CUDNN_JNA("cuDNN via JNA"),
        /** Convolution lowered to im2col + GEMM, pooling on PTX kernels. */
        IM2COL_GEMM("im2col + GEMM"),
        /** Recurrent layers run by core step by step on GEMM and the fused cell kernels. */
        CELL_BY_CELL("cell-by-cell RNN");

        private final String label;

        Provider(String label) {
            this.label = label;
        }

        /** The human name used in reports. */
        public String label() {
            return label;
        }
    }

    /**
     * The decision for one task.
     *
     * @param task {@code "GEMM"}, {@code "conv"} or {@code "RNN"}
     * @param provider what serves it
     * @param library what to load the serving native library by (null for Nabla's own kernels)
     * @param reasons why each better option was passed over (empty when the best one serves)
     */
    public record Choice(String task, Provider provider, String library, List<String> reasons) {

        /** {@code "GEMM: cuBLAS via JNA (/usr/local/cuda/lib64/libcublas.so.13); skipped: ..."}. */
        public String describe() {
            return task + ": " + provider.label() + (library != null ? " (" + library + ")" : "")
                    + (reasons.isEmpty() ? "" : "; skipped: " + String.join("; ", reasons));
        }
    }

    private final Choice gemm;
    private final Choice conv;
    private final Choice rnn;

    private CudaLibraries(Choice gemm, Choice conv, Choice rnn) {
        this.gemm = gemm;
        this.conv = conv;
        this.rnn = rnn;
    }

    /**
     * Makes the decision.
     *
     * @param locator loads native libraries by name
     * @param jcublasInit loads JCublas2's native part; whatever it throws means JCublas2 is unusable
     */
    public static CudaLibraries decide(NativeLibraryLocator locator, Runnable jcublasInit) {
        return new CudaLibraries(decideGemm(locator, jcublasInit), decideConv(locator), decideRnn(locator));
    }

    private static Choice decideGemm(NativeLibraryLocator locator, Runnable jcublasInit) {
        List<String> reasons = new ArrayList<>();
        LibraryLookup cublas12 = locator.locate(CUBLAS_12, CublasLibrary.REQUIRED_SYMBOLS);
        if (cublas12.found()) {
            try {
                jcublasInit.run();
                return new Choice("GEMM", Provider.JCUBLAS2, cublas12.location(), List.of());
            } catch (Throwable t) {
                reasons.add("JCublas2 failed to load (" + ErrorSummary.of(t) + ")");
            }
        } else {
            reasons.add("JCublas2 needs " + cublas12.describe());
        }
        LibraryLookup cublas13 = locator.locate(CUBLAS_13, CublasLibrary.REQUIRED_SYMBOLS);
        if (cublas13.found()) {
            return new Choice("GEMM", Provider.CUBLAS_JNA, cublas13.location(), List.copyOf(reasons));
        }
        reasons.add("JNA cuBLAS binding: " + cublas13.describe());
        if (cublas12.found()) {
            return new Choice("GEMM", Provider.CUBLAS_JNA, cublas12.location(), List.copyOf(reasons));
        }
        return new Choice("GEMM", Provider.PTX_GEMM, null, List.copyOf(reasons));
    }

    private static Choice decideConv(NativeLibraryLocator locator) {
        LibraryLookup cudnn = locator.locate(CUDNN_9, CudnnLibrary.CONV_SYMBOLS);
        return cudnn.found()
                ? new Choice("conv", Provider.CUDNN_JNA, cudnn.location(), List.of())
                : new Choice("conv", Provider.IM2COL_GEMM, null, List.of("cuDNN: " + cudnn.describe()));
    }

    private static Choice decideRnn(NativeLibraryLocator locator) {
        List<String> symbols = new ArrayList<>(CudnnLibrary.CONV_SYMBOLS);
        symbols.addAll(CudnnLibrary.RNN_SYMBOLS);
        LibraryLookup cudnn = locator.locate(CUDNN_9, symbols);
        if (!cudnn.found()) {
            return new Choice("RNN", Provider.CELL_BY_CELL, null, List.of("cuDNN RNN: " + cudnn.describe()));
        }
        if (!Boolean.getBoolean(CudnnRecurrence.PROPERTY)) {
            // written from the headers and not yet run on a GPU: opt-in until a GPU run has checked it
            return new Choice("RNN", Provider.CELL_BY_CELL, null, List.of("cuDNN RNN API found at " + cudnn.location()
                    + ", off until verified on a GPU (-D" + CudnnRecurrence.PROPERTY + "=true turns it on)"));
        }
        return new Choice("RNN", Provider.CUDNN_JNA, cudnn.location(), List.of());
    }

    /** What serves matrix products. */
    public Choice gemm() {
        return gemm;
    }

    /** What serves convolution and pooling. */
    public Choice conv() {
        return conv;
    }

    /** What serves recurrent layers. */
    public Choice rnn() {
        return rnn;
    }

    /** The three decisions, one line each. */
    public List<String> reportLines() {
        return List.of(gemm.describe(), conv.describe(), rnn.describe());
    }

    /** {@code "GEMM: cuBLAS via JNA, conv: cuDNN via JNA, RNN: cuDNN via JNA"}, for the probe's one-line reason. */
    public String summary() {
        return gemm.task() + ": " + gemm.provider().label() + ", " + conv.task() + ": " + conv.provider().label()
                + ", " + rnn.task() + ": " + rnn.provider().label();
    }

    /** What to load the serving cuBLAS by (JCublas2's or the JNA binding's), when one serves GEMM. */
    public Optional<String> cublasLibrary() {
        return gemm.provider() == Provider.PTX_GEMM ? Optional.empty() : Optional.of(gemm.library());
    }

    /** What to load cuDNN by, when it serves convolutions. */
    public Optional<String> cudnnLibrary() {
        return conv.provider() == Provider.CUDNN_JNA ? Optional.of(conv.library()) : Optional.empty();
    }

    /** The JNA cuBLAS binding when GEMM is served through it (loading it again is a cached no-op in JNA). */
    public Optional<CublasLibrary> cublas() {
        return gemm.provider() == Provider.CUBLAS_JNA
                ? Optional.of(Native.load(gemm.library(), CublasLibrary.class)) : Optional.empty();
    }

    /** The JNA cuDNN binding when convolutions are served through it. */
    public Optional<CudnnLibrary> cudnn() {
        return cudnnLibrary().map(library -> Native.load(library, CudnnLibrary.class));
    }
}
