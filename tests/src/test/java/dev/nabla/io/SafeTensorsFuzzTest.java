package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.DType;
import dev.nabla.Generator;
import dev.nabla.Tensor;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sequential;
import dev.nabla.optim.Adam;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of real checkpoints: each mutated file must either be refused with an
 * {@link IllegalArgumentException} naming the file, exactly when the independent
 * {@link ReferenceSafeTensors} decoder refuses it too, or load exactly what that decoder loads, and
 * no load may allocate more than a bound proportional to the file's size.
 */
class SafeTensorsFuzzTest {

    private static final int CASES = 3000;
    /** Fixed costs of one load (channel, parser and decoder buffers, maps) plus 16 bytes per file byte. */
    private static final long FIXED_ALLOCATION = 1 << 20;
    private static final long ALLOCATION_PER_BYTE = 16;

    private static final String[] NUMBERS = {"0", "1", "2", "3", "7", "8", "-1", "-0", "00", "2.7", "2.0", "1e3",
        "\"2\"", "true", "null", "2147483647", "2147483648", "4294967298", "9007199254740993", "9223372036854775807",
        "9223372036854775808", "18446744073709551616", "[]", "{}"};
    private static final String[] TOKENS = {"\"", "{", "}", "[", "]", ",", ":", " ", "\\", "\\u", "\\ud800", "\u00e9",
        "\uFEFF", "x", "\0", "\t", "\"__metadata__\"", "\"dtype\"", "\"shape\"", "\"data_offsets\""};
    private static final String[] DTYPES = {"F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "U16", "U32",
        "BOOL", "U64", "F8_E4M3", "f32", ""};

    @TempDir
    Path dir;

    /** A training checkpoint of a small model with Adam state, written by Nabla. */
    private byte[] trainingCheckpoint() throws IOException {
        Generator.manualSeed(3);
        Sequential model = new Sequential(new Linear(3, 4), new Linear(4, 2));
        Adam adam = new Adam(model.parameters(), Adam.options(0.01));
        model.forward(Tensor.randn(5, 3)).pow(2).sum().backward();
        adam.step();
        Path file = dir.resolve("checkpoint.safetensors");
        TrainingCheckpoint.capture(model, adam, null, new Generator(9), 1, 0, Map.of("note", "fuzz \u00e9")).save(file);
        Generator.manualSeed(Generator.DEFAULT_SEED);
        return Files.readAllBytes(file);
    }

