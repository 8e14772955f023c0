package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Shape;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.FusedActivation;
import java.util.Arrays;
import java.util.Optional;

/**
 * Stateless neural-network functions: softmax family, dropout, normalisation, embedding lookup
 * and the basic losses. More losses live in {@link Losses}, activations in {@link Activations}.
 */
public final class Functional {

    private Functional() {
    }

    /**
     * {@code log(softmax(x))} along {@code dim}, computed stably as {@code x - logsumexp(x)}: in one
     * pass per row on a backend with a {@link dev.nabla.backend.fast.SoftmaxKernel}, else composed.
     */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return softmaxAlong("logSoftmax", x, dim, true);
    }

    /** {@code exp(x) / sum(exp(x))} along {@code dim}, fused like {@link #logSoftmax}. */
    public static Tensor softmax(Tensor x, int dim) {
        return softmaxAlong("softmax", x, dim, false);
    }

    /**
     * {@code act(x + bias)} with {@code bias} broadcast along dimension {@code dim} of x: one pass
     * forward and one backward on a backend with a {@link dev.nabla.backend.fast.BiasActivationKernel}
     * (float32 operands), the add and the activation as separate ops otherwise. Values equal the
     * separate ops'.
     *
     * @param bias {@code [x.size(dim)]}, or null for the activation alone
     * @param dim the channel dimension (negative counts from the end): 1 after a convolution, -1 after a linear layer
     * @throws IllegalArgumentException when the bias shape does not match
     */
    public static Tensor biasActivation(Tensor x, Tensor bias, int dim, FusedActivation act) {
        return BiasActivation.apply("biasActivation", x, bias, dim, act);
    }

    /**
     * Checks the input (a floating tensor, the dimension in range, errors naming {@code op}) and
     * returns an empty result for an empty input, as PyTorch does, where the composed form would
     * reduce over an empty dimension.
     */
    private static Tensor softmaxAlong(String op, Tensor x, int dim, boolean log) {
        if (!x.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": expected a floating tensor, got " + x.dtype().id() + " of shape "
                    + x.shape() + " (convert it first, e.g. x.to(DType.FLOAT32))");
        }
        Shape.normalizeDim(op, dim, x.rank());
        if (x.numel() == 0) {
            return x.mul(0);
        }
        Optional<Tensor> fused = FusedSoftmax.apply(op, x, dim, log);
        if (fused.isPresent()) {
            return fused.get();
        }
        Tensor logP = x.sub(x.logsumexp(new int[] {dim}, true));
        return log ? logP : logP.exp();
    }

    /**
     * Inverted dropout: in training, zeroes each element with probability {@code p} and scales the
     * survivors by {@code 1 / (1 - p)} so the expectation is unchanged; the identity otherwise.
     * The mask is drawn from {@code gen}'s counters, so a (seed, offset) pair reproduces it.
     *
     * @throws IllegalArgumentException when {@code p} is outside {@code [0, 1]}
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        checkProbability("dropout", p);
        if (!training || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0);
        }
        DType dtype = x.dtype().isFloating() ? x.dtype() : DType.FLOAT32;
        Tensor u = Tensor.uniform(gen, 0, 1, dtype, x.device(), x.shape().toArray());
        Tensor keepScaled = u.lt(p).rsub(1).mul(1.0 / (1 - p));
        return x.mul(keepScaled);
    }

    /** {@link #dropout(Tensor, double, boolean, Generator)} with the global generator. */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        return dropout(x, p, training, Generator.global());
    }

    static void checkProbability(String op, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": probability must be in [0, 1], got " + p);
        }
    }

    /**
     * Layer normalisation over the trailing {@code normalizedShape.length} dimensions:
     * {@code (x - mean) / sqrt(var + eps) * weight + bias} with the biased variance. On a backend with
     * a {@link dev.nabla.backend.fast.LayerNormKernel} it is one op with one pass per row (the weight and
     * bias applied in the same pass, and both their gradients summed in one backward pass); otherwise
     * it is composed of primitive ops.
     *
     * @param x a floating tensor whose trailing dimensions are {@code normalizedShape}
     * @param normalizedShape the trailing shape to normalise over
     * @param weight the scale of shape {@code normalizedShape}, x's dtype and device, or null
     * @param bias the shift of shape {@code normalizedShape}, x's dtype and device, or null
     * @param eps added to the variance
     * @throws IllegalArgumentException when x is not floating or its trailing dimensions are not
     *         {@code normalizedShape}, or when weight or bias differs from it in shape, from x in dtype or device
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        LayerNormArgs.check(x, normalizedShape, weight, bias);
        Optional<Tensor> fused = FusedLayerNorm.apply(x, Shape.numel(normalizedShape), weight, bias, eps);
        if (fused.isPresent()) {
            return fused.get();
        }
        Tensor y = composedNormalise(x, normalizedShape.length, eps);
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias == null ? y : y.add(bias);
    }

    /** {@code (x - mean) / sqrt(var + eps)} over the trailing {@code k} dimensions, in primitive ops. */
    private static Tensor composedNormalise(Tensor x, int k, double eps) {
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = x.rank() - k + i;
        }
        Tensor centred = x.sub(x.mean(dims, true));
        Tensor var = centred.mul(centred).mean(dims, true);
        return centred.div(var.add(eps).sqrt());
    }

    /**
     * Batch normalisation over every dimension but 1 (PyTorch's {@code batch_norm}). In training,
     * or without running statistics, it normalises with the batch mean and biased variance, and
     * in training updates the running buffers in place with
     * {@code running = (1 - momentum)·running + momentum·batch} (unbiased variance); otherwise it
     * normalises with the running statistics.
     *
     * @param runningMean {@code [C]} buffer, or null
     * @param runningVar {@code [C]} buffer, or null (both or neither)
     * @param weight {@code [C]} scale, or null
     * @param bias {@code [C]} shift, or null
     * @throws IllegalArgumentException when training sees only one value per channel
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm: expected input [N, C, ...], got " + x.shape());
        }
        int channels = x.size(1);
        int[] dims = new int[x.rank() - 1];
        for (int d = 1; d < dims.length; d++) {
            dims[d] = d + 1;
        }
        int[] statShape = new int[x.rank()];
        Arrays.fill(statShape, 1);
        statShape[1] = channels;
        Tensor mean;
        Tensor var;
        if (training || runningMean == null) {
            int count = x.numel() / channels;
            if (count < 2 && training) {
                throw new IllegalArgumentException("batchNorm: training needs more than 1 value per channel, got shape "
                        + x.shape());
            }
            mean = x.mean(dims, true);
            Tensor centred = x.sub(mean);
            var = centred.mul(centred).mean(dims, true);
            if (training && runningMean != null) {
                Tensor unbiased = var.detach().reshape(channels).mul((double) count / (count - 1));
                updateRunningStatistics(runningMean, runningVar, mean.detach().reshape(channels), unbiased, momentum);
            }
        } else {
            mean = runningMean.reshape(statShape);
            var = runningVar.reshape(statShape);
        }
        return channelAffine(x.sub(mean).div(var.add(eps).sqrt()), weight, bias);
    }

    /** {@code running = (1 - momentum)·running + momentum·value} in place for the mean and variance buffers. */
    private static void updateRunningStatistics(Tensor runningMean, Tensor runningVar, Tensor mean, Tensor unbiasedVar,
            double momentum) {
        try (GradMode ignored = Autograd.noGradScope()) {
            runningMean.mulInPlace(1 - momentum).addInPlace(mean.mul(momentum));
            runningVar.mulInPlace(1 - momentum).addInPlace(unbiasedVar.mul(momentum));
        }
    }

    /** {@code y·weight + bias} with {@code [C]} parameters along dimension 1; either may be null. */
    private static Tensor channelAffine(Tensor y, Tensor weight, Tensor bias) {
        int[] statShape = new int[y.rank()];
        Arrays.fill(statShape, 1);
        statShape[1] = y.size(1);
        Tensor out = weight == null ? y : y.mul(weight.reshape(statShape));
        return bias == null ? out : out.add(bias.reshape(statShape));
    }

    /** Checks an optional per-channel parameter against {@code [C]}, x's dtype and device. */
    private static void checkChannelParameter(String op, String what, Tensor p, Tensor x) {
        if (p != null && (p.rank() != 1 || p.size(0) != x.size(1) || p.dtype() != x.dtype()
                || !p.device().equals(x.device()))) {
            throw new IllegalArgumentException(op + ": " + what + " must be [" + x.size(1) + "] in " + x.dtype().id()
                    + " on " + x.device() + ", got " + p.dtype().id() + " " + p.shape() + " on " + p.device());
        }
    }

    /**
     * Resizes {@code [N, C, H, W]} images to {@code outH × outW} (PyTorch's {@code interpolate(x, size=...)}),
     * with PyTorch's source coordinates: nearest reads {@code floor(dst · in / out)}; bilinear places output
     * pixels at {@code (dst + ½)·in/out - ½} (clamped at 0), or with {@code alignCorners} at
     * {@code dst·(in-1)/(out-1)} so the corner pixels coincide. Differentiable in x.
     *
     * @throws IllegalArgumentException for a non-4-D or non-floating input, a non-positive size, or
     *     {@code alignCorners} with nearest
     */
    public static Tensor interpolate(Tensor x, int outH, int outW, InterpolationMode mode, boolean alignCorners) {
        return Interpolation.resize(x, outH, outW, Double.NaN, Double.NaN, mode, alignCorners);
    }

    /**
     * Resizes by scale factors (PyTorch's {@code interpolate(x, scale_factor=...)}): the output is
     * {@code floor(in · scale)} and, without {@code alignCorners}, source coordinates step by {@code 1/scale}
     * (not in/out), as PyTorch computes them.
     *
     * @throws IllegalArgumentException as {@link #interpolate}, and for non-positive or non-finite factors
     */
    public static Tensor interpolateByScale(Tensor x, double scaleH, double scaleW, InterpolationMode mode,
            boolean alignCorners) {
        if (!(scaleH > 0 && scaleW > 0) || Double.isInfinite(scaleH) || Double.isInfinite(scaleW) || x.rank() != 4) {
            throw new IllegalArgumentException("interpolate: need positive finite scale factors and input [N, C, H, W], got ("
                    + scaleH + ", " + scaleW + ") and " + x.shape());
        }
        return Interpolation.resize(x, (int) Math.floor(x.size(2) * scaleH), (int) Math.floor(x.size(3) * scaleW), scaleH,
                scaleW, mode, alignCorners);
    }

    /**
     * Group normalisation (PyTorch's {@code group_norm}): the channels of {@code x [N, C, ...]} form
     * {@code groups} consecutive blocks; each sample's block is normalised over its channels and positions
     * with the biased variance, then each channel is scaled and shifted. The normalisation is a layer norm
     * over {@code [N, groups, C/groups·...]} (the fused kernel where the backend has one).
     *
     * @param weight {@code [C]} scale, or null
     * @param bias {@code [C]} shift, or null
     * @throws IllegalArgumentException for a rank below 2, groups not dividing C, or mis-shaped parameters
     */
    public static Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
        if (x.rank() < 2 || groups <= 0 || x.size(1) % groups != 0 || !x.dtype().isFloating()) {
            throw new IllegalArgumentException("groupNorm: expected a floating input [N, C, ...] with C divisible by groups="
                    + groups + ", got " + x.dtype().id() + " " + x.shape());
        }
        checkChannelParameter("groupNorm", "weight", weight, x);
        checkChannelParameter("groupNorm", "bias", bias, x);
        int perGroup = x.size(1) / groups * Shape.numel(Arrays.copyOfRange(x.shape().toArray(), 2, x.rank()));
        Tensor y = layerNorm(x.reshape(x.size(0), groups, perGroup), new int[] {perGroup}, null, null, eps);
        return channelAffine(y.reshape(x.shape().toArray()), weight, bias);
    }

    /**
     * Instance normalisation (PyTorch's {@code instance_norm}) of {@code x [N, C, L...]}: with
     * {@code useInputStats} each (sample, channel) is normalised over its positions with the biased variance,
     * and running buffers, when given, move by {@code momentum} towards the batch's average of the instance
     * means and unbiased variances; otherwise the running statistics normalise. Then each channel is scaled
     * and shifted.
     *
     * @param runningMean {@code [C]} buffer, or null
     * @param runningVar {@code [C]} buffer, or null (both or neither)
     * @param weight {@code [C]} scale, or null
     * @param bias {@code [C]} shift, or null
     * @param useInputStats normalise with each instance's own statistics (training, or no running buffers)
     * @throws IllegalArgumentException for a rank below 3, one position per instance with input statistics (as in
     *     PyTorch), missing running buffers without input statistics, or mis-shaped parameters
     */
    public static Tensor instanceNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean useInputStats, double momentum, double eps) {
        if (x.rank() < 3 || !x.dtype().isFloating()) {
            throw new IllegalArgumentException("instanceNorm: expected a floating input [N, C, L...], got " + x.dtype().id()
                    + " " + x.shape());
        }
        checkChannelParameter("instanceNorm", "weight", weight, x);
        checkChannelParameter("instanceNorm", "bias", bias, x);
        checkChannelParameter("instanceNorm", "running mean", runningMean, x);
        checkChannelParameter("instanceNorm", "running variance", runningVar, x);
        int n = x.size(0);
        int c = x.size(1);
        int positions = Shape.numel(Arrays.copyOfRange(x.shape().toArray(), 2, x.rank()));
        if (!useInputStats) {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException(
                        "instanceNorm: normalising without input statistics needs running buffers");
            }
            int[] statShape = new int[x.rank()];
            Arrays.fill(statShape, 1);
            statShape[1] = c;
            Tensor y = x.sub(runningMean.reshape(statShape)).div(runningVar.reshape(statShape).add(eps).sqrt());
            return channelAffine(y, weight, bias);
        }
        if (positions < 2) {
            throw new IllegalArgumentException("instanceNorm: expected more than 1 position per instance with input "
                    + "statistics, got input of shape " + x.shape());
        }
        Tensor rows = x.reshape(n, c, positions);
        if (runningMean != null && runningVar != null) {
            Tensor detached = rows.detach();
            updateRunningStatistics(runningMean, runningVar, detached.mean(new int[] {2}, false).mean(new int[] {0}, false),
                    detached.var(new int[] {2}, 1, false).mean(new int[] {0}, false), momentum);
        }
        Tensor y = layerNorm(rows, new int[] {positions}, null, null, eps);
        return channelAffine(y.reshape(x.shape().toArray()), weight, bias);
    }

    /**
     * Looks up rows of {@code weight [num, dim]} for INT64 {@code indices} of any shape; the result
     * has shape {@code indices.shape + [dim]}. Rows looked up through {@code paddingIdx} receive no
     * gradient.
     *
     * @param paddingIdx a row index whose gradient stays zero, or -1 for none
     * @throws IllegalArgumentException for non-INT64 indices or an index outside {@code [0, num)}
     */
    public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("embedding: weight must be [num, dim], got shape " + weight.shape());
        }
        int num = weight.size(0);
        int dim = weight.size(1);
        Labels.checkRange("embedding", indices, num, "embeddings", null);
        Tensor flat = indices.reshape(indices.numel());
        int[] outShape = Arrays.copyOf(indices.shape().toArray(), indices.rank() + 1);
        outShape[indices.rank()] = dim;
        Tensor out = weight.detach().indexSelect(0, flat).reshape(outShape);
        int[] weightShape = weight.shape().toArray();
        return Graph.record("embedding", out, new Tensor[] {weight}, g -> {
            Tensor rows = g.reshape(flat.numel(), dim);
            if (paddingIdx >= 0) {
                rows = rows.mul(flat.ne(Tensor.scalar(paddingIdx, DType.INT64, flat.device())).unsqueeze(1)
                        .to(rows.dtype()));
            }
            Tensor index = flat.unsqueeze(1).expand(flat.numel(), dim);
            return new Tensor[] {Tensor.zeros(g.dtype(), g.device(), weightShape).scatterAdd(0, index, rows)};
        }, flat);
    }

    /** The mean squared error ({@link Losses#mse} with MEAN). */
    public static Tensor mseLoss(Tensor prediction, Tensor target) {
        return Losses.mse(prediction, target, Reduction.MEAN);
    }

    /**
     * The mean cross-entropy of {@code logits [N, C]} against INT64 class indices {@code [N]}
     * ({@link Losses#crossEntropy(Tensor, Tensor)}).
     *
     * @throws IllegalArgumentException for mismatched batch sizes or labels outside {@code [0, C)}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        if (logits.rank() != 2 || target.rank() != 1 || target.size(0) != logits.size(0)) {
            throw new IllegalArgumentException("crossEntropy: expected logits [N, C] and targets [N], got "
                    + logits.shape() + " and " + target.shape());
        }
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException("crossEntropy: targets must be int64 class indices, got " + target.dtype().id());
        }
        return Losses.crossEntropy(logits, target);
    }
}
