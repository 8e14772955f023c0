package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.DType;
import dev.nabla.backend.fast.RecurrenceProblem;
import dev.nabla.backend.fast.RecurrentCell;
import dev.nabla.cuda.RnnWeightLayout.Block;
import dev.nabla.cuda.RnnWeightLayout.LinearLayer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RnnWeightLayoutTest {

    private static RecurrenceProblem problem(RecurrentCell cell, int input, int hidden, int directions, boolean bias) {
        return new RecurrenceProblem(cell, DType.FLOAT32, 5, 3, input, hidden, directions, bias, null);
    }

    private static LinearLayer layer(int pseudoLayer, int id, Block matrix, Block bias) {
        return new LinearLayer(pseudoLayer, id, matrix, bias);
    }

    @Test
    void lstmInOneDirectionWithBias() {
        // I = 3, H = 2: W_ih [8, 3] (operand 0), W_hh [8, 2] (1), b_ih [8] (2), b_hh [8] (3); gates i, f, g, o
        assertEquals(List.of(
                layer(0, 0, new Block(0, 0, 2, 3), new Block(2, 0, 2, 1)),
                layer(0, 1, new Block(0, 6, 2, 3), new Block(2, 2, 2, 1)),
                layer(0, 2, new Block(0, 12, 2, 3), new Block(2, 4, 2, 1)),
                layer(0, 3, new Block(0, 18, 2, 3), new Block(2, 6, 2, 1)),
                layer(0, 4, new Block(1, 0, 2, 2), new Block(3, 0, 2, 1)),
                layer(0, 5, new Block(1, 4, 2, 2), new Block(3, 2, 2, 1)),
                layer(0, 6, new Block(1, 8, 2, 2), new Block(3, 4, 2, 1)),
                layer(0, 7, new Block(1, 12, 2, 2), new Block(3, 6, 2, 1))),
                RnnWeightLayout.of(problem(RecurrentCell.LSTM, 3, 2, 1, true)));
    }

    @Test
    void lstmInTwoDirectionsWithoutBias() {
        // I = 1, H = 1: per direction W_ih [4, 1], W_hh [4, 1]; the reverse direction's are operands 2 and 3
        List<LinearLayer> expected = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            for (int g = 0; g < 4; g++) {
                expected.add(layer(d, g, new Block(2 * d, g, 1, 1), null));
            }
            for (int g = 0; g < 4; g++) {
                expected.add(layer(d, 4 + g, new Block(2 * d + 1, g, 1, 1), null));
            }
        }
        assertEquals(expected, RnnWeightLayout.of(problem(RecurrentCell.LSTM, 1, 1, 2, false)));
    }

    @Test
    void gruInTwoDirectionsWithoutBias() {
        // I = 4, H = 3: W_ih [9, 4], W_hh [9, 3] per direction (operands 0, 1 forward; 2, 3 reverse); gates r, z, n
        // start 0, 12, 24 in W_ih (3 rows of 4) and 0, 9, 18 in W_hh (3 rows of 3)
        List<LinearLayer> expected = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            for (int g = 0; g < 3; g++) {
                expected.add(layer(d, g, new Block(2 * d, 12 * g, 3, 4), null));
            }
            for (int g = 0; g < 3; g++) {
                expected.add(layer(d, 3 + g, new Block(2 * d + 1, 9 * g, 3, 3), null));
            }
        }
        assertEquals(expected, RnnWeightLayout.of(problem(RecurrentCell.GRU, 4, 3, 2, false)));
    }

    @Test
    void gruInOneDirectionWithBias() {
        // I = 2, H = 2: W_ih [6, 2], W_hh [6, 2], b_ih [6], b_hh [6]; gates r, z, n
        List<LinearLayer> layers = RnnWeightLayout.of(problem(RecurrentCell.GRU, 2, 2, 1, true));
        assertEquals(6, layers.size());
        // n = tanh(W_in x + b_in + r·(W_hn h + b_hn)): W_in and b_in are linLayerID 2, W_hn and b_hn (inside r·) 5
        assertEquals(layer(0, 2, new Block(0, 8, 2, 2), new Block(2, 4, 2, 1)), layers.get(2));
        assertEquals(layer(0, 5, new Block(1, 8, 2, 2), new Block(3, 4, 2, 1)), layers.get(5));
        // r is the first block on either side, z the second
        assertEquals(layer(0, 3, new Block(1, 0, 2, 2), new Block(3, 0, 2, 1)), layers.get(3));
        assertEquals(layer(0, 1, new Block(0, 4, 2, 2), new Block(2, 2, 2, 1)), layers.get(1));
    }

    @Test
    void plainRnnsInTwoDirectionsWithBias() {
        // I = 2, H = 5: per direction W_ih [5, 2], W_hh [5, 5], b_ih [5], b_hh [5]; the reverse's are operands 4-7
        List<LinearLayer> expected = List.of(
                layer(0, 0, new Block(0, 0, 5, 2), new Block(2, 0, 5, 1)),
                layer(0, 1, new Block(1, 0, 5, 5), new Block(3, 0, 5, 1)),
                layer(1, 0, new Block(4, 0, 5, 2), new Block(6, 0, 5, 1)),
                layer(1, 1, new Block(5, 0, 5, 5), new Block(7, 0, 5, 1)));
        assertEquals(expected, RnnWeightLayout.of(problem(RecurrentCell.RNN_TANH, 2, 5, 2, true)));
        assertEquals(expected, RnnWeightLayout.of(problem(RecurrentCell.RNN_RELU, 2, 5, 2, true)));
    }

    @Test
    void plainRnnInOneDirectionWithoutBias() {
        assertEquals(List.of(layer(0, 0, new Block(0, 0, 4, 3), null), layer(0, 1, new Block(1, 0, 4, 4), null)),
                RnnWeightLayout.of(problem(RecurrentCell.RNN_RELU, 3, 4, 1, false)));
    }

    /** Every cell, direction count and bias choice: the blocks tile every tensor once, and every id appears once. */
    @Test
    void blocksTileEveryTensorExactlyOnceAndEveryLinearLayerAppearsOnce() {
        int input = 3;
        int hidden = 2;
        for (RecurrentCell cell : RecurrentCell.values()) {
            for (int directions = 1; directions <= 2; directions++) {
                for (boolean bias : new boolean[] {false, true}) {
                    RecurrenceProblem p = problem(cell, input, hidden, directions, bias);
                    String what = p.toString();
                    int g = cell.gates();
                    Map<Integer, List<Block>> byOperand = new HashMap<>();
                    Set<String> ids = new HashSet<>();
                    for (LinearLayer l : RnnWeightLayout.of(p)) {
                        assertTrue(ids.add(l.pseudoLayer() + "/" + l.linLayerId()), what + " repeats " + l);
                        boolean inputSide = l.linLayerId() < g;
                        assertEquals(inputSide ? input : hidden, l.matrix().cols(), what + " " + l);
                        assertEquals(bias, l.bias() != null, what + " " + l);
                        byOperand.computeIfAbsent(l.matrix().operand(), k -> new ArrayList<>()).add(l.matrix());
                        if (bias) {
                            byOperand.computeIfAbsent(l.bias().operand(), k -> new ArrayList<>()).add(l.bias());
                        }
                    }
                    assertEquals(directions * 2 * g, ids.size(), what);
                    assertEquals(directions * p.weightsPerDirection(), byOperand.size(), what);
                    for (int operand = 0; operand < byOperand.size(); operand++) {
                        int kind = operand % p.weightsPerDirection();
                        long size = (long) g * hidden * (kind == 0 ? input : kind == 1 ? hidden : 1);
                        List<Block> blocks = new ArrayList<>(byOperand.get(operand));
                        blocks.sort(Comparator.comparingLong(Block::offset));
                        long next = 0;
                        for (Block b : blocks) {
                            assertEquals(next, b.offset(), what + " operand " + operand);
                            next += b.elements();
                        }
                        assertEquals(size, next, what + " operand " + operand);
                    }
                }
            }
        }
    }

    @Test
    void aReportedShapeMatchesWhenItHoldsTheBlocksElements() {
        Block matrix = new Block(0, 0, 3, 4);
        assertTrue(matrix.matches(3, new int[] {1, 3, 4}));
        assertFalse(matrix.matches(3, new int[] {1, 3, 3}));
        assertFalse(matrix.matches(0, new int[] {0, 0, 0}), "no matrix");
        Block bias = new Block(2, 3, 3, 1);
        assertTrue(bias.matches(3, new int[] {1, 3, 1}));
        assertFalse(bias.matches(3, new int[] {1, 4, 1}));
        assertFalse(new Block(2, 0, 1, 1).matches(0, new int[3]), "an absent bias is no 1-element bias");
    }
}
