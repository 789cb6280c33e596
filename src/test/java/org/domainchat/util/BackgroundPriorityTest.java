package org.domainchat.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** On Linux, the archive's background threads really run at a lower priority, and only they. */
class BackgroundPriorityTest {

    /** The nice value of the calling thread, as the kernel has it (field 19 of its stat line). */
    private static int niceOfCurrentThread() throws IOException {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void lowersTheCallingThreadOnlyAndAgainIsHarmless() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "Linux only");
        int before = niceOfCurrentThread();
        assumeTrue(before < BackgroundPriority.NICE, "this test runs at nice " + before + " already");
        AtomicInteger lowered = new AtomicInteger(Integer.MIN_VALUE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread background = new Thread(() -> {
            try {
                assertTrue(BackgroundPriority.lowerCurrentThread(), "renice ran");
                assertTrue(BackgroundPriority.lowerCurrentThread(), "a second call is harmless");
                lowered.set(niceOfCurrentThread());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "background");
        background.start();
        background.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(BackgroundPriority.NICE, lowered.get(), "the background thread runs at nice 10");
        assertEquals(before, niceOfCurrentThread(), "the caller's other threads keep their priority");
    }
}
