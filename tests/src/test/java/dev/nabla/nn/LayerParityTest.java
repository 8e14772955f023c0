package dev.nabla.nn;

import static dev.nabla.nn.NnAssert.assertGradients;
import static dev.nabla.nn.NnAssert.randn64;
import static dev.nabla.torch.TorchFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.backend.fast.PoolGeometry;
import dev.nabla.torch.TorchFixtures;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Pooling with ceil mode and dilation, "same" and rectangular convolutions, ConvTranspose1d, GroupNorm,
 * InstanceNorm and interpolation against PyTorch 1.13 (values and input gradients from
 * {@code torch/layers.safetensors}), plus float64 gradient checks against finite differences.
 */
class LayerParityTest {

    private static final Map<String, Tensor> TORCH = TorchFixtures.load("layers.safetensors");

    /**
     * Runs {@code op} on the fixture's inputs (cast to {@code dtype}) and compares its output and the gradients
     * of every input under the fixture's upstream gradient {@code prefix.g}.
     */
    private static void matchesTorch(String prefix, DType dtype, double tol, Function<Tensor[], Tensor> op,
            String... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = TORCH.get(inputs[i]).to(dtype).detach().requiresGrad(true);
        }
        Tensor y = op.apply(leaves);
        String what = prefix + " " + dtype.id();
        assertClose(TORCH.get(prefix + ".y"), y, tol, what + " output");
        Tensor[] grads = Autograd.grad(new Tensor[] {y}, new Tensor[] {TORCH.get(prefix + ".g").to(dtype)}, leaves, false,
                false);
        for (int i = 0; i < grads.length; i++) {
            assertClose(TORCH.get(prefix + ".d" + i), grads[i], tol, what + " gradient of input " + i);
        }
    }

    /** Float64 (the reference kernels, tight) and float32 (the CPU's direct loops, float tolerance). */
    private static void matchesTorchInBothDtypes(String prefix, Function<Tensor[], Tensor> op, String... inputs) {
        matchesTorch(prefix, DType.FLOAT64, 1e-12, op, inputs);
        matchesTorch(prefix, DType.FLOAT32, 2e-5, op, inputs);
    }

    @Test
    void maxPoolingWithCeilModeDilationAndRectangularWindowsMatchesPyTorch() {
        Pool2dOptions dilated = Pool2dOptions.of(3, 2).withStride(2, 1).withPadding(1, 1).withDilation(2, 1)
                .withCeilMode(true);
        matchesTorchInBothDtypes("pool.max_dilated_ceil", in -> new MaxPool2d(dilated).forward(in[0]), "pool.x");
        Pool2dOptions ceil = Pool2dOptions.of(3).withStride(2).withCeilMode(true);
        matchesTorchInBothDtypes("pool.max_ceil", in -> new MaxPool2d(ceil).forward(in[0]), "pool.x");
        assertGradients(in -> new MaxPool2d(dilated).forward(in[0]), randn64(1, 1, 2, 7, 6));
    }

    @Test
    void averagePoolingWithCeilModeMatchesPyTorchDivisors() {
        Pool2dOptions window = Pool2dOptions.of(3, 2).withStride(2, 2).withPadding(1, 1).withCeilMode(true);
        matchesTorchInBothDtypes("pool.avg_ceil_pad", in -> new AvgPool2d(window, true).forward(in[0]), "pool.x");
        matchesTorchInBothDtypes("pool.avg_ceil_nopad", in -> new AvgPool2d(window, false).forward(in[0]), "pool.x");
        matchesTorchInBothDtypes("pool.avg_ceil",
                in -> new AvgPool2d(Pool2dOptions.of(2).withCeilMode(true), true).forward(in[0]), "pool.x");
        assertGradients(in -> new AvgPool2d(window, false).forward(in[0]), randn64(2, 1, 2, 7, 6));
    }

    @Test
    void windowsLargerThanThePaddedInputAreRejectedAsInPyTorch() {
        // regression: floor division truncated toward zero, so a 5 × 5 window on 3 × 3 gave a 1 × 1 output
        // (an average of ones came out as 9/25 = 0.36); PyTorch raises "Output size is too small"
        Tensor x = Tensor.ones(1, 1, 3, 3);
        var max = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(5).forward(x));
        assertTrue(max.getMessage().contains("maxPool2d: input [1, 1, 3, 3] is too small"), max.getMessage());
        var avg = assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(5).forward(x));
        assertTrue(avg.getMessage().contains("the output would be 0 x 0"), avg.getMessage());
        // the same window with padding 2 fits: floor((3 + 4 - 5) / 5) + 1 = 1
        assertEquals(1, new MaxPool2d(5, 5, 2).forward(x).numel());
        // padding above half the window, and dilation in average pooling, are refused as PyTorch refuses them
        assertThrows(IllegalArgumentException.class, () -> Pool2dOptions.of(3).withPadding(2));
        assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(Pool2dOptions.of(3).withDilation(2), true));
        // a dilated window whose taps all fall in the padding has no maximum: refused, not -inf
        var padOnly = assertThrows(IllegalArgumentException.class,
                () -> PoolOps.maxPool2d(Tensor.ones(1, 1, 2, 2), new PoolGeometry(2, 2, 1, 1, 1, 1, 3, 3, false)));
        assertTrue(padOnly.getMessage().contains("reads only padding"), padOnly.getMessage());
    }

    @Test
    void samePaddingAndRectangularConvolutionsMatchPyTorch() {
        Conv2dOptions same = Conv2dOptions.of(3, 4, 4, 3).withDilation(1, 2).withSamePadding();
        matchesTorchInBothDtypes("conv.same", in -> withWeights(new Conv2d(same), in[1], in[2]).forward(in[0]), "conv.x",
                "conv.same.w", "conv.same.b");
        Conv2dOptions rect = Conv2dOptions.of(3, 4, 3, 5).withStride(2, 1).withPadding(1, 2);
        matchesTorchInBothDtypes("conv.rect", in -> withWeights(new Conv2d(rect), in[1], in[2]).forward(in[0]), "conv.x",
                "conv.rect.w", "conv.rect.b");
        matchesTorchInBothDtypes("conv1d.same", in -> ConvOps.conv1dSame(in[0], in[1], null, 1, 1), "conv1d.x",
                "conv1d.same.w");
        matchesTorchInBothDtypes("convT1d",
                in -> withWeights(new ConvTranspose1d(4, 6, 3, 2, 1, 1, 2, true, 2), in[1], in[2]).forward(in[0]),
                "convT1d.x", "convT1d.w", "convT1d.b");
        assertEquals(dev.nabla.Shape.of(2, 6, 5, 8),
                new Conv2d(Conv2dOptions.of(3, 6, 2, 4).withDilation(3, 1).withSamePadding().withGroups(3))
                        .forward(Tensor.randn(2, 3, 5, 8)).shape());
        assertGradients(in -> ConvOps.conv2dSame(in[0], in[1], in[2], 1, 2, 1), randn64(3, 1, 3, 4, 5),
                randn64(4, 2, 3, 2, 3), randn64(5, 2));
        assertGradients(in -> ConvOps.convTranspose1d(in[0], in[1], in[2], 2, 1, 1, 2, 2), randn64(6, 1, 4, 3),
                randn64(7, 4, 1, 3), randn64(8, 2));
        var strided = assertThrows(IllegalArgumentException.class,
                () -> Conv2dOptions.of(3, 4, 3).withSamePadding().withStride(2));
        assertTrue(strided.getMessage().contains("needs stride 1"), strided.getMessage());
    }

    @Test
    void conv1dSamePaddingLayerKeepsTheLength() {
        Conv1d conv = Conv1d.samePadding(2, 3, 4, 2, 1, true);
        assertEquals(dev.nabla.Shape.of(2, 3, 9), conv.forward(Tensor.randn(2, 2, 9)).shape());
    }

    @Test
    void transposedConvolutionTakesRectangularOptions() {
        // (H-1)·stride - 2·pad + dilation·(K-1) + outputPadding + 1 per axis:
        // (4-1)·2 - 2 + 2 + 1 + 1 = 8 rows and (5-1)·1 - 0 + 4 + 0 + 1 = 9 columns
        ConvTranspose2d up = new ConvTranspose2d(Conv2dOptions.of(3, 4, 3, 5).withStride(2, 1).withPadding(1, 0), 1, 0);
        assertEquals(dev.nabla.Shape.of(2, 4, 8, 9), up.forward(Tensor.randn(2, 3, 4, 5)).shape());
        assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(Conv2dOptions.of(3, 4, 3).withSamePadding(), 0, 0));
    }

    /** {@code layer} with its weight and bias replaced by the given tensors (cast into the layer's dtype). */
    private static <L extends ConvLayer> L withWeights(L layer, Tensor weight, Tensor bias) {
        layer.weight().set(weight);
        if (bias != null) {
            layer.bias().set(bias);
        }
        return layer;
    }

    @Test
    void groupNormMatchesPyTorch() {
        matchesTorchInBothDtypes("group", in -> Functional.groupNorm(in[0], 3, in[1], in[2], 1e-5), "group.x", "group.w",
                "group.b");
        GroupNorm layer = new GroupNorm(3, 6);
        layer.to(DType.FLOAT64);
        layer.loadStateDict(Map.of("weight", TORCH.get("group.w"), "bias", TORCH.get("group.b")), true);
        assertClose(TORCH.get("group.y"), layer.forward(TORCH.get("group.x")), 1e-12, "GroupNorm module");
        assertGradients(in -> Functional.groupNorm(in[0], 2, in[1], in[2], 1e-5), randn64(9, 2, 4, 3),
                randn64(10, 4), randn64(11, 4));
    }

    @Test
    void instanceNormMatchesPyTorchWithAndWithoutRunningStatistics() {
        matchesTorchInBothDtypes("instance",
                in -> Functional.instanceNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), "instance.x",
                "instance.w", "instance.b");
        InstanceNorm2d tracked = new InstanceNorm2d(3, 1e-5, 0.2, true, true);
        tracked.to(DType.FLOAT64);
        tracked.loadStateDict(Map.of("weight", TORCH.get("instance.w"), "bias", TORCH.get("instance.b")), false);
        assertClose(TORCH.get("instance.y"), tracked.forward(TORCH.get("instance.x")), 1e-12, "training output");
        tracked.forward(TORCH.get("instance.second"));
        Map<String, Tensor> after = tracked.stateDict();
        assertClose(TORCH.get("instance.running_mean"), after.get("running_mean"), 1e-12, "running mean");
        assertClose(TORCH.get("instance.running_var"), after.get("running_var"), 1e-12, "running variance");
        assertEquals(2, after.get("num_batches_tracked").item());
        tracked.eval();
        assertClose(TORCH.get("instance.eval"), tracked.forward(TORCH.get("instance.x")), 1e-12, "eval output");
        InstanceNorm1d plain = new InstanceNorm1d(3);
        plain.to(DType.FLOAT64);
        assertEquals(java.util.Set.of(), plain.stateDict().keySet(), "PyTorch's defaults: no parameters, no buffers");
        assertClose(TORCH.get("instance1d.y"), plain.forward(TORCH.get("instance1d.x")), 1e-12, "unbatched 1d");
        assertGradients(in -> Functional.instanceNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5),
                randn64(12, 2, 3, 5), randn64(13, 3), randn64(14, 3));
        var single = assertThrows(IllegalArgumentException.class, () -> plain.forward(Tensor.zeros(2, 3, 1)));
        assertTrue(single.getMessage().contains("more than 1 position"), single.getMessage());
    }

    @Test
    void interpolationMatchesPyTorchNearestAndBilinear() {
        matchesTorchInBothDtypes("interp.nearest_size",
                in -> Functional.interpolate(in[0], 7, 3, InterpolationMode.NEAREST, false), "interp.x");
        matchesTorchInBothDtypes("interp.nearest_scale",
                in -> new Upsample(1.5, 1.5, InterpolationMode.NEAREST, false).forward(in[0]), "interp.x");
        matchesTorchInBothDtypes("interp.bilinear_size",
                in -> Upsample.toSize(7, 9, InterpolationMode.BILINEAR, false).forward(in[0]), "interp.x");
        matchesTorchInBothDtypes("interp.bilinear_size_aligned",
                in -> Functional.interpolate(in[0], 7, 9, InterpolationMode.BILINEAR, true), "interp.x");
        matchesTorchInBothDtypes("interp.bilinear_scale",
                in -> Functional.interpolateByScale(in[0], 1.7, 0.6, InterpolationMode.BILINEAR, false), "interp.x");
        matchesTorchInBothDtypes("interp.bilinear_down_aligned",
                in -> Functional.interpolate(in[0], 1, 3, InterpolationMode.BILINEAR, true), "interp.x");
        assertGradients(in -> Functional.interpolate(in[0], 5, 7, InterpolationMode.BILINEAR, false),
                randn64(15, 1, 2, 3, 4));
        NnAssert.assertSecondOrder(in -> Functional.interpolate(in[0], 4, 5, InterpolationMode.BILINEAR, true).pow(2),
                randn64(16, 1, 1, 3, 3));
        var aligned = assertThrows(IllegalArgumentException.class,
                () -> Functional.interpolate(Tensor.zeros(1, 1, 2, 2), 4, 4, InterpolationMode.NEAREST, true));
        assertTrue(aligned.getMessage().contains("alignCorners only applies to bilinear"), aligned.getMessage());
    }
}
