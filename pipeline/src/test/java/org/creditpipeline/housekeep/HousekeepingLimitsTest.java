package org.creditpipeline.housekeep;

import org.creditpipeline.CreditProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HousekeepingLimitsTest {

    private static CreditProperties.Housekeeping defaults() {
        return new CreditProperties.Housekeeping(true, "90", "never", "180", "10", "90", "90", "90");
    }

    @Test
    void theDefaultsKeepFailedFilesForGood() {
        HousekeepingLimits limits = HousekeepingLimits.of(defaults(), null);
        assertThat(limits).isEqualTo(new HousekeepingLimits(90, null, 180, 10, 90, 90, 90));
        assertThat(limits.describe()).containsEntry("failed-days", "never").containsEntry("exports-keep", 10);
    }

    @Test
    void olderThanReplacesEveryAgeButNeverAndTheExportCount() {
        assertThat(HousekeepingLimits.of(defaults(), 7))
                .isEqualTo(new HousekeepingLimits(7, null, 7, 10, 7, 7, 7));
        CreditProperties.Housekeeping failedAfterAYear = new CreditProperties.Housekeeping(true, "90", "365", "180",
                "all", "never", "90", "90");
        assertThat(HousekeepingLimits.of(failedAfterAYear, 30))
                .isEqualTo(new HousekeepingLimits(30, 30, 30, null, null, 30, 30));
    }

    @ParameterizedTest
    @CsvSource({"never, ", "NEVER, ", "0, 0", " 365 , 365"})
    void daysAreANumberOrNever(String value, Integer days) {
        assertThat(HousekeepingLimits.days("done-days", value)).isEqualTo(days);
    }

    @ParameterizedTest
    @CsvSource({"soon", "-1", "1.5", "''"})
    void anythingElseNamesTheKey(String value) {
        assertThatThrownBy(() -> HousekeepingLimits.days("log-days", value))
                .hasMessageStartingWith("credit.housekeeping.log-days is '")
                .hasMessageContaining("expected a number of days (0 or more) or 'never'");
    }

    @ParameterizedTest
    @CsvSource({"0", "-3", "many"})
    void exportsKeepAtLeastOneOrAll(String value) {
        assertThat(HousekeepingLimits.keep("all")).isNull();
        assertThat(HousekeepingLimits.keep("3")).isEqualTo(3);
        assertThatThrownBy(() -> HousekeepingLimits.keep(value))
                .hasMessageContaining("credit.housekeeping.exports-keep is '" + value + "'");
    }
}
