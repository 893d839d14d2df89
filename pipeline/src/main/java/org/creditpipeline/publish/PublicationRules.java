package org.creditpipeline.publish;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;

import org.creditpipeline.consolidate.AuthorityNames;
import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;
import org.creditpipeline.model.SubjectKind;

/**
 * Who may see a record, and until when (DOMAIN.md §8). The 公示截止期 is derived from the decision date and the
 * severity tier under the regime in force on the decision date; a submitted 公示截止期 is used instead when it is
 * valid (not before the regime's minimum period, not after its maximum). Plain functions, no Spring.
 */
public final class PublicationRules {

    /** 发改办财金〔2019〕527号: 严重 at most 3 years, otherwise 1 year. */
    public static final LocalDate REGIME_527 = LocalDate.of(2019, 7, 1);
    /** 发改委令第58号: 严重 1–3 years, 一般 3 months–1 year. */
    public static final LocalDate REGIME_58 = LocalDate.of(2023, 5, 1);
    /** 发改委令第36号: 轻微 in principle unpublished (else ≤ 3 months), 一般 ≤ 1 year, 严重 ≤ 3 years; repaired records also stop being shared. */
    public static final LocalDate REGIME_36 = LocalDate.of(2026, 4, 1);
    /**
     * 市场监管总局令第45号 (市场监督管理行政处罚信息公示规定): 仅警告 not published, 仅通报批评 or 较低数额罚款 (a threshold
     * each province sets: {@link LowerFines}) 3 months.
     */
    public static final LocalDate SAMR_ORDER_45 = LocalDate.of(2021, 9, 1);
    /** Records are Chinese: a day begins and ends in China Standard Time, whatever the server's zone. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Set<String> CRITICISM_ONLY = Set.of("警告", "通报批评");
    private static final Set<String> LOWER_FINE_ONLY = Set.of("警告", "通报批评", "罚款");

    /**
     * @param isPublic        true when the record belongs in the public (信用中国-style) export today
     * @param publicationEnd  the 公示截止期 in force (derived, or the valid submitted one); null when none applies
     * @param reason          why not public (null when public)
     */
    public record Decision(boolean isPublic, LocalDate publicationEnd, String reason) {
    }

    private PublicationRules() {
    }

