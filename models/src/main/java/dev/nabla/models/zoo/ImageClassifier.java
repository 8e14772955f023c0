package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Module;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Schedule;
import java.util.function.BiFunction;

/**
 * The recipe shared by the zoo's digit classifiers: the embedded digits (or {@code --data} IDX
 * files), Adam with the learning rate annealed to 0 along a cosine over the run, cross-entropy, test
 * accuracy. Each entry differs only in its network and defaults.
 */
final class ImageClassifier implements ZooModel {

    /** Embedded test images per digit: 2,000 in all, for every classifier alike. */
    private static final int TEST_PER_CLASS = 200;

    private final String name;
    private final String description;
    private final Defaults defaults;
    private final int trainPerClass;
    private final BiFunction<Integer, Integer, Module> network;

    /**
     * @param trainPerClass embedded training images per digit (fewer for the slower networks)
     * @param network builds the network from the image side and the number of classes
     */
    ImageClassifier(String name, String description, Defaults defaults, int trainPerClass,
            BiFunction<Integer, Integer, Module> network) {
        this.name = name;
        this.description = description;
        this.defaults = defaults;
        this.trainPerClass = trainPerClass;
        this.network = network;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Defaults defaults() {
        return defaults;
    }

    @Override
    public boolean readsIdxData() {
        return true;
    }

    @Override
    public boolean plansOverAllEpochs() {
        return true;
    }

    @Override
    public Session open(TrainOptions options) {
        LabelledImages data = LabelledImages.digits(options, trainPerClass, TEST_PER_CLASS);
        Module net = network.apply(data.side(), data.classes());
        net.to(options.device());
        Batches batches = new Batches(data.trainX().size(0), options.batchSize(), options.seed(), options.device());
        return new ClassifierSession(net, new Adam(net.parameters(), Adam.options(options.lr())),
                new Tensor[] {data.trainX(), data.trainY()}, new Tensor[] {data.testX(), data.testY()}, batches,
                Schedule.cosine((long) options.epochs() * batches.perEpoch(), 0));
    }
}
