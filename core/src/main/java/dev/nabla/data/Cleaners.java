package dev.nabla.data;

import java.lang.ref.Cleaner;

/** The one {@link Cleaner} of the data package: a single daemon thread that stops abandoned prefetchers. */
final class Cleaners {

    static final Cleaner SHARED = Cleaner.create(r -> {
        Thread t = new Thread(r, "nabla-data-cleaner");
        t.setDaemon(true);
        return t;
    });

    private Cleaners() {
    }
}
