package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.backend.Probe;
import dev.nabla.backend.Storage;
import dev.nabla.backend.Strided;
import dev.nabla.backend.UnaryOp;
import dev.nabla.backend.fast.AdamKernel;
import dev.nabla.backend.fast.AttentionBackwardKernel;
import dev.nabla.backend.fast.AttentionKernel;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.ConvKernel;
import dev.nabla.backend.fast.CrossEntropyKernel;
import dev.nabla.backend.fast.FastPath;
import dev.nabla.backend.fast.GruCellKernel;
import dev.nabla.backend.fast.Im2ColKernel;
import dev.nabla.backend.fast.LayerNormKernel;
import dev.nabla.backend.fast.LstmCellKernel;
import dev.nabla.backend.fast.MatmulKernel;
import dev.nabla.backend.fast.PoolKernel;
import dev.nabla.backend.fast.RecurrenceKernel;
import dev.nabla.backend.fast.SoftmaxKernel;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs only where a GPU is usable; elsewhere every test is skipped with the probe's reason. */
class CudaBackendGpuTest {

    private static CudaBackend backend() {
        CudaBackendProvider provider = new CudaBackendProvider();
        Probe probe = provider.probe();
        Assumptions.assumeTrue(probe.usable(), probe.reason());
        return (CudaBackend) provider.create(0);
    }

    @Test
    void servesEveryFastPathFromItsOwnObjects() {
        try (CudaBackend backend = backend()) {
            for (Class<? extends FastPath> kind : List.of(MatmulKernel.class, ConvKernel.class, Im2ColKernel.class,
                    PoolKernel.class, RecurrenceKernel.class, AttentionKernel.class, AttentionBackwardKernel.class,
                    SoftmaxKernel.class, LayerNormKernel.class, CrossEntropyKernel.class, AdamKernel.class,
                    LstmCellKernel.class, GruCellKernel.class, BiasActivationKernel.class)) {
                assertTrue(backend.fastPath(kind).isPresent(), kind.getSimpleName());
            }
        }
    }

    @Test
    void uploadDownloadRoundTripsSmallAndStagedArrays() {
        try (CudaBackend backend = backend()) {
            float[] small = {1.5f, -2f, 3.25f};
            Storage s = backend.upload(small);
            assertArrayEquals(small, (float[]) backend.download(Strided.contiguous(s, new int[] {3})));
            double[] large = new double[3_000_001]; // 24 MB: staged, several chunks, odd tail
            for (int i = 0; i < large.length; i++) {
                large[i] = Math.sin(i);
            }
            Storage l = backend.upload(large);
            assertArrayEquals(large, (double[]) backend.download(Strided.contiguous(l, new int[] {large.length})));
        }
    }

    @Test
    void allocateIsZeroAndFillWritesEveryDtype() {
        try (CudaBackend backend = backend()) {
            Strided f = Strided.contiguous(backend.allocate(DType.FLOAT32, 5), new int[] {5});
            assertArrayEquals(new float[5], (float[]) backend.download(f));
            backend.fill(f, 0.1);
            assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f, 0.1f}, (float[]) backend.download(f));
            Strided d = Strided.contiguous(backend.allocate(DType.FLOAT64, 4), new int[] {2, 2});
            backend.fill(d, Math.PI);
            assertArrayEquals(new double[] {Math.PI, Math.PI, Math.PI, Math.PI}, (double[]) backend.download(d));
            Strided n = Strided.contiguous(backend.allocate(DType.INT64, 3), new int[] {3});
            backend.fill(n, -3);
            assertArrayEquals(new long[] {-3, -3, -3}, (long[]) backend.download(n));
        }
    }

    @Test
    void copyMovesContiguousDataAndInt64OpsRunThroughTheHost() {
        try (CudaBackend backend = backend()) {
            Storage src = backend.upload(new long[] {4, 5, 6, 7});
            Strided dst = Strided.contiguous(backend.allocate(DType.INT64, 2), new int[] {2});
            backend.copy(new Strided(src, new int[] {2}, new int[] {1}, 2), dst);
            assertArrayEquals(new long[] {6, 7}, (long[]) backend.download(dst));
            backend.unary(UnaryOp.NEG, dst, dst); // INT64 has no kernel: host fallback, in place
            assertArrayEquals(new long[] {-6, -7}, (long[]) backend.download(dst));
        }
    }
}
