package dev.nabla.cuda;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;

/**
 * A thin JNA binding to the cuDNN 9 C API ({@code libcudnn.so.9}): the legacy convolution,
 * pooling and softmax calls and the v8 RNN API (without dropout: one layer per call), all of which
 * cuDNN 9 keeps. (jcudnn on Maven Central binds cuDNN 8 only.) Every function returns a {@code cudnnStatus_t} (0 = success)
 * unless stated; descriptors and handles are opaque pointers created through a
 * {@link PointerByReference}; data arguments are device addresses as {@code new Pointer(address)};
 * {@code alpha}/{@code beta} point to host scalars ({@code float[1]} for float and half data,
 * {@code double[1]} for double); {@code size_t} maps to Java {@code long} (64-bit platforms only).
 */
public interface CudnnLibrary extends Library {

    /** {@code CUDNN_DATA_FLOAT}. */
    int DATA_FLOAT = 0;
    /** {@code CUDNN_DATA_DOUBLE}. */
    int DATA_DOUBLE = 1;
    /** {@code CUDNN_TENSOR_NCHW}. */
    int TENSOR_NCHW = 0;
    /** {@code CUDNN_CROSS_CORRELATION}: the "convolution" of deep-learning frameworks. */
    int CROSS_CORRELATION = 1;
    /** {@code CUDNN_DEFAULT_MATH}. */
    int DEFAULT_MATH = 0;
    /** {@code CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION}: FP32 data may run as TF32. */
    int TENSOR_OP_MATH_ALLOW_CONVERSION = 2;
    /** {@code CUDNN_FMA_MATH}: no tensor-core conversions of FP32 data. */
    int FMA_MATH = 3;
    /** {@code CUDNN_POOLING_MAX}. */
    int POOLING_MAX = 0;
    /** {@code CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING}. */
    int POOLING_AVERAGE_INCLUDE_PADDING = 1;
    /** {@code CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING}. */
    int POOLING_AVERAGE_EXCLUDE_PADDING = 2;
    /** {@code CUDNN_NOT_PROPAGATE_NAN}. */
    int NOT_PROPAGATE_NAN = 0;
    /** {@code CUDNN_SOFTMAX_ACCURATE}. */
    int SOFTMAX_ACCURATE = 1;
    /** {@code CUDNN_SOFTMAX_LOG}. */
    int SOFTMAX_LOG = 2;
    /** {@code CUDNN_SOFTMAX_MODE_CHANNEL}: softmax over dimension 1 of an N-d tensor. */
    int SOFTMAX_MODE_CHANNEL = 1;
    /** {@code CUDNN_RNN_ALGO_STANDARD}. */
    int RNN_ALGO_STANDARD = 0;
    /** {@code CUDNN_RNN_RELU}. */
    int RNN_RELU = 0;
    /** {@code CUDNN_RNN_TANH}. */
    int RNN_TANH = 1;
    /** {@code CUDNN_LSTM}. */
    int LSTM = 2;
    /** {@code CUDNN_GRU}. */
    int GRU = 3;
    /** {@code CUDNN_RNN_NO_BIAS}. */
    int RNN_NO_BIAS = 0;
    /** {@code CUDNN_RNN_DOUBLE_BIAS}: separate input and recurrent biases, as PyTorch has. */
    int RNN_DOUBLE_BIAS = 2;
    /** {@code CUDNN_UNIDIRECTIONAL}. */
    int UNIDIRECTIONAL = 0;
    /** {@code CUDNN_BIDIRECTIONAL}. */
    int BIDIRECTIONAL = 1;
    /** {@code CUDNN_LINEAR_INPUT}. */
    int LINEAR_INPUT = 0;
    /** {@code CUDNN_RNN_DATA_LAYOUT_SEQ_MAJOR_UNPACKED}. */
    int RNN_DATA_SEQ_MAJOR_UNPACKED = 0;
    /** {@code CUDNN_FWD_MODE_INFERENCE}. */
    int FWD_MODE_INFERENCE = 0;
    /** {@code CUDNN_FWD_MODE_TRAINING}. */
    int FWD_MODE_TRAINING = 1;
    /** {@code CUDNN_WGRAD_MODE_ADD}: backward-weights accumulates into dweightSpace. */
    int WGRAD_MODE_ADD = 0;
    /** {@code CUDNN_RNN_PADDED_IO_ENABLED} aux flag: unpacked (padded) data layouts. */
    int RNN_PADDED_IO_ENABLED = 1;

