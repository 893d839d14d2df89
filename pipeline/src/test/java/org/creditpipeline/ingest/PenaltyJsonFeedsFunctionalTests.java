package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 双公示 行政处罚 data-interface feeds (DOMAIN.md §2.2) as regulators and lower-level platforms send them: the v2 field
 * codes with the platform's {@code ID}, {@code RESOURCE_ID}, {@code CHECK_FLAG}, {@code SJC}, wrapped in the envelopes
 * and shapes their APIs use. Each file runs the real ingest job against PostgreSQL.
 */
class PenaltyJsonFeedsFunctionalTests extends IngestFunctionalTestSupport {

    @TempDir
    Path dir;

    /** One v2 record as a platform exports it; {@code n} makes the document number (and the file) unique. */
    private static String penalty(String n) {
        return """
                {"ID": "8a8a1f2e%1$s", "RESOURCE_ID": "DIR-20180902-164730-458", "CF_WSH": "沈环罚〔2019〕%1$s号",
                 "CF_XDR_MC": "沈阳某某化工有限公司", "CF_XDR_LB": "法人及非法人组织", "CF_XDR_SHXYM": "91350100M000100Y43",
                 "CF_XDR_GSZC": "", "CF_XDR_ZZJG": null, "CF_FRDB": "张三", "CF_FR_ZJLX": null, "CF_FR_ZJHM": null,
                 "CF_WFXW": "超标排放", "CF_SY": "超标排放大气污染物", "CF_YJ": "《大气污染防治法》第九十九条", "CF_CFLB": "罚款",
                 "CF_NR": "罚款2000元", "CF_NR_FK": 0.2, "CF_NR_WFFF": null, "CF_JDRQ": "2019-10-10", "CF_YXQ": "2020-10-10",
                 "CF_CFJG": "沈阳市生态环境局", "CF_CFJGDM": "11230500001755309F", "CF_SJLY": "沈阳市生态环境局",
                 "CF_SJLYDM": "11230500001755309F", "BZ": null, "CHECK_FLAG": "1", "PERSON_ID": null,
                 "SJC": "2019-10-12 10:22:31"}""".formatted(n);
    }

