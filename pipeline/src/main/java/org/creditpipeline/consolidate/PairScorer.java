package org.creditpipeline.consolidate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Scores a candidate pair found by blocking (DOMAIN.md §10). Hard rules first — different record kinds, a person and
 * an organisation, valid identifiers that disagree, masked identifiers whose visible characters disagree, a branch
 * against its head office, different legal forms,
 * authorities that clearly differ and two different numbered 文号 never match — then a weighted score over name, document key, authority, date and amount. Two people without a shared
 * identifier never reach a match on name alone: at best they go to review. Where a person's decision has no 文号, the
 * decision itself (date, sorted categories, authority function) takes the document key's place; one without 文号
 * against one with a 文号 is the same decision only for a reviewer, and only when person and decision agree.
 */
public final class PairScorer {

    /** The outcome for one pair. */
    public enum Verdict { MATCH, REVIEW, DISTINCT }

    /**
     * @param verdict what to do with the pair
     * @param score   in [0, 1]
     * @param reasons short English reasons, for the review queue and tests
     */
    public record Decision(Verdict verdict, double score, String reasons) {
    }

    private static final Pattern NUMBERED = Pattern.compile("\\((?:19|20)\\d\\d\\).*\\d+号");

    private final double matchThreshold;
    private final double reviewThreshold;

    public PairScorer(double matchThreshold, double reviewThreshold) {
        this.matchThreshold = matchThreshold;
        this.reviewThreshold = reviewThreshold;
    }

    public static PairScorer defaults() {
        return new PairScorer(0.90, 0.70);
    }

    public Decision score(MatchProfile a, MatchProfile b) {
        if (a.recordKind() != b.recordKind()) {
            return distinct("different record kinds");
        }
        if (a.person() != b.person()) {
            return distinct("a person and an organisation");
        }
        Boolean sameId = MatchProfile.sameIdentifier(a.idKey(), b.idKey());
        if (Boolean.FALSE.equals(sameId)) {
            return distinct("valid identifiers disagree");
        }
        Boolean sameMasked = MatchProfile.maskedAgreement(a, b);
        if (Boolean.FALSE.equals(sameMasked)) {
            // 1101051949****002X and 1101051985****1234: two people (or companies) of one name.
            return distinct("masked identifiers disagree");
        }
        if (SubjectNames.isBranch(a.nameKey()) != SubjectNames.isBranch(b.nameKey())) {
            return distinct("a branch and its head office");
        }
        String formA = SubjectNames.legalForm(a.nameKey());
        String formB = SubjectNames.legalForm(b.nameKey());
        if (!formA.isEmpty() && !formB.isEmpty() && !formA.equals(formB)) {
            return distinct("different legal forms " + formA + " / " + formB);
        }
        if (AuthorityNames.clearlyDifferent(a.authorityKey(), a.authorityUscc(), b.authorityKey(), b.authorityUscc())) {
            return distinct("different authorities");
        }
        boolean sameDoc = a.docKey() != null && a.docKey().equals(b.docKey());
        // Without 文号 the decision (date, sorted categories, authority function) is what a 文号 would say.
        boolean sameDecision = sameDecision(a, b);
        boolean oneWithoutDoc = (a.docKey() == null) != (b.docKey() == null);
        if (a.person() && oneWithoutDoc && !(sameDecision && sameSubject(a, b, sameId))) {
            // the same decision once without its 文号 is proposed only when person, date, kinds and authority agree
            return distinct("one decision without 文号, and not the same person, date, kinds and authority");
        }
        if (!sameDoc && numbered(a.docKey()) && numbered(b.docKey())) {
            // Two numbered 文号 of one subject are two decisions far more often than a typo: not worth a review.
            return distinct("different document numbers");
        }
        if (Boolean.TRUE.equals(sameId) && sameDoc) {
            return new Decision(Verdict.MATCH, 1.0, "same identifier and document number");
        }
        List<String> reasons = new ArrayList<>();
        // The same identifier names the same subject, whatever the spelling of its name.
        double name = Boolean.TRUE.equals(sameId) ? 1 : SubjectNames.similarity(a.nameKey(), b.nameKey());
        reasons.add(String.format("name %.2f", name));
        double score = 0.45 * name;
        boolean sameDocument = sameDoc || sameDecision && (a.docKey() == null || b.docKey() == null);
        score += 0.25 * (sameDocument ? 1 : 0);
        reasons.add(sameDoc ? "same document number" : sameDocument ? "same decision (date, kinds, authority)"
                : "different document number");
        // Spellings of one authority (贵阳市南明区市场监督管理局 / 南明区市场监管局) agree on their function.
        String authorityA = AuthorityNames.core(a.authorityKey());
        String authorityB = AuthorityNames.core(b.authorityKey());
        score += 0.10 * agreement(authorityA != null ? authorityA : a.authorityKey(),
                authorityB != null ? authorityB : b.authorityKey(), reasons, "authority");
        score += 0.10 * agreement(a.decisionDate(), b.decisionDate(), reasons, "date");
        score += 0.10 * agreement(a.amount() == null ? null : a.amount().stripTrailingZeros(),
                b.amount() == null ? null : b.amount().stripTrailingZeros(), reasons, "amount");
        Verdict verdict = score >= matchThreshold ? Verdict.MATCH : score >= reviewThreshold ? Verdict.REVIEW
                : Verdict.DISTINCT;
        if (verdict == Verdict.MATCH && a.person() && sameId == null && !Boolean.TRUE.equals(sameMasked)
                && !corroborated(a, b)) {
            // 290,607 people were named 张伟 in 2007: a person needs more than a name.
            verdict = Verdict.REVIEW;
            reasons.add("person without a shared ID, birth date or unit");
        }
        if (verdict == Verdict.MATCH && a.person() && oneWithoutDoc) {
            // A 党纪 and a 政务 decision of one day differ in kinds; a corrected or re-issued decision with a 文号 of
            // its own does not: an officer decides (a wrong merge hides a sanction).
            verdict = Verdict.REVIEW;
            reasons.add("once without 文号: an officer decides");
        }
        return new Decision(verdict, score, String.join("; ", reasons));
    }

