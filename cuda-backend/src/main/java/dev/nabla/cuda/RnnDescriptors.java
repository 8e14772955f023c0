package dev.nabla.cuda;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The cuDNN descriptors of one recurrence problem, made from its {@link RnnSettings} and destroyed together:
 * the RNN, the input and output sequence data, and the state tensor (used for both h and, for LSTM, c).
 */
final class RnnDescriptors implements AutoCloseable {

    /**
     * The padding symbol of the data descriptors: cuDNN writes it into y at padded steps, so they are exactly 0.
     * Eight zero bytes read as 0 in float and double; static, as cuDNN may keep the address.
     */
    private static final Memory ZERO = zero();

    private final CudnnHandle cudnn;
    private final CudnnLibrary library;
    private final RnnSettings settings;
    private final Object subject;
    /** {@code cudnnRNNDescriptor_t}. */
    Pointer rnn;
    /** The input {@code x [T, B, I]} (and its gradient). */
    Pointer x;
    /** The output {@code y [T, B, D·H]} (and its gradient). */
    Pointer y;
    /** The states {@code [D, B, H]}: h0, hy, c0, cy and their gradients. */
    Pointer state;

    /** Creates and sets all four; {@code subject} names the problem in error messages. */
    RnnDescriptors(CudnnHandle cudnn, RnnSettings settings, Object subject) {
        this.cudnn = cudnn;
        this.library = cudnn.library();
        this.settings = settings;
        this.subject = subject;
        try {
            PointerByReference ref = new PointerByReference();
            cudnn.check("cudnnCreateRNNDescriptor", library.cudnnCreateRNNDescriptor(ref), subject);
            rnn = ref.getValue();
            // one layer, so no dropout between layers (NULL descriptor); projSize = hiddenSize is no projection
            int status = library.cudnnSetRNNDescriptor_v8(rnn, CudnnLibrary.RNN_ALGO_STANDARD, settings.cellMode(),
                    settings.biasMode(), settings.dirMode(), CudnnLibrary.LINEAR_INPUT, settings.dataType(),
                    settings.dataType(), settings.mathType(), settings.inputSize(), settings.hiddenSize(),
                    settings.hiddenSize(), 1, null, CudnnLibrary.RNN_PADDED_IO_ENABLED);
            cudnn.check("cudnnSetRNNDescriptor_v8", status, subject);
            x = data(settings.inputSize());
            y = data(settings.outputSize());
            state = cudnn.tensor(settings.dataType(), settings.stateDims(), settings.stateStrides(), subject);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Pointer data(int vectorSize) {
        PointerByReference ref = new PointerByReference();
        cudnn.check("cudnnCreateRNNDataDescriptor", library.cudnnCreateRNNDataDescriptor(ref), subject);
        Pointer desc = ref.getValue();
        int status = library.cudnnSetRNNDataDescriptor(desc, settings.dataType(),
                CudnnLibrary.RNN_DATA_SEQ_MAJOR_UNPACKED, settings.steps(), settings.batch(), vectorSize,
                settings.seqLengths(), ZERO);
        if (status != 0) {
            library.cudnnDestroyRNNDataDescriptor(desc);
            cudnn.check("cudnnSetRNNDataDescriptor", status, subject);
        }
        return desc;
    }

    /** The bytes of the weight space these descriptors imply ({@code cudnnGetRNNWeightSpaceSize}). */
    long weightSpaceBytes() {
        LongByReference bytes = new LongByReference();
        cudnn.check("cudnnGetRNNWeightSpaceSize", library.cudnnGetRNNWeightSpaceSize(cudnn.pointer(), rnn, bytes),
                subject);
        return bytes.getValue();
    }

    /**
     * The workspace and reserve-space bytes of a forward in {@code fwdMode} ({@code cudnnGetRNNTempSpaceSizes});
     * the backward calls take the training sizes.
     */
    long[] tempSpaceBytes(int fwdMode) {
        LongByReference work = new LongByReference();
        LongByReference reserve = new LongByReference();
        cudnn.check("cudnnGetRNNTempSpaceSizes", library.cudnnGetRNNTempSpaceSizes(cudnn.pointer(), rnn, fwdMode, x,
                work, reserve), subject);
        return new long[] {work.getValue(), reserve.getValue()};
    }

    private static Memory zero() {
        Memory m = new Memory(Double.BYTES);
        m.clear();
        return m;
    }

    @Override
    public void close() {
        cudnn.destroyTensor(state);
        if (x != null) {
            library.cudnnDestroyRNNDataDescriptor(x);
        }
        if (y != null) {
            library.cudnnDestroyRNNDataDescriptor(y);
        }
        if (rnn != null) {
            library.cudnnDestroyRNNDescriptor(rnn);
        }
    }
}
