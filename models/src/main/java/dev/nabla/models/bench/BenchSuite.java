package dev.nabla.models.bench;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.DeviceType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.backend.fast.ConvGeometry;
import dev.nabla.cpu.Parallel;
import dev.nabla.cpu.kernels.FmaPeak;
import dev.nabla.cpu.kernels.MatrixStrides;
import dev.nabla.cpu.kernels.Sgemm;
import dev.nabla.cpu.kernels.Simd;
import dev.nabla.nn.Activation;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.ConvOps;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.attention.Attention;
import dev.nabla.nn.rnn.LSTM;
import dev.nabla.nn.transformer.TransformerConfig;
import dev.nabla.nn.transformer.TransformerEncoder;
import dev.nabla.optim.Adam;
import dev.nabla.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The benchmark cases. The CPU kernel cases: the FMA peak on one and two threads (the ceiling GEMM
 * efficiency is measured against, in the same run), and SGEMM at four sizes on one and two threads,
 * mirrored one to one by {@code bench/pytorch_bench.py}. The device cases, run through the Tensor API on the
 * chosen device: a 4096³ matmul, a row softmax, attention forward, a 3×3 convolution forward, and
 * four training steps (forward, backward, Adam) at batch size 64 or 32; then the data-parallel cases of
 * {@link DistributedCases}. Cases are {@link BenchEntry entries}
 * named up front, so each allocates its data only when chosen.
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    /**
     * Every case, in output order.
     *
     * @param device where the device cases compute (the SGEMM cases always time the CPU kernel)
     */
    public static List<BenchEntry> all(Device device) {
        List<BenchEntry> cases = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            cases.add(new BenchEntry("fma_peak_t" + threads, name -> fmaPeak(name, threads)));
            for (int n : new int[] {256, 512, 1024, 2048}) {
                cases.add(new BenchEntry("sgemm_" + n + "_t" + threads, name -> sgemm(name, n, threads)));
            }
        }
        cases.add(new BenchEntry("matmul_4096", name -> matmul(name, device, 4096)));
        cases.add(new BenchEntry("softmax_8192x4096", name -> softmax(name, device)));
        cases.add(new BenchEntry("attention_fwd", name -> attention(name, device)));
        cases.add(new BenchEntry("conv2d_fwd", name -> conv(name, device)));
        cases.add(new BenchEntry("mlp_train", name -> mlp(name, device)));
        cases.add(new BenchEntry("lenet_train", name -> lenet(name, device)));
        cases.add(new BenchEntry("lstm_train", name -> lstm(name, device)));
        cases.add(new BenchEntry("transformer_train", name -> transformer(name, device)));
        for (int megabytes : new int[] {1, 16, 64}) {
            cases.add(new BenchEntry("copy_" + megabytes + "mb", name -> DistributedCases.copy(name, megabytes)));
            cases.add(new BenchEntry("allreduce_tcp_" + megabytes + "mb", name -> DistributedCases.allReduce(name, megabytes)));
        }
        cases.add(new BenchEntry("allreduce_tcp_grads", name -> DistributedCases.lenetGradients(name)));
        for (int workers : new int[] {1, 2}) {
            cases.add(new BenchEntry("ddp_step_w" + workers, name -> DistributedCases.lenetDataParallel(name, device, workers)));
        }
        cases.add(new BenchEntry("ddp_sync_w2", name -> DistributedCases.lenetSynchronization(name, device)));
        return cases;
    }

    /** Device cases use every core. */
    private static final int ALL_THREADS = Runtime.getRuntime().availableProcessors();

    /** Names the device (and the thread count on the CPU) for the config string. */
    private static String where(Device device) {
        return device.type() == DeviceType.CPU ? "device=cpu threads=" + ALL_THREADS : "device=" + device;
    }

    private static Tensor randn(Device device, int... shape) {
        return Tensor.normal(new Generator(shape.length), 0, 1, DType.FLOAT32, device, shape);
    }

    static BenchCase matmul(String name, Device device, int n) {
        Tensor a = randn(device, n, n);
        Tensor b = randn(device, n, n);
        return new BenchCase(name, "float32 " + where(device), ALL_THREADS, 2.0 * n * n * n, () -> a.matmul(b));
    }

    static BenchCase softmax(String name, Device device) {
        Tensor x = randn(device, 8192, 4096);
        return new BenchCase(name, "rows of 4096, float32 " + where(device), ALL_THREADS, 0, 2.0 * 4 * x.numel(),
                () -> Functional.softmax(x, -1));
    }

    static BenchCase attention(String name, Device device) {
        int batchHeads = 32;
        int length = 1024;
        int dim = 64;
        Tensor q = randn(device, batchHeads, length, dim);
        Tensor k = randn(device, batchHeads, length, dim);
        Tensor v = randn(device, batchHeads, length, dim);
        double flops = 4.0 * batchHeads * length * length * dim;
        return new BenchCase(name, "batch*heads=32 L=1024 d=64 float32 " + where(device), ALL_THREADS, flops,
                () -> Attention.scaledDotProduct(q, k, v, null, false));
    }

    static BenchCase sgemm(String name, int n, int threads) {
        float[] a = Tensor.rand(n, n).toFloatArray();
        float[] b = Tensor.rand(n, n).toFloatArray();
        float[] c = new float[n * n];
        return new BenchCase(name, "N=" + n + " threads=" + threads, threads, 2.0 * n * n * n,
                () -> Sgemm.multiply(n, n, n, a, 0, MatrixStrides.rowMajor(n), b, 0, MatrixStrides.rowMajor(n), 0f, c, 0,
                        n));
    }

    /** The core's FMA peak on this JVM, each of {@code threads} threads running the register-bound loop. */
    static BenchCase fmaPeak(String name, int threads) {
        FmaPeak loop = Simd.fmaPeak();
        long iterations = 20_000_000L;
        float[] sink = new float[threads];
        return new BenchCase(name, "register-bound FMA loop threads=" + threads, threads,
                loop.flopsPerIteration() * iterations * threads, () -> Parallel.forRange(threads, 1, (from, to) -> {
                    for (int t = from; t < to; t++) {
                        sink[t] = loop.run(iterations);
                    }
                }));
    }

    static BenchCase conv(String name, Device device) {
        Tensor x = randn(device, 32, 64, 56, 56);
        Tensor w = randn(device, 64, 64, 3, 3);
        ConvGeometry geo = ConvGeometry.of(1, 1, 1, 1);
        double flops = 2.0 * 32 * 64 * 56 * 56 * 64 * 9;
        return new BenchCase(name, "x=32x64x56x56 w=64x64x3x3 pad=1 " + where(device), ALL_THREADS, flops,
                () -> ConvOps.conv2d(x, w, null, geo));
    }

    /** A training step: zero the gradients, run the loss, back-propagate, update with Adam. */
    private static Runnable trainStep(Module model, UnaryOperator<Tensor> loss, Tensor input) {
        model.to(input.device());
        Optimizer opt = new Adam(model.parameters(), Adam.options(1e-3));
        return () -> {
            opt.zeroGrad();
            loss.apply(model.forward(input)).backward();
            opt.step();
        };
    }

    static BenchCase mlp(String name, Device device) {
        Module model = new Sequential(new Linear(784, 256), Activation.relu(), new Linear(256, 128), Activation.relu(),
                new Linear(128, 10));
        Tensor labels = labels(device);
        return new BenchCase(name, "784-256-128-10 batch=64 adam " + where(device), ALL_THREADS, 0,
                trainStep(model, y -> Functional.crossEntropy(y, labels), randn(device, 64, 784)));
    }

    private static Tensor labels(Device device) {
        return Tensor.randint(new Generator(3), 0, 10, device, 64);
    }

    static BenchCase lenet(String name, Device device) {
        Module model = new Sequential(new Conv2d(1, 6, 5), Activation.relu(), new MaxPool2d(2), new Conv2d(6, 16, 5),
                Activation.relu(), new MaxPool2d(2), new Flatten(), new Linear(16 * 4 * 4, 120), Activation.relu(),
                new Linear(120, 84), Activation.relu(), new Linear(84, 10));
        Tensor labels = labels(device);
        return new BenchCase(name, "1x28x28 batch=64 adam " + where(device), ALL_THREADS, 0,
                trainStep(model, y -> Functional.crossEntropy(y, labels), randn(device, 64, 1, 28, 28)));
    }

    static BenchCase lstm(String name, Device device) {
        return new BenchCase(name, "in=64 hidden=256 seq=50 batch=32 adam " + where(device), ALL_THREADS, 0,
                trainStep(new LSTM(64, 256), y -> y.pow(2).mean(), randn(device, 50, 32, 64)));
    }

    static BenchCase transformer(String name, Device device) {
        TransformerEncoder model = new TransformerEncoder(new TransformerConfig(128, 4, 512, 0.0, false), 2);
        return new BenchCase(name, "2 layers d=128 heads=4 ff=512 seq=64 batch=32 adam " + where(device),
                ALL_THREADS, 0, trainStep(model, y -> y.pow(2).mean(), randn(device, 32, 64, 128)));
    }
}
