package dev.nabla.cuda;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The backend's one cuDNN handle, bound to its stream and shared by {@link CudnnConvolution} and
 * {@link CudnnRecurrence}, with the status check and the tensor-descriptor helpers both use.
 */
final class CudnnHandle implements AutoCloseable {

    private final CudnnLibrary library;
    private final Pointer handle;

    /** Creates the handle and sets {@code stream} as the one its work goes to. */
    CudnnHandle(CudnnLibrary library, DevicePointers.Stream stream) {
        this.library = library;
        PointerByReference ref = new PointerByReference();
        check("cudnnCreate", library.cudnnCreate(ref));
        handle = ref.getValue();
        check("cudnnSetStream", library.cudnnSetStream(handle, new Pointer(stream.handle())));
    }

    /** The binding. */
    CudnnLibrary library() {
        return library;
    }

    /** The {@code cudnnHandle_t}. */
    Pointer pointer() {
        return handle;
    }

    /** Throws {@link IllegalStateException} naming {@code call} and cuDNN's text for {@code status} unless it is 0. */
    void check(String call, int status) {
        if (status != 0) {
            throw new IllegalStateException(call + " failed: cudnnStatus_t " + status + " ("
                    + library.cudnnGetErrorString(status) + ")");
        }
    }

    /** As {@link #check(String, int)}, the message ending with what was being run ({@code subject}). */
    void check(String call, int status, Object subject) {
        if (status != 0) {
            check(call + " for " + subject, status);
        }
    }

    /**
     * A created, unset tensor descriptor (for cuDNN to describe something in, or for the caller to set);
     * {@code subject} names what it is for in an error.
     */
    Pointer createTensor(Object subject) {
        PointerByReference ref = new PointerByReference();
        check("cudnnCreateTensorDescriptor", library.cudnnCreateTensorDescriptor(ref), subject);
        return ref.getValue();
    }

    /** A tensor descriptor of {@code dims} and {@code strides}; nothing is left behind when setting it fails. */
    Pointer tensor(int dataType, int[] dims, int[] strides, Object subject) {
        Pointer desc = createTensor(subject);
        int status = library.cudnnSetTensorNdDescriptor(desc, dataType, dims.length, dims, strides);
        if (status != 0) {
            library.cudnnDestroyTensorDescriptor(desc);
            check("cudnnSetTensorNdDescriptor", status, subject);
        }
        return desc;
    }

    /** Destroys a tensor descriptor; null is ignored. */
    void destroyTensor(Pointer desc) {
        if (desc != null) {
            library.cudnnDestroyTensorDescriptor(desc);
        }
    }

    @Override
    public void close() {
        check("cudnnDestroy", library.cudnnDestroy(handle));
    }
}
