package org.creditpipeline.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code ground-truth.csv}: one line per generated data row, whatever the format. A row is located by file and row
 * (CSV line as a spreadsheet row number with the header as row 1; Excel row number within the sheet; 1-based record
 * number in a JSON feed) plus the sheet for workbooks.
 */
final class GroundTruth implements Closeable {

    static final String FILE_NAME = "ground-truth.csv";
    static final String[] HEADER = {"file", "row", "expected", "reason", "true_id", "variant", "sheet"};

    private final CsvSink sink;
    private final String[] cells = new String[HEADER.length];

    GroundTruth(Path dir) throws IOException {
        sink = new CsvSink(dir.resolve(FILE_NAME), StandardCharsets.UTF_8, false, HEADER);
    }

    void accept(String file, String sheet, long row, String trueId, String variant) throws IOException {
        write(file, sheet, row, "accept", "", trueId, variant);
    }

    /** @param reason the reject code the row must carry; {@code detail} names the defect when it is more specific */
    void reject(String file, String sheet, long row, String reason, String detail) throws IOException {
        write(file, sheet, row, "reject", reason, "", detail);
    }

    private void write(String file, String sheet, long row, String expected, String reason, String trueId,
            String variant) throws IOException {
        cells[0] = file;
        cells[1] = Long.toString(row);
        cells[2] = expected;
        cells[3] = reason;
        cells[4] = trueId;
        cells[5] = variant.equals("original,original") ? "original" : variant;
        cells[6] = sheet == null ? "" : sheet;
        sink.writeDataRow(cells);
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
