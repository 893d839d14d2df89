package org.creditpipeline.consolidate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.SubjectKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The matching rules as a table: for each variant kind the generator (and real data) produces, a duplicate of a
 * record lands on the same exact key or is matched by the fuzzy stage; for each must-not-merge rule, the pair is never
 * matched. Rows are built as ingest stages them (identifiers normalized, dates parsed).
 */
class MatchRulesTest {

    enum Outcome { SAME_KEY, MATCH, REVIEW, DISTINCT }

    private static final String USCC = "91350100M000100Y43";
    private static final String OTHER_USCC = "91110000600037341L";
    private static final String ID = "11010519491231002X";
    private static final String AUTHORITY_USCC = "11520102MB17452079";
    private static final String OTHER_AUTHORITY_USCC = "11520102MB17460075";

    static Row company() {
        return new Row(RecordKind.ADMINISTRATIVE_PENALTY, SubjectKind.ENTERPRISE, "淮安华信科技有限公司", USCC, null, null,
                null, "淮阴环罚〔2021〕15号", "淮安市淮阴区生态环境局", LocalDate.of(2021, 3, 5), new BigDecimal("0.5"), null);
    }

    static Row person() {
        return new Row(RecordKind.ADMINISTRATIVE_PENALTY, SubjectKind.NATURAL_PERSON, "张伟", null, null, "身份证",
                "11010519491231002X", "淮阴环罚〔2021〕16号", "淮安市淮阴区生态环境局", LocalDate.of(2021, 3, 5),
                new BigDecimal("0.2"), null);
    }

    static Row civilServant() {
        return new Row(RecordKind.DISCIPLINARY_SANCTION, SubjectKind.CIVIL_SERVANT, "李娜", null, null, null,
                "44011320141005001X", "淮阴纪处〔2022〕7号", "中共淮安市淮阴区纪律检查委员会", LocalDate.of(2022, 6, 1), null,
                "淮安市淮阴区城关镇人民政府");
    }

    /** A county 纪律处分 list's row: no 文号, no ID number, the unit from 工作单位及职务. */
    static Row countyServant() {
        return new Row(RecordKind.DISCIPLINARY_SANCTION, SubjectKind.CIVIL_SERVANT, "张伟", null, null, null, null, null,
                "中共南明区纪律检查委员会", LocalDate.of(2026, 5, 6), null, "南明区财政局", null, "党内警告;记过");
    }

