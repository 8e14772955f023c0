package dev.nabla.models.cli;

import dev.nabla.models.train.CheckpointCadence;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked as they are parsed, so that an error names the one value given. */
final class Converters {

    private Converters() {
    }

    /** A whole number of at least 1. */
    static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 1, "a positive whole number");
        }
    }

    /** A whole number of at least 0. */
    static final class NonNegativeInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 0, "a whole number of at least 0");
        }
    }

    /** A finite number above 0. */
    static final class PositiveNumber implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new TypeConversionException("'" + value + "' is not a positive number");
            }
            return d;
        }
    }

    /** A step count or a duration ({@link CheckpointCadence#parse}). */
    static final class Cadence implements ITypeConverter<CheckpointCadence> {
        @Override
        public CheckpointCadence convert(String value) {
            try {
                return CheckpointCadence.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static int atLeast(String value, int min, String what) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new TypeConversionException("'" + value + "' is not " + what);
    }
}
