package org.domainchat.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the operating-system scheduling priority of the calling thread, for the archive's background work (the
 * database writer, the indexer, index merges, the journal's spare segment). Every message they handle is already
 * durable in the journal, so when the cores are short they should lose to the threads that deliver chat. Java's
 * {@link Thread#setPriority} does nothing on Linux without a JVM flag only root may use, so on Linux this sets the
 * thread's nice value with {@code renice} (raising one's own nice value needs no privilege). In a real Openfire
 * 5.1.1 at 1,000 msg/s, the delivery stalls behind the 99th percentile came when the database writer or a merge
 * ran while the JIT compiler had the other core.
 *
 * <p>Best effort: elsewhere, or when {@code renice} is missing, the thread keeps its priority and works the same.
 */
public final class BackgroundPriority {

    /** Nice 10: a tenth of a normal thread's share of a contended core, all of an idle one. */
    public static final int NICE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundPriority.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private BackgroundPriority() {
    }

    /** @return whether the calling thread now runs at {@link #NICE} */
    public static boolean lowerCurrentThread() {
        if (!Files.isSymbolicLink(THREAD_SELF)) {
            return false;
        }
        try {
            // "<pid>/task/<tid>": the kernel's id of this thread, which renice accepts on Linux
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return false;
            }
            return renice.exitValue() == 0;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.debug("Could not lower the priority of {}", Thread.currentThread().getName(), e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
