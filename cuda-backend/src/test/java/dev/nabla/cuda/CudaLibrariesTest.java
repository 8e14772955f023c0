package dev.nabla.cuda;

import static dev.nabla.cuda.CudaLibraries.CUBLAS_12;
import static dev.nabla.cuda.CudaLibraries.CUBLAS_13;
import static dev.nabla.cuda.CudaLibraries.CUDNN_9;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.cuda.CudaLibraries.Choice;
import dev.nabla.cuda.CudaLibraries.Provider;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CudaLibrariesTest {

    private static final Runnable JCUBLAS_LOADS = () -> { };
    private static final Runnable JCUBLAS_FAILS = () -> {
        throw new UnsatisfiedLinkError("/tmp/libJCublas2-12.6.0-linux-x86_64.so: libcublasLt.so.12: "
                + "cannot open shared object file: No such file or directory");
    };

    @Test
    void cuda12InstallationUsesJcublas2() {
        AtomicInteger loads = new AtomicInteger();
        CudaLibraries libs = CudaLibraries.decide(new FakeInstallation().with(CUBLAS_12), loads::incrementAndGet);
        assertEquals(new Choice("GEMM", Provider.JCUBLAS2, FakeInstallation.DIR + CUBLAS_12, List.of()), libs.gemm());
        assertEquals(1, loads.get());
    }

    @Test
    void cuda13InstallationUsesTheJnaBindingAndSaysWhyNotJcublas2() {
        CudaLibraries libs = CudaLibraries.decide(new FakeInstallation().with(CUBLAS_13), JCUBLAS_LOADS);
        assertEquals(new Choice("GEMM", Provider.CUBLAS_JNA, FakeInstallation.DIR + CUBLAS_13,
                List.of("JCublas2 needs libcublas.so.12 unavailable (" + FakeInstallation.linkerError(CUBLAS_12) + ")")),
                libs.gemm());
    }

    @Test
    void jcublas2FailingItselfFallsBackToTheJnaBindingOfCublas12() {
        CudaLibraries libs = CudaLibraries.decide(new FakeInstallation().with(CUBLAS_12), JCUBLAS_FAILS);
        Choice gemm = libs.gemm();
        assertEquals(Provider.CUBLAS_JNA, gemm.provider());
        assertEquals(FakeInstallation.DIR + CUBLAS_12, gemm.library());
        assertEquals("JCublas2 failed to load (UnsatisfiedLinkError: libcublasLt.so.12: cannot open shared object "
                + "file: No such file or directory)", gemm.reasons().get(0));
    }

    @Test
    void noCublasMeansPtxGemmWithEveryReason() {
        CudaLibraries libs = CudaLibraries.decide(new FakeInstallation(), JCUBLAS_LOADS);
        Choice gemm = libs.gemm();
        assertEquals(Provider.PTX_GEMM, gemm.provider());
        assertEquals(2, gemm.reasons().size());
        assertTrue(gemm.reasons().get(1).startsWith("JNA cuBLAS binding: libcublas.so.13 unavailable"), gemm.reasons().get(1));
        assertFalse(libs.cublasLibrary().isPresent());
        assertEquals("GEMM: PTX GEMM fallback; skipped: JCublas2 needs " + CUBLAS_12 + " unavailable ("
                + FakeInstallation.linkerError(CUBLAS_12) + "); JNA cuBLAS binding: " + CUBLAS_13 + " unavailable ("
                + FakeInstallation.linkerError(CUBLAS_13) + ")", gemm.describe());
    }

    @Test
    void cublasLackingASymbolIsNotUsed() {
        CudaLibraries libs = CudaLibraries.decide(
                new FakeInstallation().withLacking(CUBLAS_13, "cublasSgemmStridedBatched"), JCUBLAS_LOADS);
        assertEquals(Provider.PTX_GEMM, libs.gemm().provider());
        assertTrue(libs.gemm().reasons().get(1).endsWith("lacks cublasSgemmStridedBatched)"),
                libs.gemm().reasons().get(1));
    }

    @Test
    void cudnn9ServesConvolutionAndRnnsOnlyWhenSwitchedOn() {
        CudaLibraries libs = SystemPropertyScope.with(CudnnRecurrence.PROPERTY, null,
                () -> CudaLibraries.decide(new FakeInstallation().with(CUDNN_9), JCUBLAS_LOADS));
        assertEquals(new Choice("conv", Provider.CUDNN_JNA, FakeInstallation.DIR + CUDNN_9, List.of()), libs.conv());
        assertEquals(new Choice("RNN", Provider.CELL_BY_CELL, null, List.of("cuDNN RNN API found at "
                + FakeInstallation.DIR + CUDNN_9 + ", off until verified on a GPU (-Dnabla.cuda.cudnnRnn=true turns it on)")),
                libs.rnn());
        assertEquals(FakeInstallation.DIR + CUDNN_9, libs.cudnnLibrary().orElseThrow());
        assertEquals(new Choice("RNN", Provider.CUDNN_JNA, FakeInstallation.DIR + CUDNN_9, List.of()),
                SystemPropertyScope.with(CudnnRecurrence.PROPERTY, "true",
                        () -> CudaLibraries.decide(new FakeInstallation().with(CUDNN_9), JCUBLAS_LOADS).rnn()));
    }


    @Test
    void cudnnWithoutTheV8RnnApiServesConvolutionOnly() {
        CudaLibraries libs = CudaLibraries.decide(
                new FakeInstallation().withLacking(CUDNN_9, "cudnnRNNBackwardWeights_v8"), JCUBLAS_LOADS);
        assertEquals(Provider.CUDNN_JNA, libs.conv().provider());
        assertEquals(Provider.CELL_BY_CELL, libs.rnn().provider());
        assertEquals(List.of("cuDNN RNN: libcudnn.so.9 unavailable (" + FakeInstallation.DIR + CUDNN_9
                + " lacks cudnnRNNBackwardWeights_v8)"), libs.rnn().reasons());
    }

    @Test
    void noCudnnMeansIm2colAndCellByCell() {
        CudaLibraries libs = CudaLibraries.decide(new FakeInstallation(), JCUBLAS_LOADS);
        assertEquals(Provider.IM2COL_GEMM, libs.conv().provider());
        assertEquals(Provider.CELL_BY_CELL, libs.rnn().provider());
        assertEquals("GEMM: PTX GEMM fallback, conv: im2col + GEMM, RNN: cell-by-cell RNN", libs.summary());
        assertEquals(3, libs.reportLines().size());
    }
}
