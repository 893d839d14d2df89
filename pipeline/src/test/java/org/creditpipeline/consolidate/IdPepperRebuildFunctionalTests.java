package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.normalize.DocumentNumbers;
import org.creditpipeline.normalize.ResidentId;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code keys rebuild-id-pepper --pepper-lost} (docs/OPERATIONS.md, The ID pepper): a node whose pepper file is lost
 * with no copy gets a new pepper and every person key — record keys of 身份证 and other documents, merge history,
 * the contradiction list, subject keys — rebuilt from the ID numbers of the records and staged rows, so that the keys
 * are those a node with the new pepper makes, re-uploads join their records and an unmerge still restores its keys;
 * a key that leads to no number or to two refuses the rebuild with nothing changed; a rebuild that died after its
 * commit is finished by the next command.
 */
@TestPropertySource(properties = "credit.node=id_pepper_rebuild_ft")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdPepperRebuildFunctionalTests extends PostgresTestSupport {

    private static final AtomicLong FILES = new AtomicLong();
    private static final LocalDate DAY = LocalDate.of(2026, 6, 7);
    private static final String ENVIRONMENT = "淮安市淮阴区生态环境局";
    private static final String DISCIPLINE = "中共贵阳市南明区纪律检查委员会";

    private static final String ID_A = residentId("52010219800101123");
    private static final String ID_B = residentId("52010219880808123");
    private static final String ID_C = residentId("32068219600505725");
    private static final String ID_D = residentId("11010519491231002");
    private static final String PASSPORT = "E12345678";

    /** State kept between the ordered steps. */
    private static final Map<String, Long> STAGED = new HashMap<>();
    private static IdPepper lost;
    private static List<String> keysBefore;
    private static List<String> absorbedKeysBefore;
    private static long absorbed;
    private static long survivor;

    @Autowired
    ConsolidationService consolidation;

    @Autowired
    ReviewService review;

    @Autowired
    RecordUnmerge unmerge;

    @Autowired
    IdKeys idKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    CreditProperties properties;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    Job consolidateJob;

    @Autowired
    NodeLock nodeLock;

    @Test
    @Order(1)
    void aNodeWithPersonsOfTwoDocumentsAMergeAndAContradictionIsNotRebuiltWhileItsPepperIsInPlace() throws Exception {
        Files.deleteIfExists(next(idKeys.file()));
        STAGED.put("a", stage(penalty("周建华", "身份证", ID_A, "筑南市监罚〔2026〕601号", ENVIRONMENT)));
        STAGED.put("a2", stage(penalty("周建华", "身份证", ID_A, "筑南市监罚〔2026〕602号", ENVIRONMENT)));
        STAGED.put("passport", stage(penalty("陈思远", "护照", PASSPORT, "筑南市监罚〔2026〕603号", ENVIRONMENT)));
        // the same decision of one person from two authorities of different functions: kept apart, a contradiction
        STAGED.put("c1", stage(penalty("孙立平", "身份证", ID_C, "筑南市监罚〔2026〕604号", "筑南市市场监督管理局")));
        STAGED.put("c2", stage(penalty("孙立平", "身份证", ID_C, "筑南市监罚〔2026〕604号", "筑南市应急管理局")));
        // a masked number: its key is the published form, no hash
        STAGED.put("masked", stage(penalty("王建国", "身份证", "1101051949****" + ID_D.substring(14),
                "筑南市监罚〔2026〕605号", ENVIRONMENT)));
        // one person, a decision without 文号 and one with: a review pair, accepted — a merge with history
        STAGED.put("withoutDoc", stage(sanction("钱志刚", ID_B, null)));
        STAGED.put("withDoc", stage(sanction("钱志刚", ID_B, "南纪处〔2026〕5号").withFine("5000")));
        ConsolidationSummary s = consolidation.consolidate();
        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        survivor = recordOf("withoutDoc");
        absorbed = recordOf("withDoc");
        absorbedKeysBefore = keysOf(absorbed);
        long pair = review.list("PENDING", 10).stream().filter(p -> p.left().name().equals("钱志刚")).findFirst()
                .orElseThrow().id();
        assertThat(review.accept(pair)).isEqualTo(survivor);

        lost = idKeys.pepper();
        keysBefore = storedKeys();
        // given: every kind of stored person key is there, hashed with the pepper that is about to be lost
        assertThat(keysBefore).contains(lost.personKey(ID_A), lost.documentKey("护照", PASSPORT),
                lost.personKey(PASSPORT), "conflict " + lost.personKey(ID_C));
        assertThat(keysBefore).anyMatch(k -> k.startsWith("merge ") && k.contains("|" + lost.personKey(ID_B) + "|"));
        assertThat(keysBefore).anyMatch(k -> k.contains("P:1101051949****"));

        assertThatThrownBy(() -> idKeys.rebuild()).hasMessageContaining("the ID pepper is not lost")
                .hasMessageContaining("rotate-id-pepper");
        assertThat(storedKeys()).isEqualTo(keysBefore);
        assertThat(next(idKeys.file())).doesNotExist();
    }

    @Test
    @Order(2)
    void withThePepperFileGoneConsolidateRefusesAndNamesTheRebuildAsTheLastResort() throws Exception {
        Files.delete(idKeys.file());
        IdKeys fresh = new IdKeys(properties, jdbc, transaction);
        ConsolidationService withoutPepper = new ConsolidationService(jobOperator, consolidateJob, jdbc, nodeLock,
                properties, fresh);
        long waiting = stage(penalty("周建华", "身份证", ID_A, "筑南市监罚〔2026〕601号", ENVIRONMENT));

        ConsolidationSummary s = withoutPepper.consolidate();

        assertThat(s.status()).isEqualTo(ConsolidationSummary.FAILED);
        assertThat(s.message()).contains("is missing, but this node's keys were made with a pepper (fingerprint "
                + lost.fingerprint() + ")").contains("restore the file from the node's backup")
                .contains("credit-pipeline keys rebuild-id-pepper --pepper-lost");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_source WHERE staged_record_id = ?", Long.class,
                waiting)).isZero();
        STAGED.put("waiting", waiting);

        Path foreign = Files.writeString(idKeys.file().toAbsolutePath().resolveSibling("foreign-pepper"), "cd".repeat(32) + "\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new IdKeys(withPepperFile(foreign), jdbc, transaction).pepper())
                .hasMessageContaining("is not the one this node's keys were made with")
                .hasMessageContaining("keys rebuild-id-pepper --pepper-lost");
        Files.delete(foreign);
    }

    @Test
    @Order(3)
    void aKeyThatLeadsToNoNumberOrToTwoRefusesTheRebuildWithNothingChanged() {
        // a key of a record that no longer exists: no number to be found for it
        long missingRecord = 999_999;
        String orphan = "P:" + "A".repeat(22);
        jdbc.update("""
                INSERT INTO record_key (match_key, record_id, record_kind, person, id_key)
                VALUES (?, ?, 'ADMINISTRATIVE_PENALTY', true, ?)""", "A|" + orphan + "|x", missingRecord, orphan);
        List<String> keys = storedKeys();
        Path file = idKeys.file();

        assertThatThrownBy(() -> idKeys.rebuild())
                .hasMessageContaining("1 has no full ID number in the records and staged rows it belongs to (e.g. a"
                        + " record key of record " + missingRecord + ")")
                .hasMessageNotContaining("two or more different")
                .hasMessageContaining("nothing changed, the recorded fingerprint stays " + lost.fingerprint())
                .satisfies(e -> assertNoNumberIn(e.getMessage()));
        assertUnchanged(keys, file);

        jdbc.update("DELETE FROM record_key WHERE id_key = ?", orphan);
        // a contradiction that names the records of two people under one person's key: two numbers for one key
        long conflict = jdbc.queryForObject("""
                INSERT INTO consolidation_conflict (run_id, record_kind, document_number_key, authority, record_ids,
                                                    identifiers, kind)
                VALUES (0, 'ADMINISTRATIVE_PENALTY', 'test', 'test', ARRAY[?, ?]::bigint[], ARRAY[?], 'AUTHORITIES')
                RETURNING id""", Long.class, recordOf("a"), recordOf("c1"), lost.personKey(ID_A));
        keys = storedKeys();

        assertThatThrownBy(() -> idKeys.rebuild())
                .hasMessageContaining("1 has two or more different ones there (e.g. a record key of record ")
                .hasMessageNotContaining("no full ID number")
                .satisfies(e -> assertNoNumberIn(e.getMessage()));
        assertUnchanged(keys, file);
        jdbc.update("DELETE FROM consolidation_conflict WHERE id = ?", conflict);
    }

    @Test
    @Order(4)
    void theRebuildMakesTheKeysANodeWithTheNewPepperMakesAndReUploadsJoinTheirRecords() throws Exception {
        Path file = idKeys.file();

        IdKeys.Rebuild r = idKeys.rebuild();

        IdPepper now = IdPepper.read(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(next(file)).doesNotExist();
        assertThat(r.lostFingerprint()).isEqualTo(lost.fingerprint());
        assertThat(r.newFingerprint()).isEqualTo(now.fingerprint()).isNotEqualTo(lost.fingerprint());
        assertThat(r.setAside()).isNull();
        assertThat(jdbc.queryForObject("SELECT fingerprint FROM id_pepper", String.class)).isEqualTo(now.fingerprint());
        assertThat(r.recordKeys()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM record_key WHERE id_key LIKE 'P:%' OR id_key LIKE 'I:%'", Long.class));
        // the keys a node with the new pepper computes for the same numbers, and nothing of the lost pepper left
        assertThat(storedKeys()).containsExactlyInAnyOrderElementsOf(translated(keysBefore, lost, now));
        assertThat(String.join(" ", storedKeys())).doesNotContain(lost.personKey(ID_A).substring(2))
                .doesNotContain(lost.personKey(ID_B).substring(2)).doesNotContain(lost.personKey(PASSPORT).substring(2));
        assertThat(r.keys()).isEqualTo(5); // ID_A, ID_B, ID_C, the passport's I: key and its P: subject key

        // the row refused while the pepper was lost, and re-uploads: each joins its record by the exact key
        long again = stage(penalty("周建华", "身份证", ID_A, "筑南市监罚〔2026〕602号", ENVIRONMENT));
        long passportAgain = stage(penalty("陈思远", "护照", PASSPORT, "筑南市监罚〔2026〕603号", ENVIRONMENT));
        long mergedAgain = stage(sanction("钱志刚", ID_B, "南纪处〔2026〕5号"));
        long fullNumber = stage(penalty("王建国", "身份证", ID_D, "筑南市监罚〔2026〕605号", ENVIRONMENT));
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(s.inserted()).isZero();
        assertThat(recordOf(STAGED.get("waiting"))).isEqualTo(recordOf("a"));
        assertThat(recordOf(again)).isEqualTo(recordOf("a2"));
        assertThat(recordOf(passportAgain)).isEqualTo(recordOf("passport"));
        assertThat(recordOf(mergedAgain)).isEqualTo(survivor);
        assertThat(jdbc.queryForList("SELECT DISTINCT match_stage FROM record_source WHERE staged_record_id IN (?, ?, ?)",
                String.class, again, passportAgain, mergedAgain)).containsExactly("exact");
        // the masked number's record is bridged to the full number as before
        assertThat(recordOf(fullNumber)).isEqualTo(recordOf("masked"));
    }

    @Test
    @Order(5)
    void theMergeMadeBeforeTheRebuildIsUndoneWithTheRebuiltKeys() throws Exception {
        IdPepper now = IdPepper.read(idKeys.file());

        RecordUnmerge.Result r = unmerge.unmerge(absorbed, "另一个决定：文号不同", "officer");

        assertThat(r.recordId()).isEqualTo(absorbed);
        assertThat(recordOf("withDoc")).isEqualTo(absorbed);
        assertThat(keysOf(absorbed)).containsExactlyInAnyOrderElementsOf(translated(absorbedKeysBefore, lost, now));
        assertThat(keysOf(absorbed)).singleElement().asString().contains(now.personKey(ID_B));
    }

    @Test
    @Order(6)
    void aRebuildKilledAfterItsCommitIsFinishedByTheNextCommand() throws Exception {
        Path file = idKeys.file();
        Path next = next(file);
        String content = Files.readString(file);
        String fingerprint = IdPepper.read(file).fingerprint();
        // as a rebuild leaves it killed between its commit and the move: the fingerprint recorded, the file only .new
        Files.move(file, next);

        IdPepper picked = new IdKeys(properties, jdbc, transaction).pepper();

        assertThat(picked.fingerprint()).isEqualTo(fingerprint);
        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(next).doesNotExist();
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(file.getFileName() + ".retired-"));
        }

        // the same with another file in its place (a foreign pepper the rebuild was setting aside)
        Files.move(file, next);
        Files.writeString(file, "ef".repeat(32) + "\n", StandardCharsets.UTF_8);

        assertThat(new IdKeys(properties, jdbc, transaction).pepper().fingerprint()).isEqualTo(fingerprint);
        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(next).doesNotExist();
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            Path retired = siblings.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + ".retired-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(retired)).isEqualTo("ef".repeat(32) + "\n");
            Files.delete(retired);
        }
    }

    // ---- helpers ----

    private void assertUnchanged(List<String> keys, Path file) {
        assertThat(storedKeys()).isEqualTo(keys);
        assertThat(jdbc.queryForObject("SELECT fingerprint FROM id_pepper", String.class)).isEqualTo(lost.fingerprint());
        assertThat(file).doesNotExist();
        assertThat(next(file)).doesNotExist();
    }

    private static void assertNoNumberIn(String message) {
        for (String number : List.of(ID_A, ID_B, ID_C, ID_D, PASSPORT)) {
            assertThat(message).doesNotContain(number).doesNotContain(number.substring(0, 8));
        }
    }

    /**
     * Every stored key that may hold a person's identifier, in a stable order: record keys (match and identifier
     * key), merge history, contradiction list, subject keys, each marked with where it is.
     */
    private List<String> storedKeys() {
        List<String> keys = new ArrayList<>();
        keys.addAll(jdbc.queryForList("SELECT match_key FROM record_key ORDER BY record_id, match_key", String.class));
        keys.addAll(jdbc.queryForList("SELECT id_key FROM record_key WHERE id_key IS NOT NULL ORDER BY record_id,"
                + " match_key", String.class));
        keys.addAll(jdbc.queryForList("SELECT 'merge ' || k FROM record_merge, unnest(match_keys) k ORDER BY id, k",
                String.class));
        keys.addAll(jdbc.queryForList("SELECT 'conflict ' || i FROM consolidation_conflict, unnest(identifiers) i"
                + " ORDER BY id, i", String.class));
        keys.addAll(jdbc.queryForList("SELECT subject_key FROM consolidated_record ORDER BY id", String.class));
        return keys;
    }

    /** Keys as a node with {@code to} makes them for the test's numbers, from keys made with {@code from}. */
    private static List<String> translated(List<String> keys, IdPepper from, IdPepper to) {
        Map<String, String> map = new HashMap<>();
        for (String number : List.of(ID_A, ID_B, ID_C, ID_D, PASSPORT)) {
            map.put(from.personKey(number), to.personKey(number));
        }
        map.put(from.documentKey("护照", PASSPORT), to.documentKey("护照", PASSPORT));
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            String k = key;
            for (Map.Entry<String, String> e : map.entrySet()) {
                k = k.replace(e.getKey(), e.getValue());
            }
            out.add(k);
        }
        return out;
    }

    private List<String> keysOf(long record) {
        return jdbc.queryForList("SELECT match_key FROM record_key WHERE record_id = ? ORDER BY 1", String.class, record);
    }

    private CreditProperties withPepperFile(Path pepperFile) {
        CreditProperties p = properties;
        return new CreditProperties(p.home(), p.node(), p.configDir(), p.db(), p.ingest(), p.exchange(),
                p.housekeeping(), new CreditProperties.Keys(pepperFile));
    }

    private static Path next(Path file) {
        return file.resolveSibling(file.getFileName() + ".new");
    }

    private static String residentId(String first17) {
        return first17 + ResidentId.checkChar(first17);
    }

    record Row(String recordKind, String subjectKind, String name, String idType, String idNumber, String unit,
               String doc, String authority, String category, String fine) {

        Row withFine(String f) {
            return new Row(recordKind, subjectKind, name, idType, idNumber, unit, doc, authority, category, f);
        }
    }

    private static Row penalty(String name, String idType, String id, String doc, String authority) {
        return new Row("ADMINISTRATIVE_PENALTY", "NATURAL_PERSON", name, idType, id, null, doc, authority, null, "0.5");
    }

    /** A county 纪律处分 list's row as ingest stages it. */
    private static Row sanction(String name, String id, String doc) {
        return new Row("DISCIPLINARY_SANCTION", "CIVIL_SERVANT", name, "身份证", id, "南明区财政局", doc, DISCIPLINE,
                "记过", null);
    }

    private long stage(Row r) {
        long n = FILES.incrementAndGet();
        long file = jdbc.queryForObject("""
                INSERT INTO ingest_file (source_name, source_path, sha256, size_bytes, format, mapping, status)
                VALUES (?, ?, ?, 0, 'CSV', 'penalty', 'COMPLETED') RETURNING id""", Long.class,
                "rebuild-" + n + ".csv", "/rebuild-" + n + ".csv", String.format("%064d", n));
        return jdbc.queryForObject("""
                INSERT INTO staged_record (file_id, source_row, record_kind, subject_kind, subject_name, id_type,
                    id_number, work_unit, document_number, document_number_key, authority_name, decision_date,
                    category, fine_amount, status)
                VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')
                RETURNING id""", Long.class, file, r.recordKind(), r.subjectKind(), r.name(),
                r.idNumber() == null ? null : r.idType(), r.idNumber(), r.unit(), r.doc(), DocumentNumbers.key(r.doc()),
                r.authority(), DAY, r.category(), r.fine() == null ? null : new BigDecimal(r.fine()));
    }

    private long recordOf(String staged) {
        return recordOf(STAGED.get(staged));
    }

    private long recordOf(long stagedId) {
        return jdbc.queryForObject("SELECT record_id FROM record_source WHERE staged_record_id = ?", Long.class,
                stagedId);
    }
}
