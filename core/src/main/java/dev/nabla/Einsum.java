package dev.nabla;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code einsum}, lowered to views, sums and batched matrix products (so the contractions run on the
 * backend's GEMM, and gradients of every order come from those ops). Each operand first loses its repeated
 * labels (diagonals) and the labels no other operand or the output needs (sums); the operands are then
 * contracted left to right, each pair as one batched matmul: labels both share and still need are batch
 * dimensions, labels only they share are summed by the product, the rest are its rows and columns.
 */
final class Einsum {

    /** A tensor and the label of each of its dimensions (no label twice). */
    private record Term(Tensor tensor, int[] labels) {
    }

    private Einsum() {
    }

    static Tensor einsum(String equation, Tensor... operands) {
        if (operands.length == 0) {
            throw new IllegalArgumentException("einsum: equation '" + equation + "' needs at least one operand");
        }
        Checks.sameDevice("einsum", operands);
        if (operands.length > 1) {
            for (Tensor t : operands) {
                Checks.floating("einsum", t);
            }
        }
        int[][] shapes = new int[operands.length][];
        for (int i = 0; i < operands.length; i++) {
            shapes[i] = operands[i].dims();
        }
        EinsumEquation eq = EinsumEquation.parse(equation, shapes);
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < operands.length; i++) {
            terms.add(withoutDiagonals(new Term(operands[i], eq.inputs().get(i))));
        }
        for (int i = 0; i < terms.size(); i++) {
            terms.set(i, summedExcept(terms.get(i), needed(eq.output(), terms, 0, i)));
        }
        Term result = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            result = contract(result, terms.get(i), needed(eq.output(), terms, i + 1, -1), eq.sizes());
        }
        result = summedExcept(result, eq.output());
        return result.tensor().permute(positions(result.labels(), eq.output()));
    }

    /** The output's labels and those of the terms from {@code from} on, except term {@code skip}. */
    private static int[] needed(int[] output, List<Term> terms, int from, int skip) {
        int[] needed = output.clone();
        for (int i = from; i < terms.size(); i++) {
            if (i != skip) {
                needed = concat(needed, terms.get(i).labels());
            }
        }
        return needed;
    }

    /** Replaces every repeated label by the diagonal of its two dimensions. */
    private static Term withoutDiagonals(Term term) {
        int[] labels = term.labels();
        for (int p = 0; p < labels.length; p++) {
            for (int q = p + 1; q < labels.length; q++) {
                if (labels[p] == labels[q]) {
                    int[] rest = concat(remove(labels, p, q), new int[] {labels[p]});
                    return withoutDiagonals(new Term(Views.diagonal(term.tensor(), p, q), rest));
                }
            }
        }
        return term;
    }

    /** Sums over the dimensions whose labels are not in {@code keep}. */
    private static Term summedExcept(Term term, int[] keep) {
        int[] labels = term.labels();
        int[] summed = new int[labels.length];
        int[] kept = new int[labels.length];
        int s = 0;
        int k = 0;
        for (int d = 0; d < labels.length; d++) {
            if (contains(keep, labels[d])) {
                kept[k++] = labels[d];
            } else {
                summed[s++] = d;
            }
        }
        return s == 0 ? term : new Term(term.tensor().sum(Arrays.copyOf(summed, s), false), Arrays.copyOf(kept, k));
    }

    /** The product of two terms summed over the labels they share that are not {@code needed}, as one matmul. */
    private static Term contract(Term a, Term b, int[] needed, int[] sizes) {
        int[] batch = new int[0];
        int[] summed = new int[0];
        int[] rows = new int[0];
        for (int label : a.labels()) {
            boolean shared = contains(b.labels(), label);
            if (shared && contains(needed, label)) {
                batch = concat(batch, new int[] {label});
            } else if (shared) {
                summed = concat(summed, new int[] {label});
            } else {
                rows = concat(rows, new int[] {label});
            }
        }
        int[] columns = new int[0];
        for (int label : b.labels()) {
            if (!contains(a.labels(), label)) {
                columns = concat(columns, new int[] {label});
            }
        }
        // batch dimensions of size 1 broadcast in the matmul; summed ones must be expanded to be summed
        Tensor left = matrices(a, batch, rows, summed, sizes);
        Tensor right = matrices(b, batch, summed, columns, sizes);
        Tensor product = left.matmul(right);
        int[] batchShape = Arrays.copyOf(product.dims(), batch.length);
        int[] shape = concat(batchShape, concat(sizesOf(rows, sizes), sizesOf(columns, sizes)));
        return new Term(product.reshape(shape), concat(batch, concat(rows, columns)));
    }

    /** The term as {@code [batch..., prod(first), prod(second)]}, its summed labels expanded to full size. */
    private static Tensor matrices(Term term, int[] batch, int[] first, int[] second, int[] sizes) {
        int[] order = concat(positions(term.labels(), batch),
                concat(positions(term.labels(), first), positions(term.labels(), second)));
        Tensor t = term.tensor().permute(order);
        int[] full = t.dims().clone();
        for (int d = batch.length; d < full.length; d++) {
            full[d] = sizes[term.labels()[order[d]]];
        }
        int[] shape = Arrays.copyOf(t.dims(), batch.length + 2);
        shape[batch.length] = product(sizesOf(first, sizes));
        shape[batch.length + 1] = product(sizesOf(second, sizes));
        return t.expand(full).reshape(shape);
    }

    private static int[] sizesOf(int[] labels, int[] sizes) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = sizes[labels[i]];
        }
        return out;
    }

    /** Where each of {@code wanted} sits in {@code labels}. */
    private static int[] positions(int[] labels, int[] wanted) {
        int[] out = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            for (int d = 0; d < labels.length; d++) {
                if (labels[d] == wanted[i]) {
                    out[i] = d;
                }
            }
        }
        return out;
    }

    private static int product(int[] values) {
        int p = 1;
        for (int v : values) {
            p = Math.multiplyExact(p, v);
        }
        return p;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code labels} without the entries at positions {@code p} and {@code q}. */
    private static int[] remove(int[] labels, int p, int q) {
        int[] out = new int[labels.length - 2];
        for (int d = 0, k = 0; d < labels.length; d++) {
            if (d != p && d != q) {
                out[k++] = labels[d];
            }
        }
        return out;
    }
}
