package dev.nabla.nn.rnn;

import dev.nabla.DType;
import dev.nabla.Tensor;
import dev.nabla.nn.Functional;
import dev.nabla.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-layer, optionally bidirectional recurrent layer over whole sequences, built from the
 * cell recurrence ({@link CellKind#step}); see {@link RNN}, {@link LSTM}, {@link GRU}.
 *
 * <p>The input projection {@code x W_ihᵀ + b_ih} of every step is one matrix product per layer;
 * only the hidden projection runs step by step. Variable-length batches: padded steps leave the
 * state unchanged, output zeros and pass no gradient.
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
        Tensor mask = stepMask(op, lengthsOrMask, steps, batch, x.dtype());
        Tensor hInit = initialState(op, "h0", h0, states, batch, x);
        Tensor cInit = kind.hasCellState() ? initialState(op, "c0", c0, states, batch, x) : null;

        Tensor[] hLast = new Tensor[states];
        Tensor[] cLast = new Tensor[states];
        Tensor layerInput = x;
        for (int layer = 0; layer < options.numLayers(); layer++) {
            Tensor[] directionOutputs = new Tensor[options.directions()];
            for (int dir = 0; dir < options.directions(); dir++) {
                int s = layer * options.directions() + dir;
                Tensor[] result = runDirection(weights.get(s), layerInput, hInit.select(0, s),
                        cInit == null ? null : cInit.select(0, s), mask, dir == 1);
                directionOutputs[dir] = result[0];
                hLast[s] = result[1];
                cLast[s] = result[2];
            }
            layerInput = directionOutputs.length == 1 ? directionOutputs[0] : Tensor.cat(2, directionOutputs);
            if (layer < options.numLayers() - 1 && options.dropout() > 0 && isTraining()) {
                layerInput = Functional.dropout(layerInput, options.dropout(), true);
            }
        }
        Tensor output = options.batchFirst() ? layerInput.transpose(0, 1) : layerInput;
        return new RecurrentOutput(output, Tensor.stack(0, hLast), kind.hasCellState() ? Tensor.stack(0, cLast) : null);
    }

    /** Returns {outputs [T, B, H], final h, final c}. */
    private Tensor[] runDirection(CellWeights w, Tensor x, Tensor h, Tensor c, Tensor mask, boolean reverse) {
        int steps = x.size(0);
        Tensor xProj = w.projectInput(x);
        Tensor[] outputs = new Tensor[steps];
        for (int i = 0; i < steps; i++) {
            int t = reverse ? steps - 1 - i : i;
            Tensor[] next = w.step(kind, xProj.select(0, t), h, c);
            if (mask == null) {
                h = next[0];
                c = next[1];
                outputs[t] = h;
            } else {
                Tensor m = mask.select(0, t);
                Tensor keep = m.rsub(1);
                outputs[t] = next[0].mul(m);
                h = outputs[t].add(h.mul(keep));
                c = c == null ? null : next[1].mul(m).add(c.mul(keep));
            }
        }
        return new Tensor[] {Tensor.stack(0, outputs), h, c};
    }

    private Tensor stepMask(String op, Tensor lengthsOrMask, int steps, int batch, DType dtype) {
        if (lengthsOrMask == null) {
            return null;
        }
        if (lengthsOrMask.dtype() == DType.INT64) {
            if (lengthsOrMask.rank() != 1 || lengthsOrMask.size(0) != batch) {
                throw new IllegalArgumentException(op + ": lengths must have shape [" + batch + "], got "
                        + lengthsOrMask.shape());
            }
            long longest = (long) lengthsOrMask.max().item();
            long shortest = (long) lengthsOrMask.min().item();
            if (longest > steps || shortest < 0) {
                throw new IllegalArgumentException(op + ": lengths must lie in [0, " + steps + "] (the sequence length), got "
                        + (longest > steps ? longest : shortest));
            }
            Tensor time = Tensor.arange(0, steps, 1, DType.INT64, lengthsOrMask.device()).unsqueeze(1);
            return time.lt(lengthsOrMask.unsqueeze(0)).to(dtype).unsqueeze(2);
        }
        Tensor m = options.batchFirst() ? lengthsOrMask.transpose(0, 1) : lengthsOrMask;
        if (m.rank() != 2 || m.size(0) != steps || m.size(1) != batch) {
            throw new IllegalArgumentException(op + ": mask must have shape " + (options.batchFirst()
                    ? "[" + batch + ", " + steps + "]" : "[" + steps + ", " + batch + "]") + ", got " + lengthsOrMask.shape());
        }
        return m.to(dtype).unsqueeze(2);
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
