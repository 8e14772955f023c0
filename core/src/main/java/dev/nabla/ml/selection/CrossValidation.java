package dev.nabla.ml.selection;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.ml.Inputs;
import dev.nabla.ml.Predictor;
import dev.nabla.ml.SupervisedLearner;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** K-fold cross-validated scores of a learner (the fitted model's own {@link Predictor#score}). */
public final class CrossValidation {

    private static final Logger LOG = LoggerFactory.getLogger(CrossValidation.class);

    private CrossValidation() {
    }

    /**
     * One held-out score per fold. With integer labels, a test fold holding a label its training rows
     * never had logs one warning: a classifier cannot predict it (unshuffled {@link KFold} on rows sorted
     * by class; use {@link StratifiedKFold}).
     */
    public static double[] scores(SupervisedLearner<?> learner, Tensor x, Tensor y, CrossValidator cv) {
        Inputs.requireXy("CrossValidation", x, y);
        List<Fold> folds = cv.split(y);
        double[] out = new double[folds.size()];
        boolean warned = false;
        for (int f = 0; f < out.length; f++) {
            Fold fold = folds.get(f);
            Tensor yTrain = fold.train(y);
            Tensor yTest = fold.test(y);
            if (!warned && y.dtype() == DType.INT64) {
                Set<Long> seen = Arrays.stream(yTrain.toLongArray()).boxed().collect(Collectors.toSet());
                long unseen = Arrays.stream(yTest.toLongArray()).filter(v -> !seen.contains(v)).count();
                if (unseen > 0) {
                    LOG.warn("CrossValidation: {} test rows of fold {} have labels absent from its training rows; "
                            + "use StratifiedKFold (or shuffle) for classifiers", unseen, f);
                    warned = true;
                }
            }
            Predictor model = learner.fit(fold.train(x), yTrain);
            out[f] = model.score(fold.test(x), yTest);
        }
        return out;
    }

    /** The mean of {@link #scores}. */
    public static double meanScore(SupervisedLearner<?> learner, Tensor x, Tensor y, CrossValidator cv) {
        double[] s = scores(learner, x, y, cv);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }
}
