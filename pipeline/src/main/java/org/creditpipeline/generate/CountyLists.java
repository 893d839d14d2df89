package org.creditpipeline.generate;

import static org.creditpipeline.generate.Field.*;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.creditpipeline.generate.CountyEntry.Authority;
import org.creditpipeline.generate.GenRecord.Subject;
import org.creditpipeline.generate.RecordFactory.Need;
import org.creditpipeline.generate.RecordFactory.Org;
import org.creditpipeline.model.RecordKind;

/**
 * County 纪律处分 and 问责 lists as 纪检 officers send them: a CSV per county and kind, a title line, then
 * {@code 序号 | 姓名 | 工作单位及职务 | 处分种类 | 处分机关 | 处分日期 | 违纪事实} (问责: 问责方式, 问责机关, 问责时间, 问责事由) — no
 * 文号, no ID number. A second file per county and kind ({@code -resent}) holds decisions sent again, written
 * differently. Hard cases among the new rows: a namesake in another unit of the county with the same decision, the same
 * person decided on again (another date or kind); and rows with a name but no unit, which ingest must reject.
 * Files open on first use with a small buffer; a bounded pool of entries feeds the re-sends.
 */
final class CountyLists implements Closeable {

    /** The two kinds of list: file name part, title and the header county lists have. */
    enum ListKind {
        SANCTION(RecordKind.DISCIPLINARY_SANCTION, "sanctions", "纪律处分信息公示表",
                new String[] {"序号", "姓名", "工作单位及职务", "处分种类", "处分机关", "处分日期", "违纪事实"}),
        ACCOUNTABILITY(RecordKind.ACCOUNTABILITY, "accountability", "问责处理情况公示表",
                new String[] {"序号", "姓名", "工作单位及职务", "问责方式", "问责机关", "问责时间", "问责事由"});

        final RecordKind kind;
        final String filePart;
        final String title;
        final String[] headers;

        ListKind(RecordKind kind, String filePart, String title, String[] headers) {
            this.kind = kind;
            this.filePart = filePart;
            this.title = title;
            this.headers = headers;
        }

        static ListKind of(RecordKind kind) {
            return kind == RecordKind.DISCIPLINARY_SANCTION ? SANCTION : ACCOUNTABILITY;
        }
    }

    static final String FILE_PREFIX = "county-";
    static final String RESENT_SUFFIX = "-resent";
    static final int POOL_SIZE = 10_000;
    private static final int NAMESAKE_PERCENT = 8;
    private static final int SAME_PERSON_PERCENT = 8;
    private static final int BUFFER_CHARS = 8 * 1024;
    private static final int LAST_DAY = (int) LocalDate.of(2026, 10, 31).toEpochDay();

    /** 党纪处分 (中国共产党纪律处分条例) as the sanction mapping stores them. */
    static final String[] PARTY_KINDS = {"党内警告", "党内严重警告", "撤销党内职务", "留党察看一年", "留党察看二年", "开除党籍"};
    /** 政务处分 (公职人员政务处分法), stored without 政务; written 政务记过, 记过 or 记过处分. */
    static final String[] GOVERNMENT_KINDS = {"警告", "记过", "记大过", "降级", "撤职", "开除"};
    private static final String[] SEPARATORS = {"、", "，", "；", ","};
    private static final char[] CHINESE_DIGITS = "〇一二三四五六七八九".toCharArray();

    /** One list file: its sink and the styles an officer keeps within one file. */
    private static final class ListFile {
        final String name;
        final CsvSink sink;
        final boolean fullPlace;
        final int dateStyle;
        final String separator;
        long serial;

        ListFile(String name, CsvSink sink, boolean fullPlace, int dateStyle, String separator) {
            this.name = name;
            this.sink = sink;
            this.fullPlace = fullPlace;
            this.dateStyle = dateStyle;
            this.separator = separator;
        }
    }

