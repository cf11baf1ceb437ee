package dev.defactify.training.publish;

import java.util.Locale;
import java.util.Optional;

/**
 * When a newly published version may become {@code current.json}. The rule, exactly:
 * <ul>
 *   <li>no {@code current.json} yet: promote;</li>
 *   <li>{@code current.json} already names the candidate's version: nothing to do (counts as promoted);</li>
 *   <li>the current version has validation metrics ({@link ValidationMetrics}) and so has the candidate: promote iff
 *       candidate Task A accuracy &ge; current's <em>and</em> candidate Task B macro-F1 &ge; current's (validation
 *       split, plain {@code >=} on the recorded doubles, no tolerance: a tie is "at least as good");</li>
 *   <li>the current version has validation metrics and the candidate has none (an untrained export): refuse, since
 *       there is no evidence it is at least as good;</li>
 *   <li>the current version has none: promote (there is no bar to clear; this is how a first trained model replaces
 *       an untrained placeholder, and one placeholder another);</li>
 *   <li>{@code current.json} or its manifest is unreadable: refuse, since nothing can be compared.</li>
 * </ul>
 * {@code force} turns every refusal into a promotion; the decision line still shows the comparison.
 */
public record PromotionGate(boolean force) {

    public PromotionDecision decide(String candidateVersion, Optional<ValidationMetrics> candidate, Incumbent incumbent) {
        return switch (incumbent) {
            case Incumbent.None none -> new PromotionDecision(true, true, false,
                    "PROMOTE " + candidateVersion + ": no current.json yet (validation " + describe(candidate) + ")");
            case Incumbent.Unreadable unreadable -> verdict(false, candidateVersion, "current.json unusable ("
                    + unreadable.location() + ": " + unreadable.reason() + "), nothing to compare against");
            case Incumbent.Current current when current.version().equals(candidateVersion) ->
                    new PromotionDecision(true, false, false,
                            "ALREADY CURRENT " + candidateVersion + ": current.json already points at it");
            case Incumbent.Current current -> compare(candidateVersion, candidate, current);
        };
    }

    private PromotionDecision compare(String candidateVersion, Optional<ValidationMetrics> candidate,
                                      Incumbent.Current current) {
        String against = "current " + current.version();
        if (current.validation().isEmpty()) {
            return verdict(true, candidateVersion, against + " has no validation metrics; new has "
                    + describe(candidate));
        }
        ValidationMetrics held = current.validation().get();
        if (candidate.isEmpty()) {
            return verdict(false, candidateVersion, "new has no validation metrics, " + against + " has "
                    + describe(current.validation()));
        }
        ValidationMetrics offered = candidate.get();
        boolean taskA = offered.taskAAccuracy() >= held.taskAAccuracy();
        boolean taskB = offered.taskBMacroF1() >= held.taskBMacroF1();
        String sideBySide = String.format(Locale.ROOT,
                "validation Task A accuracy new %.4f vs current %.4f (%s), Task B macro-F1 new %.4f vs current %.4f "
                        + "(%s); %s",
                offered.taskAAccuracy(), held.taskAAccuracy(), taskA ? "ok" : "worse",
                offered.taskBMacroF1(), held.taskBMacroF1(), taskB ? "ok" : "worse", against);
        return verdict(taskA && taskB, candidateVersion, sideBySide);
    }

    /** Applies {@code force} to a comparison's outcome and words the line. */
    private PromotionDecision verdict(boolean passed, String candidateVersion, String why) {
        if (passed) {
            return new PromotionDecision(true, true, false, "PROMOTE " + candidateVersion + ": " + why);
        }
        if (force) {
            return new PromotionDecision(true, true, true, "PROMOTE (--force, gate failed) " + candidateVersion + ": "
                    + why);
        }
        return new PromotionDecision(false, false, false, "NOT PROMOTED " + candidateVersion
                + " (uploaded; current.json unchanged, --force overrides): " + why);
    }

    private static String describe(Optional<ValidationMetrics> metrics) {
        return metrics.map(m -> String.format(Locale.ROOT, "Task A accuracy %.4f, Task B macro-F1 %.4f",
                m.taskAAccuracy(), m.taskBMacroF1())).orElse("none");
    }
}
