package org.creditpipeline.exchange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The row count a receiver checks a package CSV against, counted on the bytes while they are hashed. */
class PackageCsvRowsTest {

    @Test
    void countsRecordsNotLines() throws IOException {
        assertThat(rows("a,b\r\n1,2\r\n3,4\r\n")).isEqualTo(2);
        assertThat(rows("a,b\n1,\"第一行\n第二行\"\n3,4")).isEqualTo(2); // a quoted line break, no final break
        assertThat(rows("a,b\r\n\r\n1,2\r\n\r\n")).isEqualTo(1); // blank lines are no records
        assertThat(rows("a,b\r\n1,\"他说\"\"好\"\"\"\r\n")).isEqualTo(1);
        assertThat(rows("a,b\r\n")).isZero();
        assertThat(rows("")).isZero();
    }

    @Test
    void anUnclosedQuoteIsNotValidCsv() {
        assertThatThrownBy(() -> rows("a,b\r\n1,\"2\r\n"))
                .isInstanceOf(RefusedPackageException.class).hasMessageContaining("x.csv is not valid CSV");
    }

    /** The same count Commons CSV's default format gives, on random text made of the characters that matter. */
    @Test
    void agreesWithCommonsCsvOnRandomInput() throws IOException {
        Random random = new Random(20261126);
        String alphabet = "ab,\"\r\n 中文";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Long expected = commons(s.toString());
            if (expected == null) {
                continue; // Commons CSV refuses it too (e.g. text after a closing quote)
            }
            try {
                assertThat(rows(s.toString())).as("%s", s.toString().replace("\r", "\\r").replace("\n", "\\n"))
                        .isEqualTo(expected);
            } catch (RefusedPackageException e) {
                throw new AssertionError("refused what Commons CSV reads: " + s, e);
            }
        }
    }

    private static long rows(String csv) throws IOException {
        return PackageReader.csvRows(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "x.csv");
    }

    private static Long commons(String csv) {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(true).get())) {
            long n = 0;
            for (var ignored : parser) {
                n++;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
