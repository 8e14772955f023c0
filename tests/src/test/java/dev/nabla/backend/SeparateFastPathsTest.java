package dev.nabla.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.ElsewhereDevice;
import dev.nabla.Shape;
import dev.nabla.backend.fast.AdamKernel;
import dev.nabla.backend.fast.AttentionBackwardKernel;
import dev.nabla.backend.fast.AttentionKernel;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.ConvGeometry;
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
import dev.nabla.backend.fast.ReferenceConv;
import dev.nabla.backend.fast.ScanKernel;
import dev.nabla.backend.fast.SoftmaxKernel;
import dev.nabla.backend.fast.SortKernel;
import dev.nabla.backend.fast.WindowIm2Col;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Backend#fastPath}: what the default offers, and that core's lowerings use fast paths a backend serves
 * from separate objects (as the CUDA backend does) rather than asking the backend object for its interfaces.
 */
class SeparateFastPathsTest {

    private static final Backend CPU = Backends.get(Device.CPU);

    @Test
    void theDefaultOffersExactlyTheKernelsABackendImplements() {
        List<Class<? extends FastPath>> offered = List.of(MatmulKernel.class, AttentionKernel.class,
                LstmCellKernel.class, GruCellKernel.class, ConvKernel.class, PoolKernel.class, SoftmaxKernel.class,
                LayerNormKernel.class, AdamKernel.class, BiasActivationKernel.class, CrossEntropyKernel.class,
                ScanKernel.class, SortKernel.class);
        for (Class<? extends FastPath> kind : offered) {
            assertEquals(Optional.of(CPU), CPU.fastPath(kind).map(k -> (Object) k), kind.getSimpleName());
        }
        for (Class<? extends FastPath> kind : List.of(Im2ColKernel.class, RecurrenceKernel.class,
                AttentionBackwardKernel.class)) {
            assertTrue(CPU.fastPath(kind).isEmpty(), "the CPU has no " + kind.getSimpleName());
        }
        Backend bare = ElsewhereDevice.tensor(DType.FLOAT32, 1).backend();
        for (Class<? extends FastPath> kind : offered) {
            assertTrue(bare.fastPath(kind).isEmpty(), "a primitives-only backend offers no " + kind.getSimpleName());
        }
    }

    @Test
    void matmulUsesTheBackendsSeparateKernelElseTheReference() {
        Strided a = random(DType.FLOAT64, 1, 2, 3, 4);
        Strided b = random(DType.FLOAT64, 2, 2, 4, 5);
        SplitBackend split = new SplitBackend();
        Strided viaSplit = zeros(DType.FLOAT64, 2, 3, 5);
        MatmulKernel.of(split).matmul(a, b, viaSplit);
        assertEquals(List.of(MatmulKernel.class), split.used);

        Strided viaPrimitives = zeros(DType.FLOAT64, 2, 3, 5);
        MatmulKernel.of(new SplitBackend(List.of())).matmul(a, b, viaPrimitives);
        assertClose(viaSplit, viaPrimitives);
    }

    @Test
    void theColumnLoweringUsesTheBackendsSeparateIm2ColAndMatmul() {
        ConvGeometry geometry = ConvGeometry.of(1, 1, 1, 1);
        Strided x = random(DType.FLOAT64, 3, 2, 3, 6, 5);
        Strided w = random(DType.FLOAT64, 4, 4, 3, 3, 3);
        SplitBackend split = new SplitBackend();
        Strided out = zeros(DType.FLOAT64, 2, 4, 6, 5);
        new ReferenceConv(split).conv2d(x, w, geometry, out);
        assertTrue(split.used.contains(Im2ColKernel.class), "im2col ran through the separate kernel: " + split.used);
        assertTrue(split.used.contains(MatmulKernel.class), "the products ran through the separate kernel: " + split.used);
        assertFalse(split.used.contains(ConvKernel.class), "the lowering does not call a convolution kernel");

        Strided expected = zeros(DType.FLOAT64, 2, 4, 6, 5);
        CPU.fastPath(ConvKernel.class).orElseThrow().conv2d(x, w, geometry, expected);
        assertClose(expected, out);
    }

