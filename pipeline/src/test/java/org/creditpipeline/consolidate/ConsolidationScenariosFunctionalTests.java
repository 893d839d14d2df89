package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.creditpipeline.ingest.FileSummary;
import org.creditpipeline.ingest.IngestService;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.normalize.OrgCode;
import org.creditpipeline.normalize.Uscc;
import org.creditpipeline.publish.StatusService;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consolidation scenarios on hand-made staged rows (as ingest or the exchange writes them): contradictions kept apart
 * and reported, a later row that merges two existing records (redirect, MERGE in the change log), the review queue,
 * a child node's newer version with a repair, and a run that fails in its last step and is restarted; key rewrites
 * (V18, V20–V22) that keep re-uploads finding records keyed the old way; and document-number spellings uploaded as
 * files (ingest → consolidate).
 */
@TestPropertySource(properties = "credit.node=consolidate_sc")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolidationScenariosFunctionalTests extends PostgresTestSupport {

    private static final AtomicLong FILES = new AtomicLong();
    private static final String AUTHORITY = "淮安市淮阴区生态环境局";
    private static final LocalDate DAY = LocalDate.of(2021, 3, 5);

    @Autowired
    ConsolidationService consolidation;

    @Autowired
    ReviewService review;

    @Autowired
    StatusService statuses;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    @Order(1)
    void sameDocumentNumberWithDifferentValidUsccsIsKeptApartAndReported() {
        long file = file();
        long a = stage(file, company("淮安华信科技有限公司", uscc("10000001"), "淮阴环罚〔2021〕1号"));
        long b = stage(file, company("淮安东方贸易有限公司", uscc("10000002"), "淮阴环罚〔2021〕1号"));

        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(recordOf(a)).isNotEqualTo(recordOf(b));
        assertThat(s.conflicts()).isEqualTo(1);
        assertThat(s.conflictList()).singleElement().satisfies(c -> {
            assertThat(c.documentNumberKey()).isEqualTo("淮阴环罚(2021)1号");
            assertThat(c.recordIds()).containsExactlyInAnyOrder(recordOf(a), recordOf(b));
            assertThat(c.identifiers()).containsExactlyInAnyOrder(uscc("10000001"), uscc("10000002"));
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consolidation_conflict", Long.class)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aLaterRowThatLinksTwoRecordsMergesThemIntoTheOlderWithARedirect() {
        String code = uscc("20000001");
        long file = file();
        long a = stage(file, company("淮安华信科技有限公司", code, "淮阴环罚〔2021〕2号"));
        long b = stage(file, company("华信公司淮安经营部", null, "淮阴环罚〔2021〕2号"));
        assertThat(consolidation.consolidate().status()).isEqualTo(ConsolidationSummary.COMPLETED);
        long older = recordOf(a);
        long newer = recordOf(b);
        assertThat(newer).as("too different to match on their own").isNotEqualTo(older);
        long seq = jdbc.queryForObject("SELECT max(seq) FROM change_log", Long.class);

        // The old 组织机构代码 (USCC characters 9–17) ties the second name to the first record.
        long c = stage(file(), company("华信公司淮安经营部", null, "淮阴环罚〔2021〕2号").withOrgCode(code.substring(8, 17)));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.merged()).isEqualTo(1);
        assertThat(recordOf(a)).isEqualTo(older);
        assertThat(recordOf(b)).isEqualTo(older);
        assertThat(recordOf(c)).isEqualTo(older);
        assertThat(jdbc.queryForObject("SELECT new_id FROM record_redirect WHERE old_id = ?", Long.class, newer))
                .isEqualTo(older);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consolidated_record WHERE id = ?", Long.class, newer))
                .isZero();
        Map<String, Object> merge = jdbc.queryForMap(
                "SELECT record_id, change_type, merged_ids::text AS merged FROM change_log WHERE seq > ?", seq);
        assertThat(merge).containsEntry("record_id", older).containsEntry("change_type", "MERGE")
                .containsEntry("merged", "{" + newer + "}");
        assertThat(jdbc.queryForObject("SELECT source_count FROM consolidated_record WHERE id = ?", Integer.class,
                older)).isEqualTo(3);
    }

    @Test
    @Order(3)
    void uncertainPairsWaitForAReviewerWhoAcceptsOrRejects() {
        long file = file();
        // Two people of the same name on one 文号, without ID numbers: a name alone never merges people.
        long a = stage(file, person("王芳", "淮阴环罚〔2021〕3号"));
        long b = stage(file, person("王芳", "淮阴环罚〔2021〕3号"));
        long c = stage(file, person("刘洋", "淮阴环罚〔2021〕4号"));
        long d = stage(file, person("刘洋", "淮阴环罚〔2021〕4号"));

        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.reviewPairs()).isEqualTo(2);
        assertThat(recordOf(a)).isNotEqualTo(recordOf(b));
        List<ReviewService.Pair> pending = review.list("PENDING", 10);
        assertThat(pending).hasSize(2);
        ReviewService.Pair first = pending.stream().filter(p -> p.left().name().equals("王芳")).findFirst().orElseThrow();
        ReviewService.Pair second = pending.stream().filter(p -> p.left().name().equals("刘洋")).findFirst().orElseThrow();

        long survivor = review.accept(first.id());
        review.reject(second.id());

        assertThat(survivor).isEqualTo(Math.min(first.left().recordId(), first.right().recordId()));
        assertThat(recordOf(a)).isEqualTo(survivor);
        assertThat(recordOf(b)).isEqualTo(survivor);
        assertThat(recordOf(c)).isNotEqualTo(recordOf(d));
        assertThat(review.list("PENDING", 10)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT change_type FROM change_log ORDER BY seq DESC LIMIT 1", String.class))
                .isEqualTo("MERGE");
    }

    @Test
    @Order(4)
    void aChildNodesNewerVersionUpdatesItsRecordAndARepairIsAStatusChange() {
        long first = stage(file(), company("淮安恒达建材有限公司", uscc("30000001"), "淮阴环罚〔2021〕5号")
                .withOrigin("320804:77"));
        consolidation.consolidate();
        long record = recordOf(first);
        assertThat(status(record)).isEqualTo("ACTIVE");

        // The child corrected the 文号 and repaired the record: a newer version of the same origin record.
        long second = stage(file(), company("淮安恒达建材有限公司", uscc("30000001"), "淮阴环罚〔2021〕55号")
                .withOrigin("320804:77").withStatus("REPAIRED"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.updated()).isEqualTo(1);
        assertThat(recordOf(second)).isEqualTo(record);
        assertThat(status(record)).isEqualTo("REPAIRED");
        assertThat(jdbc.queryForObject("SELECT document_number FROM consolidated_record WHERE id = ?", String.class,
                record)).isEqualTo("淮阴环罚〔2021〕55号");
        Map<String, Object> last = jdbc.queryForMap(
                """
                SELECT l.change_type, l.version, c.status FROM change_log l JOIN consolidated_record c ON c.id = l.record_id
                 ORDER BY l.seq DESC LIMIT 1""");
        assertThat(last).containsEntry("change_type", "STATUS").containsEntry("version", 2)
                .containsEntry("status", "REPAIRED");
    }

    @Test
    @Order(5)
    void aRunThatFailsInItsLastStepRestartsThereWithTheSameResult() {
        long file = file();
        long a = stage(file, company("淮安瑞丰食品有限公司", uscc("40000001"), "淮阴环罚〔2021〕6号"));
        long b = stage(file, company("淮安瑞豐食品有限責任公司", uscc("40000001"), "淮阴环罚【2021】6号"));
        long c = stage(file, company("淮安瑞丰食品有限公司", null, "淮阴环罚〔2021〕6号"));
        long d = stage(file, company("淮安盛世餐饮管理有限公司", uscc("40000002"), "淮阴环罚〔2021〕7号"));
        long changes = jdbc.queryForObject("SELECT max(seq) FROM change_log", Long.class);
        jdbc.execute("""
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'simulated crash while writing the change log'; END $$""");
        jdbc.execute("CREATE TRIGGER fail_once BEFORE INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION fail_once()");

        ConsolidationSummary failed = consolidation.consolidate();

        assertThat(failed.status()).isEqualTo(ConsolidationSummary.FAILED);
        assertThat(failed.message()).contains("simulated crash");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_source WHERE staged_record_id IN (?, ?, ?, ?)",
                Long.class, a, b, c, d)).as("nothing half-applied").isZero();
        jdbc.execute("DROP TRIGGER fail_once ON change_log");
        jdbc.execute("DROP FUNCTION fail_once()");
        // a server crash would also have emptied the unlogged work tables: the restart must not rely on them
        jdbc.execute("TRUNCATE consolidate_work_row, consolidate_work_group, consolidate_work_link,"
                + " consolidate_work_merge, consolidate_work_review");

        ConsolidationSummary restarted = consolidation.consolidate();

        assertThat(restarted.status()).as(restarted.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(restarted.rowsRead()).isEqualTo(4);
        assertThat(restarted.inserted()).isEqualTo(2);
        assertThat(recordOf(b)).isEqualTo(recordOf(a));
        assertThat(recordOf(c)).isEqualTo(recordOf(a));
        assertThat(recordOf(d)).isNotEqualTo(recordOf(a));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM change_log WHERE seq > ?", Long.class, changes))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT max(seq) - min(seq) + 1 = count(*) FROM change_log", Boolean.class))
                .as("gap-free sequence").isTrue();
        List<Map<String, Object>> steps = jdbc.queryForList("""
                SELECT s.step_name, count(*) AS runs FROM batch_step_execution s
                  JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                 WHERE e.job_instance_id = (SELECT job_instance_id FROM batch_job_execution WHERE job_execution_id = ?)
                 GROUP BY s.step_name""", restarted.jobExecutionId());
        assertThat(steps).contains(Map.of("step_name", "consolidate-keys", "runs", 2L),
                Map.of("step_name", "consolidate-match", "runs", 2L),
                Map.of("step_name", "consolidate-apply", "runs", 2L));
    }

    @Test
    @Order(6)
    void nothingStagedIsLeftWithoutARecord() {
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM staged_record s
                 WHERE NOT EXISTS (SELECT 1 FROM record_source r WHERE r.staged_record_id = s.id)""", Long.class))
                .isZero();
        assertThat(consolidation.consolidate().status()).isEqualTo(ConsolidationSummary.NOTHING_NEW);
    }

    @Test
    @Order(7)
    void thisNodesOwnRowOutranksAPackageFromBelowButTheChildStillSetsTheStatus() {
        long upload = stage(file(), company("淮安永兴物流有限公司", uscc("50000001"), "淮阴环罚〔2021〕8号"));
        long fromChild = stage(file(), company("淮安永兴物流有限公司", uscc("50000001"), "淮阴环罚〔2021〕8号")
                .withOrigin("320804:91").withStatus("REPAIRED"));
        jdbc.update("UPDATE staged_record SET fine_amount = 2.0 WHERE id = ?", fromChild);

        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        long record = recordOf(upload);
        assertThat(recordOf(fromChild)).isEqualTo(record);
        Map<String, Object> r = jdbc.queryForMap(
                "SELECT fine_amount, status, field_sources->>'*' AS top FROM consolidated_record WHERE id = ?", record);
        assertThat((BigDecimal) r.get("fine_amount")).as("upper level (this node's upload) over the package from below")
                .isEqualByComparingTo("0.5");
        assertThat(r).containsEntry("top", Long.toString(upload)).containsEntry("status", "REPAIRED");
    }

    @Test
    @Order(8)
    void aStatusSetOnThisNodeSurvivesTheSameRecordUploadedAgain() {
        long first = stage(file(), company("淮安金诚建设有限公司", uscc("60000001"), "淮阴环罚〔2021〕9号"));
        consolidation.consolidate();
        long record = recordOf(first);
        statuses.set(record, RecordStatus.REPAIRED, "信用修复申请已通过", "淮信修〔2026〕3号", "officer");
        long audits = jdbc.queryForObject("SELECT count(*) FROM status_audit WHERE record_id = ?", Long.class, record);

        // next night's upload lists the same penalty again (officers often send the whole list), still 正常 in the file
        long again = stage(file(), company("淮安金诚建设有限公司", uscc("60000001"), "淮阴环罚〔2021〕9号"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(recordOf(again)).isEqualTo(record);
        assertThat(jdbc.queryForMap("SELECT status, status_reason, status_ref FROM consolidated_record WHERE id = ?",
                record)).containsEntry("status", "REPAIRED").containsEntry("status_reason", "信用修复申请已通过")
                .containsEntry("status_ref", "淮信修〔2026〕3号");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM status_audit WHERE record_id = ?", Long.class, record))
                .isEqualTo(audits);
    }

    @Test
    @Order(9)
    void aChildsStatusDecisionArrivesWithItsReasonAndReferenceAndIsAudited() {
        long v1 = stage(file(), company("淮安利民超市有限公司", uscc("70000001"), "淮阴环罚〔2021〕10号")
                .withOrigin("320804:120"));
        consolidation.consolidate();
        long record = recordOf(v1);
        long v2 = stage(file(), company("淮安利民超市有限公司", uscc("70000001"), "淮阴环罚〔2021〕10号")
                .withOrigin("320804:120").withStatus("UNDER_OBJECTION"));
        jdbc.update("UPDATE staged_record SET status_reason = ?, status_ref = ? WHERE id = ?", "当事人提出异议",
                "异议申请 2026-118", v2);
        consolidation.consolidate();

        assertThat(jdbc.queryForMap("SELECT status, status_reason, status_ref FROM consolidated_record WHERE id = ?",
                record)).containsEntry("status", "UNDER_OBJECTION").containsEntry("status_reason", "当事人提出异议")
                .containsEntry("status_ref", "异议申请 2026-118");
        assertThat(jdbc.queryForMap("""
                SELECT a.old_status, a.new_status, a.reason, a.ref, a.actor LIKE 'consolidation%' AS by_run,
                       l.change_type FROM status_audit a JOIN change_log l ON l.seq = a.seq
                 WHERE a.record_id = ? ORDER BY a.id DESC LIMIT 1""", record))
                .containsEntry("old_status", "ACTIVE").containsEntry("new_status", "UNDER_OBJECTION")
                .containsEntry("reason", "当事人提出异议").containsEntry("ref", "异议申请 2026-118")
                .containsEntry("by_run", true).containsEntry("change_type", "STATUS");

        // the child resolves the objection (back to 正常): a newer version whose status differs from the last one
        long v3 = stage(file(), company("淮安利民超市有限公司", uscc("70000001"), "淮阴环罚〔2021〕10号")
                .withOrigin("320804:120"));
        consolidation.consolidate();
        assertThat(recordOf(v3)).isEqualTo(record);
        assertThat(status(record)).isEqualTo("ACTIVE");

        // a later version that only corrects content leaves a status this node set itself alone
        statuses.set(record, RecordStatus.WITHDRAWN, "决定已撤销", null, "officer");
        long v4 = stage(file(), company("淮安利民超市有限公司", uscc("70000001"), "淮阴环罚〔2021〕10号")
                .withOrigin("320804:120"));
        jdbc.update("UPDATE staged_record SET fine_amount = 0.8 WHERE id = ?", v4);
        consolidation.consolidate();
        assertThat(status(record)).isEqualTo("WITHDRAWN");
    }

    @Test
    @Order(10)
    void mergingARecordWithAStatusDecisionKeepsTheDecision() {
        String code = uscc("80000001");
        long a = stage(file(), company("淮安新源化工有限公司", code, "淮阴环罚〔2021〕11号"));
        long b = stage(file(), company("新源公司淮安经营部", null, "淮阴环罚〔2021〕11号"));
        consolidation.consolidate();
        long older = recordOf(a);
        long newer = recordOf(b);
        assertThat(newer).isNotEqualTo(older);
        statuses.set(newer, RecordStatus.REPAIRED, "已完成信用修复", null, "officer");

        // the old 组织机构代码 ties the two: the older id survives, the newer one's repair must survive with it
        stage(file(), company("新源公司淮安经营部", null, "淮阴环罚〔2021〕11号").withOrgCode(code.substring(8, 17)));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(recordOf(b)).isEqualTo(older);
        assertThat(status(older)).isEqualTo("REPAIRED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM status_audit WHERE record_id = ?", Long.class, older))
                .as("the absorbed record's audit entries follow it").isEqualTo(1);
    }

    @Test
    @Order(11)
    void theSameDocumentNumberOfOneSubjectFromAnotherAuthorityIsAnotherDecision() {
        String code = uscc("90000001");
        long market = stage(file(), company("贵阳卯辰有限公司", code, "筑南市监罚〔2026〕601号")
                .withAuthority("贵阳市南明区市场监督管理局"));
        consolidation.consolidate();

        long safety = stage(file(), company("贵阳卯辰有限公司", code, "筑南市监罚〔2026〕601号")
                .withAuthority("贵阳市南明区应急管理局"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(recordOf(safety)).as("two decisions").isNotEqualTo(recordOf(market));
        assertThat(s.conflictList()).singleElement().satisfies(c -> {
            assertThat(c.differentAuthorities()).isTrue();
            assertThat(c.recordIds()).containsExactlyInAnyOrder(recordOf(market), recordOf(safety));
            assertThat(c.authority()).contains("贵阳市南明区应急管理局").contains("贵阳市南明区市场监督管理局");
        });

        // Another spelling of the first authority is still its decision.
        long again = stage(file(), company("贵阳卯辰有限公司", code, "筑南市监罚〔2026〕601号")
                .withAuthority("南明区市场监管局"));
        assertThat(consolidation.consolidate().inserted()).isZero();
        assertThat(recordOf(again)).isEqualTo(recordOf(market));
    }

    @Test
    @Order(13)
    void bothWaysOfFindingSharedDocumentNumbersGiveTheSameKeys() {
        // by now the earlier scenarios left document numbers that several records share (contradictions)
        for (String touched : List.of("SELECT id FROM consolidated_record", "SELECT id FROM consolidated_record WHERE id % 2 = 1")) {
            List<List<String>> results = new TransactionTemplate(transactionManager).execute(status -> {
                jdbc.execute("CREATE TEMP TABLE cw_touched ON COMMIT DROP AS SELECT id AS record_id FROM ("
                        + touched + ") t");
                jdbc.execute(RecordWriter.SHARED_DOCUMENTS);
                List<String> perRecord = sharedDocumentRows();
                jdbc.execute("DROP TABLE cw_shared_doc");
                jdbc.execute(RecordWriter.SHARED_DOCUMENTS_BULK);
                return List.of(perRecord, sharedDocumentRows());
            });
            assertThat(results.get(1)).as(touched).isEqualTo(results.get(0));
            if (!touched.contains("WHERE")) {
                assertThat(results.get(0)).as("every shared number, all records touched").hasSizeGreaterThanOrEqualTo(4);
            }
        }
    }

    private List<String> sharedDocumentRows() {
        return jdbc.queryForList("SELECT concat_ws('|', record_kind, doc_key, record_id, subject, touched) AS r"
                + " FROM cw_shared_doc ORDER BY r", String.class);
    }

    @Test
    @Order(12)
    void anOldOrgCodeRecordIsLinkedWhenItsUsccArrivesInALaterRun() {
        String code = uscc("91000001");
        long old = stage(file(), company("贵阳午未有限公司", null, "筑南市监罚〔2026〕602号")
                .withOrgCode(code.substring(8, 17)));
        consolidation.consolidate();

        long later = stage(file(), company("贵阳午未有限公司", code, "筑南市监罚〔2026〕602号"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(later)).isEqualTo(recordOf(old));
    }

    @Test
    @Order(14)
    void aDocumentNumberTypedWithoutItsClosingHaoIsTheSameDecisionAfterTheKeyRewrite() throws Exception {
        String code = uscc("91000002");
        // consolidated before V18: the key of 筑南市监罚〔2026〕0603 (no 号) kept its zero and had no 号
        long old = stage(file(), company("贵阳申酉有限公司", code, "筑南市监罚〔2026〕0603"), "筑南市监罚(2026)0603");
        consolidation.consolidate();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
                    db.migration.V18__closing_hao_in_document_keys.rewrite(c);
                    return null;
                }));

        assertThat(jdbc.queryForList("SELECT doc_key FROM record_key WHERE record_id = ?", String.class, recordOf(old)))
                .containsExactly("筑南市监罚(2026)603号");
        long again = stage(file(), company("贵阳申酉有限公司", code, "筑南市监罚〔2026〕603号"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(again)).isEqualTo(recordOf(old));
    }

    @Test
    @Order(15)
    void aRecordFirstUploadedWithoutItsUsccIsFoundWhenTheUsccRowComesALaterNight() {
        long first = stage(file(), company("贵阳戌亥有限公司", null, "筑南市监罚〔2026〕605号"));
        consolidation.consolidate();

        long later = stage(file(), company("贵阳戌亥有限公司", uscc("91000003"), "筑南市监罚〔2026〕605号"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(later)).isEqualTo(recordOf(first));
        assertThat(consolidation.consolidate().status()).isEqualTo(ConsolidationSummary.NOTHING_NEW);
    }

    @Test
    @Order(16)
    void aMaskedCourtFeedIdIsJoinedByTheFullIdALaterNightButNotByAHomonym() {
        String full = residentId("11010519491231002");
        long masked = stage(file(), person("王建国", "筑南市监罚〔2026〕606号").withId("1101051949****" + full.substring(14)));
        consolidation.consolidate();

        long later = stage(file(), person("王建国", "筑南市监罚〔2026〕606号").withId(full));
        long homonym = stage(file(), person("王建国", "筑南市监罚〔2026〕606号").withId(residentId("11010519850101123")));
        consolidation.consolidate();

        assertThat(recordOf(later)).isEqualTo(recordOf(masked));
        assertThat(recordOf(homonym)).isNotEqualTo(recordOf(masked));
    }

    @Test
    @Order(17)
    void aTownshipGovernmentsDecisionIsNotTheCivilAffairsBureausAndKeysWrittenTheOldWayAreRewritten() throws Exception {
        String code = uscc("91000004");
        long township = stage(file(), company("贵阳子丑有限公司", code, "(2026)607号").withAuthority("贵阳市南明区花果园街道办事处"));
        long civil = stage(file(), company("贵阳子丑有限公司", code, "(2026)607号").withAuthority("贵阳市南明区民政局"));
        long government = stage(file(), company("贵阳子丑有限公司", code, "(2026)607号")
                .withAuthority("贵阳市南明区人民政府"));
        consolidation.consolidate();

        assertThat(recordOf(government)).isNotEqualTo(recordOf(civil)).isNotEqualTo(recordOf(township));

        // keys consolidated before V20 read 人民政府 as 民政
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/人民政府', '/民政') WHERE record_id = ?",
                recordOf(government));
        jdbc.update("DELETE FROM record_key WHERE record_id = ?", recordOf(civil));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
                    db.migration.V20__authority_function_words_inside_longer_ones.rewrite(c);
                    return null;
                }));
        long again = stage(file(), company("贵阳子丑有限公司", code, "(2026)607号").withAuthority("南明区人民政府"));
        consolidation.consolidate();

        assertThat(recordOf(again)).isEqualTo(recordOf(government));
    }

    @Test
    @Order(18)
    void aRecordThatAlsoHoldsANameOnlyKeyKeepsItsUsccAgainstOtherIdentifiersOfTheSameName() {
        long first = stage(file(), company("贵阳寅卯有限公司", uscc("91000005"), "筑南市监罚〔2026〕608号"));
        long nameOnly = stage(file(), company("贵阳寅卯有限公司", null, "筑南市监罚〔2026〕608号"));
        consolidation.consolidate();
        assertThat(recordOf(nameOnly)).isEqualTo(recordOf(first));

        long other = stage(file(), company("贵阳寅卯有限公司", uscc("91000006"), "筑南市监罚〔2026〕608号"));
        long otherOrgCode = stage(file(), company("贵阳寅卯有限公司", null, "筑南市监罚〔2026〕608号")
                .withOrgCode(uscc("91000007").substring(8, 17)));
        consolidation.consolidate();

        assertThat(recordOf(other)).as("valid USCCs that disagree").isNotEqualTo(recordOf(first));
        assertThat(recordOf(otherOrgCode)).as("an org code of neither").isNotEqualTo(recordOf(first))
                .isNotEqualTo(recordOf(other));

        // the name-only row again, with a third USCC of the same name in the same night
        long nameOnlyAgain = stage(file(), company("贵阳寅卯有限公司", null, "筑南市监罚〔2026〕608号"));
        long third = stage(file(), company("贵阳寅卯有限公司", uscc("91000008"), "筑南市监罚〔2026〕608号"));
        consolidation.consolidate();

        assertThat(recordOf(nameOnlyAgain)).isEqualTo(recordOf(first));
        assertThat(recordOf(third)).as("valid USCCs that disagree").isNotEqualTo(recordOf(first));
        assertThat(recordOf(otherOrgCode)).as("the org code of another company stays apart").isNotEqualTo(recordOf(first));
        assertThat(recordOf(other)).isNotEqualTo(recordOf(first));
    }

    @Test
    @Order(19)
    void aDocumentNumberWithZiBeforeTheYearIsTheSameDecisionFromIngestOnButAnotherIssuersIsNot() throws Exception {
        String code = uscc("92000001");
        long first = ingest("zi-1.csv",
                penaltyRow("天津辰巳有限公司", code, "津武环罚字〔2017〕15号", "天津市武清区生态环境局"),
                penaltyRow("天津辰巳有限公司", code, "津武罚字〔2017〕15号", "天津市武清区生态环境局"));
        consolidation.consolidate();
        long withZi = stagedRow(first, "津武环罚字〔2017〕15号");
        long otherIssuer = stagedRow(first, "津武罚字〔2017〕15号");
        assertThat(recordOf(otherIssuer)).as("another issuer's prefix").isNotEqualTo(recordOf(withZi));

        long second = ingest("zi-2.csv", penaltyRow("天津辰巳有限公司", code, "津武环罚〔2017〕15号", "天津市武清区生态环境局"),
                penaltyRow("天津辰巳有限公司", code, "津武环罚字[2017]第015号", "天津市武清区生态环境局"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(stagedRow(second, "津武环罚〔2017〕15号"))).isEqualTo(recordOf(withZi));
        assertThat(recordOf(stagedRow(second, "津武环罚字[2017]第015号"))).isEqualTo(recordOf(withZi));
    }

    @Test
    @Order(20)
    void aDocumentTitleAfterTheNumberIsTheSameDecisionFromIngestOn() throws Exception {
        String code = uscc("92000002");
        String authority = "贵阳市南明区市场监督管理局";
        long first = ingest("title-1.csv", penaltyRow("贵阳午申有限公司", code, "筑南市监罚〔2023〕12号", authority),
                penaltyRow("贵阳午申有限公司", code, "筑南市监罚〔2023〕12号行政处罚决定书", authority),
                penaltyRow("贵阳午申有限公司", code, "筑南市监罚〔2023〕13号行政处罚决定书", authority));
        ConsolidationSummary s1 = consolidation.consolidate();
        long plain = stagedRow(first, "筑南市监罚〔2023〕12号");

        assertThat(s1.inserted()).isEqualTo(2);
        assertThat(recordOf(stagedRow(first, "筑南市监罚〔2023〕12号行政处罚决定书"))).isEqualTo(recordOf(plain));
        assertThat(recordOf(stagedRow(first, "筑南市监罚〔2023〕13号行政处罚决定书"))).as("another serial")
                .isNotEqualTo(recordOf(plain));

        long second = ingest("title-2.csv", penaltyRow("贵阳午申有限公司", code, "筑南市监罚〔2023〕第0012号 决定书", authority));
        ConsolidationSummary s2 = consolidation.consolidate();

        assertThat(s2.inserted()).isZero();
        assertThat(recordOf(stagedRow(second, "筑南市监罚〔2023〕第0012号 决定书"))).isEqualTo(recordOf(plain));
    }

    @Test
    @Order(21)
    void recordsKeyedWithZiOrATitleBeforeV21AreFoundByTheirReUpload() {
        String code = uscc("92000003");
        // consolidated before V21: the keys kept 字 before the year and the title after the number
        long zi = stage(file(), company("贵阳未酉有限公司", code, "津武环罚字〔2017〕16号"), "津武环罚字(2017)16号");
        long titled = stage(file(), company("贵阳未酉有限公司", code, "筑南市监罚〔2023〕14号行政处罚决定书"),
                "筑南市监罚(2023)14号行政处罚决定书");
        consolidation.consolidate();

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
                    db.migration.V21__zi_and_titles_in_document_keys.rewrite(c);
                    return null;
                }));

        assertThat(jdbc.queryForList("SELECT doc_key FROM record_key WHERE record_id IN (?, ?) ORDER BY 1", String.class,
                recordOf(zi), recordOf(titled))).containsExactly("津武环罚(2017)16号", "筑南市监罚(2023)14号");
        assertThat(jdbc.queryForObject("SELECT document_number_key FROM staged_record WHERE id = ?", String.class, zi))
                .isEqualTo("津武环罚(2017)16号");
        long ziAgain = stage(file(), company("贵阳未酉有限公司", code, "津武环罚〔2017〕16号"));
        long titledAgain = stage(file(), company("贵阳未酉有限公司", code, "筑南市监罚〔2023〕14号"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(ziAgain)).isEqualTo(recordOf(zi));
        assertThat(recordOf(titledAgain)).isEqualTo(recordOf(titled));
    }

    @Test
    @Order(22)
    void recordsOfMarketRegulationAbbreviationsAndFoodAndDrugBureausAreFoundUnderTheNewNameAfterV22() {
        String code = uscc("92000004");
        long abbreviated = stage(file(), company("贵阳申戌有限公司", code, "筑南市监罚〔2023〕15号")
                .withAuthority("南明区市监局"));
        long foodDrug = stage(file(), company("贵阳申戌有限公司", code, "筑南食药监罚〔2017〕3号")
                .withAuthority("贵阳市南明区食品药品监督管理局"));
        consolidation.consolidate();

        // keys consolidated before V22: 南明区市监局 (canonical 南明区监局) was 监局, 食品药品监督管理局 药品监管
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/市场监管', '/监局') WHERE record_id = ?",
                recordOf(abbreviated));
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/市场监管', '/药品监管') WHERE record_id = ?",
                recordOf(foodDrug));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
                    db.migration.V22__market_regulation_abbreviations_and_food_drug_in_match_keys.rewrite(c);
                    return null;
                }));
        long abbreviatedAgain = stage(file(), company("贵阳申戌有限公司", code, "筑南市监罚〔2023〕15号")
                .withAuthority("贵阳市南明区市场监督管理局"));
        long foodDrugAgain = stage(file(), company("贵阳申戌有限公司", code, "筑南食药监罚〔2017〕3号")
                .withAuthority("贵阳市南明区市场监督管理局"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(abbreviatedAgain)).isEqualTo(recordOf(abbreviated));
        assertThat(recordOf(foodDrugAgain)).isEqualTo(recordOf(foodDrug));
    }

    @Test
    @Order(23)
    void recordsOfShortAuthorityNamesAreFoundUnderTheFullNameAfterV24() {
        String code = uscc("92000005");
        long emergency = stage(file(), company("贵阳酉亥有限公司", code, "筑南应急罚〔2023〕7号")
                .withAuthority("南明区应急局"));
        long drugs = stage(file(), company("贵阳酉亥有限公司", code, "黔药监罚〔2024〕5号")
                .withAuthority("贵州省药监局"));
        consolidation.consolidate();

        // keys consolidated before V24: the short forms were names of their own (南明区应急局 → 应急局, 药监局)
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/应急管理', '/应急局') WHERE record_id = ?",
                recordOf(emergency));
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/药品监管', '/药监局') WHERE record_id = ?",
                recordOf(drugs));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
                    db.migration.V24__authority_short_forms_in_match_keys.rewrite(c);
                    return null;
                }));
        long emergencyAgain = stage(file(), company("贵阳酉亥有限公司", code, "筑南应急罚〔2023〕7号")
                .withAuthority("贵阳市南明区应急管理局"));
        long drugsAgain = stage(file(), company("贵阳酉亥有限公司", code, "黔药监罚〔2024〕5号")
                .withAuthority("贵州省药品监督管理局"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(emergencyAgain)).isEqualTo(recordOf(emergency));
        assertThat(recordOf(drugsAgain)).isEqualTo(recordOf(drugs));
    }

    @Test
    @Order(23)
    void aDecisionOfAPartyCommitteeWrittenShortIsTheSameRecordAlsoForKeysFromBeforeV27() {
        LocalDate day = LocalDate.of(2026, 3, 9);
        long full = stage(file(), sanction("陶志远", null, "淮阴区住房和城乡建设局").withDate(day)
                .withAuthority("中共淮安市淮阴区委员会"));
        long supervision = stage(file(), sanction("陶志远", null, "淮阴区住房和城乡建设局").withDate(day)
                .withAuthority("淮阴区监委"));
        consolidation.consolidate();
        assertThat(recordOf(supervision)).isNotEqualTo(recordOf(full)); // the committee is not its 纪委监委

        // keys consolidated before V27: the committee's full name was reduced to 委员会, 监委 kept as a name
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/党委', '/委员会') WHERE record_id = ?",
                recordOf(full));
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/纪检监察', '/淮阴区监委') WHERE record_id = ?",
                recordOf(supervision));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
                    db.migration.V27__party_committee_in_match_keys.rewrite(c);
                    return null;
                }));
        assertThat(jdbc.queryForList("SELECT match_key FROM record_key WHERE record_id IN (?, ?) ORDER BY match_key",
                String.class, recordOf(full), recordOf(supervision)))
                .allMatch(k -> k.endsWith("/党委") || k.endsWith("/纪检监察"));
        long shortForm = stage(file(), sanction("陶志远", null, "淮阴区住房和城乡建设局").withDate(day)
                .withAuthority("中共淮阴区委"));
        long shorter = stage(file(), sanction("陶志远", null, "淮阴区住房和城乡建设局").withDate(day)
                .withAuthority("淮阴区委"));
        long supervisionFull = stage(file(), sanction("陶志远", null, "淮阴区住房和城乡建设局").withDate(day)
                .withAuthority("淮安市淮阴区监察委员会"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(shortForm)).isEqualTo(recordOf(full));
        assertThat(recordOf(shorter)).isEqualTo(recordOf(full));
        assertThat(recordOf(supervisionFull)).isEqualTo(recordOf(supervision));
    }

    // ---- the person bridge: county lists without 文号 or ID (CONSOLIDATION.md, Matching) ----

    private static final LocalDate SANCTIONED = LocalDate.of(2026, 5, 6);
    private static final String DISCIPLINE = "中共贵阳市南明区纪律检查委员会";

    @Test
    @Order(24)
    void aPersonListedWithAndWithoutIdIsOneRecordInOneRunButNotANamesakeOrAnotherDecision() {
        long file = file();
        long byUnit = stage(file, sanction("周建华", null, "南明区财政局"));
        long byId = stage(file, sanction("周建华", residentId("52010219800101123"), "贵阳市南明区财政局"));
        long namesake = stage(file, sanction("周建华", null, "南明区教育局"));
        long laterDay = stage(file, sanction("周建华", null, "南明区财政局").withDate(LocalDate.of(2026, 9, 1)));
        long otherKind = stage(file, sanction("周建华", null, "南明区财政局").withCategory("党内严重警告"));
        long otherAuthority = stage(file, sanction("周建华", null, "南明区财政局").withAuthority("南明区财政局"));
        long idNoUnit = stage(file, sanction("周建华", residentId("52010219800101123"), null).withCategory("记过"));

        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(recordOf(byId)).isEqualTo(recordOf(byUnit));
        assertThat(List.of(recordOf(namesake), recordOf(laterDay), recordOf(otherKind), recordOf(otherAuthority),
                recordOf(idNoUnit))).doesNotContain(recordOf(byUnit)).doesNotHaveDuplicates();
        assertThat(s.reviewPairs()).isZero();
        assertThat(jdbc.queryForObject("SELECT id_number FROM consolidated_record WHERE id = ?", String.class,
                recordOf(byUnit))).isEqualTo(residentId("52010219800101123"));
    }

    @Test
    @Order(25)
    void aPersonListedWithoutIdIsFoundByTheRowWithIdALaterNightAndTheOtherWayRound() {
        long byUnit = stage(file(), sanction("吴晓燕", null, "南明区财政局"));
        long byIdFirst = stage(file(), sanction("郑国强", residentId("52010219750303241"), "南明区住房和城乡建设局"));
        consolidation.consolidate();

        long byId = stage(file(), sanction("吴晓燕", residentId("52010219820202242"), "南明区财政局"));
        long byUnitLater = stage(file(), sanction("郑国强", null, "贵阳市南明区住房和城乡建设局"));
        long namesake = stage(file(), sanction("吴晓燕", residentId("52010219900505246"), "南明区教育局"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(recordOf(byId)).isEqualTo(recordOf(byUnit));
        assertThat(recordOf(byUnitLater)).isEqualTo(recordOf(byIdFirst));
        assertThat(recordOf(namesake)).isNotEqualTo(recordOf(byUnit));
        assertThat(s.inserted()).isEqualTo(1);
        assertThat(consolidation.consolidate().status()).isEqualTo(ConsolidationSummary.NOTHING_NEW);
    }

    @Test
    @Order(26)
    void aWorkUnitWithItsPlaceNamesIsTheSameUnitInOneRunAndALaterNightButAnotherDistrictsIsNot() {
        long file = file();
        long county = stage(file, sanction("孙丽萍", null, "南明区财政局"));
        long city = stage(file, sanction("孙丽萍", null, "贵阳市南明区财政局"));
        long otherDistrict = stage(file, sanction("孙丽萍", null, "云岩区财政局"));
        consolidation.consolidate();

        assertThat(recordOf(city)).isEqualTo(recordOf(county));
        assertThat(recordOf(otherDistrict)).isNotEqualTo(recordOf(county));

        long province = stage(file(), sanction("孙丽萍", null, "贵州省贵阳市南明区财政局"));
        long otherCity = stage(file(), sanction("孙丽萍", null, "贵阳市云岩区财政局"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(recordOf(province)).isEqualTo(recordOf(county));
        assertThat(recordOf(otherCity)).isEqualTo(recordOf(otherDistrict));
        assertThat(s.inserted()).isZero();
        assertThat(s.reviewPairs()).isZero();
    }

    @Test
    @Order(27)
    void aDecisionOnceWithoutItsDocumentNumberGoesToReviewWhereAnOfficerMergesIt() {
        String id = residentId("52010219880808123");
        long file = file();
        long withoutDoc = stage(file, sanction("钱志刚", id, "南明区财政局"));
        long withDoc = stage(file, sanction("钱志刚", id, "南明区财政局").withDoc("南纪处〔2026〕5号"));
        // a 政务 decision of the same day by the 监委 has its own 文号 and its own kinds: not proposed
        long political = stage(file, sanction("钱志刚", id, "南明区财政局").withDoc("南监处〔2026〕5号")
                .withCategory("警告").withAuthority("南明区监察委员会"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(recordOf(withDoc)).isNotEqualTo(recordOf(withoutDoc));
        assertThat(s.reviewPairs()).isEqualTo(1);
        ReviewService.Pair pair = pendingPair("钱志刚");
        assertThat(List.of(pair.left().recordId(), pair.right().recordId()))
                .containsExactlyInAnyOrder(recordOf(withoutDoc), recordOf(withDoc));
        assertThat(pair.reasons()).contains("once without 文号");
        assertThat(List.of(pair.left(), pair.right())).extracting(ReviewService.Side::workUnit, ReviewService.Side::category)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("南明区财政局", "党内警告"));

        long survivor = review.accept(pair.id());

        assertThat(recordOf(withoutDoc)).isEqualTo(survivor);
        assertThat(recordOf(withDoc)).isEqualTo(survivor);
        assertThat(recordOf(political)).isNotEqualTo(survivor);
        assertThat(jdbc.queryForObject("SELECT document_number FROM consolidated_record WHERE id = ?", String.class,
                survivor)).isEqualTo("南纪处〔2026〕5号");
    }

    @Test
    @Order(28)
    void aDecisionWithoutDocumentNumberIsProposedWithTheSameDecisionWithItALaterNight() {
        long withoutDoc = stage(file(), sanction("冯玉兰", null, "南明区财政局"));
        consolidation.consolidate();

        long withDoc = stage(file(), sanction("冯玉兰", null, "贵阳市南明区财政局").withDoc("南纪处〔2026〕6号"));
        long otherDay = stage(file(), sanction("冯玉兰", null, "南明区财政局").withDoc("南纪处〔2026〕7号")
                .withDate(LocalDate.of(2026, 5, 7)));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.reviewPairs()).isEqualTo(1);
        assertThat(recordOf(withDoc)).isNotEqualTo(recordOf(withoutDoc));
        ReviewService.Pair pair = pendingPair("冯玉兰");
        assertThat(List.of(pair.left().recordId(), pair.right().recordId()))
                .containsExactlyInAnyOrder(recordOf(withoutDoc), recordOf(withDoc)).doesNotContain(recordOf(otherDay));

        // rejected: later runs do not propose it again
        review.reject(pair.id());
        stage(file(), sanction("冯玉兰", null, "南明区财政局").withDoc("南纪处〔2026〕6号"));
        assertThat(consolidation.consolidate().reviewPairs()).isZero();
    }

    @Test
    @Order(29)
    void aPersonWithoutIdWhoseNameUnitAndDecisionFitTwoIdsJoinsNeither() {
        long file = file();
        long byUnit = stage(file, sanction("陈刚", null, "南明区财政局"));
        long first = stage(file, sanction("陈刚", residentId("52010219700101121"), "南明区财政局"));
        long second = stage(file, sanction("陈刚", residentId("52010219850101123"), "南明区财政局"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(recordOf(byUnit)).isNotEqualTo(recordOf(first)).isNotEqualTo(recordOf(second));
        assertThat(recordOf(first)).isNotEqualTo(recordOf(second));
        assertThat(s.reviewPairs()).isEqualTo(2);
    }

    @Test
    @Order(30)
    void keysOfPeopleConsolidatedBeforeV25GetTheirCategoriesAndAreBridged() {
        String id = residentId("52010219660606124");
        long withoutDoc = stage(file(), sanction("褚卫东", null, "南明区财政局").withCategory("记过;党内警告"));
        long withDoc = stage(file(), sanction("卫红梅", id, "南明区财政局").withDoc("南纪处〔2026〕8号")
                .withCategory("记过;党内警告"));
        consolidation.consolidate();
        // consolidated before V25: no categories on the keys
        jdbc.update("UPDATE record_key SET category = NULL WHERE record_id IN (?, ?)", recordOf(withoutDoc),
                recordOf(withDoc));
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Void>) c -> {
                    db.migration.V25__person_bridge_categories.backfill(c);
                    return null;
                }));

        assertThat(jdbc.queryForList("SELECT DISTINCT category FROM record_key WHERE record_id IN (?, ?)", String.class,
                recordOf(withoutDoc), recordOf(withDoc))).containsExactly("党内警告;记过");
        long byId = stage(file(), sanction("褚卫东", residentId("52010219770707125"), "贵阳市南明区财政局")
                .withCategory("党内警告;记过"));
        long withoutDocNow = stage(file(), sanction("卫红梅", null, "南明区财政局").withCategory("党内警告;记过"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(recordOf(byId)).isEqualTo(recordOf(withoutDoc));
        assertThat(recordOf(withoutDocNow)).isNotEqualTo(recordOf(withDoc));
        assertThat(s.reviewPairs()).isEqualTo(1);
        assertThat(List.of(pendingPair("卫红梅").left().recordId(), pendingPair("卫红梅").right().recordId()))
                .containsExactlyInAnyOrder(recordOf(withoutDocNow), recordOf(withDoc));
    }

    private ReviewService.Pair pendingPair(String name) {
        return review.list("PENDING", 100).stream().filter(p -> p.left().name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static Sanction sanction(String name, String id, String unit) {
        return new Sanction(name, id, unit, null, "党内警告", SANCTIONED, DISCIPLINE);
    }

    /** A county 纪律处分 list's row as ingest stages it (unit split from its position, kinds ;-joined). */
    record Sanction(String name, String idNumber, String unit, String doc, String category, LocalDate date,
                    String authority) {

        Sanction withDoc(String d) {
            return new Sanction(name, idNumber, unit, d, category, date, authority);
        }

        Sanction withCategory(String c) {
            return new Sanction(name, idNumber, unit, doc, c, date, authority);
        }

        Sanction withDate(LocalDate d) {
            return new Sanction(name, idNumber, unit, doc, category, d, authority);
        }

        Sanction withAuthority(String a) {
            return new Sanction(name, idNumber, unit, doc, category, date, a);
        }
    }

    private long stage(long file, Sanction r) {
        return jdbc.queryForObject("""
                INSERT INTO staged_record (file_id, source_row, record_kind, subject_kind, subject_name, id_type,
                    id_number, work_unit, document_number, document_number_key, authority_name, decision_date, category,
                    status)
                VALUES (?, (SELECT count(*) + 2 FROM staged_record WHERE file_id = ?), 'DISCIPLINARY_SANCTION',
                        'CIVIL_SERVANT', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')
                RETURNING id""", Long.class, file, file, r.name(), r.idNumber() == null ? null : "身份证", r.idNumber(),
                r.unit(), r.doc(), org.creditpipeline.normalize.DocumentNumbers.key(r.doc()), r.authority(), r.date(),
                r.category());
    }

    // ---- files as a data officer uploads them (ingest → consolidate) ----

    private static final String PENALTY_HEADER = "行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),"
            + "行政相对人代码_2(工商注册号),行政相对人代码_3(组织机构代码),行政相对人代码_4(税务登记号),"
            + "行政相对人代码_5(事业单位证书号),行政相对人代码_6(社会组织登记证号),法定代表人,法定代表人证件类型,"
            + "法定代表人证件号码,证件类型,证件号码,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,"
            + "罚款金额（万元）,没收违法所得、没收非法财物的金额（万元）,暂扣或吊销证照名称及编号,处罚决定日期,处罚有效期,"
            + "公示截止期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码,地方编码,备注";

    @TempDir
    static Path uploads;

    @Autowired
    IngestService ingestService;

    private static String penaltyRow(String name, String uscc, String doc, String authority) {
        return String.join(",", name, "法人及非法人组织", uscc, "", "", "", "", "", "郭华", "身份证", "310104199802115980",
                "", "", doc, "违法建设", "经查，当事人存在违法建设的违法行为，事实清楚，证据确凿", "《城市市容和环境卫生管理条例》第三十六条",
                "罚款", "罚款5000元", "0.5", "", "", "2023-03-01", "2025-03-01", "2026-12-31", authority, "", authority, "",
                "520102", "");
    }

    /** Ingests a CSV of the given rows; the file's id. */
    private long ingest(String name, String... rows) throws Exception {
        Path csv = uploads.resolve(name);
        Files.writeString(csv, PENALTY_HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        FileSummary summary = ingestService.ingest(csv, null);
        assertThat(summary.status()).as(summary.message()).isEqualTo(FileSummary.COMPLETED);
        assertThat(summary.accepted()).as(summary.message()).isEqualTo(rows.length);
        return summary.fileId();
    }

    private long stagedRow(long file, String documentNumber) {
        return jdbc.queryForObject("SELECT id FROM staged_record WHERE file_id = ? AND document_number = ?", Long.class,
                file, documentNumber);
    }

    private static String residentId(String first17) {
        return first17 + org.creditpipeline.normalize.ResidentId.checkChar(first17);
    }

    // ---- staged rows as ingest and exchange write them ----

    record Staged(String subjectKind, String name, String uscc, String orgCode, String idNumber, String doc,
                  String originKey, String status, String authority) {

        Staged withOrgCode(String code) {
            return new Staged(subjectKind, name, uscc, code, idNumber, doc, originKey, status, authority);
        }

        Staged withOrigin(String origin) {
            return new Staged(subjectKind, name, uscc, orgCode, idNumber, doc, origin, status, authority);
        }

        Staged withStatus(String s) {
            return new Staged(subjectKind, name, uscc, orgCode, idNumber, doc, originKey, s, authority);
        }

        Staged withId(String id) {
            return new Staged(subjectKind, name, uscc, orgCode, id, doc, originKey, status, authority);
        }

        Staged withAuthority(String a) {
            return new Staged(subjectKind, name, uscc, orgCode, idNumber, doc, originKey, status, a);
        }
    }

    private static Staged company(String name, String uscc, String doc) {
        return new Staged("ENTERPRISE", name, uscc, null, null, doc, null, "ACTIVE", AUTHORITY);
    }

    private static Staged person(String name, String doc) {
        return new Staged("NATURAL_PERSON", name, null, null, null, doc, null, "ACTIVE", AUTHORITY);
    }

    /** A valid USCC of an enterprise in 淮阴区 whose 组织机构代码 body is the given 8 digits. */
    static String uscc(String body) {
        String first17 = "91320804" + body + OrgCode.checkChar(body);
        return first17 + Uscc.checkChar(first17);
    }

    private long file() {
        long n = FILES.incrementAndGet();
        return jdbc.queryForObject("""
                INSERT INTO ingest_file (source_name, source_path, sha256, size_bytes, format, mapping, status)
                VALUES (?, ?, ?, 0, 'CSV', 'penalty', 'COMPLETED') RETURNING id""", Long.class,
                "scenario-" + n + ".csv", "/scenario-" + n + ".csv", String.format("%064d", n));
    }

    private long stage(long file, Staged r) {
        return stage(file, r, org.creditpipeline.normalize.DocumentNumbers.key(r.doc()));
    }

    /** A staged row with the document key given, as an earlier version of ingest computed it. */
    private long stage(long file, Staged r, String documentNumberKey) {
        return jdbc.queryForObject("""
                INSERT INTO staged_record (file_id, source_row, record_kind, subject_kind, subject_name, uscc, org_code,
                    id_type, id_number, document_number, document_number_key, authority_name, decision_date, fine_amount,
                    origin_key, status)
                VALUES (?, (SELECT count(*) + 2 FROM staged_record WHERE file_id = ?), 'ADMINISTRATIVE_PENALTY', ?, ?,
                        ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""", Long.class, file, file, r.subjectKind(), r.name(), r.uscc(), r.orgCode(),
                r.idNumber() == null ? null : "身份证", r.idNumber(), r.doc(),
                documentNumberKey, r.authority(), DAY, new BigDecimal("0.5"),
                r.originKey(), r.status());
    }

    private long recordOf(long stagedId) {
        return jdbc.queryForObject("SELECT record_id FROM record_source WHERE staged_record_id = ?", Long.class,
                stagedId);
    }

    private String status(long record) {
        return jdbc.queryForObject("SELECT status FROM consolidated_record WHERE id = ?", String.class, record);
    }
}
