package org.creditpipeline.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.creditpipeline.YamlErrors;

import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Working days (工作日) as Chinese deadlines count them, from {@code job-configs/calendar.yaml}: Monday to Friday, less
 * the public holidays the State Council's notice lists for the year, plus the weekend days it makes working days
 * (调休). Years the file does not list count Monday to Friday only ({@link #covers}). An invalid file stops the
 * context, naming the entry.
 */
public final class WorkingCalendar {

    private final Set<LocalDate> off;
    private final Set<LocalDate> work;
    private final TreeSet<Integer> years;

    private WorkingCalendar(Set<LocalDate> off, Set<LocalDate> work, TreeSet<Integer> years) {
        this.off = Set.copyOf(off);
        this.work = Set.copyOf(work);
        this.years = years;
    }

    /** Monday to Friday, no holidays: what a node without {@code calendar.yaml} counts. */
    public static WorkingCalendar weekdaysOnly() {
        return new WorkingCalendar(Set.of(), Set.of(), new TreeSet<>());
    }

    /** The calendar of {@code file}; {@link #weekdaysOnly()} when there is none. */
    public static WorkingCalendar load(Path file) {
        if (!Files.isRegularFile(file)) {
            return weekdaysOnly();
        }
        Config c;
        try {
            c = YAMLMapper.builder().build().readValue(file.toFile(), Config.class);
        } catch (JacksonException e) {
            throw new IllegalStateException(file + ": not a valid working-day calendar: " + YamlErrors.describe(e), e);
        }
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        TreeSet<Integer> years = new TreeSet<>();
        List<Year> entries = c == null || c.years() == null ? List.of() : c.years();
        for (int i = 0; i < entries.size(); i++) {
            Year y = entries.get(i);
            String where = file + ": years[" + i + "]";
            if (y == null || y.year() == null || y.year() < 1990 || y.year() > 2200) {
                throw new IllegalStateException(where + ": key 'year' must be a calendar year such as 2026, but is "
                        + (y == null ? null : y.year()));
            }
            if (!years.add(y.year())) {
                throw new IllegalStateException(where + ": year " + y.year() + " is listed twice");
            }
            for (String entry : y.off() == null ? List.<String>of() : y.off()) {
                for (LocalDate d : days(where + " (" + y.year() + "), off", entry)) {
                    inYear(where + " (" + y.year() + "), off", d, y.year());
                    off.add(d);
                }
            }
            for (String entry : y.work() == null ? List.<String>of() : y.work()) {
                for (LocalDate d : days(where + " (" + y.year() + "), work", entry)) {
                    inYear(where + " (" + y.year() + "), work", d, y.year());
                    if (!weekend(d)) {
                        throw new IllegalStateException(where + " (" + y.year() + "), work: " + d + " is a "
                                + d.getDayOfWeek() + "; 'work' lists the weekend days made working days (调休上班)");
                    }
                    if (off.contains(d)) {
                        throw new IllegalStateException(where + " (" + y.year() + "): " + d + " is both off and work");
                    }
                    work.add(d);
                }
            }
        }
        return new WorkingCalendar(off, work, years);
    }

    /** Whether {@code day} is a working day. */
    public boolean isWorkingDay(LocalDate day) {
        return work.contains(day) || (!weekend(day) && !off.contains(day));
    }

    /**
     * The {@code n}-th working day after {@code start} ({@code start} itself not counted, whatever it is): the last day
     * of a deadline of n working days that began on {@code start}.
     */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a deadline of " + n + " working days");
        }
        LocalDate day = start;
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Whether the file lists the year of {@code day} (else its holidays are not known here). */
    public boolean covers(LocalDate day) {
        return years.contains(day.getYear());
    }

    /** The last year the file lists; null when it lists none. */
    public Integer lastYear() {
        return years.isEmpty() ? null : years.last();
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static void inYear(String where, LocalDate d, int year) {
        if (d.getYear() != year) {
            throw new IllegalStateException(where + ": " + d + " is not in " + year);
        }
    }

    /** A date ({@code 2026-01-01}) or a range ({@code 2026-02-15..2026-02-23}). */
    private static List<LocalDate> days(String where, String entry) {
        String text = entry == null ? "" : entry.strip();
        try {
            int dots = text.indexOf("..");
            if (dots < 0) {
                return List.of(LocalDate.parse(text));
            }
            LocalDate from = LocalDate.parse(text.substring(0, dots).strip());
            LocalDate to = LocalDate.parse(text.substring(dots + 2).strip());
            if (to.isBefore(from) || to.isAfter(from.plusDays(31))) {
                throw new IllegalStateException(where + ": range '" + text + "' must run forwards over at most a month");
            }
            return from.datesUntil(to.plusDays(1)).toList();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + ": '" + text + "' is not a date (2026-01-01) or a range of dates"
                    + " (2026-02-15..2026-02-23)");
        }
    }

    /** The file's shape. */
    record Config(List<Year> years) {
    }

    /** One year's entry. */
    record Year(Integer year, String source, List<String> off, List<String> work) {
    }
}
