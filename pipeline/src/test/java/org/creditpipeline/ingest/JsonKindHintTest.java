package org.creditpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.ingest.read.json.JsonSourceReader;
import org.creditpipeline.model.RecordKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * JSON feeds of 纪律处分 and 问责处理 whose records carry generic keys ({@code name}, {@code unit}, {@code type},
 * {@code date}, or 单位, 种类, 时间): the kind is told, as a spreadsheet's sheet name, title row or file name tells it,
 * by a key wrapping the records ({@code {"纪律处分": […]}}), a text field of the envelope ({@code "type": "纪律处分"},
 * {@code "title": "…问责处理情况"}) or the file name; then the generic keys map.
 */
class JsonKindHintTest {

    private static final MappingCatalog CATALOG = MappingCatalog.load(Path.of("../job-configs/mappings"));

    /** Two sanctions as a 纪检监察 system's interface gives them, with generic English keys. */
    static final String SANCTIONS = """
            [{"name": "贾宇", "idCard": "440703197601160028", "unit": "南明区住房和城乡建设局", "position": "四级主任科员",
              "type": "记过", "reason": "违规发放津贴补贴", "docNo": "南监处〔2026〕11号", "organ": "南明区监察委员会",
              "date": "2026-11-05"},
             {"name": "何娜", "idCard": "510107196901223883", "unit": "南明区市场监督管理局", "position": "科长",
              "type": "党内警告；政务记过", "reason": "违反中央八项规定精神", "docNo": "南纪处〔2026〕12号",
              "organ": "中共南明区纪律检查委员会", "date": "2026-11-12"}]""";

    /** The same with the Chinese generic headers of county uploads. */
    static final String SANCTIONS_ZH = """
            [{"姓名": "贾宇", "身份证号": "440703197601160028", "单位": "南明区住房和城乡建设局", "种类": "记过",
              "决定机关": "南明区监察委员会", "时间": "2026-11-05", "文号": "南监处〔2026〕11号"}]""";

    /** 问责处理 with generic keys. */
    static final String ACCOUNTABILITIES = """
            [{"name": "王强", "idCard": "510107196901223883", "unit": "南明区应急管理局", "type": "诫勉",
              "organ": "中共南明区纪律检查委员会", "date": "2026-11-03", "docNo": "南纪问〔2026〕7号"},
             {"name": "李华", "idCard": "440703197601160028", "unit": "南明区教育局", "type": "通报",
              "organ": "中共南明区委", "date": "2026-11-20", "docNo": "南委问〔2026〕8号"}]""";

    @TempDir
    Path dir;

    private record Read(SourceTable table, ColumnMapping mapping, List<ProcessedRow> rows) {
    }

    private Read read(String file, String json) throws Exception {
        Path path = Files.writeString(dir.resolve(file), json, StandardCharsets.UTF_8);
        JsonSourceReader reader = new JsonSourceReader(path, file, null, CATALOG.knowsHeader(null));
        RowNormalizer normalizer = new RowNormalizer(null);
        List<ProcessedRow> rows = new ArrayList<>();
        SourceTable table = null;
        ColumnMapping mapping = null;
        reader.open(new ExecutionContext());
        try {
            for (SourceRow row; (row = reader.read()) != null; ) {
                if (row.table() != table) {
                    table = row.table();
                    mapping = CATALOG.resolve(table, null);
                }
                rows.add(normalizer.normalize(row, mapping));
            }
        } finally {
            reader.close();
        }
        return new Read(table, mapping, rows);
    }

