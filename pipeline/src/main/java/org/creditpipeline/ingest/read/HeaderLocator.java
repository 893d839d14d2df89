package org.creditpipeline.ingest.read;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.creditpipeline.normalize.Text;

/**
 * Finds the header row of a table below title rows, merged banners and form lines, the same way for workbook sheets
 * and CSV files. The readers look ahead over the first {@value #MAX_SCAN_ROWS} non-blank rows (bounded, so they keep
 * streaming) and ask {@link #locate} which one is the header.
 *
 * <p>Rule: a row is a candidate when it has at least {@value #MIN_HEADER_TEXT_CELLS} non-empty text cells that are not
 * form labels ({@code 填报人：张三}, see {@link FormRows#isLabel}) and more non-empty cells than every row above it. A
 * banner ({@code XX县2026年11月行政处罚信息} merged across all columns) has one non-empty cell, a "填报单位/日期" line a
 * few labels; the header row has one per column. Among the candidates the one with the most cells a mapping knows
 * ({@link HeaderVocabulary}) wins, the first one on a tie (so without known cells, the first candidate); the second row
 * of a grouped header ({@link #withSubHeader}) is never a candidate of its own. Rows above the header are titles.
 */
public final class HeaderLocator {

    public static final int MAX_SCAN_ROWS = 20;
    public static final int MIN_HEADER_TEXT_CELLS = 3;
    /** A cell that is a number (Excel would not count it as text when looking for the header). */
    private static final Pattern NUMBER = Pattern.compile("^\\s*[-+]?[\\d,]*\\.?\\d+([eE][-+]?\\d+)?%?\\s*$");

    /**
     * One non-blank row offered to the locator.
     *
     * @param cells     the row's cell text (null or blank = empty)
     * @param textCells how many non-empty cells hold text (not numbers, dates or booleans)
     */
    public record Line(List<String> cells, int textCells) {
    }

    private HeaderLocator() {
    }

    /**
     * {@link Line#textCells} for a row of a format without cell types (CSV, HTML tables, XML Spreadsheet): the cells
     * that show something other than a number.
     */
    public static int textCells(List<String> cells) {
        int count = 0;
        for (String cell : cells) {
            if (cell != null && !Text.isBlankText(cell) && !NUMBER.matcher(cell).matches()) {
                count++;
            }
        }
        return count;
    }

    /**
     * The index of the header among the first non-blank rows of a table (at most {@value #MAX_SCAN_ROWS} are looked
     * at), or -1 when none qualifies (the table has no header).
     */
    public static int locate(List<Line> rows, HeaderVocabulary vocabulary) {
        int best = -1;
        int bestKnown = -1;
        int widestAbove = 0;
        for (int i = 0; i < Math.min(rows.size(), MAX_SCAN_ROWS); i++) {
            Line row = rows.get(i);
            int nonEmpty = 0;
            int labels = 0;
            int known = 0;
            for (String cell : row.cells()) {
                if (isBlank(cell)) {
                    continue;
                }
                nonEmpty++;
                if (FormRows.isLabel(cell)) {
                    labels++;
                } else if (vocabulary.isKnown(cell)) {
                    known++;
                }
            }
            // The second row of a grouped header is part of the header above it, not a better header.
            boolean subHeader = best >= 0 && best == i - 1 && withSubHeader(rows.get(best).cells(), row.cells(), vocabulary) != null;
            if (row.textCells() - labels >= MIN_HEADER_TEXT_CELLS && nonEmpty > widestAbove && known > bestKnown
                    && !subHeader) {
                best = i;
                bestKnown = known;
            }
            widestAbove = Math.max(widestAbove, nonEmpty);
        }
        return best;
    }

    /**
     * Combines a grouped header that spans two rows, or returns null when the row below the header is not its second
     * row. Shape: a group label over several columns ({@code 行政相对人代码} merged across six, so blank to its right),
     * and below it one sub-header per column ({@code 统一社会信用代码}, {@code 工商注册号}, …); the other columns' headers
     * are merged down over both rows (blank below). The row below is a sub-header only when all its non-empty cells
     * (at least two) lie under groups and are headers a mapping knows, alone or after the group label. A sub-header names its column, prefixed with
     * the group ({@code 行政相对人代码（统一社会信用代码）}) when that is a known header too; a group column without one
     * keeps the group label.
     */
    public static List<String> withSubHeader(List<String> header, List<String> below, HeaderVocabulary vocabulary) {
        int width = Math.max(header.size(), below.size());
        int[] groupOf = new int[width];
        java.util.Arrays.fill(groupOf, -1);
        for (int c = 0; c < width; c++) {
            if (!isBlank(at(header, c)) && c + 1 < width && isBlank(at(header, c + 1))) {
                int d = c + 1;
                while (d < width && isBlank(at(header, d))) {
                    groupOf[d++] = c;
                }
                groupOf[c] = c;
                c = d - 1;
            }
        }
        int subHeaders = 0;
        for (int c = 0; c < width; c++) {
            String cell = at(below, c);
            if (isBlank(cell)) {
                continue;
            }
            if (groupOf[c] < 0 || !(vocabulary.isKnown(cell) || vocabulary.isKnown(prefixed(header, groupOf[c], cell)))) {
                return null;
            }
            subHeaders++;
        }
        if (subHeaders < 2) {
            return null;
        }
        List<String> combined = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            String top = at(header, c);
            String sub = at(below, c);
            if (groupOf[c] < 0 || isBlank(sub)) {
                combined.add(isBlank(top) ? "" : top);
                continue;
            }
            String prefixed = prefixed(header, groupOf[c], sub);
            combined.add(vocabulary.isKnown(prefixed) ? prefixed : sub);
        }
        return combined;
    }

    private static String prefixed(List<String> header, int group, String sub) {
        return header.get(group).strip() + "（" + sub.strip() + "）";
    }

    private static String at(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : null;
    }

    /** Header cells for {@code SourceTable}: blank cells as "", trailing blank cells dropped. */
    public static List<String> headerCells(List<String> cells) {
        int width = cells.size();
        while (width > 0 && isBlank(cells.get(width - 1))) {
            width--;
        }
        List<String> headers = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            String cell = cells.get(i);
            headers.add(cell == null ? "" : cell);
        }
        return headers;
    }

    /** Why a table without a header was skipped, for the officer. */
    public static String noHeaderReason() {
        return "no header row in the first " + MAX_SCAN_ROWS + " non-blank rows (a header needs at least "
                + MIN_HEADER_TEXT_CELLS + " text cells that are not form labels such as 填报人：…, and more filled cells"
                + " than the title rows above it) / 前" + MAX_SCAN_ROWS + "行中未找到表头";
    }

    private static boolean isBlank(String cell) {
        return cell == null || cell.isBlank();
    }
}
