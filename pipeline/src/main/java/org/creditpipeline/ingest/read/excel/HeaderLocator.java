package org.creditpipeline.ingest.read.excel;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the header row of a sheet below title rows and merged banners, fed one non-blank row at a time so that the
 * readers keep streaming.
 *
 * <p>Rule: among the first {@value #MAX_SCAN_ROWS} non-blank rows, the header is the first row that has at least
 * {@value #MIN_HEADER_TEXT_CELLS} non-empty text cells and more non-empty cells than every row above it. A banner
 * ({@code XX县2026年11月行政处罚信息} merged across all columns) has one non-empty cell, a "填报单位/日期" line a few;
 * the header row has one per column. Rows above the header are skipped as titles.
 */
public final class HeaderLocator {

    public static final int MAX_SCAN_ROWS = 20;
    public static final int MIN_HEADER_TEXT_CELLS = 3;

    /** What to do with a row offered to the locator. */
    public enum Verdict { TITLE, HEADER, NO_HEADER }

    private int scanned;
    private int widestAbove;

    /**
     * Judges the next non-blank row.
     *
     * @param cells     the row's cell text (null or blank = empty)
     * @param textCells how many non-empty cells hold text (not numbers, dates or booleans)
     * @return HEADER for the header row, TITLE for a row above it, NO_HEADER once {@value #MAX_SCAN_ROWS} rows passed
     *         without a header (the sheet has none)
     */
    public Verdict offer(List<String> cells, int textCells) {
        int nonEmpty = 0;
        for (String cell : cells) {
            if (!CellText.isBlank(cell)) {
                nonEmpty++;
            }
        }
        if (textCells >= MIN_HEADER_TEXT_CELLS && nonEmpty > widestAbove) {
            return Verdict.HEADER;
        }
        widestAbove = Math.max(widestAbove, nonEmpty);
        return ++scanned >= MAX_SCAN_ROWS ? Verdict.NO_HEADER : Verdict.TITLE;
    }

    /** Header cells for {@code SourceTable}: blank cells as "", trailing blank cells dropped. */
    public static List<String> headerCells(List<String> cells) {
        int width = cells.size();
        while (width > 0 && CellText.isBlank(cells.get(width - 1))) {
            width--;
        }
        List<String> headers = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            String cell = cells.get(i);
            headers.add(cell == null ? "" : cell);
        }
        return headers;
    }

    /** Why a sheet without a header was skipped, for the officer. */
    public static String noHeaderReason() {
        return "no header row in the first " + MAX_SCAN_ROWS + " non-blank rows (a header needs at least "
                + MIN_HEADER_TEXT_CELLS + " text cells and more filled cells than the title rows above it)"
                + " / 前" + MAX_SCAN_ROWS + "行中未找到表头";
    }
}