    static Row judgment() {
        return new Row(RecordKind.COURT_JUDGMENT, SubjectKind.GOVERNMENT_BODY, "淮安市淮阴区城关镇人民政府",
                "11320804MB1234567X", null, null, null, "(2021)苏0804行初123号", "淮安市淮阴区人民法院",
                LocalDate.of(2021, 9, 1), null, null);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // Variant kinds: the same real-world record.
                row("exact copy", company(), same(), Outcome.SAME_KEY),
                row("lowercase_x (ingest upper-cases IDs)", person(), same(), Outcome.SAME_KEY),
                row("legal_form 有限公司 → 有限责任公司", company(), name("淮安华信科技有限责任公司"), Outcome.SAME_KEY),
                row("region_prefix 淮安 → 淮安市", company(), name("淮安市华信科技有限公司"), Outcome.SAME_KEY),
                row("traditional characters", company(), name("淮安華信科技有限公司"), Outcome.SAME_KEY),
                row("whitespace in the name", company(), name(" 淮安　华信科技 有限公司 "), Outcome.SAME_KEY),
                row("bracket style of the 文号", company(), doc("淮阴环罚【2021】15号"), Outcome.SAME_KEY),
                row("bracket style, half-width", company(), doc("淮阴环罚[2021]15号"), Outcome.SAME_KEY),
                row("case_serial 字第 and zero padding", judgment(), doc("(2021)苏0804行初字第00123号"),
                        Outcome.SAME_KEY),
                row("fullwidth 案号 digits", judgment(), doc("（２０２１）苏０８０４行初１２３号"), Outcome.SAME_KEY),
                row("date_format (ingest parses every format)", company(), same(), Outcome.SAME_KEY),
                row("missing_id: no USCC, same name and 文号", company(), r -> r.withUscc(null, null),
                        Outcome.MATCH),
                row("missing_id + whitespace + region prefix", company(),
                        r -> r.withUscc(null, null).withName("淮安市 华信科技有限公司"), Outcome.MATCH),
                row("missing_id + traditional + legal form", company(),
                        r -> r.withUscc(null, null).withName("淮安華信科技有限責任公司"), Outcome.MATCH),
                row("missing_id + city dropped from an institution", withName(company(), "淮安市淮阴区人民医院"),
                        r -> r.withUscc(null, null).withName("淮阴区人民医院"), Outcome.MATCH),
                row("old 组织机构代码 instead of the USCC (characters 9–17)", company(),
                        r -> r.withUscc(null, "M000100Y4"), Outcome.MATCH),
                row("masked court-feed ID with the same name", person().withId("1101051949****002X"),
                        same(), Outcome.SAME_KEY),
                row("authority spelled in full / short (贵阳市南明区市场监督管理局 / 南明区市场监管局)",
                        withAuthority(company(), "贵阳市南明区市场监督管理局"), r -> r.withAuthority("南明区市场监管局"),
                        Outcome.SAME_KEY),
                row("authority 南明区市场监督管理局 / 南明区市场监管局", withAuthority(company(), "南明区市场监督管理局"),
                        r -> r.withAuthority("南明区市场监管局"), Outcome.SAME_KEY),
                row("authority USCC on one side only", company().withAuthorityUscc(AUTHORITY_USCC), same(),
                        Outcome.SAME_KEY),
                row("missing_id + authority spelled short, USCC on one side", company().withAuthorityUscc(AUTHORITY_USCC),
                        r -> r.withUscc(null, null).withAuthority("淮阴区生态环境局").withAuthorityUscc(null),
                        Outcome.MATCH),
                row("same decision re-uploaded with a corrected date", company(),
                        r -> r.withDate(LocalDate.of(2021, 3, 6)), Outcome.SAME_KEY),

                row("文号 in full-width round brackets", company(), doc("淮阴环罚（2021）15号"), Outcome.SAME_KEY),
                row("文号 with spaces", company(), doc("淮阴环罚 〔2021〕 15 号"), Outcome.SAME_KEY),
                row("文号 with 第 and a leading zero", company(), doc("淮阴环罚〔2021〕第015号"), Outcome.SAME_KEY),
                row("文号 without its closing 号", company(), doc("淮阴环罚〔2021〕15"), Outcome.SAME_KEY),
                row("文号 without 号, zero-padded", company(), doc("淮阴环罚[2021]0015"), Outcome.SAME_KEY),
                row("文号 with 字 before the year", company(), doc("淮阴环罚字〔2021〕15号"), Outcome.SAME_KEY),
                row("文号 with the document title after it", company(), doc("淮阴环罚〔2021〕15号行政处罚决定书"),
                        Outcome.SAME_KEY),
                row("文号 with 字第, zero padding and 决定书", company(), doc("淮阴环罚字[2021]第0015号决定书"),
                        Outcome.SAME_KEY),
                row("authority 南明区市场监督管理局 / 南明区市监局", withAuthority(company(), "南明区市场监督管理局"),
                        r -> r.withAuthority("贵阳市南明区市监局"), Outcome.SAME_KEY),
                row("authority before the 2018 reform (南明区食品药品监督管理局 / 南明区市场监督管理局)",
                        withAuthority(company(), "南明区食品药品监督管理局"), r -> r.withAuthority("南明区市场监督管理局"),
                        Outcome.SAME_KEY),
                row("案号 in full-width brackets", judgment(), doc("（2021）苏0804行初123号"), Outcome.SAME_KEY),
                row("案号 in 〔〕", judgment(), doc("〔2021〕苏0804行初123号"), Outcome.SAME_KEY),
                row("案号 without its closing 号", judgment(), doc("(2021)苏0804行初123"), Outcome.SAME_KEY),
                row("full-width brackets in the name", withName(company(), "淮安华信科技(淮阴)有限公司"),
                        name("淮安华信科技（淮阴）有限公司"), Outcome.SAME_KEY),
                row("trailing space in the name", company(), name("淮安华信科技有限公司 "), Outcome.SAME_KEY),
                row("masked court-feed ID (2016 form) and the 2019 form", person().withId("11010519491****002X"),
                        r -> r.withId("1101051949****002X"), Outcome.MATCH),
                row("masked court-feed ID and the full ID", person().withId("1101051949****002X"),
                        r -> r.withId("11010519491231002X"), Outcome.MATCH),
                row("no 文号, no ID: the same sanction uploaded again", countyServant(), same(), Outcome.SAME_KEY),
                row("no 文号, no ID: the kinds in another order", countyServant(), r -> r.withCategory("记过;党内警告"),
                        Outcome.SAME_KEY),
                row("no 文号, no ID: the authority spelt another way (中共南明区纪律检查委员会 / 南明区纪委)",
                        countyServant(), r -> r.withAuthority("贵阳市南明区纪委"), Outcome.SAME_KEY),
                row("no 文号, with the ID number: the same sanction again", countyServant().withId("11010519491231002X"),
                        r -> r.withUnit("贵阳市南明区财政局"), Outcome.SAME_KEY),
                // The person bridge (no 文号 on one side at least): name + date + kinds + the same ID or a unit that agrees.
                row("no 文号: the same sanction once with the ID number, once without (the unit agrees)",
                        countyServant().withId(ID), r -> r.withId(null), Outcome.MATCH),
                row("no 文号: the same sanction once without the ID, once with it and the unit with its city",
                        countyServant(), r -> r.withId(ID).withUnit("贵阳市南明区财政局"), Outcome.MATCH),
                row("no 文号, no ID: the unit once with its city (南明区财政局 / 贵阳市南明区财政局)", countyServant(),
                        r -> r.withUnit("贵阳市南明区财政局"), Outcome.MATCH),
                row("no 文号, no ID: the unit once with its province and city", countyServant(),
                        r -> r.withUnit("贵州省贵阳市南明区财政局"), Outcome.MATCH),
                row("no 文号, no ID: the unit with its city / with its province and city",
                        countyServant().withUnit("贵阳市南明区财政局"), r -> r.withUnit("贵州省贵阳市南明区财政局"),
                        Outcome.MATCH),
                row("no 文号, no ID: the unit of a one-character county with its city (沛县财政局 / 徐州市沛县财政局)",
                        countyServant().withUnit("沛县财政局"), r -> r.withUnit("徐州市沛县财政局"), Outcome.MATCH),
                row("the same 文号, no ID: the unit once with its city", countyServant().withDoc("南纪处〔2026〕5号"),
                        r -> r.withUnit("贵阳市南明区财政局"), Outcome.MATCH),
                row("with ID: the same sanction once without its 文号, once with it: an officer decides",
                        countyServant().withId(ID), r -> r.withDoc("南纪处〔2026〕5号"), Outcome.REVIEW),
                row("no ID: the same sanction once without its 文号, once with it: an officer decides", countyServant(),
                        r -> r.withDoc("南纪处〔2026〕5号"), Outcome.REVIEW),
                row("without 文号 and ID / with 文号, ID and the unit with its city: an officer decides", countyServant(),
                        r -> r.withDoc("南纪处〔2026〕5号").withId(ID).withUnit("贵阳市南明区财政局"), Outcome.REVIEW),
                // Must-not-merge rules.
                row("same name, different valid USCC", company(), r -> r.withUscc(OTHER_USCC, null),
                        Outcome.DISTINCT),
                row("org code of another company", company(), r -> r.withUscc(null, "600037341"),
                        Outcome.DISTINCT),
                row("branch (分公司) without USCC vs head office", company(),
                        r -> r.withUscc(null, null).withName("淮安华信科技有限公司淮阴分公司"), Outcome.DISTINCT),
                row("股份有限公司 vs 有限公司", company(),
                        r -> r.withUscc(null, null).withName("淮安华信科技股份有限公司"), Outcome.DISTINCT),
                row("homonym: same person name, different ID number", person(),
                        r -> r.withId("110105194912310048"), Outcome.DISTINCT),
                row("two people on name alone (no ID on either side)", person().withId(null),
                        same(), Outcome.REVIEW),
                row("a person and a company of the same name", company(),
                        r -> new Row(r.kind(), SubjectKind.NATURAL_PERSON, r.name(), null, null, null, null, r.doc(),
                                r.authority(), r.date(), r.amount(), null), Outcome.DISTINCT),
                row("same 文号 from another region's authority, another subject", company(),
                        r -> r.withUscc(null, null).withName("常熟东方贸易有限公司").withAuthority("常熟市生态环境局")
                                .withDate(LocalDate.of(2021, 7, 9)).withAmount(new BigDecimal("3")), Outcome.DISTINCT),
                row("same USCC and 文号 from another authority (市场监管 / 应急管理)",
                        withAuthority(company(), "贵阳市南明区市场监督管理局"),
                        r -> r.withAuthority("贵阳市南明区应急管理局").withDate(LocalDate.of(2021, 7, 1))
                                .withAmount(new BigDecimal("5")), Outcome.DISTINCT),
                row("文号 of another issuer that writes 字 (淮阴环罚 / 淮阴罚字)", company(), doc("淮阴罚字〔2021〕15号"),
                        Outcome.DISTINCT),
                row("same USCC, 文号 from 南明区市监局 and 南明区安监局", withAuthority(company(), "南明区市监局"),
                        r -> r.withAuthority("南明区安监局"), Outcome.DISTINCT),
                row("same USCC, 文号, date and fine from another authority", withAuthority(company(), "南明区税务局"),
                        r -> r.withAuthority("南明区市场监管局"), Outcome.DISTINCT),
                row("no identifier, same name and 文号 from another authority", company().withUscc(null, null),
                        r -> r.withAuthority("淮安市淮阴区应急管理局"), Outcome.DISTINCT),
                row("missing_id, same 文号, authorities with different valid USCCs",
                        company().withAuthorityUscc(AUTHORITY_USCC),
                        r -> r.withUscc(null, null).withAuthorityUscc(OTHER_AUTHORITY_USCC), Outcome.DISTINCT),
                row("字号 differs by one character (华信 / 华兴), all else equal", company().withUscc(null, null),
                        name("淮安华兴科技有限公司"), Outcome.REVIEW),
                row("字号 differs by one character (华光电子 / 华亮电子), all else equal",
                        withName(company().withUscc(null, null), "贵阳华光电子有限公司"), name("贵阳华亮电子有限公司"),
                        Outcome.REVIEW),
                row("字号 reversed (华新 / 新华), all else equal", withName(company().withUscc(null, null), "贵阳华新科技有限公司"),
                        name("贵阳新华科技有限公司"), Outcome.REVIEW),
                row("same subject, same day and amount, another numbered 文号: a second decision", company(),
                        doc("淮阴环罚〔2021〕16号"), Outcome.DISTINCT),
                row("same subject, another penalty on another day with another fine", company(),
                        r -> doc("淮阴环罚〔2021〕16号").apply(r).withDate(LocalDate.of(2021, 8, 1))
                                .withAmount(new BigDecimal("2")), Outcome.DISTINCT),
                row("homonym: masked IDs that disagree", person().withId("1101051949****002X"),
                        r -> r.withId("1101051985****1234"), Outcome.DISTINCT),
                row("homonym: masked ID that disagrees with a full ID", person().withId("1101051985****1234"),
                        r -> r.withId("11010519491231002X"), Outcome.DISTINCT),
                row("amended decision: 文号 之一", company(), doc("淮阴环罚〔2021〕15号之一"), Outcome.DISTINCT),
                row("amended decision: 文号 -1", company(), doc("淮阴环罚〔2021〕15-1号"), Outcome.DISTINCT),
                row("one decision, another party without USCC", company(),
                        r -> r.withUscc(null, null).withName("淮安东方贸易有限公司"), Outcome.DISTINCT),
                row("one 案号, two parties without ID whose names differ in one word: review at most",
                        judgment().withUscc(null, null), r -> r.withName("淮安市淮阴区王营镇人民政府"), Outcome.REVIEW),
                row("股份有限公司 vs 有限公司, no identifiers", company().withUscc(null, null),
                        name("淮安华信科技股份有限公司"), Outcome.DISTINCT),
                row("different record kinds", company(),
                        r -> new Row(RecordKind.COURT_JUDGMENT, r.subjectKind(), r.name(), null, null, null, null,
                                r.doc(), r.authority(), r.date(), r.amount(), null), Outcome.DISTINCT),
                row("no 文号, no ID: two people of one name in two units, same day, kinds and authority",
                        countyServant(), r -> r.withUnit("南明区教育局"), Outcome.DISTINCT),
                row("no 文号, no ID: the same person sanctioned again on another day", countyServant(),
                        r -> r.withDate(LocalDate.of(2026, 9, 1)), Outcome.DISTINCT),
                row("no 文号, no ID: the same person, same day, another kind", countyServant(),
                        r -> r.withCategory("党内严重警告"), Outcome.DISTINCT),
                row("no 文号, no ID: the same person, same day and kinds, another authority (纪委 / 财政局)",
                        countyServant(), r -> r.withAuthority("南明区财政局"), Outcome.DISTINCT),
                row("no 文号 / with ID: a namesake of another unit", countyServant(),
                        r -> r.withId(ID).withUnit("南明区教育局"), Outcome.DISTINCT),
                row("no 文号 / with ID: the same person on another day", countyServant(),
                        r -> r.withId(ID).withDate(LocalDate.of(2026, 9, 1)), Outcome.DISTINCT),
                row("no 文号 / with ID: the same person, same day, another kind", countyServant(),
                        r -> r.withId(ID).withCategory("党内严重警告"), Outcome.DISTINCT),
                row("no 文号 / with ID: the same person, same day and kinds, another authority", countyServant(),
                        r -> r.withId(ID).withAuthority("南明区财政局"), Outcome.DISTINCT),
                row("no 文号 / with ID but no unit: a name alone never bridges", countyServant(),
                        r -> r.withId(ID).withUnit(null), Outcome.DISTINCT),
                row("no 文号, no ID: 南明区财政局 / 云岩区财政局", countyServant(), r -> r.withUnit("云岩区财政局"),
                        Outcome.DISTINCT),
                row("no 文号, no ID: 南明区财政局 / 贵阳市云岩区财政局", countyServant(), r -> r.withUnit("贵阳市云岩区财政局"),
                        Outcome.DISTINCT),
                row("no 文号, no ID: a unit without a place (财政局) is every county's: review at most", countyServant(),
                        r -> r.withUnit("财政局"), Outcome.REVIEW),
                row("no 文号, no ID: 城市管理局 names no place (城市 is a word): review at most",
                        countyServant().withUnit("城市管理局"), r -> r.withUnit("南明区城市管理局"), Outcome.REVIEW),
                row("no 文号, no ID: a unit with something else in front (南明区财政局 / 南明区财政局国库科)",
                        countyServant(), r -> r.withUnit("南明区财政局国库科"), Outcome.DISTINCT),
                row("once without 文号: a 党纪 and a 政务 decision of one day (党内警告 / 警告)",
                        countyServant().withId(ID).withCategory("党内警告"),
                        r -> r.withDoc("南监处〔2026〕5号").withCategory("警告").withAuthority("南明区监察委员会"),
                        Outcome.DISTINCT),
                row("once without 文号: the same person's decision of another day", countyServant().withId(ID),
                        r -> r.withDoc("南纪处〔2026〕5号").withDate(LocalDate.of(2026, 5, 7)), Outcome.DISTINCT),
                row("once without 文号: the same person, another authority", countyServant().withId(ID),
                        r -> r.withDoc("南财处〔2026〕5号").withAuthority("南明区财政局"), Outcome.DISTINCT),
                row("once without 文号: another person of the same name by ID", countyServant().withId(ID),
                        r -> r.withDoc("南纪处〔2026〕5号").withId("110105194912310048"), Outcome.DISTINCT),
                row("once without 文号: a namesake of another unit", countyServant(),
                        r -> r.withDoc("南纪处〔2026〕5号").withUnit("南明区教育局"), Outcome.DISTINCT),
                row("once without 文号, the other's kinds unknown", countyServant(),
                        r -> r.withDoc("南纪处〔2026〕5号").withCategory(null), Outcome.DISTINCT),
                row("no 文号: name alone, no unit and no ID on either side", countyServant().withUnit(null), same(),
                        Outcome.DISTINCT),
                row("no ID: one 文号 naming two people of one name in two units, review at most",
                        countyServant().withDoc("南纪处〔2026〕5号"), r -> r.withUnit("南明区教育局"), Outcome.REVIEW),
                row("civil servant: same ID and 文号", civilServant(), same(), Outcome.SAME_KEY),
                row("civil servant: another ID, same name and unit", civilServant(),
                        r -> r.withId("440113201410050028"), Outcome.DISTINCT));
    }

    /** A fixed pepper: the rules do not depend on its value. */
    static final IdPepper PEPPER = IdPepper.of("match-rules-test-pepper-of-32-bytes".getBytes(StandardCharsets.UTF_8));

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void duplicatesMatchAndLookAlikesStayApart(String variant, Row original, UnaryOperator<Row> change,
                                               Outcome expected) {
        Row duplicate = change.apply(original);
        MatchProfile a = MatchProfile.of(original.toRow(), PEPPER);
        MatchProfile b = MatchProfile.of(duplicate.toRow(), PEPPER);

        assertThat(outcome(a, b)).as(variant + ": " + a + " / " + b).isEqualTo(expected);
    }

    private static Outcome outcome(MatchProfile a, MatchProfile b) {
        if (a.groupKey(1).equals(b.groupKey(2))) {
            return Outcome.SAME_KEY;
        }
        if (!compared(a, b)) {
            return Outcome.DISTINCT;
        }
        return switch (PairScorer.defaults().score(a, b).verdict()) {
            case MATCH -> Outcome.MATCH;
            case REVIEW -> Outcome.REVIEW;
            case DISTINCT -> Outcome.DISTINCT;
        };
    }

    /**
     * Whether the fuzzy stage ever scores the pair (MatchStep's blocking): a group without a full identifier against
     * the same document key, or an organisation against the same name and date (a USCC finds the 组织机构代码 it holds
     * the same way, by the 文号). People without 文号 are never compared: name, unit and decision are their exact key.
     */
    private static boolean compared(MatchProfile a, MatchProfile b) {
        if (a.recordKind() != b.recordKind()) {
            return false;
        }
        if (bridged(a, b)) {
            return true;
        }
        if (!a.residual() && !b.residual()) {
            return false; // two full identifiers: their exact keys decide
        }
        boolean sameDoc = a.docKey() != null && a.docKey().equals(b.docKey());
        boolean sameNameAndDate = a.nameKey() != null && a.nameKey().equals(b.nameKey())
                && java.util.Objects.equals(a.decisionDate(), b.decisionDate());
        return sameDoc || !(a.residual() ? a : b).person() && sameNameAndDate;
    }

    /**
     * The person bridge's block: people of one name, decision date and categories, one side at least without 文号, with
     * the same ID or (no IDs that differ) units of which one, without 省 and 市, ends with the other.
     */
    private static boolean bridged(MatchProfile a, MatchProfile b) {
        if (!a.person() || !b.person() || a.docKey() != null && b.docKey() != null || a.nameKey() == null
                || !a.nameKey().equals(b.nameKey()) || a.decisionDate() == null
                || !a.decisionDate().equals(b.decisionDate()) || a.category() == null
                || !a.category().equals(b.category())) {
            return false;
        }
        if (a.idKey() != null && a.idKey().equals(b.idKey())) {
            return true;
        }
        if (a.idKey() != null && b.idKey() != null || a.unitKey() == null || b.unitKey() == null) {
            return false;
        }
        String x = a.unitKey().replace("省", "").replace("市", "");
        String y = b.unitKey().replace("省", "").replace("市", "");
        return x.endsWith(y) || y.endsWith(x);
    }

    private static Arguments row(String variant, Row original, UnaryOperator<Row> change, Outcome expected) {
        return arguments(variant, original, change, expected);
    }

    private static UnaryOperator<Row> same() {
        return r -> r;
    }

    private static UnaryOperator<Row> name(String name) {
        return r -> r.withName(name);
    }

    private static UnaryOperator<Row> doc(String doc) {
        return r -> r.withDoc(doc);
    }

    private static Row withName(Row r, String name) {
        return r.withName(name);
    }

    private static Row withAuthority(Row r, String authority) {
        return r.withAuthority(authority);
    }

    /** A staged row as the test table writes it; the document key is computed from the raw number, as ingest does. */
    record Row(RecordKind kind, SubjectKind subjectKind, String name, String uscc, String orgCode, String idType,
               String idNumber, String doc, String authority, LocalDate date, BigDecimal amount, String unit,
               String authorityUscc, String category) {

        Row(RecordKind kind, SubjectKind subjectKind, String name, String uscc, String orgCode, String idType,
            String idNumber, String doc, String authority, LocalDate date, BigDecimal amount, String unit) {
            this(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, authority, date, amount, unit, null, null);
        }

        Row withAuthorityUscc(String u) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, authority, date, amount, unit,
                    u, category);
        }

        Row withName(String n) {
            return new Row(kind, subjectKind, n, uscc, orgCode, idType, idNumber, doc, authority, date, amount, unit,
                    authorityUscc, category);
        }

        Row withUscc(String u, String org) {
            return new Row(kind, subjectKind, name, u, org, idType, idNumber, doc, authority, date, amount, unit,
                    authorityUscc, category);
        }

        Row withId(String id) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, id, doc, authority, date, amount, unit,
                    authorityUscc, category);
        }

        Row withAuthority(String a) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, a, date, amount, unit,
                    authorityUscc, category);
        }

        Row withDate(LocalDate d) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, authority, d, amount, unit,
                    authorityUscc, category);
        }

        Row withAmount(BigDecimal a) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, authority, date, a, unit,
                    authorityUscc, category);
        }

        Row withDoc(String d) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, d, authority, date, amount, unit,
                    authorityUscc, category);
        }

        Row withUnit(String u) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, authority, date, amount, u,
                    authorityUscc, category);
        }

        Row withCategory(String c) {
            return new Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, authority, date, amount, unit,
                    authorityUscc, c);
        }

        MatchProfile.Row toRow() {
            return new MatchProfile.Row(kind, subjectKind, name, uscc, orgCode, idType, idNumber, doc, null, authority,
                    authorityUscc, date, amount, unit, category);
        }
    }
}
