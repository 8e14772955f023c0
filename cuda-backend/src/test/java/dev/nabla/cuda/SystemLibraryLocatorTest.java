package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemLibraryLocatorTest {

    @Test
    void searchesLdLibraryPathThenCudaHomeThenStandardDirectories() {
        List<Path> dirs = SystemLibraryLocator.searchDirectories(Map.of(
                "LD_LIBRARY_PATH", "/opt/a::/opt/b", "CUDA_HOME", "/opt/cuda-13", "CUDA_PATH", "/opt/cuda-13"));
        assertEquals(List.of(Path.of("/opt/a"), Path.of("/opt/b"), Path.of("/opt/cuda-13/lib64"),
                Path.of("/usr/local/cuda/lib64"), Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64")), dirs);
        assertEquals(3, SystemLibraryLocator.searchDirectories(Map.of()).size());
    }

    @Test
    void absentLibraryIsALookupFailureNotAnError() {
        LibraryLookup lookup = new SystemLibraryLocator(List.of()).locate("libnabla-absent.so.7", List.of());
        assertFalse(lookup.found());
        assertTrue(lookup.failure().startsWith("UnsatisfiedLinkError: "), lookup.failure());
        assertTrue(lookup.failure().contains("libnabla-absent.so.7"), lookup.failure());
    }

    @Test
    void presentLibraryIsCheckedForEverySymbol() {
        SystemLibraryLocator locator = new SystemLibraryLocator(List.of());
        LibraryLookup libc = locator.locate("libc.so.6", List.of("malloc", "free"));
        assertTrue(libc.found(), libc.toString());
        assertEquals("libc.so.6 (resolved by the dynamic linker)", libc.describe());
        LibraryLookup lacking = locator.locate("libc.so.6", List.of("malloc", "cublasNoSuchFunction"));
        assertEquals("libc.so.6 lacks cublasNoSuchFunction", lacking.failure());
    }

    @Test
    void fileInASearchDirectoryIsLoadedByPath(@TempDir Path dir) throws IOException {
        Path fake = Files.writeString(dir.resolve("libcublas.so.13"), "not an ELF file");
        LibraryLookup lookup = new SystemLibraryLocator(List.of(dir)).locate("libcublas.so.13", List.of());
        assertFalse(lookup.found());
        assertTrue(lookup.failure().contains(fake.toString()), lookup.failure());
    }
}