    @Test
    void aSeparateKernelSeesTheCallersOperands() {
        SplitBackend split = new SplitBackend();
        Strided x = random(DType.FLOAT32, 5, 2, 3);
        Strided out = zeros(DType.FLOAT32, 2, 3);
        split.fastPath(SoftmaxKernel.class).orElseThrow().softmax(x, false, out);
        Strided expected = zeros(DType.FLOAT32, 2, 3);
        CPU.fastPath(SoftmaxKernel.class).orElseThrow().softmax(x, false, expected);
        assertArrayEquals((float[]) CPU.download(expected), (float[]) CPU.download(out));
        assertEquals(List.of(SoftmaxKernel.class), split.used);
    }

    /** Two float64 views agree to 1e-12, element by element. */
    private static void assertClose(Strided expected, Strided actual) {
        double[] want = (double[]) CPU.download(expected);
        double[] got = (double[]) CPU.download(actual);
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-12, "element " + i);
        }
    }

    private static Strided random(DType dtype, long seed, int... shape) {
        Random r = new Random(seed);
        int n = Shape.numel(shape);
        Object values = dtype == DType.FLOAT64 ? r.doubles(n, -1, 1).toArray() : toFloats(r.doubles(n, -1, 1).toArray());
        return Strided.contiguous(CPU.upload(values), shape);
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static Strided zeros(DType dtype, int... shape) {
        return Strided.contiguous(CPU.allocate(dtype, Shape.numel(shape)), shape);
    }

    /**
     * The CPU backend's primitives, with its fast paths served by separate objects (proxies over the CPU's
     * kernels, and a column lowering for im2col, which the CPU lacks) that record which kinds were called.
     */
    private static final class SplitBackend implements Backend {

        private final List<Class<? extends FastPath>> offered;
        final List<Class<?>> used = new ArrayList<>();

        SplitBackend() {
            this(List.of(MatmulKernel.class, Im2ColKernel.class, SoftmaxKernel.class, ConvKernel.class));
        }

        SplitBackend(List<Class<? extends FastPath>> offered) {
            this.offered = offered;
        }

        @Override
        public <K extends FastPath> Optional<K> fastPath(Class<K> kind) {
            if (!offered.contains(kind)) {
                return Optional.empty();
            }
            Object target = kind == Im2ColKernel.class ? new WindowIm2Col(CPU) : CPU.fastPath(kind).orElseThrow();
            return Optional.of(kind.cast(Proxy.newProxyInstance(kind.getClassLoader(), new Class<?>[] {kind},
                    (proxy, method, args) -> {
                        if (method.getDeclaringClass() == Object.class) {
                            return method.invoke(target, args);
                        }
                        if (!used.contains(kind)) {
                            used.add(kind);
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    })));
        }

        @Override public Device device() { return Device.CPU; }
        @Override public Storage allocate(DType dtype, int size) { return CPU.allocate(dtype, size); }
        @Override public Storage upload(Object hostArray) { return CPU.upload(hostArray); }
        @Override public Object download(Strided src) { return CPU.download(src); }
        @Override public void copy(Strided src, Strided dst) { CPU.copy(src, dst); }
        @Override public void fill(Strided dst, double value) { CPU.fill(dst, value); }
        @Override public void unary(UnaryOp op, Strided x, Strided out) { CPU.unary(op, x, out); }
        @Override public void binary(BinaryOp op, Strided a, Strided b, Strided out) { CPU.binary(op, a, b, out); }
        @Override public void where(Strided cond, Strided a, Strided b, Strided out) { CPU.where(cond, a, b, out); }
        @Override public void reduce(ReduceOp op, Strided x, Strided out) { CPU.reduce(op, x, out); }
        @Override public void argReduce(ReduceOp op, Strided x, int axis, Strided out) {
            CPU.argReduce(op, x, axis, out);
        }
        @Override public void random(RandomOp op, long seed, long offset, double a, double b, Strided out) {
            CPU.random(op, seed, offset, a, b, out);
        }
        @Override public void gather(Strided x, int axis, Strided index, Strided out) {
            CPU.gather(x, axis, index, out);
        }
        @Override public void scatterAdd(Strided dst, int axis, Strided index, Strided src) {
            CPU.scatterAdd(dst, axis, index, src);
        }
    }
}
