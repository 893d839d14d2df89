package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Court-feed JSON as real API clients save it (audit of the ingest readers): records wrapped in envelope objects, a
 * first record that omits a key, GBK and UTF-16 files, and the older API's 主体类型 codes 580/581. Each file runs the
 * real ingest job against PostgreSQL.
 */
class JsonFeedShapesFunctionalTests extends IngestFunctionalTestSupport {

    @TempDir
    Path dir;

    /** A natural person as the 2019 feed publishes one; {@code n} makes the case number (and the file) unique. */
    private static String person(String n) {
        return """
                {"StdStg": 6899, "age": "58", "areaName": "江苏", "businessEntity": "", "cardNum": "3206821960****7255",
                 "caseCode": "(2019)苏0804执%s号", "courtName": "淮安市淮阴区人民法院", "disruptTypeName": "违反财产报告制度",
                 "duty": "支付案款1000元", "gistId": "(2018)苏0804民初1号", "gistUnit": "淮阴区人民法院", "iname": "平某戊",
                 "partyTypeName": "0", "performance": "全部未履行", "performedPart": "暂无", "publishDate": "2019年07月13日",
                 "publishDateStamp": "1562947200", "regDate": "20190114", "sexy": "男性", "unperformPart": "暂无"}"""
                .formatted(n);
    }

    private static String company(String n) {
        return """
                {"StdStg": 6899, "age": "0", "areaName": "浙江", "businessEntity": "贺某戊", "cardNum": "19528617-5",
                 "caseCode": "(2019)浙0111执%s号", "courtName": "杭州市富阳区人民法院", "disruptTypeName": "违反财产报告制度",
                 "duty": "支付案款1657330元及利息", "gistId": "(2018)浙0111民初2277号", "gistUnit": "杭州富阳法院",
                 "iname": "杭州富阳某某有色金属有限公司", "partyTypeName": "1", "performance": "全部未履行",
                 "performedPart": "暂无", "publishDate": "2019年07月13日", "publishDateStamp": "1562947200",
                 "regDate": "20190114", "sexy": "", "unperformPart": "暂无"}""".formatted(n);
    }

    private static String three(String n) {
        return person(n + "1") + ", " + company(n + "2") + ", " + person(n + "3");
    }

    private FileSummary ingest(String name, String json, Charset charset, byte... bom) throws IOException {
        byte[] body = json.getBytes(charset);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);
        return ingestService.ingest(Files.write(dir.resolve(name), bytes), null);
    }

    private FileSummary ingest(String name, String json) throws IOException {
        return ingest(name, json, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"code\": 200, \"msg\": \"ok\", \"data\": {\"total\": 3, \"list\": [%s]}}",
            "{\"code\": 200, \"message\": \"成功\", \"success\": true, \"data\": {\"list\": [%s]}}",
            "{\"status\": 0, \"result\": {\"total\": 3, \"items\": [%s]}}",
            "{\"code\": 0, \"msg\": \"ok\", \"total\": 3, \"data\": [%s]}",
            "{\"code\": 0, \"data\": {\"page\": {\"pageNo\": 1, \"pageSize\": 20}, \"rows\": [%s]}, \"msg\": \"ok\"}"})
    void records_wrapped_in_envelope_objects_are_found_and_the_envelope_is_not_a_record(String shape) throws IOException {
        String n = Integer.toString(Math.abs(shape.hashCode()) % 100_000);

        FileSummary s = ingest("wrapped.json", shape.formatted(three(n)));

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.mappings()).containsExactly("dishonest-debtor");
        assertThat(s.read()).isEqualTo(3);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.warnings()).noneMatch(w -> w.contains("states"));
        assertThat(jdbc.queryForList("SELECT document_number FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId())).containsExactly("(2019)苏0804执" + n + "1号", "(2019)浙0111执" + n + "2号",
                "(2019)苏0804执" + n + "3号");
    }

    @Test
    void a_stated_total_that_disagrees_with_the_records_read_is_a_warning() throws IOException {
        FileSummary s = ingest("page.json", "{\"code\": 0, \"total\": 120, \"pageNo\": 1, \"data\": [" + three("71") + "]}");

        assertThat(s.status()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.warnings()).anyMatch(w -> w.contains("states 120 records but 3 were read")
                && w.contains("响应中的记录总数为 120，实际读取 3 条"));
    }

    @Test
    void a_first_record_without_a_required_key_rejects_that_record_only() throws IOException {
        String first = person("811").replace("\"regDate\": \"20190114\", ", "").replace("\"businessEntity\": \"\", ", "");

        FileSummary s = ingest("first-missing.json", "[" + first + ", " + company("812") + ", " + person("813") + "]");

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
        Map<String, Object> rejected = jdbc.queryForMap("SELECT source_row, reasons::text AS reasons FROM rejected_row"
                + " WHERE file_id = ?", s.fileId());
        assertThat(rejected.get("source_row")).isEqualTo(1L);
        assertThat((String) rejected.get("reasons")).contains("REQUIRED_MISSING", "regDate");
    }

    @Test
    void a_gbk_file_is_decoded_as_gb18030() throws IOException {
        FileSummary s = ingest("gbk.json", "[" + three("91") + "]", Charset.forName("GBK"));

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.encoding()).isEqualTo("GB18030");
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT subject_name FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId())).containsExactly("平某戊", "杭州富阳某某有色金属有限公司", "平某戊");
    }

    @Test
    void a_utf16_file_with_a_byte_order_mark_is_read() throws IOException {
        FileSummary s = ingest("utf16.json", "[" + three("92") + "]", StandardCharsets.UTF_16LE, (byte) 0xFF,
                (byte) 0xFE);

        assertThat(s.status()).as(s.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(s.format()).isEqualTo("JSON");
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT authority_name FROM staged_record WHERE file_id = ? ORDER BY source_row",
                String.class, s.fileId())).startsWith("淮安市淮阴区人民法院");
    }

    @Test
    void the_older_apis_party_types_580_and_581_are_person_and_organisation() throws IOException {
        String json = "[" + person("601").replace("\"partyTypeName\": \"0\"", "\"partyTypeName\": \"580\"") + ", "
                + company("602").replace("\"partyTypeName\": \"1\"", "\"partyTypeName\": \"581\"") + "]";

        FileSummary s = ingest("party-codes.json", json);

        assertThat(s.accepted()).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT subject_kind || ' ' || coalesce(id_number, org_code) FROM staged_record"
                + " WHERE file_id = ? ORDER BY source_row", String.class, s.fileId()))
                .containsExactly("NATURAL_PERSON 3206821960****7255", "ENTERPRISE 195286175");
    }

    @Test
    void a_person_code_on_an_organisation_code_is_reported_as_that_conflict_not_as_a_bad_resident_id()
            throws IOException {
        String json = "[" + company("701").replace("\"partyTypeName\": \"1\"", "\"partyTypeName\": \"580\"") + ", "
                + company("702").replace("\"partyTypeName\": \"1\"", "\"partyTypeName\": \"999\"") + "]";

        FileSummary s = ingest("party-conflict.json", json);

        assertThat(s.rejected()).isEqualTo(2);
        List<String> reasons = jdbc.queryForList("SELECT reasons::text FROM rejected_row WHERE file_id = ?"
                + " ORDER BY source_row", String.class, s.fileId());
        assertThat(reasons.get(0)).contains("SUBJECT_KIND_CONFLICT", "580", "19528617-5").doesNotContain("ID_INVALID");
        assertThat(reasons.get(1)).contains("CODE_VALUE_UNKNOWN", "999").doesNotContain("ID_INVALID");
    }
}
