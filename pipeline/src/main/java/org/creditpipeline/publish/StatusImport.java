package org.creditpipeline.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.consolidate.RecordLookup;
import org.creditpipeline.ingest.read.csv.CsvDelimiter;
import org.creditpipeline.ingest.read.csv.TextEncoding;
import org.creditpipeline.model.RecordStatus;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.dhatim.fastexcel.reader.SheetVisibility;

import org.springframework.stereotype.Service;

/**
 * Status changes from a list ({@code credit-pipeline status import FILE}): the repair decisions, objections and
 * withdrawals a data officer receives as a spreadsheet (a 信用修复 result list from the platform above, a court's list of
 * revoked decisions) applied row by row as {@code status set} applies one, each with its audit entry and change. A row
 * names its record by 记录编号 (the id exports carry), or by 文号/案号 with the subject's identifier or name, which must
 * find exactly one record; a row that finds none or several, or whose change is refused, is reported with the reason
 * and changes nothing, the others are applied. Headers are matched by meaning; CSV (any encoding the ingest reads) or
 * .xlsx (the first visible sheet).
 */
@Service
public class StatusImport {

    /** Rows a list may hold: a status list is a few hundred lines, never a data upload. */
    static final int MAX_ROWS = 100_000;

    /** What a column holds. */
    enum Field { RECORD, DOCUMENT, IDENTIFIER, NAME, STATUS, REASON, REF }

    /** Headers by meaning, compared after {@link #fold}; REF before DOCUMENT (修复决定文号 is not the record's 文号). */
    private static final Map<Field, List<String>> HEADERS = new EnumMap<>(Map.of(
            Field.RECORD, List.of("记录编号", "记录id", "记录号", "recordid", "record"),
            Field.REF, List.of("修复决定文号", "修复文号", "修复决定书文号", "依据文号", "撤销决定文号", "参考文号", "决定依据文号",
                    "ref", "reference"),
            Field.DOCUMENT, List.of("文号", "决定书文号", "决定文书号", "行政处罚决定书文号", "处罚决定书文号", "处罚文号",
                    "处分决定文号", "问责决定文号", "文书号", "案号", "执行案号", "document", "documentnumber"),
            Field.IDENTIFIER, List.of("统一社会信用代码", "社会信用代码", "信用代码", "证件号码", "身份证号", "身份证号码",
                    "组织机构代码", "行政相对人代码", "主体代码", "identifier", "uscc"),
            Field.NAME, List.of("名称", "主体名称", "行政相对人名称", "当事人", "当事人名称", "被执行人", "被执行人姓名/名称",
                    "被执行人名称", "企业名称", "单位名称", "姓名", "name"),
            Field.STATUS, List.of("状态", "新状态", "目标状态", "记录状态", "变更后状态", "处理结果", "status"),
            Field.REASON, List.of("原因", "理由", "说明", "事由", "变更原因", "修复原因", "reason")));

    private static final Map<String, RecordStatus> STATUS_WORDS = new LinkedHashMap<>();

    static {
        for (String w : List.of("异议", "异议中", "提出异议", "objection")) {
            STATUS_WORDS.put(w, RecordStatus.UNDER_OBJECTION);
        }
        for (String w : List.of("已修复", "修复", "信用修复", "修复完成", "repaired")) {
            STATUS_WORDS.put(w, RecordStatus.REPAIRED);
        }
        for (String w : List.of("已撤销", "撤销", "撤回", "withdrawn")) {
            STATUS_WORDS.put(w, RecordStatus.WITHDRAWN);
        }
        for (String w : List.of("正常", "恢复", "恢复正常", "恢复公示", "异议不成立", "active")) {
            STATUS_WORDS.put(w, RecordStatus.ACTIVE);
        }
    }

    /** How a row ended. */
    public enum Outcome { APPLIED, UNCHANGED, WOULD_APPLY, NOT_FOUND, AMBIGUOUS, REFUSED, INVALID }

    /**
     * One row of the list.
     *
     * @param row       the row's number in the file (header and title rows counted, from 1)
     * @param cells     the row's cells as written, by header
     * @param outcome   what happened
     * @param recordId  the record changed (a merged-away id resolved to its survivor), when one was found
     * @param oldStatus its status before
     * @param newStatus the status the row asks for
     * @param seq       the change's sequence number, when applied
     * @param message   why, for the officer (Chinese first)
     */
    public record RowResult(int row, Map<String, String> cells, Outcome outcome, Long recordId, String oldStatus,
                            String newStatus, Long seq, String message) {
    }

