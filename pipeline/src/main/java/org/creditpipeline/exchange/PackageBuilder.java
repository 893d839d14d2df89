package org.creditpipeline.exchange;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.creditpipeline.normalize.Dates;
import org.creditpipeline.publish.RecordColumns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds one package (包头 + 包体) from a range of the change log: {@code changes.jsonl} (one change per line: sequence,
 * type, record after the change, merged ids, the record's lineage down to the county source rows), one CSV per record
 * kind with the 双公示 headers for people, the manifest, and its HMAC signature; zipped into {@code <id>.zip}.
 */
final class PackageBuilder {

    /**
     * Change-log entries with the record and its lineage (view record_lineage, V5). An entry without a stored payload
     * (consolidation writes none, V8) carries the record as it is now: push holds the node lock and a package reaches
     * the newest entry, so that is the record after the package's last change to it, the version a receiver applies.
     * A record merged away since carries the state of the record that absorbed it ({@code mergedInto}); the MERGE
     * change naming it follows in this package or a later one. The INSERT of a record an unmerge restored names the
     * record it was taken out of, why and by whom ({@code unmergedFrom}, {@code unmergeReason}, {@code unmergeActor}),
     * so that the parent splits its copy too; receivers before these fields ignore them.
     */
    private static final String CHANGES = """
            SELECT l.seq, l.record_id, l.change_type, l.version,
                   COALESCE(l.payload, to_jsonb(c), to_jsonb(s))::text, array_to_json(l.merged_ids)::text,
                   l.reason, COALESCE(g.sources, '[]'::jsonb)::text, CASE WHEN c.id IS NULL THEN r.new_id END,
                   coalesce(um.unmerged_from, um.survivor_id), um.unmerge_reason, um.unmerge_actor
              FROM change_log l
              LEFT JOIN record_merge um ON um.unmerge_seq = l.seq AND um.absorbed_id = l.record_id
              LEFT JOIN consolidated_record c ON c.id = l.record_id
              LEFT JOIN record_redirect r ON c.id IS NULL AND r.old_id = l.record_id
              LEFT JOIN consolidated_record s ON s.id = r.new_id
              LEFT JOIN LATERAL (SELECT sources FROM record_lineage v WHERE v.record_id = coalesce(c.id, s.id)) g
                ON true
             WHERE l.seq BETWEEN ? AND ?
             ORDER BY l.seq""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PackageBuilder() {
    }

    record Built(PackageManifest manifest, Path file, String sha256) {
    }

    static Built build(DataSource dataSource, NodeConfig node, long fromSeq, long toSeq, Path outDir) {
        String id = PackageManifest.packageId(node.id(), fromSeq, toSeq);
        NodeKeys.Key key = node.keys().signing(Dates.today()); // before anything is built: a missing key fails here
        key.secret().value();
        try {
            Files.createDirectories(outDir);
            removeAbandoned(outDir);
            Path work = Files.createTempDirectory(outDir, id + ".building-");
            try {
                return write(dataSource, node, key, id, fromSeq, toSeq, work, outDir);
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build package " + id + " in " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static Built write(DataSource dataSource, NodeConfig node, NodeKeys.Key key, String id, long fromSeq,
                               long toSeq, Path work, Path outDir) throws IOException {
        Map<String, DigestFile> csvs = new TreeMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        DigestFile changes = new DigestFile(work.resolve(PackageManifest.CHANGES));
        int lines = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(CHANGES)) {
                ps.setFetchSize(2000);
                ps.setLong(1, fromSeq);
                ps.setLong(2, toSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        String payload = rs.getString(5);
                        if (payload == null) {
                            throw new IllegalStateException("change " + seq + " names record " + rs.getLong(2)
                                    + ", which neither exists nor redirects to a record");
                        }
                        long mergedInto = rs.getLong(9);
                        boolean redirected = !rs.wasNull();
                        JsonNode record = JSON.readTree(payload);
                        String kind = record.path("record_kind").asString("UNKNOWN");
                        changes.writer.write("{\"seq\":" + seq + ",\"recordId\":" + rs.getLong(2) + ",\"type\":"
                                + JSON.writeValueAsString(rs.getString(3)) + ",\"version\":" + rs.getInt(4)
                                + ",\"mergedIds\":" + (rs.getString(6) == null ? "null" : rs.getString(6))
                                + ",\"reason\":" + JSON.writeValueAsString(rs.getString(7))
                                + (redirected ? ",\"mergedInto\":" + mergedInto : "")
                                + unmerge(rs)
                                + ",\"record\":" + payload + ",\"lineage\":" + rs.getString(8) + "}\n");
                        changes.rows++;
                        counts.merge(kind, 1, Integer::sum);
                        DigestFile csv = csvs.computeIfAbsent(kind, k -> DigestFile.csv(work.resolve(k + ".csv")));
                        csv.printRow(seq, rs.getString(3), record);
                        lines++;
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the change log " + fromSeq + ".." + toSeq + ": "
                    + e.getMessage(), e);
        }
        if (lines != toSeq - fromSeq + 1) {
            throw new IllegalStateException("the change log of node '" + node.id() + "' has " + lines
                    + " entries in " + fromSeq + ".." + toSeq + " instead of " + (toSeq - fromSeq + 1)
                    + ": it must be gap-free");
        }
        Map<String, PackageManifest.FileEntry> files = new LinkedHashMap<>();
        files.put(PackageManifest.CHANGES, changes.close());
        for (Map.Entry<String, DigestFile> e : csvs.entrySet()) {
            files.put(e.getKey() + ".csv", e.getValue().close());
        }
        PackageManifest manifest = new PackageManifest(PackageManifest.FORMAT_VERSION, id, node.id(), node.region(),
                node.parent(), fromSeq, toSeq, lines, counts, files,
                OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(), key.id());
        byte[] manifestBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        String signature = Signatures.hmac(key.secret().value(), manifestBytes);

        Path partial = outDir.resolve(PackageManifest.fileName(id) + ".part");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
            zip.setLevel(Deflater.BEST_SPEED);
            putBytes(zip, PackageManifest.MANIFEST, manifestBytes);
            putBytes(zip, PackageManifest.SIGNATURE, (signature + "\n").getBytes(StandardCharsets.US_ASCII));
            for (String name : files.keySet()) {
                zip.putNextEntry(new ZipEntry(name));
                Files.copy(work.resolve(name), zip);
                zip.closeEntry();
            }
        }
        Path target = outDir.resolve(PackageManifest.fileName(id));
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Built(manifest, target, Signatures.sha256(target));
    }

    /** The fields of an unmerge's change line (the restored record's INSERT), else nothing. */
    private static String unmerge(ResultSet rs) throws SQLException {
        long from = rs.getLong(10);
        if (rs.wasNull()) {
            return "";
        }
        return ",\"unmergedFrom\":" + from + ",\"unmergeReason\":" + JSON.writeValueAsString(rs.getString(11))
                + ",\"unmergeActor\":" + JSON.writeValueAsString(rs.getString(12));
    }

    /**
     * What a push killed while building left in the outbox: its work folder (the package's files before zipping,
     * as large as the package) and a half-written zip. The caller holds the node lock, so no other build is running.
     */
    private static void removeAbandoned(Path outDir) throws IOException {
        List<Path> abandoned;
        try (var files = Files.list(outDir)) {
            abandoned = files.filter(p -> p.getFileName().toString().contains(".building-")
                    || p.getFileName().toString().endsWith(".zip.part")).toList();
        }
        for (Path p : abandoned) {
            deleteTree(p);
        }
    }

    private static void putBytes(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A data file being written, with its SHA-256 computed on the way. */
    private static final class DigestFile {
        private final MessageDigest digest = Signatures.sha256();
        private final Path file;
        private final BufferedWriter writer;
        private CSVPrinter csv;
        private long rows;

        DigestFile(Path file) throws IOException {
            this.file = file;
            OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest);
            writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        }

        static DigestFile csv(Path file) {
            try {
                DigestFile f = new DigestFile(file);
                f.writer.write('\uFEFF');
                String[] headers = new String[RecordColumns.ALL.size() + 2];
                headers[0] = "变更序号";
                headers[1] = "变更类型";
                for (int i = 0; i < RecordColumns.ALL.size(); i++) {
                    headers[i + 2] = RecordColumns.ALL.get(i).header();
                }
                f.csv = new CSVPrinter(f.writer, CSVFormat.DEFAULT.builder().setHeader(headers).get());
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void printRow(long seq, String type, JsonNode record) throws IOException {
            csv.print(seq);
            csv.print(type);
            for (RecordColumns.Column column : RecordColumns.ALL) {
                JsonNode v = record.get(column.key());
                csv.print(v == null || v.isNull() ? null
                        : RecordColumns.neutralise(RecordColumns.display(column.key(), v.asString())));
            }
            csv.println();
            rows++;
        }

        PackageManifest.FileEntry close() throws IOException {
            if (csv != null) {
                csv.flush();
            }
            writer.close();
            return new PackageManifest.FileEntry(HexFormat.of().formatHex(digest.digest()), Files.size(file), rows);
        }
    }
}
