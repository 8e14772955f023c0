package dev.nabla.models.zoo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The registry of zoo models, by command-line name. */
public final class Zoo {

    private static final Map<String, ZooModel> MODELS = new LinkedHashMap<>();

    static {
        register(new SpiralMlp());
        register(new LeNetDigits());
        register(new MlpDigits());
        register(new CharLstmText());
    }

    private Zoo() {
    }

    private static void register(ZooModel model) {
        MODELS.put(model.name(), model);
    }

    /** Every model, in listing order. */
    public static Map<String, ZooModel> all() {
        return java.util.Collections.unmodifiableMap(MODELS);
    }

    /**
     * The model called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names when there is none
     */
    public static ZooModel get(String name) {
        ZooModel m = MODELS.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", MODELS.keySet()));
        }
        return m;
    }
}
