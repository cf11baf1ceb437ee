package dev.defactify.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void parsesFolderNamesInAnyCase() {
        assertEquals(Split.TRAIN, Split.parse("train"));
        assertEquals(Split.VAL, Split.parse(" VAL "));
        assertEquals(Split.TEST, Split.parse("Test"));
    }

    @Test
    void folderNamesAreLowerCase() {
        assertEquals("train", Split.TRAIN.folderName());
        assertEquals("val", Split.VAL.folderName());
        assertEquals("test", Split.TEST.folderName());
    }

    @Test
    void unknownSplitIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Split.parse("validation"));
        assertTrue(error.getMessage().contains("'validation'"), error.getMessage());
        assertTrue(error.getMessage().contains("train, val, test"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.parse(null));
    }
}
