package dev.nabla.readme.examples;

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
import dev.nabla.spark.SparkTrainer;
import dev.nabla.spark.TrainedModel;
import dev.nabla.spark.WorkerResult;
import dev.nabla.spark.ml.LabeledPoint;
import dev.nabla.spark.ml.SparkGaussianMixture;
import dev.nabla.spark.ml.SparkKMeans;
import dev.nabla.spark.ml.SparkLinearRegression;
import dev.nabla.spark.ml.SparkLogisticRegression;
import dev.nabla.spark.ml.SparkPca;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

public class ScaleOut {
    public static void main(String[] args) {
        // 200 rows of (x1, x2, label) with an XOR-like label, three blobs, and a linear rule
        float[] noise = Tensor.normal(new Generator(1), 0, 1, DType.FLOAT32, Device.CPU, 400).toFloatArray();
        List<float[]> rows = new ArrayList<>();
        List<double[]> blobs = new ArrayList<>();
        List<LabeledPoint> labelled = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            float a = noise[2 * i];
            float b = noise[2 * i + 1];
            rows.add(new float[] {a, b, a * b > 0 ? 1 : 0});
            blobs.add(new double[] {a + 4 * (i % 3), b - 4 * (i % 3)});
            labelled.add(new LabeledPoint(new double[] {a, b}, a + b > 0 ? 1 : 0));
        }
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("scale-out")   // or spark-submit's master
                .set("spark.driver.host", "127.0.0.1").set("spark.ui.enabled", "false");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            // data-parallel training: each of 2 workers trains on its partition, gradients averaged after backward
            JavaRDD<float[]> examples = spark.parallelize(rows, 2);
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
            Sequential model = new Sequential(new Linear(2, 32), Activation.relu(), new Linear(32, 2));
            model.loadStateDict(trained.state(), true);
            Tensor all = Tensor.of(rows.toArray(new float[0][]));
            Tensor accuracy = model.forward(all.narrow(1, 0, 2)).argmax(1, false).eq(all.select(1, 2).to(DType.INT64))
                    .to(DType.FLOAT64).mean();
            System.out.println("data-parallel accuracy " + accuracy.item());

            // classical learners: broadcast the model, treeAggregate the statistics, one Spark job per iteration
            JavaRDD<double[]> vectors = spark.parallelize(blobs, 2);
            JavaRDD<LabeledPoint> points = spark.parallelize(labelled, 2);
            KMeansModel km = SparkKMeans.of(3, 7).fit(vectors);
            PcaModel pca = new SparkPca(2).fit(vectors);
            GaussianMixtureModel gmm = SparkGaussianMixture.of(3, 7).fit(vectors);
            LinearModel ridge = SparkLinearRegression.ridge(1.0).fit(points);
            LogisticModel clf = SparkLogisticRegression.of(0.01).fit(points);              // L-BFGS on aggregated gradients
            System.out.println("k-means " + km.centroids().shape() + ", PCA " + pca.components().shape() + ", GMM "
                    + gmm.weights().shape() + ", ridge " + ridge.coefficients().shape() + ", logistic predicts "
                    + clf.predict(Tensor.of(new double[][] {{2, 2}, {-2, -2}})).toLongArray()[0] + " for (2, 2)");
        }
    }
}
