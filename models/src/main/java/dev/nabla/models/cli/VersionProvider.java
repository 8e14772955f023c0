package dev.nabla.models.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code nabla --version}: the version Maven built the artifacts with, from a resource the build
 * fills in ({@code version.properties}), so it can never disagree with the jars.
 */
final class VersionProvider implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"nabla " + version()};
    }

    /** The artifacts' version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("nabla: the build left out " + RESOURCE);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("nabla: cannot read " + RESOURCE, e);
        }
        return properties.getProperty("version");
    }
}
