package org.domainchat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.domainchat.testing.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpareSegmentTest {

    @TempDir
    Path dir;

    private static boolean spareThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("domainchat-journal-spare"));
    }

    @Test
    void aSpareIsPreparedOnItsOwnThreadFullSizeWithItsHeaderAndTakenOnce() throws Exception {
        Path spareFile = dir.resolve("spare.tmp");
        Path segment = dir.resolve("journal-1.log");
        try (SpareSegment spare = new SpareSegment(spareFile, 1024 * 1024, 0x44434A31)) {
            assertFalse(spare.takeInto(segment), "nothing ready before it was asked for");
            spare.prepare();
            Waits.until(Duration.ofSeconds(20), "the spare is ready", () -> {
                try {
                    return spare.takeInto(segment);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(1024 * 1024, Files.size(segment), "zero-filled to the segment size");
            try (DataInputStream in = new DataInputStream(Files.newInputStream(segment))) {
                assertEquals(0x44434A31, in.readInt(), "starts with the journal's header");
                assertEquals(0, in.readInt(), "zeros after it");
            }
            assertFalse(Files.exists(spareFile), "moved, not copied");
            assertFalse(spare.takeInto(dir.resolve("journal-2.log")), "taken once");
            spare.prepare(); // the next one, left unfinished or finished at close
        }
        assertFalse(spareThreadAlive(), "the preparing thread stops on close");
        assertFalse(Files.exists(spareFile), "an unused spare is removed on close");
        assertTrue(Files.exists(segment));
    }
}
