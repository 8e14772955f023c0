package dev.nabla.models.train;

import dev.nabla.optim.Stateful;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimizer states of a session as one {@link Stateful}, each under its index
 * ({@code "0.state.3.exp_avg"}, {@code "1.groups.0.lr"}, ...), so that a model with two optimizers
 * (a GAN's generator and discriminator) checkpoints and resumes like a model with one.
 */
final class TrainState implements Stateful {

    private final List<? extends Stateful> parts;

    TrainState(List<? extends Stateful> parts) {
        this.parts = parts;
    }

    @Override
    public Map<String, Object> stateDict() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String prefix = i + ".";
            parts.get(i).stateDict().forEach((k, v) -> out.put(prefix + k, v));
        }
        return out;
    }

    @Override
    public void loadStateDict(Map<String, ?> state) {
        for (int i = 0; i < parts.size(); i++) {
            String prefix = i + ".";
            Map<String, Object> part = new LinkedHashMap<>();
            state.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    part.put(k.substring(prefix.length()), v);
                }
            });
            parts.get(i).loadStateDict(part);
        }
    }
}
