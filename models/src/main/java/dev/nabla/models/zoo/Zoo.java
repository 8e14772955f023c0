package dev.nabla.models.zoo;

import dev.nabla.models.nets.LeNet5;
import dev.nabla.models.nets.MiniXception;
import dev.nabla.models.nets.Mlp;
import dev.nabla.models.nets.ResNet;
import dev.nabla.models.nets.Vgg;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry of zoo models, by command-line name. */
public final class Zoo {

    private static final Map<String, ZooModel> MODELS = new LinkedHashMap<>();

    static {
        register(new ImageClassifier("lenet-digits",
                "LeNet-5 (ReLU, max pool) on the embedded digits or --data MNIST IDX; test accuracy",
                new Defaults(4, 32, 2e-3, "Adam, cosine decay to 0"), 1000, LeNet5::new));
        register(new ImageClassifier("mlp-digits",
                "MLP 784-256-128-10 (ReLU) on the embedded digits or --data MNIST IDX; test accuracy",
                new Defaults(10, 64, 1e-3, "Adam, cosine decay to 0"), 1000, (side, classes) -> new Mlp(side * side, 256, 128, classes)));
        register(new ImageClassifier("vgg-digits",
                "VGG-style 2x(3x3 conv-BN-ReLU) stages 8/16 + 2x2 pools on 3,000 embedded digits; test accuracy",
                new Defaults(5, 32, 3e-3, "Adam, cosine decay to 0"), 300, (side, classes) -> new Vgg(1, new int[] {8, 16}, 2, classes)));
        register(new ImageClassifier("resnet-digits",
                "small ResNet (stem + pool, basic blocks 8/16, BN, He init) on 3,000 embedded digits; test accuracy",
                new Defaults(5, 32, 3e-3, "Adam, cosine decay to 0"), 300, (side, classes) -> new ResNet(1, new int[] {8, 16}, 1, classes)));
        register(new ImageClassifier("xception-digits",
                "Xception-style depthwise-separable blocks 16/32 on 3,000 embedded digits; test accuracy",
                new Defaults(5, 32, 3e-3, "Adam, cosine decay to 0"), 300, (side, classes) -> new MiniXception(1, new int[] {16, 32}, classes)));
        for (AutoencoderDigits.Variant v : AutoencoderDigits.Variant.values()) {
            register(new AutoencoderDigits(v));
        }
        register(new VaeDigits());
        register(new GanDigits());
        register(new UNetSegmentation());
        register(new DdpmSwissRoll());
        register(new SpiralMlp());
        register(new CharLstmText());
        register(new GptAddition());
        register(new Seq2SeqReverse());
        register(new BertDigits());
    }

    private Zoo() {
    }

    private static void register(ZooModel model) {
        MODELS.put(model.name(), model);
    }

    /** Every model, in listing order. */
    public static Map<String, ZooModel> all() {
        return Collections.unmodifiableMap(MODELS);
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
