package org.creditpipeline.exchange;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake's threads, a fixed number with a bounded queue, and a watchdog over them. The JDK server reads a
 * request's line and headers, and the intake its body, on these threads with blocking reads that have no timeout of
 * their own: a client that stops sending would hold a thread for good, and a few such clients the whole intake. The
 * watchdog ends a request that made no progress for the read timeout: an upload is answered {@code 408} first, then
 * its thread is interrupted, which closes the connection and frees the thread (a blocking socket read is
 * interruptible).
 */
final class IntakeWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IntakeWorkers.class);

    private final String node;
    private final long timeoutNanos;
    private final long timeoutSeconds;
    private final Consumer<HttpExchange> answerTimeout;
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService watchdog;
    private final Set<Slot> running = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Slot> current = new ThreadLocal<>();

    /**
     * @param answerTimeout answers a body upload that stopped ({@code 408}); runs on the watchdog's thread while the
     *                      request's own thread is still blocked in its read
     */
    IntakeWorkers(String node, IntakeLimits limits, Consumer<HttpExchange> answerTimeout) {
        this.node = node;
        this.timeoutNanos = limits.readTimeout().toNanos();
        this.timeoutSeconds = Math.max(1, limits.readTimeout().toSeconds());
        this.answerTimeout = answerTimeout;
        AtomicInteger numbers = new AtomicInteger();
        BlockingQueue<Runnable> queue = limits.queue() == 0 ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.queue());
        executor = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.MILLISECONDS, queue,
                r -> daemon(r, "intake-" + node + "-" + numbers.incrementAndGet()), this::busy) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                started();
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                finished();
            }
        };
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "intake-" + node + "-watchdog"));
        long tick = Math.max(10, Math.min(1000, limits.readTimeout().toMillis() / 4));
        watchdog.scheduleWithFixedDelay(this::check, tick, tick, TimeUnit.MILLISECONDS);
    }

    Executor executor() {
        return executor;
    }

    /** The request on this thread reached the intake's handler (its line and headers are read). */
    void entered(HttpExchange exchange) {
        Slot slot = current.get();
        if (slot != null) {
            slot.exchange = exchange;
            slot.progress();
        }
    }

    /** The request on this thread moved on (bytes read or written): its read timeout starts again. */
    void progress() {
        Slot slot = current.get();
        if (slot != null) {
            slot.progress();
        }
    }

    /**
     * The request on this thread starts reading its body. Its handler calls {@link Upload#finish()} when the body is
     * read or has failed: false means that the watchdog answered it already.
     */
    Upload upload(HttpExchange exchange) {
        Upload upload = new Upload(exchange);
        Slot slot = current.get();
        if (slot != null) {
            slot.upload = upload;
            slot.progress();
        }
        return upload;
    }

    /** True when no request is running or waiting. */
    boolean idle() {
        return running.isEmpty() && executor.getQueue().isEmpty();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        executor.shutdownNow();
    }

    private void started() {
        Slot slot = new Slot(Thread.currentThread());
        current.set(slot);
        running.add(slot);
    }

    private void finished() {
        Slot slot = current.get();
        current.remove();
        if (slot != null) {
            running.remove(slot);
            slot.finish();
        }
        Thread.interrupted(); // a timeout's interrupt ends with its request, never reaches the next
    }

    private void check() {
        long now = System.nanoTime();
        for (Slot slot : running) {
            if (now - slot.lastProgress < timeoutNanos) {
                continue;
            }
            slot.progress(); // one interrupt per timeout, should the thread be slow to notice it
            Upload upload = slot.upload;
            HttpExchange exchange = slot.exchange;
            try {
                if (upload != null && upload.timeOut()) {
                    answerTimeout.accept(upload.exchange);
                } else if (exchange == null) {
                    log.warn("intake of node '{}': a connection sent no complete request line and headers for {} s;"
                            + " closed (credit.exchange.intake-read-timeout-seconds)", node, timeoutSeconds);
                } else {
                    log.warn("intake of node '{}': {} {} from {} made no progress for {} s; closed"
                            + " (credit.exchange.intake-read-timeout-seconds)", node, exchange.getRequestMethod(),
                            IntakeServer.printable(exchange.getRequestURI().getRawPath()),
                            IntakeServer.remote(exchange), timeoutSeconds);
                }
            } catch (RuntimeException e) {
                log.warn("intake of node '{}': answering a request that timed out failed: {}", node, e.toString());
            }
            slot.interrupt();
        }
    }

    private void busy(Runnable request, ThreadPoolExecutor pool) {
        log.warn("intake of node '{}' is busy ({} requests running, {} waiting): a new connection is closed without an"
                + " answer; its child delivers again at its next push (credit.exchange.intake-threads)", node,
                pool.getActiveCount(), pool.getQueue().size());
        throw new RejectedExecutionException("intake busy");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A request body being read: answered by its handler once read, or by the watchdog when it stopped. */
    static final class Upload {
        private static final int READING = 0;
        private static final int DONE = 1;
        private static final int TIMED_OUT = 2;

        private final HttpExchange exchange;
        private final AtomicInteger state = new AtomicInteger(READING);

        private Upload(HttpExchange exchange) {
            this.exchange = exchange;
        }

        /** True when the handler answers; false when the watchdog has answered {@code 408} already. */
        boolean finish() {
            return state.compareAndSet(READING, DONE) || state.get() == DONE;
        }

        private boolean timeOut() {
            return state.compareAndSet(READING, TIMED_OUT);
        }
    }

    /** One running request, on one thread. */
    private static final class Slot {
        private final Thread thread;
        private volatile long lastProgress = System.nanoTime();
        private volatile HttpExchange exchange;
        private volatile Upload upload;
        private boolean finished;

        private Slot(Thread thread) {
            this.thread = thread;
        }

        void progress() {
            lastProgress = System.nanoTime();
        }

        synchronized void interrupt() {
            if (!finished) {
                thread.interrupt();
            }
        }

        synchronized void finish() {
            finished = true;
        }
    }
}
