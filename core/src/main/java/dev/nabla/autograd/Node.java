package dev.nabla.autograd;

import dev.nabla.Tensor;

/**
 * One recorded op in the define-by-run tape: its inputs, its backward rule, and the versions of
 * the tensors the rule reads, so that an in-place change between forward and backward is caught.
 */
public final class Node {

    private final String op;
    private final Tensor[] inputs;
    private final Tensor[] saved;
    private final int[] savedVersions;
    private Backward backward;

    Node(String op, Tensor[] inputs, Backward backward, Tensor[] saved) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.saved = saved;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i].version();
        }
    }

    /** The op's name, e.g. {@code "matmul"}. */
    public String op() {
        return op;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Tensor[] run(Tensor grad) {
        if (backward == null) {
            throw new IllegalStateException("backward: trying to backward through the graph a second time (op '" + op
                    + "'); its buffers were freed after the first backward — pass retainGraph=true to keep them");
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i].version() != savedVersions[i]) {
                throw new IllegalStateException("backward: a tensor of shape " + saved[i].shape() + " needed by '" + op
                        + "' was modified by an in-place operation after it was used (version " + savedVersions[i]
                        + " expected, " + saved[i].version() + " found)");
            }
        }
        Tensor[] grads = backward.apply(grad);
        if (grads.length != inputs.length) {
            throw new IllegalStateException("backward of '" + op + "' returned " + grads.length + " gradients for "
                    + inputs.length + " inputs");
        }
        return grads;
    }

    void release() {
        backward = null;
    }

    @Override
    public String toString() {
        return "Node(" + op + ")";
    }
}
