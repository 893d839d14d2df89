package org.creditpipeline.ingest.read.excel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The vertically merged ranges of one sheet, so that a value merged over several data rows (one 处罚机关 cell for a
 * block of rows) applies to each of them, as the officer sees it in Excel. Only ranges spanning more than one row are
 * kept, four ints each; beyond {@value #MAX_RANGES} ranges the rest are not applied (their rows then lack the value
 * and are rejected with a reason, not lost).
 */
public final class MergedCells {

    public static final int MAX_RANGES = 1_000_000;
    public static final MergedCells NONE = new MergedCells();

    /** firstRow, lastRow (1-based, as {@code ExcelRow}), firstColumn, lastColumn (0-based), per range. */
    private int[] ranges = new int[0];
    private int count;
    private boolean truncated;

    /** Adds a range; one that spans a single row (a banner, a group label) does not concern data rows and is dropped. */
    public void add(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        if (lastRow <= firstRow || this == NONE) {
            return;
        }
        if (count == MAX_RANGES) {
            truncated = true;
            return;
        }
        if (4 * count == ranges.length) {
            ranges = Arrays.copyOf(ranges, Math.max(64, ranges.length * 2));
        }
        ranges[4 * count] = firstRow;
        ranges[4 * count + 1] = lastRow;
        ranges[4 * count + 2] = firstColumn;
        ranges[4 * count + 3] = lastColumn;
        count++;
    }

    public int size() {
        return count;
    }

    /** True when the sheet had more vertical ranges than are kept. */
    public boolean truncated() {
        return truncated;
    }

    /**
     * A filler for the rows below a header: each range that starts below the header gives its top-left value to the
     * empty first-column cell of every later row it covers. Ranges that reach into the header are left alone.
     */
    Filler filler(long headerRow) {
        List<int[]> below = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (ranges[4 * i] > headerRow) {
                below.add(Arrays.copyOfRange(ranges, 4 * i, 4 * i + 4));
            }
        }
        below.sort((a, b) -> Integer.compare(a[0], b[0]));
        return new Filler(below);
    }

    /** Applies the ranges to rows streamed in order; holds only the ranges open at the current row. */
    static final class Filler {
        private final List<int[]> ranges;
        private int next;
        private final List<Open> open = new ArrayList<>();

        private record Open(int[] range, String value) {
        }

        private Filler(List<int[]> ranges) {
            this.ranges = ranges;
        }

        List<String> apply(long rowNumber, List<String> cells) {
            if (ranges.isEmpty()) {
                return cells;
            }
            open.removeIf(o -> o.range()[1] < rowNumber);
            while (next < ranges.size() && ranges.get(next)[0] <= rowNumber) {
                int[] range = ranges.get(next++);
                // A range whose top row was blank (never seen) has no value to give.
                if (range[0] == rowNumber && range[1] >= rowNumber) {
                    String value = range[2] < cells.size() ? cells.get(range[2]) : null;
                    if (!CellText.isBlank(value)) {
                        open.add(new Open(range, value));
                    }
                }
            }
            List<String> filled = cells;
            for (Open o : open) {
                int column = o.range()[2];
                if (o.range()[0] < rowNumber && (column >= filled.size() || CellText.isBlank(filled.get(column)))) {
                    if (filled == cells) {
                        filled = new ArrayList<>(cells);
                    }
                    while (filled.size() <= column) {
                        filled.add(null);
                    }
                    filled.set(column, o.value());
                }
            }
            return filled;
        }
    }
}
