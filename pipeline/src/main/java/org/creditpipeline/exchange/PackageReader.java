package org.creditpipeline.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
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
import org.creditpipeline.normalize.Dates;
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
    private final String keyId;
    private final Map<Long, RecordChange> records = new LinkedHashMap<>();
    private final Set<Long> mergeSeqs = new HashSet<>();
    private final Set<Long> unmergeSeqs = new HashSet<>();

    private PackageReader(ZipFile zip, Verified verified) {
        this.zip = zip;
        this.manifest = verified.manifest();
        this.keyId = verified.keyId();
    }

    private record Verified(PackageManifest manifest, String keyId) {
    }

    /**
     * @param keys the HMAC keys of each child this node accepts packages from, by node id (a key that has retired
     *             today in China refuses the package)
     */
    public static PackageReader open(Path file, String receiver, Map<String, NodeKeys> keys) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RefusedPackageException("not a readable package (truncated or damaged zip: " + e.getMessage()
                    + ") / 数据包不完整或已损坏");
        }
        try {
            PackageReader reader = new PackageReader(zip, readManifest(zip, receiver, keys, Dates.today()));
            try {
                reader.verifyFiles();
            } catch (RefusedPackageException e) {
                throw e.signedWith(reader.keyId);
            }
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

    /** The id of the key (of the receiver's copy of the sender's node file) that verified the manifest. */
    public String keyId() {
        return keyId;
    }

    /** The sequence numbers of the package's MERGE changes. */
    public Set<Long> mergeSeqs() {
        return mergeSeqs;
    }

    /** The sequence numbers of the package's unmerges (the restored records' INSERTs with {@code unmergedFrom}). */
    public Set<Long> unmergeSeqs() {
        return unmergeSeqs;
    }

    /** One entry per record, in the order of its first change. */
    public Map<Long, RecordChange> records() {
        return records;
    }

    /**
     * Streams the lines of {@code changes.jsonl} (already verified) as UTF-8 bytes: Jackson reads them without a
     * decoding pass, which was the larger part of reading a package.
     */
    public void changes(LineConsumer consumer) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(PackageManifest.CHANGES))) {
            new ByteLines(in).forEach(consumer);
        }
    }

    /** One line: {@code buf[off .. off + len)}, valid only during the call. */
    @FunctionalInterface
    public interface LineConsumer {
        void accept(byte[] buf, int off, int len) throws IOException;
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static Verified readManifest(ZipFile zip, String receiver, Map<String, NodeKeys> keys,
                                         LocalDate today) {
        byte[] manifestBytes = entryBytes(zip, PackageManifest.MANIFEST);
        byte[] signature = entryBytes(zip, PackageManifest.SIGNATURE);
        PackageManifest manifest;
        try {
            manifest = JSON.readValue(manifestBytes, PackageManifest.class);
        } catch (JacksonException e) {
            throw new RefusedPackageException("the manifest is not valid JSON: " + e.getOriginalMessage()
                    + " / 包头格式错误");
        }
        NodeKeys senderKeys = manifest.node() == null ? null : keys.get(manifest.node());
        if (senderKeys == null) {
            throw new RefusedPackageException("sender '" + manifest.node() + "' is not a child of node '" + receiver
                    + "' / 发送节点不是本节点的下级节点");
        }
        NodeKeys.Key key = senderKeys.verifying(manifestBytes, new String(signature, StandardCharsets.US_ASCII),
                manifest.keyId());
        if (key == null) {
            String unknown = manifest.keyId() != null && senderKeys.get(manifest.keyId()).isEmpty()
                    ? " (the package names key '" + manifest.keyId() + "', which node '" + receiver + "' does not"
                    + " list for node '" + manifest.node() + "': the parent's copy of " + manifest.node() + ".yaml"
                    + " needs the new key before the child signs with it; docs/EXCHANGE.md, Changing a key)" : "";
            throw new RefusedPackageException("signature does not match: the manifest was altered or signed with"
                    + " another key" + unknown + " / 签名校验失败，包头被篡改或密钥不符");
        }
        if (key.retiredOn(today)) {
            throw new RefusedPackageException(senderKeys.retiredReason(key));
        }
        if (manifest.formatVersion() != PackageManifest.FORMAT_VERSION) {
            throw new RefusedPackageException("format version " + manifest.formatVersion() + " is not supported (this"
                    + " node reads version " + PackageManifest.FORMAT_VERSION + ") / 数据包格式版本不支持").signedWith(key.id());
        }
        if (!receiver.equals(manifest.parent())) {
            throw new RefusedPackageException("the package is addressed to node '" + manifest.parent() + "', not '"
                    + receiver + "' / 接收节点不符").signedWith(key.id());
        }
        if (manifest.fromSeq() < 1 || manifest.toSeq() < manifest.fromSeq()
                || manifest.changes() != manifest.toSeq() - manifest.fromSeq() + 1
                || !PackageManifest.packageId(manifest.node(), manifest.fromSeq(), manifest.toSeq())
                        .equals(manifest.packageId())) {
            throw new RefusedPackageException("the manifest's sequence range " + manifest.fromSeq() + ".."
                    + manifest.toSeq() + " does not fit its " + manifest.changes() + " changes or its id '"
                    + manifest.packageId() + "' / 包头序号范围与记录数不符").signedWith(key.id());
        }
        return new Verified(manifest, key.id());
    }

    /**
     * One pass over every file: its SHA-256 and size, and, in the same read, the change lines' sequence and kinds
     * ({@code changes.jsonl}) or the row count (CSV). A file whose checksum fails is reported as altered, whatever
     * else is wrong with its content.
     */
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
        for (String name : manifest.files().keySet()) {
            if (!present.remove(name)) {
                throw new RefusedPackageException("file " + name + " named in the manifest is missing / 数据文件缺失: "
                        + name);
            }
        }
        if (!present.isEmpty()) {
            throw new RefusedPackageException("files not named in the manifest: " + present + " / 数据包含有未声明的文件");
        }
        ChangeScan changes = new ChangeScan();
        Map<String, Long> csvRows = new TreeMap<>();
        for (Map.Entry<String, PackageManifest.FileEntry> f : manifest.files().entrySet()) {
            String name = f.getKey();
            RefusedPackageException content = null;
            String sha;
            long size;
            try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                DigestingInput read = new DigestingInput(in);
                try {
                    if (name.equals(PackageManifest.CHANGES)) {
                        new ByteLines(read).forEach(changes::line);
                    } else if (name.endsWith(".csv")) {
                        csvRows.put(name, csvRows(read, name));
                    }
                } catch (RefusedPackageException e) {
                    content = e;
                }
                read.transferTo(java.io.OutputStream.nullOutputStream());
                sha = read.sha256();
                size = read.count;
            } catch (IOException e) {
                throw new RefusedPackageException("file " + name + " cannot be read (" + e.getMessage()
                        + "): the package is damaged / 数据文件损坏: " + name);
            }
            if (!sha.equals(f.getValue().sha256()) || size != f.getValue().bytes()) {
                throw new RefusedPackageException("checksum of " + name + " does not match the manifest (SHA-256 "
                        + sha + ", " + size + " bytes; expected " + f.getValue().sha256() + ", " + f.getValue().bytes()
                        + " bytes): the file was altered or truncated / 数据文件校验失败: " + name);
            }
            if (content != null) {
                throw content;
            }
        }
        changes.check(csvRows);
    }

    /** The sequence, kinds and records of the change lines, read as they stream past. */
    private final class ChangeScan {
        private final Map<String, Integer> counts = new TreeMap<>();
        private long expected = manifest.fromSeq();

        void line(byte[] buf, int off, int len) {
            ChangeHead change = head(buf, off, len, expected);
            long seq = change.seq();
            if (seq != expected) {
                throw new RefusedPackageException("change " + seq + " where " + expected + " was expected: the"
                        + " sequence in " + PackageManifest.CHANGES + " has a gap or is out of order / 变更序号不连续");
            }
            expected++;
            if (change.type().equals("MERGE")) {
                mergeSeqs.add(seq);
            }
            if (change.unmergedFrom() != null) {
                if (!change.type().equals("INSERT")) {
                    throw new RefusedPackageException("change " + seq + " is a " + change.type() + " with unmergedFrom:"
                            + " only the INSERT of a restored record undoes a merge / 变更记录格式错误");
                }
                unmergeSeqs.add(seq);
            }
            String kind = change.kind();
            counts.merge(kind == null ? "UNKNOWN" : kind, 1, Integer::sum);
            RecordChange previous = records.get(change.recordId());
            // Every change line carries the record after it (PackageBuilder), so an UPDATE or STATUS change can be
            // staged even when this node never took the record: a record the parent questioned and the child then
            // corrected arrives as an UPDATE (DOMAIN.md §9, correction and resubmission).
            boolean carries = change.kind() != null || change.type().equals("INSERT")
                    || change.type().equals("MERGE") || previous != null && previous.carriesRecord();
            records.put(change.recordId(), new RecordChange(change.recordId(), seq, change.type(), carries, kind,
                    change.region(), change.subject() != null && !change.subject().isBlank()));
        }

        void check(Map<String, Long> csvRows) {
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
                long rows = csvRows.getOrDefault(csv, -1L);
                if (rows != kind.getValue() || entry.rows() != rows) {
                    throw new RefusedPackageException(csv + " has " + rows + " rows, the manifest counts "
                            + kind.getValue() + " " + kind.getKey() + " changes / CSV 条数与包头不符");
                }
            }
        }
    }

    /**
     * Data rows of a package CSV, counted on the bytes as Commons CSV's default format reads them: a quote opens a
     * quoted field only where a field starts, {@code ""} inside one is a quote, CR, LF and CRLF end a record outside
     * quotes, blank lines are no records, the first record is the header. (UTF-8 never has a quote, comma, CR or LF
     * inside a multi-byte character.)
     */
    static long csvRows(InputStream in, String name) throws IOException {
        byte[] buf = new byte[1 << 16];
        long records = 0;
        boolean quoted = false;
        boolean quoteInQuoted = false; // a quote inside a quoted field: closes it unless another quote follows
        boolean fieldStart = true;
        boolean content = false;
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (quoted) {
                    if (quoteInQuoted) {
                        quoteInQuoted = false;
                        if (b == '"') {
                            continue; // an escaped quote
                        }
                        quoted = false; // the field closed: b is read outside quotes below
                    } else {
                        if (b == '"') {
                            quoteInQuoted = true;
                        }
                        continue;
                    }
                }
                if (b == '\r' || b == '\n') { // CRLF: the LF ends an empty line, which is no record
                    if (content) {
                        records++;
                    }
                    content = false;
                    fieldStart = true;
                } else {
                    content = true;
                    if (b == '"' && fieldStart) {
                        quoted = true;
                    }
                    fieldStart = b == ',';
                }
            }
        }
        if (quoted && !quoteInQuoted) {
            throw new RefusedPackageException(name + " is not valid CSV: a quoted field is not closed / CSV 文件格式错误");
        }
        if (content || quoted) {
            records++;
        }
        return Math.max(records - 1, 0);
    }

    /** The ids a MERGE change line absorbed ({@code mergedIds}); empty for other changes. */
    public static List<Long> mergedIds(byte[] buf, int off, int len) {
        List<Long> ids = new ArrayList<>();
        try {
            JSON.readTree(JSON.createParser(buf, off, len)).path("mergedIds").forEach(id -> ids.add(id.asLong()));
        } catch (JacksonException e) {
            throw new RefusedPackageException("a MERGE change is not valid JSON: " + e.getOriginalMessage()
                    + " / 变更记录格式错误");
        }
        return ids;
    }

    /**
     * The fields of one change line the receiver needs, read without building the whole tree; {@code unmergedFrom}
     * (with its reason and actor) only on the INSERT of a record an unmerge restored, null otherwise.
     */
    public record ChangeHead(long seq, long recordId, String type, String kind, String region, String subject,
                             Long unmergedFrom, String unmergeReason, String unmergeActor) {
    }

    public static ChangeHead head(byte[] buf, int off, int len, long expected) {
        long seq = -1;
        long recordId = -1;
        String type = "";
        String kind = null;
        String region = null;
        String subject = null;
        Long unmergedFrom = null;
        String unmergeReason = null;
        String unmergeActor = null;
        try (JsonParser p = JSON.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RefusedPackageException("change " + expected + " is not a JSON object / 变更记录格式错误");
            }
            for (String name; (name = p.nextName()) != null; ) {
                JsonToken t = p.nextToken();
                switch (name) {
                    case "seq" -> seq = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "recordId" -> recordId = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "type" -> type = t == JsonToken.VALUE_STRING ? p.getString() : "";
                    case "unmergedFrom" -> unmergedFrom = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                    case "unmergeReason" -> unmergeReason = t == JsonToken.VALUE_STRING ? p.getString() : null;
                    case "unmergeActor" -> unmergeActor = t == JsonToken.VALUE_STRING ? p.getString() : null;
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
        return new ChangeHead(seq, recordId, type, kind, region, subject, unmergedFrom, unmergeReason, unmergeActor);
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

    /** Counts and hashes what is read through it. */
    private static final class DigestingInput extends java.io.FilterInputStream {
        private final java.security.MessageDigest digest = Signatures.sha256();
        long count;

        DigestingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        String sha256() {
            return java.util.HexFormat.of().formatHex(digest.digest());
        }
    }

    /** The lines of a stream as byte slices, split at LF (a CR before it dropped); empty lines are skipped. */
    private static final class ByteLines {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];

        ByteLines(InputStream in) {
            this.in = in;
        }

        void forEach(LineConsumer consumer) throws IOException {
            int start = 0;
            int end = 0;
            int scan = 0;
            while (true) {
                while (scan < end && buf[scan] != '\n') {
                    scan++;
                }
                if (scan < end) {
                    emit(consumer, start, scan);
                    start = ++scan;
                    continue;
                }
                if (start > 0) { // keep the partial line, make room
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    scan -= start;
                    start = 0;
                }
                if (end == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    emit(consumer, start, end);
                    return;
                }
                end += n;
            }
        }

        private void emit(LineConsumer consumer, int from, int to) throws IOException {
            if (to > from && buf[to - 1] == '\r') {
                to--;
            }
            if (to > from) {
                consumer.accept(buf, from, to - from);
            }
        }
    }
}
