package dev.nabla.cuda;

import dev.nabla.backend.fast.RecurrenceProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Which gate block of core's recurrent weights is which of cuDNN's linear layers. Core passes, per direction,
 * {@code W_ih [G·H, I]}, {@code W_hh [G·H, H]} and, with bias, {@code b_ih [G·H]}, {@code b_hh [G·H]}, gates
 * stacked in PyTorch's order, which is cuDNN's too. cuDNN numbers a direction's linear layers input side
 * first: {@code linLayerID} g is gate g applied to the input ({@code W_ih}, {@code b_ih}) and G + g the same
 * gate applied to the hidden state ({@code W_hh}, {@code b_hh}); the pseudo-layer of a one-layer RNN is the
 * direction. Gate g is rows {@code g·H .. (g+1)·H} of each tensor: a contiguous row-major block, which is how
 * cuDNN stores a matrix in its weight space.
 */
final class RnnWeightLayout {

    private RnnWeightLayout() {
    }

    /**
     * A gate block of one weight tensor.
     *
     * @param operand the tensor's index in the operands' weight list
     * @param offset the block's first element in that tensor
     * @param rows H
     * @param cols the matrix columns (I or H), 1 for a bias
     */
    record Block(int operand, long offset, int rows, int cols) {

        /** The number of elements. */
        long elements() {
            return (long) rows * cols;
        }

        /**
         * Whether a shape cuDNN reported for this block ({@code nbDims} of {@code dims}) holds as many elements:
         * cuDNN says {@code {1, rows, cols}} for a matrix and {@code {1, rows, 1}} for a bias, and zero dimensions
         * for one that does not exist.
         */
        boolean matches(int nbDims, int[] dims) {
            if (nbDims < 1 || nbDims > dims.length) {
                return false;
            }
            long product = 1;
            for (int i = 0; i < nbDims; i++) {
                product *= dims[i];
            }
            return product == elements();
        }
    }

    /**
     * One linear layer of cuDNN: a gate's matrix and, with bias, its bias vector.
     *
     * @param pseudoLayer the direction (0 forward, 1 reverse)
     * @param linLayerId cuDNN's id of the gate on its side
     * @param matrix the block of {@code W_ih} or {@code W_hh}
     * @param bias the block of {@code b_ih} or {@code b_hh}, null without bias
     */
    record LinearLayer(int pseudoLayer, int linLayerId, Block matrix, Block bias) {
    }

    /** Every linear layer of {@code problem}, direction by direction, input side before hidden side, by gate. */
    static List<LinearLayer> of(RecurrenceProblem problem) {
        int gates = problem.cell().gates();
        int h = problem.hiddenSize();
        int perDirection = problem.weightsPerDirection();
        List<LinearLayer> layers = new ArrayList<>();
        for (int direction = 0; direction < problem.directions(); direction++) {
            int first = direction * perDirection;
            for (int side = 0; side < 2; side++) {
                // side 0: W_ih (operand first) and b_ih (first + 2); side 1: W_hh and b_hh
                int cols = side == 0 ? problem.inputSize() : h;
                for (int g = 0; g < gates; g++) {
                    Block matrix = new Block(first + side, (long) g * h * cols, h, cols);
                    Block bias = problem.bias() ? new Block(first + 2 + side, (long) g * h, h, 1) : null;
                    layers.add(new LinearLayer(direction, side * gates + g, matrix, bias));
                }
            }
        }
        return layers;
    }
}
