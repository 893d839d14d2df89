package org.creditpipeline.ingest.read;

import java.util.Arrays;

/**
 * One data row as read, before any mapping: the cells align with {@link SourceTable#headers()}. A row whose structure
 * is broken (more cells than headers, an unterminated quote) still arrives here with {@code problem} set, so that it is
 * rejected with a reason instead of failing the file.
 *
 * @param table     the table the row belongs to
 * @param rowNumber 1-based row (line or record) number as the data officer sees it
 * @param cells     cell text; a missing cell is null; Excel numbers already rendered as text without loss
 * @param problem   null, or why the row's structure cannot be trusted (English; the reject carries it)
 */
public record SourceRow(SourceTable table, long rowNumber, String[] cells, String problem) {

    public SourceRow(SourceTable table, long rowNumber, String[] cells) {
        this(table, rowNumber, cells, null);
    }

    /** The cell at a column index, or null when the row is shorter. */
    public String cell(int index) {
        return index < cells.length ? cells[index] : null;
    }

    @Override
    public String toString() {
        return table.describe() + " row " + rowNumber + " " + Arrays.toString(cells);
    }
}