    /** The symbols the convolution and pooling path needs. */
    List<String> CONV_SYMBOLS = List.of("cudnnGetVersion", "cudnnCreate", "cudnnDestroy", "cudnnSetStream",
            "cudnnCreateTensorDescriptor", "cudnnSetTensorNdDescriptor", "cudnnDestroyTensorDescriptor",
            "cudnnCreateFilterDescriptor", "cudnnSetFilterNdDescriptor", "cudnnDestroyFilterDescriptor",
            "cudnnCreateConvolutionDescriptor", "cudnnSetConvolutionNdDescriptor", "cudnnSetConvolutionGroupCount",
            "cudnnSetConvolutionMathType", "cudnnDestroyConvolutionDescriptor",
            "cudnnGetConvolutionForwardAlgorithm_v7", "cudnnGetConvolutionBackwardDataAlgorithm_v7",
            "cudnnGetConvolutionBackwardFilterAlgorithm_v7", "cudnnGetConvolutionForwardWorkspaceSize",
            "cudnnGetConvolutionBackwardDataWorkspaceSize", "cudnnGetConvolutionBackwardFilterWorkspaceSize",
            "cudnnConvolutionForward", "cudnnConvolutionBackwardData", "cudnnConvolutionBackwardFilter",
            "cudnnConvolutionBackwardBias", "cudnnCreatePoolingDescriptor", "cudnnSetPoolingNdDescriptor",
            "cudnnDestroyPoolingDescriptor", "cudnnPoolingForward", "cudnnPoolingBackward");

    /** The additional symbols the RNN path needs. */
    List<String> RNN_SYMBOLS = List.of("cudnnGetTensorNdDescriptor", "cudnnCreateRNNDescriptor",
            "cudnnSetRNNDescriptor_v8", "cudnnDestroyRNNDescriptor", "cudnnCreateRNNDataDescriptor",
            "cudnnSetRNNDataDescriptor", "cudnnDestroyRNNDataDescriptor", "cudnnGetRNNWeightSpaceSize",
            "cudnnGetRNNTempSpaceSizes", "cudnnGetRNNWeightParams", "cudnnRNNForward", "cudnnRNNBackwardData_v8",
            "cudnnRNNBackwardWeights_v8");

    // ---- library and handle ----

    /** {@code size_t cudnnGetVersion(void)}: e.g. 90100 for 9.1.0; needs no GPU. Returns the version, not a status. */
    long cudnnGetVersion();

    /** {@code const char *cudnnGetErrorString(cudnnStatus_t status)}; returns the text, not a status. */
    String cudnnGetErrorString(int status);

    /** {@code cudnnCreate(cudnnHandle_t *handle)}. */
    int cudnnCreate(PointerByReference handle);

    /** {@code cudnnDestroy(cudnnHandle_t handle)}. */
    int cudnnDestroy(Pointer handle);

    /** {@code cudnnSetStream(cudnnHandle_t handle, cudaStream_t streamId)}. */
    int cudnnSetStream(Pointer handle, Pointer stream);

    // ---- tensor, filter and convolution descriptors ----

    /** {@code cudnnCreateTensorDescriptor(cudnnTensorDescriptor_t *tensorDesc)}. */
    int cudnnCreateTensorDescriptor(PointerByReference tensorDesc);

    /** {@code cudnnSetTensorNdDescriptor(desc, cudnnDataType_t dataType, int nbDims, const int dimA[], const int strideA[])}. */
    int cudnnSetTensorNdDescriptor(Pointer tensorDesc, int dataType, int nbDims, int[] dims, int[] strides);

    /**
     * {@code cudnnGetTensorNdDescriptor(const cudnnTensorDescriptor_t tensorDesc, int nbDimsRequested,
     * cudnnDataType_t *dataType, int *nbDims, int dimA[], int strideA[])}: reads a descriptor back (the RNN
     * path checks the weight shapes cuDNN reports); {@code dims} and {@code strides} hold
     * {@code nbDimsRequested} elements.
     */
    int cudnnGetTensorNdDescriptor(Pointer tensorDesc, int nbDimsRequested, IntByReference dataType,
                                   IntByReference nbDims, int[] dims, int[] strides);

