package org.creditpipeline.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.creditpipeline.ingest.report.ErrorReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rejected rows in a temporary file beside the reports, appended to by the step's writer chunk by chunk and read
 * back, streaming, by the error report. Each row holds what {@code rejected_row} holds (sheet, source row, the
 * {@code raw} and {@code reasons} JSON, its text as PostgreSQL stores it), so a report written from the spool is the
 * report written from the table. Two uses:
 * <ul>
 * <li>a check ({@code ingest --check}), which stores nothing in the database: its report and {@code --show-rejects}
 * come from the spool ({@link #create});</li>
 * <li>an ingest, whose report is written from the rejects the step already had in hand instead of reading
 * {@code rejected_row} back after the job ({@link #forIngest}); {@code IngestService} uses it only when the rows are
 * exactly those of the table.</li>
 * </ul>
 * Deleted when the file is done; one a killed run left behind is removed by a later one after a day.
 */
public final class RejectSpool implements ErrorReport.Rejects, AutoCloseable {

    private static final String PREFIX = ".check-";
    private static final String INGEST_PREFIX = ".ingest-";
    private static final String SUFFIX = ".rejects";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    /** Encoding buffer of {@link #append}: three bytes per char at most. */
    private byte[] utf8 = new byte[1 << 12];

    private RejectSpool(Path file) {
        this.file = file;
    }

    /** Whether a file is a spool's (a check's or an ingest's), by its name. */
    public static boolean isSpoolFile(Path file) {
        String name = file.getFileName().toString();
        return (name.startsWith(PREFIX) || name.startsWith(INGEST_PREFIX)) && name.endsWith(SUFFIX);
    }

    /** A new, empty spool for a check in {@code dir} (created when missing). */
    public static RejectSpool create(Path dir) throws IOException {
        return create(dir, PREFIX);
    }

    /** A new, empty spool for an ingest's error report in {@code dir} (created when missing). */
    public static RejectSpool forIngest(Path dir) throws IOException {
        return create(dir, INGEST_PREFIX);
    }

    private static RejectSpool create(Path dir, String prefix) throws IOException {
        Files.createDirectories(dir);
        removeAbandoned(dir);
        return new RejectSpool(Files.createTempFile(dir, prefix, SUFFIX));
    }

    /** The spool at a path a job parameter names (the step's writer runs far from the spool's creator). */
    static RejectSpool at(Path file) {
        return new RejectSpool(file);
    }

    public Path file() {
        return file;
    }

    /** Appends rows; each call opens and closes the file, so nothing stays open when the step ends, however it ends. */
    void append(List<Row> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.APPEND), 1 << 16))) {
            for (Row row : rows) {
                string(out, row.sheet());
                out.writeLong(row.sourceRow());
                string(out, row.rawJson());
                string(out, row.reasonsJson());
            }
        }
    }

    /** One rejected row as spooled. */
    record Row(String sheet, long sourceRow, String rawJson, String reasonsJson) {
    }

    @Override
    public void forEach(Visitor visitor) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                String sheet;
                try {
                    sheet = string(in);
                } catch (EOFException end) {
                    return;
                }
                visitor.accept(sheet, in.readLong(), string(in), string(in));
            }
        }
    }

    /** The number of rows spooled (a missing file has none). */
    public long count() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long n = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                try {
                    skipString(in);
                } catch (EOFException end) {
                    return n;
                }
                in.readLong();
                skipString(in);
                skipString(in);
                n++;
            }
        }
    }

    /** As {@code COUNT_BY_CODE} on {@code rejected_row}: per code its count and least message, most frequent first. */
    @Override
    public List<ErrorReport.CodeCount> countsByCode() throws IOException {
        Map<String, String[]> example = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        forEach((sheet, row, raw, reasons) -> {
            for (JsonNode reason : JSON.readTree(reasons)) {
                String code = text(reason.get("code"));
                String zh = text(reason.get("messageZh"));
                counts.computeIfAbsent(code, c -> new long[1])[0]++;
                String[] least = example.computeIfAbsent(code, c -> new String[1]);
                if (zh != null && (least[0] == null || zh.compareTo(least[0]) < 0)) {
                    least[0] = zh;
                }
            }
        });
        List<ErrorReport.CodeCount> out = new ArrayList<>();
        counts.forEach((code, n) -> out.add(new ErrorReport.CodeCount(code, example.get(code)[0], n[0])));
        out.sort(Comparator.comparingLong(ErrorReport.CodeCount::count).reversed()
                .thenComparing(ErrorReport.CodeCount::code, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    /**
     * The first rejected rows as {@link IngestService#rejectExamples} words them for an ingested file:
     * {@code sheet S row N: message [column]; message [column]}.
     */
    public List<String> examples(int limit) throws IOException {
        List<String> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        try {
            forEach((sheet, row, raw, reasons) -> {
                if (out.size() == limit) {
                    throw new Done();
                }
                List<String> parts = new ArrayList<>();
                for (JsonNode reason : JSON.readTree(reasons)) {
                    String zh = text(reason.get("messageZh"));
                    String column = text(reason.get("column"));
                    if (zh != null) {
                        parts.add(zh + (column == null ? "" : " [" + column + "]"));
                    }
                }
                out.add((sheet == null ? "" : "sheet " + sheet + " ") + "row " + row + ": " + String.join("; ", parts));
            });
        } catch (Done enough) {
            // the first rows are all that was asked for
        }
        return out;
    }

    private static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the check's spool " + file, e);
        }
    }

    /** Deletes the spool; one that cannot be deleted now is removed by a later run after a day. */
    void removeQuietly() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for removeAbandoned
        }
    }

    /** Spools of checks and ingests killed a day or more ago (a running one appends at least every chunk). */
    private static void removeAbandoned(Path dir) {
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> (f.getFileName().toString().startsWith(PREFIX)
                    || f.getFileName().toString().startsWith(INGEST_PREFIX))
                    && f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    FileTime modified = Files.getLastModifiedTime(f);
                    if (modified.toInstant().isBefore(dayAgo)) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException e) {
                    // another check removed it, or it is not ours to remove: leave it
                }
            }
        } catch (IOException e) {
            // a folder that cannot be listed fails the spool's creation right after with its own message
        }
    }

    /**
     * Writes {@code s} as PostgreSQL stores it: UTF-8 as the COPY into {@code rejected_row} encodes it (U+0000 dropped,
     * a lone surrogate as U+FFFD, where {@code String.getBytes} would write '?').
     */
    private void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        if (utf8.length < s.length() * 3) {
            utf8 = new byte[Math.max(s.length() * 3, utf8.length * 2)];
        }
        int length = CopyText.utf8(s, utf8, 0, false);
        out.writeInt(length);
        out.write(utf8, 0, length);
    }

    private static void skipString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length > 0 && in.skipBytes(length) < length) {
            throw new EOFException();
        }
    }

    private static String string(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
