package org.creditpipeline.ingest.read;

import java.util.List;

/**
 * One table inside a source: a CSV file, one sheet of a workbook, or the records of a JSON feed that share one set of
 * keys. Its headers are the raw header cells exactly as the source has them (column mapping normalizes them later and
 * keeps the raw text for lineage).
 *
 * @param source    the file or feed name shown to people (no directories)
 * @param sheet     the sheet name, or null for CSV and JSON
 * @param headers   raw header cells, in column order
 * @param headerRow 1-based row number of the header (title rows above it are skipped)
 * @param date1904  the workbook counts date serials from 1904 (old Mac Excel): a serial number in a cell without date
 *                  format, read as text, is a day count from 1904-01-01 (false for CSV, JSON and 1900 workbooks)
 * @param titles    the text of the title rows above the header ({@code XX县2026年11月纪律处分信息公示表}), one entry per
 *                  row: with the sheet and file name it may tell which kind of record a table of generic headers holds
 * @param labels    what else the source says about the table, most specific first: a JSON feed's keys wrapping the
 *                  records ({@code {"纪律处分": […]}}) and its envelope's text fields ({@code "type": "纪律处分"}); like
 *                  the titles, they may tell the kind
 */
public record SourceTable(String source, String sheet, List<String> headers, long headerRow, boolean date1904,
                          List<String> titles, List<Label> labels) {

    /**
     * A text of the source about its table and where it stands.
     *
     * @param place where, for messages: {@code JSON key '纪律处分'}, {@code JSON envelope field 'type'}
     * @param text  the text itself
     */
    public record Label(String place, String text) {
    }

    public SourceTable {
        headers = List.copyOf(headers);
        titles = titles == null ? List.of() : List.copyOf(titles);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** A table with title rows and nothing else said about it. */
    public SourceTable(String source, String sheet, List<String> headers, long headerRow, boolean date1904,
                       List<String> titles) {
        this(source, sheet, headers, headerRow, date1904, titles, List.of());
    }

    /** A table without title rows above its header. */
    public SourceTable(String source, String sheet, List<String> headers, long headerRow, boolean date1904) {
        this(source, sheet, headers, headerRow, date1904, List.of());
    }

    /** The text of a title row: its non-empty cells joined by a space. */
    public static String titleText(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                out.append(out.isEmpty() ? "" : " ").append(cell.strip());
            }
        }
        return out.toString();
    }

    /** A table whose date serials, if any, count from 1900 (Excel's default). */
    public SourceTable(String source, String sheet, List<String> headers, long headerRow) {
        this(source, sheet, headers, headerRow, false);
    }

    /** "file.csv" or "book.xlsx sheet 行政处罚", for messages. */
    public String describe() {
        return sheet == null ? source : source + " sheet " + sheet;
    }
}