    /** {@code cudnnDestroyTensorDescriptor(cudnnTensorDescriptor_t tensorDesc)}. */
    int cudnnDestroyTensorDescriptor(Pointer tensorDesc);

    /** {@code cudnnCreateFilterDescriptor(cudnnFilterDescriptor_t *filterDesc)}. */
    int cudnnCreateFilterDescriptor(PointerByReference filterDesc);

    /** {@code cudnnSetFilterNdDescriptor(desc, cudnnDataType_t dataType, cudnnTensorFormat_t format, int nbDims, const int filterDimA[])}. */
    int cudnnSetFilterNdDescriptor(Pointer filterDesc, int dataType, int format, int nbDims, int[] filterDims);

    /** {@code cudnnDestroyFilterDescriptor(cudnnFilterDescriptor_t filterDesc)}. */
    int cudnnDestroyFilterDescriptor(Pointer filterDesc);

    /** {@code cudnnCreateConvolutionDescriptor(cudnnConvolutionDescriptor_t *convDesc)}. */
    int cudnnCreateConvolutionDescriptor(PointerByReference convDesc);

    /**
     * {@code cudnnSetConvolutionNdDescriptor(convDesc, int arrayLength, const int padA[],
     * const int filterStrideA[], const int dilationA[], cudnnConvolutionMode_t mode, cudnnDataType_t computeType)}.
     */
    int cudnnSetConvolutionNdDescriptor(Pointer convDesc, int arrayLength, int[] pad, int[] stride, int[] dilation,
                                        int mode, int computeType);

    /** {@code cudnnSetConvolutionGroupCount(convDesc, int groupCount)}. */
    int cudnnSetConvolutionGroupCount(Pointer convDesc, int groupCount);

    /** {@code cudnnSetConvolutionMathType(convDesc, cudnnMathType_t mathType)}. */
    int cudnnSetConvolutionMathType(Pointer convDesc, int mathType);

    /** {@code cudnnDestroyConvolutionDescriptor(cudnnConvolutionDescriptor_t convDesc)}. */
    int cudnnDestroyConvolutionDescriptor(Pointer convDesc);

    // ---- convolution algorithms and workspaces ----

    /**
     * {@code cudnnGetConvolutionForwardAlgorithm_v7(handle, xDesc, wDesc, convDesc, yDesc,
     * int requestedAlgoCount, int *returnedAlgoCount, cudnnConvolutionFwdAlgoPerf_t *perfResults)}.
     */
    int cudnnGetConvolutionForwardAlgorithm_v7(Pointer handle, Pointer xDesc, Pointer wDesc, Pointer convDesc,
                                               Pointer yDesc, int requested, IntByReference returned,
                                               ConvolutionAlgoPerf[] perf);

    /** {@code cudnnGetConvolutionBackwardDataAlgorithm_v7(handle, wDesc, dyDesc, convDesc, dxDesc, requested, *returned, *perf)}. */
    int cudnnGetConvolutionBackwardDataAlgorithm_v7(Pointer handle, Pointer wDesc, Pointer dyDesc, Pointer convDesc,
                                                    Pointer dxDesc, int requested, IntByReference returned,
                                                    ConvolutionAlgoPerf[] perf);

    /** {@code cudnnGetConvolutionBackwardFilterAlgorithm_v7(handle, xDesc, dyDesc, convDesc, dwDesc, requested, *returned, *perf)}. */
    int cudnnGetConvolutionBackwardFilterAlgorithm_v7(Pointer handle, Pointer xDesc, Pointer dyDesc,
                                                      Pointer convDesc, Pointer dwDesc, int requested,
                                                      IntByReference returned, ConvolutionAlgoPerf[] perf);

    /** {@code cudnnGetConvolutionForwardWorkspaceSize(handle, xDesc, wDesc, convDesc, yDesc, algo, size_t *sizeInBytes)}. */
    int cudnnGetConvolutionForwardWorkspaceSize(Pointer handle, Pointer xDesc, Pointer wDesc, Pointer convDesc,
                                                Pointer yDesc, int algo, LongByReference sizeInBytes);

