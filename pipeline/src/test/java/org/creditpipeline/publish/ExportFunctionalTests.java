package org.creditpipeline.publish;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.creditpipeline.exchange.ChangeLogFixture;
import org.creditpipeline.exchange.Signatures;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Public, sharing and full exports over a set of records in every status; status changes and the nightly expiry. */
@TestPropertySource(properties = "credit.node=xe_export")
class ExportFunctionalTests extends PostgresTestSupport {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ExportService exports;
    @Autowired
    StatusService statuses;

    private final Map<String, Long> ids = new HashMap<>();
    /** A 违法事实 as officers write them: the person's ID number inside the sentence, beside the company's USCC. */
    static final String FACTS_WITH_ID = "经查，当事人（统一社会信用代码91520102MA6H4L5P93）法定代表人张三（身份证号"
            + "520102199001011234）未取得许可从事经营";

    @BeforeEach
    void records() {
        jdbc.execute("TRUNCATE consolidated_record, change_log, status_audit RESTART IDENTITY CASCADE");
        ChangeLogFixture f = new ChangeLogFixture(jdbc, "node_xe_export");
        ids.put("active", f.penalty("贵州正常公司", "520102", LocalDate.of(2026, 5, 1), "GENERAL", Map.of("facts",
                FACTS_WITH_ID)));
        ids.put("ended", f.penalty("贵州期满公司", "520102", LocalDate.of(2020, 1, 1), "SERIOUS", Map.of()));
        ids.put("repairedLate", f.penalty("贵州修复后公司", "520102", LocalDate.of(2026, 1, 5), "GENERAL",
                Map.of("status", "REPAIRED", "status_changed_at", "2026-06-01T10:00:00+08:00")));
        ids.put("repairedEarly", f.penalty("贵州修复前公司", "520102", LocalDate.of(2026, 1, 5), "GENERAL",
                Map.of("status", "REPAIRED", "status_changed_at", "2026-03-15T10:00:00+08:00")));
        ids.put("withdrawn", f.penalty("贵州撤销公司", "520102", LocalDate.of(2026, 6, 1), "GENERAL",
                Map.of("status", "WITHDRAWN")));
        ids.put("objection", f.penalty("贵州异议公司", "520102", LocalDate.of(2026, 6, 1), "GENERAL",
                Map.of("status", "UNDER_OBJECTION")));
        ids.put("civilServant", f.insert(Map.of("record_kind", "DISCIPLINARY_SANCTION", "subject_kind", "CIVIL_SERVANT",
                "subject_name", "李四", "subject_key", "id:520102198001011234", "id_number", "520102198001011234",
                "decision_date", LocalDate.of(2026, 9, 1), "severity", "GENERAL", "region_code", "520102")));
        ids.put("person", f.penalty("王五", "520102", LocalDate.of(2026, 9, 1), "GENERAL",
                Map.of("subject_kind", "NATURAL_PERSON", "id_number", "520102199202021235")));
        ids.put("formula", f.penalty("=cmd|' /C calc'!A0", "520102", LocalDate.of(2026, 9, 1), "GENERAL", Map.of()));
    }

