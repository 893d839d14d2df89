package org.creditpipeline.ingest.read.excel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/** Benchmark baseline: the cost of streaming every row and cell of an .xlsx with fastexcel and nothing else. */
public final class XlsxRawCount {

    private XlsxRawCount() {
    }

    /** Rows and non-null cells of all sheets. */
    public record Counts(long rows, long cells) {
    }

    public static Counts count(Path file) throws IOException {
        long rows = 0;
        long cells = 0;
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile())) {
            for (Iterator<Sheet> sheets = workbook.getSheets().iterator(); sheets.hasNext(); ) {
                try (Stream<Row> stream = sheets.next().openStream()) {
                    for (Iterator<Row> it = stream.iterator(); it.hasNext(); ) {
                        Row row = it.next();
                        rows++;
                        for (Cell cell : row) {
                            if (cell != null) {
                                cells++;
                            }
                        }
                    }
                }
            }
        }
        return new Counts(rows, cells);
    }
}
