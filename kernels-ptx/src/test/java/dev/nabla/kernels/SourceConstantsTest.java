package dev.nabla.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Java op codes and launch constants equal the #defines in the CUDA sources. */
class SourceConstantsTest {

    private static final Pattern DEFINE = Pattern.compile("^#define (\\w+) (\\d+)\\b", Pattern.MULTILINE);

    private static Map<String, Integer> defines(String file) throws Exception {
        Map<String, Integer> values = new TreeMap<>();
        Matcher m = DEFINE.matcher(PtxResources.source(file));
        while (m.find()) {
            values.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return values;
    }

    private static <E extends Enum<E>> Map<String, Integer> enumCodes(Class<E> type, String prefix) {
        Map<String, Integer> values = new TreeMap<>();
        for (E e : type.getEnumConstants()) {
            values.put(prefix + e.name(), e.ordinal());
        }
        return values;
    }

    private static Map<String, Integer> withPrefix(Map<String, Integer> all, String prefix) {
        Map<String, Integer> values = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                values.put(k, v);
            }
        });
        return values;
    }

    @Test
    void opCodesMatchNablaOpsHeader() throws Exception {
        Map<String, Integer> ops = defines("nabla_ops.cuh");
        assertEquals(withPrefix(ops, "NABLA_UNARY_"), enumCodes(UnaryOp.class, "NABLA_UNARY_"));
        assertEquals(withPrefix(ops, "NABLA_BINARY_"), enumCodes(BinaryOp.class, "NABLA_BINARY_"));
        assertEquals(withPrefix(ops, "NABLA_REDUCE_"), enumCodes(ReduceOp.class, "NABLA_REDUCE_"));
        assertEquals(withPrefix(ops, "NABLA_ARGREDUCE_"), enumCodes(ArgReduceOp.class, "NABLA_ARGREDUCE_"));
        assertEquals(UnaryOp.COPY.ordinal(), UnaryOp.COPY.code());
    }

    @Test
    void launchConstantsMatchKernelSources() throws Exception {
        Map<String, Integer> common = defines("nabla_common.cuh");
        assertEquals(LaunchGeometry.WARP_SIZE, common.get("NABLA_WARP_SIZE"));
        assertEquals(StridedLayout.MAX_DIMS, common.get("NABLA_MAX_DIMS"));
        assertEquals(StridedLayout.MAX_OPERANDS, common.get("NABLA_MAX_OPERANDS"));
        Map<String, Integer> attention = defines("attention.cu");
        assertEquals(LaunchGeometry.ATTENTION_ROWS_PER_BLOCK, attention.get("ATTN_ROWS_PER_BLOCK"));
        assertEquals(LaunchGeometry.ATTENTION_MAX_HEAD_DIM, attention.get("ATTN_MAX_HEAD_DIM"));
        Map<String, Integer> gemm = defines("gemm.cu");
        assertEquals(LaunchGeometry.GEMM_TILE, gemm.get("GEMM_TILE"));
        assertEquals(LaunchGeometry.GEMM_THREADS, gemm.get("GEMM_THREADS"));
        assertEquals(LaunchGeometry.LAYERNORM_PARAM_WARPS, defines("layernorm.cu").get("LAYERNORM_PARAM_SLAB_ROWS"));
    }
}