    private final SyntheticDataGenerator gen;
    private final SplittableRandom random;
    private final ListFile[] files = new ListFile[Regions.size() * 4];
    private final List<ListFile> opened = new ArrayList<>();
    private final CountyEntry[] pool = new CountyEntry[POOL_SIZE];
    private int poolCount;
    private long poolNext;

    CountyLists(SyntheticDataGenerator gen) {
        this.gen = gen;
        this.random = gen.random;
    }

    /**
     * A new decision from a freshly made 纪律处分 or 问责 record (its person, unit, post, date and facts; the kinds and
     * authority are drawn as county lists have them), or, now and then, a namesake of a pooled entry in another unit
     * or another decision on a pooled entry's person.
     */
    void writeNew(GenRecord base) throws IOException {
        CountyEntry other = poolCount > 0 ? pooled(base.kind) : null;
        int roll = random.nextInt(100);
        CountyEntry e = null;
        String variant = "original";
        boolean lookAlike = other != null && roll < NAMESAKE_PERCENT + SAME_PERSON_PERCENT;
        for (int attempt = 0; lookAlike && attempt < 4; attempt++) {
            CountyEntry candidate = roll < NAMESAKE_PERCENT ? namesake(other) : samePersonAgain(other);
            if (!other.family.contains(candidate.key())) {
                e = candidate;
                variant = roll < NAMESAKE_PERCENT ? "original,lookalike_namesake" : "original,lookalike_same_person";
                break;
            }
        }
        if (e == null) {
            e = fresh(base);
            e.family = new HashSet<>(4);
        }
        e.family.add(e.key());
        e.trueId = gen.newTrueId(e.kind);
        pool[(int) (poolNext++ % POOL_SIZE)] = e;
        poolCount = Math.min(poolCount + 1, POOL_SIZE);
        ListFile file = file(e.region, ListKind.of(e.kind), false);
        gen.truth.accept(file.name, null, write(file, e, unitCell(file, e)), e.trueId, variant);
    }

    /** A pooled decision sent again in its county's second list; false when the pool holds none yet. */
    boolean writeResend(RecordKind preferred) throws IOException {
        CountyEntry original = poolCount > 0 ? pooled(preferred) : null;
        if (original == null) {
            return false;
        }
        ListFile first = file(original.region, ListKind.of(original.kind), false);
        ListFile again = file(original.region, ListKind.of(original.kind), true);
        CountyEntry e = original.copy();
        StringBuilder variant = new StringBuilder();
        if (e.categories.length > 1 && random.nextInt(10) < 7) {
            reverse(e.categories);
            variant.append(",category_order");
        }
        if (e.kind == RecordKind.DISCIPLINARY_SANCTION && hasGovernmentKind(e) && random.nextInt(10) < 3) {
            e.spelling = (e.spelling + 1 + random.nextInt(2)) % 3;
            variant.append(",category_spelling");
        }
        if (random.nextBoolean()) {
            e.authorityShort = !e.authorityShort;
            if (!authorityCell(e).equals(authorityCell(original))) { // 常熟市监察委员会 has no shorter form
                variant.append(",authority_spelling");
            }
        }
        if (random.nextInt(10) < 3) {
            e.layout = (e.layout + 1 + random.nextInt(2)) % 3;
            variant.append(",unit_post_layout");
        }
        e.dateStyle = rowDateStyle(again);
        if (!date(e).equals(date(original))) {
            variant.append(",date_format");
        }
        if (!place(again, e.region).equals(place(first, e.region))) {
            variant.append(",unit_place");
        }
        gen.duplicateRows++;
        long row = write(again, e, unitCell(again, e));
        gen.truth.accept(again.name, null, row, e.trueId, variant.isEmpty() ? "exact" : variant.substring(1));
        return true;
    }

