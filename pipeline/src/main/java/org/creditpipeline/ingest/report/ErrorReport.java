package org.creditpipeline.ingest.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data officer's error report for one ingested file, {@code <file-id>-<name>-errors.xlsx}: a sheet of rejected rows
 * per source table (original values in the original column order, offending cells filled, every reason in Chinese) and
 * a summary sheet. Rejects are streamed from {@code rejected_row} with a cursor and written with POI SXSSF, so a file
 * with a million rejects needs no more memory than one with ten. An ingest that completed in one go hands over the
 * rejects its step spooled instead ({@link #write(long, Info, Rejects)}): the same rows, not read back from the table.
 *
 * <p>A check ({@code ingest --check}) stores no rows: its report, {@code check-<sha256 prefix>-<name>-errors.xlsx}, is
 * written the same way from the rejects the check spooled to a temporary file ({@link Rejects}), and its summary says
 * that nothing was stored.
 */
public final class ErrorReport {

    static final String SELECT_REJECTS = """
            SELECT sheet, source_row, raw::text AS raw, reasons::text AS reasons
              FROM rejected_row WHERE file_id = ? ORDER BY id""";
    static final String COUNT_BY_CODE = """
            SELECT r->>'code' AS code, min(r->>'messageZh') AS example, count(*) AS n
              FROM rejected_row, jsonb_array_elements(reasons) AS r
             WHERE file_id = ? GROUP BY 1 ORDER BY 3 DESC, 1""";

    /**
     * Up to this many rejects SXSSF's temporary sheet files stay uncompressed: gzip'ing them was a large share of the
     * report's CPU, and uncompressed they take some 2.2 KB per reject, 110 MB at this limit; beyond it the disk matters
     * more.
     */
    static final long COMPRESS_TEMP_FILES_ABOVE = 50_000;
    private static final AtomicBoolean WARMED_UP = new AtomicBoolean();
    /** Excel's own limit; a longer value is cut in the report (the database keeps it whole). */
    private static final int MAX_CELL = 32_767;
    private static final int MAX_SHEET_NAME = 31;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Chinese labels of the reject codes, for the summary. */
    static final Map<String, String> CODE_LABELS = Map.ofEntries(
            Map.entry("REQUIRED_MISSING", "必填项为空"), Map.entry("USCC_INVALID", "统一社会信用代码错误"),
            Map.entry("ID_INVALID", "证件号码错误"), Map.entry("ORG_CODE_INVALID", "组织机构代码错误"),
            Map.entry("DATE_INVALID", "日期错误"), Map.entry("AMOUNT_INVALID", "金额错误"),
            Map.entry("REGION_INVALID", "地方编码错误"), Map.entry("REGION_OUTSIDE_NODE", "地方编码不在本节点辖区内"),
            Map.entry("PUBLICATION_END_BEFORE_DECISION", "公示截止期早于决定日期"),
            Map.entry("CODE_VALUE_UNKNOWN", "取值不在代码表中"), Map.entry("ROW_STRUCTURE", "行结构错误（列数、编码、超长）"),
            Map.entry("SEX_INVALID", "性别错误"), Map.entry("NUMBER_INVALID", "数字错误"),
            Map.entry("SUBJECT_KIND_CONFLICT", "主体类型与证件号码不符"),
            Map.entry("DOCUMENT_NUMBER_MULTIPLE", "一格含多个文号（每份决定一行）"),
            Map.entry("EXCEL_ERROR_VALUE", "Excel错误值（公式出错）"), Map.entry("REGISTRATION_NO_INVALID", "工商注册号错误"));

    /**
     * What the summary sheet says about the file.
     *
     * @param sourceName    file name as uploaded
     * @param status        COMPLETED or FAILED
     * @param format        detected format, or null
     * @param encoding      text encoding, or null
     * @param mappings      mapping(s) used
     * @param read          rows read
     * @param accepted      rows accepted
     * @param rejected      rows rejected
     * @param message       why the file failed, or null
     * @param ignoredColumns headers no mapping used
     * @param hiddenSheets  hidden sheets, not ingested
     * @param skippedSheets sheets skipped, with the reason
     * @param headers       raw headers per table (sheet name, "" for CSV/JSON), in column order
     * @param warnings      what the ingest noticed but did not reject a row for (titles and footers skipped, columns
     *                      without a header, …), one line each
     */
    public record Info(String sourceName, String status, String format, String encoding, List<String> mappings, long read,
                       long accepted, long rejected, String message, List<String> ignoredColumns, List<String> hiddenSheets,
                       List<String> skippedSheets, Map<String, List<String>> headers, List<String> warnings) {
    }

    /**
     * Where the rejected rows come from: {@code rejected_row} for an ingested file, a check's spool for a check. Rows
     * come in the order they were read; each is its sheet (null for CSV and JSON), its row number in the source, and
     * the two JSON documents {@code rejected_row} keeps ({@code raw}: cells by header; {@code reasons}).
     */
    public interface Rejects {

        void forEach(Visitor visitor) throws IOException, SQLException;

        /** Per reject code: how often it occurs and an example message (the least in sort order), most frequent first. */
        List<CodeCount> countsByCode() throws IOException, SQLException;

        @FunctionalInterface
        interface Visitor {
            void accept(String sheet, long sourceRow, String rawJson, String reasonsJson) throws IOException;
        }
    }

    /** One line of the summary's table of reasons. */
    public record CodeCount(String code, String example, long count) {
    }

    private final DataSource dataSource;
    private final Path reportsDir;

    public ErrorReport(DataSource dataSource, Path reportsDir) {
        this.dataSource = dataSource;
        this.reportsDir = reportsDir;
    }

    /**
     * Writes a one-row report to nowhere on a thread of its own, once per JVM, so that loading POI and its XML schema
     * classes (about half a second, the first report's alone) overlaps the first file's job instead of following it.
     */
    public static void warmUpInBackground() {
        if (!WARMED_UP.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                warmUp();
            } catch (Exception | LinkageError e) {
                // only a head start: the first real report loads what it needs itself
            }
        }, "report-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The warm-up's work: a report of one reject with a cell outside its header, written to nowhere. The window holds
     * every row, as a real report's does for its first rows: the header row is still there when the cell outside it
     * adds its column (with a window of one row it was flushed already, and POI logged a failed dispose on close).
     */
    static void warmUp() throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(100)) {
            book.setCompressTempFiles(false);
            Styles styles = new Styles(book);
            TableSheet sheet = new TableSheet(book.createSheet("错误数据"), styles, "", List.of("a"));
            sheet.add(1, JSON.readTree("{\"a\":\"x\",\"b\":\"y\"}"),
                    JSON.readTree("[{\"column\":\"a\",\"code\":\"C\",\"messageZh\":\"m\"}]"));
            book.write(OutputStream.nullOutputStream());
        }
    }

    /** The report's path for a file: {@code <file-id>-<name>-errors.xlsx}, the name without extension and unsafe characters. */
    public Path pathFor(long fileId, String sourceName) {
        return reportsDir.resolve(fileId + "-" + baseName(sourceName) + "-errors.xlsx");
    }

    /**
     * A check's report: {@code check-<first 12 hex digits of the SHA-256>-<name>-errors.xlsx}; checking the same bytes
     * again replaces it, two uploads of one name do not.
     */
    public Path checkPathFor(String sha256, String sourceName) {
        return reportsDir.resolve("check-" + sha256.substring(0, Math.min(12, sha256.length())) + "-"
                + baseName(sourceName) + "-errors.xlsx");
    }

    private static String baseName(String sourceName) {
        String base = sourceName.replaceFirst("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[\\\\/:*?\"<>|\\s]+", "_");
        return base.length() > 80 ? base.substring(0, 80) : base;
    }

    /** The folder the reports are written to (a check spools its rejects there too). */
    public Path reportsDir() {
        return reportsDir;
    }

    /** Writes the report of an ingested file from {@code rejected_row} (replacing an earlier one) and returns its path. */
    public Path write(long fileId, Info info) throws IOException, SQLException {
        return write(pathFor(fileId, info.sourceName()), fileId, info, new StoredRejects(fileId));
    }

    /**
     * Writes the report of an ingested file from rows the caller guarantees to be those of {@code rejected_row}, in
     * its order (the rejects its step spooled), and returns its path; the counts per reason still come from the table.
     */
    public Path write(long fileId, Info info, Rejects storedRows) throws IOException, SQLException {
        StoredRejects stored = new StoredRejects(fileId);
        return write(pathFor(fileId, info.sourceName()), fileId, info, new Rejects() {
            @Override
            public void forEach(Visitor visitor) throws IOException, SQLException {
                storedRows.forEach(visitor);
            }

            @Override
            public List<CodeCount> countsByCode() throws SQLException {
                return stored.countsByCode();
            }
        });
    }

    /**
     * Writes a report to {@code target} (replacing it) from the given rejects and returns the path. A null
     * {@code fileId} is a check: the summary says that nothing was stored.
     */
    public Path write(Path target, Long fileId, Info info, Rejects rejects) throws IOException, SQLException {
        Files.createDirectories(reportsDir);
        Path tmp = Files.createTempFile(reportsDir, "report-", ".xlsx.tmp");
        SXSSFWorkbook book = new SXSSFWorkbook(200);
        book.setCompressTempFiles(info.rejected() > COMPRESS_TEMP_FILES_ABOVE);
        try {
            Styles styles = new Styles(book);
            Map<String, Long> perTable = writeRejects(book, styles, rejects, info);
            writeSummary(book, styles, fileId, info, perTable, rejects);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                book.write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            book.close();
            Files.deleteIfExists(tmp);
        }
    }

    private Map<String, Long> writeRejects(SXSSFWorkbook book, Styles styles, Rejects rejects, Info info)
            throws IOException, SQLException {
        Map<String, Long> perTable = new LinkedHashMap<>();
        TableSheet[] current = {null};
        rejects.forEach((sheet, sourceRow, raw, reasons) -> {
            String table = sheet == null ? "" : sheet;
            if (current[0] == null || !current[0].table.equals(table)) {
                current[0] = tableSheet(book, styles, table, info, perTable.size());
            }
            current[0].add(sourceRow, JSON.readTree(raw), JSON.readTree(reasons));
            perTable.merge(table, 1L, Long::sum);
        });
        if (perTable.isEmpty()) {
            SXSSFSheet sheet = book.createSheet("错误数据");
            Row row = sheet.createRow(0);
            row.createCell(0).setCellValue("没有被拒绝的数据行（no rejected rows）");
        }
        return perTable;
    }

    private TableSheet tableSheet(SXSSFWorkbook book, Styles styles, String table, Info info, int index) {
        String name = table.isEmpty() ? "错误数据" : "错误数据-" + table.replaceAll("[\\[\\]*?/\\\\:]", "_");
        if (name.length() > MAX_SHEET_NAME) {
            name = name.substring(0, MAX_SHEET_NAME);
        }
        while (book.getSheet(name) != null) {
            name = name.substring(0, Math.min(name.length(), MAX_SHEET_NAME - 3)) + "~" + (++index);
        }
        List<String> headers = info.headers().getOrDefault(table, List.of());
        return new TableSheet(book.createSheet(name), styles, table, headers);
    }

    /** One sheet of rejects: 行号, the original columns, then 错误原因 and 错误代码. */
    private static final class TableSheet {
        final SXSSFSheet sheet;
        final Styles styles;
        final String table;
        final List<String> headers;
        final Map<String, Integer> columnOf = new HashMap<>();
        /** Keys of {@code raw} in jsonb's order: shorter first, then by their UTF-8 bytes. */
        final Comparator<String> jsonbOrder = Comparator.comparingInt((String key) -> utf8(key).length)
                .thenComparing(this::utf8, Arrays::compareUnsigned);
        final Map<String, byte[]> utf8Keys = new HashMap<>();
        int extraColumns;
        int next = 1;

        TableSheet(SXSSFSheet sheet, Styles styles, String table, List<String> headers) {
            this.sheet = sheet;
            this.styles = styles;
            this.table = table;
            this.headers = new ArrayList<>(headers);
            for (int i = 0; i < headers.size(); i++) {
                columnOf.putIfAbsent(headers.get(i), i);
            }
            Row head = sheet.createRow(0);
            cell(head, 0, "行号", styles.header);
            for (int i = 0; i < headers.size(); i++) {
                cell(head, i + 1, headers.get(i), styles.header);
            }
            cell(head, headers.size() + 1, "错误原因", styles.header);
            cell(head, headers.size() + 2, "错误代码", styles.header);
            sheet.createFreezePane(1, 1);
            sheet.setColumnWidth(headers.size() + 1, 60 * 256);
        }

        byte[] utf8(String key) {
            return utf8Keys.computeIfAbsent(key, k -> k.getBytes(StandardCharsets.UTF_8));
        }

        void add(long sourceRow, JsonNode raw, JsonNode reasons) {
            Row row = sheet.createRow(next++);
            int width = headers.size();
            Cell number = row.createCell(0);
            number.setCellValue(sourceRow);
            number.setCellStyle(styles.plain);
            java.util.Set<Integer> bad = new java.util.HashSet<>();
            StringBuilder why = new StringBuilder();
            java.util.Set<String> codes = new java.util.LinkedHashSet<>();
            for (JsonNode reason : reasons) {
                String column = text(reason.get("column"));
                Integer c = column == null ? null : columnOf.get(column);
                if (c != null) {
                    bad.add(c);
                } else if (column == null) {
                    bad.add(-1);
                }
                if (why.length() > 0) {
                    why.append("；\n");
                }
                String zh = text(reason.get("messageZh"));
                why.append(zh != null ? zh : text(reason.get("message")));
                codes.add(text(reason.get("code")));
            }
            // Values by header, in the original column order; cells the header does not name follow the known ones.
            List<String> extras = new ArrayList<>();
            for (var e : inJsonbOrder(raw)) {
                Integer c = columnOf.get(e.getKey());
                String value = text(e.getValue());
                if (c != null) {
                    cell(row, c + 1, value, bad.contains(c) ? styles.bad : styles.plain);
                } else if (value != null && !value.isBlank()) {
                    extras.add(e.getKey() + "=" + value);
                }
            }
            if (bad.contains(-1)) {
                row.getCell(0).setCellStyle(styles.bad);
            }
            cell(row, width + 1, why.toString(), styles.wrap);
            cell(row, width + 2, String.join(",", codes), styles.plain);
            if (!extras.isEmpty()) {
                cell(row, width + 3, "表头以外的单元格: " + String.join("; ", extras), styles.bad);
                if (extraColumns == 0) {
                    // the header row is still in the window for the first rows; after them it has been written
                    // out, and the cell, which names what it holds, goes without a header
                    Row head = sheet.getRow(0);
                    if (head != null) {
                        cell(head, width + 3, "其他单元格", styles.header);
                    }
                    extraColumns = 1;
                }
            }
        }

        /**
         * The cells of {@code raw} in the order {@code rejected_row.raw} (jsonb) gives them back, whatever order the
         * JSON was written in, so that a report from spooled rows lists the cells outside the header as one from the
         * table does.
         */
        private List<Map.Entry<String, JsonNode>> inJsonbOrder(JsonNode raw) {
            List<Map.Entry<String, JsonNode>> cells = new ArrayList<>(raw.properties());
            for (int i = 1; i < cells.size(); i++) {
                if (jsonbOrder.compare(cells.get(i - 1).getKey(), cells.get(i).getKey()) > 0) {
                    cells.sort(Map.Entry.comparingByKey(jsonbOrder));
                    break;
                }
            }
            return cells;
        }
    }

    private void writeSummary(SXSSFWorkbook book, Styles styles, Long fileId, Info info, Map<String, Long> perTable,
                              Rejects rejects) throws IOException, SQLException {
        SXSSFSheet sheet = book.createSheet("汇总");
        sheet.setColumnWidth(0, 28 * 256);
        sheet.setColumnWidth(1, 90 * 256);
        int[] r = {0};
        java.util.function.BiConsumer<String, String> line = (k, v) -> {
            Row row = sheet.createRow(r[0]++);
            cell(row, 0, k, styles.header);
            cell(row, 1, v, styles.wrap);
        };
        line.accept("文件 (file)", info.sourceName());
        boolean check = fileId == null;
        line.accept("文件编号 (file id)", check ? "无：仅检查，未导入 (none: a check stores nothing)" : Long.toString(fileId));
        if (check) {
            line.accept("状态 (status)", "COMPLETED".equals(info.status()) ? "检查完成，未导入 COMPLETED (check)"
                    : "检查：文件无法导入 " + info.status() + " (check)");
            line.accept("仅检查 (check only)", "本次只检查文件，没有保存任何数据：下列被拒绝的行是正式导入时将被拒绝的行；"
                    + "修改后正式导入（不带 --check）才会入库。 (a check: the rows below are those an ingest would reject;"
                    + " nothing was stored, ingest without --check to store the file)");
        } else {
            line.accept("状态 (status)", "COMPLETED".equals(info.status()) ? "已导入 COMPLETED" : "导入失败 " + info.status());
        }
        line.accept("格式 (format)", info.format());
        line.accept("编码 (encoding)", info.encoding());
        line.accept("数据映射 (mapping)", String.join(", ", info.mappings()));
        line.accept("读取行数 (rows read)", Long.toString(info.read()));
        line.accept("接受行数 (accepted)", Long.toString(info.accepted()));
        line.accept("拒绝行数 (rejected)", Long.toString(info.rejected()));
        if (info.message() != null) {
            line.accept("失败原因 (why the file failed)", info.message());
        }
        line.accept("未使用的列 (ignored columns)", String.join("、", info.ignoredColumns()));
        line.accept("隐藏工作表 (hidden sheets, not ingested)", String.join("、", info.hiddenSheets()));
        line.accept("跳过的工作表 (skipped sheets)", String.join("\n", info.skippedSheets()));
        line.accept("提示 (warnings)", String.join("\n", info.warnings()));
        perTable.forEach((table, n) -> line.accept("拒绝行数 " + (table.isEmpty() ? "" : "（" + table + "）"), n.toString()));
        r[0]++;
        Row head = sheet.createRow(r[0]++);
        cell(head, 0, "错误代码 (reason code)", styles.header);
        cell(head, 1, "说明 / 示例", styles.header);
        cell(head, 2, "次数 (count)", styles.header);
        for (CodeCount count : rejects.countsByCode()) {
            Row row = sheet.createRow(r[0]++);
            cell(row, 0, count.code(), null);
            cell(row, 1, CODE_LABELS.getOrDefault(count.code(), count.code()) + "，例如：" + count.example(), styles.wrap);
            row.createCell(2).setCellValue(count.count());
        }
    }

    /** The rejects of an ingested file, from {@code rejected_row}. */
    private final class StoredRejects implements Rejects {

        private final long fileId;

        StoredRejects(long fileId) {
            this.fileId = fileId;
        }

        @Override
        public void forEach(Visitor visitor) throws IOException, SQLException {
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
                try (PreparedStatement ps = c.prepareStatement(SELECT_REJECTS)) {
                    ps.setFetchSize(500);
                    ps.setLong(1, fileId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            visitor.accept(rs.getString("sheet"), rs.getLong("source_row"), rs.getString("raw"),
                                    rs.getString("reasons"));
                        }
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(auto);
                }
            }
        }

        @Override
        public List<CodeCount> countsByCode() throws SQLException {
            List<CodeCount> out = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT_BY_CODE)) {
                ps.setLong(1, fileId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CodeCount(rs.getString("code"), rs.getString("example"), rs.getLong("n")));
                    }
                }
            }
            return out;
        }
    }

    private static void cell(Row row, int column, String value, CellStyle style) {
        var cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value.length() > MAX_CELL ? value.substring(0, MAX_CELL - 20) + "…（已截断）" : value);
        }
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isString() ? node.stringValue() : node.toString();
    }

    private static final class Styles {
        /**
         * The workbook's default style (index 0, written as no style at all), set on plain cells anyway: POI looks a
         * cell without a style up in its column's definitions, through XMLBeans, for every cell it writes.
         */
        final CellStyle plain;
        final CellStyle header;
        final CellStyle bad;
        final CellStyle wrap;

        Styles(SXSSFWorkbook book) {
            plain = book.getCellStyleAt(0);
            Font bold = book.createFont();
            bold.setBold(true);
            header = book.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            bad = book.createCellStyle();
            bad.setFillForegroundColor(IndexedColors.ROSE.getIndex());
            bad.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            wrap = book.createCellStyle();
            wrap.setWrapText(true);
        }
    }
}
