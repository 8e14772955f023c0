package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.DType;
import dev.nabla.Device;
import dev.nabla.Tensor;
import dev.nabla.backend.CounterRng;
import dev.nabla.backend.fast.BiasActivationKernel;
import dev.nabla.backend.fast.FusedActivation;
import dev.nabla.backend.fast.LstmCellKernel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-element functions of {@code lstm_cell.cu} and {@code bias_activation.cu} — everything those kernels
 * compute except which thread takes which element — compiled for the host with nvcc
 * ({@code src/test/cuda/fused_reference.cu}) and compared with the CPU backend's {@link LstmCellKernel} and
 * {@link BiasActivationKernel} on the same inputs (drawn from core's {@link CounterRng}, which the host program
 * reproduces bit for bit). Each backward pass is fed the host's own forward output, so it is compared alone.
 * The float32 gradient arithmetic must agree bit for bit: it rounds after every operation, as the CPU does.
 * Skipped when nvcc or its host compiler is absent.
 */
class FusedKernelHostTest {

    /** float32 tolerance of the LSTM cell: the host computes in float, the CPU in double (values stay below 4). */
    private static final double LSTM_FLOAT_TOLERANCE = 4e-6;
    private static final double LSTM_DOUBLE_TOLERANCE = 1e-14;

    private static List<String[]> lines;

    @BeforeAll
    static void runHostProgram(@TempDir Path dir) throws Exception {
        lines = PtxResources.runHostProgram(dir, "fused_reference.cu");
    }

    /** The host's output line whose leading fields are {@code key}; its values follow. */
    private static String[] line(String... key) {
        List<String[]> found = lines.stream()
                .filter(l -> l.length > key.length && Arrays.equals(Arrays.copyOf(l, key.length), key)).toList();
        assertEquals(1, found.size(), () -> "host output lines starting " + String.join(" ", key));
        return Arrays.copyOfRange(found.get(0), key.length, found.get(0).length);
    }

