package dev.defactify.training.progress;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Decides whether a redrawn progress bar would display properly, or just litter a log with frames. */
final class TerminalDetection {

    private TerminalDetection() {
    }

    static boolean standardOutputIsInteractive() {
        return isInteractive(isTerminal(System.console()), System.getenv("TERM"));
    }

    /** Emacs shells and some CI runners set TERM=dumb: a terminal that cannot move the cursor. */
    static boolean isInteractive(boolean consoleIsTerminal, String term) {
        return consoleIsTerminal && !"dumb".equalsIgnoreCase(term);
    }

    /**
     * Up to JDK 21 a console exists only when stdin and stdout are terminals. From JDK 22 one exists
     * even when output is redirected, and {@code Console.isTerminal()} (absent from our release-21 API,
     * hence the reflection) tells the two apart.
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }
}
