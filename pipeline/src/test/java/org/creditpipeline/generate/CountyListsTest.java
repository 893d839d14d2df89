package org.creditpipeline.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.creditpipeline.normalize.Dates;
import org.creditpipeline.normalize.WorkUnitPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The county 纪律处分 and 问责 lists without 文号 or ID number: their files (title line, the county header, encodings),
 * every row in the ground truth, the hard cases as the ground truth names them (re-sent decisions, namesakes of
 * another unit, the same person again, names without a unit), and the same bytes for the same seed.
 */
class CountyListsTest {

    private static final long ROWS = 12_000;
    private static final List<String> SANCTION_HEADER = List.of("序号", "姓名", "工作单位及职务", "处分种类", "处分机关",
            "处分日期", "违纪事实");
    private static final List<String> ACCOUNTABILITY_HEADER = List.of("序号", "姓名", "工作单位及职务", "问责方式",
            "问责机关", "问责时间", "问责事由");
    /** What the sanction mapping stores (job-configs/mappings/sanction.yaml, values). */
    private static final Set<String> SANCTION_KINDS = Set.of("警告", "记过", "记大过", "降级", "撤职", "开除", "党内警告",
            "党内严重警告", "撤销党内职务", "留党察看一年", "留党察看二年", "开除党籍");

    @TempDir
    static Path dir;
    static GenerateSummary summary;
    static List<CSVRecord> truth;
    /** County list file → its rows as read (title and header included), in file order. */
    static Map<String, List<CSVRecord>> lists = new TreeMap<>();

