package dev.nabla.optim;

/**
 * A learning-rate schedule as a pure function of the base rate and the number of scheduler steps
 * taken so far; {@link LrScheduler} applies it to an optimizer. Schedules compose: a warm-up
 * hands over to another schedule.
 */
@FunctionalInterface
public interface Schedule {

    /** The learning rate after {@code t} scheduler steps, for a group whose initial rate was {@code baseLr}. */
    double lr(double baseLr, long t);

    /** The base rate at every step. */
    static Schedule constant() {
        return (base, t) -> base;
    }

    /** {@code base · γ^⌊t / stepSize⌋}: multiply by γ every {@code stepSize} steps. */
    static Schedule stepDecay(long stepSize, double gamma) {
        if (stepSize <= 0 || !(gamma > 0)) {
            throw new IllegalArgumentException("Schedule.stepDecay: need stepSize > 0 and gamma > 0, got stepSize=" + stepSize
                    + " gamma=" + gamma);
        }
        return (base, t) -> base * Math.pow(gamma, Math.floorDiv(t, stepSize));
    }

    /** {@code base · γ^t}. */
    static Schedule exponential(double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("Schedule.exponential: need gamma > 0, got " + gamma);
        }
        return (base, t) -> base * Math.pow(gamma, t);
    }

    /** {@code base / (1 + k·t)}. */
    static Schedule inverseTime(double k) {
        if (!(k >= 0)) {
            throw new IllegalArgumentException("Schedule.inverseTime: need k >= 0, got " + k);
        }
        return (base, t) -> base / (1 + k * t);
    }

    /**
     * Cosine annealing from the base rate to {@code etaMin} over {@code tMax} steps:
     * {@code etaMin + (base − etaMin)(1 + cos(π·t/tMax))/2}, staying at {@code etaMin} after {@code tMax}.
     */
    static Schedule cosine(long tMax, double etaMin) {
        if (tMax <= 0 || !(etaMin >= 0)) {
            throw new IllegalArgumentException("Schedule.cosine: need tMax > 0 and etaMin >= 0, got tMax=" + tMax
                    + " etaMin=" + etaMin);
        }
        return (base, t) -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * Math.min(t, tMax) / tMax)) / 2;
    }

    /**
     * A linear warm-up: {@code base · (s + (1 − s)·t/warmupSteps)} for {@code t < warmupSteps}
     * (s = {@code startFactor}), then {@code after} with its clock starting at 0.
     */
    static Schedule linearWarmup(long warmupSteps, double startFactor, Schedule after) {
        if (warmupSteps <= 0 || !(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("Schedule.linearWarmup: need warmupSteps > 0 and startFactor in [0, 1], got "
                    + "warmupSteps=" + warmupSteps + " startFactor=" + startFactor);
        }
        return (base, t) -> t < warmupSteps
                ? base * (startFactor + (1 - startFactor) * t / (double) warmupSteps)
                : after.lr(base, t - warmupSteps);
    }
}
