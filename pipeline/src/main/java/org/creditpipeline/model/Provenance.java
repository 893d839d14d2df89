package org.creditpipeline.model;

/**
 * Where a record came from: the source file or feed, the sheet (null for CSV and JSON) and the 1-based row or record
 * number as the data officer sees it (the header is row 1 in a spreadsheet or CSV).
 */
public record Provenance(String source, String sheet, long row) {

    /** "file.csv row 12" or "book.xlsx sheet 行政处罚 row 12", for messages. */
    public String describe() {
        return sheet == null ? source + " row " + row : source + " sheet " + sheet + " row " + row;
    }
}
