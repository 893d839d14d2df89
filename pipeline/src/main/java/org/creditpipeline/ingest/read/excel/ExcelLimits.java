package org.creditpipeline.ingest.read.excel;

/**
 * Size limits that keep a hostile or broken workbook from exhausting memory.
 *
 * @param maxUncompressedBytes largest uncompressed size of one part of an .xlsx (a sheet, the shared strings), and the
 *                             largest .xls file; checked before any row is read
 * @param maxCellChars         longest cell text; a longer cell marks its row with a problem (Excel itself stops at
 *                             32,767 characters, so only generated files exceed it)
 */
public record ExcelLimits(long maxUncompressedBytes, long maxCellChars) {

    /** Excel's own cell limit. */
    public static final long EXCEL_MAX_CELL_CHARS = 32_767;

    public static final ExcelLimits DEFAULTS = new ExcelLimits(2L * 1024 * 1024 * 1024, EXCEL_MAX_CELL_CHARS);

    public ExcelLimits {
        if (maxUncompressedBytes <= 0 || maxCellChars <= 0) {
            throw new IllegalArgumentException("Excel limits must be positive: " + maxUncompressedBytes + ", "
                    + maxCellChars);
        }
    }

    /**
     * Longest run of cell text in the sheet XML that the reader lets the Excel library load. fastexcel materialises
     * every cell string, so a cell far beyond the character limit fails the file instead of the heap: no cell within
     * the limit can take more than 10 bytes per character in the XML (a numeric character reference).
     */
    long maxCellXmlBytes() {
        return Math.max(maxCellChars * 10, 1024);
    }
}
