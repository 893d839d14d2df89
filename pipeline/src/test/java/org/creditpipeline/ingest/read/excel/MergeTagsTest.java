package org.creditpipeline.ingest.read.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The package check's scan picks up merge tags wherever the inflater happens to cut its reads. */
class MergeTagsTest {

    @Test
    void mergeTagsAreReadWhereverAReadEnds() throws IOException {
        byte[] xml = ("<worksheet><sheetData><row r=\"12\"><c r=\"N12\" t=\"s\"><v>3</v></c></row></sheetData>"
                + "<mergeCells count=\"3\"><mergeCell ref=\"N12:N13\"/><mergeCell ref=\"AB3:AC30\"/>"
                + "<mergeCell ref=\"A1:Q1\"/></mergeCells></worksheet>").getBytes(StandardCharsets.US_ASCII);
        for (int chunk = 1; chunk <= xml.length; chunk++) {
            XlsxPackageCheck.MergeTags tags = new XlsxPackageCheck.MergeTags();

            XlsxPackageCheck.scan(reads(xml, chunk), "t.xlsx", "xl/worksheets/sheet1.xml", ExcelLimits.DEFAULTS, tags);

            assertThat(tags.cells.size()).as("reads of %d bytes", chunk).isEqualTo(2); // A1:Q1 spans one row
            MergedCells.Filler filler = tags.cells.filler(2);
            filler.apply(12, List.of("", "", "", "", "", "", "", "", "", "", "", "", "", "南明区市场监督管理局"));
            assertThat(filler.apply(13, List.of("x"))).hasSize(14).last().isEqualTo("南明区市场监督管理局");
        }
    }

    /** A stream that gives at most {@code chunk} bytes per read, as an inflater may. */
    private static InputStream reads(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
