package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.backend.BinaryOp;
import dev.nabla.backend.RandomOp;
import dev.nabla.backend.ReduceOp;
import dev.nabla.backend.UnaryOp;
import dev.nabla.backend.fast.ColumnLayout;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.kernels.KernelSignature;
import dev.nabla.kernels.LaunchGeometry;
import dev.nabla.kernels.PtxKernels;
import dev.nabla.kernels.StridedLayout;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Every launch the backend builds matches the manifest's C signature, with hand-checked argument values. */
class KernelCallsTest {

    private static void assertMatchesManifest(KernelCall call) {
        call.args().checkAgainst(PtxKernels.signature(call.kernel()));
    }

    private static void assertArgs(KernelCall call, Object... expected) {
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] instanceof int[] packed) {
                assertArrayEquals(packed, (int[]) call.args().value(i), call.kernel() + " argument " + i);
            } else {
                assertEquals(expected[i], call.args().value(i), call.kernel() + " argument " + i);
            }
        }
        assertEquals(expected.length, call.args().kinds().size());
    }

    @Test
    void parameterKindsParseFromManifestDeclarations() {
        assertEquals(KernelArgs.Kind.POINTER, KernelArgs.Kind.ofDeclaration("const float* x"));
        assertEquals(KernelArgs.Kind.INT, KernelArgs.Kind.ofDeclaration("int n"));
        assertEquals(KernelArgs.Kind.DOUBLE, KernelArgs.Kind.ofDeclaration("double value"));
        assertEquals(KernelArgs.Kind.U64, KernelArgs.Kind.ofDeclaration("unsigned long long seed"));
        assertEquals(KernelArgs.Kind.LAYOUT, KernelArgs.Kind.ofDeclaration("NdLayout layout"));
        assertThrows(IllegalArgumentException.class, () -> KernelArgs.Kind.ofDeclaration("half h"));
    }

    @Test
    void wrongArgumentListsAreRefusedBeforeLaunch() {
        KernelSignature adam = PtxKernels.signature("adam_f64");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KernelArgs().pointer(1).pointer(2).pointer(3).pointer(4).i32(3).f32(1f).checkAgainst(adam));
        assertTrue(e.getMessage().contains("adam_f64 takes [POINTER, POINTER, POINTER, POINTER, INT, DOUBLE"),
                e.getMessage());
        KernelArgs right = new KernelArgs().pointer(1).pointer(2).pointer(3).pointer(4).i32(3);
        for (int i = 0; i < 7; i++) {
            right.scalar(DType.FLOAT64, 1);
        }
        right.i32(0).checkAgainst(adam);
    }

    @Test
    void everyElementwiseFamilyRouteAndDtypeMatchesTheManifest() {
        Coalesced dense = Coalesced.of(new int[] {6}, new int[] {1}, new int[] {1}, new int[] {1}, new int[] {1});
        Coalesced strided = Coalesced.of(new int[] {2, 3}, new int[] {3, 1}, new int[] {1, 2}, new int[] {0, 1},
                new int[] {3, 1});
        for (DType dtype : DType.values()) {
            for (ElementwiseRoute route : List.of(ElementwiseRoute.CONTIGUOUS, ElementwiseRoute.STRIDED)) {
                Coalesced loop = route == ElementwiseRoute.STRIDED ? strided : dense;
                assertMatchesManifest(ElementwiseCalls.of("ew_unary", dtype, route, sub(loop, 2), OptionalInt.of(1), 10, 20));
                assertMatchesManifest(ElementwiseCalls.of("ew_binary", dtype, route, sub(loop, 3), OptionalInt.of(0), 10, 20,
                        30));
                assertMatchesManifest(ElementwiseCalls.of("ew_where", dtype, route, loop, OptionalInt.empty(), 10, 20, 30,
                        40));
            }
        }
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                if (from != to) {
                    KernelCall cast = ElementwiseCalls.cast(from, to, sub(strided, 2), 1, 2);
                    assertMatchesManifest(cast);
                    assertTrue(PtxKernels.signature(cast.kernel()).parameters().get(0).startsWith(
                            to == DType.INT64 ? "long long*" : to == DType.FLOAT32 ? "float*" : "double*"), cast.kernel());
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> KernelNames.cast(DType.INT64, DType.INT64));
    }

    @Test
    void randomCallsPassSeedOffsetAndBothParametersForEveryDtype() {
        for (DType dtype : DType.values()) {
            for (RandomOp op : RandomOp.values()) {
                KernelCall call = KernelCalls.random(op, dtype, 1000, -7L, 1L << 40, -0.5, 2.0, 64);
                assertMatchesManifest(call);
                assertArgs(call, 64L, 1000, -7L, 1L << 40, -0.5, 2.0);
                assertEquals(4, call.geometry().gridX()); // one thread per element, 256 per block
            }
        }
        assertEquals("random_normal_i64", KernelCalls.random(RandomOp.NORMAL, DType.INT64, 1, 0, 0, 0, 1, 8).kernel());
        assertEquals("random_uniform_f32", KernelCalls.random(RandomOp.UNIFORM, DType.FLOAT32, 1, 0, 0, 0, 1, 8).kernel());
    }

    private static Coalesced sub(Coalesced loop, int operands) {
        return new Coalesced(loop.shape(), java.util.Arrays.copyOf(loop.strides(), operands));
    }

    @Test
    void stridedBinaryPacksTheLayoutOutputFirst() {
        Coalesced loop = Coalesced.of(new int[] {2, 3}, new int[] {3, 1}, new int[] {1, 2}, new int[] {0, 1});
        KernelCall call = ElementwiseCalls.of("ew_binary", DType.FLOAT32, ElementwiseRoute.STRIDED, loop,
                OptionalInt.of(KernelOps.binary(BinaryOp.MUL)), 100, 200, 300);
        assertEquals("ew_binary_strided_f32", call.kernel());
        int[] layout = (int[]) call.args().value(4);
        assertArrayEquals(StridedLayout.pack(new int[] {2, 3}, new int[] {3, 1}, new int[] {1, 2}, new int[] {0, 1}), layout);
        assertArgs(call, 100L, 200L, 300L, 2, layout);
    }

    @Test
    void contiguousUnaryPassesCountThenOp() {
        Coalesced loop = Coalesced.of(new int[] {4, 5}, new int[] {5, 1}, new int[] {5, 1});
        KernelCall call = ElementwiseCalls.of("ew_unary", DType.FLOAT64, ElementwiseRoute.CONTIGUOUS, loop,
                OptionalInt.of(KernelOps.unary(UnaryOp.TANH)), 8, 16);
        assertEquals("ew_unary_f64", call.kernel());
        assertArgs(call, 8L, 16L, 20, 7);
    }

    @Test
    void opCodesFollowTheKernelEnums() {
        assertEquals(0, KernelOps.unary(UnaryOp.NEG));
        assertEquals(12, KernelOps.unary(UnaryOp.COS));
        assertEquals(14, KernelOps.unary(UnaryOp.ERF));
        assertEquals(15, KernelOps.unary(UnaryOp.FLOOR));
        assertEquals(16, KernelOps.unary(UnaryOp.NONFINITE));
        for (UnaryOp op : UnaryOp.values()) {
            assertEquals(op.name(), dev.nabla.kernels.UnaryOp.values()[KernelOps.unary(op)].name());
        }
        assertEquals(13, KernelOps.copy());
        for (BinaryOp op : BinaryOp.values()) {
            assertEquals(op.ordinal(), KernelOps.binary(op), op.name());
        }
        assertEquals(0, KernelOps.reduce(ReduceOp.SUM));
        assertEquals(2, KernelOps.reduce(ReduceOp.MAX));
        assertEquals(3, KernelOps.reduce(ReduceOp.MIN));
        assertEquals(0, KernelOps.argReduce(ReduceOp.MAX));
        assertEquals(1, KernelOps.argReduce(ReduceOp.MIN));
        assertThrows(IllegalArgumentException.class, () -> KernelOps.argReduce(ReduceOp.SUM));
    }

    @Test
    void routesSendOnlyHighRanksToTheHost() {
        Coalesced dense = Coalesced.of(new int[] {3}, new int[] {1}, new int[] {1});
        Coalesced broadcast = Coalesced.of(new int[] {3}, new int[] {1}, new int[] {0});
        assertEquals(ElementwiseRoute.CONTIGUOUS, ElementwiseRoute.of(dense));
        assertEquals(ElementwiseRoute.STRIDED, ElementwiseRoute.of(broadcast));
        int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        int[] transposedLast = Strided9.strides();
        Coalesced rank9 = Coalesced.of(shape, dev.nabla.backend.Strided.contiguousStrides(shape), transposedLast);
        assertEquals(9, rank9.rank());
        assertEquals(ElementwiseRoute.HOST, ElementwiseRoute.of(rank9));
        assertTrue(ElementwiseRoute.hostReason(rank9).contains("rank 9"));
    }

    /** Strides of a [2]^9 view whose dimensions are all reversed (so nothing merges with the contiguous output). */
    private static final class Strided9 {
        static int[] strides() {
            int[] s = new int[9];
            for (int d = 0; d < 9; d++) {
                s[d] = 1 << d;
            }
            return s;
        }
    }

    @Test
    void reductionIndexingAndAttentionCallsMatchTheManifest() {
        KernelCall reduce = KernelCalls.reduce(ReduceOp.MIN, DType.FLOAT32, new ReducePlan(2, 3, 4, null), 1, 2);
        assertMatchesManifest(reduce);
        assertMatchesManifest(KernelCalls.reduce(ReduceOp.SUM, DType.INT64, new ReducePlan(2, 3, 4, null), 1, 2));
        assertArgs(reduce, 1L, 2L, 2, 3, 4, 3);
        assertEquals(256, reduce.geometry().blockX());
        KernelCall arg = KernelCalls.argReduce(ReduceOp.MAX, DType.FLOAT64, new AxisSplit(5, 7, 1), 64, 128);
        assertMatchesManifest(arg);
        assertArgs(arg, 64L, 0L, 128L, 5, 7, 1, 0);
        assertMatchesManifest(KernelCalls.argReduce(ReduceOp.MIN, DType.INT64, new AxisSplit(5, 7, 3), 64, 128));
        IndexPlan plan = new IndexPlan(2, 10, 4, 3, 1);
        KernelCall select = KernelCalls.indexed("index_select", DType.FLOAT32, plan, 1, 2, 3);
        assertMatchesManifest(select);
        assertArgs(select, 1L, 2L, 3L, 2, 10, 4, 3);
        assertMatchesManifest(KernelCalls.indexed("index_add", DType.FLOAT64, plan, 1, 2, 3));
        AttentionProblem unmasked = new AttentionProblem(6, 10, 10, 64, 0.125, true, 0, 0, 0, 0);
        KernelCall attention = KernelCalls.attentionForward(unmasked, 1, 2, 3, 4, 5);
        assertMatchesManifest(attention);
        assertArgs(attention, 1L, 2L, 3L, 4L, 5L, 0L, 0, 0, 0, 6, 10, 10, 64, 0.125f, 1);
        assertEquals(2, attention.geometry().gridX());
        assertEquals(6, attention.geometry().gridY());
        KernelCall delta = KernelCalls.attentionBackwardDelta(60, 64, 1, 2, 3);
        assertMatchesManifest(delta);
        assertArgs(delta, 1L, 2L, 3L, 60, 64);
        assertEquals(8, delta.geometry().gridX(), "one warp per row, 8 warps per block");
        long[] inputs = {3, 4, 5, 6, 7, 8};
        // a key-padding mask [6, 1, 20] broadcast over the query rows
        AttentionProblem masked = new AttentionProblem(6, 10, 20, 64, 0.125, true, 9, 20, 0, 1);
        KernelCall dq = KernelCalls.attentionBackwardDq(masked, 1, inputs);
        assertMatchesManifest(dq);
        assertArgs(dq, 1L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 20, 0, 1, 6, 10, 20, 64, 0.125f, 1);
        assertEquals(2, dq.geometry().gridX(), "8 query rows per block");
        KernelCall dkdv = KernelCalls.attentionBackwardDkDv(masked, 1, 2, inputs);
        assertMatchesManifest(dkdv);
        assertArgs(dkdv, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 20, 0, 1, 6, 10, 20, 64, 0.125f, 1);
        assertEquals(3, dkdv.geometry().gridX(), "8 key rows per block");
        assertEquals(6, dkdv.geometry().gridY());
        KernelCall softmax = KernelCalls.softmaxForward(DType.FLOAT32, 12, 4096, true, 1, 2);
        assertMatchesManifest(softmax);
        assertArgs(softmax, 1L, 2L, 12, 4096, 1);
        assertEquals(12, softmax.geometry().gridX(), "one block per row");
        KernelCall softmaxGrad = KernelCalls.softmaxBackward(DType.FLOAT64, 3, 10, false, 1, 2, 3);
        assertMatchesManifest(softmaxGrad);
        assertArgs(softmaxGrad, 1L, 2L, 3L, 3, 10, 0);
        KernelCall norm = KernelCalls.layerNormForward(DType.FLOAT32, 64, 128, 1e-5, 1, 2, 3, 4, 5, 6);
        assertMatchesManifest(norm);
        assertArgs(norm, 1L, 2L, 3L, 4L, 5L, 6L, 64, 128, 1e-5f);
        assertArgs(KernelCalls.layerNormForward(DType.FLOAT64, 64, 128, 1e-5, 1, 2, 3, 4, 0, 0), 1L, 2L, 3L, 4L, 0L, 0L,
                64, 128, 1e-5);
        KernelCall normGrad = KernelCalls.layerNormBackward(DType.FLOAT64, 64, 128, 1, 2, 3, 4, 5, 6);
        assertMatchesManifest(normGrad);
        assertArgs(normGrad, 1L, 2L, 3L, 4L, 5L, 6L, 64, 128);
        KernelCall normParams = KernelCalls.layerNormParamsBackward(DType.FLOAT32, 64, 100, 1, 0, 3, 4, 5, 6);
        assertMatchesManifest(normParams);
        assertArgs(normParams, 1L, 0L, 3L, 4L, 5L, 6L, 64, 100);
        assertEquals(4, normParams.geometry().gridX(), "one block per 32 columns: 100 columns need 4");
        assertEquals(256, normParams.geometry().blockX(), "8 warps, one per row phase");
        assertMatchesManifest(KernelCalls.layerNormParamsBackward(DType.FLOAT64, 3, 1, 0, 2, 3, 4, 5, 6));
        PoolGeometry window = new PoolGeometry(3, 2, 2, 1, 1, 0);
        int[] input = {2, 3, 9, 8};
        KernelCall max = KernelCalls.pool("maxpool2d_forward", DType.FLOAT32, input, window, 120, new long[] {1, 2, 3}, null);
        assertMatchesManifest(max);
        // output 5 x 7: floor((9 + 2 - 3) / 2) + 1 and floor((8 - 2) / 1) + 1
        assertArgs(max, 1L, 2L, 3L, 2, 3, 9, 8, 3, 2, 2, 1, 1, 0, 1, 1, 5, 7);
        // dilation (2, 1) in ceil mode: floor((9 + 2 - 4 - 1 + 1) / 2) + 1 = 4 rows, floor((8 - 1 - 1) / 1) + 1 = 7 columns
        PoolGeometry dilated = new PoolGeometry(3, 2, 2, 1, 1, 0, 2, 1, true);
        assertArgs(KernelCalls.pool("maxpool2d_forward", DType.FLOAT32, input, dilated, 84, new long[] {1, 2, 3}, null), 1L,
                2L, 3L, 2, 3, 9, 8, 3, 2, 2, 1, 1, 0, 2, 1, 4, 7);
        KernelCall maxGrad = KernelCalls.pool("maxpool2d_backward", DType.FLOAT64, input, window, 432, new long[] {1, 2, 3},
                null);
        assertMatchesManifest(maxGrad);
        KernelCall avg = KernelCalls.pool("avgpool2d_forward", DType.FLOAT32, input, window, 120, new long[] {1, 2}, true);
        assertMatchesManifest(avg);
        assertArgs(avg, 1L, 2L, 2, 3, 9, 8, 3, 2, 2, 1, 1, 0, 1, 1, 5, 7, 1);
        KernelCall adam = KernelCalls.adam(DType.FLOAT32, 300, 1, 2, 3, 4, 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001);
        assertMatchesManifest(adam);
        assertArgs(adam, 1L, 2L, 3L, 4L, 300, 1e-3f, 0.9f, 0.999f, 1e-8f, 0f, 0.1f, 0.001f, 0);
        assertMatchesManifest(KernelCalls.adam(DType.FLOAT64, 300, 1, 2, 3, 4, 1e-3, 0.9, 0.999, 1e-8, 0.1, 0.001));
        assertMatchesManifest(KernelCalls.pool("avgpool2d_backward", DType.FLOAT64, input, window, 432, new long[] {1, 2},
                false));
    }

    @Test
    void columnCallsMatchTheManifestWithGeometryInKernelOrder() {
        ColumnLayout layout = ColumnLayout.of("test", new int[] {2, 3, 9, 8}, new ConvGeometry(2, 3, 1, 2, 2, 1, 1), 3, 2);
        KernelCall unfold = KernelCalls.columns("im2col", DType.FLOAT32, layout, 2 * 18 * 16, 1, 2);
        assertMatchesManifest(unfold);
        assertArgs(unfold, 1L, 2L, 2, 3, 9, 8, 3, 2, 2, 3, 1, 2, 2, 1);
        assertEquals(LaunchGeometry.elementwise(2 * 18 * 16), unfold.geometry());
        KernelCall fold = KernelCalls.columns("col2im", DType.FLOAT64, layout, 2 * 3 * 9 * 8, 3, 4);
        assertMatchesManifest(fold);
        assertArgs(fold, 3L, 4L, 2, 3, 9, 8, 3, 2, 2, 3, 1, 2, 2, 1);
        assertEquals("col2im_f64", fold.kernel());
    }

    @Test
    void lstmGruAndBiasActivationCallsMatchTheManifest() {
        KernelCall cell = KernelCalls.lstmCellForward(DType.FLOAT32, 32, 256, 1, 2, 3);
        assertMatchesManifest(cell);
        assertArgs(cell, 1L, 2L, 3L, 32, 256);
        assertEquals(32 * 256, cell.geometry().gridX() * cell.geometry().blockX(), "one thread per (row, unit)");
        KernelCall cellGrad = KernelCalls.lstmCellBackward(DType.FLOAT64, 4, 5, 1, 2, 3, 4, 5, 6);
        assertMatchesManifest(cellGrad);
        assertArgs(cellGrad, 1L, 2L, 3L, 4L, 5L, 6L, 4, 5);
        assertMatchesManifest(KernelCalls.lstmCellForward(DType.FLOAT64, 4, 5, 1, 2, 3));
        assertMatchesManifest(KernelCalls.lstmCellBackward(DType.FLOAT32, 4, 5, 1, 2, 3, 4, 5, 6));
        KernelCall gru = KernelCalls.gruCellForward(DType.FLOAT32, 32, 256, 1, 2, 3, 4);
        assertMatchesManifest(gru);
        assertArgs(gru, 1L, 2L, 3L, 4L, 32, 256);
        KernelCall gruGrad = KernelCalls.gruCellBackward(DType.FLOAT64, 4, 5, new long[] {1, 2, 3}, new long[] {4, 5, 6, 7});
        assertMatchesManifest(gruGrad);
        assertArgs(gruGrad, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 4, 5);
        assertMatchesManifest(KernelCalls.gruCellForward(DType.FLOAT64, 4, 5, 1, 2, 3, 4));
        assertMatchesManifest(KernelCalls.gruCellBackward(DType.FLOAT32, 4, 5, new long[] {1, 2, 3}, new long[] {4, 5, 6, 7}));
        for (FusedActivation act : FusedActivation.values()) {
            KernelCall forward = KernelCalls.biasActivation(120, 6, 5, act, 1, 2, 3);
            assertMatchesManifest(forward);
            assertArgs(forward, 1L, 2L, 3L, 120, 6, 5, dev.nabla.kernels.UnaryOp.valueOf(act.name()).code());
            KernelCall backward = KernelCalls.biasActivationBackward(120, act, 1, 2, 3);
            assertMatchesManifest(backward);
            assertArgs(backward, 1L, 2L, 3L, 120, dev.nabla.kernels.UnaryOp.valueOf(act.name()).code());
        }
        assertEquals(8, KernelOps.activation(FusedActivation.RELU), "NABLA_UNARY_RELU");
        assertEquals(6, KernelOps.activation(FusedActivation.SIGMOID), "NABLA_UNARY_SIGMOID");
        assertEquals(7, KernelOps.activation(FusedActivation.TANH), "NABLA_UNARY_TANH");
        KernelCall biasGrad = KernelCalls.biasGrad(4, 6, 5, 1, 2);
        assertMatchesManifest(biasGrad);
        assertArgs(biasGrad, 1L, 2L, 4, 6, 5);
        assertEquals(6, biasGrad.geometry().gridX(), "one block per channel");
        assertEquals(32, biasGrad.geometry().blockX(), "20 values per channel: one warp");
    }

    @Test
    void generalGatherAndScatterAddCallsMatchTheManifest() {
        GatherPlan plan = new GatherPlan(Coalesced.of(new int[] {3, 7}, new int[] {7, 1}, new int[] {0, 1},
                new int[] {7, 1}), 5, 7);
        for (DType dtype : DType.values()) {
            KernelCall gather = KernelCalls.gathered("gather_strided", dtype, plan, 1, 2, 3);
            assertMatchesManifest(gather);
            assertArgs(gather, 1L, 2L, 3L, 5, 7, StridedLayout.pack(new int[] {3, 7}, new int[] {7, 1}, new int[] {0, 1},
                    new int[] {7, 1}));
            assertEquals(1, gather.geometry().gridX(), "21 threads");
        }
        assertMatchesManifest(KernelCalls.gathered("scatter_add_strided", DType.FLOAT32, plan, 1, 2, 3));
        assertMatchesManifest(KernelCalls.gathered("scatter_add_strided", DType.FLOAT64, plan, 1, 2, 3));
        assertMatchesManifest(KernelCalls.gathered("scatter_add_strided", DType.INT64, plan, 1, 2, 3));
    }

    @Test
    void crossEntropyCallsMatchTheManifest() {
        KernelCall forward = KernelCalls.crossEntropyForward(DType.FLOAT32, 64, 10, -100, 1, 2, 3, 4);
        assertMatchesManifest(forward);
        assertArgs(forward, 1L, 2L, 0L, 3L, 4L, 64, 10, -100);
        assertEquals(64, forward.geometry().gridX(), "one block per row");
        KernelCall backward = KernelCalls.crossEntropyBackward(DType.FLOAT64, 64, 10, -100, 1, 2, 3, 4, 5);
        assertMatchesManifest(backward);
        assertArgs(backward, 1L, 2L, 3L, 4L, 5L, 1, 64, 10, -100);
        assertEquals(3, backward.geometry().gridX(), "640 threads");
    }

    @Test
    void axisSplitViewsAroundOneDimension() {
        assertEquals(new AxisSplit(6, 4, 5), AxisSplit.of(new int[] {2, 3, 4, 5}, 2));
        assertEquals(new AxisSplit(1, 7, 1), AxisSplit.of(new int[] {7}, 0));
        assertThrows(IllegalArgumentException.class, () -> AxisSplit.of(new int[] {7}, 1));
    }
}
