package dev.nabla.models.nets;

import dev.nabla.Tensor;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ModuleList;

/**
 * The noise-prediction network of a small diffusion model: an MLP on {@code [N, features]} whose
 * every hidden layer adds a learned embedding of the diffusion step, {@code h ← relu(W h + b + E[t])},
 * so each layer knows how noisy its input is.
 */
public class TimeConditionedMlp extends Module implements NoisePredictor {

    private final int features;
    private final ModuleList layers = registerModule("layers", new ModuleList());
    private final ModuleList steps = registerModule("steps", new ModuleList());
    private final Linear out;

    /**
     * @param features input and output features
     * @param hidden hidden width
     * @param depth hidden layers
     * @param diffusionSteps T, the number of step embeddings
     */
    public TimeConditionedMlp(int features, int hidden, int depth, int diffusionSteps) {
        if (features < 1 || hidden < 1 || depth < 1 || diffusionSteps < 1) {
            throw new IllegalArgumentException("TimeConditionedMlp: need positive sizes, got features=" + features
                    + " hidden=" + hidden + " depth=" + depth + " steps=" + diffusionSteps);
        }
        this.features = features;
        for (int i = 0; i < depth; i++) {
            layers.add(new Linear(i == 0 ? features : hidden, hidden));
            steps.add(new Embedding(diffusionSteps, hidden));
        }
        out = registerModule("out", new Linear(hidden, features));
    }

    /**
     * The predicted noise {@code [N, ...]} in {@code x}'s shape.
     *
     * @param x noisy samples {@code [N, ...]} with {@code features} values each
     * @param t INT64 steps {@code [N]}
     */
    @Override
    public Tensor predict(Tensor x, Tensor t) {
        Tensor h = x.reshape(x.size(0), -1);
        if (h.size(1) != features || t.rank() != 1 || t.size(0) != x.size(0)) {
            throw new IllegalArgumentException("TimeConditionedMlp: expected x [N, " + features + "] and t [N], got x "
                    + x.shape() + " and t " + t.shape());
        }
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h).add(steps.get(i).forward(t)).relu();
        }
        return out.forward(h).reshape(x.shape().toArray());
    }

    /**
     * Not used: the network needs the step as a second input; call {@link #predict(Tensor, Tensor)}.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("TimeConditionedMlp: call predict(x, t); the step is a second input");
    }
}
