package org.domainchat.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.domainchat.archive.ChatLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each sender's messages in the order they were sent, on our own threads, once each is ready.
 *
 * <p>Openfire handles client stanzas on its Netty handler threads; a message the archive must hold first is taken
 * off that thread ({@link #hold}) and its delivery runs here when the journal says it is durable
 * ({@link Place#ready}). A sender's later messages queue behind it (also those that need no archiving), so nobody
 * sees a sender's messages out of order. A sender's line is served by one lane thread, chosen by the sender, so
 * deliveries of one sender never run in parallel while different senders' run on all lanes. Nothing here blocks the
 * caller: holding, marking ready and handing over to a lane are a few field updates under a per-sender lock.
 */
public final class DeliveryLines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLines.class);

    private final ConcurrentHashMap<Object, Line> lines = new ConcurrentHashMap<>();
    private final ExecutorService[] lanes;
    /** The lanes' threads: an executor counts as terminated a moment before its last thread has ended. */
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final AtomicLong delivered = new AtomicLong();
    /** Places held and not yet delivered, all senders together. */
    private final AtomicInteger backlog = new AtomicInteger();
    private final ChatBurst load = new ChatBurst(backlog::get, System::nanoTime);

    /** One sender's queue: places not yet handed to the lane, and how many the lane has but not finished. */
    private final class Line {
        final Object sender;
        final ExecutorService lane;
        final ArrayDeque<Place> waiting = new ArrayDeque<>();
        int running;
        boolean retired;

        Line(Object sender) {
            this.sender = sender;
            this.lane = lanes[Math.floorMod(sender.hashCode(), lanes.length)];
        }
    }

    /** A message's place in its sender's line. */
    public final class Place {
        private final Line line;
        private Runnable delivery;

        private Place(Line line) {
            this.line = line;
        }

        /**
         * The message can go: {@code delivery} runs on the sender's lane once everything before it in the line ran.
         * Call it once; it never blocks.
         */
        public void ready(Runnable delivery) {
            synchronized (line) {
                if (this.delivery != null) {
                    throw new IllegalStateException("already ready");
                }
                this.delivery = delivery;
                handOver(line);
            }
        }
    }

    /** @param lanes how many threads deliver; a sender always uses the same one */
    public DeliveryLines(int lanes, String threadName) {
        this.lanes = new ExecutorService[lanes];
        for (int i = 0; i < lanes; i++) {
            String name = threadName + "-" + (i + 1);
            this.lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                threads.add(t);
                return t;
            });
        }
    }

    /** A new place at the end of {@code sender}'s line (sender: anything with equals and hashCode, e.g. a JID). */
    public Place hold(Object sender) {
        while (true) {
            Line line = lines.computeIfAbsent(sender, Line::new);
            synchronized (line) {
                if (!line.retired) {
                    Place place = new Place(line);
                    line.waiting.add(place);
                    backlog.incrementAndGet();
                    return place;
                }
            }
            // the line emptied and left the map meanwhile: take the new one
        }
    }

    /** Whether {@code sender} has messages waiting or being delivered, so a new one must queue behind them. */
    public boolean busy(Object sender) {
        Line line = lines.get(sender);
        if (line == null) {
            return false;
        }
        synchronized (line) {
            return !line.retired && (!line.waiting.isEmpty() || line.running > 0);
        }
    }

    /** Messages held or being delivered right now, all senders together. */
    public int backlog() {
        return backlog.get();
    }

    /**
     * Busy while more than {@link ChatBurst#BUSY_BACKLOG} messages wait for delivery (at a calm rate a held message
     * waits a few milliseconds for its journal batch, so a backlog that size means the cores are short), and for two
     * seconds after. Every caller gets the same instance.
     */
    public ChatLoad load() {
        return load;
    }

    /** Messages delivered since start. */
    public long delivered() {
        return delivered.get();
    }

    /** Senders with a line right now (waiting or delivering). */
    public int activeSenders() {
        return lines.size();
    }

    /** Hands every ready place at the head of the line to its lane; called with the line's lock held. */
    private void handOver(Line line) {
        while (!line.waiting.isEmpty() && line.waiting.peekFirst().delivery != null) {
            Runnable delivery = line.waiting.pollFirst().delivery;
            line.running++;
            try {
                line.lane.execute(() -> run(line, delivery));
            } catch (RejectedExecutionException stopped) {
                line.running--;
                backlog.decrementAndGet();
                LOG.warn("domainchat: a message was not delivered because the plugin is stopping");
            }
        }
    }

    private void run(Line line, Runnable delivery) {
        try {
            delivery.run();
            delivered.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.error("domainchat: delivering a message failed", e);
        } finally {
            backlog.decrementAndGet();
            synchronized (line) {
                line.running--;
                if (line.running == 0 && line.waiting.isEmpty()) {
                    line.retired = true;
                    lines.remove(line.sender, line);
                }
            }
        }
    }

    /**
     * Delivers what is ready and waits for it, up to {@code bound}, then stops the lanes. Call it after nothing can
     * be held any more and the archive has said what became of every held message.
     *
     * @return true if every lane finished in time
     */
    public boolean close(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        boolean done = true;
        for (ExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    done = false;
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lane.shutdownNow();
                done = false;
            }
        }
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!done) {
            LOG.warn("domainchat: not every held message was delivered within {}", bound);
        }
        return done;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
