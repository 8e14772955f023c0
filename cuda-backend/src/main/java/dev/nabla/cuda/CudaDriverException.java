package dev.nabla.cuda;

/** A CUDA driver call returned an error code. */
public final class CudaDriverException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;
    private final String codeName;

    /**
     * @param call the driver function, e.g. {@code cuInit}
     * @param code the {@code CUresult}
     * @param codeName the code's symbolic name, e.g. {@code CUDA_ERROR_NO_DEVICE}
     */
    public CudaDriverException(String call, int code, String codeName) {
        super(call + " failed: " + codeName + " (" + code + ")");
        this.call = call;
        this.code = code;
        this.codeName = codeName;
    }

    /** The driver function that failed. */
    public String call() {
        return call;
    }

    /** The numeric {@code CUresult}. */
    public int code() {
        return code;
    }

    /** The symbolic name of the result, e.g. {@code CUDA_ERROR_NO_DEVICE}. */
    public String codeName() {
        return codeName;
    }
}