    /**
     * @param file      the list
     * @param sheet     the sheet read (workbooks)
     * @param headerRow the header's row number
     * @param headers   the header as written
     * @param columns   which header each field was read from
     * @param check     nothing was changed (a dry run)
     * @param rows      every data row, in order
     */
    public record Result(Path file, String sheet, int headerRow, List<String> headers, Map<Field, String> columns,
                         boolean check, List<RowResult> rows) {

        public long count(Outcome outcome) {
            return rows.stream().filter(r -> r.outcome() == outcome).count();
        }

        /** Rows that were not (or, in a check, would not be) applied. */
        public long failed() {
            return rows.stream().filter(r -> switch (r.outcome()) {
                case APPLIED, UNCHANGED, WOULD_APPLY -> false;
                default -> true;
            }).count();
        }
    }

    private final StatusService status;
    private final RecordLookup lookup;

    public StatusImport(StatusService status, RecordLookup lookup) {
        this.status = status;
        this.lookup = lookup;
    }

    /**
     * Reads the list and applies it (the caller holds the node lock), or with {@code check} only says what each row
     * would do. {@code defaultStatus} and {@code defaultReason} stand for a column the list does not have (a list of
     * repaired records: {@code --status repaired --reason 信用修复}); a cell overrides them.
     */
    public Result run(Path file, RecordStatus defaultStatus, String defaultReason, String actor, boolean check) {
        Table table = read(file);
        Map<Field, Integer> columns = table.columns();
        Map<Field, String> named = new EnumMap<>(Field.class);
        columns.forEach((f, i) -> named.put(f, table.header().get(i)));
        List<RowResult> results = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> cells = table.rows().get(r);
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            Map<String, String> original = new LinkedHashMap<>();
            for (int i = 0; i < table.header().size(); i++) {
                String h = table.header().get(i);
                original.put(h == null || h.isBlank() ? "列" + (i + 1) : h, i < cells.size() ? cells.get(i) : null);
            }
            results.add(row(table.headerRow() + 1 + r, original, cells, columns, defaultStatus, defaultReason, actor,
                    check));
        }
        return new Result(file, table.sheet(), table.headerRow(), table.header(), named, check, results);
    }

    private RowResult row(int number, Map<String, String> original, List<String> cells, Map<Field, Integer> columns,
                          RecordStatus defaultStatus, String defaultReason, String actor, boolean check) {
        String recordCell = cell(cells, columns, Field.RECORD);
        String document = cell(cells, columns, Field.DOCUMENT);
        String identifier = cell(cells, columns, Field.IDENTIFIER);
        String name = cell(cells, columns, Field.NAME);
        String statusCell = cell(cells, columns, Field.STATUS);
        String reason = cell(cells, columns, Field.REASON);
        reason = reason == null ? defaultReason : reason;
        String ref = cell(cells, columns, Field.REF);

        RecordStatus wanted = defaultStatus;
        if (statusCell != null) {
            wanted = STATUS_WORDS.get(fold(statusCell));
            if (wanted == null) {
                return invalid(number, original, "状态“" + statusCell + "”无法识别，应为 异议、已修复、已撤销 或 正常"
                        + " (unknown status)");
            }
        }
        if (wanted == null) {
            return invalid(number, original, "缺少状态：请填写状态列（异议、已修复、已撤销、正常）或在命令中给出 --status"
                    + " (no status)");
        }
        if (reason == null) {
            return invalid(number, original, "缺少原因：请填写原因列或在命令中给出 --reason (no reason)");
        }
        Long id;
        String subject = identifier != null ? identifier : name;
        try {
            if (recordCell != null) {
                id = recordId(recordCell);
                if (id == null) {
                    return invalid(number, original, "记录编号“" + recordCell + "”不是数字 (record id is not a number)");
                }
                long target = document == null ? id : survivor(id); // the record a merged-away id went to, once
                if (document != null && lookup.find(document, subject, null, 50).records().stream()
                        .noneMatch(m -> m.recordId() == target)) {
                    return new RowResult(number, original, Outcome.NOT_FOUND, id, null, wanted.name(), null,
                            "记录 " + id + " 与文号/案号“" + document + "”" + (subject == null ? "" : "及主体“" + subject + "”")
                                    + "不符：请核对记录编号 (the record does not have this document number)");
                }
            } else if (document != null) {
                RecordLookup.Found found = lookup.find(document, subject, null, 5);
                if (found.records().isEmpty()) {
                    return new RowResult(number, original, Outcome.NOT_FOUND, null, null, wanted.name(), null,
                            "未找到文号/案号“" + document + "”" + (subject == null ? "" : "、主体“" + subject + "”")
                                    + "的记录 (no such record on this node)");
                }
                if (found.records().size() > 1) {
                    return new RowResult(number, original, Outcome.AMBIGUOUS, null, null, wanted.name(), null,
                            "找到多条记录（" + String.join("、", found.records().stream()
                                    .map(m -> String.valueOf(m.recordId())).toList()) + (found.truncated() ? "…" : "")
                                    + "）：请填写记录编号或主体的统一社会信用代码/证件号码 (several records match)");
                }
                id = found.records().get(0).recordId();
            } else {
                return invalid(number, original, "需要记录编号，或文号/案号（可加统一社会信用代码/证件号码或名称）"
                        + " (a record id or a document number is needed)");
            }
        } catch (IllegalArgumentException e) {
            return invalid(number, original, e.getMessage());
        }
        if (check) {
            RecordLookup.Detail d = lookup.show(id);
            if (d == null) {
                return new RowResult(number, original, Outcome.NOT_FOUND, id, null, wanted.name(), null,
                        "本节点没有记录 " + id + " (there is no record " + id + " on this node)");
            }
            String now = String.valueOf(d.fields().get("status"));
            if (now.equals(wanted.name())) {
                return new RowResult(number, original, Outcome.UNCHANGED, d.recordId(), now, wanted.name(), null,
                        "已是该状态 (already has this status)");
            }
            String refused = StatusTransitions.refusal(RecordStatus.valueOf(now), wanted);
            return refused == null
                    ? new RowResult(number, original, Outcome.WOULD_APPLY, d.recordId(), now, wanted.name(), null, "")
                    : new RowResult(number, original, Outcome.REFUSED, d.recordId(), now, wanted.name(), null, refused);
        }
        try {
            StatusService.Change c = status.set(id, wanted, reason, ref, actor);
            if (c == null) {
                return new RowResult(number, original, Outcome.UNCHANGED, survivor(id), wanted.name(), wanted.name(),
                        null, "已是该状态 (already has this status)");
            }
            return new RowResult(number, original, Outcome.APPLIED, c.recordId(), c.oldStatus(), c.newStatus(),
                    c.seq(), "");
        } catch (IllegalArgumentException e) {
            boolean missing = e.getMessage() != null && e.getMessage().startsWith("there is no record");
            return new RowResult(number, original, missing ? Outcome.NOT_FOUND : Outcome.REFUSED, id, null,
                    wanted.name(), null, missing ? "本节点没有记录 " + id + " (" + e.getMessage() + ")" : e.getMessage());
        }
    }

    private long survivor(long id) {
        RecordLookup.Detail d = lookup.show(id);
        return d == null ? id : d.recordId();
    }

    private static RowResult invalid(int number, Map<String, String> original, String message) {
        return new RowResult(number, original, Outcome.INVALID, null, null, null, null, message);
    }

    private static Long recordId(String cell) {
        try {
            BigDecimal d = new BigDecimal(cell.strip());
            return d.signum() > 0 && d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String cell(List<String> cells, Map<Field, Integer> columns, Field field) {
        Integer i = columns.get(field);
        if (i == null || i >= cells.size() || cells.get(i) == null) {
            return null;
        }
        String v = cells.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    /** A header or word as compared: NFKC, no spaces, no required-field marks ({@code *}, {@code (必填)}), lower case. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).replaceAll("[\\s\\u200b\\ufeff*]", "")
                .replace("(必填)", "").replace("(选填)", "").toLowerCase(Locale.ROOT);
    }

    /** The list as read: header row (from 1), header, the rows under it. */
    record Table(String sheet, int headerRow, List<String> header, List<List<String>> rows, Map<Field, Integer> columns) {
    }

    /** Reads the file and finds its header among its first ten rows. */
    static Table read(Path file) {
        String sheet = null;
        List<List<String>> all;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K') {
                String[] name = new String[1];
                all = xlsx(file, name);
                sheet = name[0];
            } else if (head.length >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF) {
                String[] name = new String[1];
                all = xls(file, name);
                sheet = name[0];
            } else {
                all = csv(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        for (int r = 0; r < Math.min(10, all.size()); r++) {
            Map<Field, Integer> columns = columns(all.get(r));
            if (columns.containsKey(Field.RECORD) || columns.containsKey(Field.DOCUMENT)) {
                List<List<String>> rows = all.subList(r + 1, all.size());
                if (rows.size() > MAX_ROWS) {
                    throw new IllegalArgumentException(file + ": " + rows.size() + " rows; a status list may hold at most "
                            + MAX_ROWS + " (表格行数过多)");
                }
                return new Table(sheet, r + 1, all.get(r), rows, columns);
            }
        }
        throw new IllegalArgumentException(file + (sheet == null ? "" : " sheet " + sheet) + ": 未找到表头：需要“记录编号”列，"
                + "或“文号/案号”列（可加“统一社会信用代码/证件号码”“名称”“状态”“原因”“修复决定文号”）(no header with a record id"
                + " or a document number in the first ten rows); first row: " + (all.isEmpty() ? "(empty file)"
                : all.get(0)));
    }

    private static Map<Field, Integer> columns(List<String> header) {
        Map<Field, Integer> columns = new EnumMap<>(Field.class);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i) == null) {
                continue;
            }
            String h = fold(header.get(i)).replaceAll("[（(].*[)）]$", "");
            for (Field f : List.of(Field.RECORD, Field.REF, Field.DOCUMENT, Field.IDENTIFIER, Field.NAME, Field.STATUS,
                    Field.REASON)) {
                if (!columns.containsKey(f) && HEADERS.get(f).contains(h)) {
                    columns.put(f, i);
                    break;
                }
            }
        }
        return columns;
    }

    private static List<List<String>> csv(Path file) throws IOException {
        TextEncoding encoding = TextEncoding.detect(file);
        // the ingest's detection: Excel's sep= line, or the delimiter of the first line that has one (a title line
        // above the header may have none), or the full-width comma
        CsvDelimiter.Found delimiter = CsvDelimiter.detect(file, encoding);
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(encoding.bomBytes());
            Reader reader = new java.io.InputStreamReader(in, encoding.charset());
            try (CSVParser parser = CSVParser.builder().setReader(new java.io.BufferedReader(reader))
                    .setFormat(CSVFormat.DEFAULT.builder().setDelimiter(delimiter.character()).get()).get()) {
                for (CSVRecord r : parser) {
                    // Excel's sep= line stays a row (it is no header), so row numbers stay the file's line numbers
                    if (rows.size() > MAX_ROWS + 10) {
                        break;
                    }
                    rows.add(r.toList());
                }
            }
        }
        return rows;
    }

    /** An Excel 97-2003 workbook (at most 65,536 rows a sheet, so read whole): its first visible sheet, as shown. */
    private static List<List<String>> xls(Path file, String[] sheetName) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             org.apache.poi.hssf.usermodel.HSSFWorkbook workbook = new org.apache.poi.hssf.usermodel.HSSFWorkbook(in)) {
            int index = 0;
            while (index < workbook.getNumberOfSheets() && (workbook.isSheetHidden(index)
                    || workbook.isSheetVeryHidden(index))) {
                index++;
            }
            if (index == workbook.getNumberOfSheets()) {
                throw new IllegalArgumentException(file + ": the workbook has no visible sheet");
            }
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(index);
            sheetName[0] = sheet.getSheetName();
            org.apache.poi.ss.usermodel.DataFormatter shown = new org.apache.poi.ss.usermodel.DataFormatter();
            for (org.apache.poi.ss.usermodel.Row row : sheet) {
                while (rows.size() < row.getRowNum()) {
                    rows.add(List.of());
                }
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < Math.max(0, row.getLastCellNum()); i++) {
                    org.apache.poi.ss.usermodel.Cell c = row.getCell(i);
                    cells.add(c == null ? null : shown.formatCellValue(c));
                }
                rows.add(cells);
            }
        } catch (org.apache.poi.EncryptedDocumentException e) {
            throw new IllegalArgumentException(file + ": the workbook is password-protected: 请取消密码后再导入");
        }
        return rows;
    }

    private static List<List<String>> xlsx(Path file, String[] sheetName) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            Sheet sheet = workbook.getSheets().filter(s -> s.getVisibility() == SheetVisibility.VISIBLE).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file + ": the workbook has no visible sheet"));
            sheetName[0] = sheet.getName();
            try (Stream<Row> stream = sheet.openStream()) {
                for (Iterator<Row> it = stream.iterator(); it.hasNext() && rows.size() <= MAX_ROWS + 10; ) {
                    Row row = it.next();
                    while (rows.size() < row.getRowNum() - 1) {
                        rows.add(List.of()); // empty rows are not in the sheet's XML
                    }
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < row.getCellCount(); i++) {
                        cells.add(row.getCell(i) == null ? null : row.getCellText(i));
                    }
                    rows.add(cells);
                }
            }
        }
        return rows;
    }
}
