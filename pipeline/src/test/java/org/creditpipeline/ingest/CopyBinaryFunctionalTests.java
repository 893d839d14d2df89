package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Values written in binary COPY format read back from PostgreSQL as they went in, type by type, including the
 * numeric edge cases (fractions shorter than a base-10000 group, zeros, negatives, rounding to the column's scale)
 * and text the text format had to escape.
 */
@TestPropertySource(properties = "credit.node=copy_binary_ft")
class CopyBinaryFunctionalTests extends PostgresTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    private record Row(long id, String text, Integer n, LocalDate date, BigDecimal amount, String region) {
    }

    @Test
    void everyTypeReadsBackAsWritten() throws Exception {
        List<Row> rows = new ArrayList<>();
        String[] texts = {"北京市朝阳区生态环境局", "tab\there, new\nline, back\\slash", "emoji \uD83D\uDE00", "", null,
                "=SUM(A1)", "〔2024〕第0012号"};
        String[] amounts = {"0", "0.2", "1234.5", "0.00005", "10000", "-3.25", "123456789012.123456", "1E+3",
                "99999999999999.999999", "0.000000", "50000.00", "7", "0.0001", "1.00010001"};
        LocalDate[] dates = {LocalDate.of(2000, 1, 1), LocalDate.of(1999, 12, 31), LocalDate.of(2017, 1, 5),
                LocalDate.of(1900, 1, 1), LocalDate.of(2100, 12, 31), null};
        for (int i = 0; i < amounts.length; i++) {
            rows.add(new Row(i == 0 ? Long.MAX_VALUE : i * 1_000_000_007L, texts[i % texts.length],
                    i % 3 == 0 ? null : i * -7919, dates[i % dates.length], new BigDecimal(amounts[i]),
                    i % 2 == 0 ? "110105" : null));
        }
        rows.add(new Row(-1, null, null, null, null, null));

        jdbc.execute("CREATE TABLE copy_binary_probe (id bigint, t text, n integer, d date, a numeric(20, 6), r char(6))");
        CopyBinary out = new CopyBinary();
        for (Row r : rows) {
            out.startRow();
            out.int8(r.id());
            out.text(r.text());
            out.int4(r.n());
            out.date(r.date());
            out.numeric(r.amount());
            out.text(r.region());
            out.endRow();
        }
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY copy_binary_probe (id, t, n, d, a, r) FROM STDIN (FORMAT binary)");
            out.finish(copy);
            assertThat(copy.endCopy()).isEqualTo(rows.size());
        }

        List<Map<String, Object>> back = jdbc.queryForList(
                "SELECT id, t, n, d, a::text AS a, r FROM copy_binary_probe ORDER BY id");
        List<Row> sorted = rows.stream().sorted((x, y) -> Long.compare(x.id(), y.id())).toList();
        assertThat(back).hasSize(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Row want = sorted.get(i);
            Map<String, Object> got = back.get(i);
            assertThat(got.get("id")).isEqualTo(want.id());
            assertThat(got.get("t")).isEqualTo(want.text());
            assertThat(got.get("n")).isEqualTo(want.n());
            assertThat(got.get("d") == null ? null : ((java.sql.Date) got.get("d")).toLocalDate()).isEqualTo(want.date());
            String expected = want.amount() == null ? null
                    : want.amount().setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
            assertThat(got.get("a")).as("amount %s", want.amount()).isEqualTo(expected);
            assertThat(got.get("r")).isEqualTo(want.region());
        }
    }

    @Test
    void nulAndLoneSurrogatesAreStorableText() throws Exception {
        jdbc.execute("CREATE TABLE copy_binary_text (t text)");
        CopyBinary out = new CopyBinary();
        out.startRow();
        out.text("a\u0000b");
        out.endRow();
        out.startRow();
        out.text("x\uD800y");
        out.endRow();
        try (Connection c = dataSource.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY copy_binary_text FROM STDIN (FORMAT binary)");
            out.finish(copy);
            copy.endCopy();
        }
        assertThat(jdbc.queryForList("SELECT t FROM copy_binary_text ORDER BY t", String.class))
                .containsExactly("ab", "x\uFFFDy");
    }
}
