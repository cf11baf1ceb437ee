package dev.defactify.function.scoring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecodeBudgetTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void largeDecodesWaitForMemoryAndGiveUpWithABusyError() {
        DecodeBudget budget = new DecodeBudget(100 * MIB, 50);
        DecodeBudget.Lease first = budget.admit(8_000_000);
        assertThrows(DetectorBusyException.class, () -> budget.admit(8_000_000));
        assertDoesNotThrow(() -> budget.admit(1000).close(), "small images still pass");
        first.close();
        assertDoesNotThrow(() -> budget.admit(8_000_000).close());
    }

    @Test
    void anImageLargerThanTheWholeBudgetRunsAlone() {
        DecodeBudget budget = new DecodeBudget(100 * MIB, 50);
        DecodeBudget.Lease huge = budget.admit(40_000_000);
        assertThrows(DetectorBusyException.class, () -> budget.admit(1000));
        huge.close();
        assertDoesNotThrow(() -> budget.admit(1000).close());
    }
}
