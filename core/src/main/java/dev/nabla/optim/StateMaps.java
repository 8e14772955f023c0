package dev.nabla.optim;

import dev.nabla.Tensor;
import java.util.Map;

/** Typed reads from a state map, with errors that name the owner and the key. */
final class StateMaps {

    private StateMaps() {
    }

    static Number number(String owner, Map<String, ?> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException(owner + ".loadStateDict: expected a number under '" + key + "', got " + v);
        }
        return (Number) v;
    }

    static Tensor tensor(String owner, Map<String, ?> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Tensor)) {
            throw new IllegalArgumentException(owner + ".loadStateDict: expected a tensor under '" + key + "', got " + v);
        }
        return (Tensor) v;
    }
}
