package dev.defactify.training.train;

import java.util.Locale;

/** The update rules training offers. */
public enum OptimizerKind {
    /** Adam with decoupled weight decay (Loshchilov &amp; Hutter), the default. */
    ADAMW,
    /** SGD with (heavy-ball) momentum and decoupled weight decay. */
    SGD;

    public static OptimizerKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown optimizer '" + text + "'; expected adamw or sgd", e);
        }
    }
}