    /** Every dtype the reader knows, a scalar, an empty tensor, entries out of offset order and newline padding. */
    private static byte[] everyDtype() {
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"\":\"\"},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[40,48]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"idx\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[16,40]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[48,52]},"
                + "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[52,60]},"
                + "\"none\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[60,60]},"
                + "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[60,62]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[62,64]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[64,66]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[66,68]},"
                + "\"u16\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[68,72]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[72,76]},"
                + "\"u32\":{\"dtype\":\"U32\",\"shape\":[1],\"data_offsets\":[76,80]}}\n";
        ByteBuffer data = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1.5f).putFloat(-2f).putFloat(Float.NaN).putFloat(3e-42f);
        data.putLong(7).putLong(-1).putLong(Long.MAX_VALUE);
        data.putShort((short) 0x3C00).putShort((short) 0x8001).putShort((short) 0x7C00).putShort((short) 0x7E01);
        data.putShort((short) 0x3FC0).putShort((short) 0xFF81);
        data.putDouble(-Math.PI);
        data.put((byte) 1).put((byte) 0).put((byte) 200).put((byte) 3).put((byte) -128).put((byte) 127);
        data.putShort((short) -300).putShort((short) 0xFFFF).putShort((short) 5).putInt(-5).putInt(0xFFFFFFFE);
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + 80).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).put(json)
                .put(data.array()).array();
    }

    /** The header text and the data of a file whose header length field is sane (else null). */
    private static String headerOf(byte[] file) {
        if (file.length < 8) {
            return null;
        }
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 0 && n <= file.length - 8 ? new String(file, 8, (int) n, StandardCharsets.ISO_8859_1) : null;
    }

    /** A file with {@code header} (bytes as ISO-8859-1 chars) and the data after the old header. */
    private static byte[] withHeader(byte[] file, String header) {
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        int dataStart = 8 + (int) n;
        return ByteBuffer.allocate(8 + h.length + file.length - dataStart).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(file, dataStart, file.length - dataStart).array();
    }

    private static String utf8AsLatin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** One random edit of the file: header bytes, numbers, dtypes, offsets, structure, length field, truncation or tail. */
    private static byte[] mutate(byte[] file, Random rng) {
        String header = headerOf(file);
        int kind = file.length == 0 ? 1 : rng.nextInt(header == null ? 3 : 11);
        switch (kind) {
            case 0: { // truncate anywhere
                return java.util.Arrays.copyOf(file, rng.nextInt(file.length + 1));
            }
            case 1: { // append a few bytes
                byte[] tail = new byte[1 + rng.nextInt(16)];
                rng.nextBytes(tail);
                if (rng.nextBoolean()) {
                    java.util.Arrays.fill(tail, (byte) ' ');
                }
                byte[] out = java.util.Arrays.copyOf(file, file.length + tail.length);
                System.arraycopy(tail, 0, out, file.length, tail.length);
                return out;
            }
            case 2: { // flip a bit anywhere, the length field included; half the time in the data, which must load
                byte[] out = file.clone();
                int dataStart = header == null ? 0 : 8 + header.length();
                int at = rng.nextBoolean() && dataStart < out.length ? dataStart + rng.nextInt(out.length - dataStart)
                        : rng.nextInt(out.length);
                out[at] ^= (byte) (1 << rng.nextInt(8));
                return out;
            }
            case 3: { // the length field (the header is sane, so the file has one)
                byte[] out = file.clone();
                long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
                long[] choices = {n - 1, n + 1, n - 8, n + 8, 0, -1, Long.MAX_VALUE, 100_000_001, file.length,
                    rng.nextInt(file.length + 1)};
                ByteBuffer.wrap(out, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(choices[rng.nextInt(choices.length)]);
                return out;
            }
            case 4: { // a header byte set to a random value
                byte[] out = file.clone();
                if (header.isEmpty()) {
                    return out;
                }
                out[8 + rng.nextInt(header.length())] = (byte) rng.nextInt(256);
                return out;
            }
            case 5: // a number replaced by an interesting value (the length field follows)
                return withHeader(file, replaceMatch(header, Pattern.compile("-?\\d+"),
                        NUMBERS[rng.nextInt(NUMBERS.length)], rng));
            case 6: // a number nudged by one, so that offsets almost tile
                return withHeader(file, nudgeNumber(header, rng));
            case 7: // a dtype swapped
                return withHeader(file, replaceMatch(header, Pattern.compile("(?<=\"dtype\":\")[^\"]*"),
                        DTYPES[rng.nextInt(DTYPES.length)], rng));
            case 8: { // a structural token inserted, or a character deleted
                int at = rng.nextInt(header.length() + 1);
                if (rng.nextBoolean() && at < header.length()) {
                    return withHeader(file, header.substring(0, at) + header.substring(at + 1));
                }
                return withHeader(file, header.substring(0, at) + utf8AsLatin1(TOKENS[rng.nextInt(TOKENS.length)])
                        + header.substring(at));
            }
            case 9: { // a whole tensor entry or metadata member duplicated, or two data_offsets swapped
                List<int[]> spans = spans(header, Pattern.compile("\"[^\"]*\":(\\{\"dtype\"[^}]*\\}|\"[^\"]*\")"));
                if (spans.size() < 2) {
                    return file;
                }
                int[] a = spans.get(rng.nextInt(spans.size()));
                if (rng.nextBoolean()) {
                    return withHeader(file, header.substring(0, a[1]) + "," + header.substring(a[0], a[1])
                            + header.substring(a[1]));
                }
                return withHeader(file, swapOffsets(header, rng));
            }
            default: { // trailing content inside the header length, where only whitespace may stand
                String[] tails = {" ", "\n", "\r\n\t", "x", "{}", ",", "\0", "}", " \u00a0"};
                return withHeader(file, header + utf8AsLatin1(tails[rng.nextInt(tails.length)]));
            }
        }
    }

    /** The [start, end) of every match of {@code pattern} in {@code text}. */
    private static List<int[]> spans(String text, Pattern pattern) {
        Matcher m = pattern.matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static String replaceMatch(String text, Pattern pattern, String replacement, Random rng) {
        List<int[]> spans = spans(text, pattern);
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(rng.nextInt(spans.size()));
        return text.substring(0, s[0]) + replacement + text.substring(s[1]);
    }

    private static String nudgeNumber(String text, Random rng) {
        List<int[]> spans = spans(text, Pattern.compile("\\d+"));
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(rng.nextInt(spans.size()));
        BigInteger value = new BigInteger(text.substring(s[0], s[1]));
        BigInteger[] nudges = {value.add(BigInteger.ONE), value.subtract(BigInteger.ONE), value.add(BigInteger.valueOf(4)),
            value.shiftLeft(1)};
        return text.substring(0, s[0]) + nudges[rng.nextInt(nudges.length)] + text.substring(s[1]);
    }

    private static String swapOffsets(String text, Random rng) {
        List<int[]> spans = spans(text, Pattern.compile("\"data_offsets\":\\[\\d+,\\d+\\]"));
        if (spans.size() < 2) {
            return text;
        }
        int[] a = spans.get(rng.nextInt(spans.size()));
        int[] b = spans.get(rng.nextInt(spans.size()));
        if (a[0] > b[0]) {
            int[] t = a;
            a = b;
            b = t;
        }
        if (a[0] == b[0]) {
            return text;
        }
        return text.substring(0, a[0]) + text.substring(b[0], b[1]) + text.substring(a[1], b[0])
                + text.substring(a[0], a[1]) + text.substring(b[1]);
    }

    private static void assertSameAsReference(ReferenceSafeTensors.File expected, SafeTensors.Contents actual, String what) {
        assertEquals(expected.metadata(), actual.metadata(), what);
        assertEquals(List.copyOf(expected.tensors().keySet()), List.copyOf(actual.tensors().keySet()), what);
        expected.tensors().forEach((name, e) -> {
            Tensor t = actual.tensors().get(name);
            String where = what + ", tensor '" + name + "'";
            assertArrayEquals(e.shape(), t.shape().toArray(), where);
            switch (e.dtype()) {
                case "float32": {
                    assertEquals(DType.FLOAT32, t.dtype(), where);
                    float[] got = t.toFloatArray();
                    for (int i = 0; i < got.length; i++) { // bitwise, every NaN alike
                        assertEquals(Float.floatToIntBits(e.floats()[i]), Float.floatToIntBits(got[i]), where + " [" + i + "]");
                    }
                    break;
                }
                case "float64":
                    assertEquals(DType.FLOAT64, t.dtype(), where);
                    assertArrayEquals(e.doubles(), t.toDoubleArray(), 0, where);
                    break;
                default:
                    assertEquals(DType.INT64, t.dtype(), where);
                    assertArrayEquals(e.longs(), t.toLongArray(), where);
            }
        });
    }

    @Test
    void mutatedCheckpointsAreRefusedClearlyOrLoadExactlyWhatTheReferenceLoads() throws IOException {
        List<byte[]> seeds = List.of(trainingCheckpoint(), everyDtype());
        for (byte[] seed : seeds) { // the unmutated files load, and as the reference reads them
            Path f = Files.write(dir.resolve("seed.safetensors"), seed);
            try {
                assertSameAsReference(ReferenceSafeTensors.decode(seed), SafeTensors.read(f), "seed");
            } catch (ReferenceSafeTensors.Rejected e) {
                fail("the reference refuses a seed file: " + e.getMessage());
            }
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random rng = new Random(20_260_601);
        int loaded = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] bytes = seeds.get(c % seeds.size());
            int edits = 1 + rng.nextInt(2);
            for (int e = 0; e < edits; e++) {
                bytes = mutate(bytes, rng);
            }
            // a new file each time: rewriting one in place makes ext4 flush it to disk (auto_da_alloc), 5 ms a case
            Path file = Files.write(dir.resolve("mutant" + c + ".safetensors"), bytes);
            String what = "case " + c + " (" + bytes.length + " bytes)";
            ReferenceSafeTensors.File expected;
            try {
                expected = ReferenceSafeTensors.decode(bytes);
            } catch (ReferenceSafeTensors.Rejected e) {
                expected = null;
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            SafeTensors.Contents actual;
            try {
                actual = SafeTensors.read(file);
            } catch (IllegalArgumentException e) {
                if (expected != null) {
                    fail(what + ": the reference loads it but SafeTensors refuses it: " + e.getMessage(), e);
                }
                assertTrue(e.getMessage().startsWith("SafeTensors.read: " + file + ": "), what + ": " + e.getMessage());
                continue;
            } finally {
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                Files.delete(file);
                assertTrue(allocated <= FIXED_ALLOCATION + ALLOCATION_PER_BYTE * bytes.length,
                        what + ": allocated " + allocated + " bytes");
            }
            if (expected == null) {
                fail(what + ": the reference refuses it but SafeTensors loads it");
            }
            assertSameAsReference(expected, actual, what);
            loaded++;
        }
        // the mutations must exercise both outcomes, not only refusals
        assertTrue(loaded > CASES / 20, "only " + loaded + " of " + CASES + " mutants loaded");
    }
}
