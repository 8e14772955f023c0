package dev.nabla.nn.rnn;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;
import dev.nabla.backend.fast.RecurrenceKernel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-layer, optionally bidirectional recurrent layer over whole sequences, built from the
 * cell recurrence ({@link CellKind#step}); see {@link RNN}, {@link LSTM}, {@link GRU}.
 *
 * <p>Each layer is one op ({@link RecurrentLayerOp}): the backend's whole-sequence kernel where it has
 * one (cuDNN on CUDA), else core's step-by-step recurrence with a hand-written backward through time.
 * Variable-length batches: padded steps leave the state unchanged, output zeros and pass no gradient.
 */
public abstract class RecurrentLayer extends Module {

    private final CellKind kind;
    private final RecurrentOptions options;
    private final List<CellWeights> weights = new ArrayList<>();

    RecurrentLayer(CellKind kind, RecurrentOptions options) {
        this.kind = kind;
        this.options = options;
        for (int layer = 0; layer < options.numLayers(); layer++) {
            int in = layer == 0 ? options.inputSize() : options.hiddenSize() * options.directions();
            for (int dir = 0; dir < options.directions(); dir++) {
                String suffix = "_l" + layer + (dir == 1 ? "_reverse" : "");
                weights.add(CellWeights.register(this::registerParameter, suffix, kind, in, options.hiddenSize(),
                        options.bias(), options.forgetBias()));
            }
        }
    }

    /** The hyper-parameters. */
    public RecurrentOptions options() {
        return options;
    }

    /** The output sequence from zero initial state. */
    @Override
    public Tensor forward(Tensor input) {
        return run(input, null, null, null).output();
    }

    /**
     * Runs the layer.
     *
     * @param input {@code [T, B, input]} (batch-first: {@code [B, T, input]})
     * @param h0 initial hidden states {@code [layers·directions, B, H]}, or null for zeros
     * @param c0 initial LSTM cell states, same shape, or null for zeros (ignored for RNN/GRU)
     * @param lengthsOrMask null, INT64 lengths {@code [B]}, or a floating 0/1 mask laid out like
     *     the input's first two dimensions ({@code [T, B]}, batch-first {@code [B, T]}); padded
     *     steps must come after the valid ones
     */
    public RecurrentOutput run(Tensor input, Tensor h0, Tensor c0, Tensor lengthsOrMask) {
        String op = getClass().getSimpleName();
        if (input.rank() != 3 || input.size(2) != options.inputSize()) {
            throw new IllegalArgumentException(op + ": expected input " + (options.batchFirst() ? "[batch, time, " : "[time, batch, ")
                    + options.inputSize() + "], got " + input.shape());
        }
        Tensor x = options.batchFirst() ? input.transpose(0, 1) : input;
        int steps = x.size(0);
        int batch = x.size(1);
        int states = options.numLayers() * options.directions();
        StepMask stepMask = stepMask(op, lengthsOrMask, steps, batch, x.dtype());
        Tensor mask = stepMask == null ? null : stepMask.mask();
        Tensor hInit = initialState(op, "h0", h0, states, batch, x);
        Tensor cInit = kind.hasCellState() ? initialState(op, "c0", c0, states, batch, x) : null;

        int[] lengths = stepMask == null ? null : stepMask.lengths();
        if (lengths == null && mask != null && x.backend().fastPath(RecurrenceKernel.class).isPresent()) {
            lengths = hostLengths(mask);
        }

        Tensor[] hLast = new Tensor[states];
        Tensor[] cLast = new Tensor[states];
        Tensor layerInput = x;
        for (int layer = 0; layer < options.numLayers(); layer++) {
            int first = layer * options.directions();
            Tensor[][] layerWeights = new Tensor[options.directions()][];
            for (int dir = 0; dir < options.directions(); dir++) {
                layerWeights[dir] = weights.get(first + dir).tensors();
            }
            Tensor[] out = RecurrentLayerOp.apply(kind, layerInput, hInit.narrow(0, first, options.directions()),
                    cInit == null ? null : cInit.narrow(0, first, options.directions()), layerWeights, mask, lengths);
            layerInput = out[0];
            for (int dir = 0; dir < options.directions(); dir++) {
                hLast[first + dir] = out[1].select(0, dir);
                cLast[first + dir] = out[2] == null ? null : out[2].select(0, dir);
            }
            if (layer < options.numLayers() - 1 && options.dropout() > 0 && isTraining()) {
                layerInput = Functional.dropout(layerInput, options.dropout(), true);
            }
        }
        Tensor output = options.batchFirst() ? layerInput.transpose(0, 1) : layerInput;
        return new RecurrentOutput(output, Tensor.stack(0, hLast), kind.hasCellState() ? Tensor.stack(0, cLast) : null);
    }

    /**
     * The 0/1 step mask {@code [T, B, 1]} and, when it came from lengths, those lengths on the host.
     *
     * @param lengths null for a given mask
     */
    private record StepMask(Tensor mask, int[] lengths) {
    }

    /** Each sequence's length under a given mask, read back once for a backend kernel that takes host lengths (cuDNN). */
    private static int[] hostLengths(Tensor mask) {
        return Arrays.stream(mask.sum(0).flatten().toDoubleArray()).mapToInt(v -> (int) Math.round(v)).toArray();
    }

    private StepMask stepMask(String op, Tensor lengthsOrMask, int steps, int batch, DType dtype) {
        if (lengthsOrMask == null) {
            return null;
        }
        if (lengthsOrMask.dtype() == DType.INT64) {
            if (lengthsOrMask.rank() != 1 || lengthsOrMask.size(0) != batch) {
                throw new IllegalArgumentException(op + ": lengths must have shape [" + batch + "], got "
                        + lengthsOrMask.shape());
            }
            long[] values = lengthsOrMask.toLongArray(); // one read back serves the check and a backend kernel
            long longest = Arrays.stream(values).max().orElse(0);
            long shortest = Arrays.stream(values).min().orElse(0);
            if (longest > steps || shortest < 0) {
                throw new IllegalArgumentException(op + ": lengths must lie in [0, " + steps + "] (the sequence length), got "
                        + (longest > steps ? longest : shortest));
            }
            Tensor time = Tensor.arange(0, steps, 1, DType.INT64, lengthsOrMask.device()).unsqueeze(1);
            return new StepMask(time.lt(lengthsOrMask.unsqueeze(0)).to(dtype).unsqueeze(2),
                    Arrays.stream(values).mapToInt(Math::toIntExact).toArray());
        }
        Tensor m = options.batchFirst() ? lengthsOrMask.transpose(0, 1) : lengthsOrMask;
        if (m.rank() != 2 || m.size(0) != steps || m.size(1) != batch) {
            throw new IllegalArgumentException(op + ": mask must have shape " + (options.batchFirst()
                    ? "[" + batch + ", " + steps + "]" : "[" + steps + ", " + batch + "]") + ", got " + lengthsOrMask.shape());
        }
        return new StepMask(m.to(dtype).unsqueeze(2), null);
    }

    private Tensor initialState(String op, String name, Tensor given, int states, int batch, Tensor x) {
        if (given == null) {
            return Tensor.zeros(x.dtype(), x.device(), states, batch, options.hiddenSize());
        }
        if (given.rank() != 3 || given.size(0) != states || given.size(1) != batch || given.size(2) != options.hiddenSize()) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape [" + states + ", " + batch + ", "
                    + options.hiddenSize() + "], got " + given.shape());
        }
        return given;
    }
}
