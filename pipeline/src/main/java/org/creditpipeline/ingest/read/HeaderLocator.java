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
     * row. Shape: a group label over several columns ({@code 行政相对人代码} merged across six, so blank to its right,
     * or written over each of them, as "unmerge and fill" and some systems' exports leave it), and below it one
     * sub-header per column ({@code 统一社会信用代码}, {@code 工商注册号}, …); the other columns' headers are merged
     * down over both rows (blank below, or the same text repeated). The row below is a sub-header only when all its
     * other non-empty cells lie under groups, at least two of them, and at least two and at least half of them are
     * headers a mapping knows, alone or after the group label (a group may hold a column no mapping uses, such as
     * {@code 住所}). A sub-header names its column, prefixed with the group ({@code 行政相对人代码（统一社会信用代码）})
     * when that is a known header too; a group column without one keeps the group label. A header typed over two rows
     * column by column ({@code 行政处罚决定} above {@code 书文号}) is one header too: a cell under a single-column header
     * that is short, has no digit and makes with it a known header continues it ({@code 行政处罚决定书文号}), provided
     * at least one such pair completes a header no mapping knows by its first half ({@code 统一社会} + {@code 信用代码}):
     * a first data row of short words under a complete header stays data.
     */
    public static List<String> withSubHeader(List<String> header, List<String> below, HeaderVocabulary vocabulary) {
        return combine(header, below, vocabulary, false);
    }

    /**
     * Combines the header with a row of group labels right above it, or returns null when that row is a title. Shape:
     * the group labels ({@code 行政相对人}, {@code 处罚决定}) stand over their columns, merged across or repeated, while
     * the other columns' headers are written in the header row only ({@code 序号}, {@code 处罚机关}); the header row
     * then has the most cells and is the one found, and without its groups {@code 名称}, {@code 类别} or {@code 日期}
     * mean nothing. The row above counts as groups when every label in it stands over at least two header cells or
     * repeats the header below it, it is not a single banner over the whole table, and with it more header cells are
     * known to a mapping than without.
     */
    public static List<String> withGroupRow(List<String> above, List<String> header, HeaderVocabulary vocabulary) {
        return combine(above, header, vocabulary, true);
    }

    private static List<String> combine(List<String> top, List<String> below, HeaderVocabulary vocabulary,
            boolean belowIsHeader) {
        int width = Math.max(top.size(), below.size());
        int[] groupOf = new int[width];
        java.util.Arrays.fill(groupOf, -1);
        int labels = 0;
        for (int c = 0; c < width; c++) {
            String label = at(top, c);
            if (isBlank(label)) {
                continue;
            }
            if (belowIsHeader && FormRows.isLabel(label)) {
                return null; // 填报单位：… above the header is a form line
            }
            labels++;
            int d = c + 1;
            while (d < width && (isBlank(at(top, d)) || at(top, d).strip().equals(label.strip()))) {
                d++;
            }
            if (d - c >= 2) {
                for (int e = c; e < d; e++) {
                    groupOf[e] = c;
                }
            } else if (belowIsHeader && !sameText(label, at(below, c))) {
                return null; // a label over a single column that is not that column's header: not a group row
            }
            c = d - 1;
        }
        int subHeaders = 0;
        int known = 0;
        int knownAlone = 0;
        int groups = 0;
        int continued = 0;
        int completed = 0;
        boolean[] groupCounted = new boolean[width];
        for (int c = 0; c < width; c++) {
            String cell = at(below, c);
            if (isBlank(cell)) {
                continue;
            }
            if (vocabulary.isKnown(cell)) {
                knownAlone++;
            }
            if (groupOf[c] < 0) {
                if (!belowIsHeader && !sameText(cell, at(top, c))) {
                    if (!continues(at(top, c), cell, vocabulary)) {
                        return null; // a value outside the groups: the row below is data
                    }
                    subHeaders++;
                    known++;
                    continued++;
                    if (!vocabulary.isKnown(at(top, c))) {
                        completed++;
                    }
                }
                continue;
            }
            if (!groupCounted[groupOf[c]]) {
                groupCounted[groupOf[c]] = true;
                groups++;
            }
            subHeaders++;
            if (vocabulary.isKnown(cell) || vocabulary.isKnown(prefixed(top, groupOf[c], cell))) {
                known++;
            }
        }
        if (belowIsHeader) {
            // a single label over the whole table is a banner (XX县行政处罚信息), not a group
            if (labels == 1 && groups == 1 && subHeaders == countNonBlank(below)) {
                return null;
            }
        } else if (subHeaders < 2 || known < 2 || 2 * known < subHeaders || (continued > 0 && completed == 0)) {
            return null; // continuations must complete a header no mapping knows by its first half, or it is data
        }
        List<String> combined = new ArrayList<>(width);
        int knownCombined = 0;
        for (int c = 0; c < width; c++) {
            String upper = at(top, c);
            String sub = at(below, c);
            String name;
            if (isBlank(sub)) {
                name = groupOf[c] >= 0 ? top.get(groupOf[c]) : isBlank(upper) ? "" : upper;
            } else if (groupOf[c] < 0) {
                name = !belowIsHeader && !sameText(sub, upper) ? upper.strip() + sub.strip() : sub;
            } else {
                String prefixed = prefixed(top, groupOf[c], sub);
                name = vocabulary.isKnown(prefixed) ? prefixed : sub;
            }
            if (!name.isBlank() && vocabulary.isKnown(name)) {
                knownCombined++;
            }
            combined.add(name);
        }
        if (belowIsHeader && knownCombined <= knownAlone) {
            return null; // the labels add nothing a mapping knows: a title above the header
        }
        return combined;
    }

    /**
     * Whether a cell under a single-column header is the rest of that header typed on a second row
     * ({@code 行政处罚决定} over {@code 书文号}): short, without digits (every record has a 文号 or a date), and the two
     * together a header a mapping knows.
     */
    private static boolean continues(String upper, String cell, HeaderVocabulary vocabulary) {
        if (isBlank(upper) || cell.strip().length() > 10 || cell.chars().anyMatch(Character::isDigit)
                || upper.strip().length() > 12 || upper.chars().anyMatch(Character::isDigit)) {
            return false; // a title's words (南明区, 2026年11月) over the header are not halves of headers
        }
        return vocabulary.isKnown(upper.strip() + cell.strip());
    }

    private static boolean sameText(String a, String b) {
        return a != null && b != null && !a.isBlank() && a.strip().equals(b.strip());
    }

    private static int countNonBlank(List<String> cells) {
        int count = 0;
        for (String cell : cells) {
            if (!isBlank(cell)) {
                count++;
            }
        }
        return count;
    }

    private static String prefixed(List<String> header, int group, String sub) {
        return header.get(group).strip() + "（" + sub.strip() + "）";
    }

    private static String at(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : null;
    }

    /**
     * Whether a row right under the header is a second header line rather than data: the 双公示 templates give each
     * column's field code under its name ({@code CF_XDR_MC}, {@code CF_WSH} …, or the names under the codes). At least
     * {@value #MIN_HEADER_TEXT_CELLS} non-empty cells, four in five of them headers a mapping knows.
     */
    public static boolean isHeaderLine(List<String> cells, HeaderVocabulary vocabulary) {
        int filled = 0;
        int known = 0;
        for (String cell : cells) {
            if (isBlank(cell)) {
                continue;
            }
            filled++;
            if (vocabulary.isKnown(cell)) {
                known++;
            }
        }
        return known >= MIN_HEADER_TEXT_CELLS && 5 * known >= 4 * filled;
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