    /** A row with the person's name but no work unit (an empty cell, or the post alone): must be rejected. */
    void writeNameOnly(RecordKind kind) throws IOException {
        GenRecord base = kind == RecordKind.DISCIPLINARY_SANCTION ? gen.factory.sanction()
                : gen.factory.accountability(Need.PERSON);
        CountyEntry e = fresh(base);
        ListFile file = file(e.region, ListKind.of(kind), false);
        boolean postOnly = random.nextInt(4) == 0;
        long row = write(file, e, postOnly ? e.position : "");
        gen.invalidRows++;
        gen.truth.reject(file.name, null, row, "REQUIRED_MISSING", postOnly ? "position_only" : "name_only");
    }

    // ---- entries ----

    private CountyEntry fresh(GenRecord base) {
        GenRecord g = base;
        if (g.kind == RecordKind.ACCOUNTABILITY && g.subject != Subject.CIVIL_SERVANT) {
            g = gen.factory.accountability(Need.PERSON); // county lists name people; a body has no 工作单位及职务
        }
        Region region = Regions.get(g.region);
        CountyEntry e = new CountyEntry(g.kind, g.region);
        e.name = g.get(NAME);
        e.unit = g.get(WORK_UNIT).substring(region.prefix().length());
        e.position = g.get(POSITION);
        e.day = Math.min((int) LocalDate.parse(g.get(DECISION_DATE)).toEpochDay(), LAST_DAY);
        e.facts = g.get(FACTS);
        drawDecision(e);
        drawWriting(e);
        return e;
    }

    /** Another person of the same name in another unit of the county, with the same decision (date, kinds, authority). */
    private CountyEntry namesake(CountyEntry other) {
        CountyEntry e = other.copy();
        String unit;
        do {
            unit = gen.factory.workUnit(other.region).name().substring(Regions.get(other.region).prefix().length());
        } while (unit.equals(other.unit));
        e.unit = unit;
        e.position = pick(Vocabulary.POSITIONS);
        drawWriting(e);
        return e;
    }

    /** The same person (name and unit) decided on again: a later date, another kind, or both. */
    private CountyEntry samePersonAgain(CountyEntry other) {
        CountyEntry e = other.copy();
        int roll = random.nextInt(3);
        if (roll < 2) {
            e.day = Math.min(other.day + 30 + random.nextInt(700), LAST_DAY);
            if (e.day == other.day) {
                e.day = other.day - 30 - random.nextInt(300);
            }
        }
        if (roll > 0) {
            String before = other.categoryKey();
            do {
                drawDecision(e);
            } while (e.categoryKey().equals(before));
        }
        e.facts = pick(e.kind == RecordKind.DISCIPLINARY_SANCTION ? Vocabulary.SANCTION_FACTS : Vocabulary.ACCOUNT_FACTS);
        drawWriting(e);
        return e;
    }

    /** Kinds and authority: 政务 kinds by the 监委, 党纪 kinds by the 纪委, both at once by the 纪委 (纪委监委). */
    private void drawDecision(CountyEntry e) {
        if (e.kind == RecordKind.ACCOUNTABILITY) {
            String first = pick(Vocabulary.ACCOUNT_FORMS_PERSON);
            String second;
            if (random.nextInt(10) < 2) {
                do {
                    second = pick(Vocabulary.ACCOUNT_FORMS_PERSON);
                } while (second.equals(first));
                e.categories = new String[] {first, second};
            } else {
                e.categories = new String[] {first};
            }
            e.authority = random.nextBoolean() ? Authority.PARTY_COMMITTEE : Authority.DISCIPLINE;
            return;
        }
        int roll = random.nextInt(100);
        int severity = random.nextInt(PARTY_KINDS.length);
        if (roll < 45) {
            e.categories = new String[] {GOVERNMENT_KINDS[severity]};
            e.authority = Authority.SUPERVISION;
        } else if (roll < 80) {
            e.categories = new String[] {PARTY_KINDS[severity]};
            e.authority = Authority.DISCIPLINE;
        } else {
            e.categories = new String[] {PARTY_KINDS[severity], GOVERNMENT_KINDS[severity]};
            if (random.nextBoolean()) {
                reverse(e.categories);
            }
            e.authority = Authority.DISCIPLINE;
        }
    }