    /**
     * A person pair is corroborated by the same work unit; a masked ID that agrees with the other side's (address,
     * birth year, suffix: {@link MatchProfile#maskedAgreement}) is checked before.
     */
    private static boolean corroborated(MatchProfile a, MatchProfile b) {
        return SubjectNames.sameUnit(a.unitKey(), b.unitKey()) && Objects.equals(a.nameKey(), b.nameKey());
    }

    /** One person: the same identifier, or the same name and a work unit that agrees ({@link SubjectNames#sameUnit}). */
    private static boolean sameSubject(MatchProfile a, MatchProfile b, Boolean sameId) {
        return Boolean.TRUE.equals(sameId) || sameId == null && corroborated(a, b);
    }

    /**
     * The same decision told without 文号: the same decision date, the same sorted categories (处分种类, 问责方式) and
     * the same authority function ({@link AuthorityNames#core}, else the canonical name); unknown on either side is
     * not the same.
     */
    static boolean sameDecision(MatchProfile a, MatchProfile b) {
        if (a.decisionDate() == null || a.category() == null || a.authorityKey() == null || b.authorityKey() == null) {
            return false;
        }
        String coreA = AuthorityNames.core(a.authorityKey());
        String coreB = AuthorityNames.core(b.authorityKey());
        return a.decisionDate().equals(b.decisionDate()) && a.category().equals(b.category())
                && Objects.equals(coreA != null ? coreA : a.authorityKey(), coreB != null ? coreB : b.authorityKey());
    }

    /** A 文号/案号 key with a year and a serial number ({@code 淮阴环罚(2021)15号}), not a free-text reference. */
    static boolean numbered(String docKey) {
        return docKey != null && NUMBERED.matcher(docKey).find();
    }

    /** 1 when equal, 0 when different, 0.5 when either is unknown. */
    private static double agreement(Object x, Object y, List<String> reasons, String what) {
        if (x == null || y == null) {
            return 0.5;
        }
        boolean same = x.equals(y);
        if (!same) {
            reasons.add("different " + what);
        }
        return same ? 1 : 0;
    }

    private static Decision distinct(String reason) {
        return new Decision(Verdict.DISTINCT, 0, reason);
    }
}
