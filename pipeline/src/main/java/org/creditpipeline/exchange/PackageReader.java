package org.creditpipeline.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens a received package and verifies it before anything is applied: the manifest's HMAC signature with the key of
 * the sending child, the SHA-256 and size of every file, no file missing or added, the number of changes per record
 * kind in {@code changes.jsonl} and in each CSV, and a gap-free sequence range. Any failure is a
 * {@link RefusedPackageException} with the reason. Reads {@code changes.jsonl} in a streaming pass; {@link #changes}
 * streams it again for applying.
 */
public final class PackageReader implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_MANIFEST_BYTES = 1 << 20;

    /** What the receiver needs to know about one record of the package (its last change wins). */
    public record RecordChange(long recordId, long lastSeq, String lastType, boolean carriesRecord, String kind,
                               String regionCode, boolean hasSubject) {
    }

    private final ZipFile zip;
    private final PackageManifest manifest;
    private final Map<Long, RecordChange> records = new LinkedHashMap<>();

    private PackageReader(ZipFile zip, PackageManifest manifest) {
        this.zip = zip;
        this.manifest = manifest;
    }

    /**
     * @param keys the HMAC key of each child this node accepts packages from, by node id
     */
    public static PackageReader open(Path file, String receiver, Map<String, String> keys) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RefusedPackageException("not a readable package (truncated or damaged zip: " + e.getMessage()
                    + ") / 数据包不完整或已损坏");
        }
        try {
            PackageReader reader = new PackageReader(zip, readManifest(zip, receiver, keys));
            reader.verifyFiles();
            reader.scanChanges();
            return reader;
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    /**
     * The manifest as the package states it, unverified (null when unreadable): only to address a refusal to the
     * child the package claims to come from.
     */
    public static PackageManifest peek(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8)) {
            return JSON.readValue(entryBytes(zip, PackageManifest.MANIFEST), PackageManifest.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public PackageManifest manifest() {
        return manifest;
    }

    /** One entry per record, in the order of its first change. */
    public Map<Long, RecordChange> records() {
        return records;
    }

    /** Streams the lines of {@code changes.jsonl} (already verified) with their sequence numbers. */
    public void changes(LineConsumer consumer) throws IOException {
        try (BufferedReader in = lines(PackageManifest.CHANGES)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isEmpty()) {
                    consumer.accept(line);
                }
            }
        }
    }

    @FunctionalInterface
    public interface LineConsumer {
        void accept(String line) throws IOException;
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static PackageManifest readManifest(ZipFile zip, String receiver, Map<String, String> keys) {
        byte[] manifestBytes = entryBytes(zip, PackageManifest.MANIFEST);
        byte[] signature = entryBytes(zip, PackageManifest.SIGNATURE);
        PackageManifest manifest;
        try {
            manifest = JSON.readValue(manifestBytes, PackageManifest.class);
        } catch (JacksonException e) {
            throw new RefusedPackageException("the manifest is not valid JSON: " + e.getOriginalMessage()
                    + " / 包头格式错误");
        }
        String key = manifest.node() == null ? null : keys.get(manifest.node());
        if (key == null) {
            throw new RefusedPackageException("sender '" + manifest.node() + "' is not a child of node '" + receiver
                    + "' / 发送节点不是本节点的下级节点");
        }
        if (!Signatures.verify(key, manifestBytes, new String(signature, StandardCharsets.US_ASCII))) {
            throw new RefusedPackageException("signature does not match: the manifest was altered or signed with"
                    + " another key / 签名校验失败，包头被篡改或密钥不符");
        }
        if (manifest.formatVersion() != PackageManifest.FORMAT_VERSION) {
            throw new RefusedPackageException("format version " + manifest.formatVersion() + " is not supported (this"
                    + " node reads version " + PackageManifest.FORMAT_VERSION + ") / 数据包格式版本不支持");
        }
        if (!receiver.equals(manifest.parent())) {
            throw new RefusedPackageException("the package is addressed to node '" + manifest.parent() + "', not '"
                    + receiver + "' / 接收节点不符");
        }
        if (manifest.fromSeq() < 1 || manifest.toSeq() < manifest.fromSeq()
                || manifest.changes() != manifest.toSeq() - manifest.fromSeq() + 1
                || !PackageManifest.packageId(manifest.node(), manifest.fromSeq(), manifest.toSeq())
                        .equals(manifest.packageId())) {
            throw new RefusedPackageException("the manifest's sequence range " + manifest.fromSeq() + ".."
                    + manifest.toSeq() + " does not fit its " + manifest.changes() + " changes or its id '"
                    + manifest.packageId() + "' / 包头序号范围与记录数不符");
        }
        return manifest;
    }

    private void verifyFiles() {
        Set<String> present = new HashSet<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            present.add(e.nextElement().getName());
        }
        present.remove(PackageManifest.MANIFEST);
        present.remove(PackageManifest.SIGNATURE);
        if (manifest.files() == null || !manifest.files().containsKey(PackageManifest.CHANGES)) {
            throw new RefusedPackageException("the manifest lists no " + PackageManifest.CHANGES + " / 缺少数据文件");
        }
        for (Map.Entry<String, PackageManifest.FileEntry> f : manifest.files().entrySet()) {
            String name = f.getKey();
            if (!present.remove(name)) {
                throw new RefusedPackageException("file " + name + " named in the manifest is missing / 数据文件缺失: "
                        + name);
            }
            String sha;
            long size;
            try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                CountingInput counted = new CountingInput(in);
                sha = Signatures.sha256(counted);
                size = counted.count;
            } catch (IOException e) {
                throw new RefusedPackageException("file " + name + " cannot be read (" + e.getMessage()
                        + "): the package is damaged / 数据文件损坏: " + name);
            }
            if (!sha.equals(f.getValue().sha256()) || size != f.getValue().bytes()) {
                throw new RefusedPackageException("checksum of " + name + " does not match the manifest (SHA-256 "
                        + sha + ", " + size + " bytes; expected " + f.getValue().sha256() + ", " + f.getValue().bytes()
                        + " bytes): the file was altered or truncated / 数据文件校验失败: " + name);
            }
        }
        if (!present.isEmpty()) {
            throw new RefusedPackageException("files not named in the manifest: " + present + " / 数据包含有未声明的文件");
        }
    }

    private void scanChanges() {
        Map<String, Integer> counts = new TreeMap<>();
        long expected = manifest.fromSeq();
        try {
            BufferedReader in = lines(PackageManifest.CHANGES);
            try (in) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    ChangeHead change = head(line, expected);
                    long seq = change.seq();
                    if (seq != expected) {
                        throw new RefusedPackageException("change " + seq + " where " + expected + " was expected: the"
                                + " sequence in " + PackageManifest.CHANGES + " has a gap or is out of order / 变更序号不连续");
                    }
                    expected++;
                    String kind = change.kind();
                    counts.merge(kind == null ? "UNKNOWN" : kind, 1, Integer::sum);
                    RecordChange previous = records.get(change.recordId());
                    boolean carries = change.type().equals("INSERT") || change.type().equals("MERGE")
                            || previous != null && previous.carriesRecord();
                    records.put(change.recordId(), new RecordChange(change.recordId(), seq, change.type(), carries, kind,
                            change.region(), change.subject() != null && !change.subject().isBlank()));
                }
            }
        } catch (IOException e) {
            throw new RefusedPackageException(PackageManifest.CHANGES + " cannot be read: " + e.getMessage()
                    + " / 数据文件损坏");
        }
        if (expected - 1 != manifest.toSeq()) {
            throw new RefusedPackageException(PackageManifest.CHANGES + " ends at change " + (expected - 1)
                    + " but the manifest says " + manifest.toSeq() + " / 数据条数与包头不符");
        }
        if (!counts.equals(new TreeMap<>(manifest.counts()))) {
            throw new RefusedPackageException("changes per record kind " + counts + " differ from the manifest's "
                    + manifest.counts() + " / 各类记录条数与包头不符");
        }
        for (Map.Entry<String, Integer> kind : counts.entrySet()) {
            String csv = kind.getKey() + ".csv";
            PackageManifest.FileEntry entry = manifest.files().get(csv);
            long rows = entry == null ? -1 : csvRows(csv);
            if (rows != kind.getValue() || entry.rows() != rows) {
                throw new RefusedPackageException(csv + " has " + rows + " rows, the manifest counts " + kind.getValue()
                        + " " + kind.getKey() + " changes / CSV 条数与包头不符");
            }
        }
    }

    private long csvRows(String name) {
        try (CSVParser parser = CSVParser.parse(lines(name), CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            long n = 0;
            for (var ignored : parser) {
                n++;
            }
            return n;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RefusedPackageException(name + " is not valid CSV: " + e.getMessage() + " / CSV 文件格式错误");
        }
    }

    /** The ids a MERGE change line absorbed ({@code mergedIds}); empty for other changes. */
    public static List<Long> mergedIds(String line) {
        List<Long> ids = new ArrayList<>();
        try {
            JSON.readTree(line).path("mergedIds").forEach(id -> ids.add(id.asLong()));
        } catch (JacksonException e) {
            throw new RefusedPackageException("a MERGE change is not valid JSON: " + e.getOriginalMessage()
                    + " / 变更记录格式错误");
        }
        return ids;
    }

    /** The fields of one change line the receiver needs, read without building the whole tree. */
    public record ChangeHead(long seq, long recordId, String type, String kind, String region, String subject) {
    }

    public static ChangeHead head(String line, long expected) {
        long seq = -1;
        long recordId = -1;
        String type = "";
        String kind = null;
        String region = null;
        String subject = null;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RefusedPackageException("change " + expected + " is not a JSON object / 变更记录格式错误");
            }
            for (String name; (name = p.nextName()) != null; ) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "seq" -> seq = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "recordId" -> recordId = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "type" -> type = t == JsonToken.VALUE_STRING ? p.getString() : "";
                    case "record" -> {
                        if (t != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        for (String field; (field = p.nextName()) != null; ) {
                            JsonToken v = p.nextToken();
                            String text = v == JsonToken.VALUE_STRING ? p.getString() : null;
                            switch (field) {
                                case "record_kind" -> kind = text;
                                case "region_code" -> region = text;
                                case "subject_name" -> subject = text;
                                default -> p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new RefusedPackageException("change " + expected + " has text after its JSON object / 变更记录格式错误");
            }
        } catch (JacksonException e) {
            throw new RefusedPackageException("change " + expected + " is not valid JSON: " + e.getOriginalMessage()
                    + " / 变更记录格式错误");
        }
        return new ChangeHead(seq, recordId, type, kind, region, subject);
    }

    private BufferedReader lines(String name) throws IOException {
        return new BufferedReader(new InputStreamReader(zip.getInputStream(zip.getEntry(name)), StandardCharsets.UTF_8),
                1 << 16);
    }

    private static byte[] entryBytes(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new RefusedPackageException("the package has no " + name + " / 数据包缺少" + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new RefusedPackageException(name + " is larger than 1 MiB / 包头过大");
            }
            return bytes;
        } catch (IOException e) {
            throw new RefusedPackageException(name + " cannot be read (" + e.getMessage() + ") / 包头损坏");
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }

    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }
    }
}