    @BeforeAll
    static void generate() throws IOException {
        // every 纪律处分 and 问责 row as a county list: enough of each hard case
        summary = SyntheticDataGenerator.generate(GenerateOptions.defaults(ROWS, 20261127L, dir.resolve("a"))
                .withCountyListShare(1.0));
        try (Reader in = Files.newBufferedReader(dir.resolve("a").resolve(GroundTruth.FILE_NAME))) {
            truth = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        try (Stream<Path> files = Files.list(dir.resolve("a"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("county-")).toList()) {
                lists.put(f.getFileName().toString(), parse(f));
            }
        }
    }

    @Test
    void everyListHasATitleLineThenTheCountyHeaderWithoutDocumentNumberOrIdColumn() throws IOException {
        assertThat(lists).isNotEmpty();
        assertThat(lists.keySet()).allMatch(n -> n.matches("county-\\d{6}-(sanctions|accountability)(-resent)?\\.csv"));
        assertThat(lists.keySet()).anyMatch(n -> n.endsWith("-resent.csv"));
        for (var e : lists.entrySet()) {
            String name = e.getKey();
            boolean sanctions = name.contains("-sanctions");
            Region region = Regions.ALL.stream().filter(r -> name.startsWith("county-" + r.code())).findFirst()
                    .orElseThrow();
            CSVRecord title = e.getValue().get(0);
            assertThat(title.get(0)).as(name).isEqualTo(region.county()
                    + (sanctions ? "纪律处分信息公示表" : "问责处理情况公示表") + (name.endsWith("-resent.csv") ? "（补报）" : ""));
            assertThat(title.toList().subList(1, title.size())).as(name).containsOnly("");
            assertThat(e.getValue().get(1).toList()).as(name)
                    .isEqualTo(sanctions ? SANCTION_HEADER : ACCOUNTABILITY_HEADER);
            for (int i = 2; i < e.getValue().size(); i++) {
                assertThat(e.getValue().get(i).get(0)).as(name + " 序号").isEqualTo(Integer.toString(i - 1));
            }
        }
    }

    @Test
    void listsAreSavedAsExcelSavesCsvInGbkOrUtf8WithBom() throws IOException {
        int gbk = 0;
        int bom = 0;
        for (String name : lists.keySet()) {
            byte[] bytes = Files.readAllBytes(dir.resolve("a").resolve(name));
            if (bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
                bom++;
            } else {
                assertThat(decodes(bytes, StandardCharsets.UTF_8)).as(name + " is not UTF-8 without a BOM").isFalse();
                assertThat(decodes(bytes, Charset.forName("GBK"))).as(name).isTrue();
                gbk++;
            }
        }
        assertThat(gbk).isPositive();
        assertThat(bom).isPositive();
    }

    @Test
    void theGroundTruthListsEveryRowOfEveryListOnceAndTheSummaryCountsThem() {
        Map<String, TreeSet<Long>> listed = new HashMap<>();
        for (CSVRecord t : truth) {
            if (t.get("file").startsWith("county-")) {
                assertThat(listed.computeIfAbsent(t.get("file"), k -> new TreeSet<>())
                        .add(Long.parseLong(t.get("row")))).as("listed once").isTrue();
            }
        }
        long total = 0;
        for (var e : lists.entrySet()) {
            long rows = e.getValue().size() - 2;
            // the title is row 1, the header row 2: data from row 3, as a spreadsheet numbers them
            assertThat(listed.get(e.getKey())).as(e.getKey()).hasSize((int) rows)
                    .first().isEqualTo(3L);
            assertThat(listed.get(e.getKey()).last()).isEqualTo(rows + 2);
            assertThat(summary.rowsPerFile()).containsEntry(e.getKey(), rows);
            total += rows;
        }
        assertThat(listed.keySet()).isEqualTo(lists.keySet());
        assertThat(summary.rowsPerFile().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(ROWS);
        assertThat(total).as("every 纪律处分 and 问责 row at share 1: about a sixth of the rows")
                .isBetween(ROWS / 8, ROWS / 4);
        assertThat(summary.rowsPerFile()).containsEntry("sanction.csv", 0L).containsEntry("accountability.csv", 0L);
    }

    @Test
    void acceptedRowsNameAPersonByUnitAndADecisionByDateKindsAndAuthority() {
        for (CSVRecord t : truth) {
            if (!t.get("file").startsWith("county-") || !t.get("expected").equals("accept")) {
                continue;
            }
            Row row = row(t);
            String where = t.get("file") + " row " + t.get("row");
            assertThat(t.get("true_id")).as(where).matches(row.sanctions ? "S\\d+" : "A\\d+");
            assertThat(row.name).as(where).isNotBlank();
            WorkUnitPosition.Parts parts = WorkUnitPosition.split(row.unitCell);
            assertThat(parts.unit()).as(where).isNotNull();
            assertThat(parts.unit().startsWith(row.region.prefix()) || parts.unit().startsWith(row.region.county()))
                    .as(where + " " + parts.unit() + ": a unit of the county, with or without its city").isTrue();
            assertThat(parts.position()).as(where).isIn((Object[]) Vocabulary.POSITIONS);
            assertThat(row.date).as(where + " " + row.dateCell).isBetween(LocalDate.of(2016, 1, 1),
                    LocalDate.of(2026, 10, 31));
            assertThat(row.kinds).as(where + " " + row.kindCell).isNotEmpty();
            if (row.sanctions) {
                assertThat(SANCTION_KINDS).as(where + " " + row.kindCell).containsAll(row.kinds);
            } else {
                assertThat(Vocabulary.ACCOUNT_FORMS_PERSON).as(where).contains(row.kinds.toArray(String[]::new));
            }
            assertThat(row.authority).as(where).isNotBlank();
        }
    }

    @Test
    void aNameWithoutUnitIsToBeRejectedAsRequiredMissing() {
        Map<String, Integer> details = new HashMap<>();
        for (CSVRecord t : truth) {
            if (!t.get("file").startsWith("county-") || !t.get("expected").equals("reject")) {
                continue;
            }
            Row row = row(t);
            String where = t.get("file") + " row " + t.get("row");
            assertThat(t.get("reason")).as(where).isEqualTo("REQUIRED_MISSING");
            assertThat(t.get("true_id")).isEmpty();
            assertThat(t.get("file")).as("in a first list").doesNotEndWith("-resent.csv");
            details.merge(t.get("variant"), 1, Integer::sum);
            assertThat(row.name).as(where).isNotBlank();
            assertThat(WorkUnitPosition.split(row.unitCell).unit()).as(where + " " + row.unitCell).isNull();
            // nothing else wrong with the row
            assertThat(row.date).as(where).isNotNull();
            assertThat(row.kinds).isNotEmpty();
            assertThat(row.authority).isNotBlank();
        }
        assertThat(details.keySet()).containsExactlyInAnyOrder("name_only", "position_only");
    }

    @Test
    void aResentDecisionIsTheFirstListsRowWrittenDifferently() {
        Map<String, Row> firstRowOf = new HashMap<>();
        Map<String, Integer> variants = new TreeMap<>();
        int resent = 0;
        for (CSVRecord t : truth) {
            if (!t.get("file").startsWith("county-") || !t.get("expected").equals("accept")) {
                continue;
            }
            Row row = row(t);
            Row first = firstRowOf.putIfAbsent(t.get("true_id"), row);
            if (first == null) {
                assertThat(t.get("variant")).startsWith("original");
                assertThat(t.get("file")).doesNotEndWith("-resent.csv");
                continue;
            }
            resent++;
            String where = t.get("file") + " row " + t.get("row") + " " + t.get("variant");
            assertThat(t.get("file")).as(where).isEqualTo(first.file.replace(".csv", "-resent.csv"));
            assertThat(row.name).as(where).isEqualTo(first.name);
            assertThat(row.unitWithoutPlace()).as(where).isEqualTo(first.unitWithoutPlace());
            assertThat(row.date).as(where).isEqualTo(first.date);
            assertThat(new TreeSet<>(row.kinds)).as(where).isEqualTo(new TreeSet<>(first.kinds));
            assertThat(row.authorityKey()).as(where).isEqualTo(first.authorityKey());
            for (String v : t.get("variant").split(",")) {
                variants.merge(v, 1, Integer::sum);
            }
            List<String> names = List.of(t.get("variant").split(","));
            assertThat(names.contains("category_order")).as(where).isEqualTo(!row.kinds.equals(first.kinds));
            assertThat(names.contains("unit_place")).as(where).isEqualTo(!row.place().equals(first.place()));
            assertThat(names.contains("authority_spelling")).as(where).isEqualTo(!row.authority.equals(first.authority));
            assertThat(names.contains("date_format")).as(where).isEqualTo(!row.dateCell.equals(first.dateCell));
        }
        assertThat(resent).isGreaterThan(100);
        assertThat(variants.keySet()).contains("category_order", "category_spelling", "authority_spelling",
                "unit_post_layout", "date_format", "unit_place");
    }

    @Test
    void namesakesOfAnotherUnitAndTheSamePersonAgainAreOtherTrueRecords() {
        List<Row> seen = new ArrayList<>();
        int namesakes = 0;
        int samePerson = 0;
        for (CSVRecord t : truth) {
            if (!t.get("file").startsWith("county-") || !t.get("expected").equals("accept")) {
                continue;
            }
            Row row = row(t);
            String where = t.get("file") + " row " + t.get("row");
            if (t.get("variant").equals("original,lookalike_namesake")) {
                namesakes++;
                // same name, same decision, another unit of the county: an earlier row of another true record
                assertThat(seen).as(where).anyMatch(o -> !o.trueId.equals(row.trueId) && o.file.equals(row.file)
                        && o.name.equals(row.name) && o.date.equals(row.date)
                        && new TreeSet<>(o.kinds).equals(new TreeSet<>(row.kinds))
                        && !o.unitWithoutPlace().equals(row.unitWithoutPlace()));
            } else if (t.get("variant").equals("original,lookalike_same_person")) {
                samePerson++;
                // the same name and unit, decided on another date or with other kinds
                assertThat(seen).as(where).anyMatch(o -> !o.trueId.equals(row.trueId) && o.file.equals(row.file)
                        && o.name.equals(row.name) && o.unitWithoutPlace().equals(row.unitWithoutPlace())
                        && (!o.date.equals(row.date) || !new TreeSet<>(o.kinds).equals(new TreeSet<>(row.kinds))));
            }
            seen.add(row);
        }
        assertThat(namesakes).isGreaterThan(20);
        assertThat(samePerson).isGreaterThan(20);
    }

    @Test
    void noTwoTrueRecordsAreTheSamePersonsSameDecision() {
        // what a list without 文号 or ID tells records apart by: name, unit, date, kinds, authority
        Map<String, String> trueIdOf = new HashMap<>();
        for (CSVRecord t : truth) {
            if (!t.get("file").startsWith("county-") || !t.get("expected").equals("accept")) {
                continue;
            }
            Row row = row(t);
            String key = row.file.replace("-resent", "") + "|" + row.name + "|" + row.unitWithoutPlace() + "|"
                    + row.date + "|" + new TreeSet<>(row.kinds) + "|" + row.authorityKey();
            assertThat(trueIdOf.putIfAbsent(key, row.trueId)).as(t.get("file") + " row " + t.get("row") + " " + key)
                    .isIn(null, row.trueId);
        }
    }

    @Test
    void theSameSeedGivesTheSameListsAndAnotherSeedOthers() throws IOException {
        SyntheticDataGenerator.generate(GenerateOptions.defaults(3_000, 7, dir.resolve("b1")).withCountyListShare(0.5));
        SyntheticDataGenerator.generate(GenerateOptions.defaults(3_000, 7, dir.resolve("b2")).withCountyListShare(0.5));
        SyntheticDataGenerator.generate(GenerateOptions.defaults(3_000, 8, dir.resolve("c")).withCountyListShare(0.5));
        List<String> names;
        try (Stream<Path> files = Files.list(dir.resolve("b1"))) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).anyMatch(n -> n.startsWith("county-"));
        for (String name : names) {
            assertThat(Files.readAllBytes(dir.resolve("b2").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b1").resolve(name)));
        }
        assertThat(Files.readAllBytes(dir.resolve("c").resolve(GroundTruth.FILE_NAME)))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("b1").resolve(GroundTruth.FILE_NAME)));
    }

    @Test
    void withoutCountyListsTheCsvFilesAreThoseOfTheGeneratorBeforeThem() throws IOException {
        GenerateSummary none = SyntheticDataGenerator.generate(GenerateOptions.defaults(2_000, 9, dir.resolve("d"))
                .withCountyListShare(0));

        try (Stream<Path> files = Files.list(dir.resolve("d"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("county-"));
        }
        // the rows and first sanction of seed 9 as the generator wrote them before county lists existed (the files
        // were compared byte for byte with that generator's when this was written)
        assertThat(none.rowsPerFile()).containsExactly(Map.entry("penalty-v2.csv", 897L),
                Map.entry("penalty-v1-gbk.csv", 619L), Map.entry("sanction.csv", 169L),
                Map.entry("accountability.csv", 138L), Map.entry("judgment.csv", 177L));
        assertThat(Files.readAllLines(dir.resolve("d").resolve("sanction.csv")).get(1))
                .startsWith("卢立新,120116197313010759,");
    }

    // ---- helpers ----

    /** One data row of a county list, read back. */
    private record Row(String file, String trueId, boolean sanctions, Region region, String name, String unitCell,
                       String kindCell, List<String> kinds, String authority, String dateCell, LocalDate date) {

        String unitWithoutPlace() {
            String unit = WorkUnitPosition.split(unitCell).unit();
            return unit.substring(place().length());
        }

        String place() {
            String unit = WorkUnitPosition.split(unitCell).unit();
            return unit.startsWith(region.prefix()) ? region.prefix() : region.county();
        }

        /** The authority as consolidation tells them apart: 纪检监察 (纪委, 监委, 纪委监委) or the 党委. */
        String authorityKey() {
            return authority.contains("纪") || authority.contains("监察") ? "纪检监察" : "党委";
        }
    }

    private static Row row(CSVRecord t) {
        String file = t.get("file");
        CSVRecord r = lists.get(file).get(Integer.parseInt(t.get("row")) - 1);
        Region region = Regions.ALL.stream().filter(x -> file.startsWith("county-" + x.code())).findFirst()
                .orElseThrow();
        List<String> kinds = new ArrayList<>();
        for (String k : r.get(3).split("[、，；,]")) {
            String v = k.strip();
            v = v.startsWith("政务") ? v.substring(2) : v;
            v = v.endsWith("处分") ? v.substring(0, v.length() - 2) : v;
            kinds.add(v.equals("开除公职") ? "开除" : v);
        }
        return new Row(file, t.get("true_id"), file.contains("-sanctions"), region, r.get(1), r.get(2), r.get(3),
                kinds, r.get(4), r.get(5), Dates.parse(r.get(5)));
    }

    private static List<CSVRecord> parse(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = decodes(bytes, StandardCharsets.UTF_8) ? new String(bytes, StandardCharsets.UTF_8)
                : new String(bytes, Charset.forName("GBK"));
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
    }

    private static boolean decodes(byte[] bytes, Charset cs) {
        try {
            cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
