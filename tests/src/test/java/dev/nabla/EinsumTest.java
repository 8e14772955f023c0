package dev.nabla;

import static dev.nabla.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** einsum against hand-worked values and the ops it stands for, and its equation checks. */
class EinsumTest {

    private static final Tensor M = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);

    @Test
    void singleOperandEquations() {
        assertEquals(5, Tensor.einsum("ii->", M).item(), 0.0);
        assertEquals(5, Tensor.einsum("ii", M).item(), 0.0);
        assertArrayEquals(new double[] {1, 4}, Tensor.einsum("ii->i", M).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {1, 3, 2, 4}, Tensor.einsum("ij->ji", M).toDoubleArray(), 0.0);
        // implicit output: the labels in alphabetical order, so "ji" transposes
        assertArrayEquals(new double[] {1, 3, 2, 4}, Tensor.einsum("ji", M).toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {4, 6}, Tensor.einsum("ij->j", M).toDoubleArray(), 0.0);
        assertEquals(10, Tensor.einsum("ij->", M).item(), 0.0);
        assertEquals(Shape.of(2, 2), Tensor.einsum(" i j -> i j ", M).shape());
        Tensor ints = Tensor.einsum("ij->ji", Tensor.of(new long[] {1, 2, 3, 4}, 2, 2));
        assertEquals(DType.INT64, ints.dtype());
        assertArrayEquals(new long[] {1, 3, 2, 4}, ints.toLongArray());
        // the diagonal of a 3×3×3 arange: 0 + 13 + 26
        assertEquals(39, Tensor.einsum("iii", Tensor.arange(0, 27, 1, DType.FLOAT64, Device.CPU).reshape(3, 3, 3)).item(),
                0.0);
    }

    @Test
    void contractionsEqualTheProductsTheyStandFor() {
        Tensor a = Tensor.uniform(new Generator(1), -1, 1, DType.FLOAT64, Device.CPU, 2, 3, 4);
        Tensor b = Tensor.uniform(new Generator(2), -1, 1, DType.FLOAT64, Device.CPU, 2, 4, 5);
        assertTrue(Tensor.einsum("bij,bjk->bik", a, b).allClose(a.matmul(b), 1e-12, 1e-12));
        Tensor q = Tensor.uniform(new Generator(3), -1, 1, DType.FLOAT64, Device.CPU, 2, 2, 3, 4);
        Tensor k = Tensor.uniform(new Generator(4), -1, 1, DType.FLOAT64, Device.CPU, 2, 2, 5, 4);
        assertTrue(Tensor.einsum("bhqd,bhkd->bhqk", q, k).allClose(q.matmul(k.transpose(-1, -2)), 1e-12, 1e-12));
        assertArrayEquals(new double[] {3, 4, 6, 8}, Tensor.einsum("i,j->ij", Tensor.of(new double[] {1, 2}),
                Tensor.of(new double[] {3, 4})).toDoubleArray(), 0.0);
        Tensor v = Tensor.of(new double[] {1, 2});
        assertEquals(11, Tensor.einsum("i,i", v, Tensor.of(new double[] {3, 4})).item(), 0.0);
        // broadcast dimensions: [2, 1, 3, 4] · [3, 4, 2] -> [2, 3, 3, 2]
        Tensor x = Tensor.uniform(new Generator(5), -1, 1, DType.FLOAT64, Device.CPU, 2, 1, 3, 4);
        Tensor y = Tensor.uniform(new Generator(6), -1, 1, DType.FLOAT64, Device.CPU, 3, 4, 2);
        Tensor product = Tensor.einsum("...ij,...jk->...ik", x, y);
        assertEquals(Shape.of(2, 3, 3, 2), product.shape());
        assertTrue(product.allClose(x.matmul(y), 1e-12, 1e-12));
        // a chain and a label shared by three operands
        Tensor c = Tensor.uniform(new Generator(7), -1, 1, DType.FLOAT64, Device.CPU, 5, 2);
        assertTrue(Tensor.einsum("ij,jk,kl->il", a.select(0, 0), b.select(0, 0), c)
                .allClose(a.select(0, 0).matmul(b.select(0, 0)).matmul(c), 1e-12, 1e-12));
        Tensor u = Tensor.of(new double[] {1, 2, 3});
        assertEquals(1 + 8 + 27, Tensor.einsum("i,i,i->", u, u, u).item(), 1e-12);
        // a label of size 1 in one operand broadcasts against the other
        assertArrayEquals(new double[] {8, 12}, Tensor.einsum("ij,ij->j", M, Tensor.of(new double[] {2}, 1, 1))
                .toDoubleArray(), 0.0);
    }

    @Test
    void badEquationsAreRejected() {
        Tensor v = Tensor.zeros(DType.FLOAT64, Device.CPU, 3);
        Tensor w = Tensor.zeros(DType.FLOAT64, Device.CPU, 4);
        assertRejected("einsum: equation 'ij->j' needs at least one operand", () -> Tensor.einsum("ij->j"));
        assertRejected("einsum: equation 'i,j': 2 operand terms for 1 operands", () -> Tensor.einsum("i,j", v));
        assertRejected("einsum: equation 'ij->j': operand 0's term 'ij' names 2 dimensions but the operand has 1",
                () -> Tensor.einsum("ij->j", v));
        assertRejected("einsum: equation 'i1->i': operand 0's term 'i1' has '1'", () -> Tensor.einsum("i1->i", M));
        assertRejected("einsum: equation 'i->k': output dimension 'k' appears in no operand",
                () -> Tensor.einsum("i->k", v));
        assertRejected("einsum: equation 'ij->ii': output dimension 'i' appears more than once",
                () -> Tensor.einsum("ij->ii", M));
        assertRejected("einsum: equation 'i->i->i': '->' appears more than once", () -> Tensor.einsum("i->i->i", v));
        assertRejected("einsum: equation 'i,i': dimension 'i' has size 3 in operand 0 and 4 in operand 1",
                () -> Tensor.einsum("i,i", v, w));
        assertRejected("einsum: equation 'ii': dimension 'i' has size 2 in operand 0 and 3 in operand 0",
                () -> Tensor.einsum("ii", Tensor.zeros(DType.FLOAT64, Device.CPU, 2, 3)));
        assertRejected("einsum: equation '....i': operand 0's term '....i' has '.'", () -> Tensor.einsum("....i", v));
        assertRejected("einsum: expected a floating tensor, got int64",
                () -> Tensor.einsum("i,i", Tensor.of(new long[] {1}), Tensor.of(new long[] {1})));
    }
}
