package org.creditpipeline.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.SourceRow;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads and normalizes rows on a thread of its own, ahead of the step: while the step's thread waits for PostgreSQL
 * to take a chunk's COPY, this thread parses and normalizes the next rows, so the two halves of the work overlap
 * instead of taking turns (the database side is about half of the time).
 *
 * <p>Restart state stays exact: the count saved with each chunk is the number of source rows whose results were
 * handed to the step, not the number read ahead, so a restart skips exactly the rows whose chunks committed. A failure
 * on the reading thread (an unreadable file, a sheet no mapping fits) reaches the step at the row where it happened.
 * Rows the processor filters out (sheets no mapping fits) come through as {@link ProcessedRow#skipped skipped} rows,
 * which the step filters, so read and filter counts stay what they were.
 */
public class ProcessAheadReader implements ItemStreamReader<ProcessedRow> {

    /** Rows passed between the threads at a time: one queue operation per batch, not per row. */
    private static final int BATCH = 256;

    private final SourceReader reader;
    private final ItemProcessor<SourceRow, ProcessedRow> processor;
    /** The reader and processor themselves, not their step-scope proxies: the proxies look the bean up on every call. */
    private SourceReader directReader;
    private ItemProcessor<SourceRow, ProcessedRow> directProcessor;
    private final BlockingQueue<Batch> queue;
    /** Rows read but not yet processed, when reading has a thread of its own; else null. */
    private final BlockingQueue<Batch> readQueue;
    private Thread worker;
    private Thread readWorker;
    private boolean opened;
    private volatile boolean stopped;
    private Batch current;
    private int next;
    /** Source rows whose results have been handed to the step (the restart point). */
    private int handedOut;

    /**
     * @param reader    the format reader; it must not be registered with the step itself
     * @param processor the row processor, run on the reading thread
     * @param aheadRows about how many rows may wait, normalized, for the step (one chunk lets a whole chunk overlap)
     */
    public ProcessAheadReader(SourceReader reader, ItemProcessor<SourceRow, ProcessedRow> processor, int aheadRows) {
        this(reader, processor, aheadRows, false);
    }

    /**
     * @param readThread whether reading gets a thread of its own ahead of processing: worth it where parsing the
     *                   format costs about as much as normalizing (.xlsx: inflating and parsing XML), so that neither
     *                   waits for the other; the three threads (read, process, write) then share the cores
     */
    public ProcessAheadReader(SourceReader reader, ItemProcessor<SourceRow, ProcessedRow> processor, int aheadRows,
                              boolean readThread) {
        this.reader = reader;
        this.processor = processor;
        this.queue = new ArrayBlockingQueue<>(Math.max(2, aheadRows / BATCH + 1));
        this.readQueue = readThread ? new ArrayBlockingQueue<>(Math.max(2, aheadRows / BATCH + 1)) : null;
    }

    /**
     * Rows read (and, in the step's queue, processed), each with the reader's count after it; or the end; or a failure
     * at that point. Between the reading and the processing thread the rows are {@link SourceRow}s.
     */
    private record Batch(List<?> rows, int[] counts, Throwable failure, boolean end) {
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        reader.open(executionContext);
        directReader = unproxied(reader);
        directProcessor = unproxied(processor);
        opened = true;
        handedOut = reader.getCurrentItemCount();
        stopped = false;
        // The reader and processor are step-scoped beans: the worker thread must see the same step.
        StepContext step = StepSynchronizationManager.getContext();
        worker = stepThread(step, readQueue == null ? this::readAhead : this::processAhead, "ingest-read-ahead");
        if (readQueue != null) {
            readWorker = stepThread(step, this::readOnly, "ingest-read");
            readWorker.start();
        }
        worker.start();
    }

    /** A daemon thread that runs in the step's scope (the reader and processor are step-scoped beans). */
    private static Thread stepThread(StepContext step, Runnable work, String name) {
        Thread thread = new Thread(() -> {
            if (step != null) {
                StepSynchronizationManager.register(step.getStepExecution());
            }
            try {
                work.run();
            } finally {
                if (step != null) {
                    StepSynchronizationManager.close();
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /** The reading thread, when it has one: source rows in batches to the processing thread. */
    private void readOnly() {
        read(readQueue, false);
    }

    /** The one worker thread, when reading has none of its own: rows read and processed, to the step. */
    private void readAhead() {
        read(queue, true);
    }

    /**
     * Reads to the end (or a failure, or close) and hands the rows on in batches, each with the reader's count after
     * it; processed on this thread or left for the processing thread.
     */
    private void read(BlockingQueue<Batch> to, boolean process) {
        List<Object> rows = new ArrayList<>(BATCH);
        int[] counts = new int[BATCH];
        try {
            while (!stopped) {
                SourceRow row;
                int count;
                synchronized (reader) {
                    row = directReader.read();
                    count = directReader.getCurrentItemCount();
                }
                if (row == null) {
                    hand(to, new Batch(rows, counts, null, true));
                    return;
                }
                counts[rows.size()] = count;
                rows.add(process ? processed(row) : row);
                if (rows.size() == BATCH) {
                    hand(to, new Batch(rows, counts, null, false));
                    rows = new ArrayList<>(BATCH);
                    counts = new int[BATCH];
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            try {
                hand(to, new Batch(rows, counts, e, false));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ProcessedRow processed(SourceRow row) throws Exception {
        ProcessedRow result = directProcessor.process(row);
        return result == null ? ProcessedRow.skipped(row) : result;
    }

    /** The processing thread behind a reading thread: the same batches, processed, to the step. */
    private void processAhead() {
        try {
            while (!stopped) {
                Batch read = readQueue.poll(100, TimeUnit.MILLISECONDS);
                if (read == null) {
                    continue;
                }
                List<ProcessedRow> rows = new ArrayList<>(read.rows().size());
                int done = 0;
                try {
                    for (Object row : read.rows()) {
                        rows.add(processed((SourceRow) row));
                        done++;
                    }
                } catch (Throwable e) {
                    hand(queue, new Batch(rows, java.util.Arrays.copyOf(read.counts(), done), e, false));
                    return;
                }
                hand(queue, new Batch(rows, read.counts(), read.failure(), read.end()));
                if (read.end() || read.failure() != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void hand(BlockingQueue<Batch> to, Batch batch) throws InterruptedException {
        while (!stopped) {
            if (to.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    /** The object behind a scoped proxy (a step-scoped bean), or the object itself. */
    @SuppressWarnings("unchecked")
    static <T> T unproxied(T bean) {
        return bean instanceof ScopedObject scoped ? (T) scoped.getTargetObject() : bean;
    }

    @Override
    public ProcessedRow read() throws Exception {
        while (current == null || next == current.rows().size()) {
            if (current != null && current.failure() != null) {
                if (current.failure() instanceof Exception e) {
                    throw e;
                }
                throw (Error) current.failure();
            }
            if (current != null && current.end()) {
                return null;
            }
            current = queue.take();
            next = 0;
        }
        handedOut = current.counts()[next];
        return (ProcessedRow) current.rows().get(next++);
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        synchronized (reader) {
            reader.update(executionContext);
        }
        // The format reader counts what it has read ahead; the restart point is what the step has taken.
        executionContext.putInt(reader.getExecutionContextKey("read.count"), handedOut);
    }

    @Override
    public void close() throws ItemStreamException {
        if (!opened) {
            return; // never opened (the step failed to create the reader), or closed already
        }
        opened = false;
        stopped = true;
        if (worker != null) {
            // No interrupt: it would close the file's channel under the reader. The worker sees the flag within a row.
            try {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        if (readWorker != null) {
            try {
                readWorker.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            readWorker = null;
        }
        queue.clear();
        if (readQueue != null) {
            readQueue.clear();
        }
        current = null;
        reader.close();
    }
}
