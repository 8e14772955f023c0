package dev.nabla.ml.selection;

import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Predictor;
import dev.nabla.ml.SupervisedLearner;
import java.util.List;

/** K-fold cross-validated scores of a learner (the fitted model's own {@link Predictor#score}). */
public final class CrossValidation {

    private CrossValidation() {
    }

    /** One held-out score per fold. */
    public static double[] scores(SupervisedLearner<?> learner, Tensor x, Tensor y, KFold kfold) {
        Inputs.requireXy("CrossValidation", x, y);
        List<Fold> folds = kfold.split(x.size(0));
        double[] out = new double[folds.size()];
        for (int f = 0; f < out.length; f++) {
            Fold fold = folds.get(f);
            Predictor model = learner.fit(fold.train(x), fold.train(y));
            out[f] = model.score(fold.test(x), fold.test(y));
        }
        return out;
    }

    /** The mean of {@link #scores}. */
    public static double meanScore(SupervisedLearner<?> learner, Tensor x, Tensor y, KFold kfold) {
        double[] s = scores(learner, x, y, kfold);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }
}
