package dev.nabla.ml.linear;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.SupervisedLearner;

/**
 * Ridge regression, {@code min_w |y - Xw - b|² + α|w|²} (intercept unpenalised), solved in closed
 * form by Cholesky of {@code XᵀX + αI} (centred, computed block by block without copying X).
 *
 * @param alpha the penalty strength, {@code >= 0}
 * @param fitIntercept whether to fit {@code b}
 */
public record Ridge(double alpha, boolean fitIntercept) implements SupervisedLearner<LinearModel> {

    /** Validates the settings. */
    public Ridge {
        Inputs.requireNonNegative("Ridge", "alpha", alpha);
    }

    /** Penalty {@code alpha}, with intercept. */
    public static Ridge of(double alpha) {
        return new Ridge(alpha, true);
    }

    @Override
    public LinearModel fit(Tensor x, Tensor y) {
        Inputs.requireXy("Ridge.fit", x, y);
        CenteredData c = CenteredData.of(x, y, fitIntercept);
        return c.model("Ridge.fit", NormalEquations.solve("Ridge.fit", c, alpha), 0, true);
    }
}
