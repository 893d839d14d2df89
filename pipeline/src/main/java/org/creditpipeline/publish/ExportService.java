package org.creditpipeline.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.exchange.Signatures;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;
import org.creditpipeline.model.SubjectKind;
import org.creditpipeline.support.Failpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Downstream export files (DOMAIN.md §8):
 * <ul>
 * <li>{@code public} (信用中国-style disclosure): active records inside their publication period only; personal ID
 * numbers masked, a civil servant's never shown; 公示截止期 as derived by {@link PublicationRules};</li>
 * <li>{@code sharing} (authorised platforms): everything except withdrawn records and records repaired from
 * 2026-04-01; civil servants' ID numbers left out;</li>
 * <li>{@code full} (audit): every record with its status, the derived 公示截止期, whether it is public and why not,
 * and its lineage down to the source rows.</li>
 * </ul>
 * Each export is a folder under {@code var/exports/<node>/} with the data file and a manifest (counts, SHA-256).
 */
@Service
public class ExportService {

    private static final String RECORDS = """
            SELECT to_jsonb(r)::text, NULL FROM consolidated_record r
             WHERE (?::bigint IS NULL OR r.id IN (SELECT record_id FROM change_log WHERE seq > ?))
               AND NOT EXISTS (SELECT 1 FROM record_redirect d WHERE d.old_id = r.id)
             ORDER BY r.id""";
    private static final String RECORDS_WITH_LINEAGE = """
            SELECT to_jsonb(r)::text, (SELECT v.sources::text FROM record_lineage v WHERE v.record_id = r.id)
              FROM consolidated_record r
             WHERE (?::bigint IS NULL OR r.id IN (SELECT record_id FROM change_log WHERE seq > ?))
               AND NOT EXISTS (SELECT 1 FROM record_redirect d WHERE d.old_id = r.id)
             ORDER BY r.id""";

    /** The last change the export's snapshot holds: where the next {@code --since} starts. */
    private static final String THROUGH_SEQ = "SELECT coalesce(max(seq), 0) FROM change_log";
    /** Records merged into another since the given change: their ids are gone, the survivor carries their data. */
    private static final String MERGED_AWAY = """
            SELECT d.old_id, d.new_id FROM record_redirect d
             WHERE d.old_id IN (SELECT record_id FROM change_log WHERE seq > ?)
                OR d.old_id IN (SELECT unnest(merged_ids) FROM change_log WHERE seq > ? AND change_type = 'MERGE')
             ORDER BY d.old_id""";
    private static final List<RecordColumns.Column> REMOVED_COLUMNS = List.of(
            new RecordColumns.Column("id", "记录编号"), new RecordColumns.Column("removal_reason", "移除原因"));

    private static final Logger log = LoggerFactory.getLogger(ExportService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Name part of a folder an export is being written into, followed by the writing process's id. */
    static final String PARTIAL = ".partial-";
    /**
     * This machine, in the name of a partial folder: a process id means something only on the machine that ran it,
     * and the exports folder may be a share that several machines write (a standby, a second deployment).
     */
    static final String HOST = hostName();
    /** A partial folder of another machine is left alone this long: its export may still be running there. */
    static final java.time.Duration FOREIGN_PARTIAL_AGE = java.time.Duration.ofHours(24);
    private static final List<String> NOT_PUBLIC = List.of("status_reason", "status_ref", "status_changed_at", "version");

    public enum Kind {
        PUBLIC, SHARING, FULL
    }

    private final DataSource dataSource;
    private final CreditProperties properties;
    private final LowerFines lowerFines;

    public ExportService(DataSource dataSource, CreditProperties properties, LowerFines lowerFines) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.lowerFines = lowerFines;
    }

