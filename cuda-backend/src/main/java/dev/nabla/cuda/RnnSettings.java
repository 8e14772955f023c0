package dev.nabla.cuda;

import dev.nabla.DType;
import dev.nabla.backend.fast.RecurrenceProblem;

/**
 * The arguments of the cuDNN descriptors for one {@link RecurrenceProblem} (one layer, no dropout, no
 * projection), computed without a GPU. {@code x [T, B, I]} and {@code y [T, B, D·H]} are sequence-major
 * unpacked (padded) data; the states {@code [D, B, H]} are dense 3-d tensors.
 *
 * @param cellMode {@code cudnnRNNMode_t}
 * @param biasMode {@code CUDNN_RNN_DOUBLE_BIAS} or {@code CUDNN_RNN_NO_BIAS}
 * @param dirMode {@code CUDNN_UNIDIRECTIONAL} or {@code CUDNN_BIDIRECTIONAL}
 * @param dataType {@code CUDNN_DATA_FLOAT} or {@code CUDNN_DATA_DOUBLE}, also the math precision
 * @param mathType {@code CUDNN_FMA_MATH} for float (true FP32: {@code CUDNN_DEFAULT_MATH} would let Ampere and
 *     later GPUs run TF32), {@code CUDNN_DEFAULT_MATH} for double
 * @param inputSize I
 * @param hiddenSize H, also the projection size (no projection)
 * @param steps T, the data descriptors' maximum sequence length
 * @param batch B
 * @param seqLengths each sequence's length, for the data descriptors and (uploaded) the calls
 * @param outputSize the output vector size D·H
 * @param stateDims {@code {D, B, H}}
 * @param stateStrides {@code {B·H, H, 1}}
 */
record RnnSettings(int cellMode, int biasMode, int dirMode, int dataType, int mathType, int inputSize, int hiddenSize,
        int steps, int batch, int[] seqLengths, int outputSize, int[] stateDims, int[] stateStrides) {

    /** The settings of {@code p}. */
    static RnnSettings of(RecurrenceProblem p) {
        int cellMode = switch (p.cell()) {
            case RNN_RELU -> CudnnLibrary.RNN_RELU;
            case RNN_TANH -> CudnnLibrary.RNN_TANH;
            case LSTM -> CudnnLibrary.LSTM;
            case GRU -> CudnnLibrary.GRU;
        };
        boolean single = p.dtype() == DType.FLOAT32;
        if (!single && p.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("cuDNN RNN: needs FLOAT32 or FLOAT64, got " + p);
        }
        int d = p.directions();
        int b = p.batch();
        int h = p.hiddenSize();
        return new RnnSettings(cellMode, p.bias() ? CudnnLibrary.RNN_DOUBLE_BIAS : CudnnLibrary.RNN_NO_BIAS,
                d == 2 ? CudnnLibrary.BIDIRECTIONAL : CudnnLibrary.UNIDIRECTIONAL,
                single ? CudnnLibrary.DATA_FLOAT : CudnnLibrary.DATA_DOUBLE,
                single ? CudnnLibrary.FMA_MATH : CudnnLibrary.DEFAULT_MATH, p.inputSize(), h, p.steps(), b,
                p.sequenceLengths(), d * h, new int[] {d, b, h}, new int[] {b * h, h, 1});
    }
}
