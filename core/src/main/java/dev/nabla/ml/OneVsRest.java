package dev.nabla.ml;

import dev.nabla.DType;
import dev.nabla.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One-vs-rest for binary learners (linear SVM, perceptron, kernel classifiers): with K >= 3 classes,
 * one model per class separates it from all the others, and a row gets the class whose model scores
 * it highest, as scikit-learn's {@code OneVsRestClassifier} and {@code LinearSVC} do; two classes need
 * just the one model.
 *
 * @param binary the binary learner fitted for each class
 * @param <M> the binary model type
 */
public record OneVsRest<M extends BinaryClassifier>(SupervisedLearner<M> binary)
        implements SupervisedLearner<OneVsRest.Model<M>> {

    /** Validates the settings. */
    public OneVsRest {
        Objects.requireNonNull(binary, "OneVsRest: binary");
    }

    @Override
    public Model<M> fit(Tensor x, Tensor y) {
        String op = "OneVsRest.fit";
        Inputs.requireXy(op, x, y);
        ClassLabels classes = ClassLabels.of(op, y);
        if (classes.size() == 2) {
            return new Model<>(List.of(binary.fit(x, y)), classes);
        }
        Tensor encoded = classes.encode(op, y);
        List<M> models = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            models.add(binary.fit(x, encoded.eq(Tensor.scalar(c, DType.INT64, encoded.device()))));
        }
        return new Model<>(List.copyOf(models), classes);
    }

    /**
     * A fitted one-vs-rest model.
     *
     * @param models one binary model per class (class c against the rest, positive for c), or the single
     *     model of a two-class problem
     * @param classes the labels
     * @param <M> the binary model type
     */
    public record Model<M extends BinaryClassifier>(List<M> models, ClassLabels classes) implements Classifier {

        /** Each class's score {@code [n, K]} (for two classes, the single model's score {@code [n]}). */
        public Tensor decisionFunction(Tensor x) {
            if (models.size() == 1) {
                return models.get(0).decisionFunction(x);
            }
            return Tensor.stack(1, models.stream().map(m -> m.decisionFunction(x)).toArray(Tensor[]::new));
        }

        /** The class whose model scores the row highest (the lower class on ties). */
        @Override
        public Tensor predict(Tensor x) {
            if (models.size() == 1) {
                return models.get(0).predict(x);
            }
            return classes.decode(decisionFunction(x).argmax(1, false));
        }

        @Override
        public int numFeatures() {
            return models.get(0).numFeatures();
        }
    }
}
