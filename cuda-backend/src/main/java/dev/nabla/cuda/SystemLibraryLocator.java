package dev.nabla.cuda;

import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real {@link NativeLibraryLocator}: looks for the file in the usual CUDA directories (so the
 * report can say where it was found), else lets the dynamic linker resolve the bare name
 * (ldconfig cache, RUNPATH), and loads it with JNA.
 */
public final class SystemLibraryLocator implements NativeLibraryLocator {

    private final List<Path> directories;

    /** A locator searching the directories derived from this process's environment. */
    public SystemLibraryLocator() {
        this(searchDirectories(System.getenv()));
    }

    /** A locator searching {@code directories} before the dynamic linker's own search. */
    SystemLibraryLocator(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /**
     * Where CUDA libraries usually live, in search order: each {@code LD_LIBRARY_PATH} entry,
     * {@code $CUDA_HOME/lib64}, {@code $CUDA_PATH/lib64}, {@code /usr/local/cuda/lib64},
     * {@code /usr/lib/x86_64-linux-gnu}, {@code /usr/lib64}.
     */
    static List<Path> searchDirectories(Map<String, String> env) {
        Set<Path> dirs = new LinkedHashSet<>();
        String ldPath = env.get("LD_LIBRARY_PATH");
        if (ldPath != null) {
            for (String entry : ldPath.split(":")) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        for (String var : List.of("CUDA_HOME", "CUDA_PATH")) {
            String home = env.get(var);
            if (home != null && !home.isBlank()) {
                dirs.add(Path.of(home, "lib64"));
            }
        }
        dirs.add(Path.of("/usr/local/cuda/lib64"));
        dirs.add(Path.of("/usr/lib/x86_64-linux-gnu"));
        dirs.add(Path.of("/usr/lib64"));
        return new ArrayList<>(dirs);
    }

    @Override
    public LibraryLookup locate(String soname, List<String> requiredSymbols) {
        String target = soname;
        for (Path dir : directories) {
            Path candidate = dir.resolve(soname);
            if (Files.exists(candidate)) {
                target = candidate.toString();
                break;
            }
        }
        try {
            NativeLibrary library = NativeLibrary.getInstance(target);
            List<String> missing = new ArrayList<>();
            for (String symbol : requiredSymbols) {
                try {
                    library.getFunction(symbol);
                } catch (UnsatisfiedLinkError e) {
                    missing.add(symbol);
                }
            }
            if (!missing.isEmpty()) {
                return LibraryLookup.missing(soname, target + " lacks " + String.join(", ", missing));
            }
            return LibraryLookup.found(soname, target);
        } catch (Throwable t) {
            return LibraryLookup.missing(soname, ErrorSummary.of(t));
        }
    }
}