    @Test
    void publicExportHoldsOnlyActiveRecordsInsideTheirPeriodWithIdsMasked() throws IOException {
        ExportSummary s = exports.export(ExportService.Kind.PUBLIC, "csv", null, TODAY);

        Map<String, CSVRecord> rows = csvBySubject(Path.of(s.dataFile()));
        assertThat(rows).containsOnlyKeys("贵州正常公司", "李四", "王五", "'=cmd|' /C calc'!A0");
        assertThat(rows.get("贵州正常公司").get("公示截止期")).isEqualTo("2027-05-01");
        assertThat(rows.get("贵州正常公司").get("记录类别")).isEqualTo("行政处罚");
        assertThat(rows.get("李四").get("行政相对人类别")).isEqualTo("公务员");
        assertThat(rows.get("李四").get("证件号码")).isEmpty();
        assertThat(rows.get("王五").get("证件号码")).isEqualTo("520102********1235");
        assertThat(rows.get("贵州正常公司").get("违法事实")).isEqualTo("经查，当事人（统一社会信用代码91520102MA6H4L5P93）"
                + "法定代表人张三（身份证号520102********1234）未取得许可从事经营");
        assertThat(rows.get("贵州正常公司").isMapped("状态原因")).isFalse();
        assertThat(s.excluded()).containsEntry("status REPAIRED", 2L).containsEntry("status WITHDRAWN", 1L)
                .containsEntry("status UNDER_OBJECTION", 1L).containsEntry("publication period ended", 1L);
        JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(Path.of(s.manifest())));
        assertThat(manifest.get("records").asLong()).isEqualTo(4);
        assertThat(manifest.at("/files/public.csv/sha256").asString()).isEqualTo(Signatures.sha256(Path.of(s.dataFile())));
    }

    @Test
    void sharingStopsForRepairsFromApril2026AndWithdrawals() throws IOException {
        ExportSummary s = exports.export(ExportService.Kind.SHARING, "csv", null, TODAY);

        Map<String, CSVRecord> rows = csvBySubject(Path.of(s.dataFile()));
        assertThat(rows).containsKeys("贵州修复前公司", "贵州异议公司", "贵州期满公司")
                .doesNotContainKeys("贵州修复后公司", "贵州撤销公司");
        assertThat(rows.get("李四").get("证件号码")).isEmpty();
        assertThat(rows.get("王五").get("证件号码")).isEqualTo("520102199202021235");
        assertThat(rows.get("贵州正常公司").get("违法事实")).isEqualTo(FACTS_WITH_ID);
    }

    @Test
    void fullExportHasEverythingAndXlsxCellsAreNeutralised() throws IOException {
        ExportSummary s = exports.export(ExportService.Kind.FULL, "xlsx", null, TODAY);

        assertThat(s.records()).isEqualTo(9);
        try (InputStream in = Files.newInputStream(Path.of(s.dataFile())); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(9);
            boolean found = false;
            for (var row : sheet) {
                var cell = row.getCell(2);
                if (cell != null && cell.getStringCellValue().equals("=cmd|' /C calc'!A0")) {
                    found = true;
                    assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                    assertThat(cell.getCellStyle().getQuotePrefixed()).as("typed text, never a formula").isTrue();
                }
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void aRepairLeavesThePublicExportAtOnceAndTravelsAsAStatusChange() throws IOException {
        StatusService.Change change = statuses.set(ids.get("active"), RecordStatus.REPAIRED, "信用修复申请已通过",
                "筑发改修〔2026〕12号", "officer");

        assertThat(change.oldStatus()).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject("SELECT change_type FROM change_log WHERE seq = ?", String.class, change.seq()))
                .isEqualTo("STATUS");
        assertThat(jdbc.queryForObject("SELECT payload ->> 'status' FROM change_log WHERE seq = ?", String.class,
                change.seq())).isEqualTo("REPAIRED");
        assertThat(jdbc.queryForMap("SELECT reason, ref, actor FROM status_audit WHERE record_id = ?",
                ids.get("active"))).containsEntry("ref", "筑发改修〔2026〕12号").containsEntry("actor", "officer");
        ExportSummary s = exports.export(ExportService.Kind.PUBLIC, "jsonl", change.seq() - 1, TODAY);
        assertThat(s.records()).isZero();
        assertThat(statuses.set(ids.get("active"), RecordStatus.REPAIRED, "again", null, "officer")).isNull();
    }

    @Test
    void theNightlyPassExpiresRecordsWhosePeriodEnded() {
        List<StatusService.Change> expired = statuses.expire(TODAY, "nightly-expiry");

        assertThat(expired).extracting(StatusService.Change::recordId).containsExactly(ids.get("ended"));
        assertThat(jdbc.queryForObject("SELECT status FROM consolidated_record WHERE id = ?", String.class,
                ids.get("ended"))).isEqualTo("EXPIRED");
        assertThat(statuses.expire(TODAY, "nightly-expiry")).isEmpty();
    }

    private static Map<String, CSVRecord> csvBySubject(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        Map<String, CSVRecord> rows = new HashMap<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(text))) {
            rows.put(r.get("行政相对人名称"), r);
        }
        return rows;
    }

    @Test
    void aRepairOnTheMorningOfFirstAprilInChinaStopsSharingWhateverTheDatabaseZone() throws IOException {
        ChangeLogFixture f = new ChangeLogFixture(jdbc, "node_xe_export");
        f.penalty("贵州四月修复公司", "520102", LocalDate.of(2026, 1, 5), "GENERAL",
                Map.of("status", "REPAIRED", "status_changed_at", "2026-04-01T07:00:00+08:00"));
        jdbc.execute("SET TIME ZONE 'UTC'"); // 2026-03-31T23:00Z: still March in UTC

        ExportSummary s = exports.export(ExportService.Kind.SHARING, "csv", null, TODAY);

        assertThat(csvBySubject(Path.of(s.dataFile()))).doesNotContainKey("贵州四月修复公司");
    }

    @Test
    void aWarningOnlyPenaltyOfMarketRegulationIsNotInThePublicExport() throws IOException {
        ChangeLogFixture f = new ChangeLogFixture(jdbc, "node_xe_export");
        f.penalty("贵州警告公司", "520102", LocalDate.of(2026, 9, 1), "GENERAL", Map.of("category", "警告"));
        f.penalty("贵州通报批评公司", "520102", LocalDate.of(2026, 9, 1), "GENERAL", Map.of("category", "通报批评"));

        ExportSummary s = exports.export(ExportService.Kind.PUBLIC, "csv", null, TODAY);

        Map<String, CSVRecord> rows = csvBySubject(Path.of(s.dataFile()));
        assertThat(rows).doesNotContainKey("贵州警告公司");
        assertThat(s.excluded()).anySatisfy((why, n) -> assertThat(why).contains("仅警告"));
        assertThat(rows.get("贵州通报批评公司").get("公示截止期")).as("通报批评: 3 months").isEqualTo("2026-12-01");
        Map<String, CSVRecord> later = csvBySubject(Path.of(exports.export(ExportService.Kind.PUBLIC, "csv", null,
                LocalDate.of(2026, 12, 2)).dataFile()));
        assertThat(later).containsKey("王五").doesNotContainKey("贵州通报批评公司");
    }

    @Test
    void aLowerFineOfMarketRegulationInGuizhouIsPublishedThreeMonthsAndThenExpires() throws IOException {
        // job-configs/publication.yaml: 贵州 from 2024-01-01, organisations below 50,000 元, natural persons below 5,000
        ChangeLogFixture f = new ChangeLogFixture(jdbc, "node_xe_export");
        LocalDate decided = LocalDate.of(2026, 9, 1);
        long small = f.penalty("贵州小额罚款公司", "520102", decided, "GENERAL",
                Map.of("category", "罚款", "fine_amount", new BigDecimal("4.99")));
        f.penalty("贵州五万罚款公司", "520102", decided, "GENERAL",
                Map.of("category", "罚款", "fine_amount", new BigDecimal("5")));
        f.penalty("贵州小额没收公司", "520102", decided, "GENERAL", Map.of("category", "罚款；没收违法所得",
                "fine_amount", new BigDecimal("0.1"), "confiscated_amount", new BigDecimal("0.2")));
        f.penalty("赵六", "520102", decided, "GENERAL", Map.of("subject_kind", "NATURAL_PERSON", "category", "罚款",
                "fine_amount", new BigDecimal("0.5")));

        Map<String, CSVRecord> now = csvBySubject(Path.of(exports.export(ExportService.Kind.PUBLIC, "csv", null,
                TODAY).dataFile()));
        assertThat(now.get("贵州小额罚款公司").get("公示截止期")).as("49,900 元: 3 months").isEqualTo("2026-12-01");
        assertThat(now.get("贵州五万罚款公司").get("公示截止期")).as("50,000 元 is not below").isEqualTo("2027-09-01");
        assertThat(now.get("贵州小额没收公司").get("公示截止期")).as("confiscation: more than a fine")
                .isEqualTo("2027-09-01");
        assertThat(now.get("赵六").get("公示截止期")).as("a person's 5,000 元 is not below").isEqualTo("2027-09-01");

        LocalDate december = LocalDate.of(2026, 12, 2);
        assertThat(csvBySubject(Path.of(exports.export(ExportService.Kind.PUBLIC, "csv", null, december).dataFile())))
                .doesNotContainKey("贵州小额罚款公司").containsKeys("贵州五万罚款公司", "贵州小额没收公司", "赵六");
        assertThat(statuses.expire(december, "nightly-expiry")).extracting(StatusService.Change::recordId)
                .contains(small);
        assertThat(jdbc.queryForObject("SELECT status FROM consolidated_record WHERE id = ?", String.class, small))
                .isEqualTo("EXPIRED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consolidated_record WHERE status = 'EXPIRED'"
                + " AND subject_name IN ('贵州五万罚款公司', '贵州小额没收公司', '赵六')", Integer.class)).isZero();
    }

    @Test
    void statusChangesNoOfficerCanJustifyAreRefusedAndWriteNothing() {
        long changes = jdbc.queryForObject("SELECT count(*) FROM change_log", Long.class);

        assertThatThrownBy(() -> statuses.set(ids.get("repairedLate"), RecordStatus.UNDER_OBJECTION, "当事人提出异议",
                null, "officer")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("已修复");
        assertThatThrownBy(() -> statuses.set(ids.get("withdrawn"), RecordStatus.ACTIVE, "恢复公示", null, "officer"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("已撤销");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM change_log", Long.class)).isEqualTo(changes);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM status_audit", Long.class)).isZero();
        assertThat(statuses.set(ids.get("objection"), RecordStatus.ACTIVE, "异议不成立", "筑发改异〔2026〕2号", "officer")
                .newStatus()).as("an objection that is turned down").isEqualTo("ACTIVE");
    }

    @Test
    void anXlsxCellLongerThanExcelAllowsIsCutWithANoteAndCounted() throws IOException {
        new ChangeLogFixture(jdbc, "node_xe_export").penalty("贵州长文公司", "520102", LocalDate.of(2026, 9, 1),
                "GENERAL", Map.of("facts", "违法事实".repeat(10_000)));

        ExportSummary s = exports.export(ExportService.Kind.FULL, "xlsx", null, TODAY);

        try (InputStream in = Files.newInputStream(Path.of(s.dataFile())); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            var sheet = wb.getSheetAt(0);
            int facts = -1;
            for (var cell : sheet.getRow(0)) {
                if (cell.getStringCellValue().equals("违法事实")) {
                    facts = cell.getColumnIndex();
                }
            }
            String cut = null;
            for (var row : sheet) {
                if (row.getCell(2) != null && row.getCell(2).getStringCellValue().equals("贵州长文公司")) {
                    cut = row.getCell(facts).getStringCellValue();
                }
            }
            assertThat(cut).hasSize(32_767).startsWith("违法事实违法事实").contains("截断");
        }
        JsonNode manifest = JsonMapper.builder().build().readTree(Files.readString(Path.of(s.manifest())));
        assertThat(manifest.get("truncatedCells").asLong()).isEqualTo(1);
    }

    @Test
    void anIncrementalExportListsTheRecordsThatLeftItSoThatAMirrorTakesThemDown() throws IOException {
        ExportSummary first = exports.export(ExportService.Kind.PUBLIC, "csv", null, TODAY);
        long through = manifest(first).get("throughSeq").asLong();
        assertThat(through).isEqualTo(jdbc.queryForObject("SELECT max(seq) FROM change_log", Long.class));

        statuses.set(ids.get("active"), RecordStatus.REPAIRED, "信用修复申请已通过", "筑发改修〔2026〕13号", "officer");
        // a consolidation run merged the formula record into 王五's
        jdbc.update("INSERT INTO record_redirect (old_id, new_id, reason) VALUES (?, ?, 'test merge')",
                ids.get("formula"), ids.get("person"));
        jdbc.update("INSERT INTO change_log (seq, record_id, change_type, version, payload, merged_ids) SELECT"
                + " (SELECT max(seq) + 1 FROM change_log), id, 'MERGE', version, to_jsonb(r), ARRAY[?]::bigint[]"
                + " FROM consolidated_record r WHERE id = ?", ids.get("formula"), ids.get("person"));

        ExportSummary next = exports.export(ExportService.Kind.PUBLIC, "csv", through, TODAY);

        assertThat(csvBySubject(Path.of(next.dataFile()))).containsOnlyKeys("王五");
        JsonNode manifest = manifest(next);
        assertThat(manifest.get("throughSeq").asLong()).isEqualTo(through + 2);
        Path removed = Path.of(next.dataFile()).resolveSibling("removed.csv");
        Map<String, String> reasons = new HashMap<>();
        for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(Files.readString(removed).replace("\uFEFF", "")))) {
            reasons.put(r.get("记录编号"), r.get("移除原因"));
        }
        assertThat(reasons).containsOnlyKeys(String.valueOf(ids.get("active")), String.valueOf(ids.get("formula")));
        assertThat(reasons.get(String.valueOf(ids.get("active")))).contains("REPAIRED");
        assertThat(reasons.get(String.valueOf(ids.get("formula")))).contains("merged into " + ids.get("person"));
        assertThat(manifest.at("/files/removed.csv/sha256").asString()).isEqualTo(Signatures.sha256(removed));
        assertThat(manifest.at("/files/removed.csv/rows").asLong()).isEqualTo(2);
    }

    @Test
    void recordsDecidedAfterTheAsOfDateAreLeftOutUnderOneReason() {
        ChangeLogFixture f = new ChangeLogFixture(jdbc, "node_xe_export");
        f.penalty("贵州未来公司甲", "520102", LocalDate.of(2026, 12, 24), "GENERAL", Map.of());
        f.penalty("贵州未来公司乙", "520102", LocalDate.of(2027, 1, 5), "GENERAL", Map.of());

        ExportSummary s = exports.export(ExportService.Kind.PUBLIC, "jsonl", null, TODAY);

        assertThat(s.excluded()).containsEntry("decided after the as-of date", 2L)
                .allSatisfy((why, n) -> assertThat(why).doesNotStartWith("decided 20"));
    }

    private static JsonNode manifest(ExportSummary s) throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(Path.of(s.manifest())));
    }
}
