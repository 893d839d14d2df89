package org.creditpipeline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.creditpipeline.CreditProperties;
import org.creditpipeline.db.EmbeddedDatabase;
import org.creditpipeline.ingest.read.SourceReader;
import org.creditpipeline.ingest.read.excel.XlsxRawCount;
import org.creditpipeline.ingest.read.excel.XlsxSourceReader;
import org.creditpipeline.ingest.read.json.JsonSourceReader;
import org.postgresql.PGConnection;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * The baselines of {@code scripts/bench-ingest-formats}, each printing {@code RESULT rows seconds}. Test scope only: a
 * measuring instrument, not part of the product.
 * <ul>
 * <li>{@code xlsx FILE}: fastexcel-reader streaming every row and cell of every sheet, nothing else;</li>
 * <li>{@code json FILE}: Jackson's streaming parser tokenising the whole feed, nothing else (rows = records);</li>
 * <li>{@code xlsxreader FILE}, {@code jsonreader FILE}: our source reader alone (package check, header detection,
 * cell text), rows handed out and dropped: what the reader adds over the raw library;</li>
 * <li>{@code jsoncopy HOME FILE}: the feed's records flattened to CSV beforehand (not timed), then one raw COPY of
 * them into an unlogged table of text columns, on the embedded PostgreSQL of HOME that our ingest used;</li>
 * <li>{@code jobtime HOME NODE}: rows and seconds of our ingest jobs on a node, from its Spring Batch metadata (first
 * job start to last job end: the CLI's time without JVM start, PostgreSQL start and file hashing).</li>
 * </ul>
 */
public final class FormatBaselines {

    private static final String SCHEMA = "bench_formats";
    /** Records sit at depth 4: root object, data array, page object, result array. */
    private static final int RECORD_DEPTH = 4;

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long rows = switch (args[0]) {
            case "xlsx" -> XlsxRawCount.count(Path.of(args[1])).rows();
            case "json" -> countRecords(Path.of(args[1]));
            case "xlsxreader" -> readAll(new XlsxSourceReader(Path.of(args[1])));
            case "jsonreader" -> readAll(new JsonSourceReader(Path.of(args[1])));
            case "jsoncopy" -> {
                Map<String, Long> result = copyRecords(Path.of(args[1]), Path.of(args[2]));
                start = System.nanoTime() - result.get("nanos");
                yield result.get("rows");
            }
            case "jobtime" -> {
                jobTime(Path.of(args[1]), args[2]);
                System.exit(0);
                yield 0;
            }
            default -> throw new IllegalArgumentException("mode xlsx, json, jsoncopy or jobtime, not " + args[0]);
        };
        System.out.printf(Locale.ROOT, "RESULT %d %.3f%n", rows, (System.nanoTime() - start) / 1e9);
        System.exit(0);
    }

    private static long readAll(SourceReader reader) throws Exception {
        long rows = 0;
        reader.open(new ExecutionContext());
        try {
            while (reader.read() != null) {
                rows++;
            }
        } finally {
            reader.close();
        }
        return rows;
    }

    private static long countRecords(Path file) throws Exception {
        long records = 0;
        int depth = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    if (++depth == RECORD_DEPTH + 1 && t == JsonToken.START_OBJECT) {
                        records++;
                    }
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
        return records;
    }

    /** Flattens the records to CSV (a column per key seen in any record), then times one COPY of that file. */
    private static Map<String, Long> copyRecords(Path home, Path file) throws Exception {
        Path csv = Files.createTempFile(home, "feed", ".csv");
        List<String> columns = new ArrayList<>();
        long records = flatten(file, csv, columns);
        String url = EmbeddedDatabase.jdbcUrl(home.resolve("var").resolve("pg"), false);
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            StringJoiner cols = new StringJoiner(", ");
            columns.forEach(col -> cols.add('"' + col + "\" text"));
            s.execute("CREATE UNLOGGED TABLE " + SCHEMA + ".feed (" + cols + ")");
            long start = System.nanoTime();
            long rows;
            try (InputStream in = Files.newInputStream(csv)) {
                rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + SCHEMA + ".feed FROM STDIN (FORMAT csv)", in, 1 << 16);
            }
            long nanos = System.nanoTime() - start;
            s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            if (rows != records) {
                throw new IllegalStateException("copied " + rows + " of " + records + " records");
            }
            Map<String, Long> result = new LinkedHashMap<>();
            result.put("rows", rows);
            result.put("nanos", nanos);
            return result;
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static long flatten(Path file, Path csv, List<String> columns) throws Exception {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        forEachRecord(file, record -> keys.addAll(record.keySet()));
        columns.addAll(keys);
        long[] records = {0};
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter out = new CSVPrinter(w, CSVFormat.RFC4180)) {
            forEachRecord(file, record -> {
                List<String> values = new ArrayList<>(columns.size());
                for (String col : columns) {
                    values.add(record.get(col));
                }
                try {
                    out.printRecord(values);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                records[0]++;
            });
        }
        return records[0];
    }

    private static void forEachRecord(Path file, Consumer<Map<String, String>> action)
            throws Exception {
        int depth = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser p = new JsonFactory().createParser(in)) {
            Map<String, String> record = new LinkedHashMap<>();
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                    if (depth == RECORD_DEPTH + 1 && t == JsonToken.START_OBJECT) {
                        record.clear();
                        for (JsonToken f; (f = p.nextToken()) != JsonToken.END_OBJECT; ) {
                            String key = p.currentName();
                            p.nextToken();
                            record.put(key, p.getString());
                        }
                        depth--;
                        action.accept(record);
                    }
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        }
    }

    private static void jobTime(Path home, String node) throws SQLException {
        String url = EmbeddedDatabase.jdbcUrl(home.resolve("var").resolve("pg"), false);
        String schema = CreditProperties.schemaOf(node);
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT (SELECT sum(rows_read) FROM " + schema + ".ingest_file),"
                     + " extract(epoch FROM max(end_time) - min(start_time)) FROM " + schema + ".batch_job_execution")) {
            r.next();
            System.out.printf(Locale.ROOT, "RESULT %d %.3f%n", r.getLong(1), r.getDouble(2));
        }
    }
}
