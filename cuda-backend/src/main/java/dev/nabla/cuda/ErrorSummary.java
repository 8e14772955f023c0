package dev.nabla.cuda;

/**
 * Turns a native-loading failure into one readable line. JCuda's {@link UnsatisfiedLinkError}s
 * carry whole nested stack traces in their message; the line that matters is the dynamic
 * linker's ("libcuda.so.1: cannot open shared object file ...").
 */
final class ErrorSummary {

    private static final String[] LINKER_HINTS = {"cannot open shared object file", "undefined symbol",
        "version `", "wrong ELF class"};

    private ErrorSummary() {
    }

    /** {@code "UnsatisfiedLinkError: libcuda.so.1: cannot open shared object file: ..."}. */
    static String of(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        String[] lines = message.split("\\R");
        String best = lines.length == 0 ? "" : lines[0].trim();
        for (String line : lines) {
            if (containsHint(line)) {
                best = stripPathPrefix(line.trim());
                break;
            }
        }
        return t.getClass().getSimpleName() + (best.isEmpty() ? "" : ": " + best);
    }

    private static boolean containsHint(String line) {
        for (String hint : LINKER_HINTS) {
            if (line.contains(hint)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver.so: libcuda.so.1: cannot open" names the
     * missing library after the nested exception's class and the loading library's path.
     */
    private static String stripPathPrefix(String line) {
        String s = line.replaceFirst("^[\\w.$]+(Error|Exception): ", "");
        int colon = s.indexOf(": ");
        return s.startsWith("/") && colon > 0 ? s.substring(colon + 2) : s;
    }
}
