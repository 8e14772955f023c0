package dev.nabla.ml.preprocessing;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Transformer;

/**
 * A fitted per-feature affine map {@code x' = (x - shift) / scale}.
 *
 * @param shift {@code [d]}
 * @param scale {@code [d]}, positive
 */
public record AffineScaling(Tensor shift, Tensor scale) implements Transformer {

    @Override
    public Tensor transform(Tensor x) {
        Inputs.requireFeatures("AffineScaling.transform", x, shift.size(0));
        return x.sub(shift.to(x.dtype())).div(scale.to(x.dtype()));
    }

    /** The inverse map {@code x = x'·scale + shift}. */
    public Tensor inverseTransform(Tensor scaled) {
        Inputs.requireFeatures("AffineScaling.inverseTransform", scaled, shift.size(0));
        return scaled.mul(scale.to(scaled.dtype())).add(shift.to(scaled.dtype()));
    }

    /** Replaces zero scales (constant features) by 1 so they map to a constant instead of NaN. */
    static Tensor safeScale(Tensor scale) {
        return Tensor.where(scale.eq(0), Tensor.onesLike(scale), scale);
    }
}
