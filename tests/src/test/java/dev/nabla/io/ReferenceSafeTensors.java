package dev.nabla.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately simple, strict safetensors decoder written from the format description and the
 * reference implementation's rules, sharing no code with {@link SafeTensors}: its own JSON parser
 * (values as maps, lists, strings and big integers), big-integer arithmetic for every size, and its
 * own half-float conversion. It applies Nabla's documented limits too (int extents, 2^31-9
 * elements, rank 64, 100,000 tensors and metadata entries), so that a file is accepted by it exactly
 * when {@code SafeTensors.read} must accept it.
 */
final class ReferenceSafeTensors {

    /** A decoded tensor: the Nabla dtype it loads as ("float32", "float64" or "int64"), its shape and its values. */
    record Decoded(String dtype, int[] shape, float[] floats, double[] doubles, long[] longs) {
    }

    /** A decoded file: tensors and metadata in header order. */
    record File(Map<String, Decoded> tensors, Map<String, String> metadata) {
    }

    /** Why the reference refuses a file. */
    static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason);
        }
    }

    private static final Map<String, Integer> SIZES = Map.ofEntries(Map.entry("F64", 8), Map.entry("F32", 4),
            Map.entry("F16", 2), Map.entry("BF16", 2), Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2),
            Map.entry("I8", 1), Map.entry("U8", 1), Map.entry("U16", 2), Map.entry("U32", 4), Map.entry("BOOL", 1));
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private ReferenceSafeTensors() {
    }

    private record Info(String name, String dtype, BigInteger[] shape, BigInteger begin, BigInteger end) {
    }

    static File decode(byte[] file) throws Rejected {
        check(file.length >= 8, "shorter than 8 bytes");
        BigInteger n = new BigInteger(1, reversed(Arrays.copyOf(file, 8)));
        check(n.compareTo(BigInteger.valueOf(100_000_000)) <= 0, "header over the cap");
        check(n.add(BigInteger.valueOf(8)).compareTo(BigInteger.valueOf(file.length)) <= 0, "header past the end");
        int headerLength = n.intValueExact();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file, 8, headerLength))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejected("not UTF-8");
        }
        Object root = new Json(text).document();
        check(root instanceof Map, "root not an object");
        List<Info> infos = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> member : ((Map<?, ?>) root).entrySet()) {
            String key = (String) member.getKey();
            if (key.equals("__metadata__")) {
                check(member.getValue() instanceof Map, "metadata not an object");
                for (Map.Entry<?, ?> m : ((Map<?, ?>) member.getValue()).entrySet()) {
                    check(m.getValue() instanceof String, "metadata value not a string");
                    metadata.put((String) m.getKey(), (String) m.getValue());
                }
            } else {
                infos.add(info(key, member.getValue()));
            }
        }
        check(infos.size() <= 100_000 && metadata.size() <= 100_000, "too many entries");
        List<Info> sorted = new ArrayList<>(infos);
        sorted.sort(Comparator.comparing(Info::begin).thenComparing(Info::end));
        BigInteger at = BigInteger.ZERO;
        for (Info i : sorted) {
            check(i.begin().equals(at) && i.end().compareTo(i.begin()) >= 0, "offsets do not tile");
            BigInteger bytes = BigInteger.valueOf(SIZES.get(i.dtype()));
            for (BigInteger d : i.shape()) {
                bytes = bytes.multiply(d);
                check(bytes.compareTo(LONG_MAX) <= 0, "byte count overflows");
            }
            check(i.end().subtract(i.begin()).equals(bytes), "offsets do not match the size");
            at = i.end();
        }
        int dataStart = 8 + headerLength;
        check(at.equals(BigInteger.valueOf(file.length - dataStart)), "data length differs");
        Map<String, Decoded> tensors = new LinkedHashMap<>();
        for (Info i : infos) {
            tensors.put(i.name(), values(i, nablaShape(i.shape()), file, dataStart));
        }
        return new File(tensors, metadata);
    }

    private static Info info(String name, Object value) throws Rejected {
        check(value instanceof Map && ((Map<?, ?>) value).keySet().equals(Set.of("dtype", "shape", "data_offsets")),
                "entry fields");
        Map<?, ?> entry = (Map<?, ?>) value;
        check(entry.get("dtype") instanceof String && SIZES.containsKey((String) entry.get("dtype")), "dtype");
        BigInteger[] shape = naturals(entry.get("shape"));
        BigInteger[] offsets = naturals(entry.get("data_offsets"));
        check(shape.length <= 64 && offsets.length == 2, "shape rank or offsets count");
        return new Info(name, (String) entry.get("dtype"), shape, offsets[0], offsets[1]);
    }

    private static BigInteger[] naturals(Object value) throws Rejected {
        check(value instanceof List, "not an array");
        List<?> list = (List<?>) value;
        BigInteger[] out = new BigInteger[list.size()];
        for (int i = 0; i < out.length; i++) {
            check(list.get(i) instanceof BigInteger, "not an integer");
            out[i] = (BigInteger) list.get(i);
            check(out[i].signum() >= 0 && out[i].compareTo(LONG_MAX) <= 0, "integer out of range");
        }
        return out;
    }

    /** Nabla's limits: int extents, the product of the non-zero extents an int, at most 2^31-9 elements. */
    private static int[] nablaShape(BigInteger[] shape) throws Rejected {
        BigInteger span = BigInteger.ONE;
        BigInteger numel = BigInteger.ONE;
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            check(shape[i].compareTo(INT_MAX) <= 0, "extent over int");
            dims[i] = shape[i].intValue();
            span = span.multiply(shape[i].max(BigInteger.ONE));
            numel = numel.multiply(shape[i]);
        }
        check(span.compareTo(INT_MAX) <= 0 && numel.compareTo(BigInteger.valueOf(Integer.MAX_VALUE - 8)) <= 0,
                "too many elements");
        return dims;
    }

    private static Decoded values(Info info, int[] shape, byte[] file, int dataStart) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        int size = SIZES.get(info.dtype());
        ByteBuffer data = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int base = dataStart + info.begin().intValueExact();
        switch (info.dtype()) {
            case "F64": {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = Double.longBitsToDouble(data.getLong(base + 8 * i));
                }
                return new Decoded("float64", shape, null, d, null);
            }
            case "F32":
            case "F16":
            case "BF16": {
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    int at = base + size * i;
                    f[i] = info.dtype().equals("F32") ? Float.intBitsToFloat(data.getInt(at))
                            : info.dtype().equals("BF16") ? Float.intBitsToFloat((data.getShort(at) & 0xffff) << 16)
                            : half(data.getShort(at) & 0xffff);
                }
                return new Decoded("float32", shape, f, null, null);
            }
            default: {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    int at = base + size * i;
                    long unsigned = 0;
                    for (int b = size - 1; b >= 0; b--) {
                        unsigned = (unsigned << 8) | (file[at + b] & 0xff);
                    }
                    boolean signed = info.dtype().startsWith("I");
                    int shift = 64 - 8 * size;
                    l[i] = signed ? (unsigned << shift) >> shift : unsigned;
                }
                return new Decoded("int64", shape, null, null, l);
            }
        }
    }

    /** binary16 to float by re-biasing the exponent field (subnormals scaled exactly, Inf and NaN kept). */
    private static float half(int h) {
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa / 16_777_216f; // mantissa · 2^-24, exact
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 31) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    private static void check(boolean ok, String reason) throws Rejected {
        if (!ok) {
            throw new Rejected(reason);
        }
    }

    /** RFC 8259 JSON: objects (duplicate keys refused), arrays, strings (no lone surrogates), integers, literals. */
    private static final class Json {
        private final CharBuffer in;

        Json(String text) {
            this.in = CharBuffer.wrap(text);
        }

        Object document() throws Rejected {
            Object v = value();
            skipSpace();
            check(!in.hasRemaining(), "trailing content");
            return v;
        }

        private void skipSpace() {
            while (in.hasRemaining() && " \t\n\r".indexOf(in.get(in.position())) >= 0) {
                in.get();
            }
        }

        private char next() throws Rejected {
            check(in.hasRemaining(), "unexpected end");
            return in.get();
        }

        private char peek() throws Rejected {
            check(in.hasRemaining(), "unexpected end");
            return in.get(in.position());
        }

        private Object value() throws Rejected {
            skipSpace();
            char c = peek();
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                in.get();
                List<Object> list = new ArrayList<>();
                skipSpace();
                if (peek() == ']') {
                    in.get();
                    return list;
                }
                while (true) {
                    list.add(value());
                    skipSpace();
                    char d = next();
                    if (d == ']') {
                        return list;
                    }
                    check(d == ',', "array separator");
                }
            }
            if (c == '"') {
                return string();
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                return number();
            }
            for (String literal : new String[] {"true", "false", "null"}) {
                if (in.remaining() >= literal.length() && in.subSequence(0, literal.length()).toString().equals(literal)) {
                    in.position(in.position() + literal.length());
                    return literal;
                }
            }
            throw new Rejected("not a JSON value");
        }

        private Map<String, Object> object() throws Rejected {
            in.get();
            Map<String, Object> map = new LinkedHashMap<>();
            skipSpace();
            if (peek() == '}') {
                in.get();
                return map;
            }
            while (true) {
                skipSpace();
                check(peek() == '"', "object key");
                String key = string();
                skipSpace();
                check(next() == ':', "colon");
                check(!map.containsKey(key), "duplicate key");
                map.put(key, value());
                skipSpace();
                char d = next();
                if (d == '}') {
                    return map;
                }
                check(d == ',', "object separator");
            }
        }

        private String string() throws Rejected {
            in.get();
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    break;
                }
                check(c >= 0x20, "control character in a string");
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                int at = "\"\\/bfnrt".indexOf(e);
                if (at >= 0) {
                    b.append("\"\\/\b\f\n\r\t".charAt(at));
                } else {
                    check(e == 'u', "escape");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(next(), 16);
                        check(digit >= 0, "hex escape");
                        code = code * 16 + digit;
                    }
                    b.append((char) code);
                }
            }
            String s = b.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    check(!Character.isSurrogate(c), "lone surrogate");
                }
            }
            return s;
        }

        /** An integer as a BigInteger; a number with a fraction or exponent as its text (never an integer). */
        private Object number() throws Rejected {
            int start = in.position();
            if (peek() == '-') {
                in.get();
            }
            char first = next();
            check(first >= '0' && first <= '9', "digit");
            if (first != '0') {
                digits();
            }
            boolean integer = true;
            if (in.hasRemaining() && peek() == '.') {
                in.get();
                check(digits() > 0, "fraction digits");
                integer = false;
            }
            if (in.hasRemaining() && (peek() == 'e' || peek() == 'E')) {
                in.get();
                if (peek() == '+' || peek() == '-') {
                    in.get();
                }
                check(digits() > 0, "exponent digits");
                integer = false;
            }
            String text = in.duplicate().position(start).limit(in.position()).toString();
            return integer ? new BigInteger(text) : text;
        }

        private int digits() {
            int n = 0;
            while (in.hasRemaining() && Character.isDigit(in.get(in.position())) && in.get(in.position()) < 128) {
                in.get();
                n++;
            }
            return n;
        }
    }
}
