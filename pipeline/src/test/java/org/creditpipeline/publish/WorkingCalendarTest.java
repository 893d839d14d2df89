package org.creditpipeline.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Working days as job-configs/calendar.yaml ships them: the State Council's holiday notices of 2024 to 2026. */
class WorkingCalendarTest {

    private static final WorkingCalendar SHIPPED = WorkingCalendar.load(Path.of("../job-configs/calendar.yaml"));

    @ParameterizedTest(name = "{0}: working day {1}")
    @CsvSource({
            "2025-10-01, false", // 国庆、中秋 2025: 10月1日至8日
            "2025-10-08, false",
            "2025-10-09, true",
            "2025-09-28, true", // a Sunday worked (调休)
            "2025-10-11, true", // a Saturday worked
            "2025-10-12, false", // the Sunday after it
            "2026-01-02, false", // 元旦 2026: 1月1日至3日, a Friday off
            "2026-01-04, true", // and the Sunday after it worked
            "2026-02-16, false", // 春节 2026: 2月15日至23日
            "2026-02-23, false",
            "2026-02-24, true",
            "2026-02-28, true",
            "2026-06-19, false", // 端午 2026
            "2026-11-27, true", // a plain Friday
            "2026-11-28, false" // a plain Saturday
    })
    void holidaysAndWorkedWeekendsOfTheNotices(LocalDate day, boolean working) {
        assertThat(SHIPPED.isWorkingDay(day)).isEqualTo(working);
    }

    @ParameterizedTest(name = "{1} working days after {0}: {2}")
    @CsvSource({
            "2026-11-20, 7, 2026-12-01", // plain weeks: Fri + 7 = the Tuesday after next
            "2025-09-26, 7, 2025-10-13", // over 国庆 2025: 9/28 (Sun, worked), 9/29, 9/30, 10/9, 10/10, 10/11 (Sat), 10/13
            "2026-02-13, 1, 2026-02-14", // the Saturday before 春节 is worked
            "2026-02-14, 1, 2026-02-24", // then nine days off
            "2026-04-30, 5, 2026-05-11", // 劳动节 2026: 5/6, 5/7, 5/8, 5/9 (Sat, worked), 5/11
            "2026-11-27, 0, 2026-11-27"
    })
    void deadlinesInWorkingDays(LocalDate start, int days, LocalDate due) {
        assertThat(SHIPPED.plusWorkingDays(start, days)).isEqualTo(due);
    }

    @Test
    void yearsNotListedCountMondayToFridayOnly() {
        assertThat(SHIPPED.covers(LocalDate.of(2026, 5, 1))).isTrue();
        assertThat(SHIPPED.covers(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(SHIPPED.lastYear()).isEqualTo(2026);
        assertThat(SHIPPED.isWorkingDay(LocalDate.of(2027, 1, 1))).as("a Friday of a year not listed").isTrue();
        WorkingCalendar none = WorkingCalendar.load(Path.of("no-such-calendar.yaml"));
        assertThat(none.isWorkingDay(LocalDate.of(2025, 10, 1))).isTrue();
        assertThat(none.plusWorkingDays(LocalDate.of(2026, 11, 27), 1)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(none.lastYear()).isNull();
    }

    @Test
    void mistakesInTheFileAreRefusedNamingTheEntry(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> load(dir, "years:\n  - year: 2026\n    work: [2026-01-05]\n"))
                .hasMessageContaining("years[0] (2026), work: 2026-01-05 is a MONDAY")
                .hasMessageContaining("调休上班");
        assertThatThrownBy(() -> load(dir, "years:\n  - year: 2026\n    off: [2026-02-30]\n"))
                .hasMessageContaining("years[0] (2026), off: '2026-02-30' is not a date");
        assertThatThrownBy(() -> load(dir, "years:\n  - year: 2026\n    off: [2026-02-23..2026-02-15]\n"))
                .hasMessageContaining("range '2026-02-23..2026-02-15' must run forwards");
        assertThatThrownBy(() -> load(dir, "years:\n  - year: 2026\n    off: [2025-10-01]\n"))
                .hasMessageContaining("2025-10-01 is not in 2026");
        assertThatThrownBy(() -> load(dir, "years:\n  - year: 2026\n  - year: 2026\n"))
                .hasMessageContaining("years[1]: year 2026 is listed twice");
        assertThatThrownBy(() -> load(dir, "years:\n  - year: 2026\n    off: [2026-01-04]\n    work: [2026-01-04]\n"))
                .hasMessageContaining("2026-01-04 is both off and work");
        assertThatThrownBy(() -> load(dir, "years:\n  - year: [2026]\n"))
                .hasMessageContaining("not a valid working-day calendar");
    }

    private static WorkingCalendar load(Path dir, String yaml) throws IOException {
        return WorkingCalendar.load(Files.writeString(dir.resolve("calendar.yaml"), yaml));
    }
}
