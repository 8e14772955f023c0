package dev.nabla.cuda;

/**
 * The outcome of looking for one native library.
 *
 * @param soname the library asked for, e.g. {@code libcublas.so.12}
 * @param found whether it loaded and exports every required symbol
 * @param location what to load it by: a path, or the bare name when the dynamic linker resolved it; null when not found
 * @param failure why it is unusable (null when found)
 */
public record LibraryLookup(String soname, boolean found, String location, String failure) {

    /** A library that loaded from {@code location}. */
    public static LibraryLookup found(String soname, String location) {
        return new LibraryLookup(soname, true, location, null);
    }

    /** A library that is absent or unusable, with the reason. */
    public static LibraryLookup missing(String soname, String failure) {
        return new LibraryLookup(soname, false, null, failure);
    }

    /** {@code "libcublas.so.13 at /usr/local/cuda/lib64/libcublas.so.13"} or {@code "libcublas.so.12 unavailable (...)"}. */
    public String describe() {
        if (!found) {
            return soname + " unavailable (" + failure + ")";
        }
        return location.equals(soname) ? soname + " (resolved by the dynamic linker)" : soname + " at " + location;
    }
}
