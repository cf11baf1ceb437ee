package dev.defactify.training.calibration;

import java.util.function.DoubleUnaryOperator;

/**
 * Finds the temperature {@code T} that minimises a mean negative log-likelihood {@code nll(T)} by golden-section
 * search on {@code log T} over [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}].
 *
 * <p>Why golden section: both NLLs are convex in {@code 1/T} (the logits enter linearly in {@code z/T} and the
 * logistic and softmax cross-entropies are convex in their argument), so they are unimodal in {@code log T}, and a
 * bracketing search needs no derivatives, cannot diverge or step outside the range, and runs a fixed number of
 * evaluations, so the same logits always give the same temperature. Searching on {@code log T} spends as many steps
 * between 0.1 and 1 as between 1 and 10. When the optimum lies outside the range (separable data wants
 * {@code T -> 0}) the search stops at the nearest end, which keeps the temperature finite and positive.
 */
public final class TemperatureFit {
    public static final double MIN_TEMPERATURE = 0.05;
    public static final double MAX_TEMPERATURE = 20.0;

    /** 0.618^80 of a ln(400) ≈ 6 wide bracket is ~1e-16: the result is settled to double precision. */
    private static final int ITERATIONS = 80;
    private static final double INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

    private TemperatureFit() {
    }

    /** @param nll mean negative log-likelihood as a function of the temperature */
    public static double minimise(DoubleUnaryOperator nll) {
        double lo = Math.log(MIN_TEMPERATURE);
        double hi = Math.log(MAX_TEMPERATURE);
        double a = hi - INVERSE_PHI * (hi - lo);
        double b = lo + INVERSE_PHI * (hi - lo);
        double fa = nll.applyAsDouble(Math.exp(a));
        double fb = nll.applyAsDouble(Math.exp(b));
        for (int i = 0; i < ITERATIONS; i++) {
            // Ties move the upper end down, so a flat objective (e.g. all logits zero) settles towards T = 1's side
            // deterministically rather than depending on rounding noise.
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - INVERSE_PHI * (hi - lo);
                fa = nll.applyAsDouble(Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + INVERSE_PHI * (hi - lo);
                fb = nll.applyAsDouble(Math.exp(b));
            }
        }
        double best = Math.exp((lo + hi) / 2);
        // At a boundary optimum the bracket has closed on the end: report the end itself, not exp(log(end)) ± 1 ulp.
        if (best <= MIN_TEMPERATURE * (1 + 1e-9)) {
            return MIN_TEMPERATURE;
        }
        if (best >= MAX_TEMPERATURE * (1 - 1e-9)) {
            return MAX_TEMPERATURE;
        }
        return best;
    }

    /** The binary head's temperature: minimises {@link NegativeLogLikelihood#binary}. */
    public static double binary(double[] logits, boolean[] positive) {
        return minimise(t -> NegativeLogLikelihood.binary(logits, positive, t));
    }

    /** The attribution head's temperature: minimises {@link NegativeLogLikelihood#categorical}. */
    public static double categorical(double[][] logits, int[] truth) {
        return minimise(t -> NegativeLogLikelihood.categorical(logits, truth, t));
    }
}
