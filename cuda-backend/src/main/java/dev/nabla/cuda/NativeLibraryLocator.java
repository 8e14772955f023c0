package dev.nabla.cuda;

import java.util.List;

/**
 * Finds and loads a native library by its versioned name. The probe and the library decision talk
 * to native code only through this interface (and {@link DriverInfo}), so tests can simulate any
 * installation: absent libraries, wrong versions, libraries missing a symbol.
 */
@FunctionalInterface
public interface NativeLibraryLocator {

    /**
     * Loads {@code soname} and checks that it exports every name in {@code requiredSymbols}.
     * Must not throw: every failure is a {@link LibraryLookup#missing(String, String)}.
     */
    LibraryLookup locate(String soname, List<String> requiredSymbols);
}
