package dev.nabla.cuda;

import dev.nabla.DeviceType;
import dev.nabla.backend.Backend;
import dev.nabla.backend.BackendProvider;
import dev.nabla.backend.Probe;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CUDA backend's entry in {@link java.util.ServiceLoader}. Loading this class touches no
 * native code; the first {@link #probe()} runs the {@link CudaProbe} once and logs what serves
 * GEMM, convolution and RNNs.
 */
public final class CudaBackendProvider implements BackendProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CudaBackendProvider.class);

    private final Supplier<CudaProbe> probeFactory;
    private final Consumer<String> report;
    private volatile CudaProbe.Result result;

    /** The provider {@link java.util.ServiceLoader} instantiates: probes this machine and logs what it found. */
    public CudaBackendProvider() {
        this(CudaProbe::system, LOG::info);
    }

    /**
     * A provider whose probe is supplied (tests simulate machines with it).
     *
     * @param report receives the lines describing a usable installation (the device, what serves GEMM,
     *     convolution and RNNs): a simulated machine's report stays out of the log
     */
    public CudaBackendProvider(Supplier<CudaProbe> probeFactory, Consumer<String> report) {
        this.probeFactory = probeFactory;
        this.report = report;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public DeviceType deviceType() {
        return DeviceType.CUDA;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Probe probe() {
        return result().probe();
    }

    /** Everything the probe found (run once, then cached). */
    public CudaProbe.Result result() {
        CudaProbe.Result r = result;
        if (r == null) {
            synchronized (this) {
                if (result == null) {
                    result = runProbe();
                }
                r = result;
            }
        }
        return r;
    }

    private CudaProbe.Result runProbe() {
        CudaProbe.Result r = probeFactory.get().run();
        if (r.probe().usable()) {
            report.accept("CUDA: " + r.probe().reason());
            if (r.libraries() != null) {
                r.libraries().reportLines().forEach(line -> report.accept("CUDA " + line));
            }
        } else {
            LOG.debug("CUDA unusable: {}", r.probe().reason());
        }
        return r;
    }

    /**
     * Creates the backend of device {@code index}.
     *
     * @throws IllegalStateException when the probe failed (with its reason)
     * @throws IllegalArgumentException when no such device exists
     */
    @Override
    public Backend create(int index) {
        CudaProbe.Result r = result();
        if (!r.probe().usable()) {
            throw new IllegalStateException("CudaBackendProvider.create: CUDA is not usable: " + r.probe().reason());
        }
        if (index < 0 || index >= r.devices().size()) {
            throw new IllegalArgumentException("CudaBackendProvider.create: no device cuda:" + index + " ("
                    + r.devices().size() + " found)");
        }
        return new CudaBackend(r.devices().get(index), r.libraries());
    }
}
