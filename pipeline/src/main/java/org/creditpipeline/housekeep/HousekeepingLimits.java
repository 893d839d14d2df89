package org.creditpipeline.housekeep;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.creditpipeline.CreditProperties;

/**
 * How old each kind of thing must be before {@code housekeep} removes it, from {@code credit.housekeeping.*}; a null
 * limit means never. {@code --older-than DAYS} replaces every limit in days for one run, except one set to
 * {@code never}: failed files are removed only when someone configured an age for them.
 *
 * @param doneDays     incoming files done with, by the date of their {@code done/DATE} folder
 * @param failedDays   incoming files that failed, by the date of their {@code failed/DATE} folder
 * @param reportsDays  error reports of files ingested that long ago
 * @param exportsKeep  export folders kept per kind, the newest (null: all)
 * @param exchangeDays packages acknowledged or applied, acknowledgements written, that long ago
 * @param batchDays    Spring Batch job instances completed that long ago
 * @param logDays      log files not written to for that long
 */
public record HousekeepingLimits(Integer doneDays, Integer failedDays, Integer reportsDays, Integer exportsKeep,
                                 Integer exchangeDays, Integer batchDays, Integer logDays) {

    private static final String PREFIX = "credit.housekeeping.";

    /** The configured limits; {@code olderThan} (null: none) replaces every age that is not {@code never}. */
    public static HousekeepingLimits of(CreditProperties.Housekeeping h, Integer olderThan) {
        HousekeepingLimits configured = new HousekeepingLimits(days("done-days", h.doneDays()),
                days("failed-days", h.failedDays()), days("reports-days", h.reportsDays()), keep(h.exportsKeep()),
                days("exchange-days", h.exchangeDays()), days("batch-days", h.batchDays()),
                days("log-days", h.logDays()));
        return olderThan == null ? configured : configured.olderThan(olderThan);
    }

    private HousekeepingLimits olderThan(int days) {
        return new HousekeepingLimits(over(doneDays, days), over(failedDays, days), over(reportsDays, days),
                exportsKeep, over(exchangeDays, days), over(batchDays, days), over(logDays, days));
    }

    private static Integer over(Integer configured, int days) {
        return configured == null ? null : days;
    }

    /** The limits as configured values ({@code never}, {@code all} or a number), by property name. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("done-days", never(doneDays));
        m.put("failed-days", never(failedDays));
        m.put("reports-days", never(reportsDays));
        m.put("exports-keep", exportsKeep == null ? "all" : exportsKeep);
        m.put("exchange-days", never(exchangeDays));
        m.put("batch-days", never(batchDays));
        m.put("log-days", never(logDays));
        return m;
    }

    private static Object never(Integer days) {
        return days == null ? "never" : days;
    }

    static Integer days(String key, String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("never")) {
            return null;
        }
        try {
            int days = Integer.parseInt(v);
            if (days >= 0) {
                return days;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalStateException(PREFIX + key + " is '" + value + "': expected a number of days (0 or more)"
                + " or 'never'");
    }

    static Integer keep(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("all")) {
            return null;
        }
        try {
            int keep = Integer.parseInt(v);
            if (keep >= 1) {
                return keep;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalStateException(PREFIX + "exports-keep is '" + value + "': expected how many export folders"
                + " of each kind to keep (1 or more) or 'all'");
    }
}
