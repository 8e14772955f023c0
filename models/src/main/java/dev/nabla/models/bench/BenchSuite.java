package dev.nabla.models.bench;

import dev.nabla.Tensor;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.cpu.Parallel;
import dev.nabla.cpu.kernels.MatrixStrides;
import dev.nabla.cpu.kernels.Sgemm;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvOps;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.transformer.TransformerConfig;
import dev.nabla.nn.transformer.TransformerEncoder;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The benchmark cases, mirrored one to one by {@code bench/pytorch_bench.py}: SGEMM at four sizes
 * on one and two threads, a 3×3 convolution forward, and four training steps (forward, backward,
 * Adam) at batch size 64 or 32. Cases are suppliers so each allocates its data only when run.
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    /** Every case, in output order. */
    public static List<Supplier<BenchCase>> all() {
        List<Supplier<BenchCase>> cases = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            for (int n : new int[] {256, 512, 1024, 2048}) {
                cases.add(() -> sgemm(n, threads));
            }
        }
        cases.add(BenchSuite::conv);
        cases.add(BenchSuite::mlp);
        cases.add(BenchSuite::lenet);
        cases.add(BenchSuite::lstm);
        cases.add(BenchSuite::transformer);
        return cases;
    }

    private static int allThreads() {
        int t = Runtime.getRuntime().availableProcessors();
        Parallel.setThreads(t);
        return t;
    }

    static BenchCase sgemm(int n, int threads) {
        Parallel.setThreads(threads);
        float[] a = Tensor.rand(n, n).toFloatArray();
        float[] b = Tensor.rand(n, n).toFloatArray();
        float[] c = new float[n * n];
        return new BenchCase("sgemm_" + n + "_t" + threads, "N=" + n + " threads=" + threads, 2.0 * n * n * n,
                () -> Sgemm.multiply(n, n, n, a, 0, MatrixStrides.rowMajor(n), b, 0, MatrixStrides.rowMajor(n), 0f, c, 0,
                        n));
    }

    static BenchCase conv() {
        int t = allThreads();
        Tensor x = Tensor.randn(32, 64, 56, 56);
        Tensor w = Tensor.randn(64, 64, 3, 3);
        ConvGeometry geo = ConvGeometry.of(1, 1, 1, 1);
        double flops = 2.0 * 32 * 64 * 56 * 56 * 64 * 9;
        return new BenchCase("conv2d_fwd", "x=32x64x56x56 w=64x64x3x3 pad=1 threads=" + t, flops,
                () -> ConvOps.conv2d(x, w, null, geo));
    }

    /** A training step: zero the gradients, run the loss, back-propagate, update with Adam. */
    private static Runnable trainStep(Module model, UnaryOperator<Tensor> loss, Tensor input) {
        Optimizer opt = new Adam(model.parameters(), Adam.options(1e-3));
        return () -> {
            opt.zeroGrad();
            loss.apply(model.forward(input)).backward();
            opt.step();
        };
    }

    static BenchCase mlp() {
        int t = allThreads();
        Module model = new Sequential(new Linear(784, 256), Activation.relu(), new Linear(256, 128), Activation.relu(),
                new Linear(128, 10));
        Tensor labels = Tensor.randint(0, 10, 64);
        return new BenchCase("mlp_train", "784-256-128-10 batch=64 adam threads=" + t, 0,
                trainStep(model, y -> Functional.crossEntropy(y, labels), Tensor.randn(64, 784)));
    }

    static BenchCase lenet() {
        int t = allThreads();
        Module model = new Sequential(new Conv2d(1, 6, 5), Activation.relu(), new MaxPool2d(2), new Conv2d(6, 16, 5),
                Activation.relu(), new MaxPool2d(2), new Flatten(), new Linear(16 * 4 * 4, 120), Activation.relu(),
                new Linear(120, 84), Activation.relu(), new Linear(84, 10));
        Tensor labels = Tensor.randint(0, 10, 64);
        return new BenchCase("lenet_train", "1x28x28 batch=64 adam threads=" + t, 0,
                trainStep(model, y -> Functional.crossEntropy(y, labels), Tensor.randn(64, 1, 28, 28)));
    }

    static BenchCase lstm() {
        int t = allThreads();
        return new BenchCase("lstm_train", "in=64 hidden=256 seq=50 batch=32 adam threads=" + t, 0,
                trainStep(new LSTM(64, 256), y -> y.pow(2).mean(), Tensor.randn(50, 32, 64)));
    }

    static BenchCase transformer() {
        int t = allThreads();
        TransformerEncoder model = new TransformerEncoder(new TransformerConfig(128, 4, 512, 0.0, false), 2);
        return new BenchCase("transformer_train", "2 layers d=128 heads=4 ff=512 seq=64 batch=32 adam threads=" + t, 0,
                trainStep(model, y -> y.pow(2).mean(), Tensor.randn(32, 64, 128)));
    }
}
