package dev.nabla.nn;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.CrossEntropyKernel;
import java.util.Arrays;
import java.util.Optional;

/** Loss functions with PyTorch's definitions; each takes a {@link Reduction}. */
public final class Losses {

    /** PyTorch's default ignore index for class-index targets. */
    public static final long DEFAULT_IGNORE_INDEX = -100;

    private Losses() {
    }

    private static Tensor reduce(String op, Tensor loss, Reduction reduction) {
        return switch (reduction) {
            case NONE -> loss;
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
            case BATCHMEAN -> throw new IllegalArgumentException(op + ": reduction BATCHMEAN is only defined for klDiv");
        };
    }

    private static void sameShape(String op, Tensor input, Tensor target) {
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException(op + ": input shape " + input.shape() + " does not match target shape "
                    + target.shape());
        }
    }

    /** Squared error {@code (x - y)²}. */
    public static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        sameShape("mseLoss", input, target);
        Tensor d = input.sub(target);
        return reduce("mseLoss", d.mul(d), reduction);
    }

    /** Absolute error {@code |x - y|}. */
    public static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
        sameShape("l1Loss", input, target);
        return reduce("l1Loss", input.sub(target).abs(), reduction);
    }

    /** Huber: {@code ½d²} where {@code |d| < delta}, else {@code delta·(|d| - ½delta)}. */
    public static Tensor huber(Tensor input, Tensor target, double delta, Reduction reduction) {
        sameShape("huberLoss", input, target);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huberLoss: delta must be positive, got " + delta);
        }
        return reduce("huberLoss", quadraticNearZero(input.sub(target), delta, 0.5, delta), reduction);
    }

    /**
     * Smooth L1 (PyTorch's {@code smooth_l1_loss}): {@code ½d²/beta} where {@code |d| < beta}, else
     * {@code |d| - ½beta}; {@code beta = 0} is the L1 loss. It equals Huber with {@code delta = beta},
     * divided by beta. Gradients at the kinks are PyTorch's: ±1 at {@code |d| = beta}, and -1 at
     * {@code d = 0} when beta is 0.
     *
     * @throws IllegalArgumentException for shapes that differ or a negative beta
     */
    public static Tensor smoothL1(Tensor input, Tensor target, double beta, Reduction reduction) {
        sameShape("smoothL1Loss", input, target);
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("smoothL1Loss: beta must be non-negative, got " + beta);
        }
        Tensor d = input.sub(target);
        // beta 0: |d| with PyTorch's gradient -1 at d = 0 (its kernel tests d <= -beta first)
        return reduce("smoothL1Loss", beta == 0 ? Tensor.where(d.gt(0), d, d.neg())
                : quadraticNearZero(d, beta, 0.5 / beta, 1), reduction);
    }

    /** {@code quadratic·d²} where {@code |d| < threshold}, else {@code linear·(|d| - ½threshold)}. */
    private static Tensor quadraticNearZero(Tensor d, double threshold, double quadratic, double linear) {
        Tensor a = d.abs();
        return Tensor.where(a.lt(threshold), d.mul(d).mul(quadratic), a.sub(0.5 * threshold).mul(linear));
    }

    /**
     * Binary cross-entropy on probabilities: {@code -w·(y·log x + (1-y)·log(1-x))} with each log
     * clamped to ≥ -100 and PyTorch's gradient {@code w·(x - y) / max(x(1-x), 1e-12)}.
     *
     * @param weight a rescaling broadcast to the input, or null
     * @throws IllegalArgumentException for shapes that differ or inputs outside [0, 1] (NaN included)
     */
    public static Tensor bce(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        sameShape("bceLoss", input, target);
        if (input.numel() > 0) {
            // min/max cannot see NaN (every comparison with it is false); ne(x, x) marks it
            long outOfRange = (long) input.lt(0).add(input.gt(1)).sum().item();
            long nan = (long) input.ne(input).sum().item();
            if (outOfRange + nan > 0) {
                throw new IllegalArgumentException("bceLoss: input must hold probabilities in [0, 1], got " + outOfRange
                        + " value(s) outside it and " + nan + " NaN among " + input.numel() + " of shape " + input.shape());
            }
        }
        Tensor w = weight == null ? Tensor.onesLike(input) : weight;
        Tensor out;
        Tensor logX;
        Tensor log1mX;
        try (GradMode ignored = Autograd.noGradScope()) {
            logX = input.log().clamp(-100, Double.POSITIVE_INFINITY);
            log1mX = input.rsub(1).log().clamp(-100, Double.POSITIVE_INFINITY);
            out = target.mul(logX).add(target.rsub(1).mul(log1mX)).mul(w).neg();
        }
        Tensor loss = Graph.record("bceLoss", out, new Tensor[] {input, target}, g -> new Tensor[] {
            input.requiresGrad() ? g.mul(w).mul(input.sub(target))
                    .div(input.mul(input.rsub(1)).clamp(1e-12, Double.POSITIVE_INFINITY)).sumTo(input.shape()) : null,
            target.requiresGrad() ? g.mul(w).mul(log1mX.sub(logX)).sumTo(target.shape()) : null}, input, target);
        return reduce("bceLoss", loss, reduction);
    }

    /**
     * Binary cross-entropy on logits, computed stably as
     * {@code (1-y)·x + (1 + (pw-1)·y)·softplus(-x)}, times the optional weight.
     *
     * @param weight a rescaling broadcast to the input, or null
     * @param posWeight the weight of positive examples, broadcast along the last (class) dimension, or null
     */
    public static Tensor bceWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        sameShape("bceWithLogitsLoss", input, target);
        Tensor logWeight = posWeight == null ? null : posWeight.sub(1).mul(target).add(1);
        Tensor sp = Activations.softplus(input.neg());
        Tensor loss = target.rsub(1).mul(input).add(logWeight == null ? sp : sp.mul(logWeight));
        return reduce("bceWithLogitsLoss", weight == null ? loss : loss.mul(weight), reduction);
    }

    /**
     * Cross-entropy of {@code logits [N, C, d...]} (or {@code [C]}) against class indices
     * {@code [N, d...]} (INT64) or class probabilities of the logits' shape, with PyTorch's
     * definitions: {@code loss_i = (1-ε)·w[y_i]·(-logp[i, y_i]) + ε/C·Σ_c w[c]·(-logp[i, c])}, zero for
     * ignored targets; MEAN divides by {@code Σ w[y_i]} over the targets not ignored.
     *
     * @param weight per-class weights {@code [C]}, or null
     * @param ignoreIndex a class-index target value that contributes nothing
     * @param labelSmoothing ε in [0, 1]
     * @throws IllegalArgumentException for mismatched shapes or a label outside [0, C) (naming it)
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, Tensor weight, long ignoreIndex, double labelSmoothing,
            Reduction reduction) {
        Functional.checkProbability("crossEntropy: label smoothing", labelSmoothing);
        if (logits.rank() == 1) {
            return unbatched(crossEntropy(logits.unsqueeze(0), target.unsqueeze(0), weight, ignoreIndex, labelSmoothing,
                    reduction), reduction);
        }
        if (target.dtype().isFloating()) {
            return softTargets(Functional.logSoftmax(logits, 1), target, weight, labelSmoothing, reduction);
        }
        checkClassTargets("crossEntropy", logits, target, weight, ignoreIndex);
        Optional<CrossEntropyKernel> kernel = logits.backend().fastPath(CrossEntropyKernel.class);
        if (weight == null && labelSmoothing == 0 && logits.rank() == 2 && logits.dtype().isFloating()
                && kernel.isPresent()) {
            Tensor perRow = FusedCrossEntropy.perRow(kernel.get(), logits, target, ignoreIndex);
            if (perRow != null) {
                return reduceOverTargets("crossEntropy", perRow, validTargets(target, ignoreIndex, logits.dtype()),
                        reduction);
            }
        }
        return classIndexLoss("crossEntropy", Functional.logSoftmax(logits, 1), target, weight, ignoreIndex,
                labelSmoothing, reduction);
    }

    /** {@link #crossEntropy(Tensor, Tensor, Tensor, long, double, Reduction)} with PyTorch's defaults. */
    public static Tensor crossEntropy(Tensor logits, Tensor target) {
        return crossEntropy(logits, target, null, DEFAULT_IGNORE_INDEX, 0, Reduction.MEAN);
    }

    /**
     * Negative log-likelihood of log-probabilities {@code [N, C, d...]} at class indices
     * {@code [N, d...]}: {@code -w[y_i]·input[i, y_i]}; MEAN divides by the summed target weights.
     */
    public static Tensor nll(Tensor logProbs, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        if (logProbs.rank() == 1) {
            return unbatched(nll(logProbs.unsqueeze(0), target.unsqueeze(0), weight, ignoreIndex, reduction), reduction);
        }
        checkClassTargets("nllLoss", logProbs, target, weight, ignoreIndex);
        return classIndexLoss("nllLoss", logProbs, target, weight, ignoreIndex, 0, reduction);
    }

    /** The loss of one unbatched example computed as a batch of one: only NONE keeps that batch dimension to drop. */
    private static Tensor unbatched(Tensor loss, Reduction reduction) {
        return reduction == Reduction.NONE ? loss.squeeze(0) : loss;
    }

    /** Checks class-index targets against {@code input [N, C, d...]}: shape {@code [N, d...]}, weights, range. */
    private static void checkClassTargets(String op, Tensor input, Tensor target, Tensor weight, long ignoreIndex) {
        int[] expected = withoutDim1(input.shape().toArray());
        if (!Arrays.equals(expected, target.shape().toArray())) {
            throw new IllegalArgumentException(op + ": expected target of shape " + Arrays.toString(expected)
                    + " for input " + input.shape() + ", got " + target.shape());
        }
        checkClassWeight(op, weight, input.size(1));
        Labels.checkRange(op, target, input.size(1), "classes", ignoreIndex);
    }

    /** 1 where the target is not the ignore index, else 0, in {@code dtype}. */
    static Tensor validTargets(Tensor target, long ignoreIndex, DType dtype) {
        return target.ne(Tensor.scalar(ignoreIndex, DType.INT64, target.device())).to(dtype);
    }

    /** The reduction of a class-index loss: MEAN divides by the summed target weights, as PyTorch does. */
    private static Tensor reduceOverTargets(String op, Tensor loss, Tensor targetWeight, Reduction reduction) {
        return switch (reduction) {
            case MEAN -> loss.sum().div(targetWeight.sum());
            default -> reduce(op, loss, reduction);
        };
    }

    /** The class-index loss of log-probabilities against targets already checked by {@link #checkClassTargets}. */
    private static Tensor classIndexLoss(String op, Tensor logp, Tensor target, Tensor weight, long ignoreIndex,
            double smoothing, Reduction reduction) {
        int classes = logp.size(1);
        Tensor valid = validTargets(target, ignoreIndex, logp.dtype());
        Tensor safe = Tensor.where(valid, target, Tensor.zerosLike(target));
        Tensor picked = logp.gather(1, safe.unsqueeze(1)).squeeze(1);
        Tensor targetWeight = weight == null ? valid
                : weight.indexSelect(0, safe.reshape(safe.numel())).reshape(target.shape().toArray()).mul(valid);
        Tensor loss = picked.mul(targetWeight).neg();
        if (smoothing > 0) {
            Tensor all = weight == null ? logp : logp.mul(weight.reshape(classShape(logp.rank(), classes)));
            Tensor smooth = all.sum(1).mul(valid).neg();
            loss = loss.mul(1 - smoothing).add(smooth.mul(smoothing / classes));
        }
        return reduceOverTargets(op, loss, targetWeight, reduction);
    }

    /** Cross-entropy against class probabilities; MEAN averages over the N·d positions. */
    private static Tensor softTargets(Tensor logp, Tensor target, Tensor weight, double smoothing, Reduction reduction) {
        sameShape("crossEntropy", logp, target);
        int classes = logp.size(1);
        checkClassWeight("crossEntropy", weight, classes);
        Tensor t = smoothing > 0 ? target.mul(1 - smoothing).add(smoothing / classes) : target;
        Tensor terms = logp.mul(t);
        if (weight != null) {
            terms = terms.mul(weight.reshape(classShape(logp.rank(), classes)));
        }
        return reduce("crossEntropy", terms.sum(1).neg(), reduction);
    }

    private static void checkClassWeight(String op, Tensor weight, int classes) {
        if (weight != null && (weight.rank() != 1 || weight.size(0) != classes)) {
            throw new IllegalArgumentException(op + ": class weight must have shape [" + classes + "], got " + weight.shape());
        }
    }

    private static int[] withoutDim1(int[] shape) {
        int[] out = new int[shape.length - 1];
        out[0] = shape[0];
        System.arraycopy(shape, 2, out, 1, shape.length - 2);
        return out;
    }

    private static int[] classShape(int rank, int classes) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        shape[1] = classes;
        return shape;
    }

    /**
     * Binary hinge loss {@code max(0, 1 - y·x)} for labels y in {-1, +1}.
     *
     * @throws IllegalArgumentException for mismatched shapes or a label other than ±1
     */
    public static Tensor hinge(Tensor input, Tensor target, Reduction reduction) {
        sameShape("hingeLoss", input, target);
        if (target.numel() > 0 && target.abs().ne(Tensor.onesLike(target)).sum().item() > 0) {
            throw new IllegalArgumentException("hingeLoss: labels must be -1 or +1, got values in [" + target.min().item()
                    + ", " + target.max().item() + "]");
        }
        return reduce("hingeLoss", input.mul(target).rsub(1).relu(), reduction);
    }

    /**
     * Multi-class hinge loss (PyTorch's MultiMarginLoss with p = 1) of scores {@code [N, C]} at class
     * indices {@code [N]}: {@code w[y]·Σ_{i≠y} max(0, margin - x[y] + x[i]) / C}.
     *
     * @param weight per-class weights {@code [C]}, or null
     */
    public static Tensor multiMargin(Tensor input, Tensor target, Tensor weight, double margin, Reduction reduction) {
        if (input.rank() != 2 || target.rank() != 1 || target.size(0) != input.size(0)) {
            throw new IllegalArgumentException("multiMarginLoss: expected input [N, C] and target [N], got " + input.shape()
                    + " and " + target.shape());
        }
        int classes = input.size(1);
        checkClassWeight("multiMarginLoss", weight, classes);
        Labels.checkRange("multiMarginLoss", target, classes, "classes", null);
        Tensor index = target.unsqueeze(1);
        Tensor others = target.oneHot(classes).to(input.dtype()).rsub(1);
        Tensor margins = input.sub(input.gather(1, index)).add(margin).relu().mul(others);
        Tensor loss = margins.sum(1).div(classes);
        if (weight != null) {
            loss = loss.mul(weight.indexSelect(0, target));
        }
        return reduce("multiMarginLoss", loss, reduction);
    }

    /**
     * Kullback–Leibler divergence {@code Σ p·(log p - input)} of target probabilities {@code p} from
     * log-probabilities {@code input} (terms with p = 0 count 0). BATCHMEAN divides the sum by
     * {@code input.size(0)}, which is the mathematically correct KL per example.
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction) {
        sameShape("klDiv", input, target);
        Tensor positive = target.gt(0);
        Tensor logTarget = Tensor.where(positive, target, Tensor.onesLike(target)).log();
        Tensor loss = target.mul(logTarget.sub(input));
        if (reduction == Reduction.BATCHMEAN) {
            return loss.sum().div(input.rank() == 0 ? 1 : input.size(0));
        }
        return reduce("klDiv", loss, reduction);
    }
}
