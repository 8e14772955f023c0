package dev.nabla.models.zoo;

import dev.nabla.Tensor;
import dev.nabla.models.data.ToyDatasets;
import dev.nabla.models.nets.Mlp;
import dev.nabla.models.train.Batches;
import dev.nabla.models.train.Session;
import dev.nabla.optim.SGD;
import dev.nabla.optim.Schedule;

/** A 2-64-64-2 ReLU MLP that separates two interleaved spirals: the smallest end-to-end proof. */
final class SpiralMlp implements ZooModel {

    private static final int POINTS = 1000;
    private static final double NOISE = 0.04;

    @Override
    public String name() {
        return "mlp-spiral";
    }

    @Override
    public String description() {
        return "MLP 2-64-64-2 (ReLU) on a generated two-arm spiral; reports accuracy on a second drawn spiral";
    }

    @Override
    public Defaults defaults() {
        return new Defaults(100, 50, 0.1, "SGD, momentum 0.9");
    }

    @Override
    public Session open(TrainOptions options) {
        Mlp net = new Mlp(2, 64, 64, 2);
        net.to(options.device());
        Batches batches = new Batches(POINTS, options.batchSize(), options.seed(), options.device());
        return new ClassifierSession(net, new SGD(net.parameters(), options.lr(), 0.9), points(options, options.seed()),
                points(options, options.seed() + 1), batches, Schedule.constant());
    }

    private static Tensor[] points(TrainOptions options, long seed) {
        ToyDatasets.Points data = ToyDatasets.spirals(POINTS, 2, NOISE, seed);
        return new Tensor[] {Tensor.of(data.xy(), data.count(), 2).to(options.device()),
                Tensor.ofIndices(data.labels(), data.count()).to(options.device())};
    }
}
