package org.creditpipeline.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Progress on long files: a log line (stderr) every few seconds (credit.ingest.progress-seconds, default 10) with rows done and the current rate, and the total
 * rate at the end, so an operator watching a nightly run sees it move.
 */
public class ProgressListener implements StepExecutionListener, ChunkListener<Object, ProcessedRow> {

    private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);
    private final String source;
    private final long intervalNanos;
    private long rows;
    private long rejected;
    private long started;
    private long lastLog;

    public ProgressListener(String source, int intervalSeconds) {
        this.source = source;
        this.intervalNanos = intervalSeconds * 1_000_000_000L;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        started = System.nanoTime();
        lastLog = started;
    }

    @Override
    public void afterChunk(Chunk<ProcessedRow> chunk) {
        rows += chunk.size();
        for (ProcessedRow row : chunk) {
            if (!row.isAccepted()) {
                rejected++;
            }
        }
        long now = System.nanoTime();
        if (now - lastLog >= intervalNanos) {
            lastLog = now;
            log.info("{}: {} rows so far ({} rejected), {} rows/s", source, String.format("%,d", rows),
                    String.format("%,d", rejected), String.format("%,.0f", rows / ((now - started) / 1e9)));
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("{}: {} rows in this run ({} rejected) in {} s, {} rows/s", source, String.format("%,d", rows),
                String.format("%,d", rejected), String.format("%.1f", seconds),
                String.format("%,.0f", rows / Math.max(seconds, 1e-9)));
        return null;
    }
}