    private static String penalties(String n, String wrap) {
        return Stream.of("1", "2", "3").map(i -> wrap.replace("%s", penalty(n + i)).replace("%k", n + i))
                .collect(Collectors.joining(", "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "1|{\"code\": \"0000\", \"msg\": \"成功\", \"data\": {\"rows\": [#], \"total\": 3}}|%s",
            "2|{\"success\": true, \"result\": {\"records\": [#], \"total\": 3, \"size\": 10, \"current\": 1}}|%s",
            "3|{\"Code\": 200, \"Message\": \"\", \"Result\": [#]}|%s",
            "4|{#}|\"%k\": %s",
            "5|{\"code\": \"0000\", \"data\": {#}}|\"%k\": %s",
            "6|[#]|{\"xzcf\": %s}",
            "7|{\"code\": 0, \"data\": {\"list\": [#], \"total\": 3}}|{\"data\": %s, \"rowNum\": 1}"})
    void penaltyFeedsInTheirApisEnvelopesKeyedByIdOrWrappedPerRecordAreRead(String shape) throws IOException {
        String[] parts = shape.split("\\|");
        String n = "70" + parts[0];
        String json = parts[1].replace("#", penalties(n, parts[2]));

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve("xzcf-" + parts[0] + ".json"), json), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("penalty");
        assertThat(s.read()).isEqualTo(3);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.warnings()).noneMatch(w -> w.contains("states") || w.contains("were not read"));
        List<String> staged = jdbc.queryForList("SELECT document_number || ' ' || decision_date || ' ' || fine_amount"
                + " FROM staged_record WHERE file_id = ? ORDER BY source_row", String.class, s.fileId());
        assertThat(staged).containsExactly("沈环罚〔2019〕" + n + "1号 2019-10-10 0.200000",
                "沈环罚〔2019〕" + n + "2号 2019-10-10 0.200000", "沈环罚〔2019〕" + n + "3号 2019-10-10 0.200000");
    }

    @Test
    void dotNetDatesAsAspNetServicesWriteThemAreTheDayInChina() throws IOException {
        String json = "[" + penalty("7101").replace("\"CF_JDRQ\": \"2019-10-10\"",
                "\"CF_JDRQ\": \"\\/Date(1570636800000+0800)\\/\"") + ", "
                + penalty("7102").replace("\"CF_JDRQ\": \"2019-10-10\"", "\"CF_JDRQ\": \"/Date(1570636800000)/\"") + "]";

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve("dotnet.json"), json), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT decision_date::text FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId())).containsExactly("2019-10-10", "2019-10-10");
    }

    @Test
    void recordsAnAspNetServiceSerializedTwiceIntoItsDFieldAreRead() throws IOException {
        String records = "[" + penalties("709", "%s") + "]";
        String json = "{\"d\": \"" + records.replace("\n", " ").replace("\"", "\\\"") + "\"}";

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve("asmx.json"), json), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("penalty");
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT document_number FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId())).containsExactly("沈环罚〔2019〕7091号", "沈环罚〔2019〕7092号", "沈环罚〔2019〕7093号");
    }

    @Test
    void anErrorResponseSavedInPlaceOfTheDataFailsWithWhatTheApiSaid() throws IOException {
        String json = "{\"code\": \"500\", \"msg\": \"系统繁忙，请稍后再试\", \"success\": false}";

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve("error.json"), json), null);

        assertThat(s.status()).isEqualTo(FileSummary.FAILED);
        assertThat(s.message()).contains("no records found", "接口返回：code=500, msg=系统繁忙，请稍后再试, success=false")
                .doesNotContain("required column");
    }

    @Test
    void aPandasExportWithNanForEmptyCellsIsRead() throws IOException {
        String json = "[" + penalty("7111").replace("\"CF_NR_WFFF\": null", "\"CF_NR_WFFF\": NaN") + ", "
                + penalty("7112").replace("\"CF_NR_FK\": 0.2", "\"CF_NR_FK\": NaN") + ",]";

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve("pandas.json"), json), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT coalesce(fine_amount::text, '-') || ' ' || coalesce(confiscated_amount::text,"
                + " '-') FROM staged_record WHERE file_id = ? ORDER BY source_row", String.class, s.fileId()))
                .containsExactly("0.200000 -", "- -");
    }

    @Test
    void aJsonpResponseSavedFromAPublicCreditSiteIsReadAsJson() throws IOException {
        String json = "jQuery1123_0456({\"code\": 0, \"data\": {\"list\": [" + penalties("712", "%s") + "]}});";

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve("jsonp.js"), json), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.format()).isEqualTo("JSON");
        assertThat(s.accepted()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lower", "camel", "bare"})
    void theFieldCodesAreKnownInLowerCaseCamelCaseAndWithoutUnderscores(String style) throws IOException {
        String n = "72" + style.length();
        String records = java.util.regex.Pattern.compile("\"([A-Z][A-Z_]*)\":").matcher(penalties(n, "%s"))
                .replaceAll(key -> "\"" + switch (style) {
                    case "lower" -> key.group(1).toLowerCase();
                    case "camel" -> camelCase(key.group(1));
                    default -> key.group(1).toLowerCase().replace("_", "");
                } + "\":");

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve(style + ".json"), "[" + records + "]"), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("penalty");
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT subject_name || ' ' || uscc || ' ' || fine_amount || ' ' || authority_uscc"
                + " FROM staged_record WHERE file_id = ? ORDER BY source_row", String.class, s.fileId()))
                .containsOnly("沈阳某某化工有限公司 91350100M000100Y43 0.200000 11230500001755309F");
    }

    private static String camelCase(String code) {
        String[] parts = code.toLowerCase().split("_");
        StringBuilder camel = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            camel.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return camel.toString();
    }

    @Test
    void aBrokenLineOfAJsonLinesExportIsRejectedAloneAndTheRestIsStaged() throws IOException {
        String broken = penalty("7302").replace("\n", " ").replace("\"CF_NR_FK\": 0.2,", "\"CF_NR_FK\": 0.2");
        String lines = penalty("7301").replace("\n", " ") + "\n" + broken + "\n" + penalty("7303").replace("\n", " ") + "\n";

        FileSummary s = ingestService.ingest(Files.writeString(dir.resolve("export.jsonl"), lines), null);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT source_row || ' ' || (reasons::text LIKE '%ROW_STRUCTURE%第 2 行 JSON 格式错误%')"
                + " FROM rejected_row WHERE file_id = ?", String.class, s.fileId())).isEqualTo("2 true");
        assertThat(jdbc.queryForList("SELECT document_number FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId())).containsExactly("沈环罚〔2019〕7301号", "沈环罚〔2019〕7303号");
    }
}