    private static float[] floats(String[] bits) {
        float[] v = new float[bits.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(bits[i]));
        }
        return v;
    }

    private static double[] doubles(String[] bits) {
        double[] v = new double[bits.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.longBitsToDouble(Long.parseUnsignedLong(bits[i]));
        }
        return v;
    }

    /** Element i of a uniform fill on [low, high): what the host program's {@code uniform} computes. */
    private static double uniform(long seed, int i, double low, double high) {
        return low + (high - low) * CounterRng.uniform(seed, i);
    }

    private static Tensor uniform(DType dtype, long seed, double low, double high, int... shape) {
        int n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (dtype == DType.FLOAT32) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) uniform(seed, i, low, high);
            }
            return Tensor.of(v, shape);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = uniform(seed, i, low, high);
        }
        return Tensor.of(v, shape);
    }

    private static Tensor hostValues(DType dtype, String[] bits, int... shape) {
        return dtype == DType.FLOAT32 ? Tensor.of(floats(bits), shape) : Tensor.of(doubles(bits), shape);
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }

    @Test
    void lstmCellForwardAndBackwardAgreeWithTheCpuInFloatAndDouble() {
        checkLstm(DType.FLOAT32, "f32", LSTM_FLOAT_TOLERANCE);
        checkLstm(DType.FLOAT64, "f64", LSTM_DOUBLE_TOLERANCE);
    }

    private static void checkLstm(DType dtype, String type, double tolerance) {
        String[] forward = line("LSTM", type, "H");
        int batch = Integer.parseInt(forward[0]);
        int hidden = Integer.parseInt(forward[1]);
        String[] hostHc = Arrays.copyOfRange(forward, 2, forward.length);
        Tensor gates = uniform(dtype, 1, -6, 6, batch, 4 * hidden);
        Tensor c = uniform(dtype, 2, -2, 2, batch, hidden);
        LstmCellKernel cpu = (LstmCellKernel) gates.backend();
        Tensor hc = Tensor.zeros(dtype, Device.CPU, batch, 2 * hidden);
        cpu.lstmCellForward(gates.strided(), c.strided(), hc.strided());
        Tensor host = hostValues(dtype, hostHc, batch, 2 * hidden);
        assertClose(hc.toDoubleArray(), host.toDoubleArray(), tolerance, type + " [h | c']");

        String[] backward = line("LSTM", type, "G", forward[0], forward[1]);
        Tensor gradGates = Tensor.zeros(dtype, Device.CPU, batch, 4 * hidden);
        Tensor gradC = Tensor.zeros(dtype, Device.CPU, batch, hidden);
        cpu.lstmCellBackward(gates.strided(), c.strided(), host.strided(),
                uniform(dtype, 3, -1, 1, batch, 2 * hidden).strided(), gradGates.strided(), gradC.strided());
        double[] hostGrads = hostValues(dtype, backward, 5 * batch * hidden).toDoubleArray();
        assertClose(gradGates.toDoubleArray(), Arrays.copyOf(hostGrads, 4 * batch * hidden), tolerance,
                type + " gate gradients");
        assertClose(gradC.toDoubleArray(), Arrays.copyOfRange(hostGrads, 4 * batch * hidden, hostGrads.length),
                tolerance, type + " cell-state gradient");
    }

    @Test
    void biasActivationAndItsGradientsAgreeWithTheCpuForEveryActivationAndLayout() {
        int cases = 0;
        for (String[] l : lines) {
            if (l[0].equals("BIAS") && l[5].equals("Y")) {
                checkBias(Integer.parseInt(l[1]), Integer.parseInt(l[2]), Integer.parseInt(l[3]), Integer.parseInt(l[4]));
                cases++;
            }
        }
        assertEquals(FusedActivation.values().length * 2, cases, "host cases: every activation, two layouts");
    }

    private static void checkBias(int code, int outer, int channels, int inner) {
        FusedActivation act = FusedActivation.valueOf(UnaryOp.values()[code].name());
        String at = act + " [" + outer + ", " + channels + ", " + inner + "]";
        String[] key = {"BIAS", "" + code, "" + outer, "" + channels, "" + inner};
        int[] shape = {outer, channels, inner};
        Tensor x = uniform(DType.FLOAT32, 10, -4, 4, shape);
        Tensor bias = uniform(DType.FLOAT32, 11, -1, 1, channels);
        BiasActivationKernel cpu = (BiasActivationKernel) x.backend();

        Tensor y = Tensor.zeros(DType.FLOAT32, Device.CPU, shape);
        cpu.biasActivation(x.strided(), bias.strided(), inner, act, y.strided());
        float[] expected = y.toFloatArray();
        float[] hostY = floats(line(append(key, "Y")));
        for (int i = 0; i < expected.length; i++) {
            // ReLU is exact; sigmoid and tanh go through the host's float exp/tanh, the CPU's double ones
            double ulps = act == FusedActivation.RELU ? 0 : 3;
            assertEquals(expected[i], hostY[i], ulps * Math.ulp(expected[i]), at + " y[" + i + "]");
        }

        Tensor gradX = Tensor.zeros(DType.FLOAT32, Device.CPU, shape);
        Tensor gradBias = Tensor.zeros(DType.FLOAT32, Device.CPU, channels);
        cpu.biasActivationBackward(Tensor.of(hostY, shape).strided(), uniform(DType.FLOAT32, 12, -1, 1, shape).strided(),
                inner, act, gradX.strided(), gradBias.strided());
        assertBitsEqual(gradX.toFloatArray(), floats(line(append(key, "X"))), at + " gradX");
        float[] sequential = floats(line(append(key, "B")));
        assertBitsEqual(gradBias.toFloatArray(), sequential, at + " gradBias (o then i, in double)");
        float[] split = floats(line(append(key, "S")));
        for (int c = 0; c < channels; c++) {
            // three threads' partial sums cover every element once: only the double rounding may differ
            assertEquals(sequential[c], split[c], Math.ulp(sequential[c]), at + " gradBias over 3 threads [" + c + "]");
        }
    }

    private static String[] append(String[] key, String part) {
        String[] k = Arrays.copyOf(key, key.length + 1);
        k[key.length] = part;
        return k;
    }

    private static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                    what + " [" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }
}