    /** {@code cudnnGetConvolutionBackwardDataWorkspaceSize(handle, wDesc, dyDesc, convDesc, dxDesc, algo, size_t *sizeInBytes)}. */
    int cudnnGetConvolutionBackwardDataWorkspaceSize(Pointer handle, Pointer wDesc, Pointer dyDesc, Pointer convDesc,
                                                     Pointer dxDesc, int algo, LongByReference sizeInBytes);

    /** {@code cudnnGetConvolutionBackwardFilterWorkspaceSize(handle, xDesc, dyDesc, convDesc, dwDesc, algo, size_t *sizeInBytes)}. */
    int cudnnGetConvolutionBackwardFilterWorkspaceSize(Pointer handle, Pointer xDesc, Pointer dyDesc,
                                                       Pointer convDesc, Pointer dwDesc, int algo,
                                                       LongByReference sizeInBytes);

    // ---- convolution ----

    /**
     * {@code cudnnConvolutionForward(handle, const void *alpha, xDesc, const void *x, wDesc, const void *w,
     * convDesc, algo, void *workSpace, size_t workSpaceSizeInBytes, const void *beta, yDesc, void *y)}.
     */
    int cudnnConvolutionForward(Pointer handle, Pointer alpha, Pointer xDesc, Pointer x, Pointer wDesc, Pointer w,
                                Pointer convDesc, int algo, Pointer workSpace, long workSpaceBytes, Pointer beta,
                                Pointer yDesc, Pointer y);

    /**
     * {@code cudnnConvolutionBackwardData(handle, alpha, wDesc, w, dyDesc, dy, convDesc, algo, workSpace,
     * workSpaceSizeInBytes, beta, dxDesc, dx)}.
     */
    int cudnnConvolutionBackwardData(Pointer handle, Pointer alpha, Pointer wDesc, Pointer w, Pointer dyDesc,
                                     Pointer dy, Pointer convDesc, int algo, Pointer workSpace, long workSpaceBytes,
                                     Pointer beta, Pointer dxDesc, Pointer dx);

    /**
     * {@code cudnnConvolutionBackwardFilter(handle, alpha, xDesc, x, dyDesc, dy, convDesc, algo, workSpace,
     * workSpaceSizeInBytes, beta, dwDesc, dw)}.
     */
    int cudnnConvolutionBackwardFilter(Pointer handle, Pointer alpha, Pointer xDesc, Pointer x, Pointer dyDesc,
                                       Pointer dy, Pointer convDesc, int algo, Pointer workSpace, long workSpaceBytes,
                                       Pointer beta, Pointer dwDesc, Pointer dw);

    /** {@code cudnnConvolutionBackwardBias(handle, alpha, dyDesc, dy, beta, dbDesc, db)}. */
    int cudnnConvolutionBackwardBias(Pointer handle, Pointer alpha, Pointer dyDesc, Pointer dy, Pointer beta,
                                     Pointer dbDesc, Pointer db);

    // ---- pooling and softmax ----

    /** {@code cudnnCreatePoolingDescriptor(cudnnPoolingDescriptor_t *poolingDesc)}. */
    int cudnnCreatePoolingDescriptor(PointerByReference poolingDesc);

    /**
     * {@code cudnnSetPoolingNdDescriptor(poolingDesc, cudnnPoolingMode_t mode, cudnnNanPropagation_t
     * maxpoolingNanOpt, int nbDims, const int windowDimA[], const int paddingA[], const int strideA[])}.
     */
    int cudnnSetPoolingNdDescriptor(Pointer poolingDesc, int mode, int nanOpt, int nbDims, int[] window,
                                    int[] padding, int[] stride);

    /** {@code cudnnDestroyPoolingDescriptor(cudnnPoolingDescriptor_t poolingDesc)}. */
    int cudnnDestroyPoolingDescriptor(Pointer poolingDesc);

    /** {@code cudnnPoolingForward(handle, poolingDesc, alpha, xDesc, x, beta, yDesc, y)}. */
    int cudnnPoolingForward(Pointer handle, Pointer poolingDesc, Pointer alpha, Pointer xDesc, Pointer x,
                            Pointer beta, Pointer yDesc, Pointer y);

