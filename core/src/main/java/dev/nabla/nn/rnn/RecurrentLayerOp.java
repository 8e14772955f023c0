package dev.nabla.nn.rnn;

import dev.nabla.Tensor;
import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.autograd.Graph;
import dev.nabla.backend.fast.RecurrenceKernel;
import dev.nabla.backend.fast.RecurrenceProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One recurrent layer (all its directions) over whole sequences as one differentiable op: run by the
 * backend's {@link RecurrenceKernel} when it takes the problem, else by {@link StepwiseRecurrence}. When the
 * backward pass itself is being recorded (gradients of gradients), the layer is recomputed cell by cell in
 * Tensor ops and differentiated with a graph.
 */
final class RecurrentLayerOp {

    private RecurrentLayerOp() {
    }

    /**
     * @param x the input {@code [T, B, I]}
     * @param h0 the initial hidden states {@code [D, B, H]}
     * @param c0 the initial cell states (LSTM), else null
     * @param weights per direction {@code W_ih, W_hh} and, with bias, {@code b_ih, b_hh}
     * @param mask {@code [T, B, 1]} of 0/1 in x's dtype, or null when every step is valid
     * @param lengths the sequence lengths the mask encodes (host), or null without a mask
     * @return {@code y [T, B, D·H]}, {@code hy [D, B, H]} and {@code cy} (null unless LSTM)
     */
    static Tensor[] apply(CellKind kind, Tensor x, Tensor h0, Tensor c0, Tensor[][] weights, Tensor mask,
            int[] lengths) {
        Tensor[] inputs = inputs(x, h0, c0, weights);
        boolean training = Graph.willRecord(inputs);
        LayerRecurrence recurrence = choose(kind, x, h0, weights, mask, lengths);
        Tensor[] out;
        Tensor packed;
        try (GradMode ignored = Autograd.noGradScope()) {
            out = recurrence.forward(x, h0, c0, weights, training);
            if (!training) {
                return out;
            }
            packed = pack(out);
        }
        int[][] shapes = shapes(out);
        Tensor recorded = Graph.record("recurrentLayer", packed, inputs, grad -> {
            if (GradMode.isEnabled()) {
                return composedGradients(kind, inputs, weights, mask, grad);
            }
            Tensor[] g = unpack(grad, shapes);
            return recurrence.backward(g[0], g[1], g[2]);
        }, nonNull(inputs));
        return unpack(recorded, shapes);
    }

    /** The layer cell by cell with a recorded graph: {y, hy, cy}. */
    static Tensor[] composed(CellKind kind, Tensor x, Tensor h0, Tensor c0, Tensor[][] weights, Tensor mask) {
        Tensor[] ys = new Tensor[weights.length];
        Tensor[] hy = new Tensor[weights.length];
        Tensor[] cy = new Tensor[weights.length];
        for (int d = 0; d < weights.length; d++) {
            Tensor[] w = weights[d];
            Tensor xProj = RecurrenceSteps.inputProjection(x, w);
            Tensor h = h0.select(0, d);
            Tensor c = c0 == null ? null : c0.select(0, d);
            int steps = x.size(0);
            Tensor[] outputs = new Tensor[steps];
            for (int i = 0; i < steps; i++) {
                int t = d == 1 ? steps - 1 - i : i;
                Tensor[] next = kind.step(xProj.select(0, t), h, c, w[1], RecurrenceSteps.hiddenBias(w));
                Tensor[] advanced = RecurrenceSteps.advance(mask, t, next[0], next[1], h, c);
                outputs[t] = advanced[0];
                h = advanced[1];
                c = advanced[2];
            }
            ys[d] = Tensor.stack(0, outputs);
            hy[d] = h;
            cy[d] = c;
        }
        return RecurrenceSteps.layerOutputs(ys, hy, c0 == null ? null : cy);
    }

    private static LayerRecurrence choose(CellKind kind, Tensor x, Tensor h0, Tensor[][] weights, Tensor mask,
            int[] lengths) {
        Optional<RecurrenceKernel> kernel = x.backend().fastPath(RecurrenceKernel.class);
        if (kernel.isPresent() && (mask == null || allPositive(lengths))) {
            RecurrenceProblem problem = new RecurrenceProblem(kind.cell(), x.dtype(), x.size(0),
                    x.size(1), x.size(2), h0.size(2), weights.length, weights[0].length == 4,
                    mask == null ? null : lengths);
            if (sameDtype(x, h0, weights) && kernel.get().supportsRecurrence(problem)) {
                return new KernelRecurrence(kernel.get(), problem);
            }
        }
        return new StepwiseRecurrence(kind, mask);
    }

    private static boolean allPositive(int[] lengths) {
        return lengths != null && Arrays.stream(lengths).allMatch(n -> n > 0);
    }

    private static boolean sameDtype(Tensor x, Tensor h0, Tensor[][] weights) {
        return h0.dtype() == x.dtype() && Arrays.stream(weights).flatMap(Arrays::stream)
                .allMatch(w -> w.dtype() == x.dtype());
    }

    /** The recomputed layer's gradients with a graph (for createGraph), in {@link #inputs} order. */
    private static Tensor[] composedGradients(CellKind kind, Tensor[] inputs, Tensor[][] weights, Tensor mask,
            Tensor grad) {
        Tensor packed = pack(composed(kind, inputs[0], inputs[1], inputs[2], weights, mask));
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null && inputs[i].requiresGrad()) {
                positions.add(i);
            }
        }
        Tensor[] wrt = positions.stream().map(i -> inputs[i]).toArray(Tensor[]::new);
        Tensor[] g = Autograd.grad(new Tensor[] {packed}, new Tensor[] {grad}, wrt, true, true);
        Tensor[] all = new Tensor[inputs.length];
        for (int k = 0; k < g.length; k++) {
            all[positions.get(k)] = g[k];
        }
        return all;
    }

    /** x, h0, c0 (possibly null), then every direction's weights. */
    private static Tensor[] inputs(Tensor x, Tensor h0, Tensor c0, Tensor[][] weights) {
        List<Tensor> all = new ArrayList<>(Arrays.asList(x, h0, c0));
        for (Tensor[] w : weights) {
            all.addAll(Arrays.asList(w));
        }
        return all.toArray(Tensor[]::new);
    }

    private static Tensor[] nonNull(Tensor[] tensors) {
        return Arrays.stream(tensors).filter(t -> t != null).toArray(Tensor[]::new);
    }

    /** The outputs flattened into one tensor, so one recorded op yields all three. */
    private static Tensor pack(Tensor[] out) {
        return Tensor.cat(0, Arrays.stream(out).filter(t -> t != null).map(Tensor::flatten).toArray(Tensor[]::new));
    }

    private static int[][] shapes(Tensor[] out) {
        return Arrays.stream(out).map(t -> t == null ? null : t.shape().toArray()).toArray(int[][]::new);
    }

    /** The views of a packed tensor (output or gradient) in the shapes of the three outputs. */
    private static Tensor[] unpack(Tensor packed, int[][] shapes) {
        Tensor[] parts = new Tensor[shapes.length];
        int start = 0;
        for (int i = 0; i < shapes.length; i++) {
            if (shapes[i] != null) {
                int n = Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b);
                parts[i] = packed.narrow(0, start, n).reshape(shapes[i]);
                start += n;
            }
        }
        return parts;
    }
}
