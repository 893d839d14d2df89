package org.creditpipeline.publish;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes export rows in one format: CSV (UTF-8 with BOM, Chinese headers), JSON Lines (column keys) or .xlsx (streamed,
 * every cell text). Spreadsheet formats neutralise cells that would start a formula: CSV with an apostrophe, XLSX
 * with the quote-prefix cell style.
 */
interface RowSink extends AutoCloseable {

    void row(List<String> values) throws IOException;

    /** Cells cut to fit the format (XLSX holds at most 32,767 characters in a cell); the manifest reports them. */
    default long truncatedCells() {
        return 0;
    }

    @Override
    void close() throws IOException;

    static RowSink open(String format, Path file, List<RecordColumns.Column> columns) throws IOException {
        return switch (format) {
            case "csv" -> new Csv(file, columns);
            case "jsonl" -> new JsonLines(file, columns);
            case "xlsx" -> new Xlsx(file, columns);
            default -> throw new IllegalArgumentException("unknown format '" + format + "': csv, jsonl or xlsx");
        };
    }

    final class Csv implements RowSink {
        private final CSVPrinter printer;

        Csv(Path file, List<RecordColumns.Column> columns) throws IOException {
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                    .setHeader(columns.stream().map(RecordColumns.Column::header).toArray(String[]::new)).get());
        }

        @Override
        public void row(List<String> values) throws IOException {
            for (String v : values) {
                printer.print(RecordColumns.neutralise(v));
            }
            printer.println();
        }

        @Override
        public void close() throws IOException {
            printer.close();
        }
    }

    final class JsonLines implements RowSink {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final BufferedWriter writer;
        private final List<RecordColumns.Column> columns;

        JsonLines(Path file, List<RecordColumns.Column> columns) throws IOException {
            OutputStream out = Files.newOutputStream(file);
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            this.columns = columns;
        }

        @Override
        public void row(List<String> values) throws IOException {
            ObjectNode node = JSON.createObjectNode();
            for (int i = 0; i < columns.size(); i++) {
                node.put(columns.get(i).key(), values.get(i));
            }
            writer.write(JSON.writeValueAsString(node));
            writer.write('\n');
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    final class Xlsx implements RowSink {
        /** Excel's limit (POI refuses longer text, which failed the whole export on one long lineage or 违法事实). */
        static final int MAX_CELL = 32_767;
        static final String CUT = "…（超出 Excel 单元格 32,767 字符上限，已截断；全文见 jsonl 或 csv 导出）";
        /** Rows of a sheet, header included: Excel's 1,048,576 (POI refuses more, which failed a national export). */
        static final int MAX_ROWS = 1_048_576;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(500);
        private final List<RecordColumns.Column> columns;
        private final int maxRows;
        private Sheet sheet;
        private final CellStyle quotePrefixed;
        private final Path file;
        private int next;
        private long truncated;

        Xlsx(Path file, List<RecordColumns.Column> columns) {
            this(file, columns, MAX_ROWS);
        }

        Xlsx(Path file, List<RecordColumns.Column> columns, int maxRows) {
            this.file = file;
            this.columns = columns;
            this.maxRows = maxRows;
            workbook.setCompressTempFiles(true);
            quotePrefixed = workbook.createCellStyle();
            quotePrefixed.setQuotePrefixed(true);
            newSheet();
        }

        /** The first sheet is "records", the next ones "records-2", "records-3" …, each with the header row. */
        private void newSheet() {
            int n = workbook.getNumberOfSheets();
            sheet = workbook.createSheet(n == 0 ? "records" : "records-" + (n + 1));
            next = 0;
            Row header = sheet.createRow(next++);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).header());
            }
        }

        /**
         * A text cell is never a formula in the file; a cell that would start one when typed is marked as Excel marks
         * text entered with a leading apostrophe (quote prefix), so that editing it does not evaluate it either, and
         * its value stays the record's value, without an apostrophe in the data.
         */
        @Override
        public void row(List<String> values) {
            if (next >= maxRows) {
                newSheet();
            }
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (v != null && v.length() > MAX_CELL) {
                    int keep = MAX_CELL - CUT.length();
                    if (Character.isHighSurrogate(v.charAt(keep - 1))) {
                        keep--; // never half a character
                    }
                    v = v.substring(0, keep) + CUT;
                    truncated++;
                }
                if (v != null) {
                    Cell cell = row.createCell(i);
                    cell.setCellValue(v);
                    if (RecordColumns.startsFormula(v)) {
                        cell.setCellStyle(quotePrefixed);
                    }
                }
            }
        }

        @Override
        public long truncatedCells() {
            return truncated;
        }

        @Override
        public void close() throws IOException {
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            } finally {
                workbook.close();
            }
        }
    }
}
