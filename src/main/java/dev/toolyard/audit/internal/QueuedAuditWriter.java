package dev.toolyard.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.toolyard.audit.AuditRecord;

/**
 * One thread that drains queued records and hands them to the writer in batches. A batch that
 * fails is retried until it is written: a record is never dropped, and while the database is
 * away the bounded queue fills and callers wait.
 */
final class QueuedAuditWriter {

    private static final Logger log = LoggerFactory.getLogger(QueuedAuditWriter.class);
    private static final int CAPACITY = 50_000;
    private static final int MAX_BATCH = 2_000;

    private final BlockingQueue<AuditRecord> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Consumer<List<AuditRecord>> writer;
    private final Duration delay;
    private final Object progress = new Object();
    private long queued;
    private long written;
    private volatile boolean running;
    private Thread thread;

    QueuedAuditWriter(Consumer<List<AuditRecord>> writer, Duration delay) {
        this.writer = writer;
        this.delay = delay;
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::drainUntilStopped, "audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after everything queued so far is written. */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean running() {
        return running;
    }

    void enqueue(AuditRecord record) {
        synchronized (progress) {
            queued++;
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while queueing an audit record", e);
        }
    }

    void flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = queued;
            while (written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("Audit records were not written within " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void drainUntilStopped() {
        while (running || !queue.isEmpty()) {
            var batch = new ArrayList<AuditRecord>();
            try {
                var first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (running) {
                    // Let a burst gather so it shares one lock of the chain head.
                    Thread.sleep(delay.toMillis());
                }
            } catch (InterruptedException e) {
                if (batch.isEmpty() && queue.isEmpty()) {
                    continue;
                }
            }
            queue.drainTo(batch, MAX_BATCH - batch.size());
            writeUntilDone(batch);
        }
    }

    private void writeUntilDone(List<AuditRecord> batch) {
        long wait = 100;
        while (true) {
            try {
                writer.accept(batch);
                synchronized (progress) {
                    written += batch.size();
                    progress.notifyAll();
                }
                return;
            } catch (RuntimeException e) {
                log.error("Could not write {} audit records; retrying in {} ms", batch.size(), wait, e);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    // Stopping: keep trying, the records must not be lost.
                }
                wait = Math.min(wait * 2, 5_000);
            }
        }
    }
}