    /** {@code cudnnPoolingBackward(handle, poolingDesc, alpha, yDesc, y, dyDesc, dy, xDesc, x, beta, dxDesc, dx)}. */
    int cudnnPoolingBackward(Pointer handle, Pointer poolingDesc, Pointer alpha, Pointer yDesc, Pointer y,
                             Pointer dyDesc, Pointer dy, Pointer xDesc, Pointer x, Pointer beta, Pointer dxDesc,
                             Pointer dx);

    /** {@code cudnnSoftmaxForward(handle, cudnnSoftmaxAlgorithm_t algo, cudnnSoftmaxMode_t mode, alpha, xDesc, x, beta, yDesc, y)}. */
    int cudnnSoftmaxForward(Pointer handle, int algo, int mode, Pointer alpha, Pointer xDesc, Pointer x,
                            Pointer beta, Pointer yDesc, Pointer y);

    /** {@code cudnnSoftmaxBackward(handle, algo, mode, alpha, yDesc, y, dyDesc, dy, beta, dxDesc, dx)}. */
    int cudnnSoftmaxBackward(Pointer handle, int algo, int mode, Pointer alpha, Pointer yDesc, Pointer y,
                             Pointer dyDesc, Pointer dy, Pointer beta, Pointer dxDesc, Pointer dx);

    // ---- RNN (v8 API) ----

    /** {@code cudnnCreateRNNDescriptor(cudnnRNNDescriptor_t *rnnDesc)}. */
    int cudnnCreateRNNDescriptor(PointerByReference rnnDesc);

    /**
     * {@code cudnnSetRNNDescriptor_v8(rnnDesc, cudnnRNNAlgo_t algo, cudnnRNNMode_t cellMode,
     * cudnnRNNBiasMode_t biasMode, cudnnDirectionMode_t dirMode, cudnnRNNInputMode_t inputMode,
     * cudnnDataType_t dataType, cudnnDataType_t mathPrec, cudnnMathType_t mathType, int32_t inputSize,
     * int32_t hiddenSize, int32_t projSize, int32_t numLayers, cudnnDropoutDescriptor_t dropoutDesc,
     * uint32_t auxFlags)}; {@code dropoutDesc} may be NULL for one layer (no dropout between layers).
     */
    int cudnnSetRNNDescriptor_v8(Pointer rnnDesc, int algo, int cellMode, int biasMode, int dirMode, int inputMode,
                                 int dataType, int mathPrec, int mathType, int inputSize, int hiddenSize,
                                 int projSize, int numLayers, Pointer dropoutDesc, int auxFlags);

    /** {@code cudnnDestroyRNNDescriptor(cudnnRNNDescriptor_t rnnDesc)}. */
    int cudnnDestroyRNNDescriptor(Pointer rnnDesc);

    /** {@code cudnnCreateRNNDataDescriptor(cudnnRNNDataDescriptor_t *rnnDataDesc)}. */
    int cudnnCreateRNNDataDescriptor(PointerByReference rnnDataDesc);

    /**
     * {@code cudnnSetRNNDataDescriptor(rnnDataDesc, cudnnDataType_t dataType, cudnnRNNDataLayout_t layout,
     * int maxSeqLength, int batchSize, int vectorSize, const int seqLengthArray[], void *paddingFill)};
     * {@code seqLengthArray} is a host array here, {@code paddingFill} a host scalar of the data type.
     */
    int cudnnSetRNNDataDescriptor(Pointer rnnDataDesc, int dataType, int layout, int maxSeqLength, int batchSize,
                                  int vectorSize, int[] seqLengths, Pointer paddingFill);

    /** {@code cudnnDestroyRNNDataDescriptor(cudnnRNNDataDescriptor_t rnnDataDesc)}. */
    int cudnnDestroyRNNDataDescriptor(Pointer rnnDataDesc);

    /** {@code cudnnGetRNNWeightSpaceSize(handle, rnnDesc, size_t *weightSpaceSize)}. */
    int cudnnGetRNNWeightSpaceSize(Pointer handle, Pointer rnnDesc, LongByReference weightSpaceSize);

