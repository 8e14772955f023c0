package dev.nabla.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorSummaryTest {

    @Test
    void picksTheDynamicLinkerLineOutOfJcudasNestedTraces() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver\"\n"
                + "Operating system name: Linux\n"
                + "java.lang.UnsatisfiedLinkError: no JCudaDriver-12.6.0-linux-x86_64 in java.library.path: /usr/lib\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: "
                + "cannot open shared object file: No such file or directory\n\tat somewhere");
        assertEquals("UnsatisfiedLinkError: libcuda.so.1: cannot open shared object file: No such file or directory",
                ErrorSummary.of(e));
        UnsatisfiedLinkError direct = new UnsatisfiedLinkError("/tmp/libJCublas2.so: libcublas.so.12: cannot open "
                + "shared object file: No such file or directory");
        assertEquals("UnsatisfiedLinkError: libcublas.so.12: cannot open shared object file: No such file or directory",
                ErrorSummary.of(direct));
    }

    @Test
    void otherwiseKeepsTheFirstLine() {
        assertEquals("NoClassDefFoundError: Could not initialize class jcuda.driver.JCudaDriver",
                ErrorSummary.of(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver\nmore")));
        assertEquals("IllegalStateException", ErrorSummary.of(new IllegalStateException()));
    }
}
