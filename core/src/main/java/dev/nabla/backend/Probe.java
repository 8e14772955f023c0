package dev.nabla.backend;

/**
 * The verdict of a backend provider's probe: whether the backend can run on this machine, and why
 * not when it cannot.
 *
 * @param usable whether the backend can be created
 * @param reason a one-line human explanation (what was found, or what was missing)
 * @param deviceCount how many devices of this kind are usable (0 when not usable)
 */
public record Probe(boolean usable, String reason, int deviceCount) {

    /** A passing probe. */
    public static Probe ok(String reason, int deviceCount) {
        return new Probe(true, reason, deviceCount);
    }

    /** A failing probe with the reason. */
    public static Probe unusable(String reason) {
        return new Probe(false, reason, 0);
    }
}
