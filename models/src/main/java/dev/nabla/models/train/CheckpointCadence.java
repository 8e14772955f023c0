package dev.nabla.models.train;

import java.time.Duration;
import java.util.Locale;

/**
 * How often a run saves a checkpoint inside an epoch, besides at the end of every epoch and on a
 * stop: every so many steps, or once so much time has passed since the last save. The saves fall
 * between steps, where resuming is exact; a time cadence only decides after which step.
 *
 * @param steps save after this many steps since the last save (0: never by count)
 * @param interval save once this much time has passed since the last save (null: never by time)
 */
public record CheckpointCadence(long steps, Duration interval) {

    /** No saves inside an epoch. */
    public static final CheckpointCadence EPOCHS_ONLY = new CheckpointCadence(0, null);

    /** Validates the fields. */
    public CheckpointCadence {
        if (steps < 0 || (interval != null && (interval.isNegative() || interval.isZero()))) {
            throw new IllegalArgumentException("checkpoint cadence: need a positive step count or duration, got "
                    + (interval != null ? interval : steps));
        }
    }

    /**
     * Parses {@code N} (steps) or a duration {@code Ns}, {@code Nm}, {@code Nh} (e.g. {@code 500},
     * {@code 90s}, {@code 10m}).
     *
     * @throws IllegalArgumentException naming the text for anything else, zero or negative
     */
    public static CheckpointCadence parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
            if (Character.isDigit(unit)) {
                long steps = Long.parseLong(s);
                if (steps > 0) {
                    return new CheckpointCadence(steps, null);
                }
            } else if (unit == 's' || unit == 'm' || unit == 'h') {
                long amount = Long.parseLong(s.substring(0, s.length() - 1));
                if (amount > 0) {
                    return new CheckpointCadence(0, unit == 's' ? Duration.ofSeconds(amount)
                            : unit == 'm' ? Duration.ofMinutes(amount) : Duration.ofHours(amount));
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // the message below says what is accepted
        }
        throw new IllegalArgumentException("'" + text + "' is neither a positive step count (500) nor a positive "
                + "duration (90s, 10m, 2h)");
    }

    /** Whether a save is due after {@code stepsSinceSave} steps and {@code nanosSinceSave} nanoseconds. */
    public boolean due(long stepsSinceSave, long nanosSinceSave) {
        return (steps > 0 && stepsSinceSave >= steps)
                || (interval != null && Duration.ofNanos(nanosSinceSave).compareTo(interval) >= 0);
    }
}
