package dev.nabla.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads facts out of PTX assembly text: entry point names, parameter counts, ISA version and target. */
public final class PtxText {

    private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry ([A-Za-z_][A-Za-z0-9_]*)\\(", Pattern.MULTILINE);
    private static final Pattern VERSION = Pattern.compile("^\\.version (\\d+\\.\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern TARGET = Pattern.compile("^\\.target (\\S+)\\s*$", Pattern.MULTILINE);

    private PtxText() {
    }

    /**
     * @param ptx PTX text
     * @return the names of all visible {@code .entry} kernels, in file order
     */
    public static List<String> entryNames(String ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Counts the {@code .param} declarations of one entry point.
     *
     * @param ptx   PTX text
     * @param entry entry point name
     * @return number of kernel parameters
     * @throws IllegalArgumentException if the entry point is not in the text
     */
    public static int parameterCount(String ptx, String entry) {
        Matcher m = Pattern.compile("^\\.visible \\.entry " + Pattern.quote(entry) + "\\(([^)]*)\\)", Pattern.MULTILINE)
                .matcher(ptx);
        if (!m.find()) {
            throw new IllegalArgumentException("PtxText.parameterCount: no entry '" + entry + "' in PTX");
        }
        return (int) Pattern.compile("\\.param ").matcher(m.group(1)).results().count();
    }

    /**
     * @param ptx PTX text
     * @return the value of the {@code .version} directive, e.g. {@code "8.0"}
     * @throws IllegalArgumentException if there is none
     */
    public static String isaVersion(String ptx) {
        return directive(VERSION, ptx, "version");
    }

    /**
     * @param ptx PTX text
     * @return the value of the {@code .target} directive, e.g. {@code "sm_75"}
     * @throws IllegalArgumentException if there is none
     */
    public static String target(String ptx) {
        return directive(TARGET, ptx, "target");
    }

    private static String directive(Pattern pattern, String ptx, String what) {
        Matcher m = pattern.matcher(ptx);
        if (!m.find()) {
            throw new IllegalArgumentException("PtxText." + what + ": no ." + what + " directive in PTX");
        }
        return m.group(1);
    }
}
