package dev.defactify.training.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TerminalDetectionTest {

    @Test
    void aRealTerminalGetsABar() {
        assertTrue(TerminalDetection.isInteractive(true, "xterm-256color"));
        assertTrue(TerminalDetection.isInteractive(true, null));
    }

    @Test
    void redirectedOutputOrADumbTerminalGetsLines() {
        assertFalse(TerminalDetection.isInteractive(false, "xterm-256color"));
        assertFalse(TerminalDetection.isInteractive(true, "dumb"));
        assertFalse(TerminalDetection.isTerminal(null));
    }

    @Test
    void underTheTestRunnerOutputIsPipedSoLinesAreChosen() {
        // Surefire forks the JVM with stdout on a pipe; a bar here would mean detection is broken.
        assertInstanceOf(LineReporter.class, ProgressReporter.automatic(new CapturedOutput().stream()));
    }
}
