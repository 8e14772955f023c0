package dev.nabla.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * One kernel entry point from the manifest: the PTX module that holds it, its name, and its C parameter
 * declarations in launch order (for example {@code "const float* x"}, {@code "int n"}, {@code "NdLayout layout"}).
 *
 * @param module     PTX module name (the {@code .cu} file name without extension)
 * @param name       entry point name as it appears after {@code .entry} in the PTX
 * @param parameters C parameter declarations, in order
 */
public record KernelSignature(String module, String name, List<String> parameters) {

    /** Copies the parameter list so the record stays immutable. */
    public KernelSignature {
        parameters = List.copyOf(parameters);
    }

    /**
     * Parses one manifest line of the form {@code module name(type a, type b)}.
     *
     * @param line manifest line
     * @return the signature
     * @throws IllegalArgumentException if the line does not have that form
     */
    public static KernelSignature parse(String line) {
        int space = line.indexOf(' ');
        int open = line.indexOf('(');
        if (space <= 0 || open <= space + 1 || !line.endsWith(")")) {
            throw new IllegalArgumentException("KernelSignature.parse: malformed manifest line '" + line + "'");
        }
        String inner = line.substring(open + 1, line.length() - 1).trim();
        List<String> params = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String p : inner.split(",")) {
                params.add(p.trim());
            }
        }
        return new KernelSignature(line.substring(0, space), line.substring(space + 1, open), params);
    }

    /** @return the number of kernel arguments a launch must pass */
    public int parameterCount() {
        return parameters.size();
    }
}
