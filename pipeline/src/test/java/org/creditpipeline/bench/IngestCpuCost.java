package org.creditpipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

import org.creditpipeline.ingest.ProcessedRow;
import org.creditpipeline.ingest.RowNormalizer;
import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.csv.CsvSourceReader;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * CPU cost per row of the ingest's Java side without a database, measured as this thread's CPU time (so a busy,
 * shared machine barely skews it): reading (decode + CSV parse) alone, then reading plus mapping and normalization.
 * A measuring instrument for tuning, in test scope: {@code IngestCpuCost CONFIG_DIR PASSES FILE...}.
 */
public final class IngestCpuCost {

    public static void main(String[] args) throws Exception {
        MappingCatalog catalog = MappingCatalog.load(Path.of(args[0]).resolve("mappings"));
        int passes = Integer.parseInt(args[1]);
        RowNormalizer normalizer = new RowNormalizer(null);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int pass = 1; pass <= passes; pass++) {
            long rows = 0;
            long readNs = 0;
            long allNs = 0;
            long accepted = 0;
            for (int i = 2; i < args.length; i++) {
                Path file = Path.of(args[i]);
                long t0 = cpu.getCurrentThreadCpuTime();
                CsvSourceReader reader = open(file);
                while (reader.read() != null) {
                    rows++;
                }
                reader.close();
                long t1 = cpu.getCurrentThreadCpuTime();
                reader = open(file);
                ColumnMapping mapping = null;
                SourceRow row;
                while ((row = reader.read()) != null) {
                    if (mapping == null) {
                        mapping = catalog.resolve(row.table(), null);
                    }
                    ProcessedRow result = normalizer.normalize(row, mapping);
                    accepted += result.isAccepted() ? 1 : 0;
                }
                reader.close();
                long t2 = cpu.getCurrentThreadCpuTime();
                readNs += t1 - t0;
                allNs += t2 - t1;
            }
            System.out.printf(Locale.ROOT, "pass %d: %d rows (%d accepted): read %.0f ns/row, read+normalize %.0f ns/row"
                    + " (normalize %.0f ns/row)%n", pass, rows, accepted, (double) readNs / rows,
                    (double) allNs / rows, (double) (allNs - readNs) / rows);
        }
    }

    private static CsvSourceReader open(Path file) {
        CsvSourceReader reader = new CsvSourceReader(file, file.getFileName().toString());
        reader.open(new ExecutionContext());
        return reader;
    }

    private IngestCpuCost() {
    }
}
