package dev.nabla.cpu.kernels;

/**
 * Per-thread float arrays, one per slot, that grow to the largest size asked for and are then
 * reused, so kernels allocate no large scratch in steady state. Each kernel class owns its own
 * instance, so nested calls between classes never share a slot.
 */
public final class ThreadBuffers {

    private final ThreadLocal<float[][]> slots;

    /** @param count how many slots each thread has */
    public ThreadBuffers(int count) {
        this.slots = ThreadLocal.withInitial(() -> new float[count][0]);
    }

    /** The calling thread's array in {@code slot}, at least {@code size} long; its contents are left over from earlier use. */
    public float[] get(int slot, int size) {
        float[][] held = slots.get();
        if (held[slot].length < size) {
            held[slot] = new float[size];
        }
        return held[slot];
    }
}
