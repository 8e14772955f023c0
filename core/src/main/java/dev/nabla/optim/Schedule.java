package dev.nabla.optim;

import java.util.Arrays;
import java.util.List;

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

    /**
     * PyTorch's {@code LinearLR}: the factor moves linearly from {@code startFactor} to {@code endFactor} over
     * {@code totalIters} steps, then stays: {@code base · (s + (e − s)·min(t, totalIters)/totalIters)}.
     */
    static Schedule linear(double startFactor, double endFactor, long totalIters) {
        if (!(startFactor > 0 && startFactor <= 1) || !(endFactor >= 0 && endFactor <= 1) || totalIters <= 0) {
            throw new IllegalArgumentException("Schedule.linear: need startFactor in (0, 1], endFactor in [0, 1] and "
                    + "totalIters > 0, got startFactor=" + startFactor + " endFactor=" + endFactor + " totalIters="
                    + totalIters);
        }
        return (base, t) -> base * (startFactor + (endFactor - startFactor) * Math.min(t, totalIters) / totalIters);
    }

    /** PyTorch's {@code PolynomialLR}: {@code base · (1 − min(t, totalIters)/totalIters)^power}, 0 from then on. */
    static Schedule polynomial(long totalIters, double power) {
        if (totalIters <= 0 || !(power >= 0)) {
            throw new IllegalArgumentException("Schedule.polynomial: need totalIters > 0 and power >= 0, got totalIters="
                    + totalIters + " power=" + power);
        }
        return (base, t) -> base * Math.pow(1 - (double) Math.min(t, totalIters) / totalIters, power);
    }

    /**
     * PyTorch's {@code CosineAnnealingWarmRestarts}: cosine annealing from the base rate to {@code etaMin} over a
     * period that starts at {@code t0} steps and is multiplied by {@code tMult} at every restart (when the rate
     * jumps back to the base).
     */
    static Schedule cosineWarmRestarts(long t0, long tMult, double etaMin) {
        if (t0 <= 0 || tMult < 1 || !(etaMin >= 0)) {
            throw new IllegalArgumentException("Schedule.cosineWarmRestarts: need t0 > 0, an integer tMult >= 1 and etaMin"
                    + " >= 0, got t0=" + t0 + " tMult=" + tMult + " etaMin=" + etaMin);
        }
        return (base, t) -> {
            long tCur = t;
            long period = t0;
            while (tCur >= period) {
                tCur -= period;
                period *= tMult;
            }
            return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / period)) / 2;
        };
    }

    /**
     * PyTorch's {@code OneCycleLR} with the group's base rate as the peak ({@code max_lr}): from
     * {@code base/divFactor} up to the base over the first {@code pctStart} of {@code totalSteps}, then down to
     * {@code base/divFactor/finalDivFactor}; with {@code threePhase} back to {@code base/divFactor} over a second
     * equal stretch before the final descent. Each stretch follows a half cosine or, with {@code cosine} false, a
     * line. Only the rate cycles (PyTorch also cycles momentum). The rates of steps 0 to {@code totalSteps - 1} are
     * PyTorch's; step {@code totalSteps}, whose rate no update uses, holds the final rate where PyTorch
     * extrapolates past it (to a negative rate with linear annealing); later steps are an error, as in PyTorch.
     */
    static Schedule oneCycle(long totalSteps, double pctStart, boolean cosine, double divFactor, double finalDivFactor,
            boolean threePhase) {
        if (totalSteps <= 0 || !(pctStart > 0 && pctStart < 1) || !(divFactor > 0) || !(finalDivFactor > 0)) {
            throw new IllegalArgumentException("Schedule.oneCycle: need totalSteps > 0, pctStart in (0, 1) and positive "
                    + "factors, got totalSteps=" + totalSteps + " pctStart=" + pctStart + " divFactor=" + divFactor
                    + " finalDivFactor=" + finalDivFactor);
        }
        double rise = pctStart * totalSteps - 1;
        double[] ends = threePhase ? new double[] {rise, 2 * pctStart * totalSteps - 2, totalSteps - 1.0}
                : new double[] {rise, totalSteps - 1.0};
        return (base, t) -> {
            if (t > totalSteps) {
                throw new IllegalArgumentException("Schedule.oneCycle: step " + t + " is past the " + totalSteps
                        + " total steps");
            }
            double initial = base / divFactor;
            double[] levels = threePhase ? new double[] {initial, base, initial, initial / finalDivFactor}
                    : new double[] {initial, base, initial / finalDivFactor};
            double start = 0;
            int phase = 0;
            while (phase < ends.length - 1 && t > ends[phase]) {
                start = ends[phase];
                phase++;
            }
            // the last phase ends at totalSteps - 1; PyTorch extrapolates one step past it (negative when linear)
            double pct = Math.min(1, (t - start) / (ends[phase] - start));
            double from = levels[phase];
            double to = levels[phase + 1];
            return cosine ? to + (from - to) / 2 * (Math.cos(Math.PI * pct) + 1) : (to - from) * pct + from;
        };
    }

    /** {@link #oneCycle(long, double, boolean, double, double, boolean)} with PyTorch's defaults (30 %, cosine, 25, 1e4). */
    static Schedule oneCycle(long totalSteps) {
        return oneCycle(totalSteps, 0.3, true, 25, 1e4, false);
    }

    /**
     * PyTorch's {@code SequentialLR}: {@code schedules[i]} runs from {@code milestones[i-1]} (0 for the first) with
     * its own clock starting at 0 there.
     *
     * @param milestones strictly increasing positive steps, one fewer than the schedules
     */
    static Schedule sequential(List<Schedule> schedules, long... milestones) {
        if (schedules.isEmpty() || milestones.length != schedules.size() - 1) {
            throw new IllegalArgumentException("Schedule.sequential: need one milestone fewer than schedules, got "
                    + schedules.size() + " schedules and " + milestones.length + " milestones");
        }
        for (int i = 0; i < milestones.length; i++) {
            if (milestones[i] <= (i == 0 ? 0 : milestones[i - 1])) {
                throw new IllegalArgumentException("Schedule.sequential: milestones must be positive and strictly increasing,"
                        + " got " + Arrays.toString(milestones));
            }
        }
        List<Schedule> parts = List.copyOf(schedules);
        return (base, t) -> {
            int i = 0;
            while (i < milestones.length && t >= milestones[i]) {
                i++;
            }
            return parts.get(i).lr(base, i == 0 ? t : t - milestones[i - 1]);
        };
    }
}
