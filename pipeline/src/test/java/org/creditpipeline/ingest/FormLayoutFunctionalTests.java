package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads laid out as filled-in forms rather than bare tables, end to end on embedded PostgreSQL: title and form lines
 * above the header, Excel's {@code sep=} line. Nothing is lost silently: every skipped line is in the warnings.
 */
class FormLayoutFunctionalTests extends IngestFunctionalTestSupport {

    static final String HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),法定代表人,证件号码,行政处罚决定书文号,"
            + "违法事实,罚款金额（万元）,处罚决定日期,处罚机关,地方编码";

    @TempDir
    Path dir;

    /** Two valid penalty rows, one with a cell over two lines; unique 文号 so that each file's bytes differ. */
    private String rows(char d) {
        long n = System.nanoTime();
        return String.join(String.valueOf(d), "贵阳某某有限公司", "法人及非法人组织", "91520102MA6H4L5P93", "张三", "",
                "南监罚〔2026〕" + n + "号", "\"第一行\n第二行\"", "2", "2026-11-05", "南明区市场监督管理局", "520102") + "\n"
                + String.join(String.valueOf(d), "王五", "自然人", "", "", "52010219900101123X", "南监罚〔2026〕" + (n + 1) + "号",
                "\"事实, 带逗号; 和分号\"", "1.5", "2026/11/6", "南明区市场监督管理局", "520102") + "\n";
    }

    @Test
    void csv_title_and_form_lines_above_the_header_are_skipped_and_reported() throws IOException {
        Path banner = Files.writeString(dir.resolve("title.csv"), "\uFEFF南明区2026年11月行政处罚信息,,,,,,,,,,\n" + HEADER + "\n"
                + rows(','));
        Path form = Files.write(dir.resolve("gbk-title.csv"), ("填报单位：南明区市场监督管理局,,填报日期：2026-11-30,,,,,,,,\n"
                + HEADER + "\n" + rows(',')).getBytes(Charset.forName("GB18030")));
        Path sep = Files.writeString(dir.resolve("sep.csv"), "sep=;\n" + HEADER.replace(',', ';') + "\n"
                + rows(';'));

        List<FileSummary> s = ingestService.ingest(List.of(banner, form, sep), null);

        assertThat(s).extracting(FileSummary::status).containsOnly(FileSummary.COMPLETED);
        assertThat(s).extracting(FileSummary::accepted).containsOnly(2L);
        assertThat(s.get(0).warnings()).contains("title.csv: rows above the header skipped as titles (表头上方的标题行): 1 row"
                + " not ingested (未导入), row 1 “南明区2026年11月行政处罚信息”");
        assertThat(s.get(1).warnings()).anySatisfy(w -> assertThat(w).contains("row 1 “填报单位：南明区市场监督管理局”"));
        assertThat(jdbc.queryForList("SELECT source_row FROM staged_record WHERE file_id = ? ORDER BY source_row",
                Long.class, s.get(0).fileId())).containsExactly(3L, 4L);
        assertThat(jdbc.queryForList("SELECT source_row FROM staged_record WHERE file_id = ? ORDER BY source_row",
                Long.class, s.get(2).fileId())).containsExactly(3L, 4L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staged_record WHERE file_id = ? AND facts = '事实, 带逗号; 和分号'",
                Long.class, s.get(2).fileId())).isEqualTo(1);
    }

    @Test
    void when_no_mapping_fits_the_message_names_the_header_row_and_the_nearest_mapping() throws IOException {
        Path file = Files.writeString(dir.resolve("nofit.csv"), "南明区2026年11月行政处罚信息,,,\n"
                + "当事人,决定书编号,处罚日期,决定机关\n某公司,X罚1号,2026-01-01,某局\n");

        FileSummary s = ingestService.ingest(file, null);

        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).startsWith("nofit.csv, header taken from row 2 (表头取自第2行): mapping 'penalty'")
                .contains("Found headers (文件中的列): [当事人, 决定书编号, 处罚日期, 决定机关]")
                .contains("No mapping fits (best fit shown: 'penalty')");
    }
}
