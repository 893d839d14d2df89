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
 */
public record SourceTable(String source, String sheet, List<String> headers, long headerRow, boolean date1904) {

    public SourceTable {
        headers = List.copyOf(headers);
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
