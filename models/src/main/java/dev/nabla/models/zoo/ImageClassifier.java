package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Session;
import dev.nabla.nn.Module;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;

/**
 * The shared recipe of the zoo's digit classifiers: the embedded digits (or {@code --data} IDX
 * files), Adam, cross-entropy, test accuracy. Subclasses choose the network.
 */
abstract class ImageClassifier implements ZooModel {

    /** Builds the network for {@code side × side} single-channel images and {@code classes} classes. */
    abstract Module network(int side, int classes);

    /** Embedded training images per class (fewer for the slower networks). */
    int trainPerClass() {
        return 1000;
    }

    /** Embedded test images per class. */
    int testPerClass() {
        return 200;
    }

    /** The optimizer; Adam unless a subclass knows better. */
    Optimizer optimizer(Module net, TrainOptions options) {
        return new Adam(net.parameters(), Adam.options(options.lr()));
    }

    @Override
    public Session open(TrainOptions options) {
        LabelledImages data = LabelledImages.digits(options, trainPerClass(), testPerClass());
        Module net = network(data.side(), Math.max(10, data.classes()));
        net.to(options.device());
        Batches batches = new Batches(data.trainX().size(0), options.batchSize(), options.seed(), options.device());
        return new ClassifierSession(net, optimizer(net, options), new Tensor[] {data.trainX(), data.trainY()},
                new Tensor[] {data.testX(), data.testY()}, batches);
    }
}
