package org.creditpipeline.normalize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A GB/T 2260 行政区划代码 table loaded from the file the operator configures (the current 民政部 list, or a historical
 * union for old records). Parents follow real rows, so 直辖市 counties ({@code 500101}), 省直辖县级 units
 * ({@code 419001}, {@code 429004}, {@code 469001}, {@code 659001}) and 不设区的地级市 ({@code 441900}) hang under
 * their province even though the structural parent row is missing or a placeholder.
 *
 * <p>Formats, detected from the first line: TSV with header {@code Source Revision Code Name} (cn/GB2260); CSV
 * without header {@code code,first_year,name} (historical union, a code may repeat; all names are kept); or plain
 * {@code code<TAB>name} / {@code code,name}. Blank lines and lines starting with {@code #} are ignored.
 */
public final class RegionTable {

    /** Names of the GB/T 2260-2007 grouping rows that are not real administrative units. */
    private static final Set<String> PLACEHOLDER_NAMES = Set.of("市辖区", "县", "省直辖县级行政单位",
            "自治区直辖县级行政单位", "省直辖县级行政区划", "自治区直辖县级行政区划");

    private static final class Entry {
        final List<String> names = new ArrayList<>(1);
        String current;
        int currentYear = Integer.MIN_VALUE;

        void add(String name, int year) {
            if (!names.contains(name)) {
                names.add(name);
            }
            // ≥ so that files without years keep their last row, historical files their newest name.
            if (year >= currentYear) {
                current = name;
                currentYear = year;
            }
        }

        boolean isPlaceholder() {
            for (String n : names) {
                if (!PLACEHOLDER_NAMES.contains(n)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Map<String, Entry> entries;

    /** Codes by name as officers write it instead of the code: 南明区, 贵阳市南明区, 贵州省贵阳市南明区, 贵州省南明区. */
    private final Map<String, List<String>> byName;

    private RegionTable(Map<String, Entry> entries) {
        this.entries = entries;
        this.byName = new HashMap<>(entries.size() * 3);
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getValue().isPlaceholder()) {
                continue;
            }
            String code = e.getKey();
            String own = e.getValue().current;
            List<String> above = new ArrayList<>(2);
            for (String p = parentOf(code); p != null; p = parentOf(p)) {
                above.add(entries.get(p).current);
            }
            index(own, code);
            if (above.size() >= 1) {
                index(above.get(0) + own, code);
            }
            if (above.size() == 2) {
                index(above.get(1) + above.get(0) + own, code);
                index(above.get(1) + own, code);
            }
        }
    }

    private void index(String name, String code) {
        List<String> codes = byName.computeIfAbsent(name, k -> new ArrayList<>(1));
        if (!codes.contains(code)) {
            codes.add(code);
        }
    }

    /**
     * The codes whose current name is {@code name}, alone or after its province's and prefecture's names (南明区,
     * 贵阳市南明区, 贵州省贵阳市南明区); several for a name that repeats (朝阳区), empty for none. Spaces ignored.
     */
    public List<String> codesNamed(String name) {
        if (name == null) {
            return List.of();
        }
        List<String> codes = byName.get(name.replace(" ", "").replace("\u3000", ""));
        return codes == null ? List.of() : Collections.unmodifiableList(codes);
    }

    /**
     * Loads a table; the format is detected (see class comment).
     *
     * @throws IllegalArgumentException naming the file, line and what was expected when a line cannot be read
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static RegionTable load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read region code file " + file, e);
        }
        Map<String, Entry> entries = new HashMap<>(lines.size() * 2);
        int codeColumn = 0;
        int nameColumn = 1;
        int yearColumn = -1;
        char separator = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (separator == 0) {
                separator = line.indexOf('\t') >= 0 ? '\t' : ',';
                String[] f = split(line, separator);
                if (!isCode(f[0].trim())) {
                    // A header row: find the columns by name (cn/GB2260 "Source Revision Code Name", or "code,name").
                    codeColumn = indexOf(f, "code");
                    nameColumn = indexOf(f, "name");
                    if (codeColumn < 0 || nameColumn < 0) {
                        throw new IllegalArgumentException(file + ":" + (i + 1)
                                + ": expected a header with columns Code and Name, or rows starting with a 6-digit code,"
                                + " but found '" + line + "'");
                    }
                    continue;
                }
                if (f.length == 3 && isYear(f[1].trim())) {
                    yearColumn = 1;
                    nameColumn = 2;
                }
            }
            String[] f = split(line, separator);
            int needed = Math.max(codeColumn, Math.max(nameColumn, yearColumn)) + 1;
            if (f.length < needed) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected " + needed
                        + " columns separated by '" + (separator == '\t' ? "TAB" : ",") + "' but found '" + line + "'");
            }
            String code = f[codeColumn].trim();
            String name = Text.clean(f[nameColumn]);
            if (!isCode(code)) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected a 6-digit region code but found '"
                        + code + "'");
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": region " + code + " has no name");
            }
            int year = 0;
            if (yearColumn >= 0) {
                String y = f[yearColumn].trim();
                if (!isYear(y)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected a 4-digit first year but found '"
                            + y + "'");
                }
                year = Integer.parseInt(y);
            }
            entries.computeIfAbsent(code, k -> new Entry()).add(name, year);
        }
        return new RegionTable(entries);
    }

    private static String[] split(String line, char separator) {
        return line.split(separator == '\t' ? "\t" : ",", -1);
    }

    private static int indexOf(String[] header, String column) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().toLowerCase(Locale.ROOT).equals(column)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isCode(String s) {
        return s.length() == 6 && IdChars.allDigits(s, 0, 6);
    }

    private static boolean isYear(String s) {
        return s.length() == 4 && IdChars.allDigits(s, 0, 4);
    }

    /** True when the code has a row (placeholder rows included). */
    public boolean contains(String code) {
        return code != null && entries.containsKey(code);
    }

    /** The current name: for a historical union the name with the latest first year, else the last row's. */
    public Optional<String> name(String code) {
        Entry e = code == null ? null : entries.get(code);
        return e == null ? Optional.empty() : Optional.of(e.current);
    }

    /** Every name the code has had in this table, in file order (renamed and reused codes have several). */
    public List<String> names(String code) {
        Entry e = code == null ? null : entries.get(code);
        return e == null ? List.of() : Collections.unmodifiableList(e.names);
    }

    /** True when the code's row is a grouping placeholder such as {@code 110100 市辖区} or {@code 429000 省直辖县级行政单位}. */
    public boolean isPlaceholder(String code) {
        Entry e = code == null ? null : entries.get(code);
        return e != null && e.isPlaceholder();
    }

    private boolean isRealRow(String code) {
        Entry e = entries.get(code);
        return e != null && !e.isPlaceholder();
    }

    /**
     * The nearest real ancestor row: a county's prefecture when that row exists and is not a placeholder, else its
     * province; a prefecture's province. Null for a province, a malformed code, or when no ancestor row exists.
     */
    public String parentOf(String code) {
        RegionCodes.Level level = RegionCodes.level(code);
        if (level == null || level == RegionCodes.Level.PROVINCE) {
            return null;
        }
        if (level == RegionCodes.Level.COUNTY) {
            String prefecture = code.substring(0, 4) + "00";
            if (isRealRow(prefecture)) {
                return prefecture;
            }
        }
        String province = code.substring(0, 2) + "0000";
        return entries.containsKey(province) ? province : null;
    }

    /** Real ancestors nearest first (county → [prefecture,] province), placeholders skipped; empty for a province. */
    public List<String> ancestors(String code) {
        List<String> result = new ArrayList<>(2);
        for (String p = parentOf(code); p != null; p = parentOf(p)) {
            result.add(p);
        }
        return result;
    }

    /** True when {@code code} equals {@code ancestor} or {@code ancestor} is among its {@link #ancestors}. */
    public boolean isWithin(String code, String ancestor) {
        if (code == null || ancestor == null) {
            return false;
        }
        for (String c = code; c != null; c = parentOf(c)) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** Number of distinct codes. */
    public int size() {
        return entries.size();
    }
}
