package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.creditpipeline.CreditProperties;
import org.creditpipeline.db.NodeLock;
import org.creditpipeline.normalize.DocumentNumbers;
import org.creditpipeline.normalize.ResidentId;
import org.creditpipeline.support.PostgresTestSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Person identifier keys hashed with the node's ID pepper (DOMAIN.md §10, docs/CONSOLIDATION.md, Keys): no key holds
 * an ID number, and matching works as before — the exact stage, the masked-number bridge, the cannot-link rule — also
 * on a node whose keys were written in clear before the upgrade and re-keyed once. The pepper file: created once,
 * owner-only, reused; refused when it is not the one the keys were made with; a configured file that is missing fails
 * consolidate with a message that names it.
 */
@TestPropertySource(properties = "credit.node=id_pepper_ft")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdPepperFunctionalTests extends PostgresTestSupport {

    private static final AtomicLong FILES = new AtomicLong();
    private static final String AUTHORITY = "淮安市淮阴区生态环境局";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 5);

    @TempDir
    static Path elsewhere;

    @Autowired
    ConsolidationService consolidation;

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
    void aNodesPepperIsCreatedOnceReadableByItsOwnerOnlyAndReused() throws Exception {
        Path home = elsewhere.resolve("new-home");
        IdKeys first = new IdKeys(withHome(home, null), jdbc, transaction);
        Path file = first.file();
        assertThat(file).isEqualTo(home.resolve("var/secrets/id-pepper-id_pepper_ft"));
        assertThat(file).doesNotExist();

        IdPepper created = first.pepper();

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        String content = Files.readString(file);
        assertThat(content.strip()).matches("[0-9a-f]{64}");
        assertThat(created.toString()).doesNotContain(content.strip());

        IdPepper again = new IdKeys(withHome(home, null), jdbc, transaction).pepper();

        assertThat(Files.readString(file)).isEqualTo(content);
        assertThat(again.fingerprint()).isEqualTo(created.fingerprint());
        assertThat(again.personKey("110105194912310021")).isEqualTo(created.personKey("110105194912310021"));
    }

    @Test
    @Order(2)
    void aPersonsKeysHoldNoDigitOfTheIdNumber() {
        String id = residentId("52010219800101123");
        String passport = "E12345678";
        long person = stage(file(), "周建华", "身份证", id, "筑南市监罚〔2026〕601号");
        long traveller = stage(file(), "陈思远", "护照", passport, "筑南市监罚〔2026〕602号");

        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        IdPepper pepper = idKeys.pepper();
        assertThat(keysOf(recordOf(person))).singleElement().asString()
                .startsWith("P|" + pepper.personKey(id) + "|筑南市监罚(2026)601号");
        assertThat(pepper.personKey(id)).hasSize(24);
        assertThat(idKeysOf(recordOf(traveller))).containsExactly(pepper.documentKey("护照", passport));
        for (String key : allKeys()) {
            assertThat(key).doesNotContain(id.substring(0, 6)).doesNotContain(id.substring(6, 14))
                    .doesNotContain(id.substring(12)).doesNotContain(passport.substring(1));
        }
        assertThat(subjectKey(recordOf(person))).isEqualTo(pepper.personKey(id));
        assertThat(subjectKey(recordOf(traveller))).isEqualTo(pepper.personKey(passport));
        // the record itself keeps the number: exports need it
        assertThat(jdbc.queryForObject("SELECT id_number FROM consolidated_record WHERE id = ?", String.class,
                recordOf(person))).isEqualTo(id);
        assertThat(jdbc.queryForObject("SELECT fingerprint FROM id_pepper", String.class))
                .isEqualTo(pepper.fingerprint());
        assertThat(idKeys.file()).exists();
    }

    @Test
    @Order(3)
    void theSamePersonFromTwoFilesIsOneRecordByTheExactKeyAlsoALaterNight() {
        String id = residentId("32068219600505725");
        long one = stage(file(), "孙立平", "身份证", id, "筑南市监罚〔2026〕603号");
        long two = stage(file(), "孙立平", "身份证", id, "筑南市监罚〔2026〕603号");
        consolidation.consolidate();
        long later = stage(file(), "孙立平", "身份证", id, "筑南市监罚〔2026〕603号");

        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(two)).isEqualTo(recordOf(one));
        assertThat(recordOf(later)).isEqualTo(recordOf(one));
        assertThat(jdbc.queryForList("SELECT DISTINCT match_stage FROM record_source WHERE staged_record_id IN (?, ?, ?)",
                String.class, one, two, later)).containsExactly("exact");
    }

    @Test
    @Order(4)
    void twoDifferentIdNumbersNeverMerge() {
        long file = file();
        long a = stage(file, "张伟", "身份证", residentId("52010219850101123"), "筑南市监罚〔2026〕604号");
        long b = stage(file, "张伟", "身份证", residentId("52010219850101124"), "筑南市监罚〔2026〕604号");
        long c = stage(file(), "张伟", "护照", "E00000001", "筑南市监罚〔2026〕604号");
        consolidation.consolidate();
        long d = stage(file(), "张伟", "身份证", residentId("52010219850101125"), "筑南市监罚〔2026〕604号");
        consolidation.consolidate();

        assertThat(List.of(recordOf(a), recordOf(b), recordOf(c), recordOf(d))).doesNotHaveDuplicates();
    }

    @Test
    @Order(5)
    void aMaskedNumberIsBridgedToTheFullOneEitherNightFirstButNotToAnotherNumber() {
        String full = residentId("11010519491231002");
        long masked = stage(file(), "王建国", "身份证", "1101051949****" + full.substring(14), "筑南市监罚〔2026〕606号");
        consolidation.consolidate();
        long later = stage(file(), "王建国", "身份证", full, "筑南市监罚〔2026〕606号");
        long homonym = stage(file(), "王建国", "身份证", residentId("11010519850101123"), "筑南市监罚〔2026〕606号");
        consolidation.consolidate();

        assertThat(recordOf(later)).isEqualTo(recordOf(masked));
        assertThat(recordOf(homonym)).isNotEqualTo(recordOf(masked));

        // the other way round: the full number's record exists, the court feed's masked row comes later; the record's
        // number is read from the record, since its key holds a hash
        String other = residentId("41038119780101343");
        long fullFirst = stage(file(), "李秀英", "身份证", other, "筑南市监罚〔2026〕607号");
        consolidation.consolidate();
        long maskedLater = stage(file(), "李秀英", "身份证", "4103811978****" + other.substring(14),
                "筑南市监罚〔2026〕607号");
        long contradicting = stage(file(), "李秀英", "身份证", "4103811978****" + flipped(other.substring(14)),
                "筑南市监罚〔2026〕607号");
        consolidation.consolidate();

        assertThat(recordOf(maskedLater)).isEqualTo(recordOf(fullFirst));
        assertThat(recordOf(contradicting)).isNotEqualTo(recordOf(fullFirst));
    }

    @Test
    @Order(6)
    void aNodeUpgradedFromClearKeysIsReKeyedOnceAndMatchesAsBefore() {
        String id = residentId("52262219700707321");
        String passport = "G98765432";
        long person = stage(file(), "赵德明", "身份证", id, "筑南市监罚〔2026〕610号");
        long traveller = stage(file(), "钱玉兰", "护照", passport, "筑南市监罚〔2026〕611号");
        consolidation.consolidate();
        IdPepper pepper = idKeys.pepper();
        List<String> hashedKeys = allKeys();
        // given: the keys as the version before the pepper wrote them, clear numbers, and no pepper recorded yet
        String personKey = pepper.personKey(id);
        String documentKey = pepper.documentKey("护照", passport);
        writeClear(personKey, "P:" + id);
        writeClear(documentKey, "I:护照:" + passport);
        jdbc.update("UPDATE consolidated_record SET subject_key = 'P:' || id_number WHERE id IN (?, ?)",
                recordOf(person), recordOf(traveller));
        jdbc.update("""
                INSERT INTO record_merge (absorbed_id, survivor_id, reason, source_rows, match_keys, audit_ids,
                                          absorbed, survivor)
                VALUES (999999, ?, 'test', '{}', ?::text[], '{}', '{}', '{}')""", recordOf(person),
                textArray(List.of("P|P:" + id + "|筑南市监罚(2026)610号/生态环境", "P|N:某公司|x")));
        jdbc.update("""
                INSERT INTO consolidation_conflict (run_id, record_kind, document_number_key, authority, record_ids,
                                                    identifiers, kind)
                VALUES (0, 'ADMINISTRATIVE_PENALTY', 'test', 'test', '{1,2}', ?::text[], 'AUTHORITIES')""",
                textArray(List.of("P:" + id)));
        jdbc.update("DELETE FROM id_pepper");
        assertThat(allKeys()).anyMatch(k -> k.contains(id)).anyMatch(k -> k.contains(passport));

        // when: the next consolidate, with a new row of each of them
        long personAgain = stage(file(), "赵德明", "身份证", id, "筑南市监罚〔2026〕610号");
        long travellerAgain = stage(file(), "钱玉兰", "护照", passport, "筑南市监罚〔2026〕611号");
        ConsolidationSummary s = consolidation.consolidate();

        // then: the keys are as a node with the pepper writes them, and the new rows found their records exactly
        assertThat(s.status()).as(s.message()).isEqualTo(ConsolidationSummary.COMPLETED);
        assertThat(s.inserted()).isZero();
        assertThat(recordOf(personAgain)).isEqualTo(recordOf(person));
        assertThat(recordOf(travellerAgain)).isEqualTo(recordOf(traveller));
        assertThat(jdbc.queryForList("SELECT match_stage FROM record_source WHERE staged_record_id IN (?, ?)",
                String.class, personAgain, travellerAgain)).containsOnly("exact");
        assertThat(allKeys()).containsExactlyInAnyOrderElementsOf(hashedKeys);
        assertThat(subjectKey(recordOf(person))).isEqualTo(personKey);
        assertThat(subjectKey(recordOf(traveller))).isEqualTo(pepper.personKey(passport));
        assertThat(texts("SELECT match_keys FROM record_merge WHERE absorbed_id = 999999")).containsExactly("P|" + personKey + "|筑南市监罚(2026)610号/生态环境", "P|N:某公司|x");
        assertThat(texts("SELECT identifiers FROM consolidation_conflict WHERE document_number_key = 'test'"))
                .containsExactly(personKey);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_key WHERE match_key ~ '[0-9]{12}'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT rekeyed_keys FROM id_pepper", Long.class)).isEqualTo(3);

        // and once only: the same clear key written again is left alone, the marker stays
        Object at = jdbc.queryForObject("SELECT rekeyed_at FROM id_pepper", Object.class);
        jdbc.update("UPDATE consolidated_record SET subject_key = 'P:' || id_number WHERE id = ?", recordOf(person));
        idKeys.ensureRekeyed();
        assertThat(jdbc.queryForObject("SELECT rekeyed_at FROM id_pepper", Object.class)).isEqualTo(at);
        assertThat(subjectKey(recordOf(person))).isEqualTo("P:" + id);
        jdbc.update("UPDATE consolidated_record SET subject_key = ? WHERE id = ?", personKey, recordOf(person));
    }

    @Test
    @Order(7)
    void aPepperOtherThanTheOneTheKeysWereMadeWithIsRefused() throws Exception {
        Path lostHome = elsewhere.resolve("lost-home");
        assertThatThrownBy(() -> new IdKeys(withHome(lostHome, null), jdbc, transaction).pepper())
                .hasMessageContaining("id-pepper-id_pepper_ft is missing")
                .hasMessageContaining("restore the file from the node's backup");
        assertThat(lostHome.resolve("var/secrets/id-pepper-id_pepper_ft")).doesNotExist();

        Path foreign = elsewhere.resolve("foreign-pepper");
        Files.writeString(foreign, "ab".repeat(32) + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new IdKeys(withHome(lostHome, foreign), jdbc, transaction).pepper())
                .hasMessageContaining("is not the one this node's keys were made with")
                .hasMessageNotContaining("ab".repeat(32));
    }

    @Test
    @Order(8)
    void aMissingConfiguredPepperFileFailsConsolidateWithAClearMessage() {
        Path missing = elsewhere.resolve("no-such-pepper");
        CreditProperties configured = withHome(properties.home(), missing);
        ConsolidationService withMissingPepper = new ConsolidationService(jobOperator, consolidateJob, jdbc, nodeLock,
                configured, new IdKeys(configured, jdbc, transaction));
        long waiting = stage(file(), "冯志强", "身份证", residentId("52010219910909123"), "筑南市监罚〔2026〕612号");

        ConsolidationSummary s = withMissingPepper.consolidate();

        assertThat(s.status()).isEqualTo(ConsolidationSummary.FAILED);
        assertThat(s.message()).contains("the ID pepper file " + missing + " does not exist")
                .contains("credit.keys.id-pepper-file");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM record_source WHERE staged_record_id = ?", Long.class,
                waiting)).isZero();
        assertThat(consolidation.consolidate().status()).isEqualTo(ConsolidationSummary.COMPLETED);
    }

    @Test
    @Order(9)
    void aRotationReKeysEveryPersonKeyWithANewPepperAndKeepsTheOldOneAside() throws Exception {
        String id = residentId("52262219700707321");
        long person = jdbc.queryForObject("SELECT id FROM consolidated_record WHERE id_number = ?", Long.class, id);
        IdPepper old = idKeys.pepper();
        Path file = idKeys.file();
        String oldContent = Files.readString(file);
        List<String> before = allKeys();
        long personKeys = jdbc.queryForObject(
                "SELECT count(*) FROM record_key WHERE id_key LIKE 'P:%' OR id_key LIKE 'I:%'", Long.class);

        IdKeys.Rotation r = idKeys.rotate();

        IdPepper now = idKeys.pepper();
        assertThat(r.oldFingerprint()).isEqualTo(old.fingerprint());
        assertThat(r.newFingerprint()).isEqualTo(now.fingerprint()).isNotEqualTo(old.fingerprint());
        assertThat(r.recordKeys()).isEqualTo(personKeys);
        assertThat(jdbc.queryForObject("SELECT fingerprint FROM id_pepper", String.class)).isEqualTo(now.fingerprint());
        assertThat(Files.readString(r.retired())).isEqualTo(oldContent);
        assertThat(Files.readString(file)).isNotEqualTo(oldContent);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(file.resolveSibling(file.getFileName() + ".new")).doesNotExist();
        assertThat(idKeysOf(person)).containsExactly(now.personKey(id));
        assertThat(subjectKey(person)).isEqualTo(now.personKey(id));
        List<String> after = allKeys();
        assertThat(after).hasSameSizeAs(before).doesNotContain(old.personKey(id));
        assertThat(after.stream().filter(k -> !k.startsWith("P") && !k.startsWith("I:")))
                .containsExactlyInAnyOrderElementsOf(before.stream()
                        .filter(k -> !k.startsWith("P") && !k.startsWith("I:")).toList());

        long again = stage(file(), "赵德明", "身份证", id, "筑南市监罚〔2026〕610号");
        long masked = stage(file(), "王建国", "身份证", "1101051949****" + residentId("11010519491231002").substring(14),
                "筑南市监罚〔2026〕606号");
        ConsolidationSummary s = consolidation.consolidate();

        assertThat(s.inserted()).isZero();
        assertThat(recordOf(again)).isEqualTo(person);
        assertThat(idKeysOf(recordOf(masked))).contains(now.personKey(residentId("11010519491231002")));
    }

    // ---- helpers ----

    private CreditProperties withHome(Path home, Path pepperFile) {
        CreditProperties p = properties;
        return new CreditProperties(home, p.node(), p.configDir(), p.db(), p.ingest(), p.exchange(), p.housekeeping(),
                new CreditProperties.Keys(pepperFile));
    }

    /** Rewrites the record keys of one hashed identifier into the clear form the version before the pepper wrote. */
    private void writeClear(String hashed, String clear) {
        jdbc.update("""
                UPDATE record_key SET id_key = ?, match_key = replace(match_key, '|' || id_key || '|', '|' || ? || '|')
                 WHERE id_key = ?""", clear, clear, hashed);
    }

    /** A text[] literal of values without quotes or backslashes. */
    private static String textArray(List<String> values) {
        return "{\"" + String.join("\",\"", values) + "\"}";
    }

    private String[] texts(String sql) {
        return jdbc.queryForObject(sql, (rs, i) -> (String[]) rs.getArray(1).getArray());
    }

    private List<String> allKeys() {
        List<String> keys = new ArrayList<>(jdbc.queryForList(
                "SELECT match_key FROM record_key UNION ALL SELECT id_key FROM record_key WHERE id_key IS NOT NULL",
                String.class));
        keys.addAll(jdbc.queryForList("SELECT subject_key FROM consolidated_record", String.class));
        return keys;
    }

    private List<String> keysOf(long record) {
        return jdbc.queryForList("SELECT match_key FROM record_key WHERE record_id = ?", String.class, record);
    }

    private List<String> idKeysOf(long record) {
        return jdbc.queryForList("SELECT id_key FROM record_key WHERE record_id = ?", String.class, record);
    }

    private String subjectKey(long record) {
        return jdbc.queryForObject("SELECT subject_key FROM consolidated_record WHERE id = ?", String.class, record);
    }

    private static String residentId(String first17) {
        return first17 + ResidentId.checkChar(first17);
    }

    /** Another last digit: a masked form whose visible tail contradicts the number. */
    private static String flipped(String tail) {
        char last = tail.charAt(tail.length() - 1);
        return tail.substring(0, tail.length() - 1) + (last == '0' ? '1' : '0');
    }

    private long file() {
        long n = FILES.incrementAndGet();
        return jdbc.queryForObject("""
                INSERT INTO ingest_file (source_name, source_path, sha256, size_bytes, format, mapping, status)
                VALUES (?, ?, ?, 0, 'CSV', 'penalty', 'COMPLETED') RETURNING id""", Long.class,
                "pepper-" + n + ".csv", "/pepper-" + n + ".csv", String.format("%064d", n));
    }

    /** A natural person's penalty as ingest stages it. */
    private long stage(long file, String name, String idType, String idNumber, String doc) {
        return jdbc.queryForObject("""
                INSERT INTO staged_record (file_id, source_row, record_kind, subject_kind, subject_name, id_type,
                    id_number, document_number, document_number_key, authority_name, decision_date, fine_amount, status)
                VALUES (?, (SELECT count(*) + 2 FROM staged_record WHERE file_id = ?), 'ADMINISTRATIVE_PENALTY',
                        'NATURAL_PERSON', ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE')
                RETURNING id""", Long.class, file, file, name, idType, idNumber, doc, DocumentNumbers.key(doc),
                AUTHORITY, DAY, new BigDecimal("0.5"));
    }

    private long recordOf(long stagedId) {
        return jdbc.queryForObject("SELECT record_id FROM record_source WHERE staged_record_id = ?", Long.class,
                stagedId);
    }
}
