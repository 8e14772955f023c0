package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** matmul with PyTorch's rank rules, against a naive triple loop. */
class MatMulTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
            Arguments.of(new int[] {3}, new int[] {3}, new int[] {}),
            Arguments.of(new int[] {3}, new int[] {3, 4}, new int[] {4}),
            Arguments.of(new int[] {2, 3}, new int[] {3}, new int[] {2}),
            Arguments.of(new int[] {2, 3}, new int[] {3, 4}, new int[] {2, 4}),
            Arguments.of(new int[] {5, 2, 3}, new int[] {3, 4}, new int[] {5, 2, 4}),
            Arguments.of(new int[] {2, 3}, new int[] {5, 3, 4}, new int[] {5, 2, 4}),
            Arguments.of(new int[] {2, 1, 2, 3}, new int[] {4, 3, 2}, new int[] {2, 4, 2, 2}),
            Arguments.of(new int[] {3}, new int[] {2, 3, 4}, new int[] {2, 4}),
            Arguments.of(new int[] {2, 4, 3}, new int[] {3}, new int[] {2, 4}),
            Arguments.of(new int[] {1, 3, 5}, new int[] {2, 5, 1}, new int[] {2, 3, 1}),
            Arguments.of(new int[] {2, 0}, new int[] {0, 3}, new int[] {2, 3}),
            Arguments.of(new int[] {33, 70}, new int[] {70, 65}, new int[] {33, 65}));
    }

    /** PyTorch semantics spelled out: promote vectors, broadcast batches, multiply, drop the promoted dims. */
    private static double[] reference(double[] a, int[] sa, double[] b, int[] sb) {
        int[] ma = sa.length == 1 ? new int[] {1, sa[0]} : sa;
        int[] mb = sb.length == 1 ? new int[] {sb[0], 1} : sb;
        int m = ma[ma.length - 2];
        int k = ma[ma.length - 1];
        int n = mb[mb.length - 1];
        int[] batch = Shape.broadcast("ref", Arrays.copyOf(ma, ma.length - 2), Arrays.copyOf(mb, mb.length - 2));
        int[] fullA = Arrays.copyOf(batch, batch.length + 2);
        fullA[batch.length] = m;
        fullA[batch.length + 1] = k;
        int[] fullB = Arrays.copyOf(batch, batch.length + 2);
        fullB[batch.length] = k;
        fullB[batch.length + 1] = n;
        double[] ea = OpReference.broadcast(a, ma, new double[] {0}, new int[] {}, fullA, Double::sum);
        double[] eb = OpReference.broadcast(b, mb, new double[] {0}, new int[] {}, fullB, Double::sum);
        return OpReference.matmul(ea, eb, OpReference.numel(batch), m, k, n);
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("shapes")
    void matchesTheReference(int[] sa, int[] sb, int[] expectedShape) {
        double[] a = OpReference.values(OpReference.numel(sa), 21);
        double[] b = OpReference.values(OpReference.numel(sb), 22);
        Tensor out = Tensor.of(a, sa).matmul(Tensor.of(b, sb));
        assertEquals(Shape.of(expectedShape), out.shape());
        double[] expected = reference(a, sa, b, sb);
        assertArrayEquals(expected, out.toDoubleArray(), 1e-12);
        float[] got32 = Tensor.of(a, sa).to(DType.FLOAT32).matmul(Tensor.of(b, sb).to(DType.FLOAT32)).toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got32[i], 1e-4);
        }
    }

    @Test
    void acceptsNonContiguousOperands() {
        double[] a = OpReference.values(12, 1);
        double[] b = OpReference.values(20, 2);
        Tensor at = Tensor.of(a, 3, 4).t();          // [4, 3], strides [1, 4]
        Tensor bs = Tensor.of(b, 5, 4).slice(0, 0, 5, 2).t(); // [4, 3], stepped and transposed
        Tensor dense = Tensor.of(at.toDoubleArray(), 4, 3).matmul(Tensor.of(bs.toDoubleArray(), 4, 3).t());
        assertArrayEquals(dense.toDoubleArray(), at.matmul(bs.t()).toDoubleArray(), 1e-12);
        Tensor batchExpanded = Tensor.of(a, 3, 4).expand(2, 3, 4);
        Tensor bm = Tensor.of(OpReference.values(40, 3), 2, 4, 5).slice(2, 1, 5, 1);
        Tensor expected = Tensor.stack(0, Tensor.of(a, 3, 4).matmul(bm.select(0, 0)),
                Tensor.of(a, 3, 4).matmul(bm.select(0, 1)));
        assertArrayEquals(expected.toDoubleArray(), batchExpanded.matmul(bm).toDoubleArray(), 1e-12);
    }

    @Test
    void handWorkedProduct() {
        Tensor a = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new float[][] {{5, 6}, {7, 8}});
        assertArrayEquals(new float[] {19, 22, 43, 50}, a.matmul(b).toFloatArray());
        assertEquals(11.0, Tensor.of(new float[] {1, 2}).matmul(Tensor.of(new float[] {3, 4})).item());
    }

    @Test
    void misalignedShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(64, 784).matmul(Tensor.zeros(128, 10)));
        assertEquals("matmul: shapes [64, 784] and [128, 10] are not aligned (784 != 128)", e.getMessage());
        var v = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
        assertEquals("matmul: shapes [3] and [4] are not aligned (3 != 4)", v.getMessage());
        var batch = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
        assertEquals("matmul: batch dimensions of shapes [2, 3, 4] and [3, 4, 5] cannot be broadcast (2 vs 3)",
                batch.getMessage());
        var scalar = assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).matmul(Tensor.zeros(2)));
        assertEquals("matmul: both arguments need at least 1 dimension, got shapes [] and [2]", scalar.getMessage());
        var ints = assertThrows(IllegalArgumentException.class,
            () -> Tensor.of(new long[] {1, 2}).matmul(Tensor.zeros(2)));
        assertEquals("matmul: expected a floating tensor, got int64 of shape [2]", ints.getMessage());
    }
}
