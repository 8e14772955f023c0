package dev.nabla.autograd;

import dev.nabla.Tensor;

/** Records differentiable ops on the tape. Op implementations call {@link #record}. */
public final class Graph {

    private Graph() {
    }

    /**
     * Attaches a backward rule to {@code out} when grad mode is on and an input requires a
     * gradient; otherwise returns {@code out} untouched.
     *
     * @param op the op's name, used in error messages
     * @param out the freshly computed result
     * @param inputs the op's tensor inputs, in the order the rule returns their gradients
     * @param backward the rule
     * @param saved tensors the rule reads; an in-place change to any of them before backward is an error
     */
    public static Tensor record(String op, Tensor out, Tensor[] inputs, Backward backward, Tensor... saved) {
        if (!GradMode.isEnabled() || !anyRequiresGrad(inputs)) {
            return out;
        }
        if (GradMode.isAnomalyDetectionEnabled()) {
            AnomalyCheck.check(op, out);
        }
        out.attachGradFn(new Node(op, inputs, backward, saved));
        return out;
    }

    /** Whether grad mode is on and some input requires a gradient (the op will be recorded). */
    public static boolean willRecord(Tensor... inputs) {
        return GradMode.isEnabled() && anyRequiresGrad(inputs);
    }

    private static boolean anyRequiresGrad(Tensor[] inputs) {
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }
}
