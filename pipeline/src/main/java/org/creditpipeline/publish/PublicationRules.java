package org.creditpipeline.publish;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.creditpipeline.model.RecordKind;
import org.creditpipeline.model.RecordStatus;
import org.creditpipeline.model.SeverityTier;
import org.creditpipeline.model.SubjectKind;

/**
 * Who may see a record, and until when (DOMAIN.md §8). The 公示截止期 is derived from the decision date and the
 * severity tier under the regime in force on the decision date; a submitted 公示截止期 is used instead when it is
 * valid (not before the decision, not after the regime's maximum). Plain functions, no Spring.
 */
public final class PublicationRules {

    /** 发改办财金〔2019〕527号: 严重 at most 3 years, otherwise 1 year. */
    public static final LocalDate REGIME_527 = LocalDate.of(2019, 7, 1);
    /** 发改委令第58号: 严重 1–3 years, 一般 3 months–1 year. */
    public static final LocalDate REGIME_58 = LocalDate.of(2023, 5, 1);
    /** 发改委令第36号: 轻微 in principle unpublished (else ≤ 3 months), 一般 ≤ 1 year, 严重 ≤ 3 years; repaired records also stop being shared. */
    public static final LocalDate REGIME_36 = LocalDate.of(2026, 4, 1);
    /** Records are Chinese: a day begins and ends in China Standard Time, whatever the server's zone. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

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
     * The 公示截止期 in force: the submitted one when valid, else the regime's maximum. Under 36号令 a 轻微 record
     * without a valid submitted end is not published (null). 失信被执行人 are listed until the court removes them:
     * their end is the submitted one or none.
     */
    public static LocalDate publicationEnd(RecordKind kind, LocalDate decisionDate, SeverityTier tier,
                                           LocalDate submitted) {
        if (kind == RecordKind.DISHONEST_DEBTOR) {
            return submitted != null && (decisionDate == null || !submitted.isBefore(decisionDate)) ? submitted : null;
        }
        if (decisionDate == null) {
            return null;
        }
        LocalDate max = maximumEnd(decisionDate, tier);
        boolean submittedValid = submitted != null && !submitted.isBefore(decisionDate) && !submitted.isAfter(max);
        if (submittedValid) {
            return submitted;
        }
        boolean minorUnderRegime36 = tier == SeverityTier.MINOR && !decisionDate.isBefore(REGIME_36);
        return minorUnderRegime36 ? null : max;
    }

    public static Decision publicDecision(RecordKind kind, RecordStatus status, LocalDate decisionDate,
                                          SeverityTier tier, LocalDate submitted, LocalDate today) {
        LocalDate end = publicationEnd(kind, decisionDate, tier, submitted);
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
}
