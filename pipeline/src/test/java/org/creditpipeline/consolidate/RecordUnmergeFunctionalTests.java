package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.normalize.DocumentNumbers;
import org.creditpipeline.normalize.ResidentId;
import org.creditpipeline.publish.StatusService;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Undoing a wrong merge ({@code record unmerge}, docs/CONSOLIDATION.md "Undoing a merge"): a review pair accepted by
 * mistake and a wrong automatic merge are undone — the absorbed record back under its id with its rows, values, keys
 * and status history, the survivor recomputed, the pair rejected so that later runs (with new rows of each) keep the
 * two apart, change-log and audit entries; a merge of three records with the middle one undone; and the refusals.
 */
@TestPropertySource(properties = "credit.node=consolidate_unmerge")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecordUnmergeFunctionalTests extends PostgresTestSupport {

    private static final AtomicLong FILES = new AtomicLong();
    private static final LocalDate DAY = LocalDate.of(2026, 5, 6);
    private static final String DISCIPLINE = "中共贵阳市南明区纪律检查委员会";

    @Autowired
    ConsolidationService consolidation;

    @Autowired
    ReviewService review;

    @Autowired
    RecordUnmerge unmerge;

    @Autowired
    RecordLookup lookup;

    @Autowired
    StatusService statuses;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @Order(1)
    void aReviewPairAcceptedByMistakeIsUndoneAndStaysApartAtTheNextRun() {
        String id = residentId("52010219880808123");
        // the same person, one decision without 文号 and one with: proposed for review, accepted — wrongly, the 文号
        // is another decision of that day
        long withoutDoc = stage(file(), sanction("钱志刚", id, null).withCategory("记过"));
        long withDoc = stage(file(), sanction("钱志刚", id, "南纪处〔2026〕5号").withCategory("记过").withFine("5000"));
        consolidation.consolidate();
        long older = recordOf(withoutDoc);
        long newer = recordOf(withDoc);
        assertThat(newer).isGreaterThan(older);
        List<String> newerKeys = keys(newer);
        statuses.set(newer, RecordStatus.UNDER_OBJECTION, "当事人提出异议", null, "officer-a");
        long pair = review.list("PENDING", 10).stream().filter(p -> p.left().name().equals("钱志刚")).findFirst()
                .orElseThrow().id();
        assertThat(review.accept(pair)).isEqualTo(older);
        assertThat(recordOf(withDoc)).isEqualTo(older);
        assertThat(field(older, "document_number")).isEqualTo("南纪处〔2026〕5号");
        assertThat(field(older, "status")).as("the latest decision survives the merge").isEqualTo("UNDER_OBJECTION");
        long seq = maxSeq();

        RecordUnmerge.Result r = unmerge.unmerge(newer, "另一个决定：文号不同", "officer-b");

        assertThat(r.recordId()).isEqualTo(newer);
        assertThat(r.survivorId()).isEqualTo(older);
        assertThat(r.restoredRows()).containsExactly(withDoc);
        assertThat(r.laterRows()).isEmpty();
        assertThat(recordOf(withDoc)).isEqualTo(newer);
        assertThat(recordOf(withoutDoc)).isEqualTo(older);
        assertThat(keys(newer)).isEqualTo(newerKeys);
        assertThat(keys(older)).doesNotContainAnyElementsOf(newerKeys).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_redirect WHERE old_id = ?", Long.class, newer))
                .isZero();
        // values recomputed on each side's own rows
        assertThat(field(newer, "document_number")).isEqualTo("南纪处〔2026〕5号");
        assertThat(field(older, "document_number")).isNull();
        assertThat(field(newer, "fine_amount")).isEqualTo("5000.000000");
        assertThat(field(older, "fine_amount")).isNull();
        assertThat(field(older, "source_count")).isEqualTo("1");
        assertThat(field(newer, "field_sources")).isEqualTo("{\"*\": " + withDoc + "}");
        // the status history goes back with the record; the survivor gives back the objection it only had through it
        assertThat(field(newer, "status")).isEqualTo("UNDER_OBJECTION");
        assertThat(jdbc.queryForList("SELECT actor FROM status_audit WHERE record_id = ? ORDER BY id", String.class,
                newer)).containsExactly("officer-a");
        assertThat(field(older, "status")).isEqualTo("ACTIVE");
        assertThat(jdbc.queryForMap("SELECT old_status, new_status, actor FROM status_audit WHERE record_id = ?",
                older)).containsEntry("old_status", "UNDER_OBJECTION").containsEntry("new_status", "ACTIVE")
                .containsEntry("actor", "officer-b");
        // the change log: the restored record as an INSERT, the survivor's new content, in order, for the next push
        assertThat(jdbc.queryForList("SELECT record_id || ' ' || change_type FROM change_log WHERE seq > ? ORDER BY seq",
                String.class, seq)).containsExactly(newer + " INSERT", older + " STATUS");
        assertThat(r.changes()).containsExactly(seq + 1, seq + 2);
        assertThat(jdbc.queryForObject("SELECT reason FROM change_log WHERE seq = ?", String.class, seq + 1))
                .contains("unmerged from record " + older, "officer-b", "另一个决定");
        // the audit of the unmerge itself, and the pair rejected
        assertThat(jdbc.queryForMap("SELECT unmerge_reason, unmerge_actor, unmerge_seq, unmerged_at IS NOT NULL AS done"
                + " FROM record_merge WHERE absorbed_id = ?", newer)).containsEntry("unmerge_reason", "另一个决定：文号不同")
                .containsEntry("unmerge_actor", "officer-b").containsEntry("unmerge_seq", seq + 1)
                .containsEntry("done", true);
        assertThat(jdbc.queryForObject("SELECT status FROM review_pair WHERE id = ?", String.class, r.reviewPairId()))
                .isEqualTo("REJECTED");

        // both decisions uploaded again: each joins its own record, nothing is proposed or merged
        long againWithout = stage(file(), sanction("钱志刚", id, null).withCategory("记过"));
        long againWith = stage(file(), sanction("钱志刚", id, "南纪处〔2026〕5号").withCategory("记过"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.merged()).isZero();
        assertThat(s.reviewPairs()).isZero();
        assertThat(recordOf(againWithout)).isEqualTo(older);
        assertThat(recordOf(againWith)).isEqualTo(newer);
    }

    @Test
    @Order(2)
    void aWrongAutomaticMergeIsUndoneAndNewRowsOfBothInOneRunDoNotMergeThemAgain() {
        String code = uscc("20000001");
        long a = stage(file(), company("淮安华信科技有限公司", code, null, "淮阴环罚〔2021〕2号"));
        long b = stage(file(), company("华信公司淮安经营部", null, null, "淮阴环罚〔2021〕2号"));
        consolidation.consolidate();
        long older = recordOf(a);
        long newer = recordOf(b);
        assertThat(newer).isNotEqualTo(older);
        // a row with the first company's 组织机构代码 and the second's name ties them: merged automatically
        long c = stage(file(), company("华信公司淮安经营部", null, code.substring(8, 17), "淮阴环罚〔2021〕2号"));
        // in the same run the second is uploaded again: it joins through the second's key and is remembered as its row
        long bSame = stage(file(), company("华信公司淮安经营部", null, null, "淮阴环罚〔2021〕2号"));
        assertThat(consolidation.consolidate().merged()).isEqualTo(1);
        assertThat(recordOf(b)).isEqualTo(older);
        // a later night's re-upload of the second joins the merged record through the key the second owned
        long bAgain = stage(file(), company("华信公司淮安经营部", null, null, "淮阴环罚〔2021〕2号"));
        consolidation.consolidate();
        assertThat(recordOf(bAgain)).isEqualTo(older);

        RecordUnmerge.Result r = unmerge.unmerge(newer, "经营部不是该公司的分支机构", "officer");

        assertThat(r.restoredRows()).containsExactly(b, bSame, bAgain);
        assertThat(r.laterRows()).containsExactly(bAgain);
        assertThat(recordOf(a)).isEqualTo(older);
        assertThat(recordOf(c)).as("the row that tied them arrived with the merge: not the absorbed record's beyond"
                + " doubt").isEqualTo(older);
        assertThat(field(newer, "subject_name")).isEqualTo("华信公司淮安经营部");
        assertThat(field(newer, "uscc")).isNull();
        assertThat(field(older, "uscc")).isEqualTo(code);

        // rows of both again in one run: each by its own key, and the fuzzy stage does not join them again
        long a2 = stage(file(), company("华信公司淮安经营部", null, code.substring(8, 17), "淮阴环罚〔2021〕2号"));
        long b2 = stage(file(), company("华信公司淮安经营部", null, null, "淮阴环罚〔2021〕2号"));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(s.merged()).isZero();
        assertThat(s.reviewPairs()).isZero();
        assertThat(recordOf(a2)).isEqualTo(older);
        assertThat(recordOf(b2)).isEqualTo(newer);
    }

    @Test
    @Order(3)
    void ofThreeRecordsMergedOneIntoTheNextTheMiddleOneComesBackWithWhatItHadAbsorbed() {
        long first = stage(file(), company("贵阳甲乙丙商贸有限公司", uscc("30000001"), null, "筑南市监罚〔2026〕11号"));
        long second = stage(file(), company("贵阳甲乙丙商贸有限公司", uscc("30000002"), null, "筑南市监罚〔2026〕12号"));
        long third = stage(file(), company("贵阳甲乙丙商贸有限公司", uscc("30000003"), null, "筑南市监罚〔2026〕13号"));
        consolidation.consolidate();
        long one = recordOf(first);
        long two = recordOf(second);
        long three = recordOf(third);
        // an officer merges the third into the second, then the second (with the third) into the first
        review.accept(pair(two, three));
        review.accept(pair(one, two));
        assertThat(List.of(recordOf(first), recordOf(second), recordOf(third))).containsOnly(one);
        assertThat(jdbc.queryForObject("SELECT new_id FROM record_redirect WHERE old_id = ?", Long.class, three))
                .isEqualTo(one);

        RecordUnmerge.Result r = unmerge.unmerge(two, "三个不同的决定", "officer");

        assertThat(r.restoredRows()).containsExactly(second, third);
        assertThat(r.redirects()).containsExactly(three);
        assertThat(recordOf(first)).isEqualTo(one);
        assertThat(recordOf(second)).isEqualTo(two);
        assertThat(recordOf(third)).isEqualTo(two);
        assertThat(jdbc.queryForObject("SELECT new_id FROM record_redirect WHERE old_id = ?", Long.class, three))
                .isEqualTo(two);
        assertThat(field(one, "source_count")).isEqualTo("1");
        assertThat(field(one, "uscc")).isEqualTo(uscc("30000001"));
        assertThat(field(two, "source_count")).isEqualTo("2");

        // and the third from the second, which it had been merged into first
        unmerge.unmerge(three, "三个不同的决定", "officer");

        assertThat(List.of(recordOf(first), recordOf(second), recordOf(third))).containsExactly(one, two, three);
        assertThat(field(three, "document_number")).isEqualTo("筑南市监罚〔2026〕13号");
        assertThat(field(two, "document_number")).isEqualTo("筑南市监罚〔2026〕12号");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_redirect WHERE old_id IN (?, ?, ?)", Long.class,
                one, two, three)).isZero();
    }

    @Test
    @Order(4)
    void idsThatAreNotMergedAwayAreRefusedWithWhatTheyAre() {
        long first = stage(file(), company("贵阳丁戊商贸有限公司", uscc("40000001"), null, "筑南市监罚〔2026〕21号"));
        long second = stage(file(), company("贵阳丁戊商贸有限公司", uscc("40000002"), null, "筑南市监罚〔2026〕22号"));
        consolidation.consolidate();
        long one = recordOf(first);
        long two = recordOf(second);
        review.accept(pair(one, two));
        long seq = maxSeq();

        assertThatThrownBy(() -> unmerge.unmerge(one, "x", "officer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("record " + one + " is a record of its own, not one merged into another (the ids merged"
                        + " into it: [" + two + "]; 'record unmerge' takes one of those)");
        assertThatThrownBy(() -> unmerge.unmerge(999_999, "x", "officer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no record 999999");
        assertThatThrownBy(() -> unmerge.unmerge(two, " ", "officer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a reason");

        // a merge made before V26 has no history: refused, naming why, and record show says it beforehand
        assertThat(lookup.show(one).mergedFrom()).singleElement()
                .satisfies(m -> assertThat(m.undoable()).as("history kept").isTrue());
        jdbc.update("DELETE FROM record_merge WHERE absorbed_id = ?", two);
        assertThat(lookup.show(one).mergedFrom()).singleElement()
                .satisfies(m -> assertThat(m.undoable()).as("no history").isFalse());
        assertThatThrownBy(() -> unmerge.unmerge(two, "x", "officer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record " + two + " was merged into record " + one)
                .hasMessageContaining("before merges were remembered (V26)")
                .hasMessageContaining("cannot be undone exactly");
        assertThat(maxSeq()).as("nothing written").isEqualTo(seq);
        assertThat(recordOf(second)).isEqualTo(one);
    }

    @Test
    @Order(5)
    void twoRecordsWhoseRowsShareAnExactKeyAreTheSameDecisionAndAreNotUnmerged() {
        String code = uscc("50000001");
        long first = stage(file(), company("贵阳己庚建筑有限公司", code, null, "南应急罚〔2026〕3号")
                .withAuthority("南明区应急局"));
        consolidation.consolidate();
        long one = recordOf(first);
        // keyed before V24, when 应急局 was not known as 应急管理: its key kept the name, and the same decision
        // uploaded with the full name became a second record
        jdbc.update("UPDATE record_key SET match_key = replace(match_key, '/应急管理', '/南明区应急局') WHERE record_id = ?",
                one);
        long second = stage(file(), company("贵阳己庚建筑有限公司", code, null, "南应急罚〔2026〕3号")
                .withAuthority("贵阳市南明区应急管理局"));
        consolidation.consolidate();
        long two = recordOf(second);
        assertThat(two).isNotEqualTo(one);
        review.accept(pair(one, two));
        long seq = maxSeq();

        assertThatThrownBy(() -> unmerge.unmerge(two, "x", "officer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("records " + two + " and " + one + " have source rows with the same exact key")
                .hasMessageContaining("same decision");
        assertThat(maxSeq()).isEqualTo(seq);
        assertThat(recordOf(second)).isEqualTo(one);
    }

    @Test
    @Order(6)
    void anUnfinishedRunIsFinishedFirst() {
        long first = stage(file(), company("贵阳辛壬商贸有限公司", uscc("60000001"), null, "筑南市监罚〔2026〕31号"));
        long second = stage(file(), company("贵阳辛壬商贸有限公司", uscc("60000002"), null, "筑南市监罚〔2026〕32号"));
        consolidation.consolidate();
        review.accept(pair(recordOf(first), recordOf(second)));
        long two = jdbc.queryForObject("SELECT absorbed_id FROM record_merge ORDER BY id DESC LIMIT 1", Long.class);
        stage(file(), company("贵阳癸商贸有限公司", uscc("60000003"), null, "筑南市监罚〔2026〕33号"));
        jdbc.execute("""
                CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$""");
        jdbc.execute("CREATE TRIGGER fail_once BEFORE INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION fail_once()");
        assertThat(consolidation.consolidate().status()).isEqualTo(ConsolidationSummary.FAILED);
        jdbc.execute("DROP TRIGGER fail_once ON change_log");
        jdbc.execute("DROP FUNCTION fail_once()");

        assertThatThrownBy(() -> unmerge.unmerge(two, "x", "officer")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the last consolidation run did not complete")
                .hasMessageContaining("before undoing a merge");

        assertThat(consolidation.consolidate().status()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(unmerge.unmerge(two, "x", "officer").recordId()).isEqualTo(two);
    }

    @Test
    @Order(7)
    void aChildsNewerVersionOfTheAbsorbedRecordComesBackWithItAndItsNewKey() {
        long first = stage(file(), company("贵阳子丑商贸有限公司", uscc("70000001"), null, "筑南市监罚〔2026〕41号")
                .withOrigin("520102:1"));
        long second = stage(file(), company("贵阳子丑商贸有限公司", uscc("70000002"), null, "筑南市监罚〔2026〕42号")
                .withOrigin("520102:2"));
        consolidation.consolidate();
        long one = recordOf(first);
        long two = recordOf(second);
        review.accept(pair(one, two));
        // the child corrects the 文号 of its record 2: a newer version, joined to the merged record by the origin rule
        long corrected = stage(file(), company("贵阳子丑商贸有限公司", uscc("70000002"), null, "筑南市监罚〔2026〕420号")
                .withOrigin("520102:2"));
        consolidation.consolidate();
        assertThat(recordOf(corrected)).isEqualTo(one);

        RecordUnmerge.Result r = unmerge.unmerge(two, "两家公司", "officer");

        assertThat(r.restoredRows()).containsExactly(second, corrected);
        assertThat(r.laterRows()).containsExactly(corrected);
        assertThat(r.keys()).hasSize(2).anySatisfy(k -> assertThat(k).contains("420号"));
        assertThat(field(two, "document_number")).as("the newest version's values").isEqualTo("筑南市监罚〔2026〕420号");
        assertThat(keys(one)).noneSatisfy(k -> assertThat(k).contains("42"));

        // its next version stays with it
        long next = stage(file(), company("贵阳子丑商贸有限公司", uscc("70000002"), null, "筑南市监罚〔2026〕420号")
                .withOrigin("520102:2").withFine("1"));
        assertThat(consolidation.consolidate().merged()).isZero();
        assertThat(recordOf(next)).isEqualTo(two);
        assertThat(recordOf(first)).isEqualTo(one);
    }

    /**
     * A parent's copy of a child's merge (as receive stages it: the absorbed child record's rows take the survivor's
     * origin, the survivor's new version arrives), where the parent's older id holds the child's absorbed record:
     * refused until the child has undone its merge; then the survivor's side gives the child record's origin back.
     */
    @Test
    @Order(8)
    void atAParentTheOriginTheChildsMergeTookIsGivenBackOnWhicheverSideHoldsIt() {
        Row nine = company("贵阳寅卯商贸有限公司", uscc("80000009"), null, "筑南市监罚〔2026〕59号").withOrigin("520102:9");
        Row eight = company("贵阳寅卯商贸有限公司", uscc("80000008"), null, "筑南市监罚〔2026〕58号").withOrigin("520102:8");
        long nineRow = stage(file(), nine);
        consolidation.consolidate();
        long eightRow = stage(file(), eight);
        consolidation.consolidate();
        long older = recordOf(nineRow);
        long newer = recordOf(eightRow);
        // the child merged its record 9 into 8
        jdbc.update("UPDATE staged_record SET origin_key = '520102:8' WHERE origin_key = '520102:9'");
        long merged = stage(file(), eight.withFine("2"));
        assertThat(consolidation.consolidate().merged()).isEqualTo(1);
        assertThat(List.of(recordOf(nineRow), recordOf(eightRow), recordOf(merged))).containsOnly(older);

        assertThatThrownBy(() -> unmerge.unmerge(newer, "x", "officer")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hold rows of one record of node '520102' (520102:8)")
                .hasMessageContaining("undo it there first");

        // the child undoes its merge and pushes: record 9 again, and 8's new version
        long nineAgain = stage(file(), nine.withFine("3"));
        long eightAgain = stage(file(), eight.withFine("4"));
        consolidation.consolidate();
        assertThat(List.of(recordOf(nineAgain), recordOf(eightAgain))).as("one record until the parent undoes it")
                .containsOnly(older);

        RecordUnmerge.Result r = unmerge.unmerge(newer, "县级已拆分", "officer");

        assertThat(r.originsGivenBack()).containsEntry("520102:8", "520102:9");
        assertThat(r.restoredRows()).containsExactly(eightRow, merged, eightAgain);
        assertThat(List.of(recordOf(nineRow), recordOf(nineAgain))).containsOnly(older);
        assertThat(jdbc.queryForList("SELECT DISTINCT origin_key FROM staged_record s JOIN record_source rs"
                + " ON rs.staged_record_id = s.id WHERE rs.record_id = ?", String.class, older)).containsExactly("520102:9");
        assertThat(field(older, "fine_amount")).isEqualTo("3.000000");
        assertThat(field(newer, "fine_amount")).isEqualTo("4.000000");

        // the child's next versions of both: each stays with its record
        long nineNext = stage(file(), nine.withFine("5"));
        long eightNext = stage(file(), eight.withFine("6"));
        assertThat(consolidation.consolidate().merged()).isZero();
        assertThat(recordOf(nineNext)).isEqualTo(older);
        assertThat(recordOf(eightNext)).isEqualTo(newer);
    }

    private long pair(long left, long right) {
        return jdbc.queryForObject("""
                INSERT INTO review_pair (left_record_id, right_record_id, score, reasons) VALUES (?, ?, 0.8, 'test')
                RETURNING id""", Long.class, Math.min(left, right), Math.max(left, right));
    }

    private List<String> keys(long record) {
        return jdbc.queryForList("SELECT match_key FROM record_key WHERE record_id = ? ORDER BY 1", String.class, record);
    }

    private String field(long record, String column) {
        return jdbc.queryForObject("SELECT " + column + "::text FROM consolidated_record WHERE id = ?", String.class,
                record);
    }

    private long maxSeq() {
        return jdbc.queryForObject("SELECT coalesce(max(seq), 0) FROM change_log", Long.class);
    }

    private long recordOf(long stagedId) {
        return jdbc.queryForObject("SELECT record_id FROM record_source WHERE staged_record_id = ?", Long.class,
                stagedId);
    }

    private static String residentId(String first17) {
        return first17 + ResidentId.checkChar(first17);
    }

    static String uscc(String body) {
        return ConsolidationScenariosFunctionalTests.uscc(body);
    }

    record Row(String recordKind, String subjectKind, String name, String uscc, String orgCode, String idNumber,
               String unit, String doc, String authority, String category, String fine, String origin) {

        Row(String recordKind, String subjectKind, String name, String uscc, String orgCode, String idNumber,
            String unit, String doc, String authority, String category, String fine) {
            this(recordKind, subjectKind, name, uscc, orgCode, idNumber, unit, doc, authority, category, fine, null);
        }

        Row withOrigin(String o) {
            return new Row(recordKind, subjectKind, name, uscc, orgCode, idNumber, unit, doc, authority, category, fine,
                    o);
        }

        Row withCategory(String c) {
            return new Row(recordKind, subjectKind, name, uscc, orgCode, idNumber, unit, doc, authority, c, fine, origin);
        }

        Row withFine(String f) {
            return new Row(recordKind, subjectKind, name, uscc, orgCode, idNumber, unit, doc, authority, category, f,
                    origin);
        }

        Row withAuthority(String a) {
            return new Row(recordKind, subjectKind, name, uscc, orgCode, idNumber, unit, doc, a, category, fine, origin);
        }
    }

    /** A county 纪律处分 list's row as ingest stages it. */
    private static Row sanction(String name, String id, String doc) {
        return new Row("DISCIPLINARY_SANCTION", "CIVIL_SERVANT", name, null, null, id, "南明区财政局", doc, DISCIPLINE,
                "党内警告", null);
    }

    private static Row company(String name, String uscc, String orgCode, String doc) {
        return new Row("ADMINISTRATIVE_PENALTY", "ENTERPRISE", name, uscc, orgCode, null, null, doc,
                "淮安市淮阴区生态环境局", null, "0.5");
    }

    private long file() {
        long n = FILES.incrementAndGet();
        return jdbc.queryForObject("""
                INSERT INTO ingest_file (source_name, source_path, sha256, size_bytes, format, mapping, status)
                VALUES (?, ?, ?, 0, 'CSV', 'penalty', 'COMPLETED') RETURNING id""", Long.class,
                "unmerge-" + n + ".csv", "/unmerge-" + n + ".csv", String.format("%064d", n));
    }

    private long stage(long file, Row r) {
        return jdbc.queryForObject("""
                INSERT INTO staged_record (file_id, source_row, record_kind, subject_kind, subject_name, uscc, org_code,
                    id_type, id_number, work_unit, document_number, document_number_key, authority_name, decision_date,
                    category, fine_amount, origin_key, status)
                VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')
                RETURNING id""", Long.class, file, r.recordKind(), r.subjectKind(), r.name(), r.uscc(), r.orgCode(),
                r.idNumber() == null ? null : "身份证", r.idNumber(), r.unit(), r.doc(), DocumentNumbers.key(r.doc()),
                r.authority(), DAY, r.category(), r.fine() == null ? null : new BigDecimal(r.fine()), r.origin());
    }
}
