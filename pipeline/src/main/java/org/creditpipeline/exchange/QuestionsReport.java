package org.creditpipeline.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import org.creditpipeline.publish.RecordColumns;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The data officers' list of what the parent questioned (疑问数据) and could not match (未关联), still open (no
 * change to the record since): one line per source row of each such record, with the parent's error code and text
 * and the file, sheet and row the officer corrects, then uploads again. {@code HOME/var/reports/NODE-questioned.xlsx},
 * rewritten at every push (written aside, then renamed), removed when nothing is open.
 */
final class QuestionsReport {

    static final List<String> HEADERS = List.of("记录编号", "记录类别", "主体名称", "统一社会信用代码/证件号码", "文号/案号",
            "决定机关", "决定日期", "上级反馈", "错误代码", "错误说明", "数据包", "来源文件", "工作表", "行号");
    private static final Map<String, String> OUTCOMES = Map.of("QUESTIONED", "疑问", "UNMATCHED", "未关联");
    /** Open as push counts them; each source row of the record, so the officer finds every line to correct. */
    private static final String OPEN = """
            SELECT f.record_id, r.record_kind, r.subject_name, coalesce(r.uscc, r.org_code, r.id_number),
                   r.document_number, r.authority_name, r.decision_date::text, f.outcome, f.error_code, f.error_text,
                   f.package_id, i.source_name, s.sheet, s.source_row
              FROM exchange_feedback f
              LEFT JOIN consolidated_record r ON r.id = f.record_id
              LEFT JOIN record_source rs ON rs.record_id = f.record_id
              LEFT JOIN staged_record s ON s.id = rs.staged_record_id
              LEFT JOIN ingest_file i ON i.id = s.file_id
             WHERE %s
             ORDER BY f.package_id, f.seq, s.id""".formatted(PushService.OPEN_FEEDBACK);

    private QuestionsReport() {
    }

    static Path file(Path reports, String node) {
        return reports.resolve(node + "-questioned.xlsx");
    }

    /** Writes the report, or removes it when nothing is open; returns its path, or null when there is none. */
    static Path write(JdbcTemplate jdbc, Path reports, String node, long open) {
        Path target = file(reports, node);
        try {
            if (open == 0) {
                Files.deleteIfExists(target);
                return null;
            }
            Files.createDirectories(reports);
            Path work = reports.resolve("." + target.getFileName() + ".partial");
            try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
                Sheet sheet = book.createSheet("疑问数据");
                CellStyle bold = book.createCellStyle();
                Font font = book.createFont();
                font.setBold(true);
                bold.setFont(font);
                Row header = sheet.createRow(0);
                for (int c = 0; c < HEADERS.size(); c++) {
                    header.createCell(c).setCellValue(HEADERS.get(c));
                    header.getCell(c).setCellStyle(bold);
                    sheet.setColumnWidth(c, (c == 9 ? 40 : c == 2 || c == 11 ? 28 : 16) * 256);
                }
                sheet.createFreezePane(0, 1);
                int[] at = {1};
                jdbc.query(OPEN, rs -> {
                    Row row = sheet.createRow(at[0]++);
                    row.createCell(0).setCellValue(rs.getLong(1));
                    row.createCell(1).setCellValue(text(RecordColumns.display("record_kind", rs.getString(2))));
                    for (int c = 2; c <= 6; c++) {
                        row.createCell(c).setCellValue(text(rs.getString(c + 1)));
                    }
                    row.createCell(7).setCellValue(OUTCOMES.getOrDefault(rs.getString(8), rs.getString(8)));
                    for (int c = 8; c <= 12; c++) {
                        row.createCell(c).setCellValue(text(rs.getString(c + 1)));
                    }
                    if (rs.getObject(14) != null) {
                        row.createCell(13).setCellValue(rs.getLong(14));
                    }
                });
                try (OutputStream stream = Files.newOutputStream(work)) {
                    book.write(stream);
                }
            }
            Files.move(work, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the list of questioned records " + target + ": "
                    + e.getMessage(), e);
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
