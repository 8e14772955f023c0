package dev.nabla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nabla.autograd.Autograd;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ops of issue 22 (scans, sorting, max/min with positions, masks, one-sided clamps, log1p/expm1, repeats,
 * padding, einsum, and pow at a zero base) against PyTorch 1.13: outputs, indices and the gradient of
 * {@code sum(output · weight)} for each input, from {@code tensor_ops_torch.json}, which
 * {@code tests/fixtures/tensor_ops_fixture.py} writes.
 */
class TorchParityTest {

    /** The Nabla call for each fixture case; it returns a Tensor or ValuesIndices. */
    private static final Map<String, Function<Tensor[], Object>> OPS = Map.ofEntries(
        Map.entry("cumsum dim 1", x -> x[0].cumsum(1)),
        Map.entry("cumsum dim 0", x -> x[0].cumsum(0)),
        Map.entry("cumsum int64", x -> x[0].cumsum(0)),
        Map.entry("cumprod no zeros", x -> x[0].cumprod(1)),
        Map.entry("cumprod zeros dim 1", x -> x[0].cumprod(1)),
        Map.entry("cumprod zeros dim 0", x -> x[0].cumprod(0)),
        Map.entry("sort ascending", x -> x[0].sort(1, false)),
        Map.entry("sort descending", x -> x[0].sort(1, true)),
        Map.entry("sort dim 0", x -> x[0].sort(0, false)),
        Map.entry("sort int64", x -> x[0].sort(0, true)),
        Map.entry("topk largest", x -> x[0].topk(2, 1, true)),
        Map.entry("topk smallest dim 0", x -> x[0].topk(3, 0, false)),
        Map.entry("max dim ties", x -> x[0].max(1, false)),
        Map.entry("max dim nan", x -> x[0].max(1, false)),
        Map.entry("min dim keepdim", x -> x[0].min(0, true)),
        Map.entry("maskedFill broadcast", x -> x[0].maskedFill(x[1], -7.5)),
        Map.entry("clampMin", x -> x[0].clampMin(0.5)),
        Map.entry("clampMax", x -> x[0].clampMax(0.5)),
        Map.entry("log1p", x -> x[0].log1p()),
        Map.entry("expm1", x -> x[0].expm1()),
        Map.entry("repeat", x -> x[0].repeat(2, 1, 3)),
        Map.entry("tile", x -> x[0].tile(2)),
        Map.entry("pad constant crop", x -> x[0].pad(new int[] {2, -1, -1, 1}, PadMode.CONSTANT, 1.5)),
        Map.entry("pad reflect 1d", x -> x[0].pad(new int[] {3, 2}, PadMode.REFLECT, 0)),
        Map.entry("pad reflect 2d", x -> x[0].pad(new int[] {1, 2, 2, 1}, PadMode.REFLECT, 0)),
        Map.entry("pad reflect 3d", x -> x[0].pad(new int[] {1, 1, 2, 0, 0, 1}, PadMode.REFLECT, 0)),
        Map.entry("pad replicate 2d", x -> x[0].pad(new int[] {2, 1, 0, 3}, PadMode.REPLICATE, 0)),
        Map.entry("pad replicate 3d", x -> x[0].pad(new int[] {1, 0, 0, 2, 1, 1}, PadMode.REPLICATE, 0)),
        Map.entry("pow zero exponent", x -> x[0].pow(0)),
        Map.entry("pow zero base", x -> x[0].pow(x[1])));

    private static final String EINSUM = "einsum ";

    private record Case(String name, JsonNode json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        try (InputStream in = TorchParityTest.class.getResourceAsStream("tensor_ops_torch.json")) {
            assertNotNull(in, "tensor_ops_torch.json is on the test class path");
            JsonNode cases = mapper.readTree(in).get("cases");
            return StreamSupport.stream(cases.spliterator(), false).map(c -> new Case(c.get("name").asText(), c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyFixtureCaseHasANablaCall() {
        List<String> missing = new ArrayList<>();
        cases().forEach(c -> {
            if (!c.name().startsWith(EINSUM) && !OPS.containsKey(c.name())) {
                missing.add(c.name());
            }
        });
        assertEquals(List.of(), missing);
        assertEquals(OPS.size(), cases().filter(c -> !c.name().startsWith(EINSUM)).count(), "no call without a case");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(Case c) {
        JsonNode json = c.json();
        JsonNode grads = json.get("grads");
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < json.get("inputs").size(); i++) {
            Tensor t = tensor(json.get("inputs").get(i));
            inputs.add(grads != null && !grads.get(i).isNull() ? t.requiresGrad(true) : t);
        }
        Tensor[] in = inputs.toArray(Tensor[]::new);
        Object result = c.name().startsWith(EINSUM)
                ? Tensor.einsum(c.name().substring(EINSUM.length()), in) : OPS.get(c.name()).apply(in);
        Tensor values = result instanceof ValuesIndices vi ? vi.values() : (Tensor) result;
        assertClose(tensor(json.get("output")), values, c + " output");
        if (json.has("indices")) {
            Tensor indices = ((ValuesIndices) result).indices();
            assertEquals(DType.INT64, indices.dtype());
            assertEquals(tensor(json.get("indices")).shape(), indices.shape(), c + " indices shape");
            assertArrayEquals(tensor(json.get("indices")).toLongArray(), indices.toLongArray(), c + " indices");
        }
        if (grads == null) {
            return;
        }
        Tensor[] wanted = inputs.stream().filter(Tensor::requiresGrad).toArray(Tensor[]::new);
        Tensor loss = values.mul(tensor(json.get("weight"))).sum();
        Tensor[] got = Autograd.grad(new Tensor[] {loss}, null, wanted, false, false);
        for (int i = 0, k = 0; i < in.length; i++) {
            if (in[i].requiresGrad()) {
                assertClose(tensor(grads.get(i)), got[k++], c + " gradient of input " + i);
            }
        }
    }

    private static Tensor tensor(JsonNode json) {
        int[] shape = StreamSupport.stream(json.get("shape").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
        JsonNode values = json.get("values");
        if (json.get("dtype").asText().equals("int64")) {
            return Tensor.of(StreamSupport.stream(values.spliterator(), false).mapToLong(JsonNode::asLong).toArray(),
                    shape.length == 0 ? new int[0] : shape).reshape(shape);
        }
        double[] v = StreamSupport.stream(values.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
        return Tensor.of(v, v.length).reshape(shape);
    }

    /** Same shape; equal within 1e-12 (relative above 1); NaN where PyTorch has NaN. */
    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        double[] want = expected.toDoubleArray();
        double[] got = actual.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            boolean ok = Double.isNaN(want[i]) ? Double.isNaN(got[i])
                    : want[i] == got[i] || Math.abs(want[i] - got[i]) <= 1e-12 * Math.max(1, Math.abs(want[i]));
            assertTrue(ok, what + " element " + i + ": PyTorch " + want[i] + ", Nabla " + got[i]);
        }
    }
}
