package dev.nabla.backend.fast;

import dev.nabla.DType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One recurrent layer over whole sequences, in one or both directions: what a {@link RecurrenceKernel} is
 * asked to run.
 *
 * @param cell the cell type
 * @param dtype the floating dtype of every operand
 * @param steps the (padded) sequence length T
 * @param batch the batch size B
 * @param inputSize the input features I
 * @param hiddenSize the hidden features H
 * @param directions 1, or 2 for a bidirectional layer (outputs concatenated forward first)
 * @param bias whether each direction has the biases {@code b_ih} and {@code b_hh}
 * @param lengths null when every sequence runs all T steps; otherwise each sequence's length in
 *     {@code [1, T]}: steps at or past it output zeros and leave the state unchanged, and the reverse
 *     direction starts at a sequence's last valid step
 */
public record RecurrenceProblem(RecurrentCell cell, DType dtype, int steps, int batch, int inputSize, int hiddenSize,
        int directions, boolean bias, int[] lengths) {

    /** Checks the sizes; lengths are copied. */
    public RecurrenceProblem {
        if (steps < 1 || batch < 1 || inputSize < 1 || hiddenSize < 1 || (directions != 1 && directions != 2)) {
            throw new IllegalArgumentException("recurrence: bad sizes steps=" + steps + " batch=" + batch + " input="
                    + inputSize + " hidden=" + hiddenSize + " directions=" + directions);
        }
        if (lengths != null) {
            if (lengths.length != batch) {
                throw new IllegalArgumentException("recurrence: " + lengths.length + " lengths for batch " + batch);
            }
            for (int length : lengths) {
                if (length < 1 || length > steps) {
                    throw new IllegalArgumentException("recurrence: length " + length + " outside [1, " + steps + "]");
                }
            }
            lengths = lengths.clone();
        }
    }

    /** A copy of the lengths, or null: the problem stays immutable. */
    @Override
    public int[] lengths() {
        return lengths == null ? null : lengths.clone();
    }

    /** Problems are equal when every size and every length is. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrenceProblem p && cell == p.cell && dtype == p.dtype && steps == p.steps
                && batch == p.batch && inputSize == p.inputSize && hiddenSize == p.hiddenSize
                && directions == p.directions && bias == p.bias && Arrays.equals(lengths, p.lengths);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(cell, dtype, steps, batch, inputSize, hiddenSize, directions, bias)
                + Arrays.hashCode(lengths);
    }

    /** The number of weight tensors per direction: {@code W_ih, W_hh} and, with bias, {@code b_ih, b_hh}. */
    public int weightsPerDirection() {
        return bias ? 4 : 2;
    }

    /** Each sequence's length: {@link #lengths} or T for every sequence. */
    public int[] sequenceLengths() {
        if (lengths != null) {
            return lengths.clone();
        }
        int[] all = new int[batch];
        Arrays.fill(all, steps);
        return all;
    }

    @Override
    public String toString() {
        return cell + " " + dtype + " T=" + steps + " B=" + batch + " I=" + inputSize + " H=" + hiddenSize + " D="
                + directions + (bias ? "" : " no-bias") + (lengths == null ? "" : " lengths=" + Arrays.toString(lengths));
    }
}
