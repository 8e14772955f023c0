package dev.nabla.readme.examples;

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

public class ClassicalMl {
    public static void main(String[] args) {
        Generator.manualSeed(1);
        Tensor x = Tensor.randn(200, 3).to(DType.FLOAT64);
        Tensor noise = Tensor.randn(200).to(DType.FLOAT64).mul(0.1);
        Tensor y = x.matmul(Tensor.of(new double[] {1, -2, 0.5}, 3)).add(noise);

        // ridge regression, scored by R² on held-out rows
        var split = TrainTestSplit.of(x, y, 0.2, 42);
        LinearModel ridge = Ridge.of(1.0).fit(split.xTrain(), split.yTrain());
        System.out.println("ridge R² " + ridge.score(split.xTest(), split.yTest()));

        // logistic regression solved by Newton's method (autograd Hessian-vector products), then ROC AUC
        Tensor labels = x.select(1, 0).add(x.select(1, 1)).gt(0).to(DType.INT64);
        Tensor xTrain = x.narrow(0, 0, 150);
        Tensor xTest = x.narrow(0, 150, 50);
        LogisticModel clf = LogisticRegression.of(0.01).withSolver(Newton.defaults()).fit(xTrain, labels.narrow(0, 0, 150));
        double auc = RocCurve.of(labels.narrow(0, 150, 50), clf.predictProba(xTest).select(1, 1), 1).auc();
        System.out.println("logistic AUC " + auc);

        // k-means++ with restarts, then a Gaussian mixture with full covariances
        KMeansModel km = KMeans.of(3, /* seed */ 7).fit(x);
        GaussianMixtureModel gmm = GaussianMixture.of(3, 7).with(CovarianceType.FULL, EmVariant.SOFT).fit(x);
        System.out.println("k-means centroids " + km.centroids().shape() + ", GMM mean log-likelihood " + gmm.score(x));
    }
}