    public ExportSummary export(Kind kind, String format, Long since, LocalDate asOf) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path exports = properties.var().resolve("exports").resolve(properties.node());
        Path dir = exports.resolve(name + "-" + stamp);
        // Written under a hidden name and renamed when complete: a folder named like an export is always whole, a run
        // killed half-way (kill -9, a full disk) leaves only a hidden partial folder, removed by the next export.
        Path work = exports.resolve("." + name + "-" + stamp + PARTIAL + HOST + "-" + ProcessHandle.current().pid());
        Path data = work.resolve(name + "." + format);
        // An incremental export also lists the records changed since that it leaves out (repaired, withdrawn, expired,
        // merged away …): a mirror applying only the changed rows would otherwise keep showing them.
        Path removed = since == null ? null : work.resolve("removed." + format);
        long removedRows = 0;
        long throughSeq;
        List<RecordColumns.Column> columns = columns(kind);
        Map<String, Long> excluded = new TreeMap<>();
        long written = 0;
        long truncated = 0;
        try {
            Files.createDirectories(exports);
            removeAbandoned(exports);
            Files.createDirectory(work);
            try (RowSink sink = RowSink.open(format, data, columns);
                 RowSink removals = removed == null ? null : RowSink.open(format, removed, REMOVED_COLUMNS);
                 Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                // one snapshot for the records and the sequence the manifest names as covered
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (PreparedStatement ps = c.prepareStatement(THROUGH_SEQ); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    throughSeq = rs.getLong(1);
                }
                try (PreparedStatement ps = c.prepareStatement(kind == Kind.FULL ? RECORDS_WITH_LINEAGE : RECORDS)) {
                    ps.setFetchSize(2000);
                    ps.setObject(1, since);
                    ps.setObject(2, since);
                    long progressNanos = properties.ingest().progressSeconds() * 1_000_000_000L;
                    long started = System.nanoTime();
                    long lastLog = started;
                    long seen = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            JsonNode record = JSON.readTree(rs.getString(1));
                            String left = row(kind, record, rs.getString(2), asOf, columns, sink, !format.equals("jsonl"));
                            if (left == null) {
                                written++;
                            } else {
                                excluded.merge(left, 1L, Long::sum);
                                if (removals != null) {
                                    removals.row(List.of(record.path("id").asString(), left));
                                    removedRows++;
                                }
                            }
                            if ((++seen & 1023) == 0 && System.nanoTime() - lastLog >= progressNanos) {
                                lastLog = System.nanoTime();
                                log.info("export {}: {} records so far ({} written), {} records/s", name,
                                        String.format("%,d", seen), String.format("%,d", written),
                                        String.format("%,.0f", seen / ((lastLog - started) / 1e9)));
                            }
                        }
                    }
                }
                if (removals != null) {
                    try (PreparedStatement ps = c.prepareStatement(MERGED_AWAY)) {
                        ps.setLong(1, since);
                        ps.setLong(2, since);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                removals.row(List.of(String.valueOf(rs.getLong(1)), "merged into " + rs.getLong(2)));
                                removedRows++;
                            }
                        }
                    }
                }
                c.commit();
                truncated = sink.truncatedCells();
            }
            Failpoints.reach("export.after-data"); // the data file whole, no manifest: a partial folder
            Path manifest = work.resolve("manifest.json");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("node", properties.node());
            doc.put("kind", name);
            doc.put("format", format);
            doc.put("since", since);
            doc.put("throughSeq", throughSeq);
            doc.put("asOf", asOf.toString());
            doc.put("createdAt", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
            doc.put("records", written);
            doc.put("excluded", excluded);
            doc.put("truncatedCells", truncated);
            if (removed != null) {
                doc.put("removed", removedRows);
            }
            Map<String, Object> files = new LinkedHashMap<>();
            files.put(data.getFileName().toString(), fileEntry(data, written));
            if (removed != null) {
                files.put(removed.getFileName().toString(), fileEntry(removed, removedRows));
            }
            doc.put("files", files);
            Files.write(manifest, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
            Failpoints.reach("export.before-move"); // complete, still under its hidden name
            Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            return new ExportSummary(properties.node(), name, format, since, asOf.toString(), dir.toString(),
                    dir.resolve(data.getFileName()).toString(), dir.resolve(manifest.getFileName()).toString(),
                    written, excluded);
        } catch (IOException e) {
            deleteQuietly(work);
            throw new UncheckedIOException("cannot write the export to " + dir + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            deleteQuietly(work);
            throw new IllegalStateException("cannot read the records to export: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(work);
            throw e;
        }
    }

    /** A file's line in the manifest, always in this order (Map.of's order changed from one run to the next). */
    private static Map<String, Object> fileEntry(Path file, long rows) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sha256", Signatures.sha256(file));
        entry.put("bytes", Files.size(file));
        entry.put("rows", rows);
        return entry;
    }

    /**
     * Partial folders of exports whose process is gone (killed): never complete, so removed. A folder is this
     * machine's when its name carries this host (or no host: written before hosts were named) and is removed once its
     * process has died; another machine's only once it is a day old, since that process cannot be seen from here.
     */
    static void removeAbandoned(Path exports) throws IOException {
        List<Path> partial;
        try (Stream<Path> files = Files.list(exports)) {
            partial = files.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().contains(PARTIAL)).toList();
        }
        for (Path p : partial) {
            String name = p.getFileName().toString();
            String owner = name.substring(name.lastIndexOf(PARTIAL) + PARTIAL.length());
            int dash = owner.lastIndexOf('-');
            String host = dash < 0 ? HOST : owner.substring(0, dash);
            long pid;
            try {
                pid = Long.parseLong(owner.substring(dash + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (host.equals(HOST)) {
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // an export running right now in another process
                }
            } else if (Files.getLastModifiedTime(p).toInstant().isAfter(
                    java.time.Instant.now().minus(FOREIGN_PARTIAL_AGE))) {
                continue; // another machine's export, perhaps running now
            }
            log.info("Removing {}: an export left unfinished by a process that died", p);
            deleteQuietly(p);
        }
    }

    private static String hostName() {
        String host = null;
        try { // the kernel's name: no DNS look-up, which can hang on a machine without a resolver
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("COMPUTERNAME", System.getenv("HOSTNAME"));
        }
        if (host == null || host.isEmpty()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        // a file-name-safe form; dots are kept (host.domain), the separator before the pid is the last '-'
        return host.replaceAll("[^A-Za-z0-9.]", "_");
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove the unfinished export {}: {}", dir, e.getMessage());
        }
    }

    static List<RecordColumns.Column> columns(Kind kind) {
        List<RecordColumns.Column> columns = new ArrayList<>();
        for (RecordColumns.Column c : RecordColumns.ALL) {
            if (kind != Kind.PUBLIC || !NOT_PUBLIC.contains(c.key())) {
                columns.add(c);
            }
        }
        if (kind != Kind.PUBLIC) {
            columns.add(new RecordColumns.Column("derived_publication_end", "公示截止期（按规则）"));
        }
        if (kind == Kind.FULL) {
            columns.add(new RecordColumns.Column("public", "是否公示"));
            columns.add(new RecordColumns.Column("not_public_reason", "不公示原因"));
            columns.add(new RecordColumns.Column("lineage", "数据来源（文件、工作表、行）"));
        }
        return columns;
    }

    /** Writes the record when the export carries it and returns null, or returns why it was left out. */
    private String row(Kind kind, JsonNode r, String lineage, LocalDate asOf, List<RecordColumns.Column> columns,
                       RowSink sink, boolean sinkShowsLabels) throws IOException {
        RecordKind recordKind = RecordKind.fromText(r.path("record_kind").asString(null));
        RecordStatus status = RecordStatus.valueOf(r.path("status").asString("ACTIVE"));
        SubjectKind subject = subjectKind(r.path("subject_kind").asString(null));
        LocalDate decided = date(r, "decision_date");
        boolean lowerFine = lowerFines.isLower(text(r, "region_code"), subject, decided, decimal(r, "fine_amount"),
                decimal(r, "confiscated_amount"));
        PublicationRules.Decision decision = PublicationRules.publicDecision(recordKind, status, decided,
                SeverityTier.valueOf(r.path("severity").asString("UNSPECIFIED")), date(r, "publication_end"),
                text(r, "category"), text(r, "authority_name"), lowerFine, asOf);
        if (kind == Kind.PUBLIC && !decision.isPublic()) {
            // counted per reason in the manifest: no dates in the key, or a national node's manifest lists thousands
            String why = decision.reason();
            return why.startsWith("status") ? "status " + status.name()
                    : why.startsWith("publication period ended") ? "publication period ended"
                    : why.startsWith("decided ") ? "decided after the as-of date" : why;
        }
        // the day in China: the text carries the database session's offset, and a repair at 07:00 on 1 April in 贵阳
        // is still 31 March in UTC
        LocalDate statusDay = r.path("status_changed_at").isNull() || r.get("status_changed_at") == null ? null
                : OffsetDateTime.parse(r.get("status_changed_at").asString()).atZoneSameInstant(PublicationRules.CHINA)
                        .toLocalDate();
        if (kind == Kind.SHARING && !PublicationRules.shared(status, statusDay)) {
            return status == RecordStatus.WITHDRAWN ? "withdrawn" : "repaired from 2026-04-01 (stops being shared)";
        }
        List<String> values = new ArrayList<>(columns.size());
        for (RecordColumns.Column c : columns) {
            values.add(switch (c.key()) {
                case "id_number" -> kind == Kind.FULL ? text(r, c.key())
                        : kind == Kind.PUBLIC ? PublicationRules.publicIdNumber(subject, text(r, c.key()))
                        : subject == SubjectKind.CIVIL_SERVANT ? null : text(r, c.key());
                case "publication_end" -> kind == Kind.PUBLIC ? string(decision.publicationEnd()) : text(r, c.key());
                case "derived_publication_end" -> string(decision.publicationEnd());
                case "public" -> decision.isPublic() ? "是" : "否";
                case "not_public_reason" -> decision.reason();
                case "lineage" -> lineage;
                default -> {
                    String value = sinkShowsLabels ? RecordColumns.display(c.key(), text(r, c.key())) : text(r, c.key());
                    yield kind == Kind.PUBLIC && RecordColumns.isFreeText(c.key())
                            ? PublicationRules.maskIdNumbersInText(value) : value;
                }
            });
        }
        sink.row(values);
        return null;
    }

    /** The stored subject kind, null when missing or not one the code knows. */
    static SubjectKind subjectKind(String name) {
        if (name == null) {
            return null;
        }
        try {
            return SubjectKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode r, String key) {
        JsonNode v = r.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static java.math.BigDecimal decimal(JsonNode r, String key) {
        String v = text(r, key);
        return v == null || v.isBlank() ? null : new java.math.BigDecimal(v);
    }

    private static LocalDate date(JsonNode r, String key) {
        String v = text(r, key);
        return v == null ? null : LocalDate.parse(v);
    }

    private static String string(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
