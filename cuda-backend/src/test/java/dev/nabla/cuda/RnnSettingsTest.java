package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.DType;
import dev.nabla.backend.fast.RecurrenceProblem;
import dev.nabla.backend.fast.RecurrentCell;
import org.junit.jupiter.api.Test;

class RnnSettingsTest {

    @Test
    void bidirectionalFloatLstmWithBiasAndLengths() {
        RnnSettings s = RnnSettings.of(new RecurrenceProblem(RecurrentCell.LSTM, DType.FLOAT32, 6, 3, 5, 4, 2, true,
                new int[] {6, 2, 4}));
        assertEquals(CudnnLibrary.LSTM, s.cellMode());
        assertEquals(2, s.cellMode(), "CUDNN_LSTM");
        assertEquals(2, s.biasMode(), "CUDNN_RNN_DOUBLE_BIAS");
        assertEquals(1, s.dirMode(), "CUDNN_BIDIRECTIONAL");
        assertEquals(0, s.dataType(), "CUDNN_DATA_FLOAT");
        assertEquals(3, s.mathType(), "CUDNN_FMA_MATH: no TF32");
        assertEquals(5, s.inputSize());
        assertEquals(4, s.hiddenSize());
        assertEquals(6, s.steps());
        assertEquals(3, s.batch());
        assertArrayEquals(new int[] {6, 2, 4}, s.seqLengths());
        assertEquals(8, s.outputSize(), "y holds both directions' H");
        assertArrayEquals(new int[] {2, 3, 4}, s.stateDims());
        assertArrayEquals(new int[] {12, 4, 1}, s.stateStrides());
    }

    @Test
    void unidirectionalDoubleGruWithoutBiasRunsEverySequenceToT() {
        RnnSettings s = RnnSettings.of(new RecurrenceProblem(RecurrentCell.GRU, DType.FLOAT64, 7, 2, 3, 5, 1, false,
                null));
        assertEquals(3, s.cellMode(), "CUDNN_GRU");
        assertEquals(0, s.biasMode(), "CUDNN_RNN_NO_BIAS");
        assertEquals(0, s.dirMode(), "CUDNN_UNIDIRECTIONAL");
        assertEquals(1, s.dataType(), "CUDNN_DATA_DOUBLE");
        assertEquals(0, s.mathType(), "CUDNN_DEFAULT_MATH");
        assertArrayEquals(new int[] {7, 7}, s.seqLengths());
        assertEquals(5, s.outputSize());
        assertArrayEquals(new int[] {1, 2, 5}, s.stateDims());
        assertArrayEquals(new int[] {10, 5, 1}, s.stateStrides());
    }

    @Test
    void plainCellsMapToTheirModes() {
        assertEquals(0, RnnSettings.of(new RecurrenceProblem(RecurrentCell.RNN_RELU, DType.FLOAT32, 1, 1, 1, 1, 1, true,
                null)).cellMode(), "CUDNN_RNN_RELU");
        assertEquals(1, RnnSettings.of(new RecurrenceProblem(RecurrentCell.RNN_TANH, DType.FLOAT32, 1, 1, 1, 1, 1, true,
                null)).cellMode(), "CUDNN_RNN_TANH");
    }

    @Test
    void integerDataIsRefused() {
        RecurrenceProblem p = new RecurrenceProblem(RecurrentCell.LSTM, DType.INT64, 2, 2, 2, 2, 1, true, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RnnSettings.of(p));
        assertEquals("cuDNN RNN: needs FLOAT32 or FLOAT64, got " + p, e.getMessage());
    }
}