    /** How this row writes what it says: post layout, authority full or short, spelling of 政务 kinds. */
    private void drawWriting(CountyEntry e) {
        e.layout = random.nextInt(3);
        e.authorityShort = random.nextInt(10) < 4;
        e.shortForm = random.nextInt(2);
        e.spelling = random.nextInt(3);
        e.dateStyle = -1;
    }

    // ---- rows ----

    private long write(ListFile file, CountyEntry e, String unitCell) throws IOException {
        if (e.dateStyle < 0) {
            e.dateStyle = rowDateStyle(file);
        }
        String[] cells = {Long.toString(++file.serial), e.name, unitCell, categoryCell(file, e), authorityCell(e),
            date(e), e.facts};
        return file.sink.writeDataRow(cells);
    }

    /** 工作单位及职务: the unit with or without the city, then the post joined, after a space, or in brackets. */
    private static String unitCell(ListFile file, CountyEntry e) {
        String unit = place(file, e.region) + e.unit;
        return switch (e.layout) {
            case 0 -> unit + e.position;
            case 1 -> unit + " " + e.position;
            default -> unit + "（" + e.position + "）";
        };
    }

    private static String place(ListFile file, int region) {
        Region r = Regions.get(region);
        return file.fullPlace ? r.prefix() : r.county();
    }

    private static String categoryCell(ListFile file, CountyEntry e) {
        StringBuilder sb = new StringBuilder();
        for (String c : e.categories) {
            sb.append(sb.isEmpty() ? "" : file.separator).append(written(c, e));
        }
        return sb.toString();
    }

    /** A 政务 kind as officers write it: 政务记过, 记过 or 记过处分 (开除 as 开除公职). */
    private static String written(String category, CountyEntry e) {
        if (e.kind != RecordKind.DISCIPLINARY_SANCTION || !isGovernmentKind(category)) {
            return category;
        }
        String plain = category.equals("开除") ? "开除公职" : category;
        return switch (e.spelling) {
            case 0 -> "政务" + category;
            case 1 -> plain;
            default -> plain + "处分";
        };
    }

    private String authorityCell(CountyEntry e) {
        Region r = Regions.get(e.region);
        Org org = switch (e.authority) {
            case DISCIPLINE -> gen.factory.discipline(e.region);
            case SUPERVISION -> gen.factory.supervision(e.region);
            case PARTY_COMMITTEE -> gen.factory.partyCommittee(e.region);
        };
        if (!e.authorityShort) {
            return org.name();
        }
        String county = r.county();
        return switch (e.authority) {
            case DISCIPLINE -> e.shortForm == 0 ? county + "纪委监委" : county + "纪委";
            case SUPERVISION -> e.shortForm == 0 ? county + "纪委监委" : county + "监察委员会";
            case PARTY_COMMITTEE -> e.shortForm == 0 ? "中共" + county + "委" : county + "委";
        };
    }

    /** The file's date style for most rows, now and then another (lists are put together from several sources). */
    private int rowDateStyle(ListFile file) {
        return random.nextInt(100) < 85 ? file.dateStyle : random.nextInt(7);
    }

    /** The dates counties write: 2026-05-06, 2026年5月6日, 2026.5.6, 2026/5/6, 2026.05.06, 20260506, 二〇二六年五月六日. */
    static String date(CountyEntry e) {
        return formatDate(e.day, e.dateStyle);
    }

