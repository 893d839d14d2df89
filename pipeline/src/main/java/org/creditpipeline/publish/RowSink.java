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
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes export rows in one format: CSV (UTF-8 with BOM, Chinese headers), JSON Lines (column keys) or .xlsx (streamed,
 * every cell text). Spreadsheet formats neutralise cells that would start a formula.
 */
interface RowSink extends AutoCloseable {

    void row(List<String> values) throws IOException;

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
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(500);
        private final Sheet sheet;
        private final Path file;
        private int next;

        Xlsx(Path file, List<RecordColumns.Column> columns) {
            this.file = file;
            workbook.setCompressTempFiles(true);
            sheet = workbook.createSheet("records");
            Row header = sheet.createRow(next++);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).header());
            }
        }

        @Override
        public void row(List<String> values) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    row.createCell(i).setCellValue(RecordColumns.neutralise(values.get(i)));
                }
            }
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