    /** Today in China (the default as-of date of exports and of the nightly expiry). */
    public static LocalDate today() {
        return today(Clock.systemUTC());
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** The regime's latest 公示截止期 for a decision of this tier; null when the record is not to be published at all. */
    public static LocalDate maximumEnd(LocalDate decisionDate, SeverityTier tier) {
        boolean serious = tier == SeverityTier.SERIOUS;
        if (decisionDate.isBefore(REGIME_527)) {
            // 双公示 (2016) fixed no end; the longest later maximum is used so that old records do leave.
            return decisionDate.plusYears(3);
        }
        if (!decisionDate.isBefore(REGIME_36) && tier == SeverityTier.MINOR) {
            return decisionDate.plusMonths(3);
        }
        return serious ? decisionDate.plusYears(3) : decisionDate.plusYears(1);
    }

    /**
     * The regime's earliest 公示截止期 for a decision of this tier (its 最短公示期限, before which not even a repair ends
     * publication): 527号 严重 6 months, 58号令 and 36号令 严重 1 year, otherwise 3 months; 轻微 under 36号令 and
     * decisions before 2019-07 none.
     */
    public static LocalDate minimumEnd(LocalDate decisionDate, SeverityTier tier) {
        if (decisionDate.isBefore(REGIME_527)
                || tier == SeverityTier.MINOR && !decisionDate.isBefore(REGIME_36)) {
            return decisionDate;
        }
        if (tier == SeverityTier.SERIOUS) {
            return decisionDate.isBefore(REGIME_58) ? decisionDate.plusMonths(6) : decisionDate.plusYears(1);
        }
        return decisionDate.plusMonths(3);
    }

    /**
     * The 公示截止期 in force: the submitted one when valid (not before the regime's minimum, not after its
     * maximum), else the regime's maximum. Under 36号令 a 轻微 record
     * without a valid submitted end is not published (null). 失信被执行人 are listed until the court removes them:
     * their end is the submitted one or none.
     */
    public static LocalDate publicationEnd(RecordKind kind, LocalDate decisionDate, SeverityTier tier,
                                           LocalDate submitted) {
        return publicationEnd(kind, decisionDate, tier, submitted, null, null);
    }

    /**
     * As {@link #publicationEnd(RecordKind, LocalDate, SeverityTier, LocalDate)}, with 总局令第45号 for penalties of a
     * 市场监督管理 authority decided from 2021-09-01: 仅警告 is not published (null), 仅通报批评 (with or without a
     * 警告) at most 3 months. Read from the 处罚类别 as submitted, never guessed: an empty category changes nothing.
     */
    public static LocalDate publicationEnd(RecordKind kind, LocalDate decisionDate, SeverityTier tier,
                                           LocalDate submitted, String category, String authorityName) {
        return publicationEnd(kind, decisionDate, tier, submitted, category, authorityName, false);
    }

    /**
     * As {@link #publicationEnd(RecordKind, LocalDate, SeverityTier, LocalDate, String, String)}, and a penalty of a
     * 市场监督管理 authority that is only a 较低数额罚款 ({@code lowerFine}: {@link LowerFines#isLower}, with or without a
     * 警告 or 通报批评) is published at most 3 months too (总局令第45号 art. 13).
     */
    public static LocalDate publicationEnd(RecordKind kind, LocalDate decisionDate, SeverityTier tier,
                                           LocalDate submitted, String category, String authorityName,
                                           boolean lowerFine) {
        if (kind == RecordKind.DISHONEST_DEBTOR) {
            return submitted != null && (decisionDate == null || !submitted.isBefore(decisionDate)) ? submitted : null;
        }
        if (decisionDate == null) {
            return null;
        }
        LocalDate max = maximumEnd(decisionDate, tier);
        LocalDate min = minimumEnd(decisionDate, tier);
        Set<String> samrCategories = kind == RecordKind.ADMINISTRATIVE_PENALTY ? samrOrder45(decisionDate, category,
                authorityName) : Set.of();
        if (samrCategories.equals(Set.of("警告"))) {
            return null;
        }
        boolean threeMonths = CRITICISM_ONLY.containsAll(samrCategories)
                || lowerFine && LOWER_FINE_ONLY.containsAll(samrCategories) && samrCategories.contains("罚款");
        if (!samrCategories.isEmpty() && threeMonths && max.isAfter(decisionDate.plusMonths(3))) {
            max = decisionDate.plusMonths(3);
        }
        if (min.isAfter(max)) {
            min = max;
        }
        boolean submittedValid = submitted != null && !submitted.isBefore(min) && !submitted.isAfter(max);
        if (submittedValid) {
            return submitted;
        }
        boolean minorUnderRegime36 = tier == SeverityTier.MINOR && !decisionDate.isBefore(REGIME_36);
        return minorUnderRegime36 ? null : max;
    }

    /**
     * The categories of a penalty 总局令第45号 governs (a 市场监督管理 authority, decided from 2021-09-01), empty for
     * any other. Categories are separated by '；' (as normalised at ingest) or the separators sources use.
     */
    /** The function {@link AuthorityNames#core} gives every spelling of a 市场监督管理 authority (市场监管局, 区市监局 …). */
    private static final String MARKET_REGULATION = "市场监管";

    static Set<String> samrOrder45(LocalDate decisionDate, String category, String authorityName) {
        if (decisionDate == null || decisionDate.isBefore(SAMR_ORDER_45) || category == null || authorityName == null
                || !MARKET_REGULATION.equals(AuthorityNames.core(authorityName))) {
            return Set.of();
        }
        return Set.copyOf(Arrays.stream(category.split("[；;、,，]")).map(String::strip).filter(c -> !c.isEmpty())
                .toList());
    }

    public static Decision publicDecision(RecordKind kind, RecordStatus status, LocalDate decisionDate,
                                          SeverityTier tier, LocalDate submitted, LocalDate today) {
        return publicDecision(kind, status, decisionDate, tier, submitted, null, null, today);
    }

    public static Decision publicDecision(RecordKind kind, RecordStatus status, LocalDate decisionDate,
                                          SeverityTier tier, LocalDate submitted, String category,
                                          String authorityName, LocalDate today) {
        return publicDecision(kind, status, decisionDate, tier, submitted, category, authorityName, false, today);
    }

    /**
     * As above, {@code lowerFine} as in
     * {@link #publicationEnd(RecordKind, LocalDate, SeverityTier, LocalDate, String, String, boolean)}.
     */
    public static Decision publicDecision(RecordKind kind, RecordStatus status, LocalDate decisionDate,
                                          SeverityTier tier, LocalDate submitted, String category,
                                          String authorityName, boolean lowerFine, LocalDate today) {
        LocalDate end = publicationEnd(kind, decisionDate, tier, submitted, category, authorityName, lowerFine);
        if (status != RecordStatus.ACTIVE) {
            return new Decision(false, end, "status " + status.name() + " (" + status.label() + ")");
        }
        if (decisionDate != null && today.isBefore(decisionDate)) {
            // an export "as of" an earlier day shows what was public that day
            return new Decision(false, end, "decided " + decisionDate + ", after " + today);
        }
        if (kind == RecordKind.DISHONEST_DEBTOR) {
            boolean open = end == null || !today.isAfter(end);
            return new Decision(open, end, open ? null : "publication period ended " + end);
        }
        if (decisionDate == null) {
            return new Decision(false, null, "no decision date: the publication period cannot be derived");
        }
        if (end == null && kind == RecordKind.ADMINISTRATIVE_PENALTY
                && samrOrder45(decisionDate, category, authorityName).equals(Set.of("警告"))) {
            return new Decision(false, null, "仅警告 (warning only) under 市场监管总局令第45号: not published");
        }
        if (end == null) {
            return new Decision(false, null, "轻微 (minor) under 发改委令第36号: not published");
        }
        if (today.isAfter(end)) {
            return new Decision(false, end, "publication period ended " + end);
        }
        return new Decision(true, end, null);
    }

    /**
     * Whether the sharing feed (共享平台, authorised users) still carries a record: withdrawn decisions never; repaired
     * records from 2026-04-01 no more (36号令 art. 3 停止共享); earlier repairs stay shared, flagged by their status.
     */
    public static boolean shared(RecordStatus status, LocalDate statusChangedOn) {
        if (status == RecordStatus.WITHDRAWN) {
            return false;
        }
        return status != RecordStatus.REPAIRED || statusChangedOn != null && statusChangedOn.isBefore(REGIME_36);
    }

    /**
     * A personal ID number as the public export shows it: the first 6 and last 4 characters of an 18-character number,
     * the last 2 of shorter ones; never a civil servant's (null). Masked whatever the subject's kind: the column holds
     * a person's document number (an organisation's codes have columns of their own), so a 机关 record that names a
     * person's 身份证 must not publish it.
     */
    public static String publicIdNumber(SubjectKind subject, String idNumber) {
        if (idNumber == null || idNumber.isBlank() || subject == SubjectKind.CIVIL_SERVANT) {
            return null;
        }
        int n = idNumber.length();
        if (n >= 15) {
            return idNumber.substring(0, 6) + "*".repeat(n - 10) + idNumber.substring(n - 4);
        }
        return "*".repeat(Math.max(0, n - 2)) + idNumber.substring(Math.max(0, n - 2));
    }

    /**
     * Personal ID numbers written into free text (违法事实 “经查，当事人张三（身份证号520102199001011234）…”): in a public
     * file they are masked the way the 证件号码 column is (first six and last four kept). Anything shaped like a
     * 身份证 number is masked, valid check character or not, since a mistyped number still names a person: 18 digits (the
     * last may be X) or 15 digits, with a month and day where the birth date stands, not inside a longer run of letters
     * or digits (a USCC, a bank account).
     */
    public static String maskIdNumbersInText(String text) {
        if (text == null || text.length() < 15) {
            return text;
        }
        java.util.regex.Matcher m = ID_IN_TEXT.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(publicIdNumber(null, m.group())));
        } while (m.find());
        return m.appendTail(out).toString();
    }

    private static final java.util.regex.Pattern ID_IN_TEXT = java.util.regex.Pattern.compile(
            "(?<![0-9A-Za-z])(?:[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]"
                    + "|[1-9][0-9]{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})(?![0-9A-Za-z])");
}
