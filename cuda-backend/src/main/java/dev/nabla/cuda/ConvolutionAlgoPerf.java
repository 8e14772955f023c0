package dev.nabla.cuda;

import com.sun.jna.Structure;

/**
 * {@code cudnnConvolutionFwdAlgoPerf_t}, whose layout the backward-data and backward-filter perf
 * structs share: {@code {algo, status, time, memory, determinism, mathType, reserved[3]}}. Create
 * arrays with {@code new ConvolutionAlgoPerf().toArray(n)} so JNA lays them out contiguously.
 */
@Structure.FieldOrder({"algo", "status", "time", "memory", "determinism", "mathType", "reserved"})
public class ConvolutionAlgoPerf extends Structure {

    /** The algorithm enum value to pass to the convolution call. */
    public int algo;
    /** {@code cudnnStatus_t}: 0 when the algorithm is usable for this problem. */
    public int status;
    /** Time in milliseconds, when cuDNN measured it (heuristic queries do not). */
    public float time;
    /** Workspace bytes the algorithm needs ({@code size_t}). */
    public long memory;
    /** {@code cudnnDeterminism_t}: 1 when deterministic. */
    public int determinism;
    /** {@code cudnnMathType_t} the algorithm was evaluated with. */
    public int mathType;
    /** Reserved by cuDNN. */
    public int[] reserved = new int[3];

    /** Public no-argument constructor that JNA needs for arrays. */
    public ConvolutionAlgoPerf() {
        super();
    }
}
