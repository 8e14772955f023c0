package dev.nabla.autograd;

import dev.nabla.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the tape backwards: topological order, gradient summation, leaf accumulation. */
final class Engine {

    private Engine() {
    }

    /**
     * Propagates {@code seeds} from {@code roots}. When {@code targets} is null, gradients of
     * leaves are accumulated into their {@code .grad} and the leaves that received one are returned;
     * otherwise the gradients of the targets are returned (in target order, {@code null} where
     * unreachable) and no {@code .grad} changes.
     */
    static Tensor[] run(Tensor[] roots, Tensor[] seeds, Tensor[] targets, boolean retainGraph, boolean createGraph) {
        List<Tensor> order = topologicalOrder(roots);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        for (int i = 0; i < roots.length; i++) {
            accumulate(grads, roots[i], seeds[i]);
        }
        Set<Tensor> targetSet = Collections.newSetFromMap(new IdentityHashMap<>());
        if (targets != null) {
            Collections.addAll(targetSet, targets);
        }
        Map<Tensor, Tensor> targetGrads = new IdentityHashMap<>();
        List<Tensor> accumulated = new ArrayList<>();
        try (GradMode ignored = GradMode.set(createGraph)) {
            for (Tensor t : order) {
                Tensor g = grads.remove(t);
                if (g == null) {
                    continue;
                }
                if (targetSet.contains(t)) {
                    targetGrads.put(t, g);
                }
                Node node = t.gradFn();
                if (node == null) {
                    if (targets == null) {
                        t.accumulateGrad(g, createGraph);
                        accumulated.add(t);
                    }
                    continue;
                }
                Tensor[] inputGrads = node.run(g);
                // a recorded backward pass refers to this graph, so createGraph keeps it (as in PyTorch)
                if (!retainGraph && !createGraph) {
                    node.release();
                }
                Tensor[] inputs = node.inputs();
                for (int i = 0; i < inputs.length; i++) {
                    Tensor in = inputs[i];
                    if (in != null && in.requiresGrad() && inputGrads[i] != null) {
                        accumulate(grads, in, conform(node, in, inputGrads[i]));
                    }
                }
            }
        }
        if (targets == null) {
            return accumulated.toArray(new Tensor[0]);
        }
        Tensor[] out = new Tensor[targets.length];
        for (int i = 0; i < targets.length; i++) {
            out[i] = targetGrads.get(targets[i]);
        }
        return out;
    }

    /** Casts a gradient to its input's dtype and checks its shape, so a buggy rule fails loudly. */
    private static Tensor conform(Node node, Tensor input, Tensor grad) {
        if (!grad.shape().equals(input.shape())) {
            throw new IllegalStateException("backward of '" + node.op() + "' produced a gradient of shape " + grad.shape()
                    + " for an input of shape " + input.shape());
        }
        return grad.dtype() == input.dtype() ? grad : grad.to(input.dtype());
    }

    private static void accumulate(Map<Tensor, Tensor> grads, Tensor t, Tensor g) {
        grads.merge(t, g, Tensor::add);
    }

    /** Tensors reachable from the roots through grad functions, each after all its consumers. */
    private static List<Tensor> topologicalOrder(Tensor[] roots) {
        List<Tensor> postOrder = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (visited.add(root)) {
                stack.push(new Object[] {root, 0});
            }
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                Tensor t = (Tensor) frame[0];
                int next = (Integer) frame[1];
                Node node = t.gradFn();
                Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
                if (next < inputs.length) {
                    frame[1] = next + 1;
                    Tensor in = inputs[next];
                    if (in != null && in.requiresGrad() && visited.add(in)) {
                        stack.push(new Object[] {in, 0});
                    }
                } else {
                    stack.pop();
                    postOrder.add(t);
                }
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
