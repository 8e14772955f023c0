package dev.nabla.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.ml.cluster.CovarianceType;
import dev.nabla.ml.cluster.EmVariant;
import dev.nabla.ml.cluster.GaussianMixture;
import dev.nabla.ml.cluster.GaussianMixtureModel;
import dev.nabla.ml.cluster.KMeans;
import dev.nabla.ml.cluster.KMeansModel;
import dev.nabla.ml.linear.LinearModel;
import dev.nabla.ml.linear.LogisticModel;
import dev.nabla.ml.linear.LogisticRegression;
import dev.nabla.ml.linear.Ridge;
import dev.nabla.ml.metrics.RocCurve;
import dev.nabla.ml.optim.Newton;
import dev.nabla.ml.selection.TrainTestSplit;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.decoding.BeamSearch;
import dev.nabla.nn.decoding.Sampler;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.rnn.RecurrentOptions;
import dev.nabla.nn.rnn.RecurrentOutput;
import dev.nabla.nn.transformer.DecoderOnlyTransformer;
import dev.nabla.nn.transformer.TransformerConfig;
import dev.nabla.optim.SGD;
import org.junit.jupiter.api.Test;

/** The README's code, verbatim where it can be, so the documentation cannot rot. */
class ReadmeExamplesTest {

    @Test
    void theFifteenLineApiExampleLearns() {
        Generator.manualSeed(0);
        Tensor x = Tensor.randn(256, 2);
        Tensor y = x.select(1, 0).mul(x.select(1, 1)).gt(0).to(DType.INT64);
        Sequential model = new Sequential(new Linear(2, 32), Activation.relu(), new Linear(32, 2));
        SGD opt = new SGD(model.parameters(), 0.1, 0.9);
        for (int step = 0; step < 500; step++) {
            Tensor loss = Functional.crossEntropy(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        Tensor accuracy = model.forward(x).argmax(1, false).eq(y).to(DType.FLOAT32).mean();
        assertTrue(accuracy.item() > 0.9, accuracy.toString());
    }

    @Test
    void theSequenceModelExampleRuns() {
        Generator.manualSeed(2);
        Tensor x = Tensor.randn(3, 5, 64);
        Tensor lengths = Tensor.ofIndices(new int[] {5, 3, 1}, 3);
        LSTM lstm = new LSTM(RecurrentOptions.of(64, 128).withLayers(2).withBidirectional(true).withBatchFirst(true));
        RecurrentOutput out = lstm.run(x /* [B, T, 64] */, null, null, lengths /* int64 [B] */);
        assertTrue(out.output().shape().equals(dev.nabla.Shape.of(3, 5, 256)));

        int vocab = 12;
        int endToken = 11;
        int[] prompt = {1, 4, 5};
        var gpt = new DecoderOnlyTransformer(vocab, 256, new TransformerConfig(128, 4, 512, 0.1, true), 4);
        gpt.eval();
        var best = new BeamSearch(4, 20, 0.7).search(gpt.scorer(prompt), prompt[prompt.length - 1], endToken);
        int[] text = new Sampler(0.8, 0, 0.9, new Generator(1)).generate(gpt.scorer(prompt), prompt[prompt.length - 1],
                endToken, 100);
        assertTrue(!best.isEmpty() && text.length >= 1);
    }

    @Test
    void theClassicalMlExampleRuns() {
        Generator.manualSeed(1);
        Tensor x = Tensor.randn(200, 3).to(DType.FLOAT64);
        Tensor y = x.matmul(Tensor.of(new double[] {1, -2, 0.5}, 3)).add(Tensor.randn(200).to(DType.FLOAT64).mul(0.1));
        var split = TrainTestSplit.of(x, y, 0.2, 42);
        LinearModel ridge = Ridge.of(1.0).fit(split.xTrain(), split.yTrain());
        double r2 = ridge.score(split.xTest(), split.yTest());
        assertTrue(r2 > 0.95, "R² " + r2);

        Tensor labels = x.select(1, 0).add(x.select(1, 1)).gt(0).to(DType.INT64);
        Tensor xTrain = x.narrow(0, 0, 150);
        Tensor xTest = x.narrow(0, 150, 50);
        Tensor labelsTest = labels.narrow(0, 150, 50);
        LogisticModel clf = LogisticRegression.of(0.01).withSolver(Newton.defaults()).fit(xTrain, labels.narrow(0, 0, 150));
        double auc = RocCurve.of(labelsTest, clf.predictProba(xTest).select(1, 1), 1).auc();
        assertTrue(auc > 0.95, "AUC " + auc);

        KMeansModel km = KMeans.of(3, /* seed */ 7).fit(x);
        GaussianMixtureModel gmm = GaussianMixture.of(3, 7).with(CovarianceType.FULL, EmVariant.SOFT).fit(x);
        double meanLogLikelihood = gmm.score(x);
        assertTrue(Double.isFinite(meanLogLikelihood) && km.centroids().size(0) == 3);
    }
}
