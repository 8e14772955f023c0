package dev.nabla.cpu;

/**
 * The error function to about 1e-15 relative accuracy: a Maclaurin series for |x| &lt; 2.5 and a
 * continued fraction for erfc beyond (Abramowitz and Stegun 7.1.5 and 7.1.14).
 */
final class Erf {

    private static final double TWO_OVER_SQRT_PI = 2.0 / Math.sqrt(Math.PI);

    private Erf() {
    }

    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r = a < 2.5 ? series(a) : 1.0 - erfcContinuedFraction(a);
        return Math.copySign(r, x);
    }

    private static double series(double x) {
        // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 100; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    private static double erfcContinuedFraction(double x) {
        if (x > 27) {
            return 0;
        }
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated bottom-up
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
