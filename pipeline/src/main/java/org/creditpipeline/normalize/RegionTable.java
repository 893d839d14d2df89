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
 * <p>Several files make one table ({@link #load(List)}): the first is the current list, the others historical (a
 * union of codes since 1980, or the operator's list of codes abolished since): a code of any file is known
 * ({@link #contains}), only one of the first is {@link #isCurrent current}; a code of both keeps the current list's
 * name. Records decided while a code was valid keep it (courts and old 身份证 keep theirs too, DOMAIN.md §7), and a
 * historical code's parent is found by its digits as any code's is.
 *
 * <p>Formats, detected from the first line: TSV with header {@code Source Revision Code Name} (cn/GB2260), or any
 * header naming the columns {@code code} and {@code name} (and optionally {@code first_year} and {@code became});
 * CSV without header {@code code,first_year,name} (historical union, a code may repeat; all names are kept), or
 * {@code code,first_year,name,became}; or plain {@code code<TAB>name} / {@code code,name}, or
 * {@code code,name,became}. {@code became} is the code a unit got when it was abolished, merged or renumbered
 * ({@code 520114,小河区,520111}: merged into 花溪区 in 2012; empty when not known): {@link #successors}. Blank lines
 * and lines starting with {@code #} are ignored.
 */
public final class RegionTable {

    /** Names of the GB/T 2260-2007 grouping rows that are not real administrative units. */
    private static final Set<String> PLACEHOLDER_NAMES = Set.of("市辖区", "县", "省直辖县级行政单位",
            "自治区直辖县级行政单位", "省直辖县级行政区划", "自治区直辖县级行政区划");

    private static final class Entry {
        final List<String> names = new ArrayList<>(1);
        String current;
        int currentYear = Integer.MIN_VALUE;
        /** Whether the code is in the first (current) file. */
        boolean inCurrentList = true;
        /** The code this one became, as a file says, or null; and where it says so (file:line), for messages. */
        String became;
        String becameAt;

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
    /**
     * The same for the names that are no longer current: of codes abolished since (小河区), and the former names of
     * renamed units (镇沅县); looked up only when no current name matches.
     */
    private final Map<String, List<String>> byOldName;

    private RegionTable(Map<String, Entry> entries) {
        this.entries = entries;
        this.byName = new HashMap<>(entries.size() * 3);
        this.byOldName = new HashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry entry = e.getValue();
            if (entry.isPlaceholder()) {
                continue;
            }
            String code = e.getKey();
            List<String> above = new ArrayList<>(2);
            for (String p = parentOf(code); p != null; p = parentOf(p)) {
                above.add(entries.get(p).current);
            }
            for (String own : entry.names) {
                boolean current = entry.inCurrentList && own.equals(entry.current);
                Map<String, List<String>> index = current ? byName : byOldName;
                index(index, own, code);
                if (above.size() >= 1) {
                    index(index, above.get(0) + own, code);
                }
                if (above.size() == 2) {
                    index(index, above.get(1) + above.get(0) + own, code);
                    index(index, above.get(1) + own, code);
                }
            }
        }
    }

    private static void index(Map<String, List<String>> index, String name, String code) {
        List<String> codes = index.computeIfAbsent(name, k -> new ArrayList<>(1));
        if (!codes.contains(code)) {
            codes.add(code);
        }
    }

    /**
     * The codes whose current name is {@code name}, alone or after its province's and prefecture's names (南明区,
     * 贵阳市南明区, 贵州省贵阳市南明区); several for a name that repeats (朝阳区); failing those, the codes that had the
     * name before (an abolished county's 小河区, a renamed unit's former name); empty for none. Spaces ignored.
     */
    public List<String> codesNamed(String name) {
        if (name == null) {
            return List.of();
        }
        String key = name.replace(" ", "").replace("\u3000", "");
        List<String> codes = byName.get(key);
        if (codes == null) {
            codes = byOldName.get(key);
        }
        return codes == null ? List.of() : Collections.unmodifiableList(codes);
    }

    /**
     * Loads a table; the format is detected (see class comment).
     *
     * @throws IllegalArgumentException naming the file, line and what was expected when a line cannot be read
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static RegionTable load(Path file) {
        return load(List.of(file));
    }

    /**
     * Loads several files as one table: the first is the current list, the others historical (see class comment).
     *
     * @throws IllegalArgumentException naming the file, line and what was expected when a line cannot be read, or a
     *                                  code that became one no file has
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static RegionTable load(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no region code file given");
        }
        Map<String, Entry> entries = parse(files.get(0));
        for (Path file : files.subList(1, files.size())) {
            for (Map.Entry<String, Entry> e : parse(file).entrySet()) {
                Entry older = e.getValue();
                Entry known = entries.get(e.getKey());
                if (known == null) {
                    older.inCurrentList = false;
                    entries.put(e.getKey(), older);
                    continue;
                }
                for (String name : older.names) {
                    if (!known.names.contains(name)) {
                        known.names.add(name); // a former name; the current list's stays the current one
                    }
                }
                if (known.became == null && older.became != null) {
                    known.became = older.became;
                    known.becameAt = older.becameAt;
                }
            }
        }
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            String became = e.getValue().became;
            if (became != null && !entries.containsKey(became)) {
                throw new IllegalArgumentException(e.getValue().becameAt + ": region " + e.getKey() + " became "
                        + became + ", which none of the region code files has");
            }
        }
        return new RegionTable(entries);
    }

    private static Map<String, Entry> parse(Path file) {
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
        int becameColumn = -1;
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
                    yearColumn = Math.max(indexOf(f, "first_year"), indexOf(f, "year"));
                    becameColumn = Math.max(indexOf(f, "became"), indexOf(f, "successor"));
                    if (codeColumn < 0 || nameColumn < 0) {
                        throw new IllegalArgumentException(file + ":" + (i + 1)
                                + ": expected a header with columns Code and Name, or rows starting with a 6-digit code,"
                                + " but found '" + line + "'");
                    }
                    continue;
                }
                if (f.length >= 3 && isYear(f[1].trim())) {
                    yearColumn = 1; // code,first_year,name[,became]
                    nameColumn = 2;
                    becameColumn = f.length >= 4 ? 3 : -1;
                } else if (f.length == 3 && (f[2].isBlank() || isCode(f[2].trim()))) {
                    becameColumn = 2; // code,name,became
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
            Entry entry = entries.computeIfAbsent(code, k -> new Entry());
            entry.add(name, year);
            String became = becameColumn >= 0 && becameColumn < f.length ? f[becameColumn].trim() : "";
            if (!became.isEmpty()) {
                if (!isCode(became)) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected the 6-digit code region " + code
                            + " became (or nothing) but found '" + became + "'");
                }
                entry.became = became;
                entry.becameAt = file + ":" + (i + 1);
            }
        }
        return entries;
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

    /**
     * True when the code is in the current list (the first file), false for a code only a historical file has (or
     * none).
     */
    public boolean isCurrent(String code) {
        Entry e = code == null ? null : entries.get(code);
        return e != null && e.inCurrentList;
    }

    /**
     * What the code became, as the files say ({@code became}), followed on ({@code A → B → C} gives B, C); empty for a
     * code that became nothing the files know of. A cycle ends where it returns.
     */
    public List<String> successors(String code) {
        List<String> chain = new ArrayList<>(1);
        Entry e = code == null ? null : entries.get(code);
        while (e != null && e.became != null && !e.became.equals(code) && !chain.contains(e.became)) {
            chain.add(e.became);
            e = entries.get(e.became);
        }
        return chain;
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
