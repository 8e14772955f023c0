package dev.nabla.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.distributed.DistributedDataParallel;
import dev.nabla.ml.cluster.GaussianMixtureModel;
import dev.nabla.ml.cluster.KMeansModel;
import dev.nabla.ml.decomposition.PcaModel;
import dev.nabla.ml.linear.LinearModel;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.SGD;
import dev.nabla.spark.ml.LabeledPoint;
import dev.nabla.spark.ml.SparkGaussianMixture;
import dev.nabla.spark.ml.SparkKMeans;
import dev.nabla.spark.ml.SparkLinearRegression;
import dev.nabla.spark.ml.SparkLogisticRegression;
import dev.nabla.spark.ml.SparkPca;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** The README's "Scale out" code, verbatim between the marked lines, so it cannot rot. */
class ReadmeScaleOutTest {

    @Test
    void theReadmeExamplesRun() {
        List<float[]> rows = new ArrayList<>();
        List<double[]> data = new ArrayList<>();
        List<LabeledPoint> labelled = new ArrayList<>();
        float[] noise = Tensor.normal(new Generator(1), 0, 1, DType.FLOAT32, Device.CPU, 400).toFloatArray();
        for (int i = 0; i < 200; i++) {
            float a = noise[2 * i];
            float b = noise[2 * i + 1];
            rows.add(new float[] {a, b, a * b > 0 ? 1 : 0});
            data.add(new double[] {a + 4 * (i % 3), b - 4 * (i % 3)});
            labelled.add(new LabeledPoint(new double[] {a, b}, a + b > 0 ? 1 : 0));
        }
        try (JavaSparkContext spark = SparkTesting.local("local[2]", "ReadmeScaleOutTest")) {
            JavaRDD<double[]> vectors = spark.parallelize(data, 2);
            JavaRDD<LabeledPoint> points = spark.parallelize(labelled, 2);
            // --- README begin
            JavaRDD<float[]> examples = spark.parallelize(rows, 2);                 // rows of (x1, x2, label)
            TrainedModel trained = SparkTrainer.on(spark).withWorkers(2).train(examples, (context, part) -> {
                Tensor batch = Tensor.of(part.toArray(new float[0][]));
                Tensor x = batch.narrow(1, 0, 2);
                Tensor y = batch.select(1, 2).to(DType.INT64);
                Sequential model = new Sequential(new Linear(2, 32), Activation.relu(), new Linear(32, 2));
                try (var ddp = new DistributedDataParallel(model, context.communicator())) { // rank 0's weights everywhere
                    SGD opt = new SGD(model.parameters(), 0.1, 0.9);
                    for (int step = 0; step < 200; step++) {
                        Tensor loss = Functional.crossEntropy(ddp.forward(x), y);
                        opt.zeroGrad();
                        loss.backward();                                             // gradients averaged across workers
                        opt.step();
                    }
                }
                return new WorkerResult(model.stateDict(), Map.of());
            });

            KMeansModel km = SparkKMeans.of(3, 7).fit(vectors);                      // JavaRDD<double[]>
            PcaModel pca = new SparkPca(2).fit(vectors);
            GaussianMixtureModel gmm = SparkGaussianMixture.of(3, 7).fit(vectors);
            LinearModel ridge = SparkLinearRegression.ridge(1.0).fit(points);         // JavaRDD<LabeledPoint>
            LogisticModel clf = SparkLogisticRegression.of(0.01).fit(points);         // L-BFGS on aggregated gradients
            // --- README end
            Sequential check = new Sequential(new Linear(2, 32), Activation.relu(), new Linear(32, 2));
            check.loadStateDict(trained.state(), true);
            Tensor all = Tensor.of(rows.toArray(new float[0][]));
            double accuracy = check.forward(all.narrow(1, 0, 2)).argmax(1, false).eq(all.select(1, 2).to(DType.INT64))
                    .to(DType.FLOAT64).mean().item();
            assertTrue(accuracy > 0.85, "the XOR-like rule is learnt: " + accuracy);
            assertEquals(3, km.centroids().size(0));
            assertEquals(2, pca.components().size(0));
            assertEquals(3, gmm.weights().size(0));
            assertEquals(2, ridge.coefficients().size(0));
            assertTrue(clf.predict(Tensor.of(new double[][] {{2, 2}, {-2, -2}})).toLongArray()[0] == 1);
        }
    }
}
