package dev.defactify.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFieldsTest {

    @Test
    void splitsPlainFields() {
        assertEquals(List.of("a", "b", "", "d"), CsvFields.parse("a,b,,d"));
    }

    @Test
    void undoesQuotingOfCommasAndQuotes() {
        assertEquals(List.of("a, b", "say \"hi\"", "c"), CsvFields.parse("\"a, b\",\"say \"\"hi\"\"\",c"));
    }

    @Test
    void quotesOnlyWhenNeededAndRoundTrips() {
        List<String> fields = List.of("plain", "with,comma", "with \"quote\"", " padded ", "");
        String line = CsvFields.join(fields);
        assertEquals("plain,\"with,comma\",\"with \"\"quote\"\"\",\" padded \",", line);
        assertEquals(fields, CsvFields.parse(line));
    }

    @Test
    void rejectsBrokenQuoting() {
        assertThrows(IllegalArgumentException.class, () -> CsvFields.parse("\"never closed,b"));
        assertThrows(IllegalArgumentException.class, () -> CsvFields.parse("\"a\"b,c"));
        assertThrows(IllegalArgumentException.class, () -> CsvFields.parse("a\"b,c"));
    }
}
