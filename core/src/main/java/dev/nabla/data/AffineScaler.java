package dev.nabla.data;

import dev.nabla.Tensor;

/**
 * A per-feature affine rescaling {@code (x − shift) / scale}, fitted on training data only (rows
 * are samples, the first dimension) and then applied unchanged to validation and test data.
 */
public abstract class AffineScaler {

    private Tensor shift;
    private Tensor scale;

    /** Fits the shift and scale on {@code train}; returns this. */
    public final AffineScaler fit(Tensor train) {
        if (train.rank() == 0 || train.size(0) == 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".fit: need at least one sample, got shape "
                    + train.shape());
        }
        Tensor[] fitted = shiftAndScale(train);
        this.shift = fitted[0];
        this.scale = fitted[1];
        return this;
    }

    /** {@code spread} with zeros replaced by 1: a constant feature is shifted but not divided by zero. */
    protected static Tensor nonZero(Tensor spread) {
        return Tensor.where(spread.eq(0), Tensor.onesLike(spread), spread);
    }

    /** Computes {shift, scale} per feature from {@code train}; the scale must not contain zeros (see {@link #nonZero}). */
    protected abstract Tensor[] shiftAndScale(Tensor train);

    /** {@code (x − shift) / scale}. */
    public Tensor transform(Tensor x) {
        return x.sub(shift()).div(scale());
    }

    /** The inverse: {@code x·scale + shift}. */
    public Tensor inverseTransform(Tensor x) {
        return x.mul(scale()).add(shift());
    }

    /** The fitted per-feature shift. */
    public Tensor shift() {
        checkFitted();
        return shift;
    }

    /** The fitted per-feature scale (never zero). */
    public Tensor scale() {
        checkFitted();
        return scale;
    }

    private void checkFitted() {
        if (shift == null) {
            throw new IllegalStateException(getClass().getSimpleName() + ": call fit(train) first");
        }
    }
}