    static String formatDate(int epochDay, int style) {
        String iso = Text.iso(epochDay);
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return switch (style) {
            case 0 -> iso;
            case 1 -> Variants.reformat(iso, 3);
            case 2 -> d.getYear() + "." + d.getMonthValue() + "." + d.getDayOfMonth();
            case 3 -> Variants.reformat(iso, 0);
            case 4 -> Variants.reformat(iso, 1);
            case 5 -> Variants.reformat(iso, 2);
            default -> chineseDate(d);
        };
    }

    private static String chineseDate(LocalDate d) {
        StringBuilder sb = new StringBuilder(12);
        for (char c : Integer.toString(d.getYear()).toCharArray()) {
            sb.append(CHINESE_DIGITS[c - '0']);
        }
        return sb.append('年').append(chineseNumber(d.getMonthValue())).append('月')
                .append(chineseNumber(d.getDayOfMonth())).append('日').toString();
    }

    /** 1–31 as written in dates: 五, 十, 十二, 二十, 三十一. */
    private static String chineseNumber(int n) {
        if (n < 10) {
            return String.valueOf(CHINESE_DIGITS[n]);
        }
        String tens = n / 10 == 1 ? "十" : CHINESE_DIGITS[n / 10] + "十";
        return n % 10 == 0 ? tens : tens + CHINESE_DIGITS[n % 10];
    }

    // ---- files ----

    private ListFile file(int region, ListKind kind, boolean resent) throws IOException {
        int index = (region * 2 + kind.ordinal()) * 2 + (resent ? 1 : 0);
        ListFile f = files[index];
        if (f == null) {
            Region r = Regions.get(region);
            String name = FILE_PREFIX + r.code() + "-" + kind.filePart + (resent ? RESENT_SUFFIX : "") + ".csv";
            // Excel on a Chinese Windows saves CSV in GBK; newer tools in UTF-8 with a BOM
            boolean gbk = random.nextBoolean();
            Charset charset = gbk ? Charset.forName("GBK") : StandardCharsets.UTF_8;
            boolean fullPlace = !r.countyLevelCity() && random.nextBoolean();
            int roll = random.nextInt(100);
            int dateStyle = roll < 35 ? 0 : roll < 65 ? 1 : roll < 75 ? 2 : roll < 85 ? 3 : roll < 90 ? 4
                    : roll < 95 ? 5 : 6;
            ListFile first = resent ? files[index - 1] : null;
            if (first != null) {
                // the same office writes its second list mostly as its first: units placed alike, dates alike
                fullPlace = random.nextInt(10) < 8 ? first.fullPlace : fullPlace;
                dateStyle = random.nextInt(10) < 6 ? first.dateStyle : dateStyle;
            }
            String title = r.county() + kind.title + (resent ? "（补报）" : "");
            CsvSink sink = new CsvSink(gen.options.outDir().resolve(name), charset, !gbk, title, kind.headers,
                    BUFFER_CHARS);
            f = new ListFile(name, sink, fullPlace, dateStyle, SEPARATORS[random.nextInt(SEPARATORS.length)]);
            files[index] = f;
            opened.add(f);
        }
        return f;
    }

    /** Data rows per file, in the order the files were opened. */
    void putRowCounts(Map<String, Long> rowsPerFile) {
        for (ListFile f : opened) {
            rowsPerFile.put(f.name, f.sink.dataRows());
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (ListFile f : opened) {
            try {
                f.sink.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ---- helpers ----

    private CountyEntry pooled(RecordKind kind) {
        for (int attempt = 0; attempt < 8; attempt++) {
            CountyEntry e = pool[random.nextInt(poolCount)];
            if (e.kind == kind) {
                return e;
            }
        }
        return null;
    }

    private static boolean hasGovernmentKind(CountyEntry e) {
        for (String c : e.categories) {
            if (isGovernmentKind(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGovernmentKind(String category) {
        for (String k : GOVERNMENT_KINDS) {
            if (k.equals(category)) {
                return true;
            }
        }
        return false;
    }

    private static void reverse(String[] values) {
        for (int i = 0, j = values.length - 1; i < j; i++, j--) {
            String t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