    /**
     * {@code cudnnGetRNNTempSpaceSizes(handle, rnnDesc, cudnnForwardMode_t fwdMode,
     * cudnnRNNDataDescriptor_t xDesc, size_t *workSpaceSize, size_t *reserveSpaceSize)}.
     */
    int cudnnGetRNNTempSpaceSizes(Pointer handle, Pointer rnnDesc, int fwdMode, Pointer xDesc,
                                  LongByReference workSpaceSize, LongByReference reserveSpaceSize);

    /**
     * {@code cudnnGetRNNWeightParams(handle, rnnDesc, int32_t pseudoLayer, size_t weightSpaceSize,
     * const void *weightSpace, int32_t linLayerID, cudnnTensorDescriptor_t mDesc, void **mAddr,
     * cudnnTensorDescriptor_t bDesc, void **bAddr)}: where one gate's matrix and bias live in the weight space.
     */
    int cudnnGetRNNWeightParams(Pointer handle, Pointer rnnDesc, int pseudoLayer, long weightSpaceSize,
                                Pointer weightSpace, int linLayerId, Pointer mDesc, PointerByReference mAddr,
                                Pointer bDesc, PointerByReference bAddr);

    /**
     * {@code cudnnRNNForward(handle, rnnDesc, cudnnForwardMode_t fwdMode, const int32_t devSeqLengths[],
     * xDesc, const void *x, yDesc, void *y, hDesc, const void *hx, void *hy, cDesc, const void *cx,
     * void *cy, size_t weightSpaceSize, const void *weightSpace, size_t workSpaceSize, void *workSpace,
     * size_t reserveSpaceSize, void *reserveSpace)}; {@code devSeqLengths} is a device array.
     */
    int cudnnRNNForward(Pointer handle, Pointer rnnDesc, int fwdMode, Pointer devSeqLengths, Pointer xDesc,
                        Pointer x, Pointer yDesc, Pointer y, Pointer hDesc, Pointer hx, Pointer hy, Pointer cDesc,
                        Pointer cx, Pointer cy, long weightSpaceSize, Pointer weightSpace, long workSpaceSize,
                        Pointer workSpace, long reserveSpaceSize, Pointer reserveSpace);

    /**
     * {@code cudnnRNNBackwardData_v8(handle, rnnDesc, const int32_t devSeqLengths[], yDesc, const void *y,
     * const void *dy, xDesc, void *dx, hDesc, const void *hx, const void *dhy, void *dhx, cDesc,
     * const void *cx, const void *dcy, void *dcx, size_t weightSpaceSize, const void *weightSpace,
     * size_t workSpaceSize, void *workSpace, size_t reserveSpaceSize, void *reserveSpace)}.
     */
    int cudnnRNNBackwardData_v8(Pointer handle, Pointer rnnDesc, Pointer devSeqLengths, Pointer yDesc, Pointer y,
                                Pointer dy, Pointer xDesc, Pointer dx, Pointer hDesc, Pointer hx, Pointer dhy,
                                Pointer dhx, Pointer cDesc, Pointer cx, Pointer dcy, Pointer dcx,
                                long weightSpaceSize, Pointer weightSpace, long workSpaceSize, Pointer workSpace,
                                long reserveSpaceSize, Pointer reserveSpace);

    /**
     * {@code cudnnRNNBackwardWeights_v8(handle, rnnDesc, cudnnWgradMode_t addGrad,
     * const int32_t devSeqLengths[], xDesc, const void *x, hDesc, const void *hx, yDesc, const void *y,
     * size_t weightSpaceSize, void *dweightSpace, size_t workSpaceSize, void *workSpace,
     * size_t reserveSpaceSize, void *reserveSpace)}.
     */
    int cudnnRNNBackwardWeights_v8(Pointer handle, Pointer rnnDesc, int addGrad, Pointer devSeqLengths,
                                   Pointer xDesc, Pointer x, Pointer hDesc, Pointer hx, Pointer yDesc, Pointer y,
                                   long weightSpaceSize, Pointer dweightSpace, long workSpaceSize, Pointer workSpace,
                                   long reserveSpaceSize, Pointer reserveSpace);
}