    private static void allAccepted(Read r, RecordKind kind) {
        assertThat(r.rows()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.isAccepted()).as(String.valueOf(row.reasons())).isTrue();
            assertThat(row.record().kind()).isEqualTo(kind);
        });
    }

    @Test
    void theFileNameTellsTheKindOfAJsonFeedWithGenericKeys() throws Exception {
        Read r = read("南明区纪律处分2026年11月.json", SANCTIONS);

        assertThat(r.mapping().config().name()).isEqualTo("sanction");
        assertThat(r.mapping().toldBy().place()).startsWith("file name");
        allAccepted(r, RecordKind.DISCIPLINARY_SANCTION);
        assertThat(r.rows()).extracting(p -> p.record().workUnit() + "|" + p.record().category() + "|"
                + p.record().authorityName() + "|" + p.record().decisionDate() + "|" + p.record().documentNumber())
                .containsExactly("南明区住房和城乡建设局|记过|南明区监察委员会|2026-11-05|南监处〔2026〕11号",
                        "南明区市场监督管理局|党内警告;记过|中共南明区纪律检查委员会|2026-11-12|南纪处〔2026〕12号");
    }

    @Test
    void theChineseGenericHeadersOfAJsonFeedAreToldByItsFileNameToo() throws Exception {
        Read r = read("南明区纪律处分.json", SANCTIONS_ZH);

        assertThat(r.mapping().config().name()).isEqualTo("sanction");
        allAccepted(r, RecordKind.DISCIPLINARY_SANCTION);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"code": 0, "msg": "ok", "type": "纪律处分", "data": RECORDS}                        | JSON envelope field 'type'
            {"code": 0, "title": "南明区2026年11月政务处分信息", "data": {"total": 2, "list": RECORDS}} | JSON envelope field 'title'
            {"纪律处分": RECORDS}                                                           | JSON key '纪律处分'
            {"success": true, "result": {"纪律处分信息": RECORDS}}                              | JSON key '纪律处分信息'
            {"data": RECORDS, "dataType": "纪律处分", "code": 200}                              | JSON envelope field 'dataType'
            """)
    void theEnvelopeOfAFeedTellsTheKind(String shape, String place) throws Exception {
        Read r = read("feed.json", shape.replace("RECORDS", SANCTIONS));

        assertThat(r.mapping().config().name()).isEqualTo("sanction");
        assertThat(r.mapping().toldBy().place()).startsWith(place);
        allAccepted(r, RecordKind.DISCIPLINARY_SANCTION);
        assertThat(r.rows()).hasSize(2);
    }

    @Test
    void aKeyWrappingTheRecordsIsMoreSpecificThanTheFileName() throws Exception {
        Read r = read("南明区纪律处分.json", "{\"code\": 0, \"问责处理\": " + ACCOUNTABILITIES + "}");

        assertThat(r.mapping().config().name()).isEqualTo("accountability");
        allAccepted(r, RecordKind.ACCOUNTABILITY);
    }

    @Test
    void anEnvelopeFieldNamingTwoKindsTellsNothingAndTheFileNameDecides() throws Exception {
        Read r = read("问责处理.json", "{\"title\": \"纪律处分和问责处理情况汇总\", \"data\": " + ACCOUNTABILITIES + "}");

        assertThat(r.mapping().config().name()).isEqualTo("accountability");
        assertThat(r.mapping().toldBy().place()).startsWith("file name");
    }

    @Test
    void aSingleRecordInTheEnvelopeIsStillTheRecord() throws Exception {
        String one = SANCTIONS.substring(0, SANCTIONS.indexOf("},") + 1) + "]";
        Read r = read("feed.json", "{\"code\": 0, \"msg\": \"查询成功\", \"type\": \"纪律处分\", \"title\": \"处分信息\","
                + " \"data\": " + one + "}");

        assertThat(r.mapping().config().name()).isEqualTo("sanction");
        assertThat(r.rows()).hasSize(1);
        allAccepted(r, RecordKind.DISCIPLINARY_SANCTION);
    }

    @Test
    void withoutAnyHintGenericKeysFailSayingWhereTheKindCanBeNamed() throws Exception {
        assertThatThrownBy(() -> read("feed.json", "{\"code\": 0, \"data\": " + SANCTIONS + "}"))
                .isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining("JSON")
                .hasMessageContaining("--mapping sanction");
    }
}
