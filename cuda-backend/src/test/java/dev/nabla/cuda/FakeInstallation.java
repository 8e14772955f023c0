package dev.nabla.cuda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A simulated set of installed native libraries: each present library exports all symbols but the ones removed. */
final class FakeInstallation implements NativeLibraryLocator {

    static final String DIR = "/usr/local/cuda/lib64/";

    private final Map<String, Set<String>> absentSymbols = new HashMap<>();

    /** Adds a library exporting every symbol. */
    FakeInstallation with(String soname) {
        absentSymbols.put(soname, new HashSet<>());
        return this;
    }

    /** Adds a library that lacks {@code symbol}. */
    FakeInstallation withLacking(String soname, String symbol) {
        absentSymbols.computeIfAbsent(soname, k -> new HashSet<>()).add(symbol);
        return this;
    }

    /** The loader error message of a missing library, as the dynamic linker words it. */
    static String linkerError(String soname) {
        return "UnsatisfiedLinkError: " + soname + ": cannot open shared object file: No such file or directory";
    }

    @Override
    public LibraryLookup locate(String soname, List<String> requiredSymbols) {
        Set<String> absent = absentSymbols.get(soname);
        if (absent == null) {
            return LibraryLookup.missing(soname, linkerError(soname));
        }
        List<String> missing = new ArrayList<>(requiredSymbols);
        missing.retainAll(absent);
        return missing.isEmpty() ? LibraryLookup.found(soname, DIR + soname)
                : LibraryLookup.missing(soname, DIR + soname + " lacks " + String.join(", ", missing));
    }
}
